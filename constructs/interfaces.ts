/**
 * The cross-cutting options every resource construct accepts, one shape each (Azure Verified Modules
 * interfaces: `customer_managed_key`, `private_endpoints`, `managed_identities`, `diagnostic_settings`,
 * `lock`). A construct documents what is specific to it on its prop; the type is always one of these.
 */
import { ITerraformDependable } from 'cdktf';
import { CmkKeyFacts } from '../catalog/customer-managed-keys';
import { IGrantee } from './identity';

export { DiagnosticsOptions } from './monitoring/diagnostic-setting';
export { LockKind, ProtectionOptions } from './governance/protection';
export { PrivateEndpointNetworkOptions } from './private-endpoint';
import { PrivateEndpointNetworkOptions } from './private-endpoint';

/** A user-assigned identity, as a resource names it: by resource id, and by client id where Azure asks for one. */
export interface UserAssignedIdentityReference {
  /** Resource id of the user-assigned identity. */
  readonly resourceId: string;
  /** Client (application) id of the identity. */
  readonly clientId: string;
}

/**
 * The user-assigned identity a resource runs as (AVM `managed_identities`, one user-assigned identity),
 * e.g. a `ManagedIdentity`. Grants made to the resource's identity go to it.
 */
export interface ManagedIdentityOptions extends UserAssignedIdentityReference, IGrantee {}

/** Encryption at rest with a key from the platform Key Vault (AVM `customer_managed_key` interface). */
export interface CustomerManagedKeyOptions {
  /**
   * Key id (`KeyVault.addCustomerManagedKey(...)`): versionless (`.versionlessId`) so the resource follows
   * the key's rotation, or versioned (`.resourceId`) for services that take versioned ids only. Each
   * construct states which it needs.
   */
  readonly keyVaultKeyResourceId: string;
  /**
   * User-assigned identity the resource unwraps the key with; it needs "Key Vault Crypto Service
   * Encryption User" on the vault (`KeyVault.grantCustomerManagedKeyAccess`).
   */
  readonly identity: UserAssignedIdentityReference;
  /**
   * What the resource waits for before it uses the key: the RBAC propagation wait after the grant
   * (`KeyVault.grantCustomerManagedKeyAccess(...).ready`). Azure checks key access when it creates the
   * resource.
   * @default no ordering: the grant must already exist when the resource is created
   */
  readonly accessGrant?: ITerraformDependable;
  /**
   * The key's type, size and vault region (`KeyVault.addCustomerManagedKey` returns them): the resource
   * refuses at synth a key its service cannot use, or one from a vault in a region it cannot use
   * (catalog/customer-managed-keys.ts).
   * @default not checked
   */
  readonly key?: CmkKeyFacts;
}

/** How a resource is reached privately (AVM `private_endpoints` interface, one endpoint). */
export interface PrivateEndpointOptions extends PrivateEndpointNetworkOptions {
  /** Endpoint name; the network interface is named `nic-<name>`. */
  readonly name: string;
  /**
   * Region of the endpoint: the VNet's region (an endpoint may connect to a resource in another region).
   * @default the resource's location
   */
  readonly location?: string;
}

import { Fn, ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { KeyVault as AzurermKeyVault } from '@cdktf/provider-azurerm/lib/key-vault';
import { KeyVaultKey } from '@cdktf/provider-azurerm/lib/key-vault-key';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { protectStatefulResource } from '../governance/protection';
import { CmkKeyType, KEY_VAULT_RSA_SIZES, PREFERRED_RSA_SIZES, chooseKey } from '../../catalog/customer-managed-keys';
import { IGrantee, RbacPropagationWait, grantResourceRole, idSlug } from '../identity';
import { DiagnosticsOptions, PrivateEndpointOptions, ProtectionOptions } from '../interfaces';
import { DiagnosticSetting } from '../monitoring/diagnostic-setting';
import { resourcePrivateEndpoint } from '../private-endpoint';
import { ConstructValidationError, isKnown, throwIfProblems } from '../validation';
import { suppress } from '../../catalog/suppressions';

export interface KeyVaultProps extends ProtectionOptions {
  /** Vault name (3-24 characters, globally unique). */
  readonly name: string;
  readonly location: string;
  readonly resourceGroupName: string;
  /** Entra tenant of the vault. */
  readonly tenantId: string;
  /** `premium` keeps customer-managed keys in HSMs. @default 'premium' */
  readonly skuName?: 'standard' | 'premium';
  /** Days a deleted vault or key stays recoverable, 7-90. @default 90 */
  readonly softDeleteRetentionDays?: number;
  /**
   * Public IP ranges allowed through the firewall (deployment runners outside the VNet). Turns
   * public network access on, limited to these ranges; the policy engine flags it.
   * @default [] (public network access disabled)
   */
  readonly allowedIpRanges?: readonly string[];
  /**
   * Why `allowedIpRanges` is needed (at least 10 characters); required with it. Written into the plan
   * as the suppression of the public-access findings (GAI-KV-004, GAI-PE-005), so reviewers see it.
   * @default none
   */
  readonly publicAccessReason?: string;
  /**
   * Private endpoint (sub-resource `vault`, zone `privatelink.vaultcore.azure.net`). `location` is the
   * VNet's region: a regional vault in another region keeps its endpoint in the platform VNet (a private
   * endpoint may connect to a resource in another region).
   * @default location: the vault's location
   */
  readonly privateEndpoint: PrivateEndpointOptions;
  readonly diagnostics: DiagnosticsOptions;
  /**
   * Principal that deploys (creates keys through the data plane); gets Key Vault Crypto Officer.
   * @default no data-plane grant: keys must then be created by a principal granted elsewhere
   */
  readonly deployer?: IGrantee;
}

export interface CustomerManagedKeyProps {
  /** Key name, e.g. `cmk-storage`. */
  readonly name: string;
  /**
   * Terraform resource types that will encrypt with this key (keys of `CMK_CONSTRAINTS` in
   * catalog/customer-managed-keys.ts, e.g. `azurerm_cognitive_account`). The key's type and size are
   * chosen so that every one of them accepts it; synth fails, listing every problem, when none fits.
   * @default none named: an RSA 3072 key (HSM on premium), which the consumer constructs still check
   * through their `customerManagedKey.key` (AI services refuse it) and GAI-KEY-008 in review
   */
  readonly consumers?: readonly string[];
  /**
   * RSA key size in bits; refused at synth when a consumer does not accept it.
   * @default the first of 3072, 4096, 2048 that every consumer accepts
   */
  readonly keySize?: number;
  /** Rotate this many days after creation; a whole number, at least 7. @default 180 */
  readonly rotationDays?: number;
  /** Expire this many days after creation; at least `rotationDays` + 30, so rotation happens first. @default 365 */
  readonly expiryDays?: number;
}

/** A key for customer-managed encryption, with automatic rotation. */
export interface CustomerManagedKey {
  readonly name: string;
  /** Versioned key id (`https://<vault>/keys/<name>/<version>`), for services that take versioned ids only. */
  readonly resourceId: string;
  /** Id without version, so services that follow rotation do so automatically. */
  readonly versionlessId: string;
  readonly keyType: CmkKeyType;
  readonly keySize: number;
  /** Region of the key's vault (some services need it to be their own region). */
  readonly vaultLocation: string;
  /** The resource types the key was chosen for. */
  readonly consumers: readonly string[];
}

/** A grant that lets a CMK consumer's identity use the vault's keys, and the wait for it to propagate. */
export interface CustomerManagedKeyAccess {
  readonly roleAssignment: RoleAssignment;
  /** What the consumer depends on: the RBAC propagation wait after the grant (never the grant itself). */
  readonly ready: ITerraformDependable;
}

export interface CustomerManagedKeyAccessOptions {
  /** Seconds to wait for RBAC propagation. @default DEFAULT_RBAC_PROPAGATION_SECONDS (120) */
  readonly propagationWaitSeconds?: number;
}

/** Days before expiry Event Grid notifies (Key Vault `notify_before_expiry`). */
const NOTIFY_BEFORE_EXPIRY_DAYS = 30;
/** The platform's RSA size when no consumer is named (GAI-KEY-004). */
const DEFAULT_RSA_SIZE = PREFERRED_RSA_SIZES[0];
/** Key Vault refuses a rotation policy that rotates sooner than 7 days after creation. */
const MIN_ROTATION_DAYS = 7;

/**
 * A Key Vault for customer-managed keys and platform secrets: RBAC authorization only, purge
 * protection, 90-day soft delete, no public network access, a private endpoint, all logs and metrics
 * to the workspace, a delete lock and prevent-destroy by default.
 */
export class KeyVault extends Construct {
  readonly resourceId: string;
  readonly name: string;
  readonly vaultUri: string;
  readonly location: string;

  private readonly vault: AzurermKeyVault;
  private readonly skuName: 'standard' | 'premium';
  /** Whether keys get `prevent_destroy` (the vault's own protection setting). */
  private readonly preventDestroy: boolean;
  private readonly keyAccess = new Map<string, CustomerManagedKeyAccess>();
  /** Data-plane prerequisites of creating keys: the deployer's grant and the private endpoint's DNS. */
  private readonly keyDependencies: ITerraformDependable[] = [];

  constructor(scope: Construct, id: string, props: KeyVaultProps) {
    super(scope, id);
    this.skuName = props.skuName ?? 'premium';
    this.location = props.location;
    this.preventDestroy = props.preventDestroy ?? true;
    const softDeleteRetentionDays = props.softDeleteRetentionDays ?? 90;
    const allowedIpRanges = props.allowedIpRanges ?? [];
    const problems: string[] = [];
    if (isKnown(softDeleteRetentionDays) && (!Number.isInteger(softDeleteRetentionDays) || softDeleteRetentionDays < 7 || softDeleteRetentionDays > 90)) {
      problems.push(`softDeleteRetentionDays must be a whole number of days from 7 to 90, got ${softDeleteRetentionDays}`);
    }
    if (allowedIpRanges.length > 0 && isKnown(props.publicAccessReason) && (props.publicAccessReason ?? '').trim().length < 10) {
      problems.push('allowedIpRanges opens the vault\'s public endpoint; give publicAccessReason (at least 10 characters), which is recorded in the plan');
    }
    throwIfProblems(this.node.path, problems);

    this.vault = new AzurermKeyVault(this, 'vault', {
      name: props.name,
      location: props.location,
      resourceGroupName: props.resourceGroupName,
      tenantId: props.tenantId,
      skuName: this.skuName,
      rbacAuthorizationEnabled: true,
      purgeProtectionEnabled: true,
      softDeleteRetentionDays,
      publicNetworkAccessEnabled: allowedIpRanges.length > 0,
      enabledForDeployment: false,
      enabledForDiskEncryption: false,
      enabledForTemplateDeployment: false,
      networkAcls: {
        defaultAction: 'Deny',
        // Trusted services (Storage, AI Search, AI Services) unwrap customer-managed keys through it.
        bypass: 'AzureServices',
        ipRules: allowedIpRanges.length > 0 ? [...allowedIpRanges] : undefined,
      },
    });
    this.resourceId = this.vault.id;
    this.name = this.vault.name;
    this.vaultUri = this.vault.vaultUri;
    protectStatefulResource(this, this.vault, props.name, props);
    if (allowedIpRanges.length > 0) {
      for (const ruleId of ['GAI-KV-004', 'GAI-PE-005']) suppress(this.vault, ruleId, `deployer IP ranges ${allowedIpRanges.join(', ')}: ${props.publicAccessReason!.trim()}`);
    }

    const endpoint = resourcePrivateEndpoint(this, {
      privateEndpoint: props.privateEndpoint, location: props.location, resourceGroupName: props.resourceGroupName,
      targetResourceId: this.vault.id, subresourceName: 'vault', protection: props,
    });
    this.keyDependencies.push(endpoint.dependable);
    new DiagnosticSetting(this, 'diagnostics', { ...props.diagnostics, targetResourceId: this.vault.id, dedicatedTables: true });

    if (props.deployer) {
      // Keys are created through the data plane right after this grant: wait for it to propagate, or the
      // first key create fails with 403 (azurerm does not retry it).
      const officer = this.grantCryptoOfficer(props.deployer);
      this.keyDependencies.push(new RbacPropagationWait(this, 'rbac-wait-deployer', { roleAssignments: [officer] }).dependable);
    }
  }

  /**
   * A key limited to wrap/unwrap, HSM-backed on premium, of a type and size every consumer accepts
   * (catalog/customer-managed-keys.ts), rotated automatically `rotationDays` after creation. Every version
   * expires: the first at `expiration_date` (creation + `expiryDays`, set once: `lifecycle.ignore_changes`
   * keeps the date Key Vault moves on each rotation from forcing a replacement), later ones by the rotation
   * policy's `expire_after`. `prevent_destroy` follows the vault's `preventDestroy`.
   */
  addCustomerManagedKey(id: string, props: CustomerManagedKeyProps): CustomerManagedKey {
    const rotationDays = props.rotationDays ?? 180;
    const expiryDays = props.expiryDays ?? 365;
    const problems: string[] = [];
    const known = isKnown(rotationDays) && isKnown(expiryDays);
    if (isKnown(rotationDays) && (!Number.isInteger(rotationDays) || rotationDays < MIN_ROTATION_DAYS)) {
      problems.push(`rotationDays must be a whole number of days, at least ${MIN_ROTATION_DAYS}, got ${rotationDays}`);
    }
    if (isKnown(expiryDays) && !Number.isInteger(expiryDays)) {
      problems.push(`expiryDays must be a whole number of days, got ${expiryDays}`);
    }
    if (known && !(expiryDays >= rotationDays + NOTIFY_BEFORE_EXPIRY_DAYS)) {
      problems.push(`expiryDays (${expiryDays}) must be at least rotationDays + ${NOTIFY_BEFORE_EXPIRY_DAYS} (${rotationDays + NOTIFY_BEFORE_EXPIRY_DAYS})`);
    }
    const consumers = props.consumers ?? [];
    const preferredType: CmkKeyType = this.skuName === 'premium' ? 'RSA-HSM' : 'RSA';
    const choice = consumers.length > 0
      ? chooseKey(consumers, preferredType, props.keySize)
      : { keyType: preferredType, keySize: props.keySize ?? DEFAULT_RSA_SIZE };
    if ('problems' in choice) problems.push(...choice.problems);
    if (props.keySize !== undefined && isKnown(props.keySize) && !KEY_VAULT_RSA_SIZES.includes(props.keySize)) {
      problems.push(`keySize must be one of ${KEY_VAULT_RSA_SIZES.join(', ')} (Key Vault RSA sizes), got ${props.keySize}`);
    }
    if (problems.length > 0 || 'problems' in choice) throw new ConstructValidationError(`${this.node.path}/${id}`, problems);
    const key = new KeyVaultKey(this, id, {
      name: props.name,
      keyVaultId: this.vault.id,
      keyType: choice.keyType,
      keySize: choice.keySize,
      keyOpts: ['wrapKey', 'unwrapKey'],
      // The first version's expiry (rotation_policy.expire_after applies to versions rotation creates).
      // plantimestamp() is known at plan time, so the plan shows the date; after creation the date is
      // ignored, so later plans neither move it nor replace the key when rotation moves it.
      expirationDate: Fn.timeadd(Fn.plantimestamp(), `${expiryDays * 24}h`),
      rotationPolicy: {
        automatic: { timeAfterCreation: `P${rotationDays}D` },
        expireAfter: `P${expiryDays}D`,
        notifyBeforeExpiry: `P${NOTIFY_BEFORE_EXPIRY_DAYS}D`,
      },
      // azurerm 4.55 key_vault_key: Read sets expiration_date from the latest version, and a change to it
      // from a date to none forces a new key; with the date ignored, a rotation changes nothing in plans.
      lifecycle: { ignoreChanges: ['expiration_date'], preventDestroy: this.preventDestroy || undefined },
      dependsOn: this.keyDependencies,
    });
    return {
      name: key.name, resourceId: key.id, versionlessId: key.versionlessId,
      keyType: choice.keyType, keySize: choice.keySize, vaultLocation: this.location, consumers,
    };
  }

  /**
   * Lets a CMK consumer's identity use this vault's keys (Key Vault Crypto Service Encryption User) and
   * waits for the grant to propagate: the consumer depends on `ready`, so its first PUT does not fail with
   * 403 (constructs/identity/propagation.ts). One grant and wait per grantee.
   */
  grantCustomerManagedKeyAccess(grantee: IGrantee, options: CustomerManagedKeyAccessOptions = {}): CustomerManagedKeyAccess {
    const existing = this.keyAccess.get(grantee.label);
    if (existing) return existing;
    const roleAssignment = this.grantCryptoServiceEncryptionUser(grantee);
    const wait = new RbacPropagationWait(this, `rbac-wait-${idSlug(grantee.label)}`, {
      roleAssignments: [roleAssignment], seconds: options.propagationWaitSeconds,
    });
    const access = { roleAssignment, ready: wait.dependable };
    this.keyAccess.set(grantee.label, access);
    return access;
  }

  /** Lets a service use this vault's keys for encryption at rest (wrap/unwrap only). */
  grantCryptoServiceEncryptionUser(grantee: IGrantee): RoleAssignment {
    return grantResourceRole(this, this.vault.id, grantee, 'Key Vault Crypto Service Encryption User');
  }

  /** Lets a workload read secrets (e.g. Container Apps Key Vault references). */
  grantSecretsUser(grantee: IGrantee): RoleAssignment {
    return grantResourceRole(this, this.vault.id, grantee, 'Key Vault Secrets User');
  }

  /** Lets a principal manage keys (the deployer). */
  grantCryptoOfficer(grantee: IGrantee): RoleAssignment {
    return grantResourceRole(this, this.vault.id, grantee, 'Key Vault Crypto Officer');
  }

}

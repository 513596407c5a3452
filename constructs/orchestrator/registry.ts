import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { ContainerRegistry as AzurermContainerRegistry } from '@cdktf/provider-azurerm/lib/container-registry';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { protectStatefulResource } from '../governance/protection';
import { IGrantee, grantResourceRole } from '../identity';
import { CustomerManagedKeyOptions, DiagnosticsOptions, PrivateEndpointOptions, ProtectionOptions } from '../interfaces';
import { DiagnosticSetting } from '../monitoring/diagnostic-setting';
import { nameProblems } from '../../catalog/naming-rules';
import { resourcePrivateEndpoint } from '../private-endpoint';
import { isKnown, throwIfProblems } from '../validation';

/** Versionless Key Vault key id: services follow the key's rotation. */
const VERSIONLESS_KEY_ID = /^https:\/\/[^/]+\/keys\/[^/]+\/?$/i;

export interface ContainerRegistryProps extends ProtectionOptions {
  /** Registry name (5-50 lowercase letters and digits, globally unique: `<name>.azurecr.io`). */
  readonly name: string;
  readonly location: string;
  readonly resourceGroupName: string;
  /**
   * Zone-redundant registry storage and endpoints. Fixed at creation; the region must have
   * availability zones.
   * @default true
   */
  readonly zoneRedundancyEnabled?: boolean;
  /**
   * Days an untagged manifest is kept before the retention policy purges it, 1-365; 0 turns the
   * policy off. An app pinned to a digest whose tag was moved runs an untagged manifest: push a new
   * version tag instead of moving one, or lock the manifest (`az acr repository update
   * --delete-enabled false`), which retention never deletes.
   * @default 30
   */
  readonly untaggedRetentionDays?: number;
  /**
   * Encrypt with a customer-managed key. Fixed at creation: Azure cannot add or remove it later.
   * `keyVaultKeyResourceId` must be versionless (`KeyVault.addCustomerManagedKey(...).versionlessId`), so
   * the registry follows the key's rotation; ACR names `identity` by its client id. `key` is not checked
   * (catalog/customer-managed-keys.ts has no constraints for registries).
   * @default Microsoft-managed keys
   */
  readonly customerManagedKey?: CustomerManagedKeyOptions;
  /**
   * Private endpoint (sub-resource `registry`, zone `privatelink.azurecr.io`; the zone also receives
   * the regional data endpoint's record).
   */
  readonly privateEndpoint: PrivateEndpointOptions;
  readonly diagnostics: DiagnosticsOptions;
}

/**
 * The private container registry the orchestrator's images come from: Premium (private endpoints,
 * zone redundancy, retention), Entra ID only (no admin user, no anonymous pull), no public network
 * access and no trusted-service bypass, artifacts cannot be exported, a dedicated data endpoint
 * behind the private endpoint, all logs and metrics to the workspace, a delete lock and
 * prevent-destroy by default.
 *
 * Pushing needs line of sight to the VNet (a CI runner inside it), as for Key Vault data-plane
 * operations. Content trust (`trust_policy_enabled`) stays off: Docker Content Trust is being
 * retired (azurerm 5 drops the argument); sign images with Notation instead. Quarantine stays off:
 * it holds every pushed image until a scanner releases it.
 */
export class ContainerRegistry extends Construct {
  readonly resourceId: string;
  readonly name: string;
  /** `<name>.azurecr.io`: the `server` of an app's `registry` block and the prefix of its images. */
  readonly loginServer: string;
  /**
   * The registry's private endpoint, DNS zone group included (its A records for the login server and
   * the data endpoint). An app that pulls from the registry depends on it (GAI-ACA-015): until the
   * records exist, `<name>.azurecr.io` resolves to the registry's public address, which refuses the
   * pull (public network access is off), and the first revision fails to provision.
   */
  readonly privateEndpoint: ITerraformDependable;

  private readonly registry: AzurermContainerRegistry;

  constructor(scope: Construct, id: string, props: ContainerRegistryProps) {
    super(scope, id);
    const untaggedRetentionDays = props.untaggedRetentionDays ?? 30;
    const cmk = props.customerManagedKey;
    const problems: string[] = [];
    if (isKnown(props.name)) problems.push(...nameProblems('containerRegistry', props.name).map((p) => `name: ${p}`));
    if (isKnown(untaggedRetentionDays) && (!Number.isInteger(untaggedRetentionDays) || untaggedRetentionDays < 0 || untaggedRetentionDays > 365)) {
      problems.push(`untaggedRetentionDays must be a whole number of days from 0 to 365, got ${untaggedRetentionDays}`);
    }
    if (cmk && isKnown(cmk.keyVaultKeyResourceId) && !VERSIONLESS_KEY_ID.test(cmk.keyVaultKeyResourceId)) {
      problems.push(`customerManagedKey.keyVaultKeyResourceId must be a versionless key id (https://<vault>.vault.azure.net/keys/<name>) so the registry follows key rotation, got '${cmk.keyVaultKeyResourceId}'`);
    }
    throwIfProblems(this.node.path, problems);

    this.registry = new AzurermContainerRegistry(this, 'registry', {
      name: props.name,
      location: props.location,
      resourceGroupName: props.resourceGroupName,
      // Premium is the only tier with private endpoints, zone redundancy, retention and export control.
      sku: 'Premium',
      adminEnabled: false,
      anonymousPullEnabled: false,
      publicNetworkAccessEnabled: false,
      networkRuleBypassOption: 'None',
      // Needs public network access off (azurerm refuses it otherwise).
      exportPolicyEnabled: false,
      dataEndpointEnabled: true,
      zoneRedundancyEnabled: props.zoneRedundancyEnabled ?? true,
      retentionPolicyInDays: untaggedRetentionDays,
      identity: cmk ? { type: 'UserAssigned', identityIds: [cmk.identity.resourceId] } : undefined,
      encryption: cmk ? [{ keyVaultKeyId: cmk.keyVaultKeyResourceId, identityClientId: cmk.identity.clientId }] : undefined,
      dependsOn: cmk?.accessGrant ? [cmk.accessGrant] : undefined,
    });
    this.resourceId = this.registry.id;
    this.name = this.registry.name;
    this.loginServer = this.registry.loginServer;
    protectStatefulResource(this, this.registry, props.name, props);

    const endpoint = resourcePrivateEndpoint(this, {
      privateEndpoint: props.privateEndpoint, location: props.location, resourceGroupName: props.resourceGroupName,
      targetResourceId: this.registry.id, subresourceName: 'registry', protection: props,
    });
    this.privateEndpoint = endpoint.dependable;
    new DiagnosticSetting(this, 'diagnostics', { ...props.diagnostics, targetResourceId: this.registry.id });
  }

  /** Lets a workload pull images (the orchestrator app's identity). */
  grantPull(grantee: IGrantee): RoleAssignment {
    return grantResourceRole(this, this.registry.id, grantee, 'AcrPull');
  }
}

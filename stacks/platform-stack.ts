import { Aspects, AzurermBackend, LocalBackend, TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { DataAzurermClientConfig } from '@cdktf/provider-azurerm/lib/data-azurerm-client-config';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { EnvironmentConfig, RESOURCE_GROUP_ROLES } from '../environments/schema';
import { Governance, RequiredTags } from '../constructs/governance';
import { ManagedIdentity } from '../constructs/identity';
import { CustomerManagedKey, KeyVault } from '../constructs/key-vault';
import { Monitoring } from '../constructs/monitoring';
import { Naming } from '../constructs/naming';
import { MONITOR_PRIVATE_DNS_ZONES, Network } from '../constructs/network';

/**
 * One environment of the platform. Composes the layers in dependency order and wires them
 * together by ids and identities; it holds no resource settings of its own.
 */
export class PlatformStack extends TerraformStack {
  readonly config: EnvironmentConfig;
  readonly naming: Naming;
  readonly governance: Governance;
  readonly monitoring: Monitoring;
  readonly network: Network;
  readonly keyVault: KeyVault;
  /** Identity services use to unwrap their customer-managed keys. */
  readonly cmkIdentity: ManagedIdentity;
  /** The platform's customer-managed key (used by the storage, search and AI layers). */
  readonly platformKey: CustomerManagedKey;

  constructor(scope: Construct, id: string, config: EnvironmentConfig) {
    super(scope, id);
    this.config = config;
    const { location } = config;
    this.addOverride('terraform.required_version', '>= 1.9.0, < 2.0.0');
    this.configureState(config);
    new AzurermProvider(this, 'azurerm', {
      subscriptionId: config.subscriptionId,
      // Entra ID for the storage data plane: shared keys are disabled on every account.
      storageUseAzuread: true,
      features: [{
        keyVault: [{ purgeSoftDeleteOnDestroy: false, purgeSoftDeletedKeysOnDestroy: false, recoverSoftDeletedKeyVaults: true, recoverSoftDeletedKeys: true }],
        cognitiveAccount: [{ purgeSoftDeleteOnDestroy: false }],
        logAnalyticsWorkspace: [{ permanentlyDeleteOnDestroy: false }],
        resourceGroup: [{ preventDeletionIfContainsResources: true }],
      }],
    });
    const client = new DataAzurermClientConfig(this, 'client');

    this.naming = new Naming({
      workload: config.workload, environment: config.name, location,
      uniqueSuffix: config.naming.uniqueSuffix, seed: config.naming.seed,
    });
    const naming = this.naming;
    const protection = {
      lock: config.governance.deleteLocksEnabled ? 'CanNotDelete' as const : 'none' as const,
      preventDestroy: config.governance.preventDestroyEnabled,
    };

    this.governance = new Governance(this, 'governance', { naming, location, resourceGroupRoles: RESOURCE_GROUP_ROLES });
    const rg = (role: (typeof RESOURCE_GROUP_ROLES)[number]) => this.governance.resourceGroup(role).name;

    this.monitoring = new Monitoring(this, 'monitoring', {
      naming, location, resourceGroupName: rg('monitoring'),
      retentionDays: config.monitoring.retentionDays,
      dailyQuotaGb: config.monitoring.dailyQuotaGb,
      alertEmails: config.monitoring.alertEmails,
      ...protection,
    });
    const diagnostics = this.monitoring.diagnostics;

    this.network = new Network(this, 'network', {
      naming, location, resourceGroupName: rg('network'),
      addressSpace: config.network.addressSpace,
      subnets: config.network.subnets,
      dnsServers: config.network.dnsServers,
      hubPrivateDnsZoneResourceIds: config.network.hubPrivateDnsZoneResourceIds,
      egress: config.network.egress,
      zones: config.production ? ['1', '2', '3'] : undefined,
      diagnostics,
    });
    const privateEndpointSubnet = this.network.subnetResourceIds.privateEndpoints;

    if (config.monitoring.privateLinkScopeEnabled) {
      this.monitoring.addPrivateLinkScope({
        subnetResourceId: privateEndpointSubnet,
        privateDnsZoneResourceIds: this.network.privateDnsZoneResourceIds(MONITOR_PRIVATE_DNS_ZONES),
      });
    }

    this.cmkIdentity = new ManagedIdentity(this, 'cmk-identity', {
      name: naming.name('userAssignedIdentity', 'cmk'), location, resourceGroupName: rg('security'), workload: 'cmk',
    });
    this.keyVault = new KeyVault(this, 'key-vault', {
      name: naming.name('keyVault'), location, resourceGroupName: rg('security'),
      tenantId: client.tenantId,
      skuName: config.keyVault.skuName,
      softDeleteRetentionDays: config.keyVault.softDeleteRetentionDays,
      allowedIpRanges: config.keyVault.deployerIpRanges,
      publicAccessReason: config.keyVault.deployerAccessReason,
      privateEndpoint: {
        name: naming.name('privateEndpoint', 'kv'),
        subnetResourceId: privateEndpointSubnet,
        privateDnsZoneResourceIds: [this.network.privateDnsZoneResourceId('keyVault')],
      },
      diagnostics,
      deployer: { principalId: client.objectId, label: 'deployer' },
      ...protection,
    });
    this.keyVault.grantCryptoServiceEncryptionUser(this.cmkIdentity);
    this.platformKey = this.keyVault.addCustomerManagedKey('platform-key', {
      name: 'cmk-platform',
      rotationDays: config.keyVault.keyRotationDays,
      expiryDays: config.keyVault.keyExpiryDays,
    });

    this.governance.addBudgets({
      monthlyAmounts: config.budgets.monthlyAmounts,
      contactEmails: config.budgets.contactEmails,
      actionGroupResourceId: this.monitoring.actionGroupResourceId,
      startDate: config.budgets.startDate,
    });

    Aspects.of(this).add(new RequiredTags(config.tags));

    new TerraformOutput(this, 'virtual_network_id', { value: this.network.virtualNetworkResourceId });
    new TerraformOutput(this, 'key_vault_uri', { value: this.keyVault.vaultUri });
    new TerraformOutput(this, 'log_analytics_workspace_id', { value: this.monitoring.workspaceResourceId });
    new TerraformOutput(this, 'cmk_identity_id', { value: this.cmkIdentity.resourceId });
  }

  private configureState(config: EnvironmentConfig): void {
    const state = config.state;
    if (state.backend === 'local') {
      new LocalBackend(this, { path: `terraform.${config.name}.tfstate` });
      return;
    }
    new AzurermBackend(this, {
      resourceGroupName: state.resourceGroupName,
      storageAccountName: state.storageAccountName,
      containerName: state.containerName,
      key: state.key,
      subscriptionId: state.subscriptionId,
      tenantId: state.tenantId,
      // Entra ID data-plane auth, never storage keys. CI federates with ARM_USE_OIDC=true;
      // administrators use their Azure CLI login.
      useAzureadAuth: true,
    });
  }
}

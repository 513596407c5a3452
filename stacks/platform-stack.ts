import { Aspects, AzurermBackend, LocalBackend, TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { DataAzurermClientConfig } from '@cdktf/provider-azurerm/lib/data-azurerm-client-config';
import { DataAzurermUserAssignedIdentity } from '@cdktf/provider-azurerm/lib/data-azurerm-user-assigned-identity';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { EnvironmentConfig, RESOURCE_GROUP_ROLES } from '../environments/schema';
import { ModelAccount } from '../constructs/ai-models';
import { AiGateway, BACKEND_IDS } from '../constructs/ai-gateway';
import { DEFAULT_TOKEN_METRIC_NAMESPACE, renderGatewayPolicies } from '../constructs/ai-gateway/policy-templates';
import { AzapiProvider, REQUIRED_TERRAFORM_VERSION } from '../constructs/azapi';
import { SemanticCache } from '../constructs/cache';
import { Governance, RequiredTags } from '../constructs/governance';
import { ManagedIdentity, RbacPropagationWait } from '../constructs/identity';
import { CustomerManagedKey, KeyVault } from '../constructs/key-vault';
import { Monitoring } from '../constructs/monitoring';
import { Naming, REGIONS, deployIdentityName } from '../constructs/naming';
import { ContainerApp, ContainerAppsEnvironment, ContainerRegistry } from '../constructs/orchestrator';
import { SearchService } from '../constructs/search';
import { DocumentStorage } from '../constructs/storage';
import { MONITOR_PRIVATE_DNS_ZONES, Network } from '../constructs/network';
import { PlatformAlerts } from '../constructs/monitoring/alerts';
import { TokenUsageWorkbook } from '../constructs/monitoring/workbook';

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
  /** Customer-managed keys per service: one key per blast radius. */
  readonly keys: { readonly ai: CustomerManagedKey; readonly storage: CustomerManagedKey; readonly cache: CustomerManagedKey };
  /** The AI gateway's identity: the only workload that calls the model accounts. */
  readonly gatewayIdentity: ManagedIdentity;
  /** The orchestrator app's identity: reads search and documents, never the models directly. */
  readonly orchestratorIdentity: ManagedIdentity;
  /** Model accounts; the first is the primary. */
  readonly modelAccounts: readonly ModelAccount[];
  readonly search: SearchService;
  readonly documents: DocumentStorage;
  readonly gateway: AiGateway;
  readonly orchestrator: ContainerApp;

  constructor(scope: Construct, id: string, config: EnvironmentConfig) {
    super(scope, id);
    this.config = config;
    const { location } = config;
    this.addOverride('terraform.required_version', REQUIRED_TERRAFORM_VERSION);
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
        // Storage accounts are private: never read their data plane (queues, static website) at plan time.
        storage: [{ dataPlaneAvailable: false }],
      }],
    });
    new AzapiProvider(this, 'azapi', { subscriptionId: config.subscriptionId });
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
      // The Monitor zones only with the scope that fills them (GAI-MON-008).
      azureMonitorPrivateDnsZonesEnabled: config.monitoring.privateLinkScopeEnabled,
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
    const deployer = { principalId: this.deployerPrincipalId(config, client.objectId), label: 'deployer' };
    /** A vault with the platform's hardening; its private endpoint always sits in the platform VNet. */
    const keyVaultIn = (id: string, region: string, qualifier?: string) => new KeyVault(this, id, {
      name: naming.name('keyVault', qualifier), location: region, resourceGroupName: rg('security'),
      tenantId: client.tenantId,
      skuName: config.keyVault.skuName,
      softDeleteRetentionDays: config.keyVault.softDeleteRetentionDays,
      allowedIpRanges: config.keyVault.deployerIpRanges,
      publicAccessReason: config.keyVault.deployerAccessReason,
      privateEndpoint: {
        name: naming.name('privateEndpoint', qualifier ? `kv-${qualifier}` : 'kv'),
        location,
        subnetResourceId: privateEndpointSubnet,
        privateDnsZoneResourceIds: [this.network.privateDnsZoneResourceId('keyVault')],
      },
      diagnostics,
      deployer,
      ...protection,
    });
    this.keyVault = keyVaultIn('key-vault', location);
    // Consumers wait for the grant to propagate, not just for the grant (first-apply 403s otherwise).
    const cmkAccess = this.keyVault.grantCustomerManagedKeyAccess(this.cmkIdentity);
    const keyPolicy = { rotationDays: config.keyVault.keyRotationDays, expiryDays: config.keyVault.keyExpiryDays };
    // Each key suits the services that use it (catalog/customer-managed-keys.ts): AI services take RSA 2048 only.
    this.keys = {
      ai: this.keyVault.addCustomerManagedKey('ai-key', { name: 'cmk-ai', consumers: ['azurerm_cognitive_account'], ...keyPolicy }),
      storage: this.keyVault.addCustomerManagedKey('storage-key', { name: 'cmk-storage', consumers: ['azurerm_storage_account'], ...keyPolicy }),
      cache: this.keyVault.addCustomerManagedKey('cache-key', { name: 'cmk-cache', consumers: ['azurerm_managed_redis'], ...keyPolicy }),
    };
    // AI services need their key's vault in their own region: one regional vault, with its own AI key and
    // grant, per other region that hosts a model account (docs/adr/0006-regional-key-vaults.md).
    const aiKeys = new Map([[location, { key: this.keys.ai, access: cmkAccess }]]);
    for (const region of new Set(config.ai.accounts.map((account) => account.location))) {
      if (aiKeys.has(region)) continue;
      const code = REGIONS[region].shortCode;
      const regionalVault = keyVaultIn(`key-vault-${code}`, region, code);
      aiKeys.set(region, {
        key: regionalVault.addCustomerManagedKey('ai-key', { name: 'cmk-ai', consumers: ['azurerm_cognitive_account'], ...keyPolicy }),
        access: regionalVault.grantCustomerManagedKeyAccess(this.cmkIdentity),
      });
    }
    const aiCustomerManagedKey = (region: string) => {
      const ai = aiKeys.get(region)!;
      return { keyVaultKeyResourceId: ai.key.versionlessId, identity: this.cmkIdentity, accessGrant: ai.access.ready, key: ai.key };
    };

    const identity = (workload: string, qualifier: string) => new ManagedIdentity(this, `${workload}-identity`, {
      name: naming.name('userAssignedIdentity', qualifier), location, resourceGroupName: rg('security'), workload,
    });
    this.gatewayIdentity = identity('gateway', 'gateway');
    this.orchestratorIdentity = identity('orchestrator', 'app');
    const searchIdentity = identity('search', 'srch');

    this.modelAccounts = config.ai.accounts.map((account) => {
      const qualifier = account.primary ? account.name : `${account.name}-${REGIONS[account.location].shortCode}`;
      const modelAccount = new ModelAccount(this, `model-account-${account.name}`, {
        name: naming.name('aiServices', qualifier),
        location: account.location,
        resourceGroupName: rg('ai'),
        customerManagedKey: aiCustomerManagedKey(account.location),
        allowedOutboundFqdns: account.allowedOutboundFqdns,
        privateEndpoint: {
          name: naming.name('privateEndpoint', `ais-${account.name}`),
          location,
          subnetResourceId: privateEndpointSubnet,
          privateDnsZoneResourceIds: this.network.privateDnsZoneResourceIds(['cognitiveServices', 'openAi', 'aiServices']),
        },
        diagnostics,
        contentFilterThreshold: config.ai.contentFilterThreshold,
        deployments: account.deployments,
        alerts: { actionGroupResourceId: this.monitoring.actionGroupResourceId },
        ...protection,
      });
      modelAccount.grantOpenAiUser(this.gatewayIdentity);
      return modelAccount;
    });
    const primaryModels = this.modelAccounts[0];

    this.documents = new DocumentStorage(this, 'documents', {
      name: naming.name('storageAccount'), location, resourceGroupName: rg('ai'),
      replicationType: config.ai.storage.replicationType,
      containerNames: config.ai.storage.containerNames,
      customerManagedKey: { keyVaultKeyResourceId: this.keys.storage.versionlessId, identity: this.cmkIdentity, accessGrant: cmkAccess.ready, key: this.keys.storage },
      privateEndpoint: {
        name: naming.name('privateEndpoint', 'st'),
        subnetResourceId: privateEndpointSubnet,
        privateDnsZoneResourceIds: [this.network.privateDnsZoneResourceId('blob')],
      },
      diagnostics,
      ...protection,
    });

    this.search = new SearchService(this, 'search', {
      name: naming.name('searchService'), location, resourceGroupName: rg('ai'),
      skuName: config.ai.search.skuName,
      replicaCount: config.ai.search.replicaCount,
      partitionCount: config.ai.search.partitionCount,
      managedIdentity: searchIdentity,
      privateEndpoint: {
        name: naming.name('privateEndpoint', 'srch'),
        subnetResourceId: privateEndpointSubnet,
        privateDnsZoneResourceIds: [this.network.privateDnsZoneResourceId('search')],
      },
      diagnostics,
      sharedPrivateLinks: config.ai.search.sharedPrivateLinksEnabled ? [
        { name: 'spl-documents', targetResourceId: this.documents.resourceId, subresourceName: 'blob', requestMessage: 'AI Search indexers read documents' },
        { name: 'spl-models', targetResourceId: primaryModels.resourceId, subresourceName: 'cognitiveservices_account', requestMessage: 'AI Search vectorizes with the embeddings deployment' },
      ] : undefined,
      ...protection,
    });

    // Least privilege: search reads documents and embeds with the models; the orchestrator reads search
    // and documents and reaches the models only through the gateway.
    this.keyVault.grantCryptoServiceEncryptionUser(searchIdentity);
    primaryModels.grantOpenAiUser(searchIdentity);
    this.documents.grantBlobDataReader(searchIdentity);
    this.search.grantIndexDataReader(this.orchestratorIdentity);
    this.documents.grantBlobDataReader(this.orchestratorIdentity);

    // --- AI gateway: the only path to the models ------------------------------------------------
    const embeddings = primaryModels.deployments.size > 0
      ? [...primaryModels.deployments.values()].find((d) => d.spec.model.startsWith('text-embedding'))
      : undefined;
    const cache = config.ai.semanticCacheEnabled ? new SemanticCache(this, 'cache', {
      name: naming.name('managedRedis'), location, resourceGroupName: rg('app'),
      privateEndpoint: {
        name: naming.name('privateEndpoint', 'amr'),
        subnetResourceId: privateEndpointSubnet,
        privateDnsZoneResourceIds: [this.network.privateDnsZoneResourceId('managedRedis')],
      },
      diagnostics,
      // Managed Redis takes versioned key ids only: a rotation needs a plan that picks up the new version.
      customerManagedKey: { keyVaultKeyResourceId: this.keys.cache.resourceId, identity: this.cmkIdentity, accessGrant: cmkAccess.ready, key: this.keys.cache },
      accessKeysForApim: {
        reason: 'azurerm 4.55 has no Entra access policy for Managed Redis (4.60 adds it); APIM\'s external cache takes a connection string',
      },
      ...protection,
    }) : undefined;

    const ptuSpillover = Object.fromEntries([...primaryModels.deployments.values()]
      .filter((d) => d.spec.spilloverDeployment).map((d) => [d.spec.name, d.spec.spilloverDeployment!]));
    const policies = renderGatewayPolicies({
      modelApi: {
        gatewayIdentityClientId: this.gatewayIdentity.clientId,
        deployments: [...primaryModels.deployments.keys()],
        contentSafety: { backendId: BACKEND_IDS.contentSafety },
        routing: {
          alias: config.gateway.routingAlias,
          defaultDeployment: config.gateway.routingDefault,
          rules: config.gateway.routingRules.map(({ deployment, ...when }) => ({ deployment, when })),
        },
        semanticCache: cache && embeddings ? {
          embeddingsBackendId: BACKEND_IDS.embeddings,
          scoreThreshold: config.gateway.cacheScoreThreshold,
          durationSeconds: config.gateway.cacheDurationSeconds,
        } : undefined,
        callerAuthentication: config.gateway.entraAudience ? { tenantId: client.tenantId, audiences: [config.gateway.entraAudience] } : undefined,
      },
      teams: config.gateway.teams.map((team) => ({
        team: team.name,
        tokensPerMinute: team.tokensPerMinute,
        tokenQuota: team.tokenQuota,
        tokenQuotaPeriod: team.tokenQuotaPeriod,
        perUserTokensPerMinute: team.perUserTokensPerMinute,
        allowedDeployments: team.allowedModels,
      })),
    });
    // The content-safety backend calls the primary account as the gateway identity: grant it first.
    const contentSafetyAccess = primaryModels.grantContentSafetyUser(this.gatewayIdentity);
    this.gateway = new AiGateway(this, 'gateway', {
      name: naming.name('apiManagement'), location, resourceGroupName: rg('app'),
      skuName: config.gateway.skuName,
      capacity: config.gateway.capacity,
      zones: config.gateway.zones,
      publisherName: config.gateway.publisherName,
      publisherEmail: config.gateway.publisherEmail,
      subnetResourceId: this.network.subnetResourceIds.apim,
      virtualNetworkResourceId: this.network.virtualNetworkResourceId,
      managedIdentity: this.gatewayIdentity,
      applicationInsights: {
        resourceId: this.monitoring.applicationInsightsResourceId,
        connectionString: this.monitoring.applicationInsightsConnectionString,
      },
      diagnostics,
      modelBackends: this.modelAccounts.map((account, i) => ({
        name: `models-${config.ai.accounts[i].name}`, url: `${account.openAiEndpoint}openai`, priority: i + 1,
        deployments: [...account.deployments.keys()],
      })),
      contentSafety: { url: primaryModels.cognitiveServicesEndpoint.replace(/\/$/, ''), accessGrant: contentSafetyAccess },
      semanticCache: cache && embeddings ? {
        embeddingsUrl: `${primaryModels.openAiEndpoint}openai/deployments/${embeddings.spec.name}/embeddings`,
        redisConnectionString: cache.apimConnectionString,
        redisResourceId: cache.resourceId,
      } : undefined,
      policies,
      teams: config.gateway.teams,
    });
    if (this.gateway.systemIdentity) primaryModels.grantOpenAiUser(this.gateway.systemIdentity);

    // --- Orchestrator: private app that reaches models only through the gateway -------------------
    const registry = new ContainerRegistry(this, 'registry', {
      name: naming.name('containerRegistry'), location, resourceGroupName: rg('app'),
      zoneRedundancyEnabled: config.production,
      privateEndpoint: {
        name: naming.name('privateEndpoint', 'cr'),
        subnetResourceId: privateEndpointSubnet,
        privateDnsZoneResourceIds: [this.network.privateDnsZoneResourceId('containerRegistry')],
      },
      diagnostics,
      ...protection,
    });
    const environment = new ContainerAppsEnvironment(this, 'apps-environment', {
      name: naming.name('containerAppsEnvironment'), location, resourceGroupName: rg('app'),
      infrastructureSubnetResourceId: this.network.subnetResourceIds.apps,
      virtualNetworkResourceId: this.network.virtualNetworkResourceId,
      zoneRedundancyEnabled: config.production,
      diagnostics,
    });
    const pull = registry.grantPull(this.orchestratorIdentity);
    const secrets = this.keyVault.grantSecretsUser(this.orchestratorIdentity);
    // The app's first revision pulls (AcrPull) and reads its Key Vault secret references as soon as it is
    // created: wait for both grants to propagate.
    // Undefined with the hub's zone: the hub links it before the platform is deployed.
    const registryDnsLink = this.network.privateDnsZoneLink('containerRegistry');
    const grantsReady = new RbacPropagationWait(this, 'orchestrator-grants-propagation', { roleAssignments: [pull, secrets] }).dependable;
    this.orchestrator = new ContainerApp(this, 'orchestrator', {
      name: naming.name('containerApp', 'orch').slice(0, 32).replace(/-+$/, ''),
      resourceGroupName: rg('app'),
      environmentResourceId: environment.resourceId,
      managedIdentity: this.orchestratorIdentity,
      registryLoginServer: registry.loginServer,
      image: config.orchestrator.image,
      gatewayUrl: this.gateway.gatewayUrl,
      production: config.production,
      cpu: config.orchestrator.cpu,
      memory: config.orchestrator.memory,
      targetPort: config.orchestrator.targetPort,
      healthPath: config.orchestrator.healthPath,
      minReplicas: config.orchestrator.minReplicas,
      maxReplicas: config.orchestrator.maxReplicas,
      concurrentRequests: config.orchestrator.concurrentRequests,
      env: [{ name: 'AZURE_SEARCH_ENDPOINT', value: this.search.endpoint }],
      // The first pull resolves the registry through its private endpoint's records, in a zone linked to the
      // VNet (GAI-ACA-015).
      dependsOn: [grantsReady, registry.privateEndpoint, ...(registryDnsLink ? [registryDnsLink] : [])],
      diagnostics,
    });

    new PlatformAlerts(this, 'platform-alerts', {
      resourceGroupName: rg('monitoring'),
      actionGroupResourceId: this.monitoring.actionGroupResourceId,
      namePrefix: `${naming.workload}-${naming.environment}`,
      apiManagementResourceId: this.gateway.resourceId,
      containerAppResourceIds: { orchestrator: this.orchestrator.resourceId },
      keyVaultResourceId: this.keyVault.resourceId,
      spillover: Object.keys(ptuSpillover).length > 0 ? {
        modelAccountResourceId: primaryModels.resourceId,
        ptuDeploymentNames: Object.keys(ptuSpillover),
        spilloverDeploymentNames: Object.values(ptuSpillover),
      } : undefined,
    });
    new TokenUsageWorkbook(this, 'token-usage-workbook', {
      nameSeed: `${naming.workload}-${naming.environment}-token-usage`,
      location,
      resourceGroupName: rg('monitoring'),
      applicationInsightsResourceId: this.monitoring.applicationInsightsResourceId,
      // The workbook reads what the gateway emits (the policy's default namespace) and logs.
      metricNamespace: DEFAULT_TOKEN_METRIC_NAMESPACE,
      modelApiName: this.gateway.modelApiName,
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
    new TerraformOutput(this, 'gateway_url', { value: this.gateway.gatewayUrl });
    new TerraformOutput(this, 'orchestrator_url', { value: this.orchestrator.url });
    new TerraformOutput(this, 'search_endpoint', { value: this.search.endpoint });
    new TerraformOutput(this, 'model_endpoints', { value: Object.fromEntries(this.modelAccounts.map((a) => [a.location, a.openAiEndpoint])) });
  }

  /**
   * Who manages keys on the vault. With remote state, the environment's CI deploy identity (created by
   * the state stack), looked up by name: the read-only plan identity and the deploy identity then plan
   * the same assignment, so pull-request plans and drift detection show no change. With local state,
   * whoever runs the deploy.
   */
  private deployerPrincipalId(config: EnvironmentConfig, callerObjectId: string): string {
    const state = config.state;
    if (state.backend !== 'azurerm') return callerObjectId;
    const provider = state.subscriptionId && state.subscriptionId !== config.subscriptionId
      ? new AzurermProvider(this, 'azurerm-state', { alias: 'state', subscriptionId: state.subscriptionId, features: [{}] })
      : undefined;
    return new DataAzurermUserAssignedIdentity(this, 'deploy-identity', {
      name: deployIdentityName(config.workload, config.name),
      resourceGroupName: state.resourceGroupName,
      provider,
    }).principalId;
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

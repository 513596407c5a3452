import { Aspects, AzurermBackend, LocalBackend, TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { DataAzurermClientConfig } from '@cdktf/provider-azurerm/lib/data-azurerm-client-config';
import { DataAzurermUserAssignedIdentity } from '@cdktf/provider-azurerm/lib/data-azurerm-user-assigned-identity';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { EnvironmentConfig, RESOURCE_GROUP_ROLES, ResourceGroupRole } from '../environments/schema';
import { ModelAccount } from '../constructs/ai-models';
import { AiGateway, BACKEND_IDS, GatewayPolicyDocuments } from '../constructs/ai-gateway';
import { DEFAULT_TOKEN_METRIC_NAMESPACE, renderGatewayPolicies } from '../constructs/ai-gateway/policy-templates';
import { AzapiProvider, REQUIRED_TERRAFORM_VERSION } from '../constructs/azapi';
import { SemanticCache } from '../constructs/cache';
import { Governance, RequiredTags } from '../constructs/governance';
import { IGrantee, ManagedIdentity, RbacPropagationWait } from '../constructs/identity';
import { CustomerManagedKeyOptions, DiagnosticsOptions, PrivateEndpointOptions, ProtectionOptions } from '../constructs/interfaces';
import { CustomerManagedKey, CustomerManagedKeyAccess, KeyVault } from '../constructs/key-vault';
import { Monitoring } from '../constructs/monitoring';
import { Naming, REGIONS, deployIdentityName } from '../constructs/naming';
import { ContainerApp, ContainerAppsEnvironment, ContainerRegistry } from '../constructs/orchestrator';
import { SearchService } from '../constructs/search';
import { DocumentStorage } from '../constructs/storage';
import { MONITOR_PRIVATE_DNS_ZONES, Network, PrivateDnsZoneKey } from '../constructs/network';
import { PlatformAlerts } from '../constructs/monitoring/alerts';
import { modelFacts } from '../catalog/models';
import { TokenUsageWorkbook } from '../constructs/monitoring/workbook';

/** Customer-managed keys per service: one key per blast radius. */
export interface PlatformKeys {
  readonly ai: CustomerManagedKey;
  readonly storage: CustomerManagedKey;
  readonly cache: CustomerManagedKey;
}

/** What the key layer hands to the layers that encrypt with customer-managed keys. */
interface KeyLayer {
  readonly keyVault: KeyVault;
  readonly cmkIdentity: ManagedIdentity;
  readonly keys: PlatformKeys;
  /** The CMK identity's grant on the platform vault; consumers wait for its propagation (`ready`). */
  readonly cmkAccess: CustomerManagedKeyAccess;
  /** The AI key of a region, in that region's vault (AI services need their key's vault in their own region). */
  readonly aiCustomerManagedKey: (region: string) => CustomerManagedKeyOptions;
}

/** The workload identities, each with its own least-privilege grants. */
interface IdentityLayer {
  readonly gateway: ManagedIdentity;
  readonly orchestrator: ManagedIdentity;
  readonly search: ManagedIdentity;
}

/**
 * One environment of the platform. Composes the layers in dependency order and wires them
 * together by ids and identities; it holds no resource settings of its own.
 *
 * Each layer is one private method, called in the order the layers depend on each other (the
 * order of construction is also the order of resources in the plan): providers, governance,
 * monitoring, network, keys, identities, models, data, gateway, orchestrator, operations, outputs.
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
  readonly keys: PlatformKeys;
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

  /** The caller's tenant and object id. */
  private readonly client: DataAzurermClientConfig;
  /** Delete locks and prevent-destroy of every stateful resource, from the environment's governance. */
  private readonly protection: ProtectionOptions;

  constructor(scope: Construct, id: string, config: EnvironmentConfig) {
    super(scope, id);
    this.config = config;
    this.addOverride('terraform.required_version', REQUIRED_TERRAFORM_VERSION);
    this.configureState(config);
    this.client = this.providers();
    this.naming = new Naming({
      workload: config.workload, environment: config.name, location: config.location,
      uniqueSuffix: config.naming.uniqueSuffix, seed: config.naming.seed,
    });
    this.protection = {
      lock: config.governance.deleteLocksEnabled ? 'CanNotDelete' : 'none',
      preventDestroy: config.governance.preventDestroyEnabled,
    };

    this.governance = this.governanceLayer();
    this.monitoring = this.monitoringLayer();
    this.network = this.networkLayer();
    const keys = this.keyLayer();
    this.keyVault = keys.keyVault;
    this.cmkIdentity = keys.cmkIdentity;
    this.keys = keys.keys;
    const identities = this.identityLayer();
    this.gatewayIdentity = identities.gateway;
    this.orchestratorIdentity = identities.orchestrator;
    this.modelAccounts = this.modelLayer(keys);
    const data = this.dataLayer(keys, identities.search);
    this.documents = data.documents;
    this.search = data.search;
    this.gateway = this.gatewayLayer(keys);
    this.orchestrator = this.orchestratorLayer();
    this.operationsLayer();
    Aspects.of(this).add(new RequiredTags(config.tags));
    this.outputs();
  }

  // --- Layers, in construction order ---------------------------------------------------------------

  /** The azurerm and azapi providers; returns the caller's client config. */
  private providers(): DataAzurermClientConfig {
    const config = this.config;
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
    return new DataAzurermClientConfig(this, 'client');
  }

  /** One resource group per role; the budgets come with the operations layer, once alerts have an action group. */
  private governanceLayer(): Governance {
    return new Governance(this, 'governance', { naming: this.naming, location: this.config.location, resourceGroupRoles: RESOURCE_GROUP_ROLES });
  }

  /** The workspace, Application Insights and the action group every other layer reports to. */
  private monitoringLayer(): Monitoring {
    const config = this.config;
    return new Monitoring(this, 'monitoring', {
      naming: this.naming, location: config.location, resourceGroupName: this.rg('monitoring'),
      retentionDays: config.monitoring.retentionDays,
      dailyQuotaGb: config.monitoring.dailyQuotaGb,
      alertEmails: config.monitoring.alertEmails,
      ...this.protection,
    });
  }

  /** The VNet, its subnets and private DNS zones; then the Monitor private link scope, when enabled, in its endpoint subnet. */
  private networkLayer(): Network {
    const config = this.config;
    const network = new Network(this, 'network', {
      naming: this.naming, location: config.location, resourceGroupName: this.rg('network'),
      addressSpace: config.network.addressSpace,
      subnets: config.network.subnets,
      dnsServers: config.network.dnsServers,
      hubPrivateDnsZoneResourceIds: config.network.hubPrivateDnsZoneResourceIds,
      // The Monitor zones only with the scope that fills them (GAI-MON-008).
      azureMonitorPrivateDnsZonesEnabled: config.monitoring.privateLinkScopeEnabled,
      egress: config.network.egress,
      zones: config.production ? ['1', '2', '3'] : undefined,
      diagnostics: this.diagnostics,
    });
    if (config.monitoring.privateLinkScopeEnabled) {
      this.monitoring.addPrivateLinkScope({
        subnetResourceId: network.subnetResourceIds.privateEndpoints,
        privateDnsZoneResourceIds: network.privateDnsZoneResourceIds(MONITOR_PRIVATE_DNS_ZONES),
      });
    }
    return network;
  }

  /**
   * The CMK identity, the platform vault with one key per service and the identity's grant, and one
   * regional vault (with its own AI key and grant) per other region that hosts a model account.
   */
  private keyLayer(): KeyLayer {
    const { config, naming } = this;
    const cmkIdentity = new ManagedIdentity(this, 'cmk-identity', {
      name: naming.name('userAssignedIdentity', 'cmk'), location: config.location, resourceGroupName: this.rg('security'), workload: 'cmk',
    });
    const deployer = { principalId: this.deployerPrincipalId(config, this.client.objectId), label: 'deployer' };
    const keyVault = this.keyVaultIn('key-vault', config.location, deployer);
    // Consumers wait for the grant to propagate, not just for the grant (first-apply 403s otherwise).
    const cmkAccess = keyVault.grantCustomerManagedKeyAccess(cmkIdentity);
    const keyPolicy = { rotationDays: config.keyVault.keyRotationDays, expiryDays: config.keyVault.keyExpiryDays };
    // Each key suits the services that use it (catalog/customer-managed-keys.ts): AI services take RSA 2048 only.
    const keys: PlatformKeys = {
      ai: keyVault.addCustomerManagedKey('ai-key', { name: 'cmk-ai', consumers: ['azurerm_cognitive_account'], ...keyPolicy }),
      storage: keyVault.addCustomerManagedKey('storage-key', { name: 'cmk-storage', consumers: ['azurerm_storage_account'], ...keyPolicy }),
      cache: keyVault.addCustomerManagedKey('cache-key', { name: 'cmk-cache', consumers: ['azurerm_managed_redis'], ...keyPolicy }),
    };
    // AI services need their key's vault in their own region: one regional vault, with its own AI key and
    // grant, per other region that hosts a model account (docs/adr/0006-regional-key-vaults.md).
    const aiKeys = new Map([[config.location, { key: keys.ai, access: cmkAccess }]]);
    for (const region of new Set(config.ai.accounts.map((account) => account.location))) {
      if (aiKeys.has(region)) continue;
      const code = REGIONS[region].shortCode;
      const regionalVault = this.keyVaultIn(`key-vault-${code}`, region, deployer, code);
      aiKeys.set(region, {
        key: regionalVault.addCustomerManagedKey('ai-key', { name: 'cmk-ai', consumers: ['azurerm_cognitive_account'], ...keyPolicy }),
        access: regionalVault.grantCustomerManagedKeyAccess(cmkIdentity),
      });
    }
    const aiCustomerManagedKey = (region: string): CustomerManagedKeyOptions => {
      const ai = aiKeys.get(region)!;
      return { keyVaultKeyResourceId: ai.key.versionlessId, identity: cmkIdentity, accessGrant: ai.access.ready, key: ai.key };
    };
    return { keyVault, cmkIdentity, keys, cmkAccess, aiCustomerManagedKey };
  }

  /** The workload identities: the gateway's, the orchestrator app's and AI Search's. */
  private identityLayer(): IdentityLayer {
    const identity = (workload: string, qualifier: string) => new ManagedIdentity(this, `${workload}-identity`, {
      name: this.naming.name('userAssignedIdentity', qualifier), location: this.config.location, resourceGroupName: this.rg('security'), workload,
    });
    return { gateway: identity('gateway', 'gateway'), orchestrator: identity('orchestrator', 'app'), search: identity('search', 'srch') };
  }

  /** One model account per configured account, each callable by the gateway identity only. */
  private modelLayer(keys: KeyLayer): ModelAccount[] {
    const config = this.config;
    return config.ai.accounts.map((account) => {
      const qualifier = account.primary ? account.name : `${account.name}-${REGIONS[account.location].shortCode}`;
      const modelAccount = new ModelAccount(this, `model-account-${account.name}`, {
        name: this.naming.name('aiServices', qualifier),
        location: account.location,
        resourceGroupName: this.rg('ai'),
        customerManagedKey: keys.aiCustomerManagedKey(account.location),
        allowedOutboundFqdns: account.allowedOutboundFqdns,
        privateEndpoint: this.privateEndpoint(`ais-${account.name}`, ['cognitiveServices', 'openAi', 'aiServices'], config.location),
        diagnostics: this.diagnostics,
        contentFilterThreshold: config.ai.contentFilterThreshold,
        deployments: account.deployments,
        alerts: { actionGroupResourceId: this.monitoring.actionGroupResourceId },
        ...this.protection,
      });
      modelAccount.grantOpenAiUser(this.gatewayIdentity);
      return modelAccount;
    });
  }

  /** Document storage and AI Search, with the least-privilege grants between them and their readers. */
  private dataLayer(keys: KeyLayer, searchIdentity: ManagedIdentity): { readonly documents: DocumentStorage; readonly search: SearchService } {
    const { config, naming } = this;
    const primaryModels = this.primaryModels;
    const documents = new DocumentStorage(this, 'documents', {
      name: naming.name('storageAccount'), location: config.location, resourceGroupName: this.rg('ai'),
      replicationType: config.ai.storage.replicationType,
      containerNames: config.ai.storage.containerNames,
      customerManagedKey: { keyVaultKeyResourceId: this.keys.storage.versionlessId, identity: this.cmkIdentity, accessGrant: keys.cmkAccess.ready, key: this.keys.storage },
      privateEndpoint: this.privateEndpoint('st', ['blob']),
      diagnostics: this.diagnostics,
      ...this.protection,
    });

    const search = new SearchService(this, 'search', {
      name: naming.name('searchService'), location: config.location, resourceGroupName: this.rg('ai'),
      skuName: config.ai.search.skuName,
      replicaCount: config.ai.search.replicaCount,
      partitionCount: config.ai.search.partitionCount,
      managedIdentity: searchIdentity,
      privateEndpoint: this.privateEndpoint('srch', ['search']),
      diagnostics: this.diagnostics,
      sharedPrivateLinks: config.ai.search.sharedPrivateLinksEnabled ? [
        { name: 'spl-documents', targetResourceId: documents.resourceId, subresourceName: 'blob', requestMessage: 'AI Search indexers read documents' },
        { name: 'spl-models', targetResourceId: primaryModels.resourceId, subresourceName: 'cognitiveservices_account', requestMessage: 'AI Search vectorizes with the embeddings deployment' },
      ] : undefined,
      ...this.protection,
    });

    // Least privilege: search reads documents and embeds with the models; the orchestrator reads search
    // and documents and reaches the models only through the gateway.
    this.keyVault.grantCryptoServiceEncryptionUser(searchIdentity);
    primaryModels.grantOpenAiUser(searchIdentity);
    documents.grantBlobDataReader(searchIdentity);
    search.grantIndexDataReader(this.orchestratorIdentity);
    documents.grantBlobDataReader(this.orchestratorIdentity);
    return { documents, search };
  }

  /** The AI gateway, the only path to the models: the semantic cache, its policies, and APIM. */
  private gatewayLayer(keys: KeyLayer): AiGateway {
    const config = this.config;
    const primaryModels = this.primaryModels;
    const embeddings = primaryModels.deployments.size > 0
      ? [...primaryModels.deployments.values()].find((d) => modelFacts(d.spec.model)?.kind === 'embeddings')
      : undefined;
    const cache = config.ai.semanticCacheEnabled ? this.semanticCache(keys) : undefined;
    const semanticCache = cache && embeddings ? { cache, embeddingsDeployment: embeddings.spec.name } : undefined;
    const policies = this.gatewayPolicies(semanticCache !== undefined);
    // The content-safety backend calls the primary account as the gateway identity: grant it first.
    const contentSafetyAccess = primaryModels.grantContentSafetyUser(this.gatewayIdentity);
    const gateway = new AiGateway(this, 'gateway', {
      name: this.naming.name('apiManagement'), location: config.location, resourceGroupName: this.rg('app'),
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
      diagnostics: this.diagnostics,
      modelBackends: this.modelAccounts.map((account, i) => ({
        name: `models-${config.ai.accounts[i].name}`, url: `${account.openAiEndpoint}openai`, priority: i + 1,
        deployments: [...account.deployments.keys()],
      })),
      contentSafety: { url: primaryModels.cognitiveServicesEndpoint.replace(/\/$/, ''), accessGrant: contentSafetyAccess },
      semanticCache: semanticCache ? {
        embeddingsUrl: `${primaryModels.openAiEndpoint}openai/deployments/${semanticCache.embeddingsDeployment}/embeddings`,
        redisConnectionString: semanticCache.cache.apimConnectionString,
        redisResourceId: semanticCache.cache.resourceId,
      } : undefined,
      policies,
      teams: config.gateway.teams,
    });
    if (gateway.systemIdentity) primaryModels.grantOpenAiUser(gateway.systemIdentity);
    return gateway;
  }

  /** The private app that reaches models only through the gateway, its registry and its environment. */
  private orchestratorLayer(): ContainerApp {
    const { config, naming } = this;
    const registry = new ContainerRegistry(this, 'registry', {
      name: naming.name('containerRegistry'), location: config.location, resourceGroupName: this.rg('app'),
      zoneRedundancyEnabled: config.production,
      privateEndpoint: this.privateEndpoint('cr', ['containerRegistry']),
      diagnostics: this.diagnostics,
      ...this.protection,
    });
    const environment = new ContainerAppsEnvironment(this, 'apps-environment', {
      name: naming.name('containerAppsEnvironment'), location: config.location, resourceGroupName: this.rg('app'),
      infrastructureSubnetResourceId: this.network.subnetResourceIds.apps,
      virtualNetworkResourceId: this.network.virtualNetworkResourceId,
      zoneRedundancyEnabled: config.production,
      diagnostics: this.diagnostics,
    });
    const pull = registry.grantPull(this.orchestratorIdentity);
    const secrets = this.keyVault.grantSecretsUser(this.orchestratorIdentity);
    // The app's first revision pulls (AcrPull) and reads its Key Vault secret references as soon as it is
    // created: wait for both grants to propagate.
    // Undefined with the hub's zone: the hub links it before the platform is deployed.
    const registryDnsLink = this.network.privateDnsZoneLink('containerRegistry');
    const grantsReady = new RbacPropagationWait(this, 'orchestrator-grants-propagation', { roleAssignments: [pull, secrets] }).dependable;
    return new ContainerApp(this, 'orchestrator', {
      name: naming.name('containerApp', 'orch').slice(0, 32).replace(/-+$/, ''),
      resourceGroupName: this.rg('app'),
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
      diagnostics: this.diagnostics,
    });
  }

  /** Platform alerts, the token-usage workbook and the budgets. */
  private operationsLayer(): void {
    const { config, naming } = this;
    const primaryModels = this.primaryModels;
    const ptuSpillover = Object.fromEntries([...primaryModels.deployments.values()]
      .filter((d) => d.spec.spilloverDeployment).map((d) => [d.spec.name, d.spec.spilloverDeployment!]));
    new PlatformAlerts(this, 'platform-alerts', {
      resourceGroupName: this.rg('monitoring'),
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
      location: config.location,
      resourceGroupName: this.rg('monitoring'),
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
  }

  private outputs(): void {
    new TerraformOutput(this, 'virtual_network_id', { value: this.network.virtualNetworkResourceId });
    new TerraformOutput(this, 'key_vault_uri', { value: this.keyVault.vaultUri });
    new TerraformOutput(this, 'log_analytics_workspace_id', { value: this.monitoring.workspaceResourceId });
    new TerraformOutput(this, 'cmk_identity_id', { value: this.cmkIdentity.resourceId });
    new TerraformOutput(this, 'gateway_url', { value: this.gateway.gatewayUrl });
    new TerraformOutput(this, 'orchestrator_url', { value: this.orchestrator.url });
    new TerraformOutput(this, 'search_endpoint', { value: this.search.endpoint });
    new TerraformOutput(this, 'model_endpoints', { value: Object.fromEntries(this.modelAccounts.map((a) => [a.location, a.openAiEndpoint])) });
  }

  // --- Pieces the layers share -----------------------------------------------------------------------

  /** Name of the resource group of a role. */
  private rg(role: ResourceGroupRole): string {
    return this.governance.resourceGroup(role).name;
  }

  /** Where every resource sends its logs and metrics. */
  private get diagnostics(): DiagnosticsOptions {
    return this.monitoring.diagnostics;
  }

  /** The primary model account: search embeds with it, the gateway screens content with it. */
  private get primaryModels(): ModelAccount {
    return this.modelAccounts[0];
  }

  /**
   * A private endpoint in the platform VNet's endpoint subnet, registered in `zones`. `location` only for
   * a resource that may sit outside the platform region: its endpoint stays in the VNet's region.
   */
  private privateEndpoint(qualifier: string, zones: readonly PrivateDnsZoneKey[], location?: string): PrivateEndpointOptions {
    return {
      name: this.naming.name('privateEndpoint', qualifier),
      ...(location === undefined ? {} : { location }),
      subnetResourceId: this.network.subnetResourceIds.privateEndpoints,
      privateDnsZoneResourceIds: this.network.privateDnsZoneResourceIds(zones),
    };
  }

  /** A vault with the platform's hardening; its private endpoint always sits in the platform VNet. */
  private keyVaultIn(id: string, region: string, deployer: IGrantee, qualifier?: string): KeyVault {
    const config = this.config;
    return new KeyVault(this, id, {
      name: this.naming.name('keyVault', qualifier), location: region, resourceGroupName: this.rg('security'),
      tenantId: this.client.tenantId,
      skuName: config.keyVault.skuName,
      softDeleteRetentionDays: config.keyVault.softDeleteRetentionDays,
      allowedIpRanges: config.keyVault.deployerIpRanges,
      publicAccessReason: config.keyVault.deployerAccessReason,
      privateEndpoint: this.privateEndpoint(qualifier ? `kv-${qualifier}` : 'kv', ['keyVault'], config.location),
      diagnostics: this.diagnostics,
      deployer,
      ...this.protection,
    });
  }

  /** The Managed Redis the gateway's semantic cache uses. */
  private semanticCache(keys: KeyLayer): SemanticCache {
    return new SemanticCache(this, 'cache', {
      name: this.naming.name('managedRedis'), location: this.config.location, resourceGroupName: this.rg('app'),
      privateEndpoint: this.privateEndpoint('amr', ['managedRedis']),
      diagnostics: this.diagnostics,
      // Managed Redis takes versioned key ids only: a rotation needs a plan that picks up the new version.
      customerManagedKey: { keyVaultKeyResourceId: this.keys.cache.resourceId, identity: this.cmkIdentity, accessGrant: keys.cmkAccess.ready, key: this.keys.cache },
      accessKeysForApim: {
        reason: 'azurerm 4.55 has no Entra access policy for Managed Redis (4.60 adds it); APIM\'s external cache takes a connection string',
      },
      ...this.protection,
    });
  }

  /** The gateway's policy documents: the model API's (auth, cache, content safety, routing) and one per team. */
  private gatewayPolicies(semanticCacheEnabled: boolean): GatewayPolicyDocuments {
    const { gateway } = this.config;
    return renderGatewayPolicies({
      modelApi: {
        gatewayIdentityClientId: this.gatewayIdentity.clientId,
        deployments: [...this.primaryModels.deployments.keys()],
        contentSafety: { backendId: BACKEND_IDS.contentSafety },
        routing: {
          alias: gateway.routingAlias,
          defaultDeployment: gateway.routingDefault,
          rules: gateway.routingRules.map(({ deployment, ...when }) => ({ deployment, when })),
        },
        semanticCache: semanticCacheEnabled ? {
          embeddingsBackendId: BACKEND_IDS.embeddings,
          scoreThreshold: gateway.cacheScoreThreshold,
          durationSeconds: gateway.cacheDurationSeconds,
        } : undefined,
        callerAuthentication: gateway.entraAudience ? { tenantId: this.client.tenantId, audiences: [gateway.entraAudience] } : undefined,
      },
      teams: gateway.teams.map((team) => ({
        team: team.name,
        tokensPerMinute: team.tokensPerMinute,
        tokenQuota: team.tokenQuota,
        tokenQuotaPeriod: team.tokenQuotaPeriod,
        perUserTokensPerMinute: team.perUserTokensPerMinute,
        allowedDeployments: team.allowedModels,
      })),
    });
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
      new LocalBackend(this, { path: state.path ?? `terraform.${config.name}.tfstate` });
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

import type { EnvironmentInput } from './schema';

/**
 * Production: locks and prevent-destroy on stateful resources, Premium (HSM) Key Vault, private-only
 * Monitor ingestion, the Key Vault and blob private DNS zones owned by the connectivity hub (which
 * links them to this VNet), remote state in Azure Storage.
 */
const prod: EnvironmentInput = {
  name: 'prod',
  workload: 'genai',
  location: 'swedencentral',
  production: true,
  owner: 'genai-platform@contoso.com',
  costCenter: 'CC-4711-PROD',
  dataClassification: 'confidential',
  tags: { 'business-unit': 'digital', criticality: 'high', 'sla-tier': 'gold' },
  network: {
    addressSpace: '10.42.0.0/21',
    subnets: {
      privateEndpoints: '10.42.0.0/24',
      apim: '10.42.1.0/26',
      apps: '10.42.2.0/23',
    },
    hubPrivateDnsZoneResourceIds: {
      keyVault: '/subscriptions/00000000-0000-0000-0000-00000000c0de/resourceGroups/rg-connectivity-dns/providers/Microsoft.Network/privateDnsZones/privatelink.vaultcore.azure.net',
      blob: '/subscriptions/00000000-0000-0000-0000-00000000c0de/resourceGroups/rg-connectivity-dns/providers/Microsoft.Network/privateDnsZones/privatelink.blob.core.windows.net',
    },
  },
  keyVault: {
    keyRotationDays: 180,
    keyExpiryDays: 365,
  },
  monitoring: {
    retentionDays: 365,
    alertEmails: ['genai-platform-oncall@contoso.com', 'genai-platform@contoso.com'],
  },
  budgets: {
    monthlyAmounts: { network: 1200, security: 400, monitoring: 2500, ai: 140000, app: 9000 },
    contactEmails: ['genai-platform@contoso.com', 'finops@contoso.com'],
  },
  ai: {
    accounts: [
      {
        name: 'primary',
        deployments: [
          // 400k tokens/min at peak -> 160 PTUs (20 % headroom, 3,000 TPM per PTU, increments of 5).
          { name: 'gpt-4.1-ptu', model: 'gpt-4.1', version: '2025-04-14', sku: 'DataZoneProvisionedManaged', peakTokensPerMinute: 400_000, spilloverDeployment: 'gpt-4.1', versionUpgradeOption: 'NoAutoUpgrade' },
          { name: 'gpt-4.1', model: 'gpt-4.1', version: '2025-04-14', sku: 'DataZoneStandard', capacity: 300, versionUpgradeOption: 'NoAutoUpgrade' },
          // The cheaper model the gateway routes simple requests to.
          { name: 'gpt-4.1-mini', model: 'gpt-4.1-mini', version: '2025-04-14', sku: 'DataZoneStandard', capacity: 500, versionUpgradeOption: 'NoAutoUpgrade' },
          { name: 'text-embedding-3-large', model: 'text-embedding-3-large', version: '1', sku: 'Standard', capacity: 350, versionUpgradeOption: 'NoAutoUpgrade' },
        ],
      },
      {
        // Pay-as-you-go failover in a second EU region, behind the gateway's per-deployment pools: it serves
        // every deployment of the primary under the same name, so a failed-over request finds its deployment
        // (gpt-4.1-ptu is pay-as-you-go here; the data-zone SKU keeps processing in the EU data zone).
        name: 'failover',
        location: 'germanywestcentral',
        deployments: [
          { name: 'gpt-4.1-ptu', model: 'gpt-4.1', version: '2025-04-14', sku: 'DataZoneStandard', capacity: 300, versionUpgradeOption: 'NoAutoUpgrade' },
          { name: 'gpt-4.1', model: 'gpt-4.1', version: '2025-04-14', sku: 'DataZoneStandard', capacity: 300, versionUpgradeOption: 'NoAutoUpgrade' },
          { name: 'gpt-4.1-mini', model: 'gpt-4.1-mini', version: '2025-04-14', sku: 'DataZoneStandard', capacity: 300, versionUpgradeOption: 'NoAutoUpgrade' },
          { name: 'text-embedding-3-large', model: 'text-embedding-3-large', version: '1', sku: 'Standard', capacity: 350, versionUpgradeOption: 'NoAutoUpgrade' },
        ],
      },
    ],
    search: { replicaCount: 3, partitionCount: 2 },
  },
  gateway: {
    skuName: 'Premium',
    capacity: 2,
    publisherName: 'Contoso GenAI Platform',
    publisherEmail: 'genai-platform@contoso.com',
    entraAudience: 'api://genai-gateway.contoso.com',
    routingDefault: 'gpt-4.1-ptu',
    expectedCacheHitRatio: 0.25,
    routingRules: [
      // Short prompts without tools or images go to the cheaper model; callers can ask with x-model-hint.
      { deployment: 'gpt-4.1-mini', maxPromptTokens: 2000, hasTools: false, hasImages: false },
      { deployment: 'gpt-4.1-mini', hint: 'fast' },
    ],
    teams: [
      { name: 'search-assistant', tokensPerMinute: 200_000, tokenQuota: 2_000_000_000, allowedModels: ['auto', 'gpt-4.1-ptu'], expectedMonthlyTokens: 1_200_000_000 },
      { name: 'claims-copilot', tokensPerMinute: 150_000, tokenQuota: 1_500_000_000, allowedModels: ['auto'], perUserTokensPerMinute: 10_000, expectedMonthlyTokens: 900_000_000 },
      { name: 'contract-analytics', tokensPerMinute: 100_000, tokenQuota: 800_000_000, tokenQuotaPeriod: 'Monthly', allowedModels: ['gpt-4.1-ptu', 'gpt-4.1-mini'], expectedMonthlyTokens: 400_000_000 },
    ],
  },
  orchestrator: {
    image: 'orchestrator@sha256:3f1a9c2b7e4d5a6f8091b2c3d4e5f60718293a4b5c6d7e8f9012a3b4c5d6e7f8',
    minReplicas: 3,
    maxReplicas: 20,
    concurrentRequests: 40,
    cpu: 1,
    memory: '2Gi',
  },
  state: {
    backend: 'azurerm',
    resourceGroupName: 'rg-genai-tfstate',
    storageAccountName: 'stgenaitfstate01',
    containerName: 'tfstate-prod',
  },
};

export default prod;

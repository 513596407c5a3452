import type { EnvironmentInput } from './schema';

/** Staging: production-shaped (Premium Key Vault, private Monitor ingestion) at reduced scale. */
const staging: EnvironmentInput = {
  name: 'staging',
  workload: 'genai',
  location: 'swedencentral',
  production: false,
  owner: 'genai-platform@contoso.com',
  costCenter: 'CC-4711-OPS',
  dataClassification: 'confidential',
  tags: { 'business-unit': 'digital', criticality: 'medium' },
  network: {
    addressSpace: '10.41.0.0/22',
  },
  keyVault: {
    skuName: 'premium',
  },
  monitoring: {
    retentionDays: 90,
    dailyQuotaGb: 20,
    privateLinkScopeEnabled: true,
    alertEmails: ['genai-platform@contoso.com'],
  },
  ai: {
    // The smallest Data Zone PTU deployment, to rehearse prod's provisioned path and its spillover.
    accounts: [{
      name: 'primary',
      deployments: [
        { name: 'gpt-4.1-ptu', model: 'gpt-4.1', version: '2025-04-14', sku: 'DataZoneProvisionedManaged', capacity: 15, spilloverDeployment: 'gpt-4.1' },
        { name: 'gpt-4.1', model: 'gpt-4.1', version: '2025-04-14', sku: 'DataZoneStandard', capacity: 100 },
        { name: 'gpt-4.1-mini', model: 'gpt-4.1-mini', version: '2025-04-14', sku: 'DataZoneStandard', capacity: 100 },
        { name: 'text-embedding-3-large', model: 'text-embedding-3-large', version: '1', sku: 'Standard', capacity: 100 },
      ],
    }],
    search: { replicaCount: 2 },
    storage: { replicationType: 'ZRS' },
  },
  gateway: {
    publisherName: 'Contoso GenAI Platform (staging)',
    publisherEmail: 'genai-platform@contoso.com',
    routingDefault: 'gpt-4.1-ptu',
    routingRules: [
      { deployment: 'gpt-4.1-mini', maxPromptTokens: 2000, hasTools: false, hasImages: false },
      { deployment: 'gpt-4.1-mini', hint: 'fast' },
    ],
    teams: [
      { name: 'search-assistant', tokensPerMinute: 60_000, tokenQuota: 50_000_000, allowedModels: ['auto', 'gpt-4.1-ptu'], expectedMonthlyTokens: 40_000_000 },
      { name: 'claims-copilot', tokensPerMinute: 40_000, tokenQuota: 30_000_000, allowedModels: ['auto'], perUserTokensPerMinute: 5_000, expectedMonthlyTokens: 25_000_000 },
    ],
  },
  orchestrator: {
    image: 'orchestrator:1.4.2',
    maxReplicas: 5,
  },
  budgets: {
    monthlyAmounts: { network: 300, security: 100, monitoring: 500, ai: 12000, app: 900 },
    contactEmails: ['genai-platform@contoso.com', 'finops@contoso.com'],
  },
  governance: {
    deleteLocksEnabled: true,
  },
  // Shares the state account the state stack creates (docs/deploy.md); CI plans and deploys it.
  state: {
    backend: 'azurerm',
    resourceGroupName: 'rg-genai-tfstate',
    storageAccountName: 'stgenaitfstate01',
    containerName: 'tfstate-staging',
  },
};

export default staging;

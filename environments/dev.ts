import type { EnvironmentInput } from './schema';

/**
 * Development: same security posture as prod, smallest footprint. Locks, prevent-destroy and the
 * Monitor private link scope follow `production: false` (off); everything stays private and keyless.
 */
const dev: EnvironmentInput = {
  name: 'dev',
  workload: 'genai',
  location: 'swedencentral',
  production: false,
  owner: 'genai-platform-dev@contoso.com',
  costCenter: 'CC-4711-RD',
  dataClassification: 'internal',
  tags: { 'business-unit': 'digital', criticality: 'low' },
  network: {
    addressSpace: '10.40.0.0/22',
  },
  keyVault: {
    keyRotationDays: 90,
    keyExpiryDays: 180,
  },
  monitoring: {
    retentionDays: 90,
    dailyQuotaGb: 5,
    alertEmails: ['genai-platform-dev@contoso.com'],
  },
  ai: {
    // Pay-as-you-go only: no PTU reservation in dev.
    accounts: [{
      name: 'primary',
      deployments: [
        { name: 'gpt-4.1', model: 'gpt-4.1', version: '2025-04-14', sku: 'DataZoneStandard', capacity: 50 },
        { name: 'gpt-4.1-mini', model: 'gpt-4.1-mini', version: '2025-04-14', sku: 'DataZoneStandard', capacity: 100 },
        { name: 'text-embedding-3-small', model: 'text-embedding-3-small', version: '1', sku: 'Standard', capacity: 50 },
      ],
    }],
    search: { skuName: 'basic' },
  },
  gateway: {
    publisherName: 'Contoso GenAI Platform (dev)',
    publisherEmail: 'genai-platform-dev@contoso.com',
    routingDefault: 'gpt-4.1',
    routingRules: [
      { deployment: 'gpt-4.1-mini', maxPromptTokens: 2000, hasTools: false, hasImages: false },
    ],
    teams: [
      { name: 'platform-tests', tokensPerMinute: 20_000, tokenQuota: 5_000_000, allowedModels: ['auto', 'gpt-4.1', 'gpt-4.1-mini'], expectedMonthlyTokens: 10_000_000 },
      { name: 'search-assistant', tokensPerMinute: 30_000, tokenQuota: 10_000_000, allowedModels: ['auto'], expectedMonthlyTokens: 8_000_000 },
    ],
  },
  orchestrator: {
    image: 'orchestrator:0.9.0',
  },
  budgets: {
    monthlyAmounts: { network: 150, security: 50, monitoring: 200, ai: 600, app: 250 },
    contactEmails: ['genai-platform-dev@contoso.com'],
  },
  // Shares the state account the state stack creates (docs/deploy.md); CI plans and deploys it.
  state: {
    backend: 'azurerm',
    resourceGroupName: 'rg-genai-tfstate',
    storageAccountName: 'stgenaitfstate01',
    containerName: 'tfstate-dev',
  },
};

export default dev;

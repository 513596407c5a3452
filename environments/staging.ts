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
  budgets: {
    monthlyAmounts: { network: 300, security: 100, monitoring: 500 },
    contactEmails: ['genai-platform@contoso.com', 'finops@contoso.com'],
  },
  governance: {
    deleteLocksEnabled: true,
  },
};

export default staging;

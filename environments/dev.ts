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
  budgets: {
    monthlyAmounts: { network: 150, security: 50, monitoring: 200 },
    contactEmails: ['genai-platform-dev@contoso.com'],
  },
};

export default dev;

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
    monthlyAmounts: { network: 1200, security: 400, monitoring: 2500 },
    contactEmails: ['genai-platform@contoso.com', 'finops@contoso.com'],
  },
  state: {
    backend: 'azurerm',
    resourceGroupName: 'rg-genai-tfstate',
    storageAccountName: 'stgenaitfstate01',
    containerName: 'tfstate-prod',
  },
};

export default prod;

import { attributeRule } from '../../rule';

export default attributeRule({
  id: 'GAI-KV-001',
  title: 'Key Vault has purge protection',
  severity: 'error',
  rationale: 'Without purge protection a deleted vault, and every customer-managed key in it, can be purged inside the retention period; every service encrypted with those keys loses its data.',
  remediation: 'Set `purge_protection_enabled = true` (the KeyVault construct always does). It cannot be turned off once on.',
  references: { checkov: ['CKV_AZURE_110', 'CKV_AZURE_42'], psrule: ['Azure.KeyVault.PurgeProtect'], azurePolicy: ['0b60c0b2'], mcsb: ['DP-8'] },
  appliesTo: ['azurerm_key_vault'],
  path: 'purge_protection_enabled',
  expected: true,
  providerDefault: false,
});

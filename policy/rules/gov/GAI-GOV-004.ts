import { attributeRule } from '../../rule';

export default attributeRule({
  id: 'GAI-GOV-004',
  title: 'Microsoft Defender plan is on the Standard tier',
  severity: 'warning',
  rationale: 'Defender for AI, APIs, Key Vault and Storage detect prompt-injection attempts, anomalous key access and malware uploads that no configuration rule can; the Free tier turns those detections off for the whole subscription.',
  remediation: 'Set `tier = "Standard"` on every `azurerm_security_center_subscription_pricing` (resource types AI, Api, KeyVaults, StorageAccounts); Defender plans are subscription-wide and usually managed by the landing zone, not this platform.',
  references: { checkov: ['CKV_AZURE_84', 'CKV_AZURE_87'], psrule: ['Azure.Defender.Api', 'Azure.Defender.KeyVault', 'Azure.Defender.Storage'], azurePolicy: ['c2c0c6d8', '7926a6d1', '0e6763cc', '640d2586'], mcsb: ['LT-1'] },
  appliesTo: ['azurerm_security_center_subscription_pricing'],
  path: 'tier',
  expected: 'Standard',
});

import { attributeRule } from '../../rule';

export default attributeRule({
  id: 'GAI-ST-001',
  title: 'Storage account accepts HTTPS only',
  severity: 'error',
  rationale: 'With secure transfer off, blob and file requests (including SAS tokens and bearer tokens in headers) can travel in clear text and be read or replayed on the network path.',
  remediation: 'Leave `https_traffic_only_enabled` unset or true (azurerm 4.x name; 3.x was `enable_https_traffic_only`).',
  references: { checkov: ['CKV_AZURE_3'], psrule: ['Azure.Storage.SecureTransfer'], azurePolicy: ['404c3081'], mcsb: ['DP-3'] },
  appliesTo: ['azurerm_storage_account'],
  path: 'https_traffic_only_enabled',
  expected: true,
  providerDefault: true,
});

import { attributeRule } from '../../rule';

export default attributeRule({
  id: 'GAI-ST-002',
  title: 'Storage account requires TLS 1.2 or later',
  severity: 'error',
  rationale: 'TLS 1.0 and 1.1 have known weaknesses (BEAST, weak cipher suites) and Azure is retiring them; a client that negotiates them exposes data in transit.',
  remediation: 'Set `min_tls_version = "TLS1_2"` or leave it unset (the provider default for new accounts is TLS1_2).',
  references: { checkov: ['CKV_AZURE_44'], psrule: ['Azure.Storage.MinTLS'], azurePolicy: ['fe83a0eb'], mcsb: ['v2 DP-3'] },
  appliesTo: ['azurerm_storage_account'],
  path: 'min_tls_version',
  expected: ['TLS1_2', 'TLS1_3'],
  providerDefault: 'TLS1_2',
});

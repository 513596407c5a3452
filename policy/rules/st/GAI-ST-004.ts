import { attributeRule } from '../../rule';

export default attributeRule({
  id: 'GAI-ST-004',
  title: 'Storage account disables public network access',
  severity: 'error',
  rationale: 'The document store holds the grounding data of the models; with public network access on, its endpoints accept requests from the Internet and rely on credentials alone.',
  remediation: 'Set `public_network_access_enabled = false` (the provider default is true) and reach the account through its private endpoints.',
  references: { checkov: ['CKV_AZURE_59'], azurePolicy: ['b2982f36'], mcsb: ['v2 NS-2'] },
  appliesTo: ['azurerm_storage_account'],
  path: 'public_network_access_enabled',
  expected: false,
  providerDefault: true,
});

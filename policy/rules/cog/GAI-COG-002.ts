import { attributeRule } from '../../rule';

export default attributeRule({
  id: 'GAI-COG-002',
  title: 'Cognitive account disables public network access',
  severity: 'error',
  rationale: 'A public endpoint exposes prompts, completions and the control of model deployments to the Internet; the platform reaches AI services only through private endpoints.',
  remediation: 'Set `public_network_access_enabled = false` (the provider default is true) and reach the account through an `azurerm_private_endpoint`.',
  references: { checkov: ['CKV_AZURE_134'], psrule: ['Azure.AI.PrivateEndpoints'], mcsb: ['NS-2'] },
  appliesTo: ['azurerm_cognitive_account'],
  path: 'public_network_access_enabled',
  expected: false,
  providerDefault: true,
});

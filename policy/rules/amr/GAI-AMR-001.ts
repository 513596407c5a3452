import { attributeRule } from '../../rule';

export default attributeRule({
  id: 'GAI-AMR-001',
  title: 'Managed Redis disables public network access',
  severity: 'error',
  rationale: 'The cache holds session state and semantic-cache entries (prompts and completions); a public endpoint exposes it to the Internet.',
  remediation: 'Set `public_network_access = "Disabled"` (the provider default is "Enabled") and reach the cache through an `azurerm_private_endpoint` (subresource redisEnterprise).',
  references: { mcsb: ['NS-2'] },
  appliesTo: ['azurerm_managed_redis'],
  path: 'public_network_access',
  expected: 'Disabled',
  providerDefault: 'Enabled',
});

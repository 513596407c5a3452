import { attributeRule } from '../../rule';

export default attributeRule({
  id: 'GAI-SRCH-001',
  title: 'AI Search disables public network access',
  severity: 'error',
  rationale: 'The search index holds the grounding data of the RAG applications (often the most sensitive documents); a public endpoint exposes it to the Internet.',
  remediation: 'Set `public_network_access_enabled = false` (the provider default is true) and reach the service through an `azurerm_private_endpoint` (subresource searchService).',
  references: { checkov: ['CKV_AZURE_124'], azurePolicy: ['ee980b6d'], mcsb: ['NS-2'] },
  appliesTo: ['azurerm_search_service'],
  path: 'public_network_access_enabled',
  expected: false,
  providerDefault: true,
});

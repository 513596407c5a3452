import { Rule, expectAttribute } from '../../rule';

const rule: Rule = {
  id: 'GAI-SRCH-003',
  title: 'AI Search has a managed identity',
  severity: 'warning',
  rationale: 'Indexers, skillsets and integrated vectorization reach storage and Azure OpenAI with the service\'s identity; without one they need connection strings or keys.',
  remediation: 'Add an `identity` block with `type = "SystemAssigned"` or `"UserAssigned"` (with `identity_ids`).',
  references: { checkov: ['CKV_AZURE_207'], psrule: ['Azure.Search.ManagedIdentity'], mcsb: ['IM-3'] },
  appliesTo: ['azurerm_search_service'],
  check: (search) => expectAttribute(search, 'identity.type', {
    test: (type) => String(type).trim() !== '',
    wanted: 'a managed identity',
    whenAbsent: '`identity` is not set; expected a SystemAssigned or UserAssigned managed identity',
  }),
};

export default rule;

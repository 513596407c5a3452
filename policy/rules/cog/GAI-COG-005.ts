import { Rule, expectAttribute } from '../../rule';

const rule: Rule = {
  id: 'GAI-COG-005',
  title: 'Cognitive account has a managed identity',
  severity: 'warning',
  rationale: 'The account needs its own identity to read customer-managed keys and to reach storage or search without secrets.',
  remediation: 'Add an `identity` block with `type = "SystemAssigned"`, `"UserAssigned"` (with `identity_ids`) or both.',
  references: { checkov: ['CKV_AZURE_238'], psrule: ['Azure.AI.ManagedIdentity'], azurePolicy: ['fe3fd216'], mcsb: ['IM-3'] },
  appliesTo: ['azurerm_cognitive_account'],
  check: (account) => expectAttribute(account, 'identity.type', {
    test: (type) => String(type).trim() !== '',
    wanted: 'a managed identity',
    whenAbsent: '`identity` is not set; expected a SystemAssigned and/or UserAssigned managed identity',
  }),
};

export default rule;

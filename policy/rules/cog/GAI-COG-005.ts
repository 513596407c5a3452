import { attribute } from '../../graph';
import { Rule, compliant, nonCompliant, unknown } from '../../rule';

const rule: Rule = {
  id: 'GAI-COG-005',
  title: 'Cognitive account has a managed identity',
  severity: 'warning',
  rationale: 'The account needs its own identity to read customer-managed keys and to reach storage or search without secrets.',
  remediation: 'Add an `identity` block with `type = "SystemAssigned"`, `"UserAssigned"` (with `identity_ids`) or both.',
  references: { checkov: ['CKV_AZURE_238'], psrule: ['Azure.AI.ManagedIdentity'], azurePolicy: ['fe3fd216'], mcsb: ['IM-3'] },
  appliesTo: ['azurerm_cognitive_account'],
  check(account) {
    const type = attribute(account, 'identity.type');
    if (type.kind === 'unknown') return unknown(`\`identity.type\` is only known after apply (${type.expression}); expected a managed identity`);
    if (type.kind === 'absent' || String(type.value).trim() === '') return nonCompliant('`identity` is not set; expected a SystemAssigned and/or UserAssigned managed identity');
    return compliant;
  },
};

export default rule;

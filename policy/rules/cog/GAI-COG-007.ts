import { Rule, compliant, nonCompliant, notApplicable, unknown } from '../../rule';
import { cmkRequirement, presence } from './_helpers';

const rule: Rule = {
  id: 'GAI-COG-007',
  title: 'Cognitive account uses a customer-managed key for confidential data',
  severity: 'warning',
  rationale: 'Fine-tuning data, uploaded files and stored completions of a confidential workload must be encrypted with a key the organisation controls and can revoke.',
  remediation: 'Add `customer_managed_key { key_vault_key_id, identity_client_id }` or an `azurerm_cognitive_account_customer_managed_key` for the account, using a key from the platform Key Vault and the CMK identity. Required when the `data-classification` tag is confidential or restricted (or missing).',
  references: { checkov: ['CKV2_AZURE_22'], azurePolicy: ['67121cc7'], mcsb: ['DP-5'] },
  appliesTo: ['azurerm_cognitive_account'],
  check(account, { graph }) {
    const inline = presence(graph, account, 'customer_managed_key.key_vault_key_id');
    if (inline === 'set') return compliant;
    if (graph.referrersAt(account, 'azurerm_cognitive_account_customer_managed_key', 'cognitive_account_id').length > 0) return compliant;
    const { required, why } = cmkRequirement(account);
    if (required === false) return notApplicable;
    if (inline === 'unknown') return unknown('`customer_managed_key.key_vault_key_id` is only known after apply; expected a customer-managed key');
    if (required === 'unknown') return unknown(`whether a customer-managed key is required is unknown: ${why}`);
    return nonCompliant(`no customer-managed key (neither \`customer_managed_key\` nor an azurerm_cognitive_account_customer_managed_key for this account) while ${why}; expected one`);
  },
};

export default rule;

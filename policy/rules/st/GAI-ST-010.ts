import { Rule, compliant, nonCompliant, unknown } from '../../rule';
import { attribute } from '../../graph';

const rule: Rule = {
  id: 'GAI-ST-010',
  title: 'Storage account encrypts with a customer-managed key',
  severity: 'warning',
  rationale: 'With Microsoft-managed keys the platform cannot revoke access to the document store at rest or prove key custody; a customer-managed key in the platform Key Vault puts both under the organisation\'s control.',
  remediation: 'Set `customer_managed_key { key_vault_key_id = <platform key versionless id> user_assigned_identity_id = <CMK identity> }` (identity type UserAssigned), or declare an `azurerm_storage_account_customer_managed_key` for the account (not both).',
  references: { checkov: ['CKV2_AZURE_1'], azurePolicy: ['6fac406b'], mcsb: ['DP-5'] },
  appliesTo: ['azurerm_storage_account'],
  check(account, { graph }) {
    if (graph.referrersAt(account, 'azurerm_storage_account_customer_managed_key', 'storage_account_id').length > 0) return compliant;
    const cmk = attribute(account, 'customer_managed_key');
    if (cmk.kind === 'unknown') return unknown(`\`customer_managed_key\` is only known after apply (${cmk.expression}); expected a customer-managed key`);
    if (cmk.kind === 'absent') return nonCompliant('no `customer_managed_key` block and no `azurerm_storage_account_customer_managed_key` for this account; expected a customer-managed key');
    const key = [attribute(account, 'customer_managed_key.key_vault_key_id'), attribute(account, 'customer_managed_key.managed_hsm_key_id')];
    return key.some((k) => k.kind !== 'absent')
      ? compliant
      : nonCompliant('`customer_managed_key` names no key; expected `key_vault_key_id` or `managed_hsm_key_id`');
  },
};

export default rule;

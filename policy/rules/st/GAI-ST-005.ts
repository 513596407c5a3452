import { Rule, compliant, nonCompliant, unknown, show } from '../../rule';
import { attribute } from '../../graph';

const rule: Rule = {
  id: 'GAI-ST-005',
  title: 'Storage account firewall denies by default',
  severity: 'error',
  rationale: 'Without network rules the storage firewall allows every network; default action Deny limits access to private endpoints, listed subnets and IP ranges even if public network access is turned back on.',
  // The platform sets `bypass = ["None"]` (DocumentStorage): nothing reaches the account but its private
  // endpoint. CKV_AZURE_36 asks for `bypass = ["AzureServices"]`, the opposite, so it is not cited (policy/cross-references.ts, DROPPED).
  remediation: 'Set `network_rules { default_action = "Deny" bypass = ["None"] }` on the account (the DocumentStorage construct does; add `AzureServices` only for a trusted service that needs it, and say why), or declare an `azurerm_storage_account_network_rules` for it with `default_action = "Deny"` (not both).',
  references: { checkov: ['CKV_AZURE_35'], psrule: ['Azure.Storage.Firewall'], azurePolicy: ['34c877ad'], mcsb: ['NS-2'] },
  appliesTo: ['azurerm_storage_account'],
  check(account, { graph }) {
    const inline = attribute(account, 'network_rules.default_action');
    if (inline.kind === 'known' && inline.value === 'Deny') return compliant;
    const separate = graph.referrersAt(account, 'azurerm_storage_account_network_rules', 'storage_account_id')
      .map((r) => ({ address: r.address, action: attribute(r, 'default_action') }));
    if (separate.some((s) => s.action.kind === 'known' && s.action.value === 'Deny')) return compliant;
    const pendingSeparate = separate.find((s) => s.action.kind === 'unknown');
    if (pendingSeparate?.action.kind === 'unknown') {
      return unknown(`\`default_action\` of ${pendingSeparate.address} is only known after apply (${pendingSeparate.action.expression}); expected "Deny"`);
    }
    if (inline.kind === 'unknown') return unknown(`\`network_rules.default_action\` is only known after apply (${inline.expression}); expected "Deny"`);
    const separateAllow = separate.find((s) => s.action.kind === 'known');
    if (separateAllow?.action.kind === 'known') return nonCompliant(`\`default_action\` of ${separateAllow.address} is ${show(separateAllow.action.value)}; expected "Deny"`);
    if (inline.kind === 'known') return nonCompliant(`\`network_rules.default_action\` is ${show(inline.value)}; expected "Deny"`);
    return nonCompliant('neither `network_rules` nor an `azurerm_storage_account_network_rules` for this account is declared, so the firewall allows all networks; expected `default_action` "Deny"');
  },
};

export default rule;

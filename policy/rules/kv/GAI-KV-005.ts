import { Outcome, Rule, compliant, expectAttribute, nonCompliant, unknown } from '../../rule';
import { attribute } from '../../graph';

/** `bypass` lets every trusted Azure service through the firewall; justified when services unwrap CMKs from the vault. */
const rule: Rule = {
  id: 'GAI-KV-005',
  title: 'Key Vault firewall denies by default',
  severity: 'error',
  rationale: 'Without `network_acls` (or with default action Allow) the vault firewall admits every network that can reach its endpoint; the trusted-services bypass is only needed when Azure services unwrap customer-managed keys held in the vault.',
  remediation: 'Set `network_acls { default_action = "Deny" }`, with `bypass = "AzureServices"` only when the vault holds customer-managed keys for Storage, AI Search or AI Services, else `bypass = "None"` (the KeyVault construct denies by default and bypasses for its CMKs).',
  references: { checkov: ['CKV_AZURE_109'], psrule: ['Azure.KeyVault.Firewall'], azurePolicy: ['55615ac9'], mcsb: ['NS-2'] },
  appliesTo: ['azurerm_key_vault'],
  check(vault, { graph }) {
    const action = expectAttribute(vault, 'network_acls.default_action', {
      expected: 'Deny',
      whenAbsent: '`network_acls` is not set, so the vault firewall allows all networks; expected `network_acls.default_action` "Deny"',
    });
    if (action.status !== 'compliant') return action;
    const outcomes: Outcome[] = [];
    const bypass = attribute(vault, 'network_acls.bypass');
    if (bypass.kind === 'unknown') {
      outcomes.push(unknown(`\`network_acls.bypass\` is only known after apply (${bypass.expression}); expected "None" unless the vault holds customer-managed keys`));
    } else if (bypass.kind === 'known' && bypass.value === 'AzureServices') {
      const keys = graph.referrersAt(vault, 'azurerm_key_vault_key', 'key_vault_id');
      if (keys.length === 0) {
        outcomes.push(nonCompliant('`network_acls.bypass` is "AzureServices" but the plan declares no key in this vault for a trusted service to unwrap; expected "None"'));
      }
    }
    return outcomes.length > 0 ? outcomes : compliant;
  },
};

export default rule;

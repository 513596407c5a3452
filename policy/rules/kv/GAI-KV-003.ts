import { Outcome, Rule, compliant, nonCompliant, unknown, show } from '../../rule';
import { blocks } from '../../graph';
import { firstKnown } from '../gov/_helpers';

const rule: Rule = {
  id: 'GAI-KV-003',
  title: 'Key Vault uses Azure RBAC, not access policies',
  severity: 'error',
  rationale: 'Access policies grant vault-wide permissions outside Azure RBAC: they are invisible to role-assignment reviews and PIM, and a principal with Contributor on the vault can grant itself data-plane access through them.',
  remediation: 'Set `rbac_authorization_enabled = true` (the KeyVault construct always does), remove `access_policy` blocks and `azurerm_key_vault_access_policy` resources, and grant data-plane roles through the construct\'s `grantXxx` methods.',
  references: { psrule: ['Azure.KeyVault.RBAC', 'Azure.KeyVault.AccessPolicy'], azurePolicy: ['12d4fa5e'], mcsb: ['PA-7'] },
  appliesTo: ['azurerm_key_vault'],
  check(vault, { graph }) {
    const outcomes: Outcome[] = [];
    // azurerm 4.x renamed `enable_rbac_authorization` to `rbac_authorization_enabled`; both are accepted.
    const rbac = firstKnown(vault, [{ path: 'rbac_authorization_enabled' }, { path: 'enable_rbac_authorization' }]);
    if (rbac.kind === 'unknown') {
      outcomes.push(unknown(`\`${rbac.path}\` is only known after apply (${rbac.expression}); expected true`));
    } else if (rbac.kind === 'absent') {
      outcomes.push(nonCompliant('`rbac_authorization_enabled` is not set, so the provider default false applies (access policies); expected true'));
    } else if (rbac.value !== true) {
      outcomes.push(nonCompliant(`\`${rbac.path}\` is ${show(rbac.value)}; expected true`));
    }
    const inline = blocks(vault, 'access_policy');
    if (inline.length > 0) outcomes.push(nonCompliant(`the vault declares ${inline.length} \`access_policy\` block(s); expected none (use RBAC role assignments)`));
    const separate = graph.referrersAt(vault, 'azurerm_key_vault_access_policy', 'key_vault_id');
    if (separate.length > 0) {
      outcomes.push(nonCompliant(`access policies are granted on this vault by ${separate.map((r) => r.address).join(', ')}; expected none (use RBAC role assignments)`));
    }
    return outcomes.length > 0 ? outcomes : compliant;
  },
};

export default rule;

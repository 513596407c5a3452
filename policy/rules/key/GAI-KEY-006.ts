import { attribute, blocks } from '../../graph';
import { compliant, nonCompliant, notApplicable, Outcome, Rule, unknown } from '../../rule';
import { resolveValue } from '../iam/_principals';
import { consumersOf } from './_cmk';

const rule: Rule = {
  id: 'GAI-KEY-006',
  title: 'Customer-managed keys rotate, expire and live in a purge-protected vault',
  severity: 'error',
  rationale: 'A key that encrypts a service\'s data must rotate automatically and carry an expiry, or it becomes a long-lived secret nobody renews; its vault must have purge protection, since purging the key makes every encrypted resource unreadable for good.',
  remediation: 'Give the key a `rotation_policy` with an `automatic` block (`time_after_creation` or `time_before_expiry`), set `expiration_date` at creation (and `rotation_policy.expire_after` for the versions rotation creates), and keep it in a vault with `purge_protection_enabled = true` — `KeyVault.addCustomerManagedKey` does all three.',
  references: { psrule: ['Azure.KeyVault.AutoRotationPolicy'], azurePolicy: ['d8cf8476', '152b15f7', '0b60c0b2'], mcsb: ['DP-6', 'DP-8'] },
  appliesTo: ['azurerm_key_vault_key'],
  check(key, { graph }) {
    const consumers = consumersOf(key, graph);
    if (consumers.length === 0) return notApplicable;
    const usedBy = `used as a customer-managed key by ${consumers.map((c) => c.address).join(', ')}`;
    const outcomes: Outcome[] = [];

    const automatic = attribute(key, 'rotation_policy.automatic');
    if (automatic.kind === 'unknown') outcomes.push(unknown(`\`rotation_policy.automatic\` is only known after apply (${automatic.expression})`));
    else {
      const triggers = blocks(key, 'rotation_policy.automatic').filter((a) => a.time_after_creation !== undefined || a.time_before_expiry !== undefined);
      if (triggers.length === 0) outcomes.push(nonCompliant(`the key is ${usedBy} but has no \`rotation_policy.automatic\` (with \`time_after_creation\` or \`time_before_expiry\`); expected automatic rotation`));
    }

    const expireAfter = attribute(key, 'rotation_policy.expire_after');
    const expirationDate = attribute(key, 'expiration_date');
    // Azure Policy 152b15f7 (cited) judges the key's own `expiration_date`: `expire_after` dates only the
    // versions rotation creates, so the first version of a key with `expire_after` alone never expires.
    if (expirationDate.kind === 'absent') {
      outcomes.push(nonCompliant(expireAfter.kind === 'absent'
        ? `the key is ${usedBy} but neither \`expiration_date\` nor \`rotation_policy.expire_after\` is set; expected an expiry`
        : `the key is ${usedBy} but has no \`expiration_date\`: \`rotation_policy.expire_after\` dates only the versions rotation creates, so the first version never expires; expected \`expiration_date\``));
    }

    const vault = resolveValue(attribute(key, 'key_vault_id'), graph, 'azurerm_key_vault');
    if (!vault) {
      outcomes.push(unknown('the key\'s vault (`key_vault_id`) is not in the plan; cannot check it has purge protection'));
    } else {
      const purge = attribute(vault, 'purge_protection_enabled');
      if (purge.kind === 'unknown') outcomes.push(unknown(`${vault.address}: \`purge_protection_enabled\` is only known after apply (${purge.expression}); expected true for a vault holding customer-managed keys`));
      else if (!(purge.kind === 'known' && purge.value === true)) {
        outcomes.push(nonCompliant(`the key's vault ${vault.address} has \`purge_protection_enabled\` ${purge.kind === 'absent' ? 'not set (provider default false)' : JSON.stringify(purge.value)}; expected true for a vault holding customer-managed keys`));
      }
    }
    return outcomes.length > 0 ? outcomes : compliant;
  },
};

export default rule;

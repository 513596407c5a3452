import { Rule, compliant, knownString, nonCompliant, notApplicable, unknown } from '../../rule';
import { attribute } from '../../graph';
import { CMK_CONSUMER_TYPES } from './_cmk';

/**
 * Types that encrypt with a Key Vault key: the catalog's CMK consumers, and Log Analytics clusters (their
 * key is set on a cluster the platform does not declare, so the catalog has no entry for it).
 */
const CMK_CONSUMERS = [...CMK_CONSUMER_TYPES, 'azurerm_log_analytics_cluster_customer_managed_key'];
const CMK_OPERATIONS = ['wrapKey', 'unwrapKey'];

const rule: Rule = {
  id: 'GAI-KEY-005',
  title: 'Customer-managed keys only wrap and unwrap',
  severity: 'note',
  rationale: 'Azure services use a customer-managed key only to wrap and unwrap their data-encryption keys; allowing sign, verify, encrypt or decrypt lets anyone with a data-plane role use the key for other purposes under the same identity.',
  remediation: 'Set `key_opts = ["wrapKey", "unwrapKey"]` (the KeyVault construct\'s `addCustomerManagedKey` does); if a consumer really needs encrypt/decrypt, suppress this rule with the reason.',
  references: {},
  appliesTo: ['azurerm_key_vault_key'],
  check(key, { graph }) {
    // A CMK: referenced by an encrypting service, or named by the platform's `cmk-<purpose>` convention.
    const consumers = graph.referrersOf(key).filter((r) => CMK_CONSUMERS.includes(r.type));
    if (consumers.length === 0 && !knownString(key, 'name')?.startsWith('cmk')) return notApplicable;
    const opts = attribute(key, 'key_opts');
    if (opts.kind === 'unknown') return unknown(`\`key_opts\` is only known after apply (${opts.expression}); expected only "wrapKey", "unwrapKey"`);
    if (opts.kind === 'absent' || !Array.isArray(opts.value)) return nonCompliant('`key_opts` is not set; expected ["wrapKey", "unwrapKey"]');
    if (opts.value.some((o) => typeof o === 'string' && o.includes('${'))) return unknown(`\`key_opts\` contains values only known after apply; expected only "wrapKey", "unwrapKey"`);
    const extra = opts.value.filter((o) => !CMK_OPERATIONS.includes(String(o)));
    return extra.length === 0
      ? compliant
      : nonCompliant(`\`key_opts\` also allows ${extra.map((o) => `"${String(o)}"`).join(', ')}; expected only "wrapKey", "unwrapKey" for a customer-managed key`);
  },
};

export default rule;

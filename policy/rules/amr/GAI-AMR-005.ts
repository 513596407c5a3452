import { attribute, refersTo } from '../../graph';
import { Outcome, Rule, compliant, nonCompliant, notApplicable, unknown } from '../../rule';
import { cmkRequirement, presence } from '../cog/_helpers';

const rule: Rule = {
  id: 'GAI-AMR-005',
  title: 'Managed Redis uses a customer-managed key for confidential data',
  severity: 'warning',
  rationale: 'Persisted cache data (RDB/AOF files) of a confidential workload must be encrypted with a key the organisation controls; the key is read with a user-assigned identity that must be attached to the cache.',
  remediation: 'Add `customer_managed_key { key_vault_key_id, user_assigned_identity_id }` and list that identity in `identity.identity_ids`. Required when the `data-classification` tag is confidential or restricted (or missing).',
  references: { azurePolicy: ['09aa11bb'], mcsb: ['DP-5'] },
  appliesTo: ['azurerm_managed_redis'],
  check(redis, { graph }) {
    const key = presence(graph, redis, 'customer_managed_key.key_vault_key_id');
    if (key === 'unset') {
      const { required, why } = cmkRequirement(redis);
      if (required === false) return notApplicable;
      if (required === 'unknown') return unknown(`whether a customer-managed key is required is unknown: ${why}`);
      return nonCompliant(`\`customer_managed_key\` is not set while ${why}; expected a customer-managed key`);
    }
    if (key === 'unknown') return unknown('`customer_managed_key.key_vault_key_id` is only known after apply; expected a key of the platform Key Vault');
    const outcomes: Outcome[] = [];
    const identity = attribute(redis, 'customer_managed_key.user_assigned_identity_id');
    const attached = attribute(redis, 'identity.identity_ids');
    if (identity.kind === 'absent') {
      outcomes.push(nonCompliant('`customer_managed_key.user_assigned_identity_id` is not set; expected the identity that reads the key'));
    } else if (attached.kind === 'absent') {
      outcomes.push(nonCompliant('`identity.identity_ids` is not set; expected it to list `customer_managed_key.user_assigned_identity_id`'));
    } else if (attached.kind === 'unknown' || (identity.kind === 'unknown' && !graph.resolve(identity))) {
      outcomes.push(unknown('cannot tell whether the CMK identity is attached (`identity.identity_ids` or the identity id is only known after apply)'));
    } else {
      const list = Array.isArray(attached.value) ? attached.value : [attached.value];
      const target = graph.resolve(identity);
      const listed = target
        ? refersTo(attached, target)
        : list.some((id) => typeof id === 'string' && identity.kind === 'known' && id.toLowerCase() === String(identity.value).toLowerCase());
      if (!listed) outcomes.push(nonCompliant('`customer_managed_key.user_assigned_identity_id` is not listed in `identity.identity_ids`; expected the CMK identity attached to the cache'));
    }
    return outcomes.length > 0 ? outcomes : compliant;
  },
};

export default rule;

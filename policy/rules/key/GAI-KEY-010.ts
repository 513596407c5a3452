import { attribute, blocks } from '../../graph';
import { compliant, knownString, nonCompliant, notApplicable, Outcome, Rule, unknown } from '../../rule';
import { ignoresChangesTo } from '../../plan';
import { consumersOf } from './_cmk';

const rule: Rule = {
  id: 'GAI-KEY-010',
  title: 'A customer-managed key expires from its first version, without forcing its replacement on rotation, and production keys cannot be destroyed',
  severity: 'error',
  rationale: 'A rotation policy\'s `expire_after` applies to the versions rotation creates, so a key created without `expiration_date` has a first version that never expires (Azure Policy 152b15f7, Checkov CKV_AZURE_40). Setting it is not enough with automatic rotation: azurerm 4.55 reads `expiration_date` from the latest version, so after the first rotation every plan shows the date changing, and dropping or changing it in config forces a new key (internal/services/keyvault/key_vault_key_resource.go, ForceNewIfChange on `expiration_date`); `lifecycle.ignore_changes = ["expiration_date"]` keeps the creation date and the key. Destroying a production CMK makes the data it protects unreadable, so production keys carry `prevent_destroy`.',
  remediation: 'Create CMK keys with `KeyVault.addCustomerManagedKey`: it sets `expiration_date = timeadd(plantimestamp(), "<expiryDays*24>h")`, `lifecycle.ignore_changes = ["expiration_date"]`, and `prevent_destroy` from the vault\'s protection options (`governance.preventDestroyEnabled`).',
  references: { checkov: ['CKV_AZURE_40'], azurePolicy: ['152b15f7'], mcsb: ['DP-6'] },
  appliesTo: ['azurerm_key_vault_key'],
  check(key, { graph, production }) {
    // A CMK: used by an encrypting service, or named by the platform's `cmk-<purpose>` convention (as GAI-KEY-005).
    if (consumersOf(key, graph).length === 0 && !knownString(key, 'name')?.startsWith('cmk')) return notApplicable;
    const outcomes: Outcome[] = [];
    if (attribute(key, 'expiration_date').kind === 'absent') {
      outcomes.push(nonCompliant('`expiration_date` is not set, so the first key version never expires (`rotation_policy.expire_after` only applies to versions created by rotation); expected an expiry at creation'));
    }
    const automatic = blocks(key, 'rotation_policy.automatic').some((a) => a.time_after_creation !== undefined || a.time_before_expiry !== undefined);
    const needsIgnore = automatic && attribute(key, 'expiration_date').kind !== 'absent';
    if (!key.lifecycle) {
      // `terraform show -json` carries no lifecycle block; never pass what cannot be seen.
      const what = [needsIgnore ? '`lifecycle.ignore_changes` covering `expiration_date`' : '', production ? '`lifecycle.prevent_destroy`' : ''].filter((w) => w !== '');
      if (what.length > 0) outcomes.push(unknown(`a \`terraform show -json\` plan does not contain the \`lifecycle\` block; review ${what.join(' and ')} in the configuration (cdk.tf.json)`));
      return outcomes.length > 0 ? outcomes : compliant;
    }
    if (needsIgnore && !ignoresChangesTo(key, 'expiration_date')) {
      outcomes.push(nonCompliant('the key rotates automatically but `lifecycle.ignore_changes` does not cover `expiration_date`: after the first rotation azurerm reads the new version\'s expiry and the plan changes or replaces the key; expected `ignore_changes = ["expiration_date"]`'));
    }
    if (production) {
      if (!key.lifecycle.preventDestroy) outcomes.push(nonCompliant('production customer-managed key without `lifecycle.prevent_destroy = true`: destroying it makes the data it protects unreadable'));
    }
    return outcomes.length > 0 ? outcomes : compliant;
  },
};

export default rule;

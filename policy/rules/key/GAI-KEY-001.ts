import { Rule, compliant, nonCompliant, unknown } from '../../rule';
import { attribute } from '../../graph';
import { isSet } from '../gov/_helpers';

/** `timeadd(<timestamp>, ...)` always yields a timestamp: an expiry that is set, though its value comes at plan or apply. */
const TIMEADD = /^\$\{\s*timeadd\(/;

const rule: Rule = {
  id: 'GAI-KEY-001',
  title: 'Key Vault key has an expiry',
  severity: 'warning',
  rationale: 'A key without an expiry can stay in use indefinitely, so a compromised or weak key never ages out; an expiry (with rotation before it) bounds the cryptoperiod. The key\'s own `expiration_date` is what Azure Policy 152b15f7 and Checkov CKV_AZURE_40 check: `rotation_policy.expire_after` only dates the versions rotation creates, so without `expiration_date` the first version never expires.',
  remediation: 'Set `expiration_date` at creation (the KeyVault construct\'s `addCustomerManagedKey` sets `timeadd(plantimestamp(), ...)` from `keyVault.keyExpiryDays`, with `ignore_changes` so rotation does not replace the key, GAI-KEY-010), and `rotation_policy { expire_after }` for later versions.',
  references: { checkov: ['CKV_AZURE_40'], azurePolicy: ['152b15f7'], mcsb: ['DP-6'] },
  appliesTo: ['azurerm_key_vault_key'],
  check(key) {
    const date = attribute(key, 'expiration_date');
    if (date.kind === 'known' && isSet(date)) return compliant;
    if (date.kind === 'unknown') {
      return TIMEADD.test(date.expression)
        ? compliant
        : unknown(`\`expiration_date\` is only known after apply (${date.expression}); expected a timestamp`);
    }
    const expireAfter = attribute(key, 'rotation_policy.expire_after');
    return nonCompliant(expireAfter.kind !== 'absent'
      ? '`expiration_date` is not set: `rotation_policy.expire_after` dates only the versions rotation creates, so the first version never expires; expected `expiration_date`'
      : 'neither `expiration_date` nor `rotation_policy.expire_after` is set; expected `expiration_date` (and `expire_after` for rotated versions)');
  },
};

export default rule;

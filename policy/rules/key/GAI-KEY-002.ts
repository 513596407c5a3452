import { Rule, compliant, nonCompliant, unknown } from '../../rule';
import { AttributeValue, attribute } from '../../graph';
import { isSet } from '../gov/_helpers';

const rule: Rule = {
  id: 'GAI-KEY-002',
  title: 'Key Vault key rotates automatically',
  severity: 'error',
  rationale: 'Customer-managed keys that are never rotated extend the exposure of a leaked key to the whole data set; Key Vault rotates a key only when a `rotation_policy` with an automatic trigger exists, and services using the versionless id follow it.',
  remediation: 'Declare `rotation_policy { automatic { time_after_creation = "P180D" } expire_after = "P365D" notify_before_expiry = "P30D" }` (the KeyVault construct\'s `addCustomerManagedKey` does, from `keyVault.keyRotationDays`/`keyExpiryDays`).',
  references: { psrule: ['Azure.KeyVault.AutoRotationPolicy'], azurePolicy: ['d8cf8476'], mcsb: ['v2 DP-6'] },
  appliesTo: ['azurerm_key_vault_key'],
  check(key) {
    const policy = attribute(key, 'rotation_policy');
    if (policy.kind === 'absent') return nonCompliant('`rotation_policy` is not set; expected automatic rotation with `expire_after` and `notify_before_expiry`');
    if (policy.kind === 'unknown') return unknown(`\`rotation_policy\` is only known after apply (${policy.expression}); expected automatic rotation`);
    const parts: [string, AttributeValue[]][] = [
      ['rotation_policy.automatic.time_after_creation or time_before_expiry', [attribute(key, 'rotation_policy.automatic.time_after_creation'), attribute(key, 'rotation_policy.automatic.time_before_expiry')]],
      ['rotation_policy.expire_after', [attribute(key, 'rotation_policy.expire_after')]],
      ['rotation_policy.notify_before_expiry', [attribute(key, 'rotation_policy.notify_before_expiry')]],
    ];
    const missing: string[] = [];
    const pending: string[] = [];
    for (const [name, values] of parts) {
      if (values.some((v) => v.kind === 'known' && isSet(v))) continue;
      if (values.some((v) => v.kind === 'unknown')) pending.push(name);
      else missing.push(name);
    }
    if (missing.length > 0) return nonCompliant(`the rotation policy lacks ${missing.map((m) => `\`${m}\``).join(', ')}; expected automatic rotation, an expiry and an expiry notification`);
    if (pending.length > 0) return unknown(`${pending.map((m) => `\`${m}\``).join(', ')} only known after apply; expected automatic rotation, an expiry and an expiry notification`);
    return compliant;
  },
};

export default rule;

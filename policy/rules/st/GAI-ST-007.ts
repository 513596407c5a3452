import { Rule, compliant, nonCompliant, notApplicable, unknown, show } from '../../rule';
import { attribute } from '../../graph';

/** Azure Policy 7aa1c9d5: SAS tokens valid for at most 7 days. */
const MAX_SAS_DAYS = 7;

/** `DD.HH:MM:SS` (days optional) as days, or undefined when not in that form. */
function periodDays(period: string): number | undefined {
  const m = /^(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2})$/.exec(period.trim());
  if (!m) return undefined;
  const [, d, h, min, s] = m;
  return Number(d ?? 0) + Number(h) / 24 + Number(min) / 1440 + Number(s) / 86400;
}

const rule: Rule = {
  id: 'GAI-ST-007',
  title: 'Storage account that allows shared keys limits SAS validity (7 days)',
  severity: 'warning',
  rationale: 'Account SAS tokens signed with a shared key cannot be revoked except by rotating the key; an expiration policy bounds how long a leaked token stays usable.',
  remediation: 'Prefer `shared_access_key_enabled = false` (GAI-ST-006). Otherwise set `sas_policy { expiration_period = "07.00:00:00" expiration_action = "Block" }` or shorter.',
  references: { checkov: ['CKV2_AZURE_41'], azurePolicy: ['7aa1c9d5'] },
  appliesTo: ['azurerm_storage_account'],
  check(account) {
    const sharedKey = attribute(account, 'shared_access_key_enabled');
    if (sharedKey.kind === 'known' && sharedKey.value === false) return notApplicable;
    const period = attribute(account, 'sas_policy.expiration_period');
    if (period.kind === 'unknown') return unknown(`\`sas_policy.expiration_period\` is only known after apply (${period.expression}); expected at most ${MAX_SAS_DAYS} days`);
    if (period.kind === 'absent') {
      return sharedKey.kind === 'unknown'
        ? unknown(`\`shared_access_key_enabled\` is only known after apply (${sharedKey.expression}) and no \`sas_policy\` is set; expected shared keys off or a SAS expiration policy`)
        : nonCompliant('shared keys are allowed and `sas_policy.expiration_period` is not set; expected a SAS expiration policy of at most 7 days');
    }
    const days = periodDays(String(period.value));
    if (days === undefined) return nonCompliant(`\`sas_policy.expiration_period\` is ${show(period.value)}, not a DD.HH:MM:SS period; expected at most ${MAX_SAS_DAYS} days`);
    return days <= MAX_SAS_DAYS
      ? compliant
      : nonCompliant(`\`sas_policy.expiration_period\` is ${show(period.value)} (${Math.round(days * 10) / 10} days); expected at most ${MAX_SAS_DAYS} days`);
  },
};

export default rule;

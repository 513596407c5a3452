import { Rule, compliant, nonCompliant, notApplicable, unknown, show } from '../../rule';
import { attribute } from '../../graph';

const rule: Rule = {
  id: 'GAI-LAW-004',
  title: 'Non-production Log Analytics has a daily ingestion cap (non-production only)',
  severity: 'note',
  rationale: 'A chatty container or a debug log level in a development environment can ingest hundreds of GB a day at pay-as-you-go prices; a daily cap bounds the bill. Production is not capped, because a cap silently drops audit data (alert on ingestion instead).',
  remediation: 'Set `daily_quota_gb` to a positive number (config `monitoring.dailyQuotaGb`). The provider default -1 means unlimited. Evaluated only for non-production environments.',
  references: {},
  appliesTo: ['azurerm_log_analytics_workspace'],
  check(workspace, { production }) {
    if (production) return notApplicable;
    const quota = attribute(workspace, 'daily_quota_gb');
    if (quota.kind === 'unknown') return unknown(`\`daily_quota_gb\` is only known after apply (${quota.expression}); expected a daily cap`);
    if (quota.kind === 'absent') return nonCompliant('`daily_quota_gb` is not set, so the provider default -1 (unlimited) applies; expected a daily cap');
    return typeof quota.value === 'number' && quota.value > 0
      ? compliant
      : nonCompliant(`\`daily_quota_gb\` is ${show(quota.value)} (unlimited); expected a positive daily cap`);
  },
};

export default rule;

import { Rule } from '../../rule';
import { atLeast } from '../gov/_helpers';

/** Organisation minimum for interactive retention (security/audit tables may need 365 days). */
const MINIMUM_DAYS = 90;

const rule: Rule = {
  id: 'GAI-LAW-001',
  title: 'Log Analytics keeps data for at least 90 days',
  severity: 'warning',
  rationale: 'Incidents are often found weeks after they start; with the provider default of 30 days, the gateway, Key Vault and model-access logs needed to investigate are already gone.',
  remediation: 'Set `retention_in_days` to 90 or more (config `monitoring.retentionDays`, default 90; 365 for audit-heavy environments). The provider default is 30.',
  references: { mcsb: ['LT-6 (analogy)'] },
  appliesTo: ['azurerm_log_analytics_workspace'],
  check: (workspace) => atLeast(workspace, 'retention_in_days', MINIMUM_DAYS, 30),
};

export default rule;

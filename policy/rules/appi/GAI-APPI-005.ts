import { Rule, compliant, nonCompliant, unknown } from '../../rule';
import { attribute, referencedResource } from '../../graph';

const rule: Rule = {
  id: 'GAI-APPI-005',
  title: 'Application Insights ingestion is bounded (daily cap or sampling)',
  severity: 'note',
  rationale: 'Per-request telemetry from a busy gateway grows with traffic; without a daily cap (on the component or its workspace) or sampling, a traffic spike or a load test becomes an unbounded ingestion bill.',
  remediation: 'Set `daily_data_cap_in_gb`, or `sampling_percentage` below 100, or cap the linked workspace with `daily_quota_gb` (config `monitoring.dailyQuotaGb`).',
  references: {},
  appliesTo: ['azurerm_application_insights'],
  check(component, { graph }) {
    const cap = attribute(component, 'daily_data_cap_in_gb');
    const sampling = attribute(component, 'sampling_percentage');
    if (cap.kind === 'known' && typeof cap.value === 'number' && cap.value > 0) return compliant;
    if (sampling.kind === 'known' && typeof sampling.value === 'number' && sampling.value < 100) return compliant;
    const workspace = referencedResource(graph, component, 'workspace_id', 'azurerm_log_analytics_workspace', { anyType: true, throughReferences: false });
    const quota = workspace ? attribute(workspace, 'daily_quota_gb') : undefined;
    if (quota?.kind === 'known' && typeof quota.value === 'number' && quota.value > 0) return compliant;
    const pending = [cap, sampling, quota].find((v) => v?.kind === 'unknown');
    if (pending?.kind === 'unknown') return unknown(`the ingestion bound is only known after apply (${pending.expression}); expected a daily cap or sampling below 100 %`);
    return nonCompliant('neither `daily_data_cap_in_gb`, `sampling_percentage` below 100, nor a `daily_quota_gb` on the linked workspace is set; expected a bound on ingestion');
  },
};

export default rule;

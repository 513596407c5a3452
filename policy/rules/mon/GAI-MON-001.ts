import { Outcome, Rule, compliant, nonCompliant, unknown } from '../../rule';
import { blocks, isExpression } from '../../graph';
import { platformWorkspaceOutcome } from '../gov/_helpers';
import { ALL_LOGS_GROUPS, WITHOUT_PLATFORM_METRICS, WITHOUT_RESOURCE_LOGS, diagnosticTarget } from './_targets';

const rule: Rule = {
  id: 'GAI-MON-001',
  title: 'Diagnostic setting sends all logs and metrics to the platform workspace',
  severity: 'warning',
  rationale: 'A diagnostic setting that picks individual categories silently misses categories added later, and one that writes elsewhere splits the audit trail; investigations and the platform alerts need every log and metric in the platform workspace.',
  remediation: 'Use the `DiagnosticSetting` construct: `log_analytics_workspace_id` = the platform workspace, `enabled_log { category_group = "allLogs" }` and `enabled_metric { category = "AllMetrics" }` (omitting only what the resource type does not emit).',
  references: { psrule: ['Azure.KeyVault.Logs'], azurePolicy: ['1b4d1c4e', 'cf820ca0', 'b4330a05'], mcsb: ['LT-3'] },
  appliesTo: ['azurerm_monitor_diagnostic_setting'],
  check(setting, { graph }) {
    const outcomes: Outcome[] = [platformWorkspaceOutcome(graph, setting, 'log_analytics_workspace_id')];
    const target = diagnosticTarget(graph, setting);

    const logs = blocks(setting, 'enabled_log');
    const groups = logs.map((b) => b.category_group);
    if (groups.some((g) => typeof g === 'string' && ALL_LOGS_GROUPS.includes(g))) {
      outcomes.push(compliant);
    } else if (groups.some(isExpression)) {
      outcomes.push(unknown('an `enabled_log.category_group` is only known after apply; expected "allLogs" (or "audit")'));
    } else if (logs.length > 0) {
      const categories = logs.map((b) => b.category).filter((c) => c !== undefined).map(String);
      outcomes.push(nonCompliant(`\`enabled_log\` lists categories ${categories.map((c) => `"${c}"`).join(', ')}; expected \`category_group\` "allLogs" (or "audit")`));
    } else if (target.kind === 'unresolved') {
      outcomes.push(unknown(`no \`enabled_log\`, and ${target.description}, so whether it emits resource logs is unknown; expected \`category_group\` "allLogs"`));
    } else if (!WITHOUT_RESOURCE_LOGS.includes(target.type)) {
      outcomes.push(nonCompliant(`no \`enabled_log\` for ${target.resource.address}, which emits resource logs; expected \`enabled_log { category_group = "allLogs" }\``));
    }

    // `metric` is the deprecated 3.x spelling, still accepted by azurerm 4.55.
    const metrics = [...blocks(setting, 'enabled_metric'), ...blocks(setting, 'metric').filter((b) => b.enabled !== false)];
    const categories = metrics.map((b) => b.category);
    if (categories.includes('AllMetrics')) {
      outcomes.push(compliant);
    } else if (categories.some(isExpression)) {
      outcomes.push(unknown('an `enabled_metric.category` is only known after apply; expected "AllMetrics"'));
    } else if (metrics.length > 0) {
      outcomes.push(nonCompliant(`\`enabled_metric\` lists ${categories.map((c) => `"${String(c)}"`).join(', ')}; expected "AllMetrics"`));
    } else if (target.kind === 'unresolved') {
      outcomes.push(unknown(`no \`enabled_metric\`, and ${target.description}, so whether it emits platform metrics is unknown; expected \`category\` "AllMetrics"`));
    } else if (!WITHOUT_PLATFORM_METRICS.includes(target.type)) {
      outcomes.push(nonCompliant(`no \`enabled_metric\` for ${target.resource.address}, which emits platform metrics; expected \`enabled_metric { category = "AllMetrics" }\``));
    }
    const findings = outcomes.filter((o) => o.status !== 'compliant');
    return findings.length > 0 ? findings : compliant;
  },
};

export default rule;

import { attribute } from '../../graph';
import { compliant, nonCompliant, Rule, unknown } from '../../rule';
import { settingsTargeting } from '../mon/_targets';
import { isConfigured } from './_helpers';

const rule: Rule = {
  id: 'GAI-ACA-005',
  title: 'Container Apps environment sends application logs to Log Analytics',
  severity: 'warning',
  rationale: 'Without a logs destination the console and system logs of every app are only streamed, never stored: restarts, probe failures and orchestrator errors leave no trace to investigate.',
  remediation: 'Set `logs_destination = "log-analytics"` with `log_analytics_workspace_id` = the platform workspace, or `logs_destination = "azure-monitor"` plus a diagnostic setting to the workspace (the DiagnosticSetting construct).',
  references: { azurePolicy: ['6a664864'], mcsb: ['LT-3'] },
  appliesTo: ['azurerm_container_app_environment'],
  check(environment, { graph }) {
    const destination = attribute(environment, 'logs_destination');
    const workspaceSet = isConfigured(attribute(environment, 'log_analytics_workspace_id'));
    if (destination.kind === 'unknown') return unknown(`\`logs_destination\` is only known after apply (${destination.expression}); expected "log-analytics" or "azure-monitor"`);
    const value = destination.kind === 'known' ? destination.value : undefined;
    // azurerm 4.x: with the destination unset, a workspace id makes the provider send logs to it.
    if (value === 'log-analytics' || (value === undefined && workspaceSet)) {
      return workspaceSet ? compliant : nonCompliant('`logs_destination` is "log-analytics" but `log_analytics_workspace_id` is not set; expected the platform workspace id');
    }
    if (value === 'azure-monitor') {
      const settings = settingsTargeting(graph, environment);
      return settings.length > 0
        ? compliant
        : nonCompliant('`logs_destination` is "azure-monitor" but no `azurerm_monitor_diagnostic_setting` targets the environment; expected one sending the logs to the workspace');
    }
    return nonCompliant(value === undefined
      ? '`logs_destination` and `log_analytics_workspace_id` are not set: logs are only streamed; expected "log-analytics" with the platform workspace'
      : `\`logs_destination\` is ${JSON.stringify(value)}; expected "log-analytics" or "azure-monitor"`);
  },
};

export default rule;

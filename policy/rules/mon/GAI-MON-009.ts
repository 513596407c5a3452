import { blocks, isExpression } from '../../graph';
import { Outcome, Rule, compliant, nonCompliant, unknown } from '../../rule';
import { platformWorkspaceOutcome } from '../gov/_helpers';
import { ALL_LOGS_GROUPS, LOGS_REQUIRED_ON, diagnosticTarget, settingsOnLiteralSubResources, settingsTargeting } from './_targets';

const rule: Rule = {
  id: 'GAI-MON-009',
  title: 'Resources whose logs live on a sub-resource have a diagnostic setting there, sending its logs to the platform workspace',
  severity: 'error',
  rationale: 'For some types the resource\'s own diagnostic setting carries metrics only: a storage account\'s read, write and delete logs are on `<account id>/blobServices/default`, and Managed Redis connection logs on `<cache id>/databases/default` (catalog/services.ts, from Learn). The account-level setting satisfies "has a diagnostic setting" (GAI-MON-004) while the data-plane audit trail is missing; this rule asks for the setting where the logs are.',
  remediation: 'Add an `azurerm_monitor_diagnostic_setting` with `target_resource_id = "${<resource>.id}/blobServices/default"` (storage) or `"${<cache>.id}/databases/default"` (Managed Redis), `enabled_log { category_group = "allLogs" }` and the platform workspace; the DocumentStorage and SemanticCache constructs create it.',
  references: { mcsb: ['LT-3', 'LT-4'] },
  appliesTo: Object.keys(LOGS_REQUIRED_ON),
  examples: {
    compliant: 'resource "azurerm_monitor_diagnostic_setting" "blob" {\n  target_resource_id         = "${azurerm_storage_account.docs.id}/blobServices/default"\n  log_analytics_workspace_id = azurerm_log_analytics_workspace.platform.id\n  enabled_log {\n    category_group = "allLogs"\n  }\n}',
    nonCompliant: 'resource "azurerm_monitor_diagnostic_setting" "account" {\n  # the account itself: Transaction metrics only, no blob access logs\n  target_resource_id         = azurerm_storage_account.docs.id\n  log_analytics_workspace_id = azurerm_log_analytics_workspace.platform.id\n  enabled_metric {\n    category = "Transaction"\n  }\n}',
  },
  check(resource, { graph }) {
    const outcomes: Outcome[] = [];
    const settings = [...new Set([...settingsTargeting(graph, resource), ...settingsOnLiteralSubResources(graph, resource)])];
    for (const sub of LOGS_REQUIRED_ON[resource.type] ?? []) {
      const target = `${resource.type}/${sub}`;
      const targets = settings.map((setting) => ({ setting, target: diagnosticTarget(graph, setting) }));
      const here = targets.filter((t) => t.target.kind === 'resource' && t.target.type === target).map((t) => t.setting);
      // A target whose path plan JSON does not show may be the sub-resource: undecided, never failed.
      const undecided = targets.filter((t) => t.target.kind === 'resource' && t.target.pathUnknown).map((t) => t.setting);
      if (here.length === 0 && undecided.length > 0) {
        outcomes.push(unknown(`${undecided.map((s) => s.address).join(', ')} refer${undecided.length === 1 ? 's' : ''} to ${resource.address} with a target only known after apply; plan JSON does not show whether it is \`${sub}/default\`, where the resource logs are`));
        continue;
      }
      if (here.length === 0) {
        outcomes.push(nonCompliant(`no diagnostic setting targets \`${resource.address}.id/${sub}/default\`, where its resource logs are (a setting on the resource itself carries metrics only); expected one with \`enabled_log { category_group = "allLogs" }\` to the platform workspace`));
        continue;
      }
      const verdicts = here.map((setting) => {
        const groups = blocks(setting, 'enabled_log').map((b) => b.category_group ?? b.category);
        const logs: Outcome = groups.some((g) => typeof g === 'string' && ALL_LOGS_GROUPS.includes(g))
          ? compliant
          : groups.some(isExpression)
            ? unknown(`${setting.address}: an \`enabled_log\` is only known after apply; expected \`category_group\` "allLogs"`)
            : nonCompliant(`${setting.address} targets \`${sub}/default\` but ${groups.length === 0 ? 'enables no log' : `enables only ${groups.map((g) => `"${String(g)}"`).join(', ')}`}; expected \`enabled_log { category_group = "allLogs" }\``);
        const workspace = platformWorkspaceOutcome(graph, setting, 'log_analytics_workspace_id');
        return logs.status !== 'compliant' ? logs : workspace;
      });
      if (verdicts.some((v) => v.status === 'compliant')) continue;
      outcomes.push(verdicts.find((v) => v.status === 'unknown') ?? verdicts[0]);
    }
    return outcomes.length > 0 ? outcomes : compliant;
  },
};

export default rule;

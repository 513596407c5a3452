import { attribute, ResourceGraph } from '../../graph';
import { PlanResource } from '../../plan';
import { compliant, nonCompliant, Rule, unknown } from '../../rule';
import { settingsTargeting } from './_targets';

const rule: Rule = {
  id: 'GAI-MON-004',
  title: 'Key platform resources send diagnostics to the platform workspace',
  severity: 'error',
  rationale: 'Without a diagnostic setting to the platform Log Analytics workspace, data-plane access (key use, model calls, gateway traffic, searches, cache and storage access) leaves no audit trail. The catalog rates this High for Key Vault, AI accounts and APIM and Medium for the others; a rule has one severity, so it is an error for all.',
  remediation: 'Add an `azurerm_monitor_diagnostic_setting` with `target_resource_id` = the resource id (for storage, `<account id>/blobServices/default` also counts) and `log_analytics_workspace_id` = the platform workspace — pass the Monitoring construct\'s `diagnostics` to the construct, which creates a DiagnosticSetting.',
  references: {
    psrule: ['Azure.KeyVault.Logs'],
    azurePolicy: ['1b4d1c4e', 'cf820ca0', 'b4330a05', '55d1f543', '567c93f7', '6a664864', 'aec4c33f', 'fa570aa1'],
    mcsb: ['LT-3', 'LT-4'],
  },
  appliesTo: [
    'azurerm_key_vault', 'azurerm_log_analytics_workspace', 'azurerm_storage_account', 'azurerm_cognitive_account',
    'azurerm_search_service', 'azurerm_api_management', 'azurerm_container_app_environment', 'azurerm_managed_redis',
    'azurerm_redis_cache', 'azurerm_ai_foundry',
  ],
  check(resource, { graph }) {
    // `${azurerm_storage_account.x.id}/blobServices/default` refers to the account too.
    const settings = settingsTargeting(graph, resource);
    if (settings.length === 0) {
      return nonCompliant('no `azurerm_monitor_diagnostic_setting` has a `target_resource_id` referring to it; expected one sending logs to the platform Log Analytics workspace');
    }
    const problems: string[] = [];
    const unknowns: string[] = [];
    for (const setting of settings) {
      const verdict = workspaceOf(setting, graph);
      if (verdict === true) return compliant;
      (verdict.unknown ? unknowns : problems).push(`${setting.address}: ${verdict.message}`);
    }
    return unknowns.length > 0
      ? unknown(`${unknowns.join('; ')}; expected a workspace in this plan`)
      : nonCompliant(`${problems.join('; ')}; expected \`log_analytics_workspace_id\` referring to the platform workspace in this plan`);
  },
};

function workspaceOf(setting: PlanResource, graph: ResourceGraph): true | { message: string; unknown: boolean } {
  const value = attribute(setting, 'log_analytics_workspace_id');
  if (value.kind === 'absent') return { message: '`log_analytics_workspace_id` is not set', unknown: false };
  // By lookup: matching against every workspace of the plan, for every setting, grows with the square of the plan.
  if (graph.targetsOf(value).some((w) => w.type === 'azurerm_log_analytics_workspace')) return true;
  if (value.kind === 'unknown') {
    // A reference to another resource or a data source is a workspace outside this plan.
    return /\$\{[^}]*\b(?:data\.)?[a-z][a-z0-9_]*\.[A-Za-z0-9_-]+\./.test(value.expression)
      ? { message: `\`log_analytics_workspace_id\` (${value.expression}) is not a workspace in this plan`, unknown: false }
      : { message: `\`log_analytics_workspace_id\` is only known after apply (${value.expression})`, unknown: true };
  }
  return { message: `\`log_analytics_workspace_id\` is ${JSON.stringify(value.value)}, a workspace outside this plan`, unknown: false };
}

export default rule;

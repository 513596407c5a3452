import { attribute } from '../../graph';
import { compliant, nonCompliant, notApplicable, Rule, unknown } from '../../rule';

/** Per type: the attribute that names the observability sink and the in-plan type it must be. */
const LINKS: Readonly<Record<string, { readonly path: string; readonly sink: string; readonly requiredHere: boolean }>> = {
  // Workspace-based Application Insights; without a workspace it is a classic (retired) resource.
  azurerm_application_insights: { path: 'workspace_id', sink: 'azurerm_log_analytics_workspace', requiredHere: true },
  // Unset here is GAI-ACA-005's finding (logs not stored); this rule judges where they go.
  azurerm_container_app_environment: { path: 'log_analytics_workspace_id', sink: 'azurerm_log_analytics_workspace', requiredHere: false },
  azurerm_ai_foundry: { path: 'application_insights_id', sink: 'azurerm_application_insights', requiredHere: false },
};

const rule: Rule = {
  id: 'GAI-MON-005',
  title: 'Telemetry goes to the platform\'s own workspace and Application Insights',
  severity: 'warning',
  rationale: 'Application Insights, Container Apps logs and AI Foundry telemetry that land in a workspace outside the stack split the observability plane: queries, alerts, retention and access control of the platform do not cover them.',
  remediation: 'Point `azurerm_application_insights.workspace_id`, `azurerm_container_app_environment.log_analytics_workspace_id` and `azurerm_ai_foundry.application_insights_id` at the Monitoring construct\'s workspace and Application Insights.',
  references: { psrule: ['Azure.AppInsights.Workspace'], azurePolicy: ['d550e854'] },
  appliesTo: Object.keys(LINKS),
  check(resource, { graph }) {
    const { path, sink, requiredHere } = LINKS[resource.type];
    const value = attribute(resource, path);
    if (value.kind === 'absent') {
      return requiredHere ? nonCompliant(`\`${path}\` is not set (a classic, workspace-less resource); expected the platform workspace in this plan`) : notApplicable;
    }
    // By lookup: matching against every sink of the plan, for every resource, grows with the square of the plan.
    if (graph.targetsOf(value).some((s) => s.type === sink)) return compliant;
    if (value.kind === 'unknown' && !/\$\{[^}]*\b(?:data\.)?[a-z][a-z0-9_]*\.[A-Za-z0-9_-]+\./.test(value.expression)) {
      return unknown(`\`${path}\` is only known after apply (${value.expression}); expected a ${sink} in this plan`);
    }
    const shown = value.kind === 'unknown' ? value.expression : JSON.stringify(value.value);
    return nonCompliant(`\`${path}\` is ${shown}, outside this plan; expected a ${sink} declared in the stack`);
  },
};

export default rule;

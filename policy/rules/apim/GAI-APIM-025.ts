import { ResourceGraph, attribute } from '../../graph';
import { compliant, expectAttribute, nonCompliant, notApplicable, Outcome, Rule, unknown } from '../../rule';
import { modelTargetOf, names, resourcesNaming, serviceOf } from '../../apim-policy';
import { PlanResource } from '../../plan';

const DIAGNOSTIC_TYPES = ['azurerm_api_management_diagnostic', 'azurerm_api_management_api_diagnostic'];
const IDENTIFIERS = ['applicationinsights', 'azuremonitor'];

function judgeDiagnostic(diagnostic: PlanResource, production: boolean): Outcome[] {
  const outcomes: Outcome[] = [];
  const identifier = attribute(diagnostic, 'identifier');
  if (identifier.kind === 'unknown') outcomes.push(unknown(`\`identifier\` is only known after apply (${identifier.expression})`));
  else if (!(identifier.kind === 'known' && IDENTIFIERS.includes(String(identifier.value)))) {
    outcomes.push(nonCompliant(`\`identifier\` is ${identifier.kind === 'known' ? `"${String(identifier.value)}"` : 'not set'}; expected "applicationinsights" or "azuremonitor"`));
  }
  if (attribute(diagnostic, 'api_management_logger_id').kind === 'absent') outcomes.push(nonCompliant('`api_management_logger_id` is not set'));
  const errors = expectAttribute(diagnostic, 'always_log_errors', { expected: true });
  if (errors.status !== 'compliant') outcomes.push(errors);
  if (production) {
    const verbosity = attribute(diagnostic, 'verbosity');
    if (verbosity.kind === 'known' && String(verbosity.value).toLowerCase() === 'verbose') outcomes.push(nonCompliant('`verbosity` is "verbose" in production; expected "information" or "error"'));
    if (verbosity.kind === 'unknown') outcomes.push(unknown(`\`verbosity\` is only known after apply (${verbosity.expression})`));
  }
  return outcomes;
}

/** Service-wide diagnostics by service, indexed once per plan: the rule stays linear in plan size. */
function diagnosticsByService(graph: ResourceGraph): ReadonlyMap<PlanResource, readonly PlanResource[]> {
  return graph.groupBy('GAI-APIM-025/diagnostics-by-service', 'azurerm_api_management_diagnostic', (diagnostic) => serviceOf(graph, diagnostic));
}

function judgeApi(graph: ResourceGraph, api: PlanResource): Outcome {
  const target = modelTargetOf(graph, api);
  if (target.kind === 'other') return notApplicable;
  const perApi = resourcesNaming(graph, 'azurerm_api_management_api_diagnostic', 'api_name', api).filter((d) => names(attribute(d, 'api_name'), api));
  const service = serviceOf(graph, api);
  const serviceWide = service ? diagnosticsByService(graph).get(service) ?? [] : [];
  if (perApi.length > 0 || serviceWide.length > 0) return compliant;
  if (target.kind === 'unknown') return unknown(`no diagnostic covers ${api.address}, and whether it fronts a model cannot be told: ${target.reason}`);
  return nonCompliant(`model API ${api.address} has no \`azurerm_api_management_api_diagnostic\` and its service no \`azurerm_api_management_diagnostic\`; expected one sending to Application Insights or Azure Monitor`);
}

const rule: Rule = {
  id: 'GAI-APIM-025',
  title: 'Model APIs are covered by a diagnostic to Application Insights or Azure Monitor that logs errors',
  severity: 'warning',
  rationale: 'Without a gateway diagnostic there is no per-request record of who called which model and how it failed; error logging must not depend on sampling, and verbose tracing in production leaks detail and cost.',
  remediation: 'Add an `azurerm_api_management_diagnostic` (service-wide) or `azurerm_api_management_api_diagnostic` with `identifier = "applicationinsights"` (or "azuremonitor"), `api_management_logger_id`, `always_log_errors = true` and `verbosity` "information" in production.',
  references: { mcsb: ['LT-3 (analogy)'] },
  appliesTo: [...DIAGNOSTIC_TYPES, 'azurerm_api_management_api'],
  check(resource, { graph, production }) {
    if (resource.type === 'azurerm_api_management_api') return judgeApi(graph, resource);
    const outcomes = judgeDiagnostic(resource, production);
    return outcomes.length > 0 ? outcomes : compliant;
  },
};

export default rule;

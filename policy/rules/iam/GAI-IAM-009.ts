import { ResourceGraph, attribute, refersTo } from '../../graph';
import { PlanResource } from '../../plan';
import { compliant, knownString, nonCompliant, notApplicable, Outcome, Rule, unknown } from '../../rule';
import { grantsTo, identitiesOf } from './_principals';

const OPENAI_ROLES = ['Cognitive Services OpenAI User', 'Cognitive Services OpenAI Contributor', 'Cognitive Services User'];
const COGNITIVE_ROLES = ['Cognitive Services User'];
/** Workloads that call a model account directly when their configuration references it. */
const APP_TYPES = ['azurerm_container_app', 'azurerm_linux_web_app', 'azurerm_windows_web_app', 'azurerm_linux_function_app', 'azurerm_windows_function_app'];

/**
 * The APIM service an API or backend belongs to (`api_management_name`, by reference or known name in
 * the same resource group). Not apim-policy's `serviceOf`, which ignores the resource group and also
 * reads `api_management_id` and the references: the callers it finds differ.
 */
function serviceOf(child: PlanResource, graph: ResourceGraph): PlanResource | undefined {
  const value = attribute(child, 'api_management_name');
  const byReference = graph.resolve(value);
  if (byReference?.type === 'azurerm_api_management') return byReference;
  if (value.kind !== 'known' || typeof value.value !== 'string') return undefined;
  return graph.withValue('azurerm_api_management', 'name', value.value)
    .find((s) => JSON.stringify(s.values.resource_group_name) === JSON.stringify(child.values.resource_group_name));
}

/**
 * The APIM services whose children (of `type`) point at `target` through one of `paths`, in the order
 * of the children in the plan. The children are indexed by target once per plan: a scan of every
 * backend and API for each account grows with the square of the plan.
 */
function servicesPointingAt(graph: ResourceGraph, type: string, paths: readonly string[], target: PlanResource): PlanResource[] {
  const children = graph.groupBy(`GAI-IAM-009/children-by-target/${type}`, type, (child) => paths.flatMap((path) => graph.targetsOf(attribute(child, path))));
  return (children.get(target) ?? []).map((child) => serviceOf(child, graph)).filter((s): s is PlanResource => s !== undefined);
}

/** Resources that call `account`: APIM services with a backend or API pointing at it, and apps referencing it. */
function callersOf(account: PlanResource, graph: ResourceGraph): PlanResource[] {
  const callers = new Set<PlanResource>([
    ...servicesPointingAt(graph, 'azurerm_api_management_backend', ['url', 'resource_id'], account),
    ...servicesPointingAt(graph, 'azurerm_api_management_api', ['service_url'], account),
  ]);
  for (const app of graph.referrersOf(account)) if (APP_TYPES.includes(app.type)) callers.add(app);
  return [...callers];
}

const rule: Rule = {
  id: 'GAI-IAM-009',
  title: 'Every caller of a model account has its data-plane role on it',
  severity: 'error',
  rationale: 'Model accounts have local (key) authentication disabled (GAI-COG-001), so a caller that reaches an account without "Cognitive Services OpenAI User" (or "Cognitive Services User" for Content Safety) on it gets 401s: the gateway or app is broken at first call, and the tempting fix is to re-enable keys.',
  remediation: 'For each caller (the APIM gateway through its backends, or an app referencing the account) create an `azurerm_role_assignment` with `scope` = the account id, `principal_id` = the caller\'s identity, and `role_definition_name = "Cognitive Services OpenAI User"` ("Cognitive Services User" for ContentSafety) — use the AI construct\'s grant methods.',
  references: { mcsb: ['IM-1'] },
  appliesTo: ['azurerm_cognitive_account'],
  check(account, { graph }) {
    const callers = callersOf(account, graph);
    if (callers.length === 0) return notApplicable;
    const kind = knownString(account, 'kind');
    if (kind === undefined) return unknown('`kind` is only known after apply; cannot tell which role callers need');
    const roles = kind === 'OpenAI' || kind === 'AIServices' ? OPENAI_ROLES : COGNITIVE_ROLES;
    return callers.map((caller): Outcome => {
      const { holders, unknown: unresolved } = identitiesOf(caller, graph);
      if (holders.length === 0) {
        return unresolved
          ? unknown(`${caller.address} calls the account but ${unresolved}`)
          : nonCompliant(`${caller.address} calls the account but has no managed identity; expected one with "${roles[0]}" on the account`);
      }
      const verdict = grantsTo(graph, holders, roles, (a) => refersTo(attribute(a, 'scope'), account));
      if (verdict === 'yes') return compliant;
      if (verdict === 'unknown' || unresolved) return unknown(`${caller.address}: ${unresolved ?? 'a role assignment on the account has a role only known after apply'}; expected "${roles[0]}" for its identity`);
      return nonCompliant(`${caller.address} calls the account but none of its identities (${holders.map((h) => h.address).join(', ')}) has "${roles[0]}" scoped to it; expected a role assignment`);
    });
  },
};

export default rule;

import { ResourceGraph, addTo, attribute } from '../../graph';
import { PlanResource } from '../../plan';
import { compliant, nonCompliant, Outcome, Rule, unknown } from '../../rule';
import { attr, childNamed, findElements, names, PolicyElement, resourcesNaming, serviceOf } from '../../apim-policy';
import { asModelApi, isOutcome, via } from './_helpers';

/** A token validation that pins who may call: Entra tenant, or JWT audiences / issuers. */
function validatesCaller(element: PolicyElement): boolean {
  if (element.name === 'validate-azure-ad-token') return Boolean(attr(element, 'tenant-id'));
  return ['audiences', 'issuers'].some((c) => (childNamed(element, c)?.children.length ?? 0) > 0);
}

const SUBSCRIPTION = 'azurerm_api_management_subscription';

/** All-APIs subscriptions (no `product_id`, no `api_id`) by service, and those whose service cannot be told. */
interface AllApisSubscriptions {
  readonly all: readonly PlanResource[];
  readonly byService: ReadonlyMap<PlanResource, readonly PlanResource[]>;
  readonly serviceless: readonly PlanResource[];
}

/**
 * The all-APIs subscriptions that can call the service's APIs (all of them when the service cannot be
 * told), in plan order; indexed once per plan, so the rule stays linear in plan size.
 */
function allApisSubscriptions(graph: ResourceGraph, service: PlanResource | undefined): PlanResource[] {
  const index = graph.memo('GAI-GEN-004/all-apis-subscriptions', (): AllApisSubscriptions => {
    const all: PlanResource[] = [];
    const byService = new Map<PlanResource, PlanResource[]>();
    const serviceless: PlanResource[] = [];
    for (const subscription of graph.ofType(SUBSCRIPTION)) {
      if (attribute(subscription, 'product_id').kind !== 'absent' || attribute(subscription, 'api_id').kind !== 'absent') continue;
      all.push(subscription);
      const own = serviceOf(graph, subscription);
      if (own) addTo(byService, own, subscription);
      else serviceless.push(subscription);
    }
    return { all, byService, serviceless };
  });
  return service ? graph.inPlanOrder([...(index.byService.get(service) ?? []), ...index.serviceless]) : [...index.all];
}

const rule: Rule = {
  id: 'GAI-GEN-004',
  title: 'Model APIs authenticate callers (Entra / JWT validation, or product-scoped subscription keys)',
  severity: 'error',
  rationale: 'Model capacity and data must only be reachable by known consumers; an all-APIs subscription key or no validation at all lets any holder, or anyone on the network, call every model.',
  remediation: 'Add `<validate-azure-ad-token tenant-id="...">` (or `<validate-jwt>` with `<audiences>`/`<issuers>`) to the inbound policy, or keep `subscription_required = true` and give consumers only product-scoped `azurerm_api_management_subscription` keys (team products from config).',
  references: { azurePolicy: ['8ac833bd'], mcsb: ['IM-4'] },
  appliesTo: ['azurerm_api_management_api'],
  check(api, { graph }) {
    const model = asModelApi(graph, api);
    if (isOutcome(model)) return model;
    const required = attribute(api, 'subscription_required');
    const service = serviceOf(graph, api);
    const inService = (s: PlanResource) => !service || !serviceOf(graph, s) || serviceOf(graph, s) === service;
    const allApis = allApisSubscriptions(graph, service);
    const apiScoped = resourcesNaming(graph, SUBSCRIPTION, 'api_id', api).filter((s) => inService(s) && names(attribute(s, 'api_id'), api));
    const outcomes: Outcome[] = [];
    for (const policy of model.policies) {
      if (findElements(policy.sections.inbound, ['validate-azure-ad-token', 'validate-jwt']).some((f) => validatesCaller(f.element))) continue;
      if (required.kind === 'unknown') {
        outcomes.push(unknown(`no caller token validation${via(policy)} and \`subscription_required\` is only known after apply (${required.expression})`));
      } else if (required.kind === 'known' && required.value !== true) {
        outcomes.push(nonCompliant(`no <validate-azure-ad-token> / <validate-jwt> with audiences${via(policy)} and \`subscription_required\` is false: callers are anonymous`));
      } else if (allApis.length > 0) {
        outcomes.push(nonCompliant(`callers are identified only by subscription keys${via(policy)}, and ${allApis.map((s) => s.address).join(', ')} is scoped to all APIs`));
      } else if (!policy.product && apiScoped.length === 0) {
        outcomes.push(nonCompliant('the API is in no product and has no API-scoped subscription, so only all-APIs keys could call it; expected product-scoped keys or token validation'));
      }
    }
    return outcomes.length > 0 ? outcomes : compliant;
  },
};

export default rule;

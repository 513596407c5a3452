/**
 * Shared pieces of the GenAI platform rules: the model APIs (APIs that front an Azure OpenAI / AI
 * Services account) with their effective policies, and the policy element names they look for.
 */
import { AttributeValue, ResourceGraph, attribute, refersTo } from '../../graph';
import { PlanResource } from '../../plan';
import { notApplicable, Outcome, unknown } from '../../rule';
import { attr, EffectivePolicy, effectiveElements, effectivePolicy, ModelTarget, modelTargetOf, PolicyElement, resolveBackend } from '../../apim-policy';

export const TOKEN_LIMIT = ['llm-token-limit', 'azure-openai-token-limit'];
export const EMIT_METRIC = ['llm-emit-token-metric', 'azure-openai-emit-token-metric'];
export const CACHE_LOOKUP = ['azure-openai-semantic-cache-lookup', 'llm-semantic-cache-lookup'];
export const CALLER_AUTH = ['validate-azure-ad-token', 'validate-jwt'];
export const CONTENT_SAFETY = ['llm-content-safety'];

/** Pay-as-you-go and provisioned deployment SKUs (azurerm_cognitive_deployment `sku.name`). */
export const PAYG_SKUS = ['Standard', 'GlobalStandard', 'DataZoneStandard'];
export const PTU_SKUS = ['ProvisionedManaged', 'GlobalProvisionedManaged', 'DataZoneProvisionedManaged'];

/** An API that fronts a model, with its effective policies (one per product). */
export interface ModelApi {
  readonly api: PlanResource;
  readonly policies: readonly EffectivePolicy[];
  readonly target: Extract<ModelTarget, { kind: 'model' }>;
}

/**
 * The API as a model API, or the outcome to report: not applicable when it fronts something else,
 * unknown when the plan cannot tell (never a pass).
 */
export function asModelApi(graph: ResourceGraph, api: PlanResource): ModelApi | Outcome {
  const effective = effectivePolicy(graph, api);
  const target = modelTargetOf(graph, api);
  if (target.kind === 'other') return notApplicable;
  if (target.kind === 'unknown') return unknown(`cannot tell whether ${api.address} fronts a model: ${target.reason}`);
  if (effective.kind === 'unknown') return unknown(`${api.address} fronts a model (${target.evidence}) but its effective policy cannot be read: ${effective.reason}`);
  return { api, policies: effective.policies, target };
}

/** The effective policies of `api`, or the unknown outcome to report when they cannot be read. */
export function effectivePoliciesOf(graph: ResourceGraph, api: PlanResource): readonly EffectivePolicy[] | Outcome {
  const effective = effectivePolicy(graph, api);
  return effective.kind === 'unknown' ? unknown(`the effective policy of ${api.address} cannot be read: ${effective.reason}`) : effective.policies;
}

export function isOutcome(value: unknown): value is Outcome {
  return typeof value === 'object' && value !== null && 'status' in value;
}

/** One `<llm-content-safety>` element of an API's effective policy and the backend its `backend-id` names. */
export interface ContentSafetyUse {
  readonly policy: EffectivePolicy;
  readonly element: PolicyElement;
  /** The backend; the reason it cannot be resolved; `undefined` when the element has no `backend-id`. */
  readonly backend: PlanResource | string | undefined;
  /** True when an earlier element already named this backend, so its checks have been made. */
  readonly repeated: boolean;
}

/** The `<llm-content-safety>` elements of `policies`, each with its backend resolved once (GAI-GEN-008, GAI-APIM-027). */
export function contentSafetyUses(graph: ResourceGraph, api: PlanResource, policies: readonly EffectivePolicy[]): ContentSafetyUse[] {
  const seen = new Set<string>();
  return effectiveElements(policies, CONTENT_SAFETY).map(({ policy, element }) => {
    const id = attr(element, 'backend-id');
    const backend = id ? resolveBackend(graph, id, api) : undefined;
    const address = typeof backend === 'object' ? backend.address : undefined;
    const repeated = address !== undefined && seen.has(address);
    if (address !== undefined) seen.add(address);
    return { policy, element, backend, repeated };
  });
}

/** " (through product X)" for messages about one effective-policy variant. */
export function via(policy: EffectivePolicy): string {
  return policy.product ? ` (through ${policy.product})` : '';
}

/** Whether two attribute values designate the same resource (same reference, or same literal). */
export function sameTarget(graph: ResourceGraph, a: PlanResource, b: PlanResource, path: string): boolean {
  const va = attribute(a, path);
  const vb = attribute(b, path);
  const ra = graph.resolve(va);
  const rb = graph.resolve(vb);
  if (ra && rb) return ra === rb;
  if (ra) return refersTo(vb, ra);
  if (rb) return refersTo(va, rb);
  if (va.kind === 'known' && vb.kind === 'known') return JSON.stringify(va.value) === JSON.stringify(vb.value);
  if (va.kind === 'unknown' && vb.kind === 'unknown') return va.expression === vb.expression;
  return false;
}

/** Keys under which `sameTarget` may hold between two values: each resource the value names or resolves to, else the value itself. */
function targetKeys(graph: ResourceGraph, value: AttributeValue): string[] {
  const keys = graph.targetsOf(value).map((r) => `resource:${r.address}`);
  const resolved = graph.resolve(value);
  if (resolved) keys.push(`resource:${resolved.address}`);
  if (value.kind === 'known') keys.push(`known:${JSON.stringify(value.value)}`);
  if (value.kind === 'unknown') keys.push(`expression:${value.expression}`);
  return [...new Set(keys)];
}

/**
 * Resources of `type` that may designate the same resource at `path` as `resource` does, in plan order:
 * a superset of those `sameTarget` holds for (filter with it), from an index built once per plan so
 * rules stay linear in plan size.
 */
export function sameTargetCandidates(graph: ResourceGraph, type: string, path: string, resource: PlanResource): PlanResource[] {
  const index = graph.groupBy(`gen/_helpers/same-target|${type}|${path}`, type, (candidate) => targetKeys(graph, attribute(candidate, path)));
  return graph.inPlanOrder(targetKeys(graph, attribute(resource, path)).flatMap((key) => index.get(key) ?? []));
}

/** What a token-limit element lacks ([] when complete). */
export function tokenLimitGaps(element: PolicyElement): string[] {
  const gaps: string[] = [];
  if (!attr(element, 'counter-key')?.trim()) gaps.push('counter-key');
  const rate = attr(element, 'tokens-per-minute')?.trim();
  const quota = attr(element, 'token-quota')?.trim();
  const period = attr(element, 'token-quota-period')?.trim();
  if (!rate && !(quota && period)) gaps.push('tokens-per-minute (or token-quota with token-quota-period)');
  return gaps;
}

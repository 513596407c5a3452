import { POLICY_SECTIONS, attr, findElements, isPolicyExpression, resolveBackend, serviceOf } from '../../apim-policy';
import { attribute } from '../../graph';
import { PlanResource } from '../../plan';
import { compliant, nonCompliant, notApplicable, Outcome, Rule } from '../../rule';
import { isOutcome, POLICY_RESOURCE_TYPES, readPolicy } from './_helpers';

/** Policy elements and the attribute naming a backend by id. */
const BACKEND_REFERENCES: readonly (readonly [string, string])[] = [
  ['set-backend-service', 'backend-id'],
  ['llm-content-safety', 'backend-id'],
  ['azure-openai-semantic-cache-lookup', 'embeddings-backend-id'],
  ['llm-semantic-cache-lookup', 'embeddings-backend-id'],
];
const CACHE_LOOKUPS = ['azure-openai-semantic-cache-lookup', 'llm-semantic-cache-lookup', 'cache-lookup', 'cache-lookup-value'];

const rule: Rule = {
  id: 'GAI-APIM-031',
  title: 'A policy waits for every backend and external cache it names',
  severity: 'error',
  rationale: 'API Management validates a policy when it is PUT: a `backend-id` that does not exist yet fails the apply ("Error in element \'set-backend-service\' ... Backend with id ... could not be found"). The XML names backends by id, which gives Terraform no reference to order on, so a policy created in the same apply as its backends (a first apply, or a new deployment with its pool) races them.',
  remediation: 'Make the policy resource depend on every backend (pools included), embeddings backend and external cache its XML names, as `AiGateway` does for the model API policy (`dependsOn`).',
  references: {},
  appliesTo: POLICY_RESOURCE_TYPES,
  check(resource, { graph }) {
    const policy = readPolicy(resource);
    if (isOutcome(policy)) return policy;
    const waits = graph.waitsFor(resource);
    const missing = new Map<string, string>();
    let named = 0;
    for (const section of POLICY_SECTIONS) {
      const elements = policy.sections[section] ?? [];
      for (const [name, attributeName] of BACKEND_REFERENCES) {
        for (const { element } of findElements(elements, [name])) {
          const id = attr(element, attributeName);
          // A computed backend-id is decided per request; GAI-APIM-028 and the request path cover those.
          if (!id || isPolicyExpression(id)) continue;
          const backend = resolveBackend(graph, id, resource);
          if (typeof backend === 'string') continue;
          named += 1;
          if (!waits.has(backend)) missing.set(backend.address, `<${name} ${attributeName}="${id}">`);
        }
      }
      if (findElements(elements, CACHE_LOOKUPS).length > 0) {
        for (const cache of cachesOf(resource, graph.ofType('azurerm_api_management_redis_cache'), graph)) {
          named += 1;
          if (!waits.has(cache)) missing.set(cache.address, 'its cache lookup');
        }
      }
    }
    if (named === 0) return notApplicable;
    const outcomes: Outcome[] = [...missing].map(([address, by]) => nonCompliant(`${by} names ${address}, which the policy does not depend on: the policy can be sent before it exists and APIM refuses it`));
    return outcomes.length > 0 ? outcomes : compliant;
  },
};

/** External caches of the policy's service (an unknown service: all of them). */
function cachesOf(policy: PlanResource, caches: readonly PlanResource[], graph: Parameters<typeof serviceOf>[0]): PlanResource[] {
  const service = serviceOf(graph, policy);
  return caches.filter((cache) => {
    if (!service) return true;
    const target = graph.resolve(attribute(cache, 'api_management_id'));
    return !target || target === service;
  });
}

export default rule;

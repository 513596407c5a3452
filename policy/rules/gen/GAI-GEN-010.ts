import { compliant, nonCompliant, notApplicable, Outcome, Rule, unknown } from '../../rule';
import { attr, effectiveElements, isAzapiBackend, resolveBackend, serviceOf } from '../../apim-policy';
import { CACHE_LOOKUP, effectivePoliciesOf, isOutcome, via } from './_helpers';

/** A vary-by expression that partitions the cache per caller. */
const PER_CALLER = /context\.(Subscription|User)\b|tenant|\btid\b|\boid\b/i;

const rule: Rule = {
  id: 'GAI-GEN-010',
  title: 'Semantic cache lookups are partitioned per consumer and use an external cache',
  severity: 'warning',
  rationale: 'A semantic cache shared across consumers returns one team\'s completions (and the data in them) to another team whose prompt is merely similar; `vary-by` on the subscription (or user / tenant) keeps each consumer\'s cache apart.',
  remediation: 'Add `<vary-by>@(context.Subscription.Id)</vary-by>` to `<azure-openai-semantic-cache-lookup>` (or `llm-semantic-cache-lookup`), set `embeddings-backend-id` to the embeddings backend, and connect the external Redis cache (`azurerm_api_management_redis_cache` to the Managed Redis with RediSearch).',
  references: {},
  appliesTo: ['azurerm_api_management_api'],
  check(api, { graph }) {
    const policies = effectivePoliciesOf(graph, api);
    if (isOutcome(policies)) return policies;
    const outcomes: Outcome[] = [];
    let used = false;
    for (const { policy, element } of effectiveElements(policies, CACHE_LOOKUP, ['inbound'])) {
      used = true;
      const varyBy = element.children.filter((c) => c.name === 'vary-by').map((c) => c.text);
      if (!varyBy.some((v) => PER_CALLER.test(v))) {
        outcomes.push(nonCompliant(`<${element.name}>${via(policy)} ${varyBy.length === 0 ? 'has no <vary-by>' : `varies only by ${varyBy.join(', ')}`}; expected <vary-by>@(context.Subscription.Id)</vary-by>`));
      }
      const embeddings = attr(element, 'embeddings-backend-id');
      if (!embeddings) outcomes.push(nonCompliant(`<${element.name}>${via(policy)} has no embeddings-backend-id`));
      else {
        const backend = resolveBackend(graph, embeddings, api);
        if (typeof backend === 'string') outcomes.push(unknown(`<${element.name}>${via(policy)}: ${backend}`));
      }
    }
    if (!used) return notApplicable;
    const service = serviceOf(graph, api);
    if (!service) outcomes.push(unknown('the gateway service is not in this plan, so its external cache cannot be checked'));
    else {
      const caches = [
        ...graph.referrersAt(service, 'azurerm_api_management_redis_cache', 'api_management_id'),
        // azapi children of the service come from an index built once per plan: the rule stays linear in plan size.
        ...graph.referrersAt(service, 'azapi_resource', 'parent_id')
          .filter((r) => !isAzapiBackend(r) && /^microsoft\.apimanagement\/service\/caches/i.test(String(r.values.type))),
      ];
      if (caches.length === 0) outcomes.push(nonCompliant(`${service.address} has no external cache (\`azurerm_api_management_redis_cache\`); the semantic cache needs a Redis-compatible cache with RediSearch`));
    }
    return outcomes.length > 0 ? outcomes : compliant;
  },
};

export default rule;

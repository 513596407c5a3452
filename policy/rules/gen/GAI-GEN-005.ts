import { compliant, nonCompliant, Outcome, Rule } from '../../rule';
import { EffectivePolicy, findElements } from '../../apim-policy';
import { asModelApi, CACHE_LOOKUP, CALLER_AUTH, CONTENT_SAFETY, EMIT_METRIC, isOutcome, TOKEN_LIMIT, via } from './_helpers';

/** The inbound stages in the order they must run. */
const STAGES: readonly { label: string; names: readonly string[] }[] = [
  { label: 'caller auth', names: CALLER_AUTH },
  { label: 'semantic cache lookup', names: CACHE_LOOKUP },
  { label: 'token limit', names: TOKEN_LIMIT },
  { label: 'content safety', names: CONTENT_SAFETY },
  { label: 'token metric / backend selection', names: [...EMIT_METRIC, 'set-backend-service'] },
];

function orderFindings(policy: EffectivePolicy): Outcome[] {
  const firsts = STAGES.map((stage) => {
    const found = findElements(policy.sections.inbound, stage.names);
    return found.length === 0 ? undefined : { stage, index: Math.min(...found.map((f) => f.topIndex)), name: found[0].element.name };
  });
  const outcomes: Outcome[] = [];
  for (let i = 0; i < firsts.length; i += 1) {
    for (let j = i + 1; j < firsts.length; j += 1) {
      const a = firsts[i];
      const b = firsts[j];
      if (a && b && b.index < a.index) {
        outcomes.push(nonCompliant(`inbound${via(policy)}: <${b.name}> (${b.stage.label}, position ${b.index + 1}) runs before <${a.name}> (${a.stage.label}, position ${a.index + 1}); expected caller auth -> cache lookup -> token limit -> content safety -> metric / backend`));
      }
    }
  }
  return outcomes;
}

const rule: Rule = {
  id: 'GAI-GEN-005',
  title: 'Model API inbound policies run in order: auth, cache lookup, token limit, content safety, metric / backend; <base /> kept',
  severity: 'warning',
  rationale: 'AI-gateway policies are order-sensitive: a cache lookup before authentication serves cached completions to anonymous callers, a token limit after content safety pays for screening rejected traffic, and a scope without `<base />` silently drops the platform\'s global and product policies.',
  remediation: 'Order the inbound section of the API policy (constructs/ai-gateway/policies/*.xml) as caller auth -> `azure-openai-semantic-cache-lookup` -> `llm-token-limit` -> `llm-content-safety` -> `llm-emit-token-metric` / `set-backend-service`, and keep `<base />` in the product and API inbound sections.',
  references: {},
  appliesTo: ['azurerm_api_management_api'],
  check(api, { graph }) {
    const model = asModelApi(graph, api);
    if (isOutcome(model)) return model;
    const outcomes: Outcome[] = [];
    const reported = new Set<string>();
    for (const policy of model.policies) {
      for (const scope of policy.scopes) {
        const inbound = scope.policy.sections.inbound;
        if (scope.scope === 'global' || !inbound || inbound.some((e) => e.name === 'base') || reported.has(scope.address)) continue;
        reported.add(scope.address);
        outcomes.push(nonCompliant(`the ${scope.scope} policy ${scope.address} declares <inbound> without <base />, dropping the parent scope's inbound policies`));
      }
      outcomes.push(...orderFindings(policy));
    }
    return outcomes.length > 0 ? outcomes : compliant;
  },
};

export default rule;

import { attribute } from '../../graph';
import { PlanResource } from '../../plan';
import { EffectivePolicy, attr, effectivePolicy, findElements, modelTargetOf, namedBy, names, serviceOf } from '../../apim-policy';
import { compliant, nonCompliant, notApplicable, Outcome, Rule, unknown } from '../../rule';
import { CONTENT_SAFETY, TOKEN_LIMIT, via } from '../gen/_helpers';
import { guardedElements } from './_functional';

/** A condition that reads the requested deployment (path parameter or the gateway's variable). */
const READS_DEPLOYMENT = /deployment-id|requestedDeployment/;

/** Problems of one effective policy for an operation (with or without `{deployment-id}` in its path). */
function gaps(policy: EffectivePolicy, pathHasDeployment: boolean, url: string): string[] {
  const inbound = policy.sections.inbound;
  const problems: string[] = [];
  if (findElements(inbound, TOKEN_LIMIT).length === 0) problems.push('no token limit');
  if (findElements(inbound, CONTENT_SAFETY).length === 0) problems.push('no llm-content-safety');
  if (findElements(inbound, ['set-backend-service']).length === 0) problems.push('no routing (set-backend-service)');
  // The allow-list: a <when> on the requested deployment that ends the request.
  const allowLists = guardedElements(inbound, 'return-response').filter((g) => g.conditions.some((c) => READS_DEPLOYMENT.test(c) && !/IsNullOrEmpty/.test(c)));
  const requested = findElements(inbound, ['set-variable']).filter((f) => attr(f.element, 'name') === 'requestedDeployment');
  for (const allow of allowLists) {
    const condition = allow.conditions.find((c) => READS_DEPLOYMENT.test(c)) ?? '';
    if (!pathHasDeployment && /MatchedParameters/.test(condition) && !/requestedDeployment/.test(condition)) {
      problems.push(`the deployment allow-list reads the path's {deployment-id}, which ${url} has not: it never runs there, so any team reaches any model`);
      continue;
    }
    if (/requestedDeployment/.test(condition)) {
      const before = requested.filter((r) => r.topIndex < allow.topIndex);
      if (before.length === 0) problems.push('the allow-list reads requestedDeployment before anything sets it');
      else if (!pathHasDeployment && !before.some((r) => /Body/.test(attr(r.element, 'value') ?? '') && /"model"/.test(attr(r.element, 'value') ?? ''))) {
        problems.push(`requestedDeployment is not read from the body's model for ${url}, which has no {deployment-id}`);
      }
    }
  }
  return problems;
}

const rule: Rule = {
  id: 'GAI-APIM-029',
  title: 'Every operation of a model API is subject to the team allow-list, token limit, content safety and routing',
  severity: 'error',
  rationale: 'An operation without `{deployment-id}` in its path (the Responses API names the model in the body) skips an allow-list that keys on the path parameter, and with it routing and spillover: any team reaches any model through it. Each operation must see the same gates.',
  remediation: 'Compute the requested deployment once before `<base />`: the path\'s `{deployment-id}`, else the JSON body\'s `model` (400 without one); key the product allow-list and the cache on it; route and send every operation to the routed deployment\'s pool (`constructs/ai-gateway/policies/model-api.xml`).',
  references: {},
  appliesTo: ['azurerm_api_management_api_operation'],
  check(operation, { graph }) {
    const apiName = attribute(operation, 'api_name');
    const service = serviceOf(graph, operation);
    const apis = namedBy(graph, apiName, 'azurerm_api_management_api')
      .filter((api: PlanResource) => names(apiName, api) && (!service || !serviceOf(graph, api) || serviceOf(graph, api) === service));
    if (apis.length === 0) return notApplicable;
    const api = apis[0];
    const target = modelTargetOf(graph, api);
    if (target.kind === 'other') return notApplicable;
    if (target.kind === 'unknown') return unknown(target.reason);
    const template = attribute(operation, 'url_template');
    if (template.kind !== 'known') return unknown(`\`url_template\` is only known after apply${template.kind === 'unknown' ? ` (${template.expression})` : ''}`);
    const url = String(template.value);
    const result = effectivePolicy(graph, api);
    if (result.kind === 'unknown') return unknown(result.reason);
    const outcomes: Outcome[] = [];
    for (const policy of result.policies) {
      const found = gaps(policy, url.includes('{deployment-id}'), url);
      if (found.length > 0) outcomes.push(nonCompliant(`operation ${url}${via(policy)}: ${found.join('; ')}`));
    }
    return outcomes.length > 0 ? outcomes : compliant;
  },
};

export default rule;

import { attribute, refersTo, ResourceGraph } from '../../graph';
import { PlanResource } from '../../plan';
import { compliant, expectAttribute, nonCompliant, notApplicable, Outcome, Rule, unknown } from '../../rule';
import { attr, cognitiveAccountsOf, serviceOf } from '../../apim-policy';
import { contentSafetyUses, effectivePoliciesOf, isOutcome, via } from './_helpers';
import { grantsTo, identitiesOf } from '../iam/_principals';

/** Account kinds that serve the Azure AI Content Safety API. */
const CONTENT_SAFETY_KINDS = ['ContentSafety', 'AIServices'];

function judgeAccount(graph: ResourceGraph, account: PlanResource, gateway: PlanResource | undefined): Outcome[] {
  const outcomes: Outcome[] = [];
  const kind = attribute(account, 'kind');
  if (kind.kind === 'unknown') outcomes.push(unknown(`${account.address} \`kind\` is only known after apply (${kind.expression})`));
  else if (!(kind.kind === 'known' && CONTENT_SAFETY_KINDS.includes(String(kind.value)))) {
    outcomes.push(nonCompliant(`the content safety backend is ${account.address} of kind ${kind.kind === 'known' ? `"${String(kind.value)}"` : '(not set)'}; expected "ContentSafety" (or "AIServices")`));
  }
  for (const [path, label] of [['local_auth_enabled', 'GAI-COG-001'], ['public_network_access_enabled', 'GAI-COG-002']] as const) {
    const outcome = expectAttribute(account, path, { expected: false, providerDefault: true });
    if (outcome.status !== 'compliant' && 'message' in outcome) outcomes.push({ ...outcome, message: `${account.address} (${label}): ${outcome.message}` });
  }
  if (!gateway) outcomes.push(unknown(`the gateway service is not in this plan, so its role on ${account.address} cannot be checked`));
  else {
    // The same reading of identities and roles as GAI-APIM-027 (iam/_principals): built-in role ids resolve to names.
    const granted = grantsTo(graph, identitiesOf(gateway, graph).holders, ['Cognitive Services User'], (assignment) => refersTo(attribute(assignment, 'scope'), account));
    if (granted === 'no') outcomes.push(nonCompliant(`no "Cognitive Services User" role assignment for ${gateway.address}'s identity on ${account.address}`));
    if (granted === 'unknown') outcomes.push(unknown(`a role assignment of ${gateway.address}'s identity on ${account.address} has a role only known after apply; expected "Cognitive Services User"`));
  }
  return outcomes;
}

const rule: Rule = {
  id: 'GAI-GEN-008',
  title: 'llm-content-safety uses a private, keyless Content Safety account with prompt shields on',
  severity: 'warning',
  rationale: 'Prompts are screened by sending them to the Content Safety backend; that account must be as locked down as the model (no keys, no public access), reachable with the gateway identity, and run prompt shields against jailbreaks on user-facing APIs.',
  remediation: 'Point `<llm-content-safety backend-id="..." shield-prompt="true">` at a backend whose `resource_id` is a `kind = "ContentSafety"` account with `local_auth_enabled = false` and `public_network_access_enabled = false`, and grant the gateway identity "Cognitive Services User" on it.',
  references: {},
  appliesTo: ['azurerm_api_management_api'],
  check(api, { graph }) {
    const policies = effectivePoliciesOf(graph, api);
    if (isOutcome(policies)) return policies;
    const gateway = serviceOf(graph, api);
    const outcomes: Outcome[] = [];
    const uses = contentSafetyUses(graph, api, policies);
    for (const { policy, element, backend, repeated } of uses) {
      if ((attr(element, 'shield-prompt') ?? '').toLowerCase() !== 'true') outcomes.push(nonCompliant(`<llm-content-safety>${via(policy)} has shield-prompt="${attr(element, 'shield-prompt') ?? ''}"; expected "true"`));
      if (backend === undefined) outcomes.push(nonCompliant(`<llm-content-safety>${via(policy)} has no backend-id`));
      else if (typeof backend === 'string') outcomes.push(unknown(backend));
      else if (!repeated) {
        const accounts = cognitiveAccountsOf(graph, backend);
        if (accounts.length > 0) accounts.forEach((a) => outcomes.push(...judgeAccount(graph, a, gateway)));
        else outcomes.push(unknown(`content safety backend ${backend.address} does not resolve to a cognitive account in this plan`));
      }
    }
    if (uses.length === 0) return notApplicable;
    return outcomes.length > 0 ? outcomes : compliant;
  },
};

export default rule;

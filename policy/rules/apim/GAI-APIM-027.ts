import { attribute, ResourceGraph, refersTo, soleReference, valueOf } from '../../graph';
import { PlanResource } from '../../plan';
import { cognitiveAccountsOf, serviceOf } from '../../apim-policy';
import { compliant, nonCompliant, notApplicable, Outcome, Rule, unknown } from '../../rule';
import { contentSafetyUses, effectivePoliciesOf, isOutcome, via } from '../gen/_helpers';
import { grantsTo, resolveValue } from '../iam/_principals';
import { actionCredentials, azapiCredentials, backendPatches } from './_functional';

/**
 * Roles of the role table (`BUILT_IN_ROLES`) whose data actions cover the Content Safety API
 * (`Microsoft.CognitiveServices/*`): only Cognitive Services User. Cognitive Services Contributor has no
 * data actions; the OpenAI roles cover Azure OpenAI only.
 */
const ROLES = ['Cognitive Services User'];

/** How a backend authenticates, as far as the plan tells. */
type Authentication =
  | { readonly kind: 'managed-identity'; readonly clientId: unknown; readonly source: PlanResource }
  | { readonly kind: 'authorization'; readonly source: PlanResource }
  | { readonly kind: 'none' };

/** The credentials of a backend: its own (azurerm block, azapi body or sensitive_body), then PATCH actions on it. */
function authenticationOf(graph: ResourceGraph, backend: PlanResource): Authentication[] {
  const found: Authentication[] = [];
  const fromCredentials = (credentials: Record<string, unknown> | undefined, source: PlanResource) => {
    if (!credentials) return;
    const identity = credentials.managedIdentity;
    if (identity && typeof identity === 'object') found.push({ kind: 'managed-identity', clientId: (identity as Record<string, unknown>).clientId, source });
    if (credentials.authorization !== undefined && credentials.authorization !== null) found.push({ kind: 'authorization', source });
  };
  if (backend.type === 'azurerm_api_management_backend') {
    if (attribute(backend, 'credentials.authorization').kind !== 'absent') found.push({ kind: 'authorization', source: backend });
  } else {
    fromCredentials(azapiCredentials(backend), backend);
  }
  for (const patch of backendPatches(graph, backend)) fromCredentials(actionCredentials(patch), patch);
  return found.length > 0 ? found : [{ kind: 'none' }];
}

/** The API Management service a backend belongs to (azurerm: its service name; azapi: its `parent_id`). */
function serviceOfBackend(graph: ResourceGraph, backend: PlanResource): PlanResource | undefined {
  if (backend.type === 'azurerm_api_management_backend') return serviceOf(graph, backend);
  return graph.target(attribute(backend, 'parent_id'), 'azurerm_api_management') ?? soleReference(graph, backend, 'azurerm_api_management');
}

/** Judges one content-safety backend: it authenticates, and a managed identity it uses holds the role on the account. */
function judgeBackend(graph: ResourceGraph, backend: PlanResource, where: string): Outcome[] {
  const authentications = authenticationOf(graph, backend);
  if (authentications.some((a) => a.kind === 'authorization')) return [compliant];
  if (authentications.every((a) => a.kind === 'none')) {
    return [nonCompliant(`${where} uses backend ${backend.address}, which has no credentials (no managed identity in its body or in a PATCH of it, no authorization header): `
      + 'Content Safety rejects its calls (401) and every screened request fails')];
  }
  let accounts = cognitiveAccountsOf(graph, backend);
  if (accounts.length === 0) {
    const account = soleReference(graph, backend, 'azurerm_cognitive_account');
    if (account) accounts = [account];
  }
  if (accounts.length === 0) return [unknown(`content safety backend ${backend.address} does not resolve to a cognitive account of this plan`)];
  const outcomes: Outcome[] = [];
  for (const auth of authentications) {
    if (auth.kind !== 'managed-identity') continue;
    let holder: PlanResource | undefined;
    if (auth.clientId === undefined || auth.clientId === null) {
      holder = serviceOfBackend(graph, backend); // no client id: the service's system-assigned identity
      if (!holder) {
        outcomes.push(unknown(`${auth.source.address} uses the system-assigned identity of a gateway that is not in this plan`));
        continue;
      }
    } else {
      holder = resolveValue(valueOf(auth.clientId), graph, 'azurerm_user_assigned_identity') ?? soleReference(graph, auth.source, 'azurerm_user_assigned_identity');
      if (!holder) {
        outcomes.push(unknown(`\`credentials.managedIdentity.clientId\` of ${auth.source.address} (${String(auth.clientId)}) is not a user-assigned identity of this plan`));
        continue;
      }
    }
    for (const account of accounts) {
      const granted = grantsTo(graph, [holder], ROLES, (assignment) => refersTo(attribute(assignment, 'scope'), account));
      if (granted === 'unknown') outcomes.push(unknown(`a role assignment of ${holder.address} on ${account.address} has a role known only after apply`));
      else if (granted === 'no') {
        outcomes.push(nonCompliant(`${where} uses backend ${backend.address}, which calls as ${holder.address}; it does not hold ${ROLES[0]} on ${account.address}: Content Safety answers 403`));
      }
    }
  }
  return outcomes.length > 0 ? outcomes : [compliant];
}

const rule: Rule = {
  id: 'GAI-APIM-027',
  title: 'The backend of llm-content-safety authenticates, and a managed identity it uses holds Cognitive Services User on the target account',
  severity: 'error',
  rationale: '`llm-content-safety` sends each prompt to its backend and blocks the request when the call fails. A backend without credentials calls Content Safety anonymously: with keys off (local auth disabled) every screened request fails. Learn ("Enforce content safety checks on LLM requests", prerequisites): "Managed identity with Cognitive Services User role is recommended". The backend\'s `credentials.managedIdentity` is in no published API spec, so it is set by a PATCH (`azapi_resource_action`) on the backend; the identity it names must hold Cognitive Services User on the account the backend URL points at.',
  remediation: 'Give `AiGateway` the content safety `url` and the gateway identity\'s *Cognitive Services User* grant (`contentSafety: { url, accessGrant }`): it declares the backend as an `azapi_resource` and sets `credentials.managedIdentity` (the gateway identity\'s client id, resource `https://cognitiveservices.azure.com`) with a PATCH action that waits for the grant to propagate.',
  references: {},
  appliesTo: ['azurerm_api_management_api'],
  check(api, { graph }) {
    const policies = effectivePoliciesOf(graph, api);
    if (isOutcome(policies)) return policies;
    const outcomes: Outcome[] = [];
    const uses = contentSafetyUses(graph, api, policies);
    for (const { policy, backend, repeated } of uses) {
      // GAI-GEN-008 reports a missing backend-id
      if (typeof backend === 'string') outcomes.push(unknown(backend));
      else if (backend && !repeated) outcomes.push(...judgeBackend(graph, backend, `<llm-content-safety>${via(policy)}`));
    }
    if (uses.length === 0) return notApplicable;
    const findings = outcomes.filter((o) => o.status !== 'compliant');
    return findings.length > 0 ? findings : compliant;
  },
};

export default rule;

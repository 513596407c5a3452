import { attribute } from '../../graph';
import { compliant, nonCompliant, Outcome, Rule } from '../../rule';
import { attr, findElements, POLICY_SECTIONS, serviceOf } from '../../apim-policy';
import { asModelApi, isOutcome, via } from './_helpers';

const AUDIENCE = /^https:\/\/cognitiveservices\.azure\.com\/?$/i;

const rule: Rule = {
  id: 'GAI-GEN-003',
  title: 'The gateway authenticates to models with its managed identity, never an api-key',
  severity: 'error',
  rationale: 'Model accounts have local (key) auth disabled; a gateway that forwards an api-key header depends on a shared secret that cannot be scoped, audited per caller or rotated safely, while the managed identity token is short-lived and RBAC-scoped.',
  remediation: 'In the inbound policy use `<authentication-managed-identity resource="https://cognitiveservices.azure.com" client-id="{{gateway-identity-client-id}}" />` (client-id required for a user-assigned identity) and remove any `<set-header name="api-key">`.',
  references: { mcsb: ['IM-4'] },
  appliesTo: ['azurerm_api_management_api'],
  check(api, { graph }) {
    const model = asModelApi(graph, api);
    if (isOutcome(model)) return model;
    const service = serviceOf(graph, api);
    const identityType = service ? attribute(service, 'identity.type') : undefined;
    const userAssignedOnly = identityType?.kind === 'known' && String(identityType.value) === 'UserAssigned';
    const outcomes: Outcome[] = [];
    for (const policy of model.policies) {
      const auth = findElements(policy.sections.inbound, ['authentication-managed-identity'])
        .filter((f) => AUDIENCE.test(attr(f.element, 'resource') ?? ''));
      if (auth.length === 0) outcomes.push(nonCompliant(`the effective inbound policy${via(policy)} has no <authentication-managed-identity resource="https://cognitiveservices.azure.com" />`));
      else if (userAssignedOnly && !auth.some((f) => attr(f.element, 'client-id'))) {
        outcomes.push(nonCompliant(`<authentication-managed-identity>${via(policy)} has no client-id but ${service?.address} has only a user-assigned identity`));
      }
      for (const section of POLICY_SECTIONS) {
        for (const { element } of findElements(policy.sections[section], ['set-header', 'set-query-parameter'])) {
          // Removing the caller's api-key (their subscription key) before forwarding is the safe pattern.
          const deletes = (attr(element, 'exists-action') ?? '').toLowerCase() === 'delete';
          if ((attr(element, 'name') ?? '').toLowerCase() === 'api-key' && !deletes) {
            outcomes.push(nonCompliant(`<${element.name} name="api-key"> in <${section}>${via(policy)} sends a static model key; expected managed identity only`));
          }
        }
      }
    }
    return outcomes.length > 0 ? outcomes : compliant;
  },
};

export default rule;

import { attribute } from '../../graph';
import { compliant, nonCompliant, Rule, unknown } from '../../rule';
import { effectivePolicy, findElements } from '../../apim-policy';

const rule: Rule = {
  id: 'GAI-APIM-012',
  title: 'APIs require a subscription key or validate an Entra ID / JWT token',
  severity: 'error',
  rationale: 'An API with neither a subscription requirement nor token validation can be called anonymously by anyone who reaches the gateway, consuming model capacity without attribution.',
  remediation: 'Keep `subscription_required = true` (the default) on `azurerm_api_management_api`, or put `<validate-azure-ad-token>` / `<validate-jwt>` in the inbound section of its policy (constructs/ai-gateway/policies).',
  references: { azurePolicy: ['8ac833bd'], mcsb: ['IM-4'] },
  appliesTo: ['azurerm_api_management_api'],
  check(api, { graph }) {
    const required = attribute(api, 'subscription_required');
    if (required.kind === 'absent' || (required.kind === 'known' && required.value === true)) return compliant;
    const effective = effectivePolicy(graph, api);
    const what = required.kind === 'unknown' ? `\`subscription_required\` is only known after apply (${required.expression})` : '`subscription_required` is false';
    if (effective.kind === 'unknown') return unknown(`${what} and the effective policy cannot be read: ${effective.reason}`);
    const open = effective.policies.filter((p) => findElements(p.sections.inbound, ['validate-azure-ad-token', 'validate-jwt']).length === 0);
    if (open.length === 0) return compliant;
    if (required.kind === 'unknown') return unknown(`${what} and the effective inbound policy has no <validate-azure-ad-token> or <validate-jwt>`);
    return nonCompliant(`${what} and the effective inbound policy${open[0].product ? ` (through ${open[0].product})` : ''} has no <validate-azure-ad-token> or <validate-jwt>: callers are anonymous`);
  },
};

export default rule;

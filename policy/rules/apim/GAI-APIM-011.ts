import { attribute } from '../../graph';
import { compliant, nonCompliant, Rule, unknown } from '../../rule';

const ALLOWED = ['https', 'wss'];

const rule: Rule = {
  id: 'GAI-APIM-011',
  title: 'APIs accept only encrypted protocols (https, wss)',
  severity: 'error',
  rationale: 'An API that accepts http or ws carries subscription keys, tokens, prompts and completions in clear text on the network.',
  remediation: 'Set `protocols = ["https"]` on `azurerm_api_management_api` (`"wss"` only for WebSocket APIs).',
  references: { psrule: ['Azure.APIM.HTTPEndpoint'], azurePolicy: ['ee7495e7'], mcsb: ['DP-3'] },
  appliesTo: ['azurerm_api_management_api'],
  check(api) {
    const value = attribute(api, 'protocols');
    if (value.kind === 'unknown') return unknown(`\`protocols\` is only known after apply (${value.expression}); expected ["https"]`);
    if (value.kind === 'absent') return nonCompliant('`protocols` is not set, so the service or an imported definition decides; expected ["https"]');
    const list = Array.isArray(value.value) ? value.value : [value.value];
    if (list.some((p) => typeof p === 'string' && p.includes('${'))) return unknown(`\`protocols\` contains an expression (${JSON.stringify(list)}); expected ["https"]`);
    const bad = list.filter((p) => !ALLOWED.includes(String(p).toLowerCase()));
    if (bad.length > 0) return nonCompliant(`\`protocols\` includes ${bad.map((p) => `"${String(p)}"`).join(', ')}; expected only "https" (or "wss")`);
    return list.length > 0 ? compliant : nonCompliant('`protocols` is empty; expected ["https"]');
  },
};

export default rule;

import { attribute, blocks } from '../../graph';
import { compliant, expectAttribute, nonCompliant, notApplicable, Outcome, Rule, unknown } from '../../rule';
import { modelTargetOf, namedBy, names } from '../../apim-policy';

const MESSAGES = ['frontend_request', 'frontend_response', 'backend_request', 'backend_response'];

const rule: Rule = {
  id: 'GAI-GEN-009',
  title: 'Gateway diagnostics log no prompt or completion bodies and no client IPs',
  severity: 'warning',
  rationale: 'Request and response bodies of model APIs are prompts and completions, often personal or confidential; logging them (and caller IPs) copies that data into Application Insights with a wider audience and longer retention than the data allows.',
  remediation: 'On `azurerm_api_management_diagnostic` / `azurerm_api_management_api_diagnostic` set `body_bytes = 0` (or omit it) in `frontend_request`, `frontend_response`, `backend_request` and `backend_response`, and `log_client_ip = false`.',
  references: {},
  appliesTo: ['azurerm_api_management_diagnostic', 'azurerm_api_management_api_diagnostic'],
  check(diagnostic, { graph }) {
    if (diagnostic.type === 'azurerm_api_management_api_diagnostic') {
      const apiName = attribute(diagnostic, 'api_name');
      const api = namedBy(graph, apiName, 'azurerm_api_management_api').find((a) => names(apiName, a));
      if (api) {
        const target = modelTargetOf(graph, api);
        if (target.kind === 'other') return notApplicable;
      }
    }
    const outcomes: Outcome[] = [];
    for (const message of MESSAGES) {
      for (const block of blocks(diagnostic, message)) {
        const bytes = block.body_bytes;
        if (typeof bytes === 'string' && bytes.includes('${')) outcomes.push(unknown(`\`${message}.body_bytes\` is only known after apply (${bytes}); expected 0`));
        else if (bytes !== undefined && bytes !== null && bytes !== 0) outcomes.push(nonCompliant(`\`${message}.body_bytes\` is ${JSON.stringify(bytes)}: prompt/completion content is logged; expected 0`));
      }
    }
    const ip = expectAttribute(diagnostic, 'log_client_ip', { expected: false });
    if (ip.status !== 'compliant') outcomes.push(ip);
    return outcomes.length > 0 ? outcomes : compliant;
  },
};

export default rule;

import { attribute, blocks } from '../../graph';
import { compliant, nonCompliant, Outcome, Rule } from '../../rule';
import { classifyBackend } from '../../apim-policy';

/** Header names that carry a static secret. */
const SECRET_HEADER = /(^|-)(api-?key|key|secret|token|password)$|^authorization$|^ocp-apim-subscription-key$|^x-functions-key$/i;

const rule: Rule = {
  id: 'GAI-APIM-017',
  title: 'API Management backends hold no static keys; model backends use the managed identity',
  severity: 'error',
  rationale: 'A key in `credentials` is a long-lived shared secret stored in Terraform state and in the gateway; model accounts have local auth disabled, so the gateway must present its managed identity token instead.',
  remediation: 'Remove `credentials.header` / `credentials.query` keys and Basic `credentials.authorization` from `azurerm_api_management_backend`; authenticate with `<authentication-managed-identity resource="https://cognitiveservices.azure.com" />` in the policy.',
  references: { mcsb: ['IM-4'] },
  appliesTo: ['azurerm_api_management_backend'],
  check(backend, { graph }) {
    const outcomes: Outcome[] = [];
    const isModel = classifyBackend(graph, backend).kind === 'model';
    for (const credentials of blocks(backend, 'credentials')) {
      const header = (credentials.header ?? {}) as Record<string, unknown>;
      for (const name of Object.keys(header)) {
        if (SECRET_HEADER.test(name) || isModel) outcomes.push(nonCompliant(`\`credentials.header\` sets "${name}", a static secret${isModel ? ' on a model backend' : ''}; expected managed identity authentication in policy`));
      }
      const query = (credentials.query ?? {}) as Record<string, unknown>;
      for (const name of Object.keys(query)) outcomes.push(nonCompliant(`\`credentials.query\` sets "${name}", a static secret in the URL; expected managed identity authentication in policy`));
    }
    const scheme = attribute(backend, 'credentials.authorization.scheme');
    if (scheme.kind === 'known' && String(scheme.value).toLowerCase() === 'basic') {
      outcomes.push(nonCompliant('`credentials.authorization.scheme` is "Basic": a static password; expected managed identity authentication in policy'));
    }
    return outcomes.length > 0 ? outcomes : compliant;
  },
};

export default rule;

import { compliant, nonCompliant, notApplicable, Outcome, Rule } from '../../rule';
import { POLICY_SECTIONS } from '../../apim-policy';
import { isOutcome, readPolicy } from './_helpers';

const rule: Rule = {
  id: 'GAI-APIM-019',
  title: 'Product, API and operation policies keep <base /> in every section they declare',
  severity: 'warning',
  rationale: 'A section without `<base />` silently drops the parent scope\'s policies, such as global CORS, token limits or content safety set by the platform team.',
  remediation: 'Put `<base />` in each `<inbound>`, `<backend>`, `<outbound>` and `<on-error>` section of `xml_content` (constructs/ai-gateway/policies/*.xml).',
  references: { psrule: ['Azure.APIM.PolicyBase'], azurePolicy: ['d5448c98'] },
  appliesTo: ['azurerm_api_management_product_policy', 'azurerm_api_management_api_policy', 'azurerm_api_management_api_operation_policy'],
  check(resource) {
    const policy = readPolicy(resource);
    if (isOutcome(policy)) return policy;
    const outcomes: Outcome[] = [];
    let declared = 0;
    for (const section of POLICY_SECTIONS) {
      const elements = policy.sections[section];
      if (!elements) continue;
      declared += 1;
      if (!elements.some((e) => e.name === 'base')) outcomes.push(nonCompliant(`<${section}> has no <base />: the parent scope's ${section} policies are dropped`));
    }
    if (declared === 0) return notApplicable;
    return outcomes.length > 0 ? outcomes : compliant;
  },
};

export default rule;

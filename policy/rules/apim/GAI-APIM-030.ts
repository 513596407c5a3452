import { findElements, attr, POLICY_SECTIONS } from '../../apim-policy';
import { compliant, nonCompliant, notApplicable, Outcome, Rule } from '../../rule';
import { isOutcome, POLICY_RESOURCE_TYPES, readPolicy } from './_helpers';

const rule: Rule = {
  id: 'GAI-APIM-030',
  title: 'A retry condition does not depend on the wording of StatusReason',
  severity: 'warning',
  rationale: 'API Management changed the reason text of the 503 a backend pool returns when every member is tripped (Azure-Samples/AI-Gateway issue 262). A `<retry>` that recognises that response by `StatusReason.Contains(...)` silently stops recognising it: when every circuit breaker is open the gateway retries instead of failing fast.',
  remediation: 'Tell responses apart by a fact, not by wording: e.g. retry a 503 only when the backend was reached (a header the model service always sets, such as `x-ms-region`), as `constructs/ai-gateway/policies/model-api.xml` does.',
  references: {},
  appliesTo: POLICY_RESOURCE_TYPES,
  check(resource) {
    const policy = readPolicy(resource);
    if (isOutcome(policy)) return policy;
    const outcomes: Outcome[] = [];
    let retries = 0;
    for (const section of POLICY_SECTIONS) {
      for (const { element } of findElements(policy.sections[section] ?? [], ['retry'])) {
        retries += 1;
        const condition = attr(element, 'condition') ?? '';
        if (/StatusReason/.test(condition)) outcomes.push(nonCompliant(`<retry> in <${section}> decides on \`StatusReason\` wording (${condition}); APIM changed that text, so the condition no longer matches what it was written for`));
      }
    }
    if (retries === 0) return notApplicable;
    return outcomes.length > 0 ? outcomes : compliant;
  },
};

export default rule;

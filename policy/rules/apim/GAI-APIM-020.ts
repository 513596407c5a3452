import { compliant, nonCompliant, notApplicable, Outcome, Rule } from '../../rule';
import { POLICY_SECTIONS, childNamed, findElements } from '../../apim-policy';
import { isOutcome, POLICY_RESOURCE_TYPES, readPolicy } from './_helpers';

const LISTS: readonly [string, string][] = [['allowed-origins', 'origin'], ['allowed-methods', 'method'], ['allowed-headers', 'header'], ['expose-headers', 'header']];

const rule: Rule = {
  id: 'GAI-APIM-020',
  title: 'CORS policies allow no wildcard origins, methods or headers',
  severity: 'warning',
  rationale: 'A `*` in a `<cors>` policy lets any web page call the gateway from a user\'s browser with that user\'s credentials, and exposes model APIs to cross-site abuse.',
  remediation: 'List explicit origins, methods and headers in `<cors>` (`allowed-origins`, `allowed-methods`, `allowed-headers`, `expose-headers`).',
  references: { psrule: ['Azure.APIM.CORSPolicy'] },
  appliesTo: POLICY_RESOURCE_TYPES,
  check(resource) {
    const policy = readPolicy(resource);
    if (isOutcome(policy)) return policy;
    const corsElements = POLICY_SECTIONS.flatMap((s) => findElements(policy.sections[s] ?? [], ['cors']));
    if (corsElements.length === 0) return notApplicable;
    const outcomes: Outcome[] = [];
    for (const { element } of corsElements) {
      for (const [list, item] of LISTS) {
        const container = childNamed(element, list);
        if (!container) continue;
        if (container.children.some((c) => c.name === item && c.text.trim() === '*')) outcomes.push(nonCompliant(`<cors> <${list}> contains <${item}>*</${item}>; expected explicit values`));
      }
    }
    return outcomes.length > 0 ? outcomes : compliant;
  },
};

export default rule;

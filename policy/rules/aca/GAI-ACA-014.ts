import { blocks } from '../../graph';
import { compliant, nonCompliant, Outcome, Rule } from '../../rule';
import { containerName, nested } from './_helpers';

const rule: Rule = {
  id: 'GAI-ACA-014',
  title: 'Every container has liveness and readiness probes',
  severity: 'note',
  rationale: 'Without a readiness probe a replica receives traffic before it can serve it; without a liveness probe a hung replica is never restarted. Both are needed for rolling revisions to keep the orchestrator available.',
  remediation: 'Add `liveness_probe` and `readiness_probe` blocks (HTTP on the health endpoint, or TCP) to every `template.container`.',
  references: {},
  appliesTo: ['azurerm_container_app'],
  check(app) {
    const outcomes: Outcome[] = blocks(app, 'template.container').map((container, i) => {
      // A probe given as an expression is configured (its content is not what this rule judges).
      const missing = ['liveness_probe', 'readiness_probe'].filter((probe) => nested(container, probe).length === 0 && typeof container[probe] !== 'string');
      return missing.length === 0
        ? compliant
        : nonCompliant(`container ${containerName(container, i)} has no ${missing.map((m) => `\`${m}\``).join(' or ')}; expected both`);
    });
    return outcomes.length > 0 ? outcomes : nonCompliant('`template.container` is not set; expected containers with liveness and readiness probes');
  },
};

export default rule;

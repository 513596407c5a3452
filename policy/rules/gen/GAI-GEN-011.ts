import { attribute, blocks } from '../../graph';
import { PlanResource } from '../../plan';
import { compliant, nonCompliant, Outcome, Rule } from '../../rule';
import { isModelAccount } from '../../apim-policy';
import { MODEL_HOST_PATTERN } from '../../../catalog/ai-services';
import { assignmentsReferring, identitiesOf, roleOf } from '../iam/_principals';

const COGNITIVE_REF = /\$\{[^}]*\bazurerm_cognitive_account\.[A-Za-z0-9_-]+\./;
const MODEL_ROLE = /cognitive services|azure ai|openai|5e0bd9bd-7b93-4f28-af87-19fc36ad61bd|a97b65f3-24c7-4388-baec-2e87135dc908|a001fd3d-188f-4b5d-821b-7da978bf7442/i;

function modelEndpointIn(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (MODEL_HOST_PATTERN.test(value)) return value;
  if (COGNITIVE_REF.test(value)) return value;
  return undefined;
}

const rule: Rule = {
  id: 'GAI-GEN-011',
  title: 'Workloads reach models only through the gateway',
  severity: 'warning',
  rationale: 'A container app that calls a model endpoint directly bypasses the gateway\'s authentication, token limits, content safety, metrics and failover; a direct role on the model account makes that bypass possible.',
  remediation: 'Give container apps the gateway URL (the AI gateway construct\'s `gatewayUrl`) instead of a model endpoint in `template.container.env` / `secret`, and no "Cognitive Services OpenAI User" (or other Cognitive Services) role on the model accounts; suppress with a reason where a direct path is deliberate.',
  references: {},
  appliesTo: ['azurerm_container_app'],
  check(app, { graph }) {
    const outcomes: Outcome[] = [];
    for (const kind of ['container', 'init_container']) {
      for (const container of blocks(app, `template.${kind}`)) {
        const env = Array.isArray(container.env) ? container.env : container.env ? [container.env] : [];
        for (const variable of env as Record<string, unknown>[]) {
          const hit = modelEndpointIn(variable.value);
          if (hit) outcomes.push(nonCompliant(`\`template.${kind}.env\` ${String(variable.name)} is a model endpoint (${hit}); expected the gateway URL`));
        }
      }
    }
    for (const secret of blocks(app, 'secret')) {
      const hit = modelEndpointIn(secret.value);
      if (hit) outcomes.push(nonCompliant(`\`secret\` ${String(secret.name)} holds a model endpoint (${hit}); expected the gateway URL`));
    }
    // The app's assignments and their scopes come from indexes built once per plan: the rule stays linear in plan size.
    for (const assignment of assignmentsReferring(graph, identitiesOf(app, graph).holders)) {
      const account: PlanResource | undefined = graph.targetsOf(attribute(assignment, 'scope'), 'azurerm_cognitive_account').find(isModelAccount);
      const role = roleOf(assignment, 'resolved');
      const roleText = role.name ?? role.guid ?? '';
      if (account && MODEL_ROLE.test(roleText)) {
        outcomes.push(nonCompliant(`${assignment.address} grants "${roleText}" on ${account.address} to the app's identity: a direct path around the gateway`));
      }
    }
    return outcomes.length > 0 ? outcomes : compliant;
  },
};

export default rule;

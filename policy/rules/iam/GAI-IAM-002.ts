import { attribute } from '../../graph';
import { UNKNOWN_VALUE } from '../../plan';
import { Rule, compliant, nonCompliant, unknown } from '../../rule';

const SUBSCRIPTION = /^\/subscriptions\/[^/]+\/?$/i;
const MANAGEMENT_GROUP = /\/providers\/Microsoft\.Management\/managementGroups\//i;
/** Terraform types whose `id` is a subscription or a management group. */
const WIDE_TYPES = /^(?:data\.)?azurerm_(?:subscription|management_group)\./;

const rule: Rule = {
  id: 'GAI-IAM-002',
  title: 'Role assignments are scoped to a resource or resource group',
  severity: 'error',
  rationale: 'A role at the tenant root, a management group or a subscription applies to every present and future resource below it, far beyond what one workload needs.',
  remediation: 'Set `scope` to the id of the target resource (or at most its resource group), e.g. `${azurerm_key_vault.x.id}` — the grantRole helper refuses wider scopes.',
  references: { mcsb: ['PA-7'] },
  appliesTo: ['azurerm_role_assignment'],
  check(assignment, { graph }) {
    const scope = attribute(assignment, 'scope');
    if (scope.kind === 'absent') return nonCompliant('`scope` is not set; expected a resource or resource group id');
    if (scope.kind === 'known') {
      const text = String(scope.value).trim();
      if (text === '' || text === '/') return nonCompliant(`\`scope\` is "${text}" (the tenant root); expected a resource or resource group id`);
      if (MANAGEMENT_GROUP.test(text)) return nonCompliant(`\`scope\` is a management group (${text}); expected a resource or resource group id`);
      if (SUBSCRIPTION.test(text)) return nonCompliant(`\`scope\` is a subscription (${text}); expected a resource or resource group id`);
      return compliant;
    }
    const expression = scope.expression;
    if (expression === UNKNOWN_VALUE) {
      // Plan JSON: variables are known at plan time, so the scope is the id of a resource this plan creates.
      const wide = assignment.references.filter((a) => WIDE_TYPES.test(`${a}.`));
      return wide.length === 0 ? compliant : unknown(`\`scope\` is only known after apply and the assignment references ${wide.join(', ')}; expected a resource or resource group id`);
    }
    const whole = /^\$\{([^}]*)\}$/.exec(expression.trim());
    if (whole) {
      if (WIDE_TYPES.test(whole[1])) return nonCompliant(`\`scope\` is ${expression}, a subscription or management group; expected a resource or resource group id`);
      // The `id` of any other azurerm resource or data source is a resource (or resource group) id.
      if (/^(?:data\.)?azurerm_[a-z0-9_]+\.[^.]+\.id$/.test(whole[1].trim())) return compliant;
      const target = graph.resolve(scope);
      if (target && !WIDE_TYPES.test(`${target.address}.`)) return compliant;
      return unknown(`\`scope\` is only known after apply (${expression}); expected a resource or resource group id`);
    }
    // A string with embedded expressions: judge its shape with each expression as one path segment.
    const shape = expression.replace(/\$\{[^}]*\}/g, 'X');
    if (shape === '/' || shape === '') return nonCompliant(`\`scope\` is ${expression}; expected a resource or resource group id`);
    if (MANAGEMENT_GROUP.test(shape) || SUBSCRIPTION.test(shape)) return nonCompliant(`\`scope\` is ${expression}, a subscription or management group; expected a resource or resource group id`);
    if (/^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+/i.test(shape)) return compliant;
    return unknown(`\`scope\` is only known after apply (${expression}); expected a resource or resource group id`);
  },
};

export default rule;

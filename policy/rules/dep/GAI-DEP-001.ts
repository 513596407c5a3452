import { attribute } from '../../graph';
import { PlanResource } from '../../plan';
import { Rule, compliant, nonCompliant, unknown } from '../../rule';
import { sameTarget } from '../cog/_helpers';

const POLICY = 'azurerm_cognitive_account_rai_policy';
const ACCOUNT = 'azurerm_cognitive_account';

const rule: Rule = {
  id: 'GAI-DEP-001',
  title: 'Model deployment uses a reviewed content filter (RAI policy)',
  severity: 'error',
  rationale: 'The content filter decides which harmful prompts and completions are blocked; a deployment must name either a Microsoft built-in policy or a policy of its own account that this review can see.',
  remediation: 'Set `rai_policy_name` to an `azurerm_cognitive_account_rai_policy` defined on the same `cognitive_account_id` (reference its `name`), or to a built-in policy such as "Microsoft.DefaultV2".',
  references: {},
  appliesTo: ['azurerm_cognitive_deployment'],
  check(deployment, { graph }) {
    const value = attribute(deployment, 'rai_policy_name');
    const onSameAccount = (policy: PlanResource) => sameTarget(graph, deployment, 'cognitive_account_id', policy, 'cognitive_account_id', ACCOUNT);
    if (value.kind === 'absent') return nonCompliant('`rai_policy_name` is not set (the service applies its default filter, which the plan does not show); expected a built-in "Microsoft.*" policy or an azurerm_cognitive_account_rai_policy of this account');
    if (value.kind === 'unknown') {
      const policy = graph.resolve(value);
      if (!policy || policy.type !== POLICY) return unknown(`\`rai_policy_name\` is only known after apply (${value.expression}); expected a built-in "Microsoft.*" policy or an azurerm_cognitive_account_rai_policy of this account`);
      const same = onSameAccount(policy);
      if (same === true) return compliant;
      if (same === 'unknown') return unknown(`cannot tell whether RAI policy ${policy.address} belongs to the deployment's cognitive account`);
      return nonCompliant(`\`rai_policy_name\` refers to ${policy.address}, which is defined on another cognitive account; expected a policy of the deployment's own account`);
    }
    const name = String(value.value);
    if (name.startsWith('Microsoft.')) return compliant;
    const candidates = graph.ofType(POLICY).filter((p) => attribute(p, 'name').kind === 'known' && p.values.name === name);
    if (candidates.length === 0) return nonCompliant(`\`rai_policy_name\` is "${name}", but no azurerm_cognitive_account_rai_policy of that name is in the plan (a policy managed elsewhere cannot be reviewed); expected a policy of this plan or a built-in "Microsoft.*" policy`);
    const verdicts = candidates.map(onSameAccount);
    if (verdicts.includes(true)) return compliant;
    if (verdicts.includes('unknown')) return unknown(`cannot tell whether RAI policy "${name}" belongs to the deployment's cognitive account`);
    return nonCompliant(`RAI policy "${name}" is defined on another cognitive account; expected a policy of the deployment's own account`);
  },
};

export default rule;

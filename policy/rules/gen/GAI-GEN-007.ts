import { attribute } from '../../graph';
import { PlanResource } from '../../plan';
import { compliant, nonCompliant, Outcome, Rule, RuleContext, unknown } from '../../rule';
import rai001 from '../rai/GAI-RAI-001';
import { sameTarget, sameTargetCandidates } from './_helpers';

/** Built-in policies that filter and block the four harm categories on prompts and completions. */
const BUILT_IN = ['Microsoft.DefaultV2', 'Microsoft.Default'];

/** The policy judged by the GAI-RAI-001 baseline, with its findings attributed to it. */
function baselineOf(policy: PlanResource, context: RuleContext): Outcome[] {
  const result = rai001.check(policy, context);
  const outcomes = Array.isArray(result) ? result : [result as Outcome];
  return outcomes.flatMap((o) => ('message' in o ? [{ ...o, message: `${policy.address} (GAI-RAI-001): ${o.message}` }] : []));
}

const rule: Rule = {
  id: 'GAI-GEN-007',
  title: 'Every model deployment uses a content filter at least as strict as the baseline',
  severity: 'error',
  rationale: 'The content filter is the last control between a model and harmful prompts or completions; a deployment without an explicit policy, or with one that does not filter and block hate, sexual, violence and self-harm on both prompts and completions, falls below the platform baseline.',
  remediation: 'Set `rai_policy_name` to the platform `azurerm_cognitive_account_rai_policy` on the same account (the model construct\'s custom RAI policy), whose `content_filter` blocks pass GAI-RAI-001: Hate, Sexual, Violence and Selfharm for Prompt and Completion with `filter_enabled = true` and `block_enabled = true`.',
  references: { azurePolicy: ['930f48f9'] },
  appliesTo: ['azurerm_cognitive_deployment'],
  check(deployment, context) {
    const { graph } = context;
    const name = attribute(deployment, 'rai_policy_name');
    if (name.kind === 'absent') return nonCompliant('`rai_policy_name` is not set, so the deployment gets whatever default the account applies; expected the platform RAI policy');
    let policy: PlanResource | undefined;
    if (name.kind === 'unknown') {
      const resolved = graph.resolve(name);
      if (resolved?.type !== 'azurerm_cognitive_account_rai_policy') return unknown(`\`rai_policy_name\` is only known after apply (${name.expression})`);
      policy = resolved;
    } else {
      if (BUILT_IN.includes(String(name.value))) return compliant;
      policy = sameTargetCandidates(graph, 'azurerm_cognitive_account_rai_policy', 'cognitive_account_id', deployment)
        .find((p) => p.values.name === name.value && sameTarget(graph, p, deployment, 'cognitive_account_id'));
      if (!policy) return unknown(`\`rai_policy_name\` "${String(name.value)}" is not a built-in policy and no RAI policy of that name on the deployment's account is in this plan`);
    }
    if (!sameTarget(graph, policy, deployment, 'cognitive_account_id')) {
      return nonCompliant(`\`rai_policy_name\` refers to ${policy.address}, which belongs to another cognitive account`);
    }
    const gaps = baselineOf(policy, context);
    return gaps.length > 0 ? gaps : compliant;
  },
};

export default rule;

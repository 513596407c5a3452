import { ResourceGraph, refersTo, valueOf } from '../../graph';
import { PlanResource } from '../../plan';
import { compliant, nonCompliant, Rule, unknown } from '../../rule';
import { azapiBody } from '../../apim-policy';
import { sameTarget, sameTargetCandidates } from './_helpers';

/** The `blocklistName`s of an azapi resource's `properties.customBlocklists`. */
function blocklistNames(resource: PlanResource): string[] {
  const lists = (azapiBody(resource)?.properties as { customBlocklists?: unknown } | undefined)?.customBlocklists;
  if (!Array.isArray(lists)) return [];
  return lists.map((entry) => (entry as { blocklistName?: unknown } | null)?.blocklistName).filter((ref): ref is string => typeof ref === 'string');
}

/** The resources that set `customBlocklists`. */
const USER_TYPES = ['azapi_update_resource', 'azapi_resource'];

/** Whether an azapi resource's `properties.customBlocklists` names the blocklist. */
function namesBlocklist(resource: PlanResource, blocklist: PlanResource): boolean {
  return blocklistNames(resource).some((ref) => refersTo(valueOf(ref), blocklist) || ref === blocklist.values.name);
}

/**
 * azapi resources whose `customBlocklists` may name the blocklist (a superset of `namesBlocklist`),
 * from an index of the blocklists they refer to or name, built once per plan: the rule stays linear.
 */
function blocklistUserCandidates(graph: ResourceGraph, blocklist: PlanResource): PlanResource[] {
  const byTarget = graph.groupBy('GAI-GEN-013/blocklist-users-by-target', USER_TYPES, (resource) => blocklistNames(resource).flatMap((ref) => graph.targetsOf(valueOf(ref))));
  const byName = graph.groupBy('GAI-GEN-013/blocklist-users-by-name', USER_TYPES, blocklistNames);
  const name = blocklist.values.name;
  return graph.inPlanOrder([...(byTarget.get(blocklist) ?? []), ...(typeof name === 'string' ? byName.get(name) ?? [] : [])]);
}

const rule: Rule = {
  id: 'GAI-GEN-013',
  title: 'RAI blocklists are attached to a RAI policy on the same account',
  severity: 'note',
  rationale: 'A blocklist only filters when a content filter policy references it; a blocklist on an account with no RAI policy, or never referenced, gives a false sense of coverage.',
  remediation: 'Declare an `azurerm_cognitive_account_rai_policy` on the same `cognitive_account_id` and reference the blocklist from it; azurerm 4.55 has no blocklist argument on the RAI policy, so set `properties.customBlocklists` with an `azapi_update_resource` (or azapi RAI policy) naming the blocklist.',
  references: {},
  appliesTo: ['azurerm_cognitive_account_rai_blocklist'],
  check(blocklist, { graph }) {
    const policies = sameTargetCandidates(graph, 'azurerm_cognitive_account_rai_policy', 'cognitive_account_id', blocklist)
      .filter((p) => sameTarget(graph, p, blocklist, 'cognitive_account_id'));
    if (policies.length === 0) {
      return nonCompliant(`no \`azurerm_cognitive_account_rai_policy\` on the blocklist's account (${JSON.stringify(blocklist.values.cognitive_account_id ?? null)}); the blocklist filters nothing`);
    }
    const linked = blocklistUserCandidates(graph, blocklist).filter((r) => namesBlocklist(r, blocklist));
    if (linked.length > 0) return compliant;
    return unknown(`${policies.map((p) => p.address).join(', ')} exists on the account, but azurerm 4.55 cannot reference a blocklist from a RAI policy and no azapi resource sets properties.customBlocklists with this blocklist, so whether it is applied cannot be told from the plan`);
  },
};

export default rule;

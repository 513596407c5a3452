import { AttributeValue, isExpression, refersTo } from '../../graph';
import { PlanResource } from '../../plan';
import { compliant, nonCompliant, Rule, unknown } from '../../rule';
import { azapiBody } from '../../apim-policy';
import { sameTarget } from './_helpers';

/** Whether an azapi resource's `properties.customBlocklists` names the blocklist. */
function namesBlocklist(resource: PlanResource, blocklist: PlanResource): boolean {
  const lists = (azapiBody(resource)?.properties as { customBlocklists?: unknown } | undefined)?.customBlocklists;
  if (!Array.isArray(lists)) return false;
  return lists.some((entry) => {
    const ref = (entry as { blocklistName?: unknown } | null)?.blocklistName;
    if (typeof ref !== 'string') return false;
    const value: AttributeValue = isExpression(ref) ? { kind: 'unknown', expression: ref } : { kind: 'known', value: ref };
    return refersTo(value, blocklist) || ref === blocklist.values.name;
  });
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
    const policies = graph.ofType('azurerm_cognitive_account_rai_policy').filter((p) => sameTarget(graph, p, blocklist, 'cognitive_account_id'));
    if (policies.length === 0) {
      return nonCompliant(`no \`azurerm_cognitive_account_rai_policy\` on the blocklist's account (${JSON.stringify(blocklist.values.cognitive_account_id ?? null)}); the blocklist filters nothing`);
    }
    const linked = graph.resources.filter((r) => (r.type === 'azapi_update_resource' || r.type === 'azapi_resource') && namesBlocklist(r, blocklist));
    if (linked.length > 0) return compliant;
    return unknown(`${policies.map((p) => p.address).join(', ')} exists on the account, but azurerm 4.55 cannot reference a blocklist from a RAI policy and no azapi resource sets properties.customBlocklists with this blocklist, so whether it is applied cannot be told from the plan`);
  },
};

export default rule;

import { attribute, ResourceGraph } from '../../graph';
import { PlanResource } from '../../plan';
import { compliant, knownString, nonCompliant, notApplicable, Rule } from '../../rule';

/**
 * What the resources of the plan name as their `resource_group_name`: the resources it refers to and
 * its known values. Built once per plan, so the rule stays linear in plan size.
 */
function heldGroups(graph: ResourceGraph): { readonly referred: ReadonlySet<PlanResource>; readonly names: ReadonlySet<unknown> } {
  return graph.memo('GAI-COST-003/held-groups', () => {
    const referred = new Set<PlanResource>();
    const names = new Set<unknown>();
    for (const resource of graph.resources) {
      const rg = attribute(resource, 'resource_group_name');
      graph.targetsOf(rg).forEach((group) => referred.add(group));
      if (rg.kind === 'known') names.add(rg.value);
    }
    return { referred, names };
  });
}

const rule: Rule = {
  id: 'GAI-COST-003',
  title: 'Every resource group that holds resources has a budget',
  severity: 'error',
  rationale: 'Model deployments, PTUs, APIM Premium units and search replicas can burn through a month\'s money in days; a consumption budget on each resource group is what alerts before the invoice does. Whether the budget itself is well formed (amount, monthly grain, notifications) is GAI-COST-001\'s check.',
  remediation: 'Add an `azurerm_consumption_budget_resource_group` with `resource_group_id` = the resource group id — `Governance.addBudgets` creates one per resource group role from the `budgets.monthlyAmounts` config.',
  references: {},
  appliesTo: ['azurerm_resource_group'],
  check(group, { graph }) {
    const name = knownString(group, 'name');
    const held = heldGroups(graph).referred.has(group) || (name !== undefined && heldGroups(graph).names.has(name));
    if (!held) return notApplicable;
    const budgets = graph.referrersAt(group, 'azurerm_consumption_budget_resource_group', 'resource_group_id');
    return budgets.length > 0
      ? compliant
      : nonCompliant(`resource group ${name ?? group.address} holds resources but no \`azurerm_consumption_budget_resource_group\` has a \`resource_group_id\` referring to it; expected one`);
  },
};

export default rule;

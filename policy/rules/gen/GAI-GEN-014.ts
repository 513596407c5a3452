import { attribute, ResourceGraph } from '../../graph';
import { PlanResource } from '../../plan';
import { compliant, nonCompliant, Outcome, Rule, unknown } from '../../rule';
import { attr, findElements } from '../../apim-policy';
import { asModelApi, isOutcome, TOKEN_LIMIT, via } from './_helpers';

const BUDGET = 'azurerm_consumption_budget_resource_group';

/**
 * Lowercased names of the resource groups budgets are on: the name of the group a `resource_group_id`
 * resolves to, or every name a literal id ends with after `/resourcegroups/`. Built once per plan, so
 * the rule stays linear in plan size.
 */
function budgetedGroupNames(graph: ResourceGraph): ReadonlySet<string> {
  return graph.memo('GAI-GEN-014/budgeted-group-names', () => {
    const names = new Set<string>();
    for (const budget of graph.ofType(BUDGET)) {
      const id = attribute(budget, 'resource_group_id');
      const target = graph.resolve(id);
      if (target) names.add(String(target.values.name).toLowerCase());
      else if (id.kind === 'known') {
        const text = String(id.value).toLowerCase();
        for (let at = text.indexOf('/resourcegroups/'); at >= 0; at = text.indexOf('/resourcegroups/', at + 1)) names.add(text.slice(at + '/resourcegroups/'.length));
      }
    }
    return names;
  });
}

/** Budgets on the account's resource group: an in-plan RG referenced by both, or a literal RG name. */
function budgetFor(graph: ResourceGraph, account: PlanResource): Outcome | undefined {
  const rgName = attribute(account, 'resource_group_name');
  const group = graph.resolve(rgName);
  if (group?.type === 'azurerm_resource_group') {
    return graph.referrersAt(group, BUDGET, 'resource_group_id').length > 0
      ? undefined
      : nonCompliant(`no \`azurerm_consumption_budget_resource_group\` on ${group.address}, the resource group of ${account.address}`);
  }
  if (rgName.kind === 'known') {
    const matches = budgetedGroupNames(graph).has(String(rgName.value).toLowerCase());
    return matches ? undefined : nonCompliant(`no \`azurerm_consumption_budget_resource_group\` on resource group "${String(rgName.value)}" of ${account.address}`);
  }
  return unknown(`the resource group of ${account.address} is ${rgName.kind === 'unknown' ? `only known after apply (${rgName.expression})` : 'not set'}, so its budget cannot be found`);
}

const rule: Rule = {
  id: 'GAI-GEN-014',
  title: 'Model APIs cap spend: a token quota per product and a budget on the model accounts\' resource groups',
  severity: 'warning',
  rationale: 'Per-minute limits bound bursts, not a month of spend; a token quota per product caps what each consumer can use in a period, and a budget on the model account\'s resource group alerts when the total runs away.',
  remediation: 'Give each product\'s `llm-token-limit` a `token-quota` and `token-quota-period` (e.g. "Monthly") from the team config, and an `azurerm_consumption_budget_resource_group` on every resource group that holds a model account (the governance construct does).',
  references: {},
  appliesTo: ['azurerm_api_management_api'],
  check(api, { graph }) {
    const model = asModelApi(graph, api);
    if (isOutcome(model)) return model;
    const outcomes: Outcome[] = [];
    for (const policy of model.policies) {
      const limits = findElements(policy.sections.inbound, TOKEN_LIMIT);
      if (!limits.some((l) => attr(l.element, 'token-quota')?.trim() && attr(l.element, 'token-quota-period')?.trim())) {
        outcomes.push(nonCompliant(`the effective inbound policy${via(policy)} has no token limit with token-quota and token-quota-period`));
      }
    }
    if (model.target.accounts.length === 0) outcomes.push(unknown(`the model accounts behind ${api.address} cannot be resolved (${model.target.evidence}), so their budgets cannot be checked`));
    for (const account of model.target.accounts) {
      const budget = budgetFor(graph, account);
      if (budget) outcomes.push(budget);
    }
    return outcomes.length > 0 ? outcomes : compliant;
  },
};

export default rule;

import { ResourceGraph, attribute, blocks, isExpression, valueOf } from '../../graph';
import { PlanResource } from '../../plan';
import { compliant, nonCompliant, Rule, unknown } from '../../rule';

/** Action group ids an alert notifies (`action.action_group_id` of metric and activity log alerts). */
function alertGroups(alert: PlanResource): string[] {
  return blocks(alert, 'action').map((a) => a.action_group_id).filter((id): id is string => typeof id === 'string');
}

/** The action groups every alert of the plan notifies, as `identityOf` keys (computed once per plan). */
function alertGroupKeys(graph: ResourceGraph): { readonly ids: readonly string[]; readonly keys: ReadonlySet<string> } {
  return graph.memo('GAI-COST-004/alert-groups', () => {
    const alerts = [...graph.ofType('azurerm_monitor_metric_alert'), ...graph.ofType('azurerm_monitor_activity_log_alert')];
    const ids = [...new Set(alerts.flatMap(alertGroups))];
    return { ids, keys: new Set(ids.map((id) => graph.identityOf(id))) };
  });
}

const rule: Rule = {
  id: 'GAI-COST-004',
  title: 'Budget notifications reach the same action group as the alerts',
  severity: 'note',
  rationale: 'Budget alerts that only email a list, or go to an action group the on-call rotation never sees, are read days late; routing them through the action group the metric alerts use keeps cost and health incidents on one on-call path.',
  remediation: 'Add the platform action group (the Monitoring construct\'s `actionGroupResourceId`) to every budget `notification.contact_groups` — `Governance.addBudgets` takes it as `actionGroupResourceId`.',
  references: {},
  appliesTo: ['azurerm_consumption_budget_resource_group'],
  check(budget, { graph }) {
    const notifications = blocks(budget, 'notification');
    const contactGroups = notifications.flatMap((n) => (Array.isArray(n.contact_groups) ? n.contact_groups : []))
      .filter((g): g is string => typeof g === 'string');
    if (notifications.some((n) => typeof n.contact_groups === 'string') || attribute(budget, 'notification').kind === 'unknown') {
      return unknown('`notification.contact_groups` is only known after apply; expected the platform action group');
    }
    if (contactGroups.length === 0) {
      return nonCompliant('no `notification` has `contact_groups`; expected the action group the metric alerts use');
    }
    const alertGroupIds = alertGroupKeys(graph);
    // Without alerts in the plan there is no other path to diverge from.
    if (alertGroupIds.ids.length === 0) return compliant;
    // Same group: the same reference, equal literal ids, or a reference and the literal id of one group.
    if (contactGroups.some((g) => alertGroupIds.keys.has(graph.identityOf(g)))) return compliant;
    if (contactGroups.some((g) => isExpression(g) && !graph.resolve(valueOf(g)))) {
      return unknown(`\`notification.contact_groups\` (${contactGroups.join(', ')}) is only known after apply; expected an action group the alerts use`);
    }
    return nonCompliant(`\`notification.contact_groups\` (${contactGroups.join(', ')}) shares no action group with the metric alerts (${alertGroupIds.ids.join(', ')}); expected the same on-call action group`);
  },
};

export default rule;

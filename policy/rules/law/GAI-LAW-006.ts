import { Rule, compliant, nonCompliant, notApplicable, unknown } from '../../rule';
import { attribute, isExpression } from '../../graph';
import { PlanResource } from '../../plan';

/** `properties.replication.enabled` of an azapi body (object, JSON string, or expression). */
function replicationEnabled(update: PlanResource): boolean | 'unknown' {
  const body = attribute(update, 'body');
  if (body.kind === 'unknown') return 'unknown';
  if (body.kind === 'absent') return false;
  let value: unknown = body.value;
  if (typeof value === 'string') {
    if (isExpression(value)) return 'unknown';
    try {
      value = JSON.parse(value);
    } catch {
      return false;
    }
  }
  const enabled = (value as { properties?: { replication?: { enabled?: unknown } } })?.properties?.replication?.enabled;
  if (isExpression(enabled)) return 'unknown';
  return enabled === true;
}

const rule: Rule = {
  id: 'GAI-LAW-006',
  title: 'Production Log Analytics workspace has replication or a recorded DR decision (production only)',
  severity: 'note',
  rationale: 'Workspace replication to a secondary region keeps the audit trail and alerting available through a regional outage, but azurerm 4.55 cannot configure it; without it, or an explicit decision to accept single-region logs, the gap goes unnoticed.',
  remediation: 'Enable replication with an `azapi_update_resource` on the workspace (`body.properties.replication = { enabled = true, location = <paired region> }`), or suppress this rule with the reason recording the DR decision (e.g. single-region logs accepted, RTO/RPO). Evaluated only for production environments.',
  references: { psrule: ['Azure.Log.Replication'] },
  appliesTo: ['azurerm_log_analytics_workspace'],
  check(workspace, { graph, production }) {
    if (!production) return notApplicable;
    const updates = graph.referrersAt(workspace, 'azapi_update_resource', 'resource_id');
    const states = updates.map(replicationEnabled);
    if (states.includes(true)) return compliant;
    if (states.includes('unknown')) return unknown('the azapi update of this workspace sets a body only known after apply; expected `properties.replication.enabled = true`');
    return nonCompliant('workspace replication is not configured (azurerm 4.55 has no argument for it); expected an azapi update enabling `properties.replication`, or a suppression recording the DR decision');
  },
};

export default rule;

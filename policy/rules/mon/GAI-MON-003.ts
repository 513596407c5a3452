import { Outcome, Rule, compliant, expectAttribute, nonCompliant, unknown } from '../../rule';
import { attribute, blocks } from '../../graph';

const rule: Rule = {
  id: 'GAI-MON-003',
  title: 'Metric alert is enabled, routed to an action group, has a severity and resolves itself',
  severity: 'warning',
  rationale: 'An alert without an action group notifies nobody, a disabled one never fires, one without an explicit severity gets the default 3 (informational) whatever it watches, and one that does not auto-mitigate stays open after recovery and trains on-call to ignore alerts.',
  remediation: 'Set `enabled = true` (default), at least one `action { action_group_id = <platform action group> }`, an explicit `severity` (0-4) and `auto_mitigate = true` (default).',
  references: { psrule: ['Azure.Alert.MetricAutoMitigate'] },
  appliesTo: ['azurerm_monitor_metric_alert'],
  check(alert) {
    const outcomes: Outcome[] = [
      expectAttribute(alert, 'enabled', { expected: true, providerDefault: true }),
      expectAttribute(alert, 'auto_mitigate', { expected: true, providerDefault: true }),
    ];
    const actions = blocks(alert, 'action');
    const action = attribute(alert, 'action');
    if (action.kind === 'unknown') outcomes.push(unknown(`\`action\` is only known after apply (${action.expression}); expected an action group`));
    else if (!actions.some((a) => typeof a.action_group_id === 'string' && a.action_group_id !== '')) {
      outcomes.push(nonCompliant('no `action.action_group_id` is set, so the alert notifies nobody; expected at least one action group'));
    }
    // Any explicit severity will do (the provider validates 0-4); the default is what the rule rejects.
    outcomes.push(expectAttribute(alert, 'severity', {
      test: () => true,
      wanted: 'an explicit severity 0-4',
      whenAbsent: '`severity` is not set, so the provider default 3 applies; expected an explicit severity 0-4',
    }));
    const findings = outcomes.filter((o) => o.status !== 'compliant');
    return findings.length > 0 ? findings : compliant;
  },
};

export default rule;

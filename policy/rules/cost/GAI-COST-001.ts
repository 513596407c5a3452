import { Outcome, Rule, compliant, expectAttribute, nonCompliant, unknown } from '../../rule';
import { attribute, blocks } from '../../graph';

const MINIMUM_NOTIFICATIONS = 2;
const RECIPIENTS = ['contact_emails', 'contact_groups', 'contact_roles'];

const rule: Rule = {
  id: 'GAI-COST-001',
  title: 'Consumption budget is monthly, positive and notifies someone at two or more thresholds',
  severity: 'error',
  rationale: 'Token-priced model usage can multiply a bill within days; a budget only protects if it has a real amount, resets monthly and tells a person or an action group early (actual spend) and before the breach (forecast).',
  remediation: 'Use `Governance.addBudgets()`: `amount` > 0 (config `budgets.monthlyAmounts`), `time_grain = "Monthly"`, and enabled `notification` blocks (50/80/100 % actual, 110 % forecast) with `contact_emails` and the platform action group in `contact_groups`.',
  references: {},
  appliesTo: ['azurerm_consumption_budget_resource_group'],
  check(budget) {
    const outcomes: Outcome[] = [];
    outcomes.push(expectAttribute(budget, 'amount', { test: (amount) => typeof amount === 'number' && amount > 0, wanted: 'a positive amount' }));
    outcomes.push(expectAttribute(budget, 'time_grain', { expected: 'Monthly', providerDefault: 'Monthly' }));

    const raw = attribute(budget, 'notification');
    const notifications = blocks(budget, 'notification');
    if (raw.kind === 'unknown') {
      outcomes.push(unknown(`\`notification\` is only known after apply (${raw.expression}); expected at least ${MINIMUM_NOTIFICATIONS}`));
    } else {
      if (notifications.length < MINIMUM_NOTIFICATIONS) {
        outcomes.push(nonCompliant(`the budget has ${notifications.length} \`notification\` block(s); expected at least ${MINIMUM_NOTIFICATIONS} (e.g. actual 80 % and forecast 100 %)`));
      }
      notifications.forEach((n, i) => {
        const label = `notification ${i + 1}${n.threshold !== undefined ? ` (threshold ${String(n.threshold)})` : ''}`;
        if (n.enabled === false) outcomes.push(nonCompliant(`${label} has \`enabled\` false; expected true`));
        // A list of recipients, or an expression that yields one.
        const hasRecipient = RECIPIENTS.some((key) => {
          const value = n[key];
          return (Array.isArray(value) && value.length > 0) || (typeof value === 'string' && value !== '');
        });
        if (!hasRecipient) outcomes.push(nonCompliant(`${label} has no \`contact_emails\`, \`contact_groups\` or \`contact_roles\`; expected a recipient`));
      });
    }
    const findings = outcomes.filter((o) => o.status !== 'compliant');
    return findings.length > 0 ? findings : compliant;
  },
};

export default rule;

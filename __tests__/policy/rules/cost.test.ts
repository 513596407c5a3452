import cost001 from '../../../policy/rules/cost/GAI-COST-001';
import cost002 from '../../../policy/rules/cost/GAI-COST-002';
import { FixtureResource, messagesOf, statusOf, Values } from '../harness';


const notification = (threshold: number, thresholdType: string, values: Values = {}): Values => ({
  enabled: true, operator: 'GreaterThanOrEqualTo', threshold, threshold_type: thresholdType,
  contact_emails: ['finops@contoso.com'], contact_groups: ['${azurerm_monitor_action_group.ag.id}'], ...values,
});
const platformNotifications = [notification(50, 'Actual'), notification(80, 'Actual'), notification(100, 'Actual'), notification(110, 'Forecasted')];

/** A budget as Governance.addBudgets() declares it, overridable; `undefined` removes an attribute. */
const budget = (values: Values = {}): FixtureResource[] => [{
  type: 'azurerm_consumption_budget_resource_group',
  name: 'b',
  values: Object.fromEntries(Object.entries({
    name: 'budget-${azurerm_resource_group.rg.name}',
    resource_group_id: '${azurerm_resource_group.rg.id}',
    amount: 1200,
    time_grain: 'Monthly',
    time_period: { start_date: '${formatdate("YYYY-MM-01\'T\'00:00:00Z", timestamp())}' },
    notification: platformNotifications,
    ...values,
  }).filter(([, v]) => v !== undefined)),
}];

describe('GAI-COST-001 budget amount, grain and notifications', () => {
  test.each([
    ['platform budget', {}, 'compliant'],
    ['time_grain missing (provider default Monthly)', { time_grain: undefined }, 'compliant'],
    ['two notifications, roles as recipients', { notification: [notification(80, 'Actual', { contact_emails: [], contact_groups: undefined, contact_roles: ['Owner'] }), notification(100, 'Forecasted')] }, 'compliant'],
    ['zero amount', { amount: 0 }, 'non-compliant'],
    ['quarterly grain', { time_grain: 'Quarterly' }, 'non-compliant'],
    ['one notification', { notification: [notification(100, 'Actual')] }, 'non-compliant'],
    ['single notification block object (cdk.tf.json)', { notification: notification(100, 'Actual') }, 'non-compliant'],
    ['a disabled notification', { notification: [notification(80, 'Actual'), notification(100, 'Forecasted', { enabled: false })] }, 'non-compliant'],
    ['a notification nobody receives', { notification: [notification(80, 'Actual'), notification(100, 'Forecasted', { contact_emails: [], contact_groups: [] })] }, 'non-compliant'],
    ['amount only known after apply', { amount: '${var.amount}' }, 'unknown'],
    ['notifications only known after apply', { notification: '${local.notifications}' }, 'unknown'],
    ['recipients from an expression', { notification: [notification(80, 'Actual', { contact_emails: '${var.emails}', contact_groups: undefined }), notification(100, 'Forecasted')] }, 'compliant'],
  ])('%s', (_case, values, expected) => {
    expect(statusOf(cost001, budget(values))).toBe(expected);
  });
  test('names the notification at fault', () => {
    expect(messagesOf(cost001, budget({ notification: [notification(80, 'Actual'), notification(100, 'Forecasted', { enabled: false, contact_emails: [], contact_groups: [] })] }))).toEqual([
      'notification 2 (threshold 100) has `enabled` false; expected true',
      'notification 2 (threshold 100) has no `contact_emails`, `contact_groups` or `contact_roles`; expected a recipient',
    ]);
  });
});

describe('GAI-COST-002 budget period', () => {
  test.each([
    ['platform expression: formatdate YYYY-MM-01 of timestamp()', {}, 'compliant'],
    ['literal first of the month', { time_period: { start_date: '2025-07-01T00:00:00Z' } }, 'compliant'],
    ['plan JSON list block', { time_period: [{ start_date: '2025-07-01T00:00:00Z', end_date: '2035-06-30T00:00:00Z' }] }, 'compliant'],
    ['literal mid-month', { time_period: { start_date: '2025-07-15T00:00:00Z' } }, 'non-compliant'],
    ['not a date', { time_period: { start_date: 'next month' } }, 'non-compliant'],
    ['no time period', { time_period: undefined }, 'non-compliant'],
    ['another expression', { time_period: { start_date: '${var.budget_start}' } }, 'unknown'],
    ['formatdate with a day other than 01', { time_period: { start_date: '${formatdate("YYYY-MM-DD\'T\'00:00:00Z", timestamp())}' } }, 'unknown'],
    ['end date 3 months after the start', { time_period: { start_date: '2025-07-01T00:00:00Z', end_date: '2025-10-01T00:00:00Z' } }, 'non-compliant'],
    ['end date 2 years after the start', { time_period: { start_date: '2025-07-01T00:00:00Z', end_date: '2027-07-01T00:00:00Z' } }, 'compliant'],
    ['end date only known after apply', { time_period: { start_date: '2025-07-01T00:00:00Z', end_date: '${var.end}' } }, 'unknown'],
    ['literal end date with a start known only at apply', { time_period: { start_date: '${formatdate("YYYY-MM-01\'T\'00:00:00Z", timestamp())}', end_date: '2030-01-01T00:00:00Z' } }, 'unknown'],
  ])('%s', (_case, values, expected) => {
    expect(statusOf(cost002, budget(values))).toBe(expected);
  });
  test('explains a mid-month start', () => {
    expect(messagesOf(cost002, budget({ time_period: { start_date: '2025-07-15T00:00:00Z' } }))).toEqual([
      '`time_period.start_date` is "2025-07-15T00:00:00Z"; expected the first day of a month (YYYY-MM-01)',
    ]);
  });
});

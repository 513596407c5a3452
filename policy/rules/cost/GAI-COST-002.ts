import { Outcome, Rule, compliant, nonCompliant, unknown, show } from '../../rule';
import { attribute } from '../../graph';

const DATE = /^(\d{4})-(\d{2})-(\d{2})/;
/** `formatdate("YYYY-MM-01...", ...)`: the platform's "first day of the current month" (Governance.addBudgets). */
const FIRST_OF_MONTH_EXPRESSION = /formatdate\(\s*"YYYY-MM-01[^"]*"/;
/** Shortest period a budget should run before it silently stops alerting. */
const MINIMUM_MONTHS = 12;

const months = (m: RegExpExecArray): number => Number(m[1]) * 12 + Number(m[2]) - 1;

const rule: Rule = {
  id: 'GAI-COST-002',
  title: 'Consumption budget starts on the first of a month and does not end early',
  severity: 'note',
  rationale: 'The Consumption API rejects a budget whose start date is not the first day of a month, failing the apply; and a budget past its end date stops evaluating without any notice.',
  remediation: 'Set `time_period.start_date` to `YYYY-MM-01T00:00:00Z` (config `budgets.startDate`; by default `Governance.addBudgets()` uses `formatdate("YYYY-MM-01\'T\'00:00:00Z", timestamp())`) and leave `end_date` unset (10 years) or at least 12 months later.',
  references: {},
  appliesTo: ['azurerm_consumption_budget_resource_group'],
  check(budget) {
    const outcomes: Outcome[] = [];
    const start = attribute(budget, 'time_period.start_date');
    let startMatch: RegExpExecArray | null = null;
    if (start.kind === 'absent') {
      outcomes.push(nonCompliant('`time_period.start_date` is not set; expected the first day of a month'));
    } else if (start.kind === 'unknown') {
      if (!FIRST_OF_MONTH_EXPRESSION.test(start.expression)) {
        outcomes.push(unknown(`\`time_period.start_date\` is only known after apply (${start.expression}); expected the first day of a month`));
      }
    } else {
      startMatch = DATE.exec(String(start.value));
      if (!startMatch) outcomes.push(nonCompliant(`\`time_period.start_date\` is ${show(start.value)}, not a date; expected YYYY-MM-01T00:00:00Z`));
      else if (startMatch[3] !== '01') outcomes.push(nonCompliant(`\`time_period.start_date\` is ${show(start.value)}; expected the first day of a month (YYYY-MM-01)`));
    }

    const end = attribute(budget, 'time_period.end_date');
    if (end.kind === 'unknown') {
      outcomes.push(unknown(`\`time_period.end_date\` is only known after apply (${end.expression}); expected unset or at least ${MINIMUM_MONTHS} months after the start`));
    } else if (end.kind === 'known') {
      const endMatch = DATE.exec(String(end.value));
      if (!endMatch) outcomes.push(nonCompliant(`\`time_period.end_date\` is ${show(end.value)}, not a date`));
      else if (!startMatch) {
        if (start.kind === 'unknown') outcomes.push(unknown(`\`time_period.end_date\` is ${show(end.value)} but the start date is only known after apply; expected at least ${MINIMUM_MONTHS} months after the start`));
      } else if (months(endMatch) - months(startMatch) < MINIMUM_MONTHS) {
        outcomes.push(nonCompliant(`\`time_period.end_date\` ${show(end.value)} is less than ${MINIMUM_MONTHS} months after the start ${show(start.kind === 'known' ? start.value : '')}; expected unset (10 years) or later`));
      }
    }
    return outcomes.length > 0 ? outcomes : compliant;
  },
};

export default rule;

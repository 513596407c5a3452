import { attribute, blocks } from '../../graph';
import { compliant, expectAttribute, nonCompliant, notApplicable, Outcome, Rule, unknown } from '../../rule';
import { classifyBackend } from '../../apim-policy';

/** Whether the status code ranges cover every code in [min, max]. */
function covers(ranges: readonly { min: number; max: number }[], min: number, max: number): boolean {
  for (let code = min; code <= max; code += 1) {
    if (!ranges.some((r) => r.min <= code && code <= r.max)) return false;
  }
  return true;
}

const rule: Rule = {
  id: 'GAI-APIM-018',
  title: 'Model backends trip a circuit breaker on 429 and 5xx, honouring Retry-After',
  severity: 'warning',
  rationale: 'A throttled (429) or failing model deployment should be taken out of rotation for its Retry-After period so that the pool fails over to the secondary deployment instead of hammering the exhausted one.',
  remediation: 'Add `circuit_breaker_rule { name, trip_duration, accept_retry_after_enabled = true, failure_condition { count, interval_duration, status_code_range { min = 429, max = 429 }, status_code_range { min = 500, max = 599 } } }` to the model `azurerm_api_management_backend`.',
  references: {},
  appliesTo: ['azurerm_api_management_backend'],
  check(backend, { graph }) {
    const target = classifyBackend(graph, backend);
    if (target.kind === 'other') return notApplicable;
    if (target.kind === 'unknown') return unknown(`cannot tell whether ${backend.address} is a model backend: ${target.reason}`);
    const breaker = blocks(backend, 'circuit_breaker_rule')[0];
    if (!breaker) return nonCompliant('no `circuit_breaker_rule` on a model backend; expected one tripping on 429 and 500-599 with `accept_retry_after_enabled = true`');
    const outcomes: Outcome[] = [];
    const retryAfter = expectAttribute(backend, 'circuit_breaker_rule.accept_retry_after_enabled', { expected: true, wanted: 'true so the trip lasts as long as the model asks' });
    if (retryAfter.status !== 'compliant') outcomes.push(retryAfter);
    if (attribute(backend, 'circuit_breaker_rule.trip_duration').kind === 'absent') outcomes.push(nonCompliant('`circuit_breaker_rule.trip_duration` is not set'));
    const ranges = blocks(backend, 'circuit_breaker_rule.failure_condition.status_code_range');
    if (ranges.some((r) => typeof r.min !== 'number' || typeof r.max !== 'number')) {
      outcomes.push(unknown('`circuit_breaker_rule.failure_condition.status_code_range` has values known only after apply'));
    } else {
      const known = ranges as unknown as { min: number; max: number }[];
      if (!covers(known, 429, 429)) outcomes.push(nonCompliant('`circuit_breaker_rule.failure_condition.status_code_range` does not cover 429'));
      if (!covers(known, 500, 599)) outcomes.push(nonCompliant('`circuit_breaker_rule.failure_condition.status_code_range` does not cover 500-599'));
    }
    return outcomes.length > 0 ? outcomes : compliant;
  },
};

export default rule;

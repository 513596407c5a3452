import { parsePlan, Plan, PlanResource, Suppression } from '../../policy/plan';
import { ResourceGraph } from '../../policy/graph';
import { Outcome, Rule } from '../../policy/rule';

/** A resource for a synthetic plan: `type.name` plus values (cdk.tf.json shape, `${...}` references). */
export interface FixtureResource {
  readonly type: string;
  readonly name?: string;
  readonly values: Record<string, unknown>;
  readonly suppressions?: Suppression[];
}

/** A cdktf-format plan of the given resources (names default to `r0`, `r1`, ...). */
export function planOf(resources: readonly FixtureResource[], file = 'test.tf.json'): Plan {
  const doc: { resource: Record<string, Record<string, unknown>> } = { resource: {} };
  resources.forEach((r, i) => {
    const byName = (doc.resource[r.type] ??= {});
    byName[r.name ?? `r${i}`] = r.suppressions ? { '//': { suppressions: r.suppressions }, ...r.values } : r.values;
  });
  return parsePlan(doc, file);
}

/**
 * Runs `rule` on the first resource of `rule.appliesTo` in `resources` (or on `address` when given)
 * and returns its outcomes.
 */
export function check(rule: Rule, resources: readonly FixtureResource[], options: { address?: string; production?: boolean } = {}): Outcome[] {
  const plan = planOf(resources);
  const graph = new ResourceGraph(plan);
  const target: PlanResource | undefined = options.address
    ? graph.get(options.address)
    : plan.resources.find((r) => rule.appliesTo.includes(r.type));
  if (!target) throw new Error(`no resource for ${rule.id} in the fixture`);
  const result = rule.check(target, { graph, production: options.production ?? false });
  return Array.isArray(result) ? [...result] : [result as Outcome];
}

/** The single status, for table-driven cases: 'compliant' | 'non-compliant' | 'unknown' | 'not-applicable'. */
export function statusOf(rule: Rule, resources: readonly FixtureResource[], options?: { address?: string; production?: boolean }): string {
  const outcomes = check(rule, resources, options);
  if (outcomes.some((o) => o.status === 'non-compliant')) return 'non-compliant';
  if (outcomes.some((o) => o.status === 'unknown')) return 'unknown';
  if (outcomes.every((o) => o.status === 'not-applicable')) return 'not-applicable';
  return 'compliant';
}

/** Messages of the non-compliant and unknown outcomes. */
export function messagesOf(rule: Rule, resources: readonly FixtureResource[], options?: { address?: string; production?: boolean }): string[] {
  return check(rule, resources, options).flatMap((o) => ('message' in o ? [o.message] : []));
}

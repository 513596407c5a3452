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
 * The same resources as a `terraform show -json` plan: literal values in `planned_values`, `${...}`
 * references as unknown values whose `configuration` expressions name what they reference, and
 * `depends_on` and `local-exec` provisioners in the `configuration` section, where Terraform writes them.
 */
export function terraformPlanOf(resources: readonly FixtureResource[], file = 'plan.json'): Plan {
  const named = resources.map((r, i) => ({ ...r, address: `${r.type}.${r.name ?? `r${i}`}` }));
  const literal = (value: unknown): unknown => {
    if (typeof value === 'string') return value.includes('${') ? undefined : value;
    if (Array.isArray(value)) return value.map(literal);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, literal(v)]));
    return value;
  };
  const unknownOf = (value: unknown): unknown => {
    if (typeof value === 'string') return value.includes('${') ? true : undefined;
    if (Array.isArray(value)) return value.map(unknownOf);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unknownOf(v)]));
    return undefined;
  };
  const expressionsOf = (value: unknown): unknown => {
    if (typeof value === 'string') {
      // Terraform lists the attribute reference and then the resource: ["azurerm_x.y.id", "azurerm_x.y"].
      const refs = [...value.matchAll(/\$\{([a-z][a-z0-9_]*\.[A-Za-z0-9_-]+)(\.[A-Za-z0-9_.]+)?\}/g)].flatMap((m) => (m[2] ? [m[1] + m[2], m[1]] : [m[1]]));
      return refs.length > 0 ? { references: refs } : { constant_value: value };
    }
    if (Array.isArray(value) && value.every((v) => v && typeof v === 'object' && !Array.isArray(v))) return value.map(expressionsOf);
    if (Array.isArray(value)) {
      const refs = value.flatMap((v) => ((expressionsOf(v) as { references?: string[] }).references ?? []));
      return refs.length > 0 ? { references: refs } : { constant_value: value };
    }
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expressionsOf(v)]));
    return { constant_value: value };
  };
  const split = (values: Record<string, unknown>) => {
    const { depends_on: dependsOn, provisioner, lifecycle, ...rest } = values;
    void lifecycle;
    const commands = (Array.isArray(provisioner) ? provisioner : provisioner ? [provisioner] : [])
      .map((p) => (p as Record<string, { command?: string }>)['local-exec']?.command).filter((c): c is string => typeof c === 'string');
    return { rest, dependsOn: (dependsOn as string[] | undefined) ?? [], commands };
  };
  return parsePlan({
    format_version: '1.2',
    planned_values: { root_module: { resources: named.map((r) => ({ address: r.address, mode: 'managed', type: r.type, name: r.address.split('.')[1], values: literal(split(r.values).rest) })) } },
    resource_changes: named.map((r) => ({ address: r.address, change: { after_unknown: unknownOf(split(r.values).rest) } })),
    configuration: { root_module: { resources: named.map((r) => {
      const { rest, dependsOn, commands } = split(r.values);
      return {
        address: r.address, expressions: expressionsOf(rest),
        ...(dependsOn.length > 0 ? { depends_on: dependsOn } : {}),
        ...(commands.length > 0 ? { provisioners: commands.map((command) => ({ type: 'local-exec', expressions: { command: { constant_value: command } } })) } : {}),
      };
    }) } },
  }, file);
}

/**
 * Runs `rule` on the first resource of `rule.appliesTo` in `resources` (or on `address` when given)
 * and returns its outcomes; `format: 'terraform-plan'` runs it on the plan-JSON form of the fixture.
 */
export function check(rule: Rule, resources: readonly FixtureResource[], options: { address?: string; production?: boolean; format?: 'cdktf' | 'terraform-plan' } = {}): Outcome[] {
  const plan = options.format === 'terraform-plan' ? terraformPlanOf(resources) : planOf(resources);
  const graph = new ResourceGraph(plan);
  const target: PlanResource | undefined = options.address
    ? graph.get(options.address)
    : plan.resources.find((r) => rule.appliesTo.includes(r.type));
  if (!target) throw new Error(`no resource for ${rule.id} in the fixture`);
  const result = rule.check(target, { graph, production: options.production ?? false });
  return Array.isArray(result) ? [...result] : [result as Outcome];
}

/** The single status, for table-driven cases: 'compliant' | 'non-compliant' | 'unknown' | 'not-applicable'. */
export function statusOf(rule: Rule, resources: readonly FixtureResource[], options?: { address?: string; production?: boolean; format?: 'cdktf' | 'terraform-plan' }): string {
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

/** Attribute values of a fixture resource. */
export type Values = Record<string, unknown>;

/** A cdktf reference to `attribute` of the resource at `address`: `${address.attribute}`. */
export const ref = (address: string, attribute = 'id'): string => `\${${address}.${attribute}}`;

/**
 * The status of `rule` (see statusOf) in both plan formats, `[cdk.tf.json, terraform show -json]`, for
 * asserting that the two agree.
 */
export function bothFormats(rule: Rule, resources: readonly FixtureResource[], options: { address?: string; production?: boolean } = {}): [string, string] {
  return [statusOf(rule, resources, options), statusOf(rule, resources, { ...options, format: 'terraform-plan' })];
}

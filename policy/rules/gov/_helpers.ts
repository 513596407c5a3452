/**
 * Helpers shared by the KV, KEY, ST, LAW, APPI, MON, COST and GOV rules (not a rule file: the
 * registry only loads `GAI-*.ts`).
 */
import { AttributeValue, ResourceGraph, attribute, referencedResource } from '../../graph';
import { PlanResource } from '../../plan';
import { ExpectOptions, Outcome, compliant, expectAttribute, nonCompliant, show, unknown } from '../../rule';
import { typesWhere } from '../../../catalog/services';

/** Taggable azurerm types this platform declares or its review knows (catalog/services.ts `tags`), in catalog order. */
export const TAGGABLE_TYPES: readonly string[] = typesWhere((entry) => entry.tags !== undefined);

/** Of `TAGGABLE_TYPES`, those without a `location` argument (global, or inherited from a parent). */
export const TYPES_WITHOUT_LOCATION: readonly string[] = typesWhere((entry) => entry.tags?.location === false);


/**
 * The first of several attribute spellings that is known (azurerm 4.x keeps a deprecated alias next
 * to the new name, and plan JSON reports both). `invert` marks paths whose boolean means the opposite
 * (e.g. `local_authentication_disabled` for `local_authentication_enabled`); the value returned is
 * in the sense of the first path. Unknown when no spelling is known and one is unknown.
 */
export function firstKnown(resource: PlanResource, paths: readonly { path: string; invert?: boolean }[]): AttributeValue & { path?: string } {
  let unresolved: (AttributeValue & { path?: string }) | undefined;
  for (const { path, invert } of paths) {
    const value = attribute(resource, path);
    if (value.kind === 'known') {
      return { kind: 'known', value: invert && typeof value.value === 'boolean' ? !value.value : value.value, path };
    }
    if (value.kind === 'unknown') unresolved ??= { ...value, path };
  }
  return unresolved ?? { kind: 'absent' };
}

/**
 * Judges a `*workspace_id` attribute that must send to a Log Analytics workspace declared in this
 * plan (the platform workspace): compliant when it resolves to one, non-compliant when it is missing
 * or points at something else, unknown when the plan cannot tell.
 */
export function platformWorkspaceOutcome(graph: ResourceGraph, resource: PlanResource, path: string): Outcome {
  const value = attribute(resource, path);
  if (value.kind === 'absent') return nonCompliant(`\`${path}\` is not set; expected the platform Log Analytics workspace`);
  const target = referencedResource(graph, resource, path, 'azurerm_log_analytics_workspace', { anyType: true, throughReferences: false });
  if (target?.type === 'azurerm_log_analytics_workspace') return compliant;
  if (target) return nonCompliant(`\`${path}\` points at ${target.address}; expected a Log Analytics workspace`);
  const workspaces = graph.ofType('azurerm_log_analytics_workspace');
  if (value.kind === 'known') {
    return workspaces.length > 0
      ? nonCompliant(`\`${path}\` is ${show(value.value)}, not a Log Analytics workspace of this plan (${workspaces.map((w) => w.address).join(', ')})`)
      : unknown(`\`${path}\` is ${show(value.value)}, a workspace outside this plan: cannot tell whether it is the platform workspace`);
  }
  return unknown(`\`${path}\` is only known after apply (${value.expression}); expected the platform Log Analytics workspace`);
}

/** A number attribute judged against a minimum, with an optional provider default. */
export function atLeast(resource: PlanResource, path: string, minimum: number, providerDefault?: number): Outcome {
  const value = attribute(resource, path);
  if (value.kind === 'unknown') return unknown(`\`${path}\` is only known after apply (${value.expression}); expected at least ${minimum}`);
  if (value.kind === 'absent') {
    if (providerDefault === undefined) return nonCompliant(`\`${path}\` is not set; expected at least ${minimum}`);
    return providerDefault >= minimum
      ? compliant
      : nonCompliant(`\`${path}\` is not set, so the provider default ${providerDefault} applies; expected at least ${minimum}`);
  }
  const n = typeof value.value === 'number' ? value.value : Number(value.value);
  if (Number.isNaN(n)) return nonCompliant(`\`${path}\` is ${show(value.value)}, not a number; expected at least ${minimum}`);
  return n >= minimum ? compliant : nonCompliant(`\`${path}\` is ${n}; expected at least ${minimum}`);
}

/** Whether an attribute is set to something (a known value other than an empty string/list, or an expression). */
export function isSet(value: AttributeValue): boolean {
  if (value.kind === 'unknown') return true;
  if (value.kind === 'absent') return false;
  if (typeof value.value === 'string') return value.value.trim() !== '';
  if (Array.isArray(value.value)) return value.value.length > 0;
  return true;
}

/** Several `expectAttribute` checks on one resource: compliant, or one finding per failed check. */
export function expectEach(resource: PlanResource, checks: readonly (ExpectOptions & { path: string })[]): Outcome | Outcome[] {
  const findings = checks.map((c) => expectAttribute(resource, c.path, c)).filter((o) => o.status !== 'compliant');
  return findings.length > 0 ? findings : compliant;
}

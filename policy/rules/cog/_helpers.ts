/**
 * Helpers shared by the cognitive, deployment, RAI, search, managed Redis and IAM rules: reading
 * attributes of nested blocks, following references to other resources of the plan (and, for every
 * rule area and apim-policy.ts, indexed reference lookups that keep rules linear in plan size), the
 * customer-managed-key requirement derived from the data-classification tag, and allowed regions.
 */
import { REGIONS } from '../../../catalog/regions';
import { AttributeValue, ResourceGraph, attribute, referencedResource } from '../../graph';
import { PlanResource } from '../../plan';
import { normalizeRegion } from '../../../catalog/regions';
import { Outcome, compliant, nonCompliant, show, unknown } from '../../rule';

/** Three-valued logic: a plan value can make a condition true, false, or leave it undecided. */
export type Tri = true | false | 'unknown';

export const and = (...values: Tri[]): Tri => (values.includes(false) ? false : values.includes('unknown') ? 'unknown' : true);
export const not = (value: Tri): Tri => (value === 'unknown' ? 'unknown' : !value);
export const or = (...values: Tri[]): Tri => (values.includes(true) ? true : values.includes('unknown') ? 'unknown' : false);

/** `attribute()` on a nested block (an element of a list of blocks). */
export function fieldOf(block: Readonly<Record<string, unknown>>, path: string): AttributeValue {
  return attribute({ address: '', type: '', name: '', values: block, references: [], dependsOn: [], localExecCommands: [], suppressions: [] }, path);
}

function isEmpty(value: unknown): boolean {
  if (value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (value && typeof value === 'object') return Object.keys(value).length === 0;
  return false;
}

export type Presence = 'set' | 'unset' | 'unknown';

/**
 * Whether `path` holds a value: a known non-empty value is set; an expression that references a
 * resource of the plan is set (Terraform resolves it to that resource's attribute, never null);
 * any other expression (a variable, an unknown-after-apply value) is unknown.
 */
export function presence(graph: ResourceGraph, resource: PlanResource, path: string): Presence {
  const value = attribute(resource, path);
  if (value.kind === 'absent') return 'unset';
  if (value.kind === 'known') return isEmpty(value.value) ? 'unset' : 'set';
  return graph.resolve(value) ? 'set' : 'unknown';
}

/** Whether two resources point at the same resource of `type` through their attributes. */
export function sameTarget(graph: ResourceGraph, a: PlanResource, pathA: string, b: PlanResource, pathB: string, type: string): Tri {
  const targetA = referencedResource(graph, a, pathA, type);
  const targetB = referencedResource(graph, b, pathB, type);
  if (targetA && targetB) return targetA === targetB;
  const valueA = attribute(a, pathA);
  const valueB = attribute(b, pathB);
  if (valueA.kind === 'known' && valueB.kind === 'known' && typeof valueA.value === 'string' && typeof valueB.value === 'string') {
    return valueA.value.toLowerCase() === valueB.value.toLowerCase();
  }
  // One side names a resource of the plan and the other a literal id known only outside it.
  if ((targetA && valueB.kind === 'known') || (targetB && valueA.kind === 'known')) return false;
  return 'unknown';
}

/** Data classifications (the platform's `data-classification` tag) that require customer-managed keys. */
export const CMK_CLASSIFICATIONS: readonly string[] = ['confidential', 'restricted'];

/**
 * Whether the resource must be encrypted with a customer-managed key, from its
 * `data-classification` tag: required for confidential and restricted data, and when the tag is
 * missing (the classification cannot be shown to be lower); not for public or internal data.
 */
export function cmkRequirement(resource: PlanResource): { readonly required: Tri; readonly why: string } {
  const tag = attribute(resource, 'tags.data-classification');
  if (tag.kind === 'unknown') return { required: 'unknown', why: `the \`data-classification\` tag is only known after apply (${tag.expression})` };
  if (tag.kind === 'absent') return { required: true, why: 'the resource has no `data-classification` tag' };
  const value = String(tag.value).toLowerCase();
  return CMK_CLASSIFICATIONS.includes(value)
    ? { required: true, why: `data classification is "${value}"` }
    : { required: false, why: `data classification is "${value}"` };
}


/** `location` is one of the platform's approved regions (`REGIONS` in constructs/naming/regions.ts). */
export function regionOutcome(resource: PlanResource, path = 'location'): Outcome {
  const value = attribute(resource, path);
  if (value.kind === 'unknown') return unknown(`\`${path}\` is only known after apply (${value.expression}); expected one of the approved regions`);
  if (value.kind === 'absent') return nonCompliant(`\`${path}\` is not set; expected one of the approved regions`);
  const region = normalizeRegion(String(value.value));
  return Object.prototype.hasOwnProperty.call(REGIONS, region)
    ? compliant
    : nonCompliant(`\`${path}\` is ${show(value.value)}, which is not an approved region; expected one of: ${Object.keys(REGIONS).join(', ')}`);
}

/** The value at `path` as a known string, 'unknown' for an expression, undefined when absent. */
export function stringAt(resource: PlanResource, path: string): string | 'unknown' | undefined {
  const value = attribute(resource, path);
  if (value.kind === 'unknown') return 'unknown';
  if (value.kind === 'absent') return undefined;
  return typeof value.value === 'string' ? value.value : JSON.stringify(value.value);
}

/** A list attribute: its known string items, and whether it (or an item) is an expression. */
export function stringList(resource: PlanResource, path: string): { readonly items: string[]; readonly unknown: boolean } {
  const value = attribute(resource, path);
  if (value.kind === 'absent') return { items: [], unknown: false };
  if (value.kind === 'unknown') return { items: [], unknown: true };
  const list = Array.isArray(value.value) ? value.value : [value.value];
  const items = list.filter((v): v is string => typeof v === 'string' && !v.includes('${'));
  return { items, unknown: items.length !== list.length };
}

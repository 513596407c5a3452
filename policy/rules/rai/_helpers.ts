/**
 * Reading `content_filter` blocks of `azurerm_cognitive_account_rai_policy`.
 *
 * Filter names are the service's (ARM `raiPolicies.contentFilters[].name`), as listed by the
 * "Rai Content Filters - List" API (Azure/azure-rest-api-specs, specification/cognitiveservices/…
 * /stable/2024-10-01/examples/ListRaiContentFilters.json): multi-level "Hate", "Sexual",
 * "Violence", "Selfharm"; binary "Jailbreak" (Prompt), "Indirect Attack" (Prompt), "Protected
 * Material Text" (Completion), "Protected Material Code" (Completion), "Profanity". Names are
 * compared ignoring case, spaces and underscores ("SelfHarm", "IndirectAttack" also occur).
 */
import { AttributeValue, attribute } from '../../graph';
import { PlanResource } from '../../plan';
import { fieldOf } from '../cog/_helpers';

export const HARM_CATEGORIES = ['Hate', 'Sexual', 'Violence', 'Selfharm'] as const;
export const SOURCES = ['Prompt', 'Completion'] as const;

export interface ContentFilter {
  readonly get: (key: string) => AttributeValue;
}

const key = (name: string) => name.replace(/[\s_-]+/g, '').toLowerCase();

/** The `content_filter` blocks; 'unknown' when the list (or a block) is an expression. */
export function contentFilters(policy: PlanResource): ContentFilter[] | 'unknown' {
  const value = attribute(policy, 'content_filter');
  if (value.kind === 'absent') return [];
  if (value.kind === 'unknown') return 'unknown';
  const list = Array.isArray(value.value) ? value.value : [value.value];
  if (list.some((b) => b === null || typeof b !== 'object')) return 'unknown';
  return (list as Record<string, unknown>[]).map((block) => ({ get: (k: string) => fieldOf(block, k) }));
}

/** Filters for `name` and `source`; filters whose name or source is an expression are returned as `unsure`. */
export function findFilters(filters: readonly ContentFilter[], name: string, source: string): { readonly matches: ContentFilter[]; readonly unsure: boolean } {
  const matches: ContentFilter[] = [];
  let unsure = false;
  for (const filter of filters) {
    const n = filter.get('name');
    const s = filter.get('source');
    if (n.kind === 'unknown' || s.kind === 'unknown') {
      unsure = true;
      continue;
    }
    if (n.kind === 'known' && s.kind === 'known' && key(String(n.value)) === key(name) && key(String(s.value)) === key(source)) matches.push(filter);
  }
  return { matches, unsure };
}

/**
 * Problems of the filter `name`/`source`: missing, or not enabled and blocking. Returns
 * 'unknown' when the answer depends on values known only after apply.
 */
export function enabledAndBlocking(filters: readonly ContentFilter[], name: string, source: string): string | 'unknown' | undefined {
  const { matches, unsure } = findFilters(filters, name, source);
  if (matches.length === 0) return unsure ? 'unknown' : `${name} (${source}) is missing`;
  let undecided = false;
  for (const filter of matches) {
    const enabled = filter.get('filter_enabled');
    const blocking = filter.get('block_enabled');
    if ((enabled.kind === 'known' && enabled.value !== true) || enabled.kind === 'absent') return `${name} (${source}) has filter_enabled = ${enabled.kind === 'known' ? JSON.stringify(enabled.value) : 'unset'}`;
    if ((blocking.kind === 'known' && blocking.value !== true) || blocking.kind === 'absent') return `${name} (${source}) has block_enabled = ${blocking.kind === 'known' ? JSON.stringify(blocking.value) : 'unset'}`;
    if (enabled.kind === 'unknown' || blocking.kind === 'unknown') undecided = true;
  }
  return undecided ? 'unknown' : undefined;
}

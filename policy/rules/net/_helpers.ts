/**
 * Helpers for the network rules (NET, NSG): security rules read alike from standalone
 * `azurerm_network_security_rule` resources and inline `security_rule` blocks of
 * `azurerm_network_security_group`, port and address matching, IPv4 CIDR arithmetic, and the
 * relations NSG -> rules, NSG -> subnets, subnet -> virtual network.
 */
import { AttributeValue, ResourceGraph, attribute, refersTo, referencedResource } from '../../graph';
import { PlanResource, UNKNOWN_VALUE } from '../../plan';
import { Outcome, compliant, nonCompliant, notApplicable, unknown } from '../../rule';
import { Tri, fieldOf } from '../cog/_helpers';

export { Tri, and, not, or } from '../cog/_helpers';

/** One security rule, wherever it is declared. */
export interface SecurityRuleView {
  /** `rule "Name"` (standalone resource) or `security_rule "Name"` (inline block). */
  readonly label: string;
  readonly get: (key: string) => AttributeValue;
}

/** The security rules a resource declares; 'unknown' when the inline list is an expression. */
export function securityRules(resource: PlanResource): SecurityRuleView[] | 'unknown' {
  if (resource.type === 'azurerm_network_security_rule') {
    return [{ label: `rule "${String(resource.values.name)}"`, get: (key) => attribute(resource, key) }];
  }
  const value = attribute(resource, 'security_rule');
  if (value.kind === 'absent') return [];
  // In plan JSON an NSG whose rules are all standalone resources has a computed `security_rule`.
  if (value.kind === 'unknown') return value.expression === UNKNOWN_VALUE ? [] : 'unknown';
  const list = Array.isArray(value.value) ? value.value : [value.value];
  if (list.some((item) => item === null || typeof item !== 'object')) return 'unknown';
  return (list as Record<string, unknown>[]).map((block) => ({
    label: `security_rule "${String(block.name)}"`,
    get: (key: string) => fieldOf(block, key),
  }));
}

/** A string field equals one of `expected` (case-insensitive, as Azure compares them). */
export function fieldIs(rule: SecurityRuleView, key: string, expected: readonly string[]): Tri {
  const value = rule.get(key);
  if (value.kind === 'unknown') return 'unknown';
  if (value.kind === 'absent') return false;
  return expected.some((e) => e.toLowerCase() === String(value.value).toLowerCase());
}

/** Known items of a single/plural field pair (`source_address_prefix` + `source_address_prefixes`). */
export function fieldItems(rule: SecurityRuleView, single: string, plural: string): { readonly items: string[]; readonly unknown: boolean } {
  const items: string[] = [];
  let isUnknown = false;
  for (const key of [single, plural]) {
    const value = rule.get(key);
    if (value.kind === 'unknown') isUnknown = true;
    if (value.kind !== 'known') continue;
    for (const item of Array.isArray(value.value) ? value.value : [value.value]) {
      if (typeof item === 'string' && item.includes('${')) isUnknown = true;
      else if (item !== null && item !== undefined) items.push(String(item));
    }
  }
  return { items, unknown: isUnknown };
}

/** Some item satisfies `predicate`; unknown when none does but some item is an expression. */
export function anyItem(found: { readonly items: readonly string[]; readonly unknown: boolean }, predicate: (item: string) => boolean): Tri {
  if (found.items.some(predicate)) return true;
  return found.unknown ? 'unknown' : false;
}

/** Every item satisfies `predicate` (and there is at least one); unknown when an item is an expression. */
export function everyItem(found: { readonly items: readonly string[]; readonly unknown: boolean }, predicate: (item: string) => boolean): Tri {
  if (found.items.length > 0 && !found.items.every(predicate)) return false;
  if (found.unknown) return 'unknown';
  return found.items.length > 0;
}

/** Address prefixes that mean "anywhere on the Internet" in an NSG rule. */
export function isInternetPrefix(prefix: string): boolean {
  const p = prefix.trim().toLowerCase();
  return p === '*' || p === 'internet' || p === 'any' || p === '0.0.0.0' || p.endsWith('/0');
}

export const sources = (rule: SecurityRuleView) => fieldItems(rule, 'source_address_prefix', 'source_address_prefixes');
export const destinations = (rule: SecurityRuleView) => fieldItems(rule, 'destination_address_prefix', 'destination_address_prefixes');
export const destinationPorts = (rule: SecurityRuleView) => fieldItems(rule, 'destination_port_range', 'destination_port_ranges');

/** A port spec (`*`, `22`, `20-25`) admits `port`. */
export function portSpecCovers(spec: string, port: number): boolean {
  const s = spec.trim();
  if (s === '*') return true;
  const range = /^(\d+)\s*-\s*(\d+)$/.exec(s);
  if (range) return Number(range[1]) <= port && port <= Number(range[2]);
  return /^\d+$/.test(s) && Number(s) === port;
}

/** A port spec admits every port. */
export function portSpecIsAll(spec: string): boolean {
  const s = spec.trim();
  if (s === '*') return true;
  const range = /^(\d+)\s*-\s*(\d+)$/.exec(s);
  return range !== null && Number(range[1]) <= 1 && Number(range[2]) >= 65535;
}

/** The ports of `specs` outside `allowed` (as text, for messages); empty when only allowed ports are open. */
export function portsOtherThan(specs: readonly string[], allowed: readonly number[]): string[] {
  return specs.filter((spec) => {
    const s = spec.trim();
    if (/^\d+$/.test(s)) return !allowed.includes(Number(s));
    const range = /^(\d+)\s*-\s*(\d+)$/.exec(s);
    if (range) return !(Number(range[1]) === Number(range[2]) && allowed.includes(Number(range[1])));
    return true;
  });
}

export const isInbound = (rule: SecurityRuleView): Tri => fieldIs(rule, 'direction', ['Inbound']);
export const isOutbound = (rule: SecurityRuleView): Tri => fieldIs(rule, 'direction', ['Outbound']);
export const isAllow = (rule: SecurityRuleView): Tri => fieldIs(rule, 'access', ['Allow']);

/** A short description of a rule for messages. */
export function describeRule(rule: SecurityRuleView): string {
  const text = (v: AttributeValue) => (v.kind === 'known' ? String(v.value) : v.kind === 'unknown' ? '(unknown)' : '(unset)');
  const from = sources(rule);
  const to = destinations(rule);
  const ports = destinationPorts(rule);
  const list = (f: { items: string[]; unknown: boolean }) => [...f.items, ...(f.unknown ? ['(unknown)'] : [])].join(', ') || '(unset)';
  return `${text(rule.get('direction'))} ${text(rule.get('access'))} ${text(rule.get('protocol'))} from ${list(from)} to ${list(to)} port(s) ${list(ports)}`;
}

/**
 * Judges every security rule of a standalone rule or an NSG's inline blocks: `violates` true is a
 * finding, 'unknown' an unknown outcome; an NSG without inline rules is not applicable (its
 * standalone rules are judged as resources of their own).
 */
export function judgeSecurityRules(resource: PlanResource, violates: (rule: SecurityRuleView) => Tri, expected: string): Outcome[] {
  const rules = securityRules(resource);
  if (rules === 'unknown') return [unknown(`\`security_rule\` is only known after apply; expected ${expected}`)];
  if (rules.length === 0) return [notApplicable];
  const outcomes: Outcome[] = [];
  for (const rule of rules) {
    const verdict = violates(rule);
    if (verdict === true) outcomes.push(nonCompliant(`${rule.label} is ${describeRule(rule)}; expected ${expected}`));
    else if (verdict === 'unknown') outcomes.push(unknown(`${rule.label} (${describeRule(rule)}) depends on values known only after apply; expected ${expected}`));
  }
  return outcomes.length > 0 ? outcomes : [compliant];
}

/** Standalone `azurerm_network_security_rule` resources of `nsg` (by reference, or by literal name and resource group). */
export function standaloneRulesOf(graph: ResourceGraph, nsg: PlanResource): PlanResource[] {
  return candidates(graph, nsg, 'azurerm_network_security_rule', 'network_security_group_name').filter((rule) => ruleBelongsTo(rule, nsg));
}

/** Resources of `type` that reference `target` or name it literally at `path` (indexed lookups). */
function candidates(graph: ResourceGraph, target: PlanResource, type: string, path: string): PlanResource[] {
  const name = target.values.name;
  const byName = typeof name === 'string' ? graph.withValue(type, path, name) : [];
  return [...new Set([...graph.referrersOf(target, type), ...byName])];
}

function ruleBelongsTo(rule: PlanResource, nsg: PlanResource): boolean {
  const name = attribute(rule, 'network_security_group_name');
  if (refersTo(name, nsg)) return true;
  if (name.kind !== 'known' || name.value !== nsg.values.name) return false;
  const ruleGroup = attribute(rule, 'resource_group_name');
  const nsgGroup = attribute(nsg, 'resource_group_name');
  return ruleGroup.kind !== 'known' || nsgGroup.kind !== 'known' || String(ruleGroup.value).toLowerCase() === String(nsgGroup.value).toLowerCase();
}

/** The NSG a standalone rule belongs to, when it is in the plan. */
export function nsgOfRule(graph: ResourceGraph, rule: PlanResource): PlanResource | undefined {
  const name = attribute(rule, 'network_security_group_name');
  const referenced = graph.resolve(name);
  if (referenced) return referenced.type === 'azurerm_network_security_group' ? referenced : undefined;
  const named = name.kind === 'known' && typeof name.value === 'string' ? graph.withValue('azurerm_network_security_group', 'name', name.value) : [];
  return named.find((nsg) => ruleBelongsTo(rule, nsg));
}

/** Subnets associated with `nsg` through `azurerm_subnet_network_security_group_association`. */
export function subnetsOfNsg(graph: ResourceGraph, nsg: PlanResource): PlanResource[] {
  const subnets = graph.referrersAt(nsg, 'azurerm_subnet_network_security_group_association', 'network_security_group_id')
    .map((association) => referencedResource(graph, association, 'subnet_id', 'azurerm_subnet'))
    .filter((s): s is PlanResource => s !== undefined);
  return [...new Set(subnets)];
}

/**
 * Resources of `type` whose `path` points at `subnet` (as `referencedResource` reads it), in plan order.
 * Indexed once per plan: rules that look for what a subnet hosts stay linear in plan size.
 */
export function resourcesInSubnet(graph: ResourceGraph, type: string, path: string, subnet: PlanResource): readonly PlanResource[] {
  const bySubnet = graph.groupBy(`net/_helpers/in-subnet|${type}|${path}`, type, (resource) => referencedResource(graph, resource, path, 'azurerm_subnet'));
  return bySubnet.get(subnet) ?? [];
}

/** `azurerm_subnet` resources of `vnet` (by reference to it, or by literal name and resource group). */
export function subnetsOfVnet(graph: ResourceGraph, vnet: PlanResource): PlanResource[] {
  return candidates(graph, vnet, 'azurerm_subnet', 'virtual_network_name').filter((subnet) => {
    const name = attribute(subnet, 'virtual_network_name');
    if (refersTo(name, vnet)) return true;
    if (name.kind !== 'known' || name.value !== vnet.values.name) return false;
    const a = attribute(subnet, 'resource_group_name');
    const b = attribute(vnet, 'resource_group_name');
    return a.kind !== 'known' || b.kind !== 'known' || String(a.value).toLowerCase() === String(b.value).toLowerCase();
  });
}

/** Subnet names Azure reserves for its own services (no NSG, no custom egress settings). */
export const PLATFORM_SUBNETS: readonly string[] = [
  'GatewaySubnet', 'AzureFirewallSubnet', 'AzureFirewallManagementSubnet', 'RouteServerSubnet', 'AzureBastionSubnet',
];

// ---- IPv4 CIDR arithmetic ----

export interface Cidr {
  readonly base: number;
  readonly prefix: number;
}

/** Parses `a.b.c.d/n` or a bare address (as /32); undefined for anything else (IPv6, service tags). */
export function parseCidr(text: string): Cidr | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/(\d{1,2}))?$/.exec(text.trim());
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  const prefix = m[5] === undefined ? 32 : Number(m[5]);
  if (octets.some((o) => o > 255) || prefix > 32) return undefined;
  const address = ((octets[0] << 24) >>> 0) + (octets[1] << 16) + (octets[2] << 8) + octets[3];
  const size = 2 ** (32 - prefix);
  return { base: address - (address % size), prefix };
}

export function cidrContains(outer: Cidr, inner: Cidr): boolean {
  const outerSize = 2 ** (32 - outer.prefix);
  const innerSize = 2 ** (32 - inner.prefix);
  return inner.base >= outer.base && inner.base + innerSize <= outer.base + outerSize;
}

/** Ranges of a firewall allowlist that open more than a /`minPrefix` (or all of the Internet). */
export function tooBroadRanges(ranges: readonly string[], minPrefix = 24): string[] {
  return ranges.filter((range) => {
    if (isInternetPrefix(range)) return true;
    const cidr = parseCidr(range);
    return cidr !== undefined && cidr.prefix < minPrefix;
  });
}

const PRIVATE = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'].map((c) => parseCidr(c) as Cidr);

/** Inside RFC 1918 private address space. */
export function isPrivateAddress(text: string): boolean {
  const cidr = parseCidr(text);
  return cidr !== undefined && PRIVATE.some((range) => cidrContains(range, cidr));
}

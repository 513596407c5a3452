/**
 * Graph helpers shared by the private endpoint rules (the registry ignores this file).
 */
import { attribute, blocks, isExpression, ResourceGraph } from '../../graph';
import { PlanResource } from '../../plan';
import { show } from '../../rule';
import { PRIVATE_LINK_TARGETS, PrivateLinkTarget } from './_zones';

export const CONNECTION_PATH = 'private_service_connection.private_connection_resource_id';

/** Private endpoints whose service connection points at `target`. */
export function endpointsOf(target: PlanResource, graph: ResourceGraph): PlanResource[] {
  // Endpoints that reference the target are indexed, and so (once per plan) are those naming a literal id.
  return [...graph.referrersAt(target, 'azurerm_private_endpoint', CONNECTION_PATH)];
}

/**
 * The in-plan resource an attribute points at: through a `${...}` reference, or (plan JSON) a
 * literal id equal to an in-plan resource's id, optionally only of `type` (`graph.target`); a known
 * value other than a string is no id.
 */
export function resolveTarget(resource: PlanResource, path: string, graph: ResourceGraph, type?: string): PlanResource | undefined {
  const value = attribute(resource, path);
  return value.kind === 'known' && typeof value.value !== 'string' ? undefined : graph.target(value, type);
}

/** Whether a resource's public path is open, closed, or not known before apply. */
export interface PublicState { readonly state: 'open' | 'closed' | 'unknown'; readonly detail: string }

export function publicState(resource: PlanResource, spec: PrivateLinkTarget = PRIVATE_LINK_TARGETS[resource.type]): PublicState {
  const access = spec.publicAccess;
  switch (access.kind) {
    case 'boolean': {
      const v = attribute(resource, access.path);
      if (v.kind === 'unknown') return { state: 'unknown', detail: `\`${access.path}\` is only known after apply (${v.expression})` };
      if (v.kind === 'absent') return { state: 'open', detail: `\`${access.path}\` is not set (provider default true)` };
      return v.value === false ? { state: 'closed', detail: `\`${access.path}\` is false` } : { state: 'open', detail: `\`${access.path}\` is ${show(v.value)}` };
    }
    case 'string': {
      const v = attribute(resource, access.path);
      if (v.kind === 'unknown') return { state: 'unknown', detail: `\`${access.path}\` is only known after apply (${v.expression})` };
      if (v.kind === 'absent') return { state: 'open', detail: `\`${access.path}\` is not set (provider default "Enabled")` };
      return v.value === 'Disabled' ? { state: 'closed', detail: `\`${access.path}\` is "Disabled"` } : { state: 'open', detail: `\`${access.path}\` is ${show(v.value)}` };
    }
    case 'access-modes': {
      const open: string[] = [];
      for (const path of ['ingestion_access_mode', 'query_access_mode']) {
        const v = attribute(resource, path);
        if (v.kind === 'unknown') return { state: 'unknown', detail: `\`${path}\` is only known after apply (${v.expression})` };
        if (v.kind === 'absent') open.push(`\`${path}\` is not set (provider default "Open")`);
        else if (v.value !== 'PrivateOnly') open.push(`\`${path}\` is ${show(v.value)}`);
      }
      return open.length > 0 ? { state: 'open', detail: open.join(' and ') } : { state: 'closed', detail: 'ingestion and query are "PrivateOnly"' };
    }
    case 'container-apps': {
      const v = attribute(resource, 'public_network_access');
      if (v.kind === 'unknown') return { state: 'unknown', detail: `\`public_network_access\` is only known after apply (${v.expression})` };
      if (v.kind === 'known') {
        return v.value === 'Disabled' ? { state: 'closed', detail: '`public_network_access` is "Disabled"' } : { state: 'open', detail: `\`public_network_access\` is ${show(v.value)}` };
      }
      const internal = attribute(resource, 'internal_load_balancer_enabled');
      if (internal.kind === 'unknown') return { state: 'unknown', detail: `\`internal_load_balancer_enabled\` is only known after apply (${internal.expression})` };
      return internal.kind === 'known' && internal.value === true
        ? { state: 'closed', detail: 'the environment is internal' }
        : { state: 'open', detail: '`public_network_access` is not set on an external environment' };
    }
  }
}

/** The private DNS zone ids of an endpoint's zone group(s); `undefined` when the list is an expression. */
export function zoneIdsOf(endpoint: PlanResource): string[] | { unknown: string } {
  const ids: string[] = [];
  for (const group of blocks(endpoint, 'private_dns_zone_group')) {
    const list = group.private_dns_zone_ids;
    if (typeof list === 'string') return { unknown: `\`private_dns_zone_group.private_dns_zone_ids\` is only known after apply (${list})` };
    if (Array.isArray(list)) ids.push(...list.filter((id): id is string => typeof id === 'string'));
  }
  const group = attribute(endpoint, 'private_dns_zone_group');
  if (group.kind === 'unknown') return { unknown: `\`private_dns_zone_group\` is only known after apply (${group.expression})` };
  return ids;
}

/** The sub-resource names of an endpoint's connection; a string explains an unknown list. */
export function subresourcesOf(endpoint: PlanResource): string[] | { unknown: string } {
  const v = attribute(endpoint, 'private_service_connection.subresource_names');
  if (v.kind === 'unknown') return { unknown: `\`private_service_connection.subresource_names\` is only known after apply (${v.expression})` };
  if (v.kind === 'absent') return [];
  const list = Array.isArray(v.value) ? v.value : [v.value];
  const unknownName = list.find((s) => isExpression(s));
  if (unknownName !== undefined) return { unknown: `\`private_service_connection.subresource_names\` contains ${String(unknownName)}` };
  return list.filter((s): s is string => typeof s === 'string');
}

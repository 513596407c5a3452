/**
 * Private Link targets the PE rules know: for each resource type, the sub-resources (group ids) a
 * private endpoint may connect to, the one the platform expects, and the private DNS zones each
 * sub-resource's records must be registered in (docs/policy-catalog.md §10; the zone names are the
 * catalog's, catalog/private-dns-zones.ts). Data only; the registry ignores this file.
 */
import { normalizeRegion } from '../../../catalog/regions';
import { PrivateLink, privateLinkTargets } from '../../../catalog/services';
import { PlanResource } from '../../plan';
import { knownString } from '../../rule';


export type { PublicAccess } from '../../../catalog/services';

/** A Private Link target's sub-resources, zones and public path (catalog/services.ts `privateLink`). */
export type PrivateLinkTarget = PrivateLink;

/** Private Link targets by Terraform type, from the service catalog. */
export const PRIVATE_LINK_TARGETS: Readonly<Record<string, PrivateLinkTarget>> = privateLinkTargets();

export const PRIVATE_LINK_TYPES: readonly string[] = Object.keys(PRIVATE_LINK_TARGETS);

/**
 * The zones an endpoint to `target` on `subresource` must register in: a list, `undefined` when the
 * sub-resource is not valid for the type, or a string explaining why it cannot be told yet.
 */
export function requiredZones(target: PlanResource, subresource: string): readonly string[] | undefined | { unknown: string } {
  const spec = PRIVATE_LINK_TARGETS[target.type];
  if (!spec) return undefined;
  const entry = Object.entries(spec.zones).find(([s]) => s.toLowerCase() === subresource.toLowerCase());
  if (!entry) return undefined;
  let zones = entry[1];
  if (spec.zonesByKind) {
    const kind = knownString(target, 'kind');
    if (kind === undefined) return { unknown: `the \`kind\` of ${target.address} is not known before apply` };
    zones = spec.zonesByKind[kind] ?? spec.zonesByKind.default;
  }
  if (zones.some((z) => z.includes('{location}'))) {
    const location = knownString(target, 'location');
    if (location === undefined) return { unknown: `the \`location\` of ${target.address} is not known before apply` };
    zones = zones.map((z) => z.replace('{location}', normalizeRegion(location)));
  }
  return zones;
}

/** The zone name in a literal private DNS zone resource id (`…/privateDnsZones/<zone>`). */
export function zoneNameFromId(id: string): string | undefined {
  const m = /\/privateDnsZones\/([^/]+)\/?$/i.exec(id);
  return m ? m[1].toLowerCase() : undefined;
}

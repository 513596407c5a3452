import { attribute, isExpression, ResourceGraph, valueOf } from '../../graph';
import { compliant, knownString, nonCompliant, notApplicable, Rule, unknown } from '../../rule';
import { CONNECTION_PATH, resolveTarget, subresourcesOf, zoneIdsOf } from './_helpers';
import { PRIVATE_LINK_TARGETS, requiredZones, zoneNameFromId } from './_zones';

/** Zones for a sub-resource when the target is outside the plan: only if every type agrees. */
function zonesBySubresource(subresource: string): readonly string[] | undefined {
  const found = new Set<string>();
  for (const spec of Object.values(PRIVATE_LINK_TARGETS)) {
    const entry = Object.entries(spec.zones).find(([s]) => s.toLowerCase() === subresource.toLowerCase());
    if (!entry) continue;
    if (spec.zonesByKind || entry[1].some((z) => z.includes('{'))) return undefined;
    found.add(JSON.stringify(entry[1]));
  }
  return found.size === 1 ? JSON.parse([...found][0]) as string[] : undefined;
}

const rule: Rule = {
  id: 'GAI-PE-002',
  title: 'Private endpoint registers in the right private DNS zones',
  severity: 'error',
  rationale: 'Clients resolve a private endpoint only through the privatelink zone of its sub-resource; a missing or wrong zone makes the service name resolve to its public address, so traffic fails or leaves the VNet. AI Services accounts need all three AI zones (cognitiveservices, openai, services.ai).',
  remediation: 'Set `private_dns_zone_group.private_dns_zone_ids` to the zones of the sub-resource (see docs/policy-catalog.md §10 and catalog/private-dns-zones.ts): pass the Network construct\'s `privateDnsZoneResourceIds([...])` to the PrivateEndpoint.',
  references: { azurePolicy: ['c4bc6f10', 'fbc14a67', 'e016b22b', '7473e756', '75973700'], mcsb: ['NS-2'] },
  appliesTo: ['azurerm_private_endpoint'],
  check(endpoint, { graph }) {
    const subresources = subresourcesOf(endpoint);
    if (!Array.isArray(subresources)) return unknown(`${subresources.unknown}; cannot tell which private DNS zones are required`);
    if (subresources.length === 0) return notApplicable;
    const subresource = subresources[0];
    const target = resolveTarget(endpoint, CONNECTION_PATH, graph);
    let required: readonly string[] | undefined | { unknown: string };
    if (target) {
      if (!PRIVATE_LINK_TARGETS[target.type]) return notApplicable;
      required = requiredZones(target, subresource);
      // An invalid sub-resource is GAI-PE-001's finding; no zone can be judged for it.
      if (required === undefined) return notApplicable;
    } else {
      required = zonesBySubresource(subresource);
      if (required === undefined) {
        const connection = attribute(endpoint, CONNECTION_PATH);
        const shown = connection.kind === 'unknown' ? connection.expression : connection.kind === 'known' ? String(connection.value) : 'not set';
        return unknown(`the endpoint's target (${shown}) is not in the plan and sub-resource "${subresource}" does not determine the zones`);
      }
    }
    if (!Array.isArray(required)) return unknown(`${(required as { unknown: string }).unknown}; cannot tell which private DNS zones are required`);

    const ids = zoneIdsOf(endpoint);
    if (!Array.isArray(ids)) return unknown(`${ids.unknown}; expected zones ${required.join(', ')}`);
    if (ids.length === 0) return nonCompliant(`no \`private_dns_zone_group\` (or no zone ids in it); expected zones ${required.join(', ')}`);
    const names = new Set<string>();
    const unresolved: string[] = [];
    for (const id of ids) {
      const name = zoneName(id, graph);
      if (name) names.add(name);
      else unresolved.push(id);
    }
    const missing = required.filter((z) => !names.has(z.toLowerCase()));
    if (missing.length === 0) return compliant;
    if (unresolved.length > 0) return unknown(`zone(s) ${unresolved.join(', ')} are only known after apply; expected ${missing.join(', ')} among the endpoint's zones`);
    return nonCompliant(`\`private_dns_zone_group.private_dns_zone_ids\` has ${[...names].join(', ') || 'no zones'}; missing ${missing.join(', ')} for sub-resource "${subresource}"${target ? ` of ${target.address}` : ''}`);
  },
};

/** The zone name an id denotes: an in-plan zone's known name, or the last segment of a literal id. */
function zoneName(id: string, graph: ResourceGraph): string | undefined {
  if (!isExpression(id)) return zoneNameFromId(id);
  const zone = graph.resolve(valueOf(id));
  if (!zone || zone.type !== 'azurerm_private_dns_zone') return undefined;
  return knownString(zone, 'name')?.toLowerCase();
}

export default rule;

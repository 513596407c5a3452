import { ResourceGraph, attribute, isExpression, refersTo, valueOf } from '../../graph';
import { PlanResource } from '../../plan';
import { compliant, knownString, nonCompliant, Outcome, Rule, unknown } from '../../rule';
import { resolveTarget, zoneIdsOf } from './_helpers';

/** The VNet an endpoint's subnet belongs to: an in-plan network, a literal VNet id, or why it is unknown. */
type Vnet = { readonly resource: PlanResource } | { readonly id: string } | { readonly unknown: string };

function endpointVnet(endpoint: PlanResource, graph: ResourceGraph): Vnet {
  const subnetId = attribute(endpoint, 'subnet_id');
  const subnet = resolveTarget(endpoint, 'subnet_id', graph, 'azurerm_subnet');
  if (subnet) {
    const vnet = resolveTarget(subnet, 'virtual_network_name', graph, 'azurerm_virtual_network');
    if (vnet) return { resource: vnet };
    const name = knownString(subnet, 'virtual_network_name');
    const byName = name === undefined ? undefined : graph.withValue('azurerm_virtual_network', 'name', name)[0];
    return byName ? { resource: byName } : { unknown: `the VNet of ${subnet.address} is not in the plan` };
  }
  if (subnetId.kind === 'known' && typeof subnetId.value === 'string') {
    const m = /^(.*\/virtualNetworks\/[^/]+)\/subnets\/[^/]+$/i.exec(subnetId.value);
    if (m) return { id: m[1] };
  }
  return { unknown: `the endpoint's subnet (${subnetId.kind === 'unknown' ? subnetId.expression : 'not set'}) is not in the plan` };
}

function linksTo(link: PlanResource, vnet: Vnet): boolean | undefined {
  const value = attribute(link, 'virtual_network_id');
  if ('resource' in vnet) return refersTo(value, vnet.resource);
  if ('id' in vnet) return value.kind === 'known' && typeof value.value === 'string' ? value.value.toLowerCase() === vnet.id.toLowerCase() : undefined;
  return undefined;
}

const LINK = 'azurerm_private_dns_zone_virtual_network_link';

/** The key of a literal zone name in a resource group (`resource_group_name` as JSON, undefined when unset). */
const zoneKey = (name: string, group: string | undefined): string => JSON.stringify([name, group]);

/**
 * Links naming a zone literally, by zone name and `resource_group_name` (`zoneKey`). Every environment
 * of a plan links the same privatelink zone names, so this is indexed once per plan.
 */
function linksByZoneName(graph: ResourceGraph): ReadonlyMap<string, readonly PlanResource[]> {
  return graph.groupBy('GAI-PE-003/links-by-zone-name', LINK, (link) => {
    const zoneName = attribute(link, 'private_dns_zone_name');
    if (zoneName.kind !== 'known' || typeof zoneName.value !== 'string') return undefined;
    return zoneKey(zoneName.value, JSON.stringify(link.values.resource_group_name) as string | undefined);
  });
}

/**
 * Links whose literal `private_dns_zone_name` is the zone's name and that may be its links (a superset
 * for `linksOf` to filter): those in the zone's resource group, or all of them when the name is also
 * the zone's id.
 */
function linksNaming(zone: PlanResource, name: string, group: string | undefined, graph: ResourceGraph): readonly PlanResource[] {
  if (refersTo({ kind: 'known', value: name }, zone)) return graph.withValue(LINK, 'private_dns_zone_name', name);
  return linksByZoneName(graph).get(zoneKey(name, group)) ?? [];
}

function linksOf(zone: PlanResource, graph: ResourceGraph): PlanResource[] {
  const name = knownString(zone, 'name');
  const group = JSON.stringify(zone.values.resource_group_name) as string | undefined;
  const candidates = new Set([...graph.referrersOf(zone, LINK), ...(name === undefined ? [] : linksNaming(zone, name, group, graph))]);
  return [...candidates].filter((link) => {
    const zoneName = attribute(link, 'private_dns_zone_name');
    if (refersTo(zoneName, zone)) return true;
    return name !== undefined && zoneName.kind === 'known' && zoneName.value === name && JSON.stringify(link.values.resource_group_name) === group;
  });
}

const rule: Rule = {
  id: 'GAI-PE-003',
  title: 'Private DNS zones of an endpoint are linked to its VNet',
  severity: 'error',
  rationale: 'A private DNS zone answers only VNets linked to it: without a link to the endpoint\'s VNet the service resolves to its public address. Auto-registration must be off, or VM records pollute the privatelink zone. Zones given as hub zone ids (literal ids or data sources) are linked by the hub outside this plan and count as compliant.',
  remediation: 'Add an `azurerm_private_dns_zone_virtual_network_link` per zone with `virtual_network_id` = the workload VNet and `registration_enabled = false` (the Network construct links every zone it creates); hub zones (`hubPrivateDnsZoneResourceIds`) are linked by the connectivity hub.',
  references: {},
  appliesTo: ['azurerm_private_endpoint'],
  check(endpoint, { graph }) {
    const ids = zoneIdsOf(endpoint);
    if (!Array.isArray(ids)) return unknown(ids.unknown);
    if (ids.length === 0) return nonCompliant('the endpoint has no private DNS zones to link; expected a `private_dns_zone_group` (see GAI-PE-002)');
    const vnet = endpointVnet(endpoint, graph);
    return ids.map((id): Outcome => {
      const zone = graph.target(valueOf(id));
      // A literal id of a zone outside the plan, or an existing zone read through a data source, is a
      // hub zone: the hub owns it and links it to this VNet outside the plan.
      if (!zone && (!isExpression(id) || /\$\{data\.azurerm_private_dns_zone\./.test(id))) return compliant;
      if (!zone || zone.type !== 'azurerm_private_dns_zone') return unknown(`zone ${id} is not a private DNS zone in the plan; cannot tell whether it is linked`);
      const label = knownString(zone, 'name') ?? zone.address;
      const links = linksOf(zone, graph);
      if (links.length === 0) return nonCompliant(`zone ${label} has no \`azurerm_private_dns_zone_virtual_network_link\`; expected one to the endpoint's VNet`);
      const matches = links.map((l) => ({ link: l, to: linksTo(l, vnet) }));
      const linked = matches.filter((m) => m.to === true).map((m) => m.link);
      if (linked.length === 0) {
        return matches.some((m) => m.to === undefined)
          ? unknown(`zone ${label}: ${'unknown' in vnet ? vnet.unknown : 'a link\'s `virtual_network_id` is only known after apply'}; cannot tell whether it is linked to the endpoint's VNet`)
          : nonCompliant(`zone ${label} is not linked to the endpoint's VNet (${'resource' in vnet ? vnet.resource.address : 'id' in vnet ? vnet.id : '?'}); expected a link with that \`virtual_network_id\``);
      }
      for (const link of linked) {
        const registration = attribute(link, 'registration_enabled');
        if (registration.kind === 'unknown') return unknown(`${link.address}: \`registration_enabled\` is only known after apply (${registration.expression}); expected false`);
        if (registration.kind === 'known' && registration.value !== false) {
          return nonCompliant(`${link.address}: \`registration_enabled\` is ${JSON.stringify(registration.value)} on privatelink zone ${label}; expected false`);
        }
      }
      return compliant;
    });
  },
};

export default rule;

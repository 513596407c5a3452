import { ResourceGraph, attribute, blocks, valueOf } from '../../graph';
import { PlanResource } from '../../plan';
import { compliant, nonCompliant, notApplicable, Outcome, Rule, unknown } from '../../rule';

const REGISTRY = 'azurerm_container_registry';
const ENDPOINT = 'azurerm_private_endpoint';
const ZONE = 'azurerm_private_dns_zone';
const LINK = 'azurerm_private_dns_zone_virtual_network_link';

/** The registry of the plan a `registry.server` value names: by reference to its login server, or by the literal login server. */
function registryOf(graph: ResourceGraph, server: unknown): PlanResource | undefined {
  const value = valueOf(server);
  const named = graph.target(value, REGISTRY);
  if (named) return named;
  return typeof server === 'string' && !server.includes('${') ? graph.withValue(REGISTRY, 'login_server', server)[0] : undefined;
}

const rule: Rule = {
  id: 'GAI-ACA-015',
  title: 'A container app that pulls from a private registry waits for the registry\'s private endpoint, its DNS records and the zone\'s VNet link',
  severity: 'warning',
  rationale: 'With public network access off, the registry is reachable only through its private endpoint, and only once the endpoint\'s DNS zone group has written the login server\'s and data endpoint\'s records. An app created in the same apply without that ordering pulls before they exist, and its first revision fails to provision (Learn: Azure Container Apps, image pull from a private registry over a private endpoint).',
  remediation: 'Make the app depend on the registry\'s private endpoint and on the VNet link of its DNS zone (`ContainerRegistry.privateEndpoint` and `Network.privateDnsZoneLink(\'containerRegistry\')` in the `dependsOn` of `ContainerApp`).',
  references: {},
  appliesTo: ['azurerm_container_app'],
  check(app, { graph }) {
    const registries = blocks(app, 'registry');
    if (registries.length === 0) return notApplicable;
    const outcomes: Outcome[] = [];
    for (const block of registries) {
      const registry = registryOf(graph, block.server);
      if (!registry) continue;
      const publicAccess = attribute(registry, 'public_network_access_enabled');
      if (publicAccess.kind === 'unknown') {
        outcomes.push(unknown(`whether ${registry.address} is private is only known after apply`));
        continue;
      }
      // azurerm 4.55 default: public network access enabled.
      if (!(publicAccess.kind === 'known' && publicAccess.value === false)) continue;
      const endpoints = graph.referrersAt(registry, ENDPOINT, 'private_service_connection.private_connection_resource_id');
      if (endpoints.length === 0) {
        outcomes.push(nonCompliant(`${registry.address} has public network access off and no private endpoint in the plan: ${app.address} cannot pull from it`));
        continue;
      }
      const awaited = endpoints.find((e) => graph.waitsFor(app).has(e));
      if (!awaited) {
        outcomes.push(nonCompliant(`${app.address} pulls from private ${registry.address} but does not depend on its private endpoint (${endpoints.map((e) => e.address).join(', ')}): the first pull can run before the endpoint's DNS records exist`));
        continue;
      }
      // The records resolve in the VNet only once their zone is linked to it: a link in this plan is waited for too.
      const zones = graph.targetsOf(attribute(awaited, 'private_dns_zone_group.private_dns_zone_ids'), ZONE);
      const links = zones.flatMap((zone) => graph.referrersAt(zone, LINK, 'private_dns_zone_name'));
      if (links.length > 0 && !links.some((l) => graph.waitsFor(app).has(l))) {
        outcomes.push(nonCompliant(`${app.address} waits for ${awaited.address} but not for the VNet link of its DNS zone (${links.map((l) => l.address).join(', ')}): the first pull can run before the VNet resolves the registry's private name`));
      }
    }
    return outcomes.length > 0 ? outcomes : compliant;
  },
};

export default rule;

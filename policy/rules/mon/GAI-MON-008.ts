import { PlanResource } from '../../plan';
import { compliant, nonCompliant, notApplicable, Rule } from '../../rule';
import { MONITOR_ONLY_PRIVATE_DNS_ZONES, PRIVATE_DNS_ZONES } from '../../../catalog/private-dns-zones';

const LINK = 'azurerm_private_dns_zone_virtual_network_link';
const MONITOR_ZONE_NAMES: readonly string[] = MONITOR_ONLY_PRIVATE_DNS_ZONES.map((key) => PRIVATE_DNS_ZONES[key]);

const rule: Rule = {
  id: 'GAI-MON-008',
  title: 'The Azure Monitor privatelink zones are created and linked only together with an Azure Monitor Private Link Scope',
  severity: 'error',
  rationale: 'Azure Monitor\'s endpoints are CNAMEs into privatelink.monitor.azure.com, privatelink.oms/ods.opinsights.azure.com and privatelink.agentsvc.azure-automation.net. A VNet linked to those zones resolves Monitor through them; without an Azure Monitor Private Link Scope (AMPLS) endpoint writing its records there, the names resolve to nothing and ingestion, queries and agents in the VNet stop working (Learn: "Design your Private Link setup", Plan by network topology: a Monitor private link affects all Azure Monitor traffic of every network sharing the DNS).',
  remediation: 'Create the Monitor zones only with the scope: Network `azureMonitorPrivateDnsZonesEnabled` from `monitoring.privateLinkScopeEnabled` (stacks/platform-stack.ts), or add the scope (`Monitoring.addPrivateLinkScope`).',
  references: {},
  appliesTo: ['azurerm_private_dns_zone'],
  check(zone, { graph }) {
    const name = zone.values.name;
    if (typeof name !== 'string' || !MONITOR_ZONE_NAMES.includes(name.toLowerCase())) return notApplicable;
    if (graph.ofType('azurerm_monitor_private_link_scope').length > 0) return compliant;
    const links: PlanResource[] = graph.inPlanOrder([
      ...graph.referrersAt(zone, LINK, 'private_dns_zone_name'),
      ...graph.withValue(LINK, 'private_dns_zone_name', name),
    ]);
    if (links.length === 0) return compliant;
    return nonCompliant(`${name} is linked to a VNet (${links.map((l) => l.address).join(', ')}) but the plan has no azurerm_monitor_private_link_scope: the VNet resolves Azure Monitor endpoints to nothing`);
  },
};

export default rule;

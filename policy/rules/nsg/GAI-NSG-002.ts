import { PlanResource } from '../../plan';
import { ResourceGraph, attribute } from '../../graph';
import { Outcome, Rule, unknown } from '../../rule';
import { Tri } from '../cog/_helpers';
import {
  and, anyItem, destinationPorts, isAllow, isInbound, isInternetPrefix, judgeSecurityRules, nsgOfRule, portsOtherThan, sources, subnetsOfNsg,
} from '../net/_helpers';

/** Whether the NSG protects an edge subnet: one that hosts an Application Gateway or an external API Management. */
function isEdgeNsg(graph: ResourceGraph, nsg: PlanResource): Tri {
  let unsure = false;
  for (const subnet of subnetsOfNsg(graph, nsg)) {
    const on = (type: string, path: string) => graph.referrersAt(subnet, type, path);
    if (on('azurerm_application_gateway', 'gateway_ip_configuration.subnet_id').length > 0) return true;
    for (const apim of on('azurerm_api_management', 'virtual_network_configuration.subnet_id')) {
      const type = attribute(apim, 'virtual_network_type');
      if (type.kind === 'known' && type.value === 'External') return true;
      if (type.kind === 'unknown') unsure = true;
    }
  }
  return unsure ? 'unknown' : false;
}

const rule: Rule = {
  id: 'GAI-NSG-002',
  title: 'Internet inbound only on 443 and only to an edge subnet',
  severity: 'error',
  rationale: 'Every platform service is private; the only acceptable Internet ingress is HTTPS (443) to an edge subnet (Application Gateway or external API Management). Any other port (80 included) or any other subnet widens the attack surface.',
  remediation: 'Remove Inbound Allow rules from `*`/`Internet`/`Any`/`0.0.0.0/0` except port 443 on the NSG of an edge subnet; keep the explicit DenyInternetInbound rule of the Network construct.',
  references: { checkov: ['CKV_AZURE_160'], psrule: ['Azure.NSG.AnyInboundSource'], mcsb: ['NS-1'] },
  appliesTo: ['azurerm_network_security_rule', 'azurerm_network_security_group'],
  check(resource, { graph }) {
    const nsg = resource.type === 'azurerm_network_security_group' ? resource : nsgOfRule(graph, resource);
    const edge: Tri = nsg ? isEdgeNsg(graph, nsg) : 'unknown';
    const outcomes: Outcome[] = judgeSecurityRules(resource, (r) => {
      const fromInternet = and(isInbound(r), isAllow(r), anyItem(sources(r), isInternetPrefix));
      if (fromInternet === false) return false;
      const ports = destinationPorts(r);
      const other = portsOtherThan(ports.items, [443]);
      if (other.length > 0) return fromInternet;
      // Only 443 is open: acceptable on an edge subnet.
      if (ports.unknown) return 'unknown';
      return and(fromInternet, edge === true ? false : edge === 'unknown' ? 'unknown' : true);
    }, 'Internet inbound only to port 443 on an edge subnet (Application Gateway / external API Management)');
    if (!nsg && outcomes.some((o) => o.status === 'unknown')) {
      return [...outcomes.filter((o) => o.status !== 'unknown'), unknown('the rule\'s NSG is not in the plan, so it cannot be shown to protect an edge subnet')];
    }
    return outcomes;
  },
};

export default rule;

import { Rule } from '../../rule';
import { and, anyItem, destinationPorts, destinations, isAllow, isInternetPrefix, isOutbound, judgeSecurityRules, portSpecIsAll } from '../net/_helpers';

const rule: Rule = {
  id: 'GAI-NSG-004',
  title: 'No outbound allow to the whole Internet on all ports',
  severity: 'warning',
  rationale: 'An Outbound Allow to `*`/`Internet` on every port lets a compromised workload exfiltrate data or reach command-and-control anywhere; egress should name service tags and ports, or go through the firewall.',
  remediation: 'Replace it with Outbound Allow rules to service tags (Storage, AzureKeyVault, AzureMonitor ...) on the needed ports, and route Internet egress through the NAT gateway or hub firewall.',
  references: {},
  appliesTo: ['azurerm_network_security_rule', 'azurerm_network_security_group'],
  check: (resource) => judgeSecurityRules(resource, (r) => and(
    isOutbound(r), isAllow(r), anyItem(destinations(r), isInternetPrefix), anyItem(destinationPorts(r), portSpecIsAll),
  ), 'no Outbound Allow to the Internet on all ports'),
};

export default rule;

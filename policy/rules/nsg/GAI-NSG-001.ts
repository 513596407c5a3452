import { Rule } from '../../rule';
import { and, anyItem, destinationPorts, fieldIs, isAllow, isInbound, isInternetPrefix, judgeSecurityRules, not, portSpecCovers, sources } from '../net/_helpers';

const MANAGEMENT_PORTS = [22, 3389];

const rule: Rule = {
  id: 'GAI-NSG-001',
  title: 'No SSH or RDP from the Internet',
  severity: 'error',
  rationale: 'SSH (22) and RDP (3389) open to the Internet are scanned and brute-forced within minutes; administrative access goes through Bastion or a private path.',
  remediation: 'Remove Inbound Allow rules whose source is `*`, `Internet`, `Any` or `0.0.0.0/0` and whose destination ports include 22 or 3389 (including ranges and `*`); use Azure Bastion or just-in-time access.',
  references: { checkov: ['CKV_AZURE_10', 'CKV_AZURE_9'], psrule: ['Azure.NSG.AnyInboundSource'], mcsb: ['NS-1'] },
  appliesTo: ['azurerm_network_security_rule', 'azurerm_network_security_group'],
  check: (resource) => judgeSecurityRules(resource, (r) => and(
    isInbound(r), isAllow(r),
    // ICMP/AH/ESP carry no ports; every other protocol (Tcp, Udp, *) reaches the services.
    not(fieldIs(r, 'protocol', ['Icmp', 'Ah', 'Esp'])),
    anyItem(sources(r), isInternetPrefix),
    anyItem(destinationPorts(r), (p) => MANAGEMENT_PORTS.some((port) => portSpecCovers(p, port))),
  ), 'no Inbound Allow from the Internet to ports 22 or 3389'),
};

export default rule;

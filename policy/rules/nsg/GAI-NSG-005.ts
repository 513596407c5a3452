import { Rule } from '../../rule';
import {
  SecurityRuleView, and, anyItem, destinationPorts, isAllow, isInbound, judgeSecurityRules, or, portSpecCovers, portSpecIsAll, sources,
} from '../net/_helpers';

/** Management and lateral-movement ports: SSH, Telnet, RPC, SMB, RDP, WinRM. */
const SENSITIVE_PORTS = [22, 23, 135, 445, 3389, 5985, 5986];
/** Sources that mean "any host of the network" (or anywhere). */
const NETWORK_WIDE = ['*', 'any', 'virtualnetwork', '0.0.0.0/0', 'internet'];

const isNetworkWide = (prefix: string) => NETWORK_WIDE.includes(prefix.trim().toLowerCase());

/** Allow from anywhere to every port, or from the whole network to a sensitive port. */
function violates(r: SecurityRuleView) {
  const from = sources(r);
  const ports = destinationPorts(r);
  return and(isAllow(r), or(
    and(anyItem(from, (p) => ['*', 'any', '0.0.0.0/0'].includes(p.trim().toLowerCase())), anyItem(ports, portSpecIsAll)),
    and(isInbound(r), anyItem(from, isNetworkWide), anyItem(ports, (p) => SENSITIVE_PORTS.some((port) => portSpecCovers(p, port)))),
  ));
}

const rule: Rule = {
  id: 'GAI-NSG-005',
  title: 'No any-to-any allow, no network-wide access to management ports',
  severity: 'warning',
  rationale: 'An allow from `*` on every port disables the NSG, and management ports (SSH, RDP, WinRM, SMB, RPC) open to the whole VirtualNetwork let an attacker move laterally from any compromised workload.',
  remediation: `Name specific sources and ports; reach management ports (${SENSITIVE_PORTS.join(', ')}) only from a Bastion or jump subnet, not from \`*\` or VirtualNetwork.`,
  references: {},
  appliesTo: ['azurerm_network_security_rule', 'azurerm_network_security_group'],
  check: (resource) => judgeSecurityRules(resource, violates, `no Allow from * to all ports and no Inbound Allow from * / VirtualNetwork to ports ${SENSITIVE_PORTS.join(', ')}`),
};

export default rule;

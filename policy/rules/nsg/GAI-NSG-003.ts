import { Rule } from '../../rule';
import { and, anyItem, fieldIs, isAllow, isInbound, isInternetPrefix, judgeSecurityRules, sources } from '../net/_helpers';

const rule: Rule = {
  id: 'GAI-NSG-003',
  title: 'No UDP from the Internet',
  severity: 'error',
  rationale: 'UDP services exposed to the Internet (DNS, NTP, SNMP, RDP-UDP ...) are used for amplification attacks and discovery; the platform serves nothing over UDP to the Internet.',
  remediation: 'Remove Inbound Allow rules with `protocol` "Udp" or "*" whose source is `*`, `Internet`, `Any` or `0.0.0.0/0`.',
  references: { checkov: ['CKV_AZURE_77'] },
  appliesTo: ['azurerm_network_security_rule', 'azurerm_network_security_group'],
  check: (resource) => judgeSecurityRules(resource, (r) => and(
    isInbound(r), isAllow(r), fieldIs(r, 'protocol', ['Udp', '*']), anyItem(sources(r), isInternetPrefix),
  ), 'no Inbound Allow UDP (or any protocol) from the Internet'),
};

export default rule;

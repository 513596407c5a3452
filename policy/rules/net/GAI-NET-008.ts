import { knownString, compliant, nonCompliant, Rule } from '../../rule';

const rule: Rule = {
  id: 'GAI-NET-008',
  title: 'Every network security group is associated with a subnet or NIC',
  severity: 'note',
  rationale: 'An NSG attached to nothing filters nothing: its rules suggest protection that is not in force. Usually the association was forgotten or points at another NSG.',
  remediation: 'Associate the NSG with `azurerm_subnet_network_security_group_association` (or `azurerm_network_interface_security_group_association`), or remove it. The Network construct associates one NSG per subnet.',
  references: { psrule: ['Azure.NSG.Associated'] },
  appliesTo: ['azurerm_network_security_group'],
  check(nsg, { graph }) {
    const subnets = graph.referrersAt(nsg, 'azurerm_subnet_network_security_group_association', 'network_security_group_id');
    const nics = graph.referrersAt(nsg, 'azurerm_network_interface_security_group_association', 'network_security_group_id');
    return subnets.length + nics.length > 0
      ? compliant
      : nonCompliant(`NSG ${knownString(nsg, 'name') ?? nsg.address} is associated with no subnet or network interface; expected an \`azurerm_subnet_network_security_group_association\` or \`azurerm_network_interface_security_group_association\` whose \`network_security_group_id\` refers to it`);
  },
};

export default rule;

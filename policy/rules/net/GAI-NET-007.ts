import { compliant, nonCompliant, notApplicable, Rule } from '../../rule';

/** Subnets Azure manages or forbids NSGs on. */
const EXEMPT = ['GatewaySubnet', 'AzureFirewallSubnet', 'AzureFirewallManagementSubnet', 'RouteServerSubnet'];

const rule: Rule = {
  id: 'GAI-NET-007',
  title: 'Every subnet has a network security group',
  severity: 'error',
  rationale: 'A subnet without an NSG admits any traffic the routes allow; private endpoints, APIM and Container Apps each rely on their subnet NSG to deny Internet inbound.',
  remediation: 'Associate an NSG with `azurerm_subnet_network_security_group_association` (the Network construct gives every subnet one).',
  references: { checkov: ['CKV2_AZURE_31'], psrule: ['Azure.VNET.UseNSGs'], azurePolicy: ['e71308d3'], mcsb: ['NS-1'] },
  appliesTo: ['azurerm_subnet'],
  check(subnet, { graph }) {
    if (EXEMPT.includes(String(subnet.values.name))) return notApplicable;
    const associations = graph.referrersAt(subnet, 'azurerm_subnet_network_security_group_association', 'subnet_id');
    return associations.length > 0 ? compliant : nonCompliant(`subnet ${String(subnet.values.name)} has no NSG association`);
  },
};

export default rule;

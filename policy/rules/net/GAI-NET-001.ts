import { Rule, expectAttribute, notApplicable } from '../../rule';
import { PLATFORM_SUBNETS } from './_helpers';

const rule: Rule = {
  id: 'GAI-NET-001',
  title: 'Subnet has no default outbound Internet access',
  severity: 'warning',
  rationale: 'Default outbound access gives workloads an implicit, shared, unlogged public IP for egress; egress should leave through a NAT gateway or the hub firewall, where it is owned and observable.',
  remediation: 'Set `default_outbound_access_enabled = false` (the provider default is true); the Network construct does this for every subnet and adds a NAT gateway or expects hub routes.',
  references: { psrule: ['Azure.VNET.PrivateSubnet'], azurePolicy: ['7bca8353'] },
  appliesTo: ['azurerm_subnet'],
  check(subnet) {
    if (PLATFORM_SUBNETS.includes(String(subnet.values.name))) return notApplicable;
    return expectAttribute(subnet, 'default_outbound_access_enabled', { expected: false, providerDefault: true });
  },
};

export default rule;

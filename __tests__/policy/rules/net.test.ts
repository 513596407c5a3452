import net007 from '../../../policy/rules/net/GAI-NET-007';
import net001 from '../../../policy/rules/net/GAI-NET-001';
import net002 from '../../../policy/rules/net/GAI-NET-002';
import net003 from '../../../policy/rules/net/GAI-NET-003';
import net004 from '../../../policy/rules/net/GAI-NET-004';
import net005 from '../../../policy/rules/net/GAI-NET-005';
import net006 from '../../../policy/rules/net/GAI-NET-006';
import { portSpecCovers, portSpecIsAll, portsOtherThan, tooBroadRanges } from '../../../policy/rules/net/_helpers';
import { FixtureResource, messagesOf, statusOf, Values } from '../harness';

describe('GAI-NET-007 subnet has an NSG', () => {
  const subnet = (name: string) => ({ type: 'azurerm_subnet', name: 's', values: { name } });
  test('compliant with an association referencing the subnet', () => {
    expect(statusOf(net007, [subnet('snet-pe'), {
      type: 'azurerm_subnet_network_security_group_association',
      values: { subnet_id: '${azurerm_subnet.s.id}', network_security_group_id: '${azurerm_network_security_group.n.id}' },
    }])).toBe('compliant');
  });
  test('non-compliant without one', () => {
    expect(statusOf(net007, [subnet('snet-pe')])).toBe('non-compliant');
  });
  test('an association of another subnet does not count', () => {
    expect(statusOf(net007, [subnet('snet-pe'), {
      type: 'azurerm_subnet_network_security_group_association',
      values: { subnet_id: '${azurerm_subnet.other.id}', network_security_group_id: 'x' },
    }])).toBe('non-compliant');
  });
  test('not applicable to GatewaySubnet', () => {
    expect(statusOf(net007, [subnet('GatewaySubnet')])).toBe('not-applicable');
  });
});


/** A subnet `s` (address azurerm_subnet.s) plus other resources. */
const subnetWith = (values: Values, ...others: FixtureResource[]): FixtureResource[] => [
  { type: 'azurerm_subnet', name: 's', values: { name: 'snet-genai-dev-sdc-apps', address_prefixes: ['10.40.2.0/23'], virtual_network_name: '${azurerm_virtual_network.vnet.name}', ...values } },
  ...others,
];

describe('network helpers', () => {
  test.each([
    ['*', 22, true], ['22', 22, true], ['20-25', 22, true], ['3380-3390', 3389, true], ['23-3388', 22, false], ['443', 22, false], [' 22 ', 22, true],
  ])('port spec %s covers %d: %s', (spec, port, expected) => {
    expect(portSpecCovers(spec, port)).toBe(expected);
  });
  test('all-port specs', () => {
    expect(['*', '0-65535', '1-65535'].map(portSpecIsAll)).toEqual([true, true, true]);
    expect(['443', '1-1024'].map(portSpecIsAll)).toEqual([false, false]);
  });
  test('ports other than allowed', () => {
    expect(portsOtherThan(['443', '443-443', '80', '*', '400-500'], [443])).toEqual(['80', '*', '400-500']);
  });
  test('too broad firewall ranges', () => {
    expect(tooBroadRanges(['0.0.0.0/0', '203.0.113.7', '198.51.100.0/24', '20.0.0.0/16', '*', 'not-an-ip'])).toEqual(['0.0.0.0/0', '20.0.0.0/16', '*']);
  });
});

describe('GAI-NET-001 no default outbound access', () => {
  test.each([
    ['disabled', { default_outbound_access_enabled: false }, 'compliant'],
    ['enabled', { default_outbound_access_enabled: true }, 'non-compliant'],
    ['missing (provider default true)', {}, 'non-compliant'],
    ['from a variable', { default_outbound_access_enabled: '${var.outbound}' }, 'unknown'],
    ['not applicable to AzureFirewallSubnet', { name: 'AzureFirewallSubnet' }, 'not-applicable'],
  ])('%s', (_case, values, expected) => {
    expect(statusOf(net001, subnetWith(values))).toBe(expected);
  });
});

describe('GAI-NET-002 private-endpoint subnet enforces network policies', () => {
  const endpoint: FixtureResource = { type: 'azurerm_private_endpoint', name: 'pe', values: { name: 'pe-kv', subnet_id: '${azurerm_subnet.s.id}' } };
  test.each([
    ['PE subnet by name, Enabled', subnetWith({ name: 'snet-genai-dev-sdc-pe', private_endpoint_network_policies: 'Enabled' }), 'compliant'],
    ['PE subnet by name, NetworkSecurityGroupEnabled', subnetWith({ name: 'private-endpoints', private_endpoint_network_policies: 'NetworkSecurityGroupEnabled' }), 'compliant'],
    ['PE subnet by name, missing (provider default Disabled)', subnetWith({ name: 'snet-genai-dev-sdc-pe' }), 'non-compliant'],
    ['PE subnet by name, RouteTableEnabled only', subnetWith({ name: 'snet-pe', private_endpoint_network_policies: 'RouteTableEnabled' }), 'non-compliant'],
    ['subnet a private endpoint is placed in, Disabled', subnetWith({ name: 'snet-data', private_endpoint_network_policies: 'Disabled' }, endpoint), 'non-compliant'],
    ['subnet a private endpoint is placed in, Enabled', subnetWith({ name: 'snet-data', private_endpoint_network_policies: 'Enabled' }, endpoint), 'compliant'],
    ['PE subnet, policies from a variable', subnetWith({ name: 'snet-pe', private_endpoint_network_policies: '${var.policies}' }), 'unknown'],
    ['name from a variable and no endpoint', subnetWith({ name: '${var.name}' }), 'unknown'],
    ['other subnet ("-peering" is not "-pe")', subnetWith({ name: 'snet-peering' }), 'not-applicable'],
    ['apps subnet', subnetWith({}), 'not-applicable'],
  ])('%s', (_case, resources, expected) => {
    expect(statusOf(net002, resources)).toBe(expected);
  });
});

describe('GAI-NET-003 Container Apps subnet delegated and large enough', () => {
  const delegation = [{ name: 'container-apps', service_delegation: { name: 'Microsoft.App/environments', actions: ['Microsoft.Network/virtualNetworks/subnets/join/action'] } }];
  const environment = (values: Values): FixtureResource => ({
    type: 'azurerm_container_app_environment', name: 'env', values: { name: 'cae', infrastructure_subnet_id: '${azurerm_subnet.s.id}', ...values },
  });
  test.each([
    ['delegated /23', subnetWith({ delegation }), 'compliant'],
    ['delegated /27', subnetWith({ delegation, address_prefixes: ['10.40.2.0/27'] }), 'compliant'],
    ['delegated /28', subnetWith({ delegation, address_prefixes: ['10.40.2.0/28'] }), 'non-compliant'],
    ['workload-profiles environment on an undelegated subnet', subnetWith({}, environment({ workload_profile: [{ name: 'Consumption', workload_profile_type: 'Consumption' }] })), 'non-compliant'],
    ['consumption-only environment on an undelegated /23', subnetWith({}, environment({})), 'compliant'],
    ['consumption-only environment on an undelegated /24', subnetWith({ address_prefixes: ['10.40.2.0/24'] }, environment({})), 'non-compliant'],
    ['delegated, prefixes from a variable', subnetWith({ delegation, address_prefixes: '${var.prefixes}' }), 'unknown'],
    ['delegation from a variable', subnetWith({ delegation: '${var.delegation}' }), 'unknown'],
    ['subnet not used by Container Apps', subnetWith({ name: 'snet-pe' }), 'not-applicable'],
    ['subnet delegated to another service', subnetWith({ delegation: [{ name: 'd', service_delegation: { name: 'Microsoft.Web/serverFarms' } }] }), 'not-applicable'],
  ])('%s', (_case, resources, expected) => {
    expect(statusOf(net003, resources)).toBe(expected);
  });
});

describe('GAI-NET-004 APIM subnet NSG admits the control plane', () => {
  const nsg = (values: Values = {}): FixtureResource => ({ type: 'azurerm_network_security_group', name: 'nsg', values: { name: 'nsg-apim', resource_group_name: 'rg', ...values } });
  const association: FixtureResource = { type: 'azurerm_subnet_network_security_group_association', name: 'assoc', values: { subnet_id: '${azurerm_subnet.apim.id}', network_security_group_id: '${azurerm_network_security_group.nsg.id}' } };
  const subnet: FixtureResource = { type: 'azurerm_subnet', name: 'apim', values: { name: 'snet-apim' } };
  const apim: FixtureResource = { type: 'azurerm_api_management', name: 'apim', values: { name: 'apim', virtual_network_type: 'Internal', virtual_network_configuration: [{ subnet_id: '${azurerm_subnet.apim.id}' }] } };
  const rule = (name: string, source: string, port: string, values: Values = {}): FixtureResource => ({
    type: 'azurerm_network_security_rule', name,
    values: {
      name, priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source_port_range: '*', source_address_prefix: source,
      destination_address_prefix: 'VirtualNetwork', destination_port_range: port, network_security_group_name: '${azurerm_network_security_group.nsg.name}', resource_group_name: 'rg', ...values,
    },
  });
  const management = rule('mgmt', 'ApiManagement', '3443');
  const probe = rule('probe', 'AzureLoadBalancer', '6390');
  const inlineRule = (source: string, port: string) => ({ name: source, priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source_port_range: '*', source_address_prefix: source, destination_address_prefix: 'VirtualNetwork', destination_port_range: port });
  test.each([
    ['both standalone rules', [nsg(), association, subnet, apim, management, probe], 'compliant'],
    ['both inline rules', [nsg({ security_rule: [inlineRule('ApiManagement', '3443'), inlineRule('AzureLoadBalancer', '6390')] }), association, subnet, apim], 'compliant'],
    ['regional service tag and a port range', [nsg(), association, subnet, apim, rule('mgmt', 'ApiManagement.SwedenCentral', '3443-3444'), probe], 'compliant'],
    ['management rule missing', [nsg(), association, subnet, apim, probe], 'non-compliant'],
    ['no rules at all', [nsg(), association, subnet, apim], 'non-compliant'],
    ['management rule denies', [nsg(), association, subnet, apim, rule('mgmt', 'ApiManagement', '3443', { access: 'Deny' }), probe], 'non-compliant'],
    ['management rule on UDP', [nsg(), association, subnet, apim, rule('mgmt', 'ApiManagement', '3443', { protocol: 'Udp' }), probe], 'non-compliant'],
    ['management source from a variable', [nsg(), association, subnet, apim, rule('mgmt', '${var.src}', '3443'), probe], 'unknown'],
    ['NSG of a subnet without APIM', [nsg(), association, subnet], 'not-applicable'],
    ['NSG not associated', [nsg(), subnet, apim], 'not-applicable'],
  ])('%s', (_case, resources, expected) => {
    expect(statusOf(net004, resources as FixtureResource[])).toBe(expected);
  });
  test('names the missing flow and the APIM instance', () => {
    expect(messagesOf(net004, [nsg(), association, subnet, apim, management])).toEqual([
      expect.stringMatching(/no rule admits AzureLoadBalancer to port 6390; .*azurerm_api_management\.apim/),
    ]);
  });
});

describe('GAI-NET-005 VNet DNS servers', () => {
  const vnet = (values: Values): FixtureResource[] => [{ type: 'azurerm_virtual_network', name: 'vnet', values: { name: 'vnet', address_space: ['10.40.0.0/22'], ...values } }];
  test.each([
    ['Azure-provided DNS', {}, 'compliant'],
    ['empty list', { dns_servers: [] }, 'compliant'],
    ['two resolvers in the VNet', { dns_servers: ['10.40.0.4', '10.40.0.5'] }, 'compliant'],
    ['two resolvers in a peered hub', { dns_servers: ['10.0.0.4', '10.0.0.5'] }, 'compliant'],
    ['a single server', { dns_servers: ['10.40.0.4'] }, 'non-compliant'],
    ['public resolvers', { dns_servers: ['8.8.8.8', '1.1.1.1'] }, 'non-compliant'],
    ['from a variable', { dns_servers: '${var.dns}' }, 'unknown'],
  ])('%s', (_case, values, expected) => {
    expect(statusOf(net005, vnet(values))).toBe(expected);
  });
});

describe('GAI-NET-006 DDoS protection for VNets with public ingress', () => {
  const vnet = (values: Values = {}): FixtureResource => ({ type: 'azurerm_virtual_network', name: 'vnet', values: { name: 'vnet-genai', address_space: ['10.40.0.0/22'], ...values } });
  const subnet: FixtureResource = { type: 'azurerm_subnet', name: 'edge', values: { name: 'snet-edge', virtual_network_name: '${azurerm_virtual_network.vnet.name}' } };
  const apim = (type: string): FixtureResource => ({ type: 'azurerm_api_management', name: 'apim', values: { name: 'apim', virtual_network_type: type, virtual_network_configuration: { subnet_id: '${azurerm_subnet.edge.id}' } } });
  const environment = (internal: unknown): FixtureResource => ({ type: 'azurerm_container_app_environment', name: 'env', values: { name: 'cae', infrastructure_subnet_id: '${azurerm_subnet.edge.id}', internal_load_balancer_enabled: internal } });
  const ddos = { ddos_protection_plan: { id: '${azurerm_network_ddos_protection_plan.hub.id}', enable: true } };
  const plan: FixtureResource = { type: 'azurerm_network_ddos_protection_plan', name: 'hub', values: { name: 'ddos' } };
  test.each([
    ['external APIM with a plan', [vnet(ddos), subnet, apim('External'), plan], 'compliant'],
    ['external APIM without a plan', [vnet(), subnet, apim('External')], 'non-compliant'],
    ['plan attached but disabled', [vnet({ ddos_protection_plan: { ...ddos.ddos_protection_plan, enable: false } }), subnet, apim('External'), plan], 'non-compliant'],
    ['external Container Apps environment without a plan', [vnet(), subnet, environment(false)], 'non-compliant'],
    ['subnet by literal VNet name', [vnet(), { ...subnet, values: { name: 'snet-edge', virtual_network_name: 'vnet-genai' } }, apim('External')], 'non-compliant'],
    ['plan id from a variable', [vnet({ ddos_protection_plan: { id: '${var.ddos}', enable: true } }), subnet, apim('External')], 'unknown'],
    ['APIM type from a variable', [vnet(), subnet, apim('${var.type}')], 'unknown'],
    ['internal APIM only', [vnet(), subnet, apim('Internal')], 'not-applicable'],
    ['internal Container Apps environment', [vnet(), subnet, environment(true)], 'not-applicable'],
    ['no ingress at all', [vnet(), subnet], 'not-applicable'],
  ])('%s', (_case, resources, expected) => {
    expect(statusOf(net006, resources as FixtureResource[])).toBe(expected);
  });
});

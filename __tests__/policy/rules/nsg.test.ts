import nsg001 from '../../../policy/rules/nsg/GAI-NSG-001';
import nsg002 from '../../../policy/rules/nsg/GAI-NSG-002';
import nsg003 from '../../../policy/rules/nsg/GAI-NSG-003';
import nsg004 from '../../../policy/rules/nsg/GAI-NSG-004';
import nsg005 from '../../../policy/rules/nsg/GAI-NSG-005';
import nsg006 from '../../../policy/rules/nsg/GAI-NSG-006';
import { parsePlan } from '../../../policy/plan';
import { ResourceGraph } from '../../../policy/graph';
import { check, FixtureResource, messagesOf, statusOf, Values } from '../harness';


/** A security rule's fields: Inbound Allow Tcp from VirtualNetwork to 443, overridden by `values`. */
const fields = (values: Values): Values => ({
  name: 'r', priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp',
  source_port_range: '*', source_address_prefix: 'VirtualNetwork', destination_address_prefix: '*', destination_port_range: '443', ...values,
});

const NSG = 'azurerm_network_security_group';

/** A standalone rule `rule` of NSG `nsg`. */
const standalone = (values: Values, ...others: FixtureResource[]): FixtureResource[] => [
  { type: 'azurerm_network_security_rule', name: 'rule', values: { ...fields(values), network_security_group_name: `\${${NSG}.nsg.name}`, resource_group_name: 'rg' } },
  { type: NSG, name: 'nsg', values: { name: 'nsg-apps', resource_group_name: 'rg', location: 'swedencentral' } },
  ...others,
];

/** An NSG `nsg` with one inline `security_rule`. */
const inline = (values: Values, ...others: FixtureResource[]): FixtureResource[] => [
  { type: NSG, name: 'nsg', values: { name: 'nsg-apps', resource_group_name: 'rg', location: 'swedencentral', security_rule: [fields(values)] } },
  ...others,
];

const onBoth = (rule: Parameters<typeof statusOf>[0], values: Values) => [statusOf(rule, standalone(values)), statusOf(rule, inline(values), { address: `${NSG}.nsg` })];

describe('GAI-NSG-001 no SSH/RDP from the Internet', () => {
  test.each([
    ['HTTPS from the VNet', {}, 'compliant'],
    ['SSH from a private range', { source_address_prefix: '10.0.0.0/8', destination_port_range: '22' }, 'compliant'],
    ['SSH from the Internet, denied', { source_address_prefix: 'Internet', destination_port_range: '22', access: 'Deny' }, 'compliant'],
    ['SSH from the Internet, outbound', { source_address_prefix: '*', destination_port_range: '22', direction: 'Outbound' }, 'compliant'],
    ['ICMP from anywhere', { source_address_prefix: '*', destination_port_range: '*', protocol: 'Icmp' }, 'compliant'],
    ['a range that stops short of 22', { source_address_prefix: '*', destination_port_range: '23-3388' }, 'compliant'],
    ['SSH from *', { source_address_prefix: '*', destination_port_range: '22' }, 'non-compliant'],
    ['RDP from Internet', { source_address_prefix: 'Internet', destination_port_range: '3389' }, 'non-compliant'],
    ['RDP from Any', { source_address_prefix: 'Any', destination_port_range: '3389' }, 'non-compliant'],
    ['SSH from 0.0.0.0/0 over any protocol', { source_address_prefix: '0.0.0.0/0', destination_port_range: '22', protocol: '*' }, 'non-compliant'],
    ['a range covering 22', { source_address_prefix: '*', destination_port_range: '20-25' }, 'non-compliant'],
    ['a range covering 3389', { source_address_prefix: '*', destination_port_range: '3380-3390' }, 'non-compliant'],
    ['all ports', { source_address_prefix: 'Internet', destination_port_range: '*' }, 'non-compliant'],
    ['port lists', { source_address_prefix: 'Internet', destination_port_range: undefined, destination_port_ranges: ['443', '3389'] }, 'non-compliant'],
    ['source lists', { source_address_prefix: undefined, source_address_prefixes: ['10.0.0.0/8', '0.0.0.0/0'], destination_port_range: '22' }, 'non-compliant'],
    ['source from a variable', { source_address_prefix: '${var.source}', destination_port_range: '22' }, 'unknown'],
    ['ports from a variable', { source_address_prefix: '*', destination_port_range: '${var.port}' }, 'unknown'],
  ])('%s (standalone rule and inline block)', (_case, values, expected) => {
    expect(onBoth(nsg001, values)).toEqual([expected, expected]);
  });
  test('an NSG without inline rules is judged through its rule resources', () => {
    expect(statusOf(nsg001, standalone({}), { address: `${NSG}.nsg` })).toBe('not-applicable');
  });
  test('inline rules from a variable are unknown', () => {
    expect(statusOf(nsg001, [{ type: NSG, name: 'nsg', values: { name: 'n', security_rule: '${var.rules}' } }])).toBe('unknown');
  });
  test('one finding per offending inline rule, named', () => {
    const nsg: FixtureResource = {
      type: NSG, name: 'nsg', values: {
        name: 'n', security_rule: [
          fields({ name: 'ssh', source_address_prefix: '*', destination_port_range: '22' }),
          fields({ name: 'https' }),
          fields({ name: 'rdp', source_address_prefix: 'Internet', destination_port_range: '3389' }),
        ],
      },
    };
    const messages = messagesOf(nsg001, [nsg]);
    expect(messages).toHaveLength(2);
    expect(messages[0]).toMatch(/^security_rule "ssh" is Inbound Allow Tcp from \* to \* port\(s\) 22; expected/);
    expect(messages[1]).toMatch(/^security_rule "rdp"/);
  });
  test('a computed `security_rule` in plan JSON means no inline rules', () => {
    const plan = parsePlan({
      format_version: '1.2',
      planned_values: { root_module: { resources: [{ address: `${NSG}.n`, mode: 'managed', type: NSG, name: 'n', values: { name: 'n' } }] } },
      resource_changes: [{ address: `${NSG}.n`, change: { after_unknown: { security_rule: true } } }],
    }, 'plan.json');
    const graph = new ResourceGraph(plan);
    expect(nsg001.check(graph.get(`${NSG}.n`)!, { graph, production: false })).toEqual([{ status: 'not-applicable' }]);
  });
});

describe('GAI-NSG-002 Internet inbound only 443 on an edge subnet', () => {
  const association: FixtureResource = { type: 'azurerm_subnet_network_security_group_association', name: 'assoc', values: { subnet_id: '${azurerm_subnet.edge.id}', network_security_group_id: `\${${NSG}.nsg.id}` } };
  const subnet: FixtureResource = { type: 'azurerm_subnet', name: 'edge', values: { name: 'snet-edge' } };
  const appGateway: FixtureResource = { type: 'azurerm_application_gateway', name: 'agw', values: { name: 'agw', gateway_ip_configuration: [{ name: 'gw', subnet_id: '${azurerm_subnet.edge.id}' }] } };
  const externalApim = (type: string): FixtureResource => ({ type: 'azurerm_api_management', name: 'apim', values: { name: 'apim', virtual_network_type: type, virtual_network_configuration: { subnet_id: '${azurerm_subnet.edge.id}' } } });
  const https = { source_address_prefix: 'Internet', destination_port_range: '443' };
  test.each([
    ['no Internet source', standalone({}), 'compliant'],
    ['443 from the Internet to an Application Gateway subnet', standalone(https, association, subnet, appGateway), 'compliant'],
    ['443 from the Internet to an external APIM subnet', standalone(https, association, subnet, externalApim('External')), 'compliant'],
    ['443 from the Internet to an internal APIM subnet', standalone(https, association, subnet, externalApim('Internal')), 'non-compliant'],
    ['443 from the Internet to a non-edge subnet', standalone(https, association, subnet), 'non-compliant'],
    ['80 from the Internet, even on an edge subnet', standalone({ ...https, destination_port_range: '80' }, association, subnet, appGateway), 'non-compliant'],
    ['443 and 80 from the Internet', standalone({ ...https, destination_port_range: undefined, destination_port_ranges: ['443', '80'] }, association, subnet, appGateway), 'non-compliant'],
    ['all ports from *', standalone({ source_address_prefix: '*', destination_port_range: '*' }), 'non-compliant'],
    ['inline rule, 80 from the Internet', inline({ ...https, destination_port_range: '80' }), 'non-compliant'],
    ['inline rule, 443 on an edge subnet', inline(https, association, subnet, appGateway), 'compliant'],
    ['443 from the Internet, APIM type from a variable', standalone(https, association, subnet, externalApim('${var.vnet_type}')), 'unknown'],
    ['source from a variable', standalone({ source_address_prefix: '${var.src}', destination_port_range: '80' }), 'unknown'],
  ])('%s', (_case, resources, expected) => {
    expect(statusOf(nsg002, resources)).toBe(expected);
  });
  test('a rule whose NSG is outside the plan cannot be shown to be on an edge subnet', () => {
    expect(statusOf(nsg002, [{ type: 'azurerm_network_security_rule', name: 'rule', values: { ...fields(https), network_security_group_name: 'nsg-hub' } }])).toBe('unknown');
  });
});

describe('GAI-NSG-003 no UDP from the Internet', () => {
  test.each([
    ['TCP from the Internet (other rules judge ports)', { source_address_prefix: 'Internet' }, 'compliant'],
    ['UDP from the VNet', { protocol: 'Udp', destination_port_range: '53' }, 'compliant'],
    ['UDP from the Internet', { protocol: 'Udp', source_address_prefix: 'Internet', destination_port_range: '53' }, 'non-compliant'],
    ['any protocol from *', { protocol: '*', source_address_prefix: '*' }, 'non-compliant'],
    ['UDP from the Internet, denied', { protocol: 'Udp', source_address_prefix: 'Internet', access: 'Deny' }, 'compliant'],
    ['protocol from a variable', { protocol: '${var.protocol}', source_address_prefix: 'Internet' }, 'unknown'],
  ])('%s (standalone rule and inline block)', (_case, values, expected) => {
    expect(onBoth(nsg003, values)).toEqual([expected, expected]);
  });
});

describe('GAI-NSG-004 no outbound to the Internet on all ports', () => {
  const out = { direction: 'Outbound', source_address_prefix: 'VirtualNetwork' };
  test.each([
    ['to a service tag', { ...out, destination_address_prefix: 'AzureKeyVault', destination_port_range: '443' }, 'compliant'],
    ['to the Internet on 443', { ...out, destination_address_prefix: 'Internet', destination_port_range: '443' }, 'compliant'],
    ['to * on all ports, denied', { ...out, destination_address_prefix: '*', destination_port_range: '*', access: 'Deny' }, 'compliant'],
    ['to * on all ports', { ...out, destination_address_prefix: '*', destination_port_range: '*' }, 'non-compliant'],
    ['to Internet on 0-65535', { ...out, destination_address_prefix: 'Internet', destination_port_range: '0-65535' }, 'non-compliant'],
    ['to 0.0.0.0/0 in a list on all ports', { ...out, destination_address_prefix: undefined, destination_address_prefixes: ['0.0.0.0/0'], destination_port_range: '*' }, 'non-compliant'],
    ['destination from a variable', { ...out, destination_address_prefix: '${var.dst}', destination_port_range: '*' }, 'unknown'],
  ])('%s (standalone rule and inline block)', (_case, values, expected) => {
    expect(onBoth(nsg004, values)).toEqual([expected, expected]);
  });
});

describe('GAI-NSG-005 no any-to-any, no network-wide management ports', () => {
  test.each([
    ['HTTPS from the VNet', {}, 'compliant'],
    ['SSH from a bastion subnet', { source_address_prefix: '10.0.9.0/26', destination_port_range: '22' }, 'compliant'],
    ['deny all from *', { source_address_prefix: '*', destination_port_range: '*', access: 'Deny' }, 'compliant'],
    ['allow * to all ports', { source_address_prefix: '*', destination_port_range: '*' }, 'non-compliant'],
    ['allow * to all ports outbound', { source_address_prefix: '*', destination_port_range: '*', direction: 'Outbound' }, 'non-compliant'],
    ['RDP from the whole VNet', { source_address_prefix: 'VirtualNetwork', destination_port_range: '3389' }, 'non-compliant'],
    ['SMB from the whole VNet via a range', { source_address_prefix: 'VirtualNetwork', destination_port_range: '440-450' }, 'non-compliant'],
    ['WinRM from *', { source_address_prefix: '*', destination_port_ranges: ['5985', '5986'], destination_port_range: undefined }, 'non-compliant'],
    ['ports from a variable', { source_address_prefix: 'VirtualNetwork', destination_port_range: '${var.port}' }, 'unknown'],
  ])('%s (standalone rule and inline block)', (_case, values, expected) => {
    expect(onBoth(nsg005, values)).toEqual([expected, expected]);
  });
});

describe('GAI-NSG-006 inline and standalone rules not mixed', () => {
  const nsg = (values: Values): FixtureResource => ({ type: NSG, name: 'nsg', values: { name: 'nsg-apps', resource_group_name: 'rg', ...values } });
  const rule = (nsgName: string): FixtureResource => ({ type: 'azurerm_network_security_rule', name: 'rule', values: { ...fields({}), network_security_group_name: nsgName, resource_group_name: 'rg' } });
  test.each([
    ['only standalone rules', [nsg({}), rule(`\${${NSG}.nsg.name}`)], 'compliant'],
    ['only inline rules', [nsg({ security_rule: [fields({})] })], 'compliant'],
    ['empty inline list with standalone rules', [nsg({ security_rule: [] }), rule(`\${${NSG}.nsg.name}`)], 'compliant'],
    ['both (by reference)', [nsg({ security_rule: [fields({})] }), rule(`\${${NSG}.nsg.name}`)], 'non-compliant'],
    ['both (by literal name and resource group)', [nsg({ security_rule: [fields({})] }), rule('nsg-apps')], 'non-compliant'],
    ['standalone rule of another NSG', [nsg({ security_rule: [fields({})] }), rule(`\${${NSG}.other.name}`)], 'compliant'],
    ['inline rules from a variable with standalone rules', [nsg({ security_rule: '${var.rules}' }), rule(`\${${NSG}.nsg.name}`)], 'unknown'],
  ])('%s', (_case, resources, expected) => {
    expect(statusOf(nsg006, resources as FixtureResource[])).toBe(expected);
  });
  test('names the standalone rules', () => {
    expect(check(nsg006, [nsg({ security_rule: [fields({})] }), rule(`\${${NSG}.nsg.name}`)])[0]).toMatchObject({ message: expect.stringMatching(/azurerm_network_security_rule\.rule/) });
  });
});

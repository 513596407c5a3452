import { TerraformOutput, TerraformStack } from 'cdktf';
import {
  MONITOR_ONLY_PRIVATE_DNS_ZONES, MONITOR_PRIVATE_DNS_ZONES, Network, NetworkProps, PRIVATE_DNS_ZONES, PrivateDnsZoneKey, SUBNET_SECURITY_RULES,
} from '../../constructs/network';
import { SynthJson, diagnosticsFor, keyOf, onlyResource, refOf, resourceNamed, resourcesOf, synth, testNaming, testStack } from '../helpers';

const WORKSPACE_ID = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-mon/providers/Microsoft.OperationalInsights/workspaces/log';
const HUB_ZONE = (name: string) => `/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-hub-dns/providers/Microsoft.Network/privateDnsZones/${name}`;

const baseProps = (): NetworkProps => ({
  naming: testNaming(),
  location: 'swedencentral',
  resourceGroupName: 'rg-net',
  addressSpace: '10.20.0.0/16',
  subnets: { apim: '10.20.0.0/27', apps: '10.20.2.0/23', privateEndpoints: '10.20.1.0/24' },
  diagnostics: { logAnalyticsWorkspaceResourceId: WORKSPACE_ID },
});

function network(overrides: Partial<NetworkProps> = {}): { stack: TerraformStack; construct: Network; json: SynthJson } {
  const stack = testStack();
  const construct = new Network(stack, 'network', { ...baseProps(), ...overrides });
  return { stack, construct, json: synth(stack) };
}

/** The subnet named `name`; fails the test when there is not exactly one. */
const subnetNamed = (json: SynthJson, name: string): Record<string, any> => resourceNamed(json, 'azurerm_subnet', name);

function rulesOfNsg(json: SynthJson, nsgName: string): Record<string, any>[] {
  const nsgRef = refOf(json, 'azurerm_network_security_group', 'name', nsgName);
  return resourcesOf(json, 'azurerm_network_security_rule').filter((r) => r.network_security_group_name === nsgRef);
}

function ruleNamed(rules: Record<string, any>[], name: string): Record<string, any> {
  const matches = rules.filter((r) => r.name === name);
  if (matches.length !== 1) throw new Error(`expected exactly one rule named ${name}, found ${matches.length}`);
  return matches[0];
}

/** Outputs that make a Network's exposed attributes appear, resolved, in the synthesized JSON. */
function exposeAttributes(stack: TerraformStack, construct: Network, zoneKeys: PrivateDnsZoneKey[] = []): void {
  new TerraformOutput(stack, 'vnet_id', { value: construct.virtualNetworkResourceId });
  new TerraformOutput(stack, 'vnet_name', { value: construct.virtualNetworkName });
  for (const [role, id] of Object.entries(construct.subnetResourceIds)) {
    new TerraformOutput(stack, `subnet_${role}`, { value: id });
  }
  if (construct.egressPublicIpAddress) new TerraformOutput(stack, 'egress_ip', { value: construct.egressPublicIpAddress });
  if (zoneKeys.length > 0) {
    new TerraformOutput(stack, `zone_${zoneKeys[0]}`, { value: construct.privateDnsZoneResourceId(zoneKeys[0]) });
    new TerraformOutput(stack, 'zones', { value: construct.privateDnsZoneResourceIds(zoneKeys) });
  }
}

/** Synthesizes a Network with its exposed attributes as outputs. */
function networkWithOutputs(zoneKeys: PrivateDnsZoneKey[] = []): SynthJson {
  const stack = testStack();
  exposeAttributes(stack, new Network(stack, 'network', baseProps()), zoneKeys);
  return synth(stack);
}

const SUBNETS = [
  { role: 'apim', name: 'snet-genai-test-sdc-apim', nsg: 'nsg-genai-test-sdc-apim', prefix: '10.20.0.0/27' },
  { role: 'apps', name: 'snet-genai-test-sdc-apps', nsg: 'nsg-genai-test-sdc-apps', prefix: '10.20.2.0/23' },
  { role: 'privateEndpoints', name: 'snet-genai-test-sdc-pe', nsg: 'nsg-genai-test-sdc-pe', prefix: '10.20.1.0/24' },
] as const;

const ZONE_KEYS = Object.keys(PRIVATE_DNS_ZONES) as PrivateDnsZoneKey[];

describe('Network', () => {
  describe('virtual network', () => {
    test('has the CAF name and the address space it is given', () => {
      const vnet = onlyResource(network().json, 'azurerm_virtual_network');
      expect(vnet.name).toBe('vnet-genai-test-sdc');
      expect(vnet.location).toBe('swedencentral');
      expect(vnet.resource_group_name).toBe('rg-net');
      expect(vnet.address_space).toEqual(['10.20.0.0/16']);
    });

    test('uses Azure-provided DNS by default', () => {
      expect(onlyResource(network().json, 'azurerm_virtual_network')).not.toHaveProperty('dns_servers');
    });

    test('uses Azure-provided DNS when dnsServers is empty', () => {
      expect(onlyResource(network({ dnsServers: [] }).json, 'azurerm_virtual_network')).not.toHaveProperty('dns_servers');
    });

    test('uses custom DNS servers when given', () => {
      const vnet = onlyResource(network({ dnsServers: ['10.0.0.4', '10.0.0.5'] }).json, 'azurerm_virtual_network');
      expect(vnet.dns_servers).toEqual(['10.0.0.4', '10.0.0.5']);
    });

    test('exposes the VNet id and name as references', () => {
      const json = networkWithOutputs();
      expect(json.output?.vnet_id.value).toMatch(/^\$\{azurerm_virtual_network\..*\.id\}$/);
      expect(json.output?.vnet_id.value).toBe(refOf(json, 'azurerm_virtual_network', 'id', 'vnet-genai-test-sdc'));
      expect(json.output?.vnet_name.value).toBe(refOf(json, 'azurerm_virtual_network', 'name', 'vnet-genai-test-sdc'));
    });
  });

  describe('subnets', () => {
    test('creates exactly the three subnets, with CAF names and the given prefixes, in the VNet', () => {
      const { json } = network();
      const subnets = resourcesOf(json, 'azurerm_subnet');
      expect(subnets).toHaveLength(3);
      const vnetName = refOf(json, 'azurerm_virtual_network', 'name', 'vnet-genai-test-sdc');
      for (const { name, prefix } of SUBNETS) {
        const subnet = subnetNamed(json, name);
        expect(subnet.address_prefixes).toEqual([prefix]);
        expect(subnet.virtual_network_name).toBe(vnetName);
        expect(subnet.resource_group_name).toBe('rg-net');
      }
    });

    test('gives no subnet default outbound access', () => {
      const subnets = resourcesOf(network().json, 'azurerm_subnet');
      expect(subnets.map((s) => s.default_outbound_access_enabled)).toEqual([false, false, false]);
    });

    test('enables private endpoint network policies on the private endpoint subnet only', () => {
      const { json } = network();
      expect(subnetNamed(json, 'snet-genai-test-sdc-pe').private_endpoint_network_policies).toBe('Enabled');
      expect(subnetNamed(json, 'snet-genai-test-sdc-apim')).not.toHaveProperty('private_endpoint_network_policies');
      expect(subnetNamed(json, 'snet-genai-test-sdc-apps')).not.toHaveProperty('private_endpoint_network_policies');
    });

    test('delegates the apps subnet, and only it, to Container Apps environments', () => {
      const { json } = network();
      expect(subnetNamed(json, 'snet-genai-test-sdc-apps').delegation).toEqual([{
        name: 'container-apps',
        service_delegation: {
          name: 'Microsoft.App/environments',
          actions: ['Microsoft.Network/virtualNetworks/subnets/join/action'],
        },
      }]);
      expect(subnetNamed(json, 'snet-genai-test-sdc-apim')).not.toHaveProperty('delegation');
      expect(subnetNamed(json, 'snet-genai-test-sdc-pe')).not.toHaveProperty('delegation');
    });

    test('exposes each subnet id by role', () => {
      const json = networkWithOutputs();
      for (const { role, name } of SUBNETS) {
        expect(json.output?.[`subnet_${role}`].value).toBe(refOf(json, 'azurerm_subnet', 'id', name));
      }
    });
  });

  describe('network security groups', () => {
    test('creates one NSG per subnet and associates it with that subnet', () => {
      const { json } = network();
      expect(resourcesOf(json, 'azurerm_network_security_group')).toHaveLength(3);
      const associations = resourcesOf(json, 'azurerm_subnet_network_security_group_association');
      expect(associations).toHaveLength(3);
      for (const { name, nsg } of SUBNETS) {
        const group = resourcesOf(json, 'azurerm_network_security_group').find((g) => g.name === nsg);
        expect(group).toMatchObject({ location: 'swedencentral', resource_group_name: 'rg-net' });
        expect(associations).toContainEqual({
          subnet_id: refOf(json, 'azurerm_subnet', 'id', name),
          network_security_group_id: refOf(json, 'azurerm_network_security_group', 'id', nsg),
        });
      }
    });

    test('puts exactly the rules of SUBNET_SECURITY_RULES on each NSG', () => {
      const { json } = network();
      for (const { role, nsg } of SUBNETS) {
        const names = rulesOfNsg(json, nsg).map((r) => r.name).sort();
        expect(names).toEqual(SUBNET_SECURITY_RULES[role].map((r) => r.name).sort());
      }
      const total = SUBNETS.reduce((n, { role }) => n + SUBNET_SECURITY_RULES[role].length, 0);
      expect(resourcesOf(json, 'azurerm_network_security_rule')).toHaveLength(total);
    });

    test('lets the APIM control plane in on 3443 from the ApiManagement tag', () => {
      const rule = ruleNamed(rulesOfNsg(network().json, 'nsg-genai-test-sdc-apim'), 'AllowApimManagementInbound');
      expect(rule).toMatchObject({
        direction: 'Inbound', access: 'Allow', protocol: 'Tcp',
        source_address_prefix: 'ApiManagement', destination_address_prefix: 'VirtualNetwork',
        source_port_range: '*', destination_port_range: '3443', resource_group_name: 'rg-net',
      });
      expect(rule).not.toHaveProperty('destination_port_ranges');
    });

    test('lets the Azure load balancer probe APIM on 6390', () => {
      const rule = ruleNamed(rulesOfNsg(network().json, 'nsg-genai-test-sdc-apim'), 'AllowLoadBalancerInbound');
      expect(rule).toMatchObject({
        direction: 'Inbound', access: 'Allow', protocol: 'Tcp',
        source_address_prefix: 'AzureLoadBalancer', destination_address_prefix: 'VirtualNetwork', destination_port_range: '6390',
      });
    });

    test('lets APIM reach its dependencies: Storage, SQL, Key Vault and Azure Monitor', () => {
      const rules = rulesOfNsg(network().json, 'nsg-genai-test-sdc-apim').filter((r) => r.direction === 'Outbound');
      const byDestination = Object.fromEntries(rules.map((r) => [r.destination_address_prefix, r]));
      expect(Object.keys(byDestination).sort()).toEqual(['AzureKeyVault', 'AzureMonitor', 'Sql', 'Storage']);
      expect(byDestination.Storage).toMatchObject({ access: 'Allow', protocol: 'Tcp', source_address_prefix: 'VirtualNetwork', destination_port_range: '443' });
      expect(byDestination.Sql).toMatchObject({ access: 'Allow', protocol: 'Tcp', destination_port_range: '1433' });
      expect(byDestination.AzureKeyVault).toMatchObject({ access: 'Allow', protocol: 'Tcp', destination_port_range: '443' });
      expect(byDestination.AzureMonitor).toMatchObject({ access: 'Allow', protocol: 'Tcp', destination_port_ranges: ['1886', '443'] });
      expect(byDestination.AzureMonitor).not.toHaveProperty('destination_port_range');
    });

    test('lets VNet callers reach the apps subnet on 443 and 80', () => {
      const rule = ruleNamed(rulesOfNsg(network().json, 'nsg-genai-test-sdc-apps'), 'AllowVnetHttpsInbound');
      expect(rule).toMatchObject({
        direction: 'Inbound', access: 'Allow', source_address_prefix: 'VirtualNetwork', destination_port_ranges: ['443', '80'],
      });
    });

    test('lets VNet callers reach private endpoints on 443 and 10000 only, denying other inbound traffic', () => {
      const rules = rulesOfNsg(network().json, 'nsg-genai-test-sdc-pe');
      expect(ruleNamed(rules, 'AllowVnetPrivateEndpointInbound')).toMatchObject({
        direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source_address_prefix: 'VirtualNetwork',
        destination_port_ranges: ['443', '10000'], priority: 100,
      });
      expect(ruleNamed(rules, 'DenyOtherInbound')).toMatchObject({
        direction: 'Inbound', access: 'Deny', protocol: '*', source_address_prefix: '*', destination_address_prefix: '*',
        destination_port_range: '*', priority: 4000,
      });
    });

    test('denies inbound Internet traffic on every NSG at priority 4096', () => {
      const { json } = network();
      for (const { nsg } of SUBNETS) {
        expect(ruleNamed(rulesOfNsg(json, nsg), 'DenyInternetInbound')).toMatchObject({
          direction: 'Inbound', access: 'Deny', protocol: '*', priority: 4096,
          source_address_prefix: 'Internet', destination_address_prefix: '*', destination_port_range: '*',
        });
      }
    });

    test('has no rule that allows inbound traffic from the Internet or from anywhere', () => {
      const inboundAllows = resourcesOf(network().json, 'azurerm_network_security_rule')
        .filter((r) => r.direction === 'Inbound' && r.access === 'Allow');
      expect(inboundAllows.length).toBeGreaterThan(0);
      for (const rule of inboundAllows) {
        const sources: string[] = [rule.source_address_prefix, ...(rule.source_address_prefixes ?? [])].filter(Boolean);
        expect(sources.length).toBeGreaterThan(0);
        for (const source of sources) {
          expect(['Internet', '*', '0.0.0.0/0', 'Any', 'any']).not.toContain(source);
        }
      }
    });

    test('has unique priorities per NSG and direction', () => {
      const { json } = network();
      for (const { nsg } of SUBNETS) {
        const rules = rulesOfNsg(json, nsg);
        const keys = rules.map((r) => `${r.direction}:${r.priority}`);
        expect(new Set(keys).size).toBe(keys.length);
      }
    });

    test('sends NSG logs, without metrics, to the workspace', () => {
      const { json } = network();
      for (const { nsg } of SUBNETS) {
        const setting = diagnosticsFor(json, refOf(json, 'azurerm_network_security_group', 'id', nsg));
        expect(setting.log_analytics_workspace_id).toBe(WORKSPACE_ID);
        expect(setting.enabled_log).toEqual([{ category_group: 'allLogs' }]);
        expect(setting).not.toHaveProperty('enabled_metric');
      }
    });
  });

  describe('egress', () => {
    test('adds a Standard static public IP and a NAT gateway by default', () => {
      const { json } = network();
      expect(onlyResource(json, 'azurerm_public_ip')).toMatchObject({
        name: 'pip-genai-test-sdc-egress', location: 'swedencentral', resource_group_name: 'rg-net',
        allocation_method: 'Static', sku: 'Standard',
      });
      expect(onlyResource(json, 'azurerm_nat_gateway')).toMatchObject({
        name: 'ng-genai-test-sdc', location: 'swedencentral', resource_group_name: 'rg-net', sku_name: 'Standard',
      });
      expect(onlyResource(json, 'azurerm_nat_gateway_public_ip_association')).toEqual({
        nat_gateway_id: expect.stringMatching(/^\$\{azurerm_nat_gateway\..*\.id\}$/),
        public_ip_address_id: expect.stringMatching(/^\$\{azurerm_public_ip\..*\.id\}$/),
      });
    });

    test('routes the APIM and apps subnets, not the private endpoint subnet, through the NAT gateway', () => {
      const { json } = network();
      const associated = resourcesOf(json, 'azurerm_subnet_nat_gateway_association');
      expect(associated.map((a) => a.subnet_id).sort()).toEqual([
        refOf(json, 'azurerm_subnet', 'id', 'snet-genai-test-sdc-apim'),
        refOf(json, 'azurerm_subnet', 'id', 'snet-genai-test-sdc-apps'),
      ].sort());
      for (const association of associated) {
        expect(association.nat_gateway_id).toBe(refOf(json, 'azurerm_nat_gateway', 'id', 'ng-genai-test-sdc'));
      }
    });

    test('natGateway is the explicit equivalent of the default', () => {
      const json = network({ egress: 'natGateway' }).json;
      expect(resourcesOf(json, 'azurerm_nat_gateway')).toHaveLength(1);
      expect(resourcesOf(json, 'azurerm_subnet_nat_gateway_association')).toHaveLength(2);
    });

    test('exposes the egress public IP address with a NAT gateway', () => {
      expect(networkWithOutputs().output?.egress_ip.value).toMatch(/^\$\{azurerm_public_ip\..*\.ip_address\}$/);
    });

    test('pins no zone by default', () => {
      const { json } = network();
      expect(onlyResource(json, 'azurerm_public_ip')).not.toHaveProperty('zones');
      expect(onlyResource(json, 'azurerm_nat_gateway')).not.toHaveProperty('zones');
    });

    test('puts the public IP in every zone and the (zonal) NAT gateway in the first', () => {
      const { json } = network({ zones: ['1', '2', '3'] });
      expect(onlyResource(json, 'azurerm_public_ip').zones).toEqual(['1', '2', '3']);
      expect(onlyResource(json, 'azurerm_nat_gateway').zones).toEqual(['1']);
    });

    test('sends NAT gateway metrics, without logs, and public IP logs and metrics to the workspace', () => {
      const { json } = network();
      const nat = diagnosticsFor(json, refOf(json, 'azurerm_nat_gateway', 'id', 'ng-genai-test-sdc'));
      expect(nat.log_analytics_workspace_id).toBe(WORKSPACE_ID);
      expect(nat.enabled_metric).toEqual([{ category: 'AllMetrics' }]);
      expect(nat).not.toHaveProperty('enabled_log');
      const ip = diagnosticsFor(json, refOf(json, 'azurerm_public_ip', 'id', 'pip-genai-test-sdc-egress'));
      expect(ip).toMatchObject({ log_analytics_workspace_id: WORKSPACE_ID, enabled_log: [{ category_group: 'allLogs' }], enabled_metric: [{ category: 'AllMetrics' }] });
    });

    test('hub egress adds no NAT gateway, public IP or association, and keeps default outbound access off', () => {
      const { json, construct } = network({ egress: 'hub', zones: ['1', '2', '3'] });
      expect(resourcesOf(json, 'azurerm_nat_gateway')).toEqual([]);
      expect(resourcesOf(json, 'azurerm_public_ip')).toEqual([]);
      expect(resourcesOf(json, 'azurerm_nat_gateway_public_ip_association')).toEqual([]);
      expect(resourcesOf(json, 'azurerm_subnet_nat_gateway_association')).toEqual([]);
      expect(resourcesOf(json, 'azurerm_subnet').every((s) => s.default_outbound_access_enabled === false)).toBe(true);
      expect(construct.egressPublicIpAddress).toBeUndefined();
    });
  });

  describe('private DNS zones', () => {
    test('creates every zone in PRIVATE_DNS_ZONES in the network resource group when the Azure Monitor zones are enabled', () => {
      const zones = resourcesOf(network({ azureMonitorPrivateDnsZonesEnabled: true }).json, 'azurerm_private_dns_zone');
      expect(zones.map((z) => z.name).sort()).toEqual(Object.values(PRIVATE_DNS_ZONES).sort());
      expect(zones.every((z) => z.resource_group_name === 'rg-net')).toBe(true);
    });

    test('covers the zones the design requires', () => {
      expect(Object.values(PRIVATE_DNS_ZONES)).toEqual(expect.arrayContaining([
        'privatelink.cognitiveservices.azure.com', 'privatelink.openai.azure.com', 'privatelink.services.ai.azure.com',
        'privatelink.search.windows.net', 'privatelink.vaultcore.azure.net', 'privatelink.blob.core.windows.net',
        'privatelink.redis.azure.net', 'privatelink.azurecr.io', 'privatelink.monitor.azure.com',
        'privatelink.oms.opinsights.azure.com', 'privatelink.ods.opinsights.azure.com', 'privatelink.agentsvc.azure-automation.net',
      ]));
      for (const key of MONITOR_PRIVATE_DNS_ZONES) expect(PRIVATE_DNS_ZONES).toHaveProperty(key);
    });

    test('links every zone it creates to the VNet without auto-registration', () => {
      const { json } = network({ azureMonitorPrivateDnsZonesEnabled: true });
      const links = resourcesOf(json, 'azurerm_private_dns_zone_virtual_network_link');
      expect(links).toHaveLength(ZONE_KEYS.length);
      const vnetId = refOf(json, 'azurerm_virtual_network', 'id', 'vnet-genai-test-sdc');
      for (const zoneName of Object.values(PRIVATE_DNS_ZONES)) {
        const zoneRef = refOf(json, 'azurerm_private_dns_zone', 'name', zoneName);
        const link = links.filter((l) => l.private_dns_zone_name === zoneRef);
        expect(link).toHaveLength(1);
        expect(link[0]).toMatchObject({ virtual_network_id: vnetId, registration_enabled: false, resource_group_name: 'rg-net' });
      }
    });

    test('returns the id of the zone it created', () => {
      const json = networkWithOutputs(['keyVault', 'blob']);
      expect(json.output?.zone_keyVault.value).toBe(refOf(json, 'azurerm_private_dns_zone', 'id', 'privatelink.vaultcore.azure.net'));
      expect(json.output?.zones.value).toEqual([
        refOf(json, 'azurerm_private_dns_zone', 'id', 'privatelink.vaultcore.azure.net'),
        refOf(json, 'azurerm_private_dns_zone', 'id', 'privatelink.blob.core.windows.net'),
      ]);
    });

    test('uses hub zones as they are: neither creates nor links them', () => {
      const hub = { keyVault: HUB_ZONE('privatelink.vaultcore.azure.net'), openAi: HUB_ZONE('privatelink.openai.azure.com') };
      const { json, construct } = network({ hubPrivateDnsZoneResourceIds: hub, azureMonitorPrivateDnsZonesEnabled: true });
      const zoneNames = resourcesOf(json, 'azurerm_private_dns_zone').map((z) => z.name);
      expect(zoneNames).toHaveLength(ZONE_KEYS.length - 2);
      expect(zoneNames).not.toContain('privatelink.vaultcore.azure.net');
      expect(zoneNames).not.toContain('privatelink.openai.azure.com');
      expect(zoneNames).toContain('privatelink.blob.core.windows.net');
      expect(resourcesOf(json, 'azurerm_private_dns_zone_virtual_network_link')).toHaveLength(ZONE_KEYS.length - 2);
      expect(construct.privateDnsZoneResourceId('keyVault')).toBe(hub.keyVault);
      expect(construct.privateDnsZoneResourceIds(['openAi', 'keyVault'])).toEqual([hub.openAi, hub.keyVault]);
    });

    test('leaves the Azure Monitor zones out by default: without a Private Link Scope they black-hole Monitor (GAI-MON-008)', () => {
      const { json, construct } = network();
      const zoneNames = resourcesOf(json, 'azurerm_private_dns_zone').map((z) => z.name).sort();
      const monitorOnly = MONITOR_ONLY_PRIVATE_DNS_ZONES.map((key) => PRIVATE_DNS_ZONES[key]);
      expect(monitorOnly.sort()).toEqual(['privatelink.agentsvc.azure-automation.net', 'privatelink.monitor.azure.com', 'privatelink.ods.opinsights.azure.com', 'privatelink.oms.opinsights.azure.com']);
      expect(zoneNames).toEqual(Object.values(PRIVATE_DNS_ZONES).filter((name) => !monitorOnly.includes(name)).sort());
      expect(zoneNames).toContain('privatelink.blob.core.windows.net');
      expect(resourcesOf(json, 'azurerm_private_dns_zone_virtual_network_link')).toHaveLength(zoneNames.length);
      expect(() => construct.privateDnsZoneResourceIds(MONITOR_PRIVATE_DNS_ZONES)).toThrow(/privatelink\.monitor\.azure\.com is not created: set azureMonitorPrivateDnsZonesEnabled/);
    });

    test('uses hub Azure Monitor zones even with the flag off', () => {
      const hub = Object.fromEntries(MONITOR_ONLY_PRIVATE_DNS_ZONES.map((key) => [key, HUB_ZONE(PRIVATE_DNS_ZONES[key])]));
      const { construct } = network({ hubPrivateDnsZoneResourceIds: hub });
      expect(construct.privateDnsZoneResourceId('monitor')).toBe(HUB_ZONE('privatelink.monitor.azure.com'));
    });

    test('privateDnsZoneLink: the VNet link of a zone created here (what a first pull must wait for), none for a hub zone', () => {
      const { construct, stack } = network({ hubPrivateDnsZoneResourceIds: { keyVault: HUB_ZONE('privatelink.vaultcore.azure.net') } });
      expect(construct.privateDnsZoneLink('keyVault')).toBeUndefined();
      const link = construct.privateDnsZoneLink('containerRegistry') as unknown as { terraformResourceType: string; friendlyUniqueId: string };
      expect(link.terraformResourceType).toBe('azurerm_private_dns_zone_virtual_network_link');
      const json = synth(stack);
      const zone = keyOf(json, 'azurerm_private_dns_zone', 'privatelink.azurecr.io');
      expect(json.resource.azurerm_private_dns_zone_virtual_network_link[link.friendlyUniqueId].private_dns_zone_name).toBe(`\${azurerm_private_dns_zone.${zone}.name}`);
    });

    test('creates no zone at all when the hub provides every one', () => {
      const hub = Object.fromEntries(ZONE_KEYS.map((key) => [key, HUB_ZONE(PRIVATE_DNS_ZONES[key])]));
      const { json, construct } = network({ hubPrivateDnsZoneResourceIds: hub });
      expect(resourcesOf(json, 'azurerm_private_dns_zone')).toEqual([]);
      expect(resourcesOf(json, 'azurerm_private_dns_zone_virtual_network_link')).toEqual([]);
      expect(construct.privateDnsZoneResourceIds(MONITOR_PRIVATE_DNS_ZONES))
        .toEqual(MONITOR_PRIVATE_DNS_ZONES.map((key) => HUB_ZONE(PRIVATE_DNS_ZONES[key])));
    });
  });

  describe('diagnostics', () => {
    test('sends VNet logs and metrics to the workspace it is given', () => {
      const { json } = network();
      const setting = diagnosticsFor(json, refOf(json, 'azurerm_virtual_network', 'id', 'vnet-genai-test-sdc'));
      expect(setting).toMatchObject({
        log_analytics_workspace_id: WORKSPACE_ID,
        enabled_log: [{ category_group: 'allLogs' }],
        enabled_metric: [{ category: 'AllMetrics' }],
      });
    });

    test('sends every diagnostic setting to that workspace, one per VNet, NSG, public IP and NAT gateway', () => {
      const settings = resourcesOf(network().json, 'azurerm_monitor_diagnostic_setting');
      expect(settings).toHaveLength(1 + 3 + 2);
      expect(settings.every((s) => s.log_analytics_workspace_id === WORKSPACE_ID)).toBe(true);
    });

    test('has only the VNet and NSG settings with hub egress', () => {
      expect(resourcesOf(network({ egress: 'hub' }).json, 'azurerm_monitor_diagnostic_setting')).toHaveLength(1 + 3);
    });
  });
});

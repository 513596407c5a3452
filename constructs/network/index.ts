import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { NatGateway } from '@cdktf/provider-azurerm/lib/nat-gateway';
import { NatGatewayPublicIpAssociation } from '@cdktf/provider-azurerm/lib/nat-gateway-public-ip-association';
import { NetworkSecurityGroup } from '@cdktf/provider-azurerm/lib/network-security-group';
import { NetworkSecurityRule } from '@cdktf/provider-azurerm/lib/network-security-rule';
import { PrivateDnsZone } from '@cdktf/provider-azurerm/lib/private-dns-zone';
import { PrivateDnsZoneVirtualNetworkLink } from '@cdktf/provider-azurerm/lib/private-dns-zone-virtual-network-link';
import { PublicIp } from '@cdktf/provider-azurerm/lib/public-ip';
import { Subnet } from '@cdktf/provider-azurerm/lib/subnet';
import { SubnetNatGatewayAssociation } from '@cdktf/provider-azurerm/lib/subnet-nat-gateway-association';
import { SubnetNetworkSecurityGroupAssociation } from '@cdktf/provider-azurerm/lib/subnet-network-security-group-association';
import { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network';
import { DiagnosticsOptions } from '../interfaces';
import { DiagnosticSetting } from '../monitoring/diagnostic-setting';
import { Naming } from '../naming';
import { MONITOR_ONLY_PRIVATE_DNS_ZONES, PRIVATE_DNS_ZONES, PrivateDnsZoneKey } from '../../catalog/private-dns-zones';
import { SUBNET_SECURITY_RULES, SecurityRule } from './security-rules';
import { ConstructValidationError } from '../validation';

export { MONITOR_ONLY_PRIVATE_DNS_ZONES, MONITOR_PRIVATE_DNS_ZONES, PRIVATE_DNS_ZONES, PrivateDnsZoneKey } from '../../catalog/private-dns-zones';
export { SUBNET_SECURITY_RULES, SecurityRule } from './security-rules';

export type SubnetRole = 'apim' | 'apps' | 'privateEndpoints';

export interface NetworkProps {
  readonly naming: Naming;
  readonly location: string;
  readonly resourceGroupName: string;
  /** VNet address space (one RFC 1918 block). */
  readonly addressSpace: string;
  /** Prefix of each subnet; validated by the config schema. */
  readonly subnets: Readonly<Record<SubnetRole, string>>;
  /** Custom DNS servers. @default Azure-provided DNS */
  readonly dnsServers?: readonly string[];
  /**
   * Existing hub zones by key; these are used as they are and not linked here (the hub links them).
   * @default {} (every zone is created in this resource group and linked to the VNet)
   */
  readonly hubPrivateDnsZoneResourceIds?: Partial<Record<PrivateDnsZoneKey, string>>;
  /**
   * Create and link the Azure Monitor zones (`MONITOR_ONLY_PRIVATE_DNS_ZONES`: monitor, oms, ods,
   * agentsvc). Turn it on exactly when the environment has an Azure Monitor Private Link Scope whose
   * endpoint fills them: linked without one, they make every Azure Monitor endpoint unresolvable from
   * the VNet (GAI-MON-008). Hub zones given in `hubPrivateDnsZoneResourceIds` are used either way.
   * @default false (Monitor is reached over its public endpoints, like without private link)
   */
  readonly azureMonitorPrivateDnsZonesEnabled?: boolean;
  /**
   * Internet egress of the APIM and apps subnets, which have no default outbound access:
   * `natGateway` adds a NAT gateway with a static public IP; `hub` expects your routes to a hub firewall.
   * @default 'natGateway'
   */
  readonly egress?: 'natGateway' | 'hub';
  /**
   * Availability zones for egress: the public IP spans all of them; a Standard NAT gateway is zonal,
   * so it is placed in the first.
   * @default no zone pinning
   */
  readonly zones?: readonly string[];
  readonly diagnostics: DiagnosticsOptions;
}

/**
 * The environment's VNet: three subnets (APIM, Container Apps, private endpoints), each with its
 * own NSG that denies inbound Internet traffic; no subnet has default outbound access. Private DNS
 * zones for every PaaS service the platform reaches, each linked to the VNet, or the hub's; the Azure
 * Monitor zones only when asked for (with a Private Link Scope).
 */
export class Network extends Construct {
  readonly virtualNetworkResourceId: string;
  readonly virtualNetworkName: string;
  /** Subnet resource ids by role. */
  readonly subnetResourceIds: Readonly<Record<SubnetRole, string>>;
  /** Outbound public IP of the NAT gateway, when `egress` is `natGateway`. */
  readonly egressPublicIpAddress?: string;
  private readonly zoneIds: Partial<Record<PrivateDnsZoneKey, string>> = {};
  private readonly zoneLinks: Partial<Record<PrivateDnsZoneKey, ITerraformDependable>> = {};

  constructor(scope: Construct, id: string, props: NetworkProps) {
    super(scope, id);
    const { naming, location, resourceGroupName, diagnostics } = props;

    const vnet = new VirtualNetwork(this, 'vnet', {
      name: naming.name('virtualNetwork'),
      location,
      resourceGroupName,
      addressSpace: [props.addressSpace],
      dnsServers: props.dnsServers && props.dnsServers.length > 0 ? [...props.dnsServers] : undefined,
    });
    this.virtualNetworkResourceId = vnet.id;
    this.virtualNetworkName = vnet.name;
    new DiagnosticSetting(this, 'vnet-diagnostics', { ...diagnostics, targetResourceId: vnet.id });

    const subnetIds: Partial<Record<SubnetRole, string>> = {};
    const subnets = new Map<SubnetRole, Subnet>();
    for (const role of ['apim', 'apps', 'privateEndpoints'] as const) {
      const qualifier = SUBNET_QUALIFIERS[role];
      const subnet = new Subnet(this, `subnet-${role}`, {
        name: naming.name('subnet', qualifier),
        resourceGroupName,
        virtualNetworkName: vnet.name,
        addressPrefixes: [props.subnets[role]],
        defaultOutboundAccessEnabled: false,
        // NSG rules and UDRs apply to private endpoint traffic only when policies are enabled.
        privateEndpointNetworkPolicies: role === 'privateEndpoints' ? 'Enabled' : undefined,
        delegation: role === 'apps' ? [{
          name: 'container-apps',
          serviceDelegation: { name: 'Microsoft.App/environments', actions: ['Microsoft.Network/virtualNetworks/subnets/join/action'] },
        }] : undefined,
      });
      subnets.set(role, subnet);
      subnetIds[role] = subnet.id;

      const nsg = new NetworkSecurityGroup(this, `nsg-${role}`, {
        name: naming.name('networkSecurityGroup', qualifier),
        location,
        resourceGroupName,
      });
      SUBNET_SECURITY_RULES[role].forEach((rule) => this.addRule(`nsg-${role}-${rule.name}`, nsg, resourceGroupName, rule));
      new SubnetNetworkSecurityGroupAssociation(this, `nsg-${role}-association`, { subnetId: subnet.id, networkSecurityGroupId: nsg.id });
      // NSGs emit logs (events, rule counters) but no metrics.
      new DiagnosticSetting(this, `nsg-${role}-diagnostics`, { ...diagnostics, targetResourceId: nsg.id, metrics: false });
    }
    this.subnetResourceIds = subnetIds as Record<SubnetRole, string>;

    if ((props.egress ?? 'natGateway') === 'natGateway') {
      const zones = props.zones && props.zones.length > 0 ? [...props.zones] : undefined;
      const publicIp = new PublicIp(this, 'egress-ip', {
        name: naming.name('publicIp', 'egress'),
        location,
        resourceGroupName,
        allocationMethod: 'Static',
        sku: 'Standard',
        zones,
      });
      const natGateway = new NatGateway(this, 'nat-gateway', {
        name: naming.name('natGateway'),
        location,
        resourceGroupName,
        skuName: 'Standard',
        zones: zones ? [zones[0]] : undefined,
      });
      new NatGatewayPublicIpAssociation(this, 'nat-gateway-ip', { natGatewayId: natGateway.id, publicIpAddressId: publicIp.id });
      for (const role of ['apim', 'apps'] as const) {
        new SubnetNatGatewayAssociation(this, `nat-gateway-${role}`, { subnetId: subnets.get(role)!.id, natGatewayId: natGateway.id });
      }
      this.egressPublicIpAddress = publicIp.ipAddress;
      new DiagnosticSetting(this, 'egress-ip-diagnostics', { ...diagnostics, targetResourceId: publicIp.id });
      // NAT gateways emit metrics only.
      new DiagnosticSetting(this, 'nat-gateway-diagnostics', { ...diagnostics, targetResourceId: natGateway.id, logs: false });
    }

    const hubZones = props.hubPrivateDnsZoneResourceIds ?? {};
    const monitorZonesEnabled = props.azureMonitorPrivateDnsZonesEnabled ?? false;
    for (const key of Object.keys(PRIVATE_DNS_ZONES) as PrivateDnsZoneKey[]) {
      const hubZoneId = hubZones[key];
      if (hubZoneId) {
        this.zoneIds[key] = hubZoneId;
        continue;
      }
      if (!monitorZonesEnabled && MONITOR_ONLY_PRIVATE_DNS_ZONES.includes(key)) continue;
      const zone = new PrivateDnsZone(this, `dns-${key}`, { name: PRIVATE_DNS_ZONES[key], resourceGroupName });
      this.zoneLinks[key] = new PrivateDnsZoneVirtualNetworkLink(this, `dns-${key}-link`, {
        name: `link-${vnet.name}`,
        resourceGroupName,
        privateDnsZoneName: zone.name,
        virtualNetworkId: vnet.id,
        registrationEnabled: false,
      });
      this.zoneIds[key] = zone.id;
    }
  }

  /**
   * Resource id of a private DNS zone (created here or the hub's). Throws for an Azure Monitor zone
   * that was left out (`azureMonitorPrivateDnsZonesEnabled` off and no hub zone).
   */
  privateDnsZoneResourceId(key: PrivateDnsZoneKey): string {
    const id = this.zoneIds[key];
    if (id === undefined) {
      throw new ConstructValidationError(this.node.path, [`private DNS zone ${PRIVATE_DNS_ZONES[key]} is not created: set azureMonitorPrivateDnsZonesEnabled (with an Azure Monitor Private Link Scope) or give the hub's zone`]);
    }
    return id;
  }

  /**
   * The link of a zone created here to the VNet: what a first apply must wait for before anything in the
   * VNet resolves the zone's names (a container app pulling through the registry's endpoint, say).
   * Undefined for a hub zone, which the hub links.
   */
  privateDnsZoneLink(key: PrivateDnsZoneKey): ITerraformDependable | undefined {
    return this.zoneLinks[key];
  }

  /** Resource ids of several zones, for a private endpoint's DNS zone group. */
  privateDnsZoneResourceIds(keys: readonly PrivateDnsZoneKey[]): string[] {
    return keys.map((key) => this.privateDnsZoneResourceId(key));
  }

  private addRule(id: string, nsg: NetworkSecurityGroup, resourceGroupName: string, rule: SecurityRule): void {
    new NetworkSecurityRule(this, id, {
      name: rule.name,
      resourceGroupName,
      networkSecurityGroupName: nsg.name,
      priority: rule.priority,
      direction: rule.direction,
      access: rule.access,
      protocol: rule.protocol,
      sourcePortRange: '*',
      sourceAddressPrefix: rule.source,
      destinationAddressPrefix: rule.destination,
      destinationPortRange: rule.ports.length === 1 ? rule.ports[0] : undefined,
      destinationPortRanges: rule.ports.length > 1 ? [...rule.ports] : undefined,
      description: rule.description,
    });
  }
}

const SUBNET_QUALIFIERS: Record<SubnetRole, string> = { apim: 'apim', apps: 'apps', privateEndpoints: 'pe' };

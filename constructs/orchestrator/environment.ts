import { Construct } from 'constructs';
import { ContainerAppEnvironment } from '@cdktf/provider-azurerm/lib/container-app-environment';
import { PrivateDnsARecord } from '@cdktf/provider-azurerm/lib/private-dns-a-record';
import { PrivateDnsZone } from '@cdktf/provider-azurerm/lib/private-dns-zone';
import { PrivateDnsZoneVirtualNetworkLink } from '@cdktf/provider-azurerm/lib/private-dns-zone-virtual-network-link';
import { DiagnosticsOptions } from '../interfaces';
import { DiagnosticSetting } from '../monitoring/diagnostic-setting';
import { nameProblems } from '../../catalog/naming-rules';
import { isKnown, throwIfProblems } from '../validation';

/** Dedicated workload profile types azurerm 4.55 accepts (GPU types included). */
export type DedicatedWorkloadProfileType =
  | 'D4' | 'D8' | 'D16' | 'D32' | 'E4' | 'E8' | 'E16' | 'E32' | 'NC24-A100' | 'NC48-A100' | 'NC96-A100';

const DEDICATED_PROFILE_TYPES: readonly DedicatedWorkloadProfileType[] = ['D4', 'D8', 'D16', 'D32', 'E4', 'E8', 'E16', 'E32', 'NC24-A100', 'NC48-A100', 'NC96-A100'];

/** The serverless profile every workload-profiles environment has; azurerm recognizes it by this name. */
export const CONSUMPTION_WORKLOAD_PROFILE = 'Consumption';

/** A dedicated workload profile: reserved nodes of one size, billed per node. */
export interface DedicatedWorkloadProfile {
  /** Name apps select with `workloadProfileName`; not `Consumption`. */
  readonly name: string;
  /** Node size, e.g. `D4` (4 vCPU, 16 GiB) or `E4` (4 vCPU, 32 GiB). */
  readonly type: DedicatedWorkloadProfileType;
  /** Nodes kept running, at least 0. */
  readonly minimumCount: number;
  /** Nodes the profile scales out to, at least 1 and at least `minimumCount`. */
  readonly maximumCount: number;
}

/**
 * Where the environment's console and system logs go.
 * - `azure-monitor`: through the environment's diagnostic setting to the workspace (Entra ID
 *   ingestion: works with a workspace whose local authentication is disabled, as the platform's is).
 * - `log-analytics`: written directly with the workspace's shared key, so the workspace must keep
 *   local authentication enabled, or the logs are dropped.
 */
export type LogsDestination = 'azure-monitor' | 'log-analytics';

export interface ContainerAppsEnvironmentProps {
  /** Environment name (2-60 lowercase letters, digits and hyphens, starting with a letter). */
  readonly name: string;
  readonly location: string;
  readonly resourceGroupName: string;
  /**
   * Subnet the environment is injected into: delegated to `Microsoft.App/environments`, /27 or
   * larger, used by nothing else (the Network construct's `subnetResourceIds.apps`). Fixed at creation.
   */
  readonly infrastructureSubnetResourceId: string;
  /** VNet the private DNS zone of the environment's default domain is linked to. */
  readonly virtualNetworkResourceId: string;
  /**
   * Spread replicas and nodes across availability zones. Fixed at creation; the region must have
   * zones. Apps then need at least 3 replicas in production to cover every zone (GAI-ACA-010).
   * @default true
   */
  readonly zoneRedundancyEnabled?: boolean;
  /**
   * A dedicated workload profile next to the `Consumption` profile every environment has.
   * @default none: apps run on the Consumption profile
   */
  readonly workloadProfile?: DedicatedWorkloadProfile;
  /**
   * Name of the platform-managed resource group Azure creates for the environment's infrastructure.
   * Fixed at creation.
   * @default a name Azure generates (`ME_<environment>_<resource group>_<location>`)
   */
  readonly infrastructureResourceGroupName?: string;
  /**
   * Encrypt and authenticate app-to-app traffic inside the environment (peer mTLS, public preview in
   * azurerm 4.55: some added latency under high load).
   * @default true
   */
  readonly mutualTlsEnabled?: boolean;
  /** @default 'azure-monitor' (the platform workspace has local authentication disabled) */
  readonly logsDestination?: LogsDestination;
  readonly diagnostics: DiagnosticsOptions;
}

/**
 * A Container Apps environment with workload profiles, injected into its own subnet behind an
 * internal load balancer (no public endpoint, public network access disabled), zone redundant,
 * peer traffic encrypted with mTLS, logs and metrics to the platform workspace, and a private DNS
 * zone for its default domain (`*.<default domain>` -> the internal static IP) linked to the VNet,
 * so apps resolve from inside the VNet (and from the hub, when it forwards to the VNet).
 */
export class ContainerAppsEnvironment extends Construct {
  readonly resourceId: string;
  readonly name: string;
  /** `<unique>.<region>.azurecontainerapps.io`; apps are `<app>.<default domain>`. */
  readonly defaultDomain: string;
  /** Private IP of the internal load balancer. */
  readonly staticIpAddress: string;
  /** The private DNS zone named after the default domain. */
  readonly privateDnsZoneResourceId: string;
  readonly zoneRedundancyEnabled: boolean;
  /** Name of the dedicated profile, when one was declared. */
  readonly dedicatedWorkloadProfileName?: string;

  constructor(scope: Construct, id: string, props: ContainerAppsEnvironmentProps) {
    super(scope, id);
    const logsDestination = props.logsDestination ?? 'azure-monitor';
    const profile = props.workloadProfile;
    const problems: string[] = [];
    if (isKnown(props.name)) problems.push(...nameProblems('containerAppsEnvironment', props.name).map((p) => `name: ${p}`));
    if (!(['azure-monitor', 'log-analytics'] as readonly string[]).includes(logsDestination)) {
      problems.push(`logsDestination must be 'azure-monitor' or 'log-analytics', got '${logsDestination}'`);
    }
    if (profile) problems.push(...workloadProfileProblems(profile));
    throwIfProblems(this.node.path, problems);

    this.zoneRedundancyEnabled = props.zoneRedundancyEnabled ?? true;
    const environment = new ContainerAppEnvironment(this, 'environment', {
      name: props.name,
      location: props.location,
      resourceGroupName: props.resourceGroupName,
      infrastructureSubnetId: props.infrastructureSubnetResourceId,
      infrastructureResourceGroupName: props.infrastructureResourceGroupName,
      internalLoadBalancerEnabled: true,
      publicNetworkAccess: 'Disabled',
      zoneRedundancyEnabled: this.zoneRedundancyEnabled,
      mutualTlsEnabled: props.mutualTlsEnabled ?? true,
      logsDestination,
      logAnalyticsWorkspaceId: logsDestination === 'log-analytics' ? props.diagnostics.logAnalyticsWorkspaceResourceId : undefined,
      workloadProfile: [
        { name: CONSUMPTION_WORKLOAD_PROFILE, workloadProfileType: CONSUMPTION_WORKLOAD_PROFILE },
        ...(profile ? [{ name: profile.name, workloadProfileType: profile.type, minimumCount: profile.minimumCount, maximumCount: profile.maximumCount }] : []),
      ],
    });
    this.resourceId = environment.id;
    this.name = environment.name;
    this.defaultDomain = environment.defaultDomain;
    this.staticIpAddress = environment.staticIpAddress;
    this.dedicatedWorkloadProfileName = profile?.name;
    // Console and system logs (with `azure-monitor`) and the environment metrics.
    new DiagnosticSetting(this, 'diagnostics', { ...props.diagnostics, targetResourceId: environment.id });

    // An internal environment publishes no DNS records: a private zone named after its default domain
    // answers `<app>.<default domain>` with the load balancer's IP inside the VNet.
    const zone = new PrivateDnsZone(this, 'dns-zone', { name: environment.defaultDomain, resourceGroupName: props.resourceGroupName });
    new PrivateDnsARecord(this, 'dns-wildcard', {
      name: '*',
      zoneName: zone.name,
      resourceGroupName: props.resourceGroupName,
      ttl: 300,
      records: [environment.staticIpAddress],
    });
    new PrivateDnsZoneVirtualNetworkLink(this, 'dns-link', {
      name: `link-${props.name}`,
      resourceGroupName: props.resourceGroupName,
      privateDnsZoneName: zone.name,
      virtualNetworkId: props.virtualNetworkResourceId,
      registrationEnabled: false,
    });
    this.privateDnsZoneResourceId = zone.id;
  }
}

function workloadProfileProblems(profile: DedicatedWorkloadProfile): string[] {
  const problems: string[] = [];
  if (isKnown(profile.name)) {
    if (profile.name.trim() === '') problems.push('workloadProfile.name must not be empty');
    else if (profile.name.toLowerCase() === CONSUMPTION_WORKLOAD_PROFILE.toLowerCase()) {
      problems.push(`workloadProfile.name must not be '${CONSUMPTION_WORKLOAD_PROFILE}' (the environment's serverless profile has that name)`);
    }
  }
  if (isKnown(profile.type) && !(DEDICATED_PROFILE_TYPES as readonly string[]).includes(profile.type)) {
    problems.push(`workloadProfile.type must be one of ${DEDICATED_PROFILE_TYPES.join(', ')}, got '${profile.type}'`);
  }
  const { minimumCount: min, maximumCount: max } = profile;
  if (isKnown(min) && (!Number.isInteger(min) || min < 0)) problems.push(`workloadProfile.minimumCount must be a whole number, at least 0, got ${min}`);
  if (isKnown(max) && (!Number.isInteger(max) || max < 1)) problems.push(`workloadProfile.maximumCount must be a whole number, at least 1, got ${max}`);
  else if (isKnown(min) && isKnown(max) && Number.isInteger(min) && max < min) {
    problems.push(`workloadProfile.maximumCount (${max}) must be at least minimumCount (${min})`);
  }
  return problems;
}

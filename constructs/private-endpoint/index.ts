import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { isKnown, throwIfProblems } from '../validation';
import { PrivateEndpoint as AzurermPrivateEndpoint } from '@cdktf/provider-azurerm/lib/private-endpoint';
import { ProtectionOptions, lockPrivateEndpoint } from '../governance/protection';
import type { PrivateEndpointOptions } from '../interfaces';

/**
 * Where a private endpoint sits and which DNS zones it registers in. Resource constructs take the named
 * `PrivateEndpointOptions` of constructs/interfaces.ts, which adds the endpoint's name and region.
 */
export interface PrivateEndpointNetworkOptions {
  /** Subnet the endpoint's network interface is placed in. */
  readonly subnetResourceId: string;
  /** Private DNS zones the endpoint registers its records in (the DNS zone group). */
  readonly privateDnsZoneResourceIds: readonly string[];
}

export interface PrivateEndpointProps extends PrivateEndpointNetworkOptions {
  /** Endpoint name; the network interface is named `nic-<name>`. */
  readonly name: string;
  readonly location: string;
  readonly resourceGroupName: string;
  /** Resource the endpoint connects to. */
  readonly targetResourceId: string;
  /** Sub-resource (group id), e.g. `vault`, `blob`, `account`, `azuremonitor`. */
  readonly subresourceName: string;
}

/** A private endpoint with an automatically approved connection and a DNS zone group. */
export class PrivateEndpoint extends Construct {
  /** Endpoint name, as given. */
  readonly name: string;
  readonly resourceId: string;
  /** Private IP address the endpoint was given. */
  readonly privateIpAddress: string;
  /** For `dependsOn` of data-plane operations that must wait until the endpoint and its DNS exist. */
  readonly dependable: ITerraformDependable;

  constructor(scope: Construct, id: string, props: PrivateEndpointProps) {
    super(scope, id);
    if (isKnown(props.privateDnsZoneResourceIds) && props.privateDnsZoneResourceIds.length === 0) {
      throwIfProblems(this.node.path, ['a private endpoint needs at least one private DNS zone, or clients cannot resolve it']);
    }
    const endpoint = new AzurermPrivateEndpoint(this, 'endpoint', {
      name: props.name,
      location: props.location,
      resourceGroupName: props.resourceGroupName,
      subnetId: props.subnetResourceId,
      customNetworkInterfaceName: `nic-${props.name}`,
      privateServiceConnection: {
        name: props.name,
        privateConnectionResourceId: props.targetResourceId,
        subresourceNames: [props.subresourceName],
        isManualConnection: false,
      },
      privateDnsZoneGroup: {
        name: 'default',
        privateDnsZoneIds: [...props.privateDnsZoneResourceIds],
      },
    });
    this.name = props.name;
    this.resourceId = endpoint.id;
    this.dependable = endpoint;
    this.privateIpAddress = endpoint.privateServiceConnection.privateIpAddress;
  }
}

/** What `resourcePrivateEndpoint` needs: the construct's endpoint options, and where its resource lives. */
export interface ResourcePrivateEndpointProps {
  readonly privateEndpoint: PrivateEndpointOptions;
  /** The resource's location: the endpoint's unless `privateEndpoint.location` says otherwise. */
  readonly location: string;
  readonly resourceGroupName: string;
  readonly targetResourceId: string;
  readonly subresourceName: string;
  /** The resource's protection: a locked resource's endpoint gets the same lock. @default the construct defaults */
  readonly protection?: ProtectionOptions;
}

/**
 * The private endpoint of a resource a construct declares (construct id `private-endpoint`), locked like
 * the resource: Azure Verified Modules' lock interface applies a resource's lock to its private endpoints,
 * and a locked service reachable only through its endpoint is cut off without it.
 */
export function resourcePrivateEndpoint(scope: Construct, props: ResourcePrivateEndpointProps): PrivateEndpoint {
  const endpoint = new PrivateEndpoint(scope, 'private-endpoint', {
    ...props.privateEndpoint,
    location: props.privateEndpoint.location ?? props.location,
    resourceGroupName: props.resourceGroupName,
    targetResourceId: props.targetResourceId,
    subresourceName: props.subresourceName,
  });
  lockPrivateEndpoint(endpoint, props.protection);
  return endpoint;
}

import { PrivateEndpoint } from '../../constructs/private-endpoint';
import { onlyResource, synth, testStack } from '../helpers';

const baseProps = {
  name: 'pe-genai-test-sdc-kv',
  location: 'swedencentral',
  resourceGroupName: 'rg-test',
  subnetResourceId: '/subscriptions/x/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/pe',
  privateDnsZoneResourceIds: ['/zones/privatelink.vaultcore.azure.net'],
  targetResourceId: '/target/vault',
  subresourceName: 'vault',
};

describe('PrivateEndpoint', () => {
  test('connects to the target with an auto-approved connection and a DNS zone group', () => {
    const stack = testStack();
    new PrivateEndpoint(stack, 'pe', baseProps);
    const endpoint = onlyResource(synth(stack), 'azurerm_private_endpoint');
    expect(endpoint.subnet_id).toBe(baseProps.subnetResourceId);
    expect(endpoint.custom_network_interface_name).toBe('nic-pe-genai-test-sdc-kv');
    expect(endpoint.private_service_connection).toEqual({
      name: 'pe-genai-test-sdc-kv',
      private_connection_resource_id: '/target/vault',
      subresource_names: ['vault'],
      is_manual_connection: false,
    });
    expect(endpoint.private_dns_zone_group).toEqual({ name: 'default', private_dns_zone_ids: ['/zones/privatelink.vaultcore.azure.net'] });
  });

  test('registers in every zone it is given', () => {
    const stack = testStack();
    new PrivateEndpoint(stack, 'pe', { ...baseProps, privateDnsZoneResourceIds: ['/zones/a', '/zones/b', '/zones/c'] });
    expect(onlyResource(synth(stack), 'azurerm_private_endpoint').private_dns_zone_group.private_dns_zone_ids).toEqual(['/zones/a', '/zones/b', '/zones/c']);
  });

  test('refuses an endpoint without a DNS zone', () => {
    const stack = testStack();
    expect(() => new PrivateEndpoint(stack, 'pe', { ...baseProps, privateDnsZoneResourceIds: [] }))
      .toThrow(/needs at least one private DNS zone/);
  });
});

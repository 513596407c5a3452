import net007 from '../../../policy/rules/net/GAI-NET-007';
import { statusOf } from '../harness';

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

import { Rule, compliant, nonCompliant, unknown } from '../../rule';
import { stringList } from '../cog/_helpers';
import { Cidr, cidrContains, isPrivateAddress, parseCidr } from './_helpers';

const rule: Rule = {
  id: 'GAI-NET-005',
  title: 'Virtual network DNS is Azure-provided or redundant private resolvers',
  severity: 'note',
  rationale: 'Private endpoints only resolve through Azure DNS (directly or via a resolver that forwards to it); a single custom DNS server is a single point of failure, and a public one leaks every lookup and cannot resolve privatelink zones.',
  remediation: 'Leave `dns_servers` empty (Azure DNS), or list at least two resolver addresses inside the VNet or a peered private range (NetworkProps.dnsServers).',
  references: { checkov: ['CKV_AZURE_182', 'CKV_AZURE_183'], psrule: ['Azure.VNET.SingleDNS', 'Azure.VNET.LocalDNS'] },
  appliesTo: ['azurerm_virtual_network'],
  check(vnet) {
    const servers = stringList(vnet, 'dns_servers');
    if (servers.unknown) return unknown('`dns_servers` is only known after apply; expected none or at least two private resolvers');
    if (servers.items.length === 0) return compliant;
    if (servers.items.length === 1) return nonCompliant(`\`dns_servers\` has a single server (${servers.items[0]}); expected none (Azure DNS) or at least two`);
    const spaces = stringList(vnet, 'address_space').items.map(parseCidr).filter((c): c is Cidr => c !== undefined);
    const outside = servers.items.filter((server) => {
      const ip = parseCidr(server);
      if (!ip) return true;
      return !spaces.some((space) => cidrContains(space, ip)) && !isPrivateAddress(server);
    });
    return outside.length > 0
      ? nonCompliant(`\`dns_servers\` has ${outside.join(', ')} outside the VNet and private address space; expected resolvers in the VNet or a peered private range`)
      : compliant;
  },
};

export default rule;

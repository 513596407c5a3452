import { attribute, referencedResource } from '../../graph';
import { Rule, expectAttribute, notApplicable, unknown } from '../../rule';
import { stringAt } from '../cog/_helpers';
import { resourcesInSubnet } from './_helpers';

/** Names that mark a private-endpoint subnet (`snet-genai-dev-sdc-pe`, `private-endpoints`, `snet_pe`). */
const PE_NAME = /(^|[-_.])pe([-_.]|$)|private-?endpoint/i;

const rule: Rule = {
  id: 'GAI-NET-002',
  title: 'Private-endpoint subnet enforces network policies',
  severity: 'warning',
  rationale: 'With private endpoint network policies disabled (the provider default), NSG rules and route tables are ignored for private-endpoint traffic, so the subnet NSG does not protect the PaaS endpoints.',
  remediation: 'Set `private_endpoint_network_policies = "Enabled"` (or "NetworkSecurityGroupEnabled") on subnets that host private endpoints; the Network construct does this for its private-endpoint subnet.',
  references: { mcsb: ['NS-1'] },
  appliesTo: ['azurerm_subnet'],
  check(subnet, { graph }) {
    const name = stringAt(subnet, 'name');
    const hostsEndpoints = graph.referrersOf(subnet, 'azurerm_private_endpoint').some((pe) => referencedResource(graph, pe, 'subnet_id', 'azurerm_subnet') === subnet)
      || resourcesInSubnet(graph, 'azurerm_private_endpoint', 'subnet_id', subnet).some((pe) => attribute(pe, 'subnet_id').kind === 'known');
    if (!hostsEndpoints && name === 'unknown') return unknown('the subnet `name` is only known after apply and no private endpoint in the plan refers to it; cannot tell whether it is a private-endpoint subnet');
    if (!hostsEndpoints && !(name && PE_NAME.test(name))) return notApplicable;
    return expectAttribute(subnet, 'private_endpoint_network_policies', { expected: ['Enabled', 'NetworkSecurityGroupEnabled'], providerDefault: 'Disabled' });
  },
};

export default rule;

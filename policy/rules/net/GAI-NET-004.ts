import { Outcome, Rule, compliant, nonCompliant, notApplicable, unknown } from '../../rule';
import {
  SecurityRuleView, and, anyItem, destinationPorts, fieldIs, isAllow, isInbound, or, portSpecCovers, resourcesInSubnet, securityRules, sources,
  standaloneRulesOf, subnetsOfNsg,
} from './_helpers';

/** Inbound flows a VNet-injected APIM (classic tiers, stv2) needs; verify for v2 tiers. */
const REQUIRED: readonly { readonly source: string; readonly port: number; readonly what: string }[] = [
  { source: 'ApiManagement', port: 3443, what: 'management endpoint' },
  { source: 'AzureLoadBalancer', port: 6390, what: 'infrastructure load balancer probe' },
];

const fromTag = (tag: string) => (prefix: string) => {
  const p = prefix.trim().toLowerCase();
  return p === tag.toLowerCase() || p.startsWith(`${tag.toLowerCase()}.`);
};

const rule: Rule = {
  id: 'GAI-NET-004',
  title: 'NSG of the API Management subnet admits the APIM control plane',
  severity: 'warning',
  rationale: 'A VNet-injected API Management instance is managed through port 3443 from the ApiManagement service tag and health-probed on 6390 from AzureLoadBalancer; without these rules deployments and scaling fail and the instance degrades.',
  remediation: 'Add Inbound Allow TCP rules ApiManagement -> VirtualNetwork:3443 and AzureLoadBalancer -> VirtualNetwork:6390 to the APIM subnet NSG (SUBNET_SECURITY_RULES.apim in constructs/network/security-rules.ts). Requirements are those of the classic (stv2) tiers; verify for v2 tiers.',
  references: {},
  appliesTo: ['azurerm_network_security_group'],
  check(nsg, { graph }) {
    const apims = subnetsOfNsg(graph, nsg).flatMap((subnet) => resourcesInSubnet(graph, 'azurerm_api_management', 'virtual_network_configuration.subnet_id', subnet));
    if (apims.length === 0) return notApplicable;
    const inline = securityRules(nsg);
    if (inline === 'unknown') return unknown('`security_rule` is only known after apply; expected the APIM management and load balancer rules');
    const rules: SecurityRuleView[] = [...inline, ...standaloneRulesOf(graph, nsg).flatMap((r) => securityRules(r) as SecurityRuleView[])];
    const outcomes: Outcome[] = [];
    for (const required of REQUIRED) {
      const verdict = or(...rules.map((r) => and(
        isInbound(r), isAllow(r), fieldIs(r, 'protocol', ['Tcp', '*']),
        anyItem(sources(r), fromTag(required.source)),
        anyItem(destinationPorts(r), (p) => portSpecCovers(p, required.port)),
      )));
      const expected = `an Inbound Allow TCP rule from ${required.source} to port ${required.port} (${required.what}) for ${apims.map((a) => a.address).join(', ')}`;
      if (verdict === false) outcomes.push(nonCompliant(`no rule admits ${required.source} to port ${required.port}; expected ${expected}`));
      if (verdict === 'unknown') outcomes.push(unknown(`rules depend on values known only after apply; expected ${expected}`));
    }
    return outcomes.length > 0 ? outcomes : compliant;
  },
};

export default rule;

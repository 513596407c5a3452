import { ResourceGraph, attribute } from '../../graph';
import { PlanResource } from '../../plan';
import { Rule, compliant, nonCompliant, notApplicable, unknown } from '../../rule';
import { Tri, presence } from '../cog/_helpers';
import { resourcesInSubnet, subnetsOfVnet } from './_helpers';

/** Whether a resource in `subnet` serves public (Internet) ingress. */
function publicIngressIn(graph: ResourceGraph, subnet: PlanResource): { readonly via: string[]; readonly unsure: boolean } {
  const via: string[] = [];
  let unsure = false;
  const on = (type: string, path: string) => resourcesInSubnet(graph, type, path, subnet);
  for (const apim of on('azurerm_api_management', 'virtual_network_configuration.subnet_id')) {
    const type = attribute(apim, 'virtual_network_type');
    if (type.kind === 'unknown') unsure = true;
    else if (type.kind === 'known' && type.value === 'External') via.push(apim.address);
  }
  for (const gateway of on('azurerm_application_gateway', 'gateway_ip_configuration.subnet_id')) via.push(gateway.address);
  for (const env of on('azurerm_container_app_environment', 'infrastructure_subnet_id')) {
    const internal = attribute(env, 'internal_load_balancer_enabled');
    if (internal.kind === 'unknown') unsure = true;
    else if (internal.kind === 'absent' || internal.value !== true) via.push(env.address);
  }
  return { via, unsure };
}

const rule: Rule = {
  id: 'GAI-NET-006',
  title: 'Virtual network with public ingress has DDoS Network Protection',
  severity: 'note',
  rationale: 'Public endpoints in a VNet (external API Management, Application Gateway, external Container Apps environment) are only covered by Azure\'s basic infrastructure DDoS protection unless a DDoS protection plan is attached.',
  remediation: 'Attach a plan with `ddos_protection_plan { id, enable = true }` to VNets that host public ingress (often the hub\'s plan), or suppress with the reason (e.g. protection at the front door).',
  references: { azurePolicy: ['94de2ad3'] },
  appliesTo: ['azurerm_virtual_network'],
  check(vnet, { graph }) {
    const found = subnetsOfVnet(graph, vnet).map((s) => publicIngressIn(graph, s));
    const via = found.flatMap((f) => f.via);
    const unsure = found.some((f) => f.unsure);
    if (via.length === 0) return unsure ? unknown('whether the VNet hosts public ingress depends on values known only after apply') : notApplicable;
    const enabled = attribute(vnet, 'ddos_protection_plan.enable');
    const plan = presence(graph, vnet, 'ddos_protection_plan.id');
    const verdict: Tri = enabled.kind === 'unknown' || plan === 'unknown' ? 'unknown' : enabled.kind === 'known' && enabled.value === true && plan === 'set';
    if (verdict === true) return compliant;
    if (verdict === 'unknown') return unknown('`ddos_protection_plan` is only known after apply; expected an enabled plan');
    return nonCompliant(`the VNet hosts public ingress (${via.join(', ')}) but \`ddos_protection_plan\` is not set and enabled; expected a DDoS protection plan`);
  },
};

export default rule;

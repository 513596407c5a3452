import { attribute, blocks, ResourceGraph } from '../../graph';
import { PlanResource } from '../../plan';
import { compliant, nonCompliant, Outcome, Rule, unknown } from '../../rule';
import { resolveTarget } from './_helpers';

/** Resource types that place their own workload in a subnet (a PE subnet must not host them). */
const SUBNET_CONSUMERS = new Set([
  'azurerm_container_app_environment', 'azurerm_api_management', 'azurerm_network_interface', 'azurerm_linux_web_app',
  'azurerm_windows_web_app', 'azurerm_linux_function_app', 'azurerm_windows_function_app', 'azurerm_app_service_virtual_network_swift_connection',
  'azurerm_kubernetes_cluster', 'azurerm_kubernetes_cluster_node_pool', 'azurerm_container_group', 'azurerm_application_gateway',
  'azurerm_bastion_host', 'azurerm_firewall', 'azurerm_virtual_network_gateway', 'azurerm_private_dns_resolver_inbound_endpoint',
  'azurerm_private_dns_resolver_outbound_endpoint', 'azurerm_linux_virtual_machine_scale_set', 'azurerm_windows_virtual_machine_scale_set',
  'azurerm_lb',
]);
/** The verdict depends only on the subnet and the graph: endpoints sharing a subnet reuse it. */
const verdictsByGraph = new WeakMap<ResourceGraph, WeakMap<PlanResource, readonly Outcome[]>>();
const ENFORCED_POLICIES = ['Enabled', 'NetworkSecurityGroupEnabled'];

const rule: Rule = {
  id: 'GAI-PE-004',
  title: 'Private endpoint sits in a dedicated subnet with NSG enforcement',
  severity: 'warning',
  rationale: 'NSG rules apply to private endpoints only when the subnet\'s private endpoint network policies are enabled (the default is Disabled, so NSG rules are silently ignored); a subnet shared with delegated or compute workloads widens who can reach every endpoint in it. That the subnet\'s VNet is linked to the endpoint\'s zones is checked by GAI-PE-003.',
  remediation: 'Place endpoints in the private-endpoints subnet (the Network construct\'s `subnetResourceIds.privateEndpoints`): no delegation, no other workloads, `private_endpoint_network_policies = "Enabled"`, and an `azurerm_subnet_network_security_group_association`.',
  references: {},
  appliesTo: ['azurerm_private_endpoint'],
  check(endpoint, { graph }) {
    const subnet = resolveTarget(endpoint, 'subnet_id', graph, 'azurerm_subnet');
    if (!subnet) {
      const id = attribute(endpoint, 'subnet_id');
      return unknown(`the endpoint's subnet (${id.kind === 'unknown' ? id.expression : id.kind === 'known' ? String(id.value) : 'not set'}) is not in the plan; cannot check it is a dedicated private endpoint subnet`);
    }
    let verdicts = verdictsByGraph.get(graph);
    if (!verdicts) verdictsByGraph.set(graph, verdicts = new WeakMap());
    const cached = verdicts.get(subnet);
    if (cached) return cached;
    const outcomes: Outcome[] = [];
    const delegation = attribute(subnet, 'delegation');
    if (delegation.kind === 'unknown') outcomes.push(unknown(`${subnet.address}: \`delegation\` is only known after apply (${delegation.expression}); expected none`));
    else if (blocks(subnet, 'delegation').length > 0) outcomes.push(nonCompliant(`${subnet.address} is delegated (\`delegation\`); expected a dedicated, undelegated private endpoint subnet`));
    const consumers = graph.referrersOf(subnet).filter((r) => SUBNET_CONSUMERS.has(r.type));
    if (consumers.length > 0) {
      outcomes.push(nonCompliant(`${subnet.address} also hosts ${consumers.map((c) => c.address).join(', ')}; expected a subnet dedicated to private endpoints`));
    }
    const policies = attribute(subnet, 'private_endpoint_network_policies');
    if (policies.kind === 'unknown') outcomes.push(unknown(`${subnet.address}: \`private_endpoint_network_policies\` is only known after apply (${policies.expression}); expected "Enabled"`));
    else if (policies.kind === 'absent') outcomes.push(nonCompliant(`${subnet.address}: \`private_endpoint_network_policies\` is not set, so the provider default "Disabled" applies and the NSG is not enforced on endpoints; expected "Enabled" or "NetworkSecurityGroupEnabled"`));
    else if (!ENFORCED_POLICIES.includes(String(policies.value))) {
      outcomes.push(nonCompliant(`${subnet.address}: \`private_endpoint_network_policies\` is ${JSON.stringify(policies.value)}; expected "Enabled" or "NetworkSecurityGroupEnabled"`));
    }
    if (graph.referrersAt(subnet, 'azurerm_subnet_network_security_group_association', 'subnet_id').length === 0) {
      outcomes.push(nonCompliant(`${subnet.address} has no NSG association; expected an \`azurerm_subnet_network_security_group_association\``));
    }
    const verdict = outcomes.length > 0 ? outcomes : [compliant];
    verdicts.set(subnet, verdict);
    return verdict;
  },
};

export default rule;

import { attribute } from '../../graph';
import { compliant, nonCompliant, Rule, unknown } from '../../rule';

const rule: Rule = {
  id: 'GAI-APIM-001',
  title: 'API Management is injected into a VNet in Internal mode (or private endpoint only)',
  severity: 'error',
  rationale: 'The AI gateway holds the managed identity that can call every model deployment; a public gateway endpoint exposes that path to the Internet, bypassing the private network the platform is built on.',
  remediation: 'Set `virtual_network_type = "Internal"` with `virtual_network_configuration { subnet_id }` (the AI gateway construct does), or for v2 SKUs add a private endpoint and `public_network_access_enabled = false`. "External" needs an edge WAF and a suppression that names it.',
  references: { checkov: ['CKV_AZURE_107'], azurePolicy: ['ef619a2c'], mcsb: ['NS-2'] },
  appliesTo: ['azurerm_api_management'],
  check(apim, { graph }) {
    const type = attribute(apim, 'virtual_network_type');
    if (type.kind === 'unknown') return unknown(`\`virtual_network_type\` is only known after apply (${type.expression}); expected "Internal"`);
    const mode = type.kind === 'known' ? String(type.value) : 'None';
    if (mode === 'Internal') {
      const subnet = attribute(apim, 'virtual_network_configuration.subnet_id');
      return subnet.kind === 'absent'
        ? nonCompliant('`virtual_network_type` is "Internal" but `virtual_network_configuration.subnet_id` is not set')
        : compliant;
    }
    if (mode === 'External') return nonCompliant('`virtual_network_type` is "External": the gateway has a public endpoint; expected "Internal" (or suppress with the fronting WAF named)');
    const endpoints = graph.referrersAt(apim, 'azurerm_private_endpoint', 'private_service_connection.private_connection_resource_id');
    const publicAccess = attribute(apim, 'public_network_access_enabled');
    if (endpoints.length > 0) {
      if (publicAccess.kind === 'known' && publicAccess.value === false) return compliant;
      if (publicAccess.kind === 'unknown') return unknown(`\`public_network_access_enabled\` is only known after apply (${publicAccess.expression}); expected false with the private endpoint`);
      return nonCompliant(`a private endpoint (${endpoints[0].address}) fronts the gateway but \`public_network_access_enabled\` is ${publicAccess.kind === 'known' ? String(publicAccess.value) : 'not set (default true)'}; expected false`);
    }
    return nonCompliant(`\`virtual_network_type\` is ${type.kind === 'absent' ? 'not set (default "None")' : `"${mode}"`} and no private endpoint fronts the gateway; expected "Internal" with \`virtual_network_configuration.subnet_id\``);
  },
};

export default rule;

import { expectAttribute, notApplicable, Rule } from '../../rule';

const rule: Rule = {
  id: 'GAI-APIM-002',
  title: 'API Management fronted by a private endpoint disables public network access',
  severity: 'warning',
  rationale: 'A private endpoint only narrows the path if the public one is closed; with `public_network_access_enabled` left true (the default) the gateway and management plane stay reachable from the Internet.',
  remediation: 'Set `public_network_access_enabled = false` on `azurerm_api_management`. Azure requires it to be true when the service is created: apply the change after the first deployment, and suppress this rule on that first plan with that reason.',
  references: { checkov: ['CKV_AZURE_174'], mcsb: ['NS-2'] },
  appliesTo: ['azurerm_api_management'],
  check(apim, { graph }) {
    const endpoints = graph.referrersAt(apim, 'azurerm_private_endpoint', 'private_service_connection.private_connection_resource_id');
    // Without a private endpoint the instance is VNet-injected or public: GAI-APIM-001 judges that.
    if (endpoints.length === 0) return notApplicable;
    return expectAttribute(apim, 'public_network_access_enabled', { expected: false, providerDefault: true });
  },
};

export default rule;

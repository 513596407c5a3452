import { Rule, attributeRule } from '../../rule';

// azurerm 4.55.0 container_registry_resource.go: `data_endpoint_enabled` Optional, no default (false); Premium only.
const rule: Rule = attributeRule({
  id: 'GAI-ACR-005',
  title: 'Container registry uses dedicated data endpoints',
  severity: 'warning',
  rationale: 'Without dedicated data endpoints, image layers are served from a shared storage endpoint (`*.blob.core.windows.net`), so a client firewall that lets pulls through has to allow every storage account in the region. With them, layers come from `<registry>.<region>.data.azurecr.io`, which the registry\'s private endpoint resolves privately and a firewall can name exactly.',
  remediation: 'Set `data_endpoint_enabled = true` on the Premium registry (the ContainerRegistry construct does).',
  references: { checkov: ['CKV_AZURE_237'], mcsb: ['NS-2'] },
  appliesTo: ['azurerm_container_registry'],
  path: 'data_endpoint_enabled',
  expected: true,
  providerDefault: false,
});

export default rule;

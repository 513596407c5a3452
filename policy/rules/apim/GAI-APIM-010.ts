import { attributeRule, knownString } from '../../rule';

export default attributeRule({
  id: 'GAI-APIM-010',
  title: 'Consumption-tier API Management requests client certificates',
  severity: 'note',
  rationale: 'A Consumption gateway cannot be VNet-injected; client certificates are then the transport-level control that lets backends and policies authenticate callers.',
  remediation: 'Set `client_certificate_enabled = true` when `sku_name` is a Consumption SKU (the platform uses Developer/Premium, where the rule does not apply).',
  references: { checkov: ['CKV_AZURE_152'] },
  appliesTo: ['azurerm_api_management'],
  when: (apim) => (knownString(apim, 'sku_name') ?? '').startsWith('Consumption'),
  path: 'client_certificate_enabled',
  expected: true,
  providerDefault: false,
});

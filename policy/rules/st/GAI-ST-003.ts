import { attributeRule } from '../../rule';

export default attributeRule({
  id: 'GAI-ST-003',
  title: 'Storage account forbids anonymous (public) blob access',
  severity: 'error',
  rationale: 'While `allow_nested_items_to_be_public` is true, one container set to public access publishes the platform\'s documents to anyone with the URL, with no authentication and no audit of who read them.',
  remediation: 'Set `allow_nested_items_to_be_public = false` (the provider default is true).',
  references: { checkov: ['CKV_AZURE_190', 'CKV2_AZURE_47'], psrule: ['Azure.Storage.BlobPublicAccess'], azurePolicy: ['4fa4b6c0'], mcsb: ['NS-2'] },
  appliesTo: ['azurerm_storage_account'],
  path: 'allow_nested_items_to_be_public',
  expected: false,
  providerDefault: true,
});

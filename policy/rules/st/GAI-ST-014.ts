import { attributeRule } from '../../rule';

const NAME = /^[a-z0-9]{3,24}$/;

export default attributeRule({
  id: 'GAI-ST-014',
  title: 'Storage account name is 3-24 lowercase letters and digits',
  severity: 'note',
  rationale: 'Azure rejects any other storage account name at apply time, after the rest of the plan may already have been created; catching it in review keeps the apply atomic.',
  remediation: 'Generate the name with `naming.name(\'storageAccount\')`, which concatenates the parts without hyphens and checks the length.',
  references: { checkov: ['CKV_AZURE_43'], psrule: ['Azure.Storage.Name'] },
  appliesTo: ['azurerm_storage_account'],
  path: 'name',
  test: (name) => typeof name === 'string' && NAME.test(name),
  wanted: '3-24 lowercase letters and digits',
});

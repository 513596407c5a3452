import { attributeRule } from '../../rule';

export default attributeRule({
  id: 'GAI-ST-011',
  title: 'Storage account double-encrypts at the infrastructure layer',
  severity: 'note',
  rationale: 'Infrastructure encryption adds a second AES-256 layer with a different key, so one compromised key or algorithm flaw does not expose the document store; it can only be chosen when the account is created.',
  remediation: 'Set `infrastructure_encryption_enabled = true` (the provider default is false; changing it recreates the account).',
  references: { azurePolicy: ['4733ea7b'], mcsb: ['v2 DP-4'] },
  appliesTo: ['azurerm_storage_account'],
  path: 'infrastructure_encryption_enabled',
  expected: true,
  providerDefault: false,
});

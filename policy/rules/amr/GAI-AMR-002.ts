import { attributeRule } from '../../rule';

export default attributeRule({
  id: 'GAI-AMR-002',
  title: 'Managed Redis accepts only TLS-encrypted client connections',
  severity: 'error',
  rationale: 'With "Plaintext" the cached prompts, completions and credentials cross the network unencrypted.',
  remediation: 'Leave `default_database.client_protocol` unset or set it to "Encrypted" (the default).',
  references: { mcsb: ['DP-3'] },
  appliesTo: ['azurerm_managed_redis'],
  path: 'default_database.client_protocol',
  expected: 'Encrypted',
  providerDefault: 'Encrypted',
});

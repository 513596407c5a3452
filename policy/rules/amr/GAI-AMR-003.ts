import { attributeRule } from '../../rule';

export default attributeRule({
  id: 'GAI-AMR-003',
  title: 'Managed Redis disables access-key authentication',
  severity: 'error',
  rationale: 'Access keys are shared secrets with full data access and no per-caller identity; Entra ID authentication is the only one the platform allows.',
  remediation: 'Leave `default_database.access_keys_authentication_enabled` unset or set it to false (the default), and give workloads Entra ID access policy assignments.',
  references: { mcsb: ['IM-1'] },
  appliesTo: ['azurerm_managed_redis'],
  path: 'default_database.access_keys_authentication_enabled',
  expected: false,
  providerDefault: false,
});

import { attributeRule } from '../../rule';

export default attributeRule({
  id: 'GAI-AMR-004',
  title: 'Managed Redis keeps high availability on',
  severity: 'warning',
  rationale: 'Without high availability the cache runs on a single node with no replica and no SLA; a node failure loses the cache and its data.',
  remediation: 'Leave `high_availability_enabled` unset or true (the default); changing it recreates the cache.',
  references: {},
  appliesTo: ['azurerm_managed_redis'],
  path: 'high_availability_enabled',
  expected: true,
  providerDefault: true,
});

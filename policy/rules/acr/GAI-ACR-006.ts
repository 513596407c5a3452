import { Rule, attributeRule } from '../../rule';

// azurerm 4.55.0 container_registry_resource.go: RetentionPolicy.Status = Enabled only when
// `retention_policy_in_days` > 0; 0 or unset sends no policy.
const rule: Rule = attributeRule({
  id: 'GAI-ACR-006',
  title: 'Container registry purges untagged manifests after a retention period',
  severity: 'note',
  rationale: 'Every push of a moving tag leaves the previous manifest untagged; without a retention policy they accumulate for ever: storage cost, and old vulnerable images still pullable by digest. The provider enables retention only for a positive `retention_policy_in_days` (0 or unset sends no policy).',
  remediation: 'Set `retention_policy_in_days` between 1 and 365 on the Premium registry (the ContainerRegistry construct sets 30, `untaggedRetentionDays`).',
  references: { checkov: ['CKV_AZURE_167'], mcsb: ['AM-3'] },
  appliesTo: ['azurerm_container_registry'],
  path: 'retention_policy_in_days',
  test: (days) => typeof days === 'number' && days > 0,
  wanted: '1-365 (0 disables retention)',
  whenAbsent: '`retention_policy_in_days` is not set, so untagged manifests are kept for ever; expected 1-365',
  examples: {
    compliant: 'resource "azurerm_container_registry" "example" {\n  sku                      = "Premium"\n  retention_policy_in_days = 30\n}',
    nonCompliant: 'resource "azurerm_container_registry" "example" {\n  sku                      = "Premium"\n  retention_policy_in_days = 0\n}',
  },
});

export default rule;

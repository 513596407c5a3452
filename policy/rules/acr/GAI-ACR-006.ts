import { Rule, compliant, nonCompliant, show, unknown } from '../../rule';
import { attribute } from '../../graph';

const rule: Rule = {
  id: 'GAI-ACR-006',
  title: 'Container registry purges untagged manifests after a retention period',
  severity: 'note',
  rationale: 'Every push of a moving tag leaves the previous manifest untagged; without a retention policy they accumulate for ever: storage cost, and old vulnerable images still pullable by digest. The provider enables retention only for a positive `retention_policy_in_days` (0 or unset sends no policy).',
  remediation: 'Set `retention_policy_in_days` between 1 and 365 on the Premium registry (the ContainerRegistry construct sets 30, `untaggedRetentionDays`).',
  references: { checkov: ['CKV_AZURE_167'], mcsb: ['AM-3'] },
  appliesTo: ['azurerm_container_registry'],
  examples: {
    compliant: 'resource "azurerm_container_registry" "example" {\n  sku                      = "Premium"\n  retention_policy_in_days = 30\n}',
    nonCompliant: 'resource "azurerm_container_registry" "example" {\n  sku                      = "Premium"\n  retention_policy_in_days = 0\n}',
  },
  check(registry) {
    // azurerm 4.55.0 container_registry_resource.go: RetentionPolicy.Status = Enabled only when `v.(int) > 0`.
    const days = attribute(registry, 'retention_policy_in_days');
    if (days.kind === 'unknown') return unknown(`\`retention_policy_in_days\` is only known after apply (${days.expression}); expected 1-365`);
    if (days.kind === 'absent') return nonCompliant('`retention_policy_in_days` is not set, so untagged manifests are kept for ever; expected 1-365');
    return typeof days.value === 'number' && days.value > 0
      ? compliant
      : nonCompliant(`\`retention_policy_in_days\` is ${show(days.value)}, which disables retention; expected 1-365`);
  },
};

export default rule;

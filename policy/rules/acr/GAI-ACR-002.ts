import { Rule, attributeRule } from '../../rule';

// azurerm 4.55.0 container_registry_resource.go: `anonymous_pull_enabled` Optional, no default (false).
const rule: Rule = attributeRule({
  id: 'GAI-ACR-002',
  title: 'Container registry does not allow anonymous pull',
  severity: 'error',
  rationale: 'Anonymous pull lets anyone who reaches the registry read every image without authenticating: the orchestrator\'s code, its dependencies and anything baked into its layers. With public network access off that is anyone in a peered network; the images carry no access control of their own.',
  remediation: 'Set `anonymous_pull_enabled = false` or leave it unset (the ContainerRegistry construct sets false).',
  references: { checkov: ['CKV_AZURE_138'], mcsb: ['IM-1', 'NS-2'] },
  appliesTo: ['azurerm_container_registry'],
  path: 'anonymous_pull_enabled',
  expected: false,
  providerDefault: false,
});

export default rule;

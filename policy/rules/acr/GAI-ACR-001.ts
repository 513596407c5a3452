import { Rule, attributeRule } from '../../rule';

// azurerm 4.55.0 container_registry_resource.go: `admin_enabled` Default false.
const rule: Rule = attributeRule({
  id: 'GAI-ACR-001',
  title: 'Container registry admin user is disabled',
  severity: 'error',
  rationale: 'The admin user is a shared username and password with push and pull rights on every repository. It bypasses Entra ID, cannot be scoped or attributed to a person or workload, and its password is readable by anyone who can list the registry\'s credentials; pulls by the orchestrator use its managed identity with AcrPull.',
  remediation: 'Set `admin_enabled = false` (the ContainerRegistry construct always does); grant `AcrPull`/`AcrPush` to identities with `grantPull` instead.',
  references: { checkov: ['CKV_AZURE_137'], mcsb: ['IM-1'] },
  appliesTo: ['azurerm_container_registry'],
  path: 'admin_enabled',
  expected: false,
  providerDefault: false,
});

export default rule;

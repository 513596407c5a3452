import { Rule, attributeRule } from '../../rule';

// azurerm 4.55.0 container_registry_resource.go: `export_policy_enabled` Default true; disabling it needs
// Premium and `public_network_access_enabled = false` (CustomizeDiff).
const rule: Rule = attributeRule({
  id: 'GAI-ACR-003',
  title: 'Container registry artifacts cannot be exported',
  severity: 'warning',
  rationale: 'With the export policy enabled (the provider default), anyone with import rights on another registry, or an export pipeline, can copy the platform\'s images out of the network boundary; private endpoints do not stop a server-side copy. Disabling export keeps the images in this registry.',
  remediation: 'Set `export_policy_enabled = false` together with `public_network_access_enabled = false` on a Premium registry (the ContainerRegistry construct sets both).',
  references: { mcsb: ['DP-2'] },
  appliesTo: ['azurerm_container_registry'],
  path: 'export_policy_enabled',
  expected: false,
  providerDefault: true,
});

export default rule;

import { Rule, attributeRule } from '../../rule';

// azurerm 4.55.0 container_registry_resource.go: `trust_policy_enabled` Default false (Docker Content Trust).
const rule: Rule = attributeRule({
  id: 'GAI-ACR-007',
  title: 'Container registry does not enable the retired Docker Content Trust; images are signed with Notary Project',
  severity: 'warning',
  rationale: 'Docker Content Trust (`trust_policy_enabled`) is deprecated in Azure Container Registry since 2025-03-31 and removed on 2028-03-31; since 2026-05-31 it cannot be enabled on a new registry, so a plan that sets it fails at apply (Learn: "Transition from Docker Content Trust to the Notary Project"). It also signs tags, not digests. Checkov CKV_AZURE_164 still asks for it; this platform departs from that check on purpose: sign images with Notation (Notary Project, OCI signatures stored beside the image, keys in Key Vault) and verify them in the deployment pipeline.',
  remediation: 'Leave `trust_policy_enabled` unset or false; sign the orchestrator image with Notation in CI and pin it by digest (`orchestrator.image`, GAI-ACA-013).',
  references: { mcsb: ['AM-5'] },
  appliesTo: ['azurerm_container_registry'],
  path: 'trust_policy_enabled',
  expected: false,
  providerDefault: false,
});

export default rule;

import { attributeRule } from '../../rule';

export default attributeRule({
  id: 'GAI-DEP-004',
  title: 'Production model deployments do not auto-upgrade to new default versions',
  severity: 'warning',
  rationale: 'Production only: the provider default (OnceNewDefaultVersionAvailable) swaps the model version when Microsoft changes the default, silently changing answers, safety behaviour and token use in production.',
  remediation: 'Set `version_upgrade_option = "NoAutoUpgrade"` or `"OnceCurrentVersionExpired"` on production deployments and upgrade through a reviewed change of `model.version`.',
  references: {},
  appliesTo: ['azurerm_cognitive_deployment'],
  path: 'version_upgrade_option',
  expected: ['NoAutoUpgrade', 'OnceCurrentVersionExpired'],
  providerDefault: 'OnceNewDefaultVersionAvailable',
  when: (_deployment, context) => context.production,
});

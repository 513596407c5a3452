import { Rule, expectAttributes } from '../../rule';

const FLAGS = ['enabled_for_deployment', 'enabled_for_template_deployment', 'enabled_for_disk_encryption'] as const;

const rule: Rule = {
  id: 'GAI-KV-006',
  title: 'Key Vault does not release secrets to VMs, ARM deployments or disk encryption',
  severity: 'note',
  rationale: 'Each `enabled_for_*` flag lets an Azure platform service (VM certificate deployment, ARM template deployments, Azure Disk Encryption) retrieve the vault\'s secrets on behalf of anyone who can deploy such a resource, outside the RBAC grants.',
  remediation: 'Leave `enabled_for_deployment`, `enabled_for_template_deployment` and `enabled_for_disk_encryption` unset or false (the KeyVault construct sets them false); if one is needed, suppress this rule with the reason.',
  references: {},
  appliesTo: ['azurerm_key_vault'],
  check: (vault) => expectAttributes(vault, FLAGS, { expected: false, providerDefault: false, wanted: 'false or unset' }),
};

export default rule;

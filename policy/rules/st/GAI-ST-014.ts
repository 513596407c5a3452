import { Rule, compliant, nonCompliant, unknown, show } from '../../rule';
import { attribute } from '../../graph';

const NAME = /^[a-z0-9]{3,24}$/;

const rule: Rule = {
  id: 'GAI-ST-014',
  title: 'Storage account name is 3-24 lowercase letters and digits',
  severity: 'note',
  rationale: 'Azure rejects any other storage account name at apply time, after the rest of the plan may already have been created; catching it in review keeps the apply atomic.',
  remediation: 'Generate the name with `naming.name(\'storageAccount\')`, which concatenates the parts without hyphens and checks the length.',
  references: { checkov: ['CKV_AZURE_43'], psrule: ['Azure.Storage.Name'] },
  appliesTo: ['azurerm_storage_account'],
  check(account) {
    const name = attribute(account, 'name');
    if (name.kind === 'unknown') return unknown(`\`name\` is only known after apply (${name.expression}); expected 3-24 lowercase letters and digits`);
    if (name.kind === 'absent') return nonCompliant('`name` is not set; expected 3-24 lowercase letters and digits');
    return typeof name.value === 'string' && NAME.test(name.value)
      ? compliant
      : nonCompliant(`\`name\` is ${show(name.value)}; expected 3-24 lowercase letters and digits`);
  },
};

export default rule;

import { attributeRule } from '../../rule';

export default attributeRule({
  id: 'GAI-RAI-005',
  title: 'RAI policy builds on the approved baseline policy',
  severity: 'note',
  rationale: 'Filters not declared in the policy are inherited from `base_policy_name`; "Microsoft.DefaultV2" is the baseline that includes prompt shields and protected-material filters, older bases do not.',
  remediation: 'Set `base_policy_name = "Microsoft.DefaultV2"`.',
  references: {},
  appliesTo: ['azurerm_cognitive_account_rai_policy'],
  path: 'base_policy_name',
  expected: 'Microsoft.DefaultV2',
});

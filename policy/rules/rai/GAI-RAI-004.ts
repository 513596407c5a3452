import { attributeRule } from '../../rule';

export default attributeRule({
  id: 'GAI-RAI-004',
  title: 'RAI policy filters synchronously (mode Default or Blocking)',
  severity: 'warning',
  rationale: 'In `Asynchronous_filter` / `Deferred` mode streamed completions reach the user before the filter has judged them; harmful content is only annotated afterwards. That latency trade-off needs an explicit, recorded decision.',
  remediation: 'Leave `mode` unset or set it to "Default" or "Blocking"; for asynchronous filtering, suppress this rule with the reason the trade-off was accepted.',
  references: {},
  appliesTo: ['azurerm_cognitive_account_rai_policy'],
  path: 'mode',
  expected: ['Default', 'Blocking'],
  providerDefault: 'Default',
});

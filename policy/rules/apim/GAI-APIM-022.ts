import { attribute } from '../../graph';
import { compliant, expectAttribute, nonCompliant, Outcome, Rule } from '../../rule';

const rule: Rule = {
  id: 'GAI-APIM-022',
  title: 'Subscriptions are scoped to a product or an API and disallow tracing',
  severity: 'warning',
  rationale: 'An all-APIs subscription key opens every API on the gateway, including model APIs of other teams; tracing lets the key holder see backend requests, headers and policy internals.',
  remediation: 'Set `product_id` (the team product) or `api_id` on `azurerm_api_management_subscription`, and `allow_tracing = false` (the provider default is true).',
  references: { azurePolicy: ['3aa03346'], mcsb: ['PA-7'] },
  appliesTo: ['azurerm_api_management_subscription'],
  check(subscription) {
    const outcomes: Outcome[] = [];
    const scoped = ['product_id', 'api_id'].some((p) => {
      const v = attribute(subscription, p);
      return v.kind === 'unknown' || (v.kind === 'known' && String(v.value).trim() !== '');
    });
    if (!scoped) outcomes.push(nonCompliant('neither `product_id` nor `api_id` is set: the key is valid for all APIs; expected a product or API scope'));
    const tracing = expectAttribute(subscription, 'allow_tracing', { expected: false, providerDefault: true });
    if (tracing.status !== 'compliant') outcomes.push(tracing);
    return outcomes.length > 0 ? outcomes : compliant;
  },
};

export default rule;

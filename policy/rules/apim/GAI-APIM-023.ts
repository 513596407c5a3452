import { attribute } from '../../graph';
import { compliant, expectAttribute, nonCompliant, Outcome, Rule } from '../../rule';

const SAMPLE_PRODUCTS = ['starter', 'unlimited'];

const rule: Rule = {
  id: 'GAI-APIM-023',
  title: 'Products require subscriptions, approval when published, and are not the sample products',
  severity: 'warning',
  rationale: 'A product without subscriptions admits anonymous calls to its APIs; a published product without approval lets any portal user obtain a key; the sample "starter" and "unlimited" products are unreviewed defaults.',
  remediation: 'On `azurerm_api_management_product` keep `subscription_required = true`, set `approval_required = true` when `published = true`, and use team product ids (from the environment config) rather than `starter` / `unlimited`.',
  references: { psrule: ['Azure.APIM.ProductSubscription', 'Azure.APIM.ProductApproval', 'Azure.APIM.SampleProducts'] },
  appliesTo: ['azurerm_api_management_product'],
  check(product) {
    const outcomes: Outcome[] = [];
    const subscription = expectAttribute(product, 'subscription_required', { expected: true, providerDefault: true });
    if (subscription.status !== 'compliant') outcomes.push(subscription);
    const published = attribute(product, 'published');
    if (published.kind === 'unknown' || (published.kind === 'known' && published.value === true)) {
      const approval = expectAttribute(product, 'approval_required', { expected: true, providerDefault: false });
      if (approval.status !== 'compliant') outcomes.push(approval);
    }
    const id = attribute(product, 'product_id');
    if (id.kind === 'known' && SAMPLE_PRODUCTS.includes(String(id.value).toLowerCase())) {
      outcomes.push(nonCompliant(`\`product_id\` is "${String(id.value)}", a sample product; expected a platform product`));
    }
    return outcomes.length > 0 ? outcomes : compliant;
  },
};

export default rule;

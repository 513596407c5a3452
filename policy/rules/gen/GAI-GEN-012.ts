import { attribute } from '../../graph';
import { PlanResource } from '../../plan';
import { compliant, nonCompliant, notApplicable, Rule, unknown } from '../../rule';
import { attr, findElements } from '../../apim-policy';
import { asModelApi, isOutcome, PAYG_SKUS, PTU_SKUS, TOKEN_LIMIT } from './_helpers';

const rule: Rule = {
  id: 'GAI-GEN-012',
  title: 'Gateway token limits fit the capacity of the deployments behind the API',
  severity: 'note',
  rationale: 'If the per-consumer token limits add up to more tokens per minute than the deployments behind the API provide, consumers within their limits still get 429s and the limits stop being a capacity plan. (The regional quota per model and SKU is not in the plan and is checked by the environment config validation.)',
  remediation: 'Keep the sum over products of `tokens-per-minute` x subscriptions (per-subscription counter keys) at or below the pay-as-you-go `sku.capacity` x 1000 of the deployments on the accounts behind the API, or raise `sku.capacity` in the environment config.',
  references: {},
  appliesTo: ['azurerm_api_management_api'],
  check(api, { graph }) {
    const model = asModelApi(graph, api);
    if (isOutcome(model)) return model;
    let admitted = 0;
    let limited = false;
    for (const policy of model.policies) {
      const limits = findElements(policy.sections.inbound, TOKEN_LIMIT).map((f) => f.element).filter((e) => attr(e, 'tokens-per-minute'));
      if (limits.length === 0) continue; // GAI-GEN-001 reports missing limits
      limited = true;
      const tpm = Number(attr(limits[0], 'tokens-per-minute'));
      if (!Number.isFinite(tpm)) return unknown(`tokens-per-minute "${attr(limits[0], 'tokens-per-minute') ?? ''}" is not a literal number`);
      const perSubscription = /Subscription/i.test(attr(limits[0], 'counter-key') ?? '');
      const product = policy.product ? graph.get(policy.product) : undefined;
      // `names(product_id, product, 'id')` is `refersTo`: a literal equal to the product's id is one it refers to.
      const subscriptions = perSubscription && product
        ? graph.referrersAt(product, 'azurerm_api_management_subscription', 'product_id').length
        : 1;
      admitted += tpm * Math.max(1, subscriptions);
    }
    if (!limited) return notApplicable;
    const accounts = model.target.accounts;
    if (accounts.length === 0) return unknown(`the accounts behind ${api.address} cannot be resolved (${model.target.evidence}), so their capacity is unknown`);
    const deployments = graph.inPlanOrder(accounts.flatMap((a: PlanResource) => graph.referrersAt(a, 'azurerm_cognitive_deployment', 'cognitive_account_id')));
    let capacity = 0;
    let provisioned = false;
    for (const deployment of deployments) {
      const sku = attribute(deployment, 'sku.name');
      const units = attribute(deployment, 'sku.capacity');
      if (sku.kind !== 'known' || units.kind === 'unknown') return unknown(`${deployment.address} \`sku.name\` / \`sku.capacity\` are only known after apply`);
      if (PTU_SKUS.includes(String(sku.value))) provisioned = true;
      else if (PAYG_SKUS.includes(String(sku.value))) capacity += (units.kind === 'known' ? Number(units.value) : 1) * 1000;
    }
    if (admitted <= capacity) return compliant;
    if (provisioned) return unknown(`token limits admit ${admitted} TPM, above the ${capacity} TPM of pay-as-you-go deployments; the provisioned deployments' TPM depends on the model and cannot be derived from the plan`);
    return nonCompliant(`token limits admit ${admitted} tokens per minute across products, but the deployments behind the API provide ${capacity} TPM (sku.capacity x 1000)`);
  },
};

export default rule;

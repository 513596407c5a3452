import { Outcome, Rule, compliant, expectAttribute } from '../../rule';

/** Kinds the platform runs: model inference (OpenAI, AIServices/Foundry) and content safety. */
const KINDS = ['OpenAI', 'AIServices', 'ContentSafety'];
/** Standard paid tier; F0 (free) has no SLA and tiny quotas. */
const SKUS = ['S0'];

const rule: Rule = {
  id: 'GAI-COG-008',
  title: 'Cognitive account kind and SKU are on the platform allowlist',
  severity: 'note',
  rationale: 'Other kinds (Speech, Vision, Language ...) are outside the platform\'s reviewed controls, and free tiers have no SLA; each needs its own review before it is deployed.',
  remediation: `Use \`kind\` ${KINDS.join(', ')} with \`sku_name\` ${SKUS.join(', ')}, or suppress with the reason the other kind or SKU was approved.`,
  references: {},
  appliesTo: ['azurerm_cognitive_account'],
  check(account) {
    const outcomes: Outcome[] = [
      expectAttribute(account, 'kind', { expected: KINDS }),
      expectAttribute(account, 'sku_name', { expected: SKUS }),
    ].filter((o) => o.status !== 'compliant');
    return outcomes.length > 0 ? outcomes : compliant;
  },
};

export default rule;

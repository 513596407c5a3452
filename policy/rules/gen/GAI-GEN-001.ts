import { compliant, nonCompliant, Outcome, Rule } from '../../rule';
import { findElements } from '../../apim-policy';
import { asModelApi, isOutcome, TOKEN_LIMIT, tokenLimitGaps, via } from './_helpers';

const rule: Rule = {
  id: 'GAI-GEN-001',
  title: 'Every model API enforces a per-consumer token limit',
  severity: 'error',
  rationale: 'Without a token limit keyed per consumer one team or a runaway client can exhaust the model deployment\'s tokens-per-minute for everyone and run up pay-as-you-go cost; request-count limits do not bound tokens.',
  remediation: 'Put `<llm-token-limit counter-key="@(context.Subscription.Id)" tokens-per-minute="..." estimate-prompt-tokens="true" />` (or `azure-openai-token-limit`, optionally with `token-quota` and `token-quota-period`) in the inbound policy at API or product scope; the AI gateway construct sets it per team product from config.',
  references: {},
  appliesTo: ['azurerm_api_management_api'],
  check(api, { graph }) {
    const model = asModelApi(graph, api);
    if (isOutcome(model)) return model;
    const outcomes: Outcome[] = [];
    for (const policy of model.policies) {
      const limits = findElements(policy.sections.inbound, TOKEN_LIMIT);
      if (limits.length === 0) {
        outcomes.push(nonCompliant(`the effective inbound policy${via(policy)} has no <llm-token-limit> or <azure-openai-token-limit>`));
        continue;
      }
      const gaps = limits.map((l) => tokenLimitGaps(l.element));
      if (!gaps.some((g) => g.length === 0)) outcomes.push(nonCompliant(`<${limits[0].element.name}>${via(policy)} lacks ${gaps[0].join(' and ')}`));
    }
    return outcomes.length > 0 ? outcomes : compliant;
  },
};

export default rule;

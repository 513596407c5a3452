import { compliant, nonCompliant, Outcome, Rule } from '../../rule';
import { findElements } from '../../apim-policy';
import { asModelApi, EMIT_METRIC, isOutcome, via } from './_helpers';

const rule: Rule = {
  id: 'GAI-GEN-002',
  title: 'Every model API emits token metrics with at least one consumer dimension',
  severity: 'warning',
  rationale: 'Token usage per consumer is the basis of chargeback, quota planning and the token-usage workbook; without an emitted metric and a dimension such as the subscription, usage cannot be attributed.',
  remediation: 'Add `<llm-emit-token-metric namespace="..."><dimension name="Subscription ID" /><dimension name="API ID" /></llm-emit-token-metric>` (or `azure-openai-emit-token-metric`) to the inbound policy, with an Application Insights logger and a diagnostic that enables metrics.',
  references: {},
  appliesTo: ['azurerm_api_management_api'],
  check(api, { graph }) {
    const model = asModelApi(graph, api);
    if (isOutcome(model)) return model;
    const outcomes: Outcome[] = [];
    for (const policy of model.policies) {
      const metrics = findElements(policy.sections.inbound, EMIT_METRIC);
      if (metrics.length === 0) outcomes.push(nonCompliant(`the effective inbound policy${via(policy)} has no <llm-emit-token-metric> or <azure-openai-emit-token-metric>`));
      else if (!metrics.some((m) => m.element.children.some((c) => c.name === 'dimension'))) {
        outcomes.push(nonCompliant(`<${metrics[0].element.name}>${via(policy)} has no <dimension>; expected at least one (e.g. Subscription ID)`));
      }
    }
    return outcomes.length > 0 ? outcomes : compliant;
  },
};

export default rule;

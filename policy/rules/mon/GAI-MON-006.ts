import { attribute } from '../../graph';
import { compliant, knownString, nonCompliant, notApplicable, Outcome, Rule, unknown } from '../../rule';
import { watchedMetrics, watches } from './_alerts';

/** Azure OpenAI metrics that reveal throttling (429) and errors (Azure Monitor, Microsoft.CognitiveServices/accounts). */
const THROTTLING_METRICS = ['AzureOpenAIRequests', 'ClientErrors', 'ServerErrors', 'TotalErrors', 'Ratelimit', 'BlockedCalls'];
const PTU_METRICS = ['AzureOpenAIProvisionedManagedUtilizationV2', 'AzureOpenAIProvisionedManagedUtilization', 'ProvisionedManagedUtilizationV2'];
const PTU_SKUS = ['ProvisionedManaged', 'GlobalProvisionedManaged', 'DataZoneProvisionedManaged'];
const MODEL_KINDS = ['OpenAI', 'AIServices'];

const rule: Rule = {
  id: 'GAI-MON-006',
  title: 'Model accounts have throttling and PTU utilization alerts',
  severity: 'warning',
  rationale: 'Throttling (HTTP 429) and server errors on a model account are the first sign that capacity or quota is exhausted; a saturated provisioned (PTU) deployment spills over or fails. Without metric alerts on the account nobody is told before users are.',
  remediation: 'Add `azurerm_monitor_metric_alert` resources whose `scopes` include the account: one on `AzureOpenAIRequests` split by `StatusCode` (429 and 5xx) or `ClientErrors`/`ServerErrors`, and, when it has PTU deployments, one on `AzureOpenAIProvisionedManagedUtilizationV2` > 90 %, all to the platform action group. Metric names follow the Azure Monitor supported-metrics list; verify them there.',
  references: {},
  appliesTo: ['azurerm_cognitive_account'],
  check(account, { graph }) {
    const kind = knownString(account, 'kind');
    // Indexed once per plan: a scan of every deployment for every account grows with the square of the plan.
    const deployments = graph.referrersAt(account, 'azurerm_cognitive_deployment', 'cognitive_account_id');
    if (deployments.length === 0) return notApplicable;
    if (kind === undefined) return unknown('`kind` is only known after apply; cannot tell whether the account serves OpenAI models');
    if (!MODEL_KINDS.includes(kind)) return notApplicable;
    const metrics = watchedMetrics(account, graph);
    const outcomes: Outcome[] = [];
    outcomes.push(watches(metrics, THROTTLING_METRICS)
      ? compliant
      : nonCompliant(`no \`azurerm_monitor_metric_alert\` scoped to the account watches throttling or errors; expected one on ${THROTTLING_METRICS.slice(0, 3).join(' / ')} (429 and 5xx)`));
    const skus = deployments.map((d) => attribute(d, 'sku.name'));
    const ptu = skus.some((s) => s.kind === 'known' && PTU_SKUS.includes(String(s.value)));
    const skuUnknown = skus.find((s) => s.kind === 'unknown');
    if (ptu) {
      outcomes.push(watches(metrics, PTU_METRICS)
        ? compliant
        : nonCompliant(`the account has provisioned (PTU) deployments but no alert on ${PTU_METRICS[0]}; expected one above 90 %`));
    } else if (skuUnknown && skuUnknown.kind === 'unknown' && !watches(metrics, PTU_METRICS)) {
      outcomes.push(unknown(`a deployment \`sku.name\` is only known after apply (${skuUnknown.expression}); a PTU deployment would need an alert on ${PTU_METRICS[0]}`));
    }
    return outcomes;
  },
};

export default rule;

import { compliant, knownString, nonCompliant, Outcome, Rule, unknown } from '../../rule';
import { watchedMetrics, watches } from './_alerts';

/** APIM tiers with the `Capacity` metric (classic, dedicated-unit tiers). */
const CLASSIC_TIERS = ['Developer', 'Basic', 'Standard', 'Premium'];

const rule: Rule = {
  id: 'GAI-MON-007',
  title: 'Gateway and orchestrator have capacity, failure and restart alerts',
  severity: 'note',
  rationale: 'A gateway running out of capacity or failing to reach its backends, and an orchestrator stuck restarting, degrade every AI call; alerts on APIM `Capacity` and backend failures and on Container Apps restarts or replica count turn that into a page instead of a user report.',
  remediation: 'Add `azurerm_monitor_metric_alert` resources scoped to the APIM service (`Capacity` on classic tiers; `Requests` split by `BackendResponseCodeCategory` for backend failures) and to each container app (`RestartCount` or `Replicas`), routed to the platform action group.',
  references: {},
  appliesTo: ['azurerm_api_management', 'azurerm_container_app'],
  check(resource, { graph }) {
    const metrics = watchedMetrics(resource, graph);
    if (resource.type === 'azurerm_container_app') {
      return watches(metrics, ['RestartCount', 'Replicas'])
        ? compliant
        : nonCompliant('no `azurerm_monitor_metric_alert` scoped to the app watches `RestartCount` or `Replicas`; expected one');
    }
    const outcomes: Outcome[] = [];
    const sku = knownString(resource, 'sku_name');
    const tier = sku?.split('_')[0];
    if (sku === undefined) {
      if (!watches(metrics, ['Capacity'])) outcomes.push(unknown('`sku_name` is only known after apply; a classic tier would need a `Capacity` alert'));
    } else if (tier && CLASSIC_TIERS.includes(tier)) {
      outcomes.push(watches(metrics, ['Capacity'])
        ? compliant
        : nonCompliant(`no \`azurerm_monitor_metric_alert\` scoped to the ${tier} tier gateway watches \`Capacity\`; expected one (e.g. above 80 %)`));
    }
    outcomes.push(watches(metrics, ['Requests'], /^BackendResponseCode/i) || watches(metrics, ['FailedRequests'])
      ? compliant
      : nonCompliant('no `azurerm_monitor_metric_alert` scoped to the gateway watches backend failures; expected one on `Requests` split by `BackendResponseCodeCategory` (5xx)'));
    return outcomes;
  },
};

export default rule;

/**
 * Metric alerts and what they watch, for GAI-MON-006/007 (not a rule file).
 */
import { blocks, ResourceGraph } from '../../graph';
import { PlanResource } from '../../plan';

export interface WatchedMetric {
  readonly alert: PlanResource;
  readonly metric: string;
  /** Dimension names the criterion splits or filters by. */
  readonly dimensions: readonly string[];
}

/** Metric alerts whose `scopes` include `target`. */
export function alertsOn(target: PlanResource, graph: ResourceGraph): readonly PlanResource[] {
  return graph.referrersAt(target, 'azurerm_monitor_metric_alert', 'scopes');
}

/** Every metric (static or dynamic criterion) the alerts on `target` watch. */
export function watchedMetrics(target: PlanResource, graph: ResourceGraph): WatchedMetric[] {
  return alertsOn(target, graph).flatMap((alert) => [...blocks(alert, 'criteria'), ...blocks(alert, 'dynamic_criteria')].map((c) => ({
    alert,
    metric: typeof c.metric_name === 'string' ? c.metric_name : '',
    dimensions: (Array.isArray(c.dimension) ? c.dimension : c.dimension ? [c.dimension] : [])
      .map((d) => (d && typeof d === 'object' ? (d as Record<string, unknown>).name : undefined))
      .filter((n): n is string => typeof n === 'string'),
  })));
}

/** Whether any watched metric is named (case-insensitively) one of `names`. */
export function watches(metrics: readonly WatchedMetric[], names: readonly string[], dimension?: RegExp): boolean {
  const wanted = names.map((n) => n.toLowerCase());
  return metrics.some((m) => wanted.includes(m.metric.toLowerCase()) && (!dimension || m.dimensions.some((d) => dimension.test(d))));
}

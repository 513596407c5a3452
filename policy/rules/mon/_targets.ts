/**
 * What a diagnostic setting's `target_resource_id` points at, for the MON rules (not a rule file).
 */
import { ResourceGraph, attribute } from '../../graph';
import { PlanResource } from '../../plan';
import { LogLocation, SERVICES } from '../../../catalog/services';

/**
 * Diagnostic-setting targets (`<type>` or `<type>/<sub-resource>`) with what catalog/services.ts says of
 * their logs and metrics; types without `diagnostics` have both on the resource.
 */
const DIAGNOSTIC_TARGETS: readonly { readonly target: string; readonly logs: LogLocation; readonly metrics: boolean }[] = SERVICES.flatMap((entry) => {
  const d = entry.diagnostics;
  if (!d) return [];
  return [
    { target: entry.type, logs: d.logs, metrics: d.metrics ?? true },
    ...Object.entries(d.subResources ?? {}).map(([path, sub]) => ({ target: `${entry.type}/${path}`, logs: sub.logs, metrics: sub.metrics ?? true })),
  ];
});

/** Resource types whose logs the platform requires on sub-resources, with the paths (GAI-MON-009). */
export const LOGS_REQUIRED_ON: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  SERVICES.filter((e) => e.diagnostics?.logsRequiredOn?.length).map((e) => [e.type, e.diagnostics!.logsRequiredOn!]),
);

/** Types whose diagnostic settings carry no resource logs (metrics only; the entry's `logsOn` says where they are). */
export const WITHOUT_RESOURCE_LOGS: readonly string[] = DIAGNOSTIC_TARGETS.filter((t) => t.logs === 'none').map((t) => t.target);

/** Types whose diagnostic settings carry no platform metrics (logs only). */
export const WITHOUT_PLATFORM_METRICS: readonly string[] = DIAGNOSTIC_TARGETS.filter((t) => !t.metrics).map((t) => t.target);

/**
 * Types whose resource logs have resource-specific tables in Log Analytics (e.g. `AZKVAuditLogs`,
 * `ApiManagementGatewayLogs`). Types that always write resource-specific tables (Storage, Container
 * Registry) or only `AzureDiagnostics` are not listed: the destination type changes nothing for them.
 */
export const RESOURCE_SPECIFIC_TYPES: readonly string[] = DIAGNOSTIC_TARGETS.filter((t) => t.logs === 'resource-specific').map((t) => t.target);

/** Log category groups that send every resource log (`enabled_log { category_group = ... }`). */
export const ALL_LOGS_GROUPS: readonly string[] = ['allLogs', 'audit'];

export type Target =
  | {
    readonly kind: 'resource'; readonly resource: PlanResource; readonly type: string;
    /**
     * Plan JSON keeps the reference of a target known only after apply, but not the path written after it:
     * `type` is then the resource's, and the target may be one of its sub-resources.
     */
    readonly pathUnknown?: true;
  }
  | { readonly kind: 'unresolved'; readonly description: string };

/**
 * The target's type as diagnostic settings see it: the resource's type, or `<type>/<sub-resource>`
 * when the id is extended with a path (e.g. `${azurerm_storage_account.x.id}/blobServices/default`).
 */
export function diagnosticTarget(graph: ResourceGraph, setting: PlanResource): Target {
  const value = attribute(setting, 'target_resource_id');
  if (value.kind === 'absent') return { kind: 'unresolved', description: '`target_resource_id` is not set' };
  // A known value that is not a string (not an id) is read as its text, which `graph.target` would not do.
  const resource = value.kind === 'known' && typeof value.value !== 'string' ? graph.byId(String(value.value)) : graph.target(value);
  // A literal sub-resource id (plan JSON of an existing account): `<account id>/blobServices/default`.
  const sub = !resource && value.kind === 'known' && typeof value.value === 'string' ? SUB_RESOURCE_ID.exec(value.value) : null;
  const parent = sub ? graph.byId(sub[1]) : undefined;
  if (parent && sub) return { kind: 'resource', resource: parent, type: `${parent.type}/${sub[2]}` };
  if (!resource) {
    return { kind: 'unresolved', description: `\`target_resource_id\` (${value.kind === 'known' ? String(value.value) : value.expression}) is not a resource of this plan` };
  }
  if (value.kind === 'unknown' && graph.plan.format === 'terraform-plan') return { kind: 'resource', resource, type: resource.type, pathUnknown: true };
  const rest = value.kind === 'unknown' ? value.expression.replace(/\$\{[^}]*\}/, '').trim() : '';
  return { kind: 'resource', resource, type: rest.startsWith('/') ? `${resource.type}${rest.replace(/\/default$/, '')}` : resource.type };
}

/** `<resource id>/<sub-resource>/default`, the id diagnostic settings take for a sub-resource. */
const SUB_RESOURCE_ID = /^(.+)\/([A-Za-z]+)\/default$/;

/**
 * Diagnostic settings whose `target_resource_id` is a literal sub-resource id of `target`
 * (`<id>/blobServices/default`), which the reference index does not see; indexed once per plan.
 */
export function settingsOnLiteralSubResources(graph: ResourceGraph, target: PlanResource): readonly PlanResource[] {
  const index = graph.memo('mon/_targets/literal-sub-resources', () => {
    const byParent = new Map<PlanResource, PlanResource[]>();
    for (const setting of graph.ofType('azurerm_monitor_diagnostic_setting')) {
      const value = attribute(setting, 'target_resource_id');
      const sub = value.kind === 'known' && typeof value.value === 'string' ? SUB_RESOURCE_ID.exec(value.value) : null;
      const parent = sub ? graph.byId(sub[1]) : undefined;
      if (parent) byParent.set(parent, [...(byParent.get(parent) ?? []), setting]);
    }
    return byParent;
  });
  return index.get(target) ?? [];
}

/**
 * Diagnostic settings whose `target_resource_id` refers to `target` (by reference or literal id), in
 * plan order; indexed once per plan, so rules asking it for every resource stay linear in plan size.
 */
export function settingsTargeting(graph: ResourceGraph, target: PlanResource): readonly PlanResource[] {
  return graph.referrersAt(target, 'azurerm_monitor_diagnostic_setting', 'target_resource_id');
}

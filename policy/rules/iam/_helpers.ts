/**
 * What a role assignment's scope points at, for the role-assignment rules (principals and roles are
 * in `_principals`).
 */
import { ResourceGraph, attribute } from '../../graph';
import { PlanResource } from '../../plan';

/** Re-exported for the stack tests, which read the table here. */
export { FORBIDDEN_ROLES } from './_principals';

export interface ScopeTarget {
  /** The resource of the plan the scope is the id of. */
  readonly resource?: PlanResource;
  /** The Terraform type whose `id` the scope is (a resource or data source outside the plan). */
  readonly terraformType?: string;
  /** `Namespace/type` parsed from a literal ARM id. */
  readonly armType?: string;
  readonly unknown: boolean;
}

/** What a scope points at: a resource of the plan, a Terraform type, or the ARM type of a literal id. */
export function scopeTarget(graph: ResourceGraph, assignment: PlanResource): ScopeTarget {
  const scope = attribute(assignment, 'scope');
  if (scope.kind === 'absent') return { unknown: false };
  const resource = graph.target(scope);
  if (resource) return { resource, unknown: false };
  if (scope.kind === 'unknown') {
    const m = /^\$\{(?:data\.)?(azurerm_[a-z0-9_]+)\.[^.]+\.id\}$/.exec(scope.expression.trim());
    return m ? { terraformType: m[1], unknown: false } : { unknown: true };
  }
  const m = /\/providers\/([^/]+\/[^/]+)\/[^/]+(?:\/([^/]+)\/[^/]+)?\/?$/i.exec(String(scope.value));
  return { armType: m ? m[1] : undefined, unknown: false };
}

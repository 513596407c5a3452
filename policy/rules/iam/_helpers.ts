/**
 * Helpers for the role-assignment rules: which principal an assignment grants to (a managed
 * identity of the plan, the deploying principal, or something else), which role, and what the
 * scope points at.
 */
import { ResourceGraph, addTo, attribute } from '../../graph';
import { PlanResource, UNKNOWN_VALUE } from '../../plan';

/** Broad control-plane roles no workload may hold (FORBIDDEN_ROLES in constructs/identity). */
export const FORBIDDEN_ROLES: Readonly<Record<string, string>> = {
  'Owner': '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
  'Contributor': 'b24988ac-6180-42a0-ab88-20f7382dd24c',
  'User Access Administrator': '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9',
  'Role Based Access Control Administrator': 'f58310d9-a9f6-439a-9e8d-f62e7b41a168',
};

export interface RoleOfAssignment {
  /** The role name, from `role_definition_name` or a known built-in id. */
  readonly name?: string;
  /** The role definition GUID, when `role_definition_id` is known. */
  readonly guid?: string;
  /** The role is given by an expression. */
  readonly unknown: boolean;
}

const GUID = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/?$/i;

/** The role an assignment grants; `names` maps known built-in GUIDs to names. */
export function roleOf(assignment: PlanResource, names: Readonly<Record<string, string>> = {}): RoleOfAssignment {
  const name = attribute(assignment, 'role_definition_name');
  const id = attribute(assignment, 'role_definition_id');
  if (name.kind === 'known' && String(name.value).trim() !== '') return { name: String(name.value).trim(), unknown: false };
  if (id.kind === 'known') {
    const guid = GUID.exec(String(id.value))?.[1]?.toLowerCase();
    const known = guid ? Object.entries(names).find(([, g]) => g.toLowerCase() === guid)?.[0] : undefined;
    return { name: known, guid, unknown: false };
  }
  return { unknown: name.kind === 'unknown' || id.kind === 'unknown' };
}

export type Principal =
  /** A managed identity of the plan: a user-assigned identity, or a resource's own identity. */
  | { readonly kind: 'managed-identity'; readonly resource: PlanResource; readonly userAssigned: boolean }
  /** The principal running Terraform (`data.azurerm_client_config`). */
  | { readonly kind: 'deployer' }
  /** A literal object id (a user, group or identity outside the plan). */
  | { readonly kind: 'other' }
  | { readonly kind: 'unknown'; readonly expression: string };

const RESOURCE_IDENTITY = /\.identity(?:\.0|\[0\])?\.principal_id\b/;

/** Whom an assignment grants its role to. */
export function principalOf(graph: ResourceGraph, assignment: PlanResource): Principal {
  const value = attribute(assignment, 'principal_id');
  if (value.kind === 'absent') return { kind: 'other' };
  if (value.kind === 'unknown') {
    if (value.expression.includes('data.azurerm_client_config.')) return { kind: 'deployer' };
    const target = graph.resolve(value);
    if (target?.type === 'azurerm_user_assigned_identity') return { kind: 'managed-identity', resource: target, userAssigned: true };
    if (target && RESOURCE_IDENTITY.test(value.expression)) return { kind: 'managed-identity', resource: target, userAssigned: false };
    if (value.expression === UNKNOWN_VALUE) {
      const identities = assignment.references.map((a) => graph.get(a)).filter((r): r is PlanResource => r?.type === 'azurerm_user_assigned_identity');
      if (identities.length === 1) return { kind: 'managed-identity', resource: identities[0], userAssigned: true };
    }
    return { kind: 'unknown', expression: value.expression };
  }
  const identity = identitiesByPrincipalId(graph).get(String(value.value).toLowerCase());
  return identity ? { kind: 'managed-identity', resource: identity, userAssigned: true } : { kind: 'other' };
}

/** User-assigned identities by `principal_id`, lowercased (the first in the plan for each), indexed once per plan. */
function identitiesByPrincipalId(graph: ResourceGraph): Map<string, PlanResource> {
  return graph.memo('iam/_helpers/identities-by-principal-id', () => {
    const index = new Map<string, PlanResource>();
    for (const identity of graph.ofType('azurerm_user_assigned_identity')) {
      const id: unknown = identity.values.principal_id;
      if (typeof id === 'string' && !index.has(id.toLowerCase())) index.set(id.toLowerCase(), identity);
    }
    return index;
  });
}

/** Role assignments whose principal is `identity`, in plan order. */
export function assignmentsOf(graph: ResourceGraph, identity: PlanResource): readonly PlanResource[] {
  // Indexed once per plan: rules asking this for every identity stay linear in plan size.
  const index = graph.memo('iam/_helpers/assignments-by-identity', () => {
    const byIdentity = new Map<PlanResource, PlanResource[]>();
    for (const assignment of graph.ofType('azurerm_role_assignment')) {
      const principal = principalOf(graph, assignment);
      if (principal.kind === 'managed-identity') addTo(byIdentity, principal.resource, assignment);
    }
    return byIdentity;
  });
  return index.get(identity) ?? [];
}

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
  // A literal scope: the first resource of the plan it names, looked up rather than scanned for.
  const resource = scope.kind === 'unknown' ? graph.resolve(scope) : graph.inPlanOrder(graph.targetsOf(scope))[0];
  if (resource) return { resource, unknown: false };
  if (scope.kind === 'unknown') {
    const m = /^\$\{(?:data\.)?(azurerm_[a-z0-9_]+)\.[^.]+\.id\}$/.exec(scope.expression.trim());
    return m ? { terraformType: m[1], unknown: false } : { unknown: true };
  }
  const m = /\/providers\/([^/]+\/[^/]+)\/[^/]+(?:\/([^/]+)\/[^/]+)?\/?$/i.exec(String(scope.value));
  return { armType: m ? m[1] : undefined, unknown: false };
}

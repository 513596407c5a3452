/**
 * Who a role assignment is for, which identities a resource calls with, and which role it grants,
 * for GAI-IAM-008..010 (not a rule file).
 */
import { ResourceGraph, addTo, attribute, blocks } from '../../graph';
import { PlanResource } from '../../plan';
import { knownString } from '../../rule';

/** Built-in role ids (the GUID at the end of `role_definition_id`) of the roles these rules name. */
export const BUILT_IN_ROLES: Readonly<Record<string, string>> = {
  '8e3af657-a8ff-443c-a75c-2fe8c4bcb635': 'Owner',
  'b24988ac-6180-42a0-ab88-20f7382dd24c': 'Contributor',
  '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9': 'User Access Administrator',
  'f58310d9-a9f6-439a-9e8d-f62e7b41a168': 'Role Based Access Control Administrator',
  '5e0bd9bd-7b93-4f28-af87-19fc36ad61bd': 'Cognitive Services OpenAI User',
  'a001fd3d-188f-4b5d-821b-7da978bf7442': 'Cognitive Services OpenAI Contributor',
  'a97b65f3-24c7-4388-baec-2e87135dc908': 'Cognitive Services User',
  '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1': 'Storage Blob Data Reader',
  'ba92f5b4-2d11-453d-a403-e96b0029c9fe': 'Storage Blob Data Contributor',
};

/** The role an assignment grants: its name, `undefined` when only known after apply, or the raw id. */
export function roleOf(assignment: PlanResource): { readonly name: string } | { readonly unknown: string } {
  const name = attribute(assignment, 'role_definition_name');
  if (name.kind === 'known') return { name: String(name.value) };
  const id = attribute(assignment, 'role_definition_id');
  if (id.kind === 'known') {
    const guid = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\s*$/i.exec(String(id.value))?.[1]?.toLowerCase();
    return { name: (guid && BUILT_IN_ROLES[guid]) ?? String(id.value) };
  }
  if (name.kind === 'unknown') return { unknown: name.expression };
  return { unknown: id.kind === 'unknown' ? id.expression : 'no role_definition_name or role_definition_id' };
}

export function isRole(role: { readonly name: string } | { readonly unknown: string }, names: readonly string[]): boolean | undefined {
  if ('unknown' in role) return undefined;
  return names.some((n) => n.toLowerCase() === role.name.toLowerCase());
}

/** The principal of a role assignment, as far as the plan tells. */
export type Principal =
  /** A managed identity in the plan: a user-assigned identity, or a resource's system-assigned one. */
  | { readonly kind: 'managed-identity'; readonly holder: PlanResource }
  /** Someone else: the deployer, a group, an identity outside the plan. */
  | { readonly kind: 'other'; readonly detail: string }
  | { readonly kind: 'unknown'; readonly detail: string };

const REFERENCE = /\$\{[^}]*?\b((?:data\.)?[a-z][a-z0-9_]*\.[A-Za-z0-9_-]+)\.([A-Za-z0-9_.[\]]+)/;

export function principalOf(assignment: PlanResource, graph: ResourceGraph): Principal {
  const value = attribute(assignment, 'principal_id');
  if (value.kind === 'absent') return { kind: 'other', detail: 'no `principal_id`' };
  if (value.kind === 'unknown') {
    const m = REFERENCE.exec(value.expression);
    if (!m) return { kind: 'unknown', detail: `\`principal_id\` is only known after apply (${value.expression})` };
    const [, address, rest] = m;
    if (address.startsWith('data.')) return { kind: 'other', detail: `\`principal_id\` comes from ${address}, outside the plan` };
    const holder = graph.get(address);
    if (!holder) return { kind: 'unknown', detail: `\`principal_id\` refers to ${address}, which is not in the plan` };
    if (holder.type === 'azurerm_user_assigned_identity' && rest.startsWith('principal_id')) return { kind: 'managed-identity', holder };
    if (/^identity\b/.test(rest)) return { kind: 'managed-identity', holder };
    return { kind: 'other', detail: `\`principal_id\` is ${value.expression}` };
  }
  const holder = holdersByPrincipalId(graph).get(String(value.value).toLowerCase());
  if (holder) return { kind: 'managed-identity', holder };
  return { kind: 'other', detail: `\`principal_id\` ${String(value.value)} is not a managed identity in the plan` };
}

/**
 * Resources by the known principal id of their identity, lowercased (the first in the plan for each):
 * a user-assigned identity's `principal_id`, any other resource's `identity.principal_id`. Indexed
 * once per plan, so looking up literal principals stays linear in plan size.
 */
function holdersByPrincipalId(graph: ResourceGraph): Map<string, PlanResource> {
  return graph.memo('iam/_principals/holders-by-principal-id', () => {
    const index = new Map<string, PlanResource>();
    for (const r of graph.resources) {
      const principal = r.type === 'azurerm_user_assigned_identity' ? knownString(r, 'principal_id') : knownString(r, 'identity.principal_id');
      if (principal !== undefined && !index.has(principal.toLowerCase())) index.set(principal.toLowerCase(), r);
    }
    return index;
  });
}

/** User-assigned identities by literal `id`, lowercased (the first in the plan for each), indexed once per plan. */
function identitiesById(graph: ResourceGraph): Map<string, PlanResource> {
  return graph.memo('iam/_principals/identities-by-id', () => {
    const index = new Map<string, PlanResource>();
    for (const u of graph.ofType('azurerm_user_assigned_identity')) {
      if (typeof u.values.id === 'string' && !index.has(u.values.id.toLowerCase())) index.set(u.values.id.toLowerCase(), u);
    }
    return index;
  });
}

/**
 * The identities a resource acts as: itself (system-assigned) and the user-assigned identities in
 * its `identity` block; `unknown` explains an identity list that cannot be resolved.
 */
export function identitiesOf(resource: PlanResource, graph: ResourceGraph): { readonly holders: PlanResource[]; readonly unknown?: string } {
  const holders: PlanResource[] = [];
  let unresolved: string | undefined;
  const identity = attribute(resource, 'identity');
  if (identity.kind === 'unknown') return { holders, unknown: `\`identity\` is only known after apply (${identity.expression})` };
  for (const block of blocks(resource, 'identity')) {
    const type = typeof block.type === 'string' ? block.type : '';
    if (type.includes('${')) unresolved = `\`identity.type\` is only known after apply (${type})`;
    if (/SystemAssigned/i.test(type)) holders.push(resource);
    const ids = block.identity_ids;
    for (const id of Array.isArray(ids) ? ids : []) {
      const uami = typeof id === 'string' ? graph.resolve({ kind: 'unknown', expression: id })
        ?? identitiesById(graph).get(id.toLowerCase()) : undefined;
      if (uami) holders.push(uami);
      else unresolved = `user-assigned identity ${String(id)} is not in the plan`;
    }
  }
  return { holders, unknown: unresolved };
}

/** Role assignments granting one of `roles` on a scope that refers to `scopeMatches`, to one of `holders`. */
export function grantsTo(graph: ResourceGraph, holders: readonly PlanResource[], roles: readonly string[], scopeMatches: (assignment: PlanResource) => boolean): 'yes' | 'no' | 'unknown' {
  let unknownRole = false;
  for (const assignment of holders.flatMap((holder) => assignmentsTo(graph, holder))) {
    if (!scopeMatches(assignment)) continue;
    const granted = isRole(roleOf(assignment), roles);
    if (granted === true) return 'yes';
    if (granted === undefined) unknownRole = true;
  }
  return unknownRole ? 'unknown' : 'no';
}

/** Role assignments whose principal is the managed identity of `holder`, in plan order. */
function assignmentsTo(graph: ResourceGraph, holder: PlanResource): readonly PlanResource[] {
  // Indexed once per plan: checking every caller's grants by a scan would grow with the square of the plan.
  const index = graph.memo('iam/_principals/assignments-by-holder', () => {
    const byHolder = new Map<PlanResource, PlanResource[]>();
    for (const assignment of graph.ofType('azurerm_role_assignment')) {
      const principal = principalOf(assignment, graph);
      if (principal.kind === 'managed-identity') addTo(byHolder, principal.holder, assignment);
    }
    return byHolder;
  });
  return index.get(holder) ?? [];
}

/**
 * Who a role assignment is for, which role it grants, which assignments a principal holds, and which
 * identities a resource calls with: for the IAM rules, and the gen, key and search rules that look
 * for a principal's assignments (not a rule file).
 */
import { AttributeValue, ResourceGraph, attribute, blocks, refersTo, valueOf } from '../../graph';
import { PlanResource, UNKNOWN_VALUE } from '../../plan';
import { knownString } from '../../rule';
import { FORBIDDEN_ROLE_NAMES, OTHER_BUILT_IN_ROLE_IDS, PLATFORM_ROLE_IDS } from '../../../catalog/roles';

const IDENTITY = 'azurerm_user_assigned_identity';
const ASSIGNMENT = 'azurerm_role_assignment';

/**
 * Built-in role ids (the GUID at the end of `role_definition_id`) and their names: the platform's roles
 * and the others the rules name (catalog/roles.ts).
 */
export const BUILT_IN_ROLES: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries({ ...OTHER_BUILT_IN_ROLE_IDS, ...PLATFORM_ROLE_IDS }).map(([name, id]) => [id, name]),
);

/** Broad control-plane roles no workload may hold (FORBIDDEN_ROLES in constructs/identity), name -> built-in id. */
export const FORBIDDEN_ROLES: Readonly<Record<string, string>> = Object.fromEntries(
  FORBIDDEN_ROLE_NAMES
    .map((name) => [name, Object.keys(BUILT_IN_ROLES).find((guid) => BUILT_IN_ROLES[guid] === name) as string]),
);

/**
 * How an assignment is read. The IAM rules come in two families that read the same attributes
 * differently at the edges; both readings are kept, so that sharing these helpers changes no outcome.
 *
 * - `declared` (GAI-IAM-001..005). Role: the name trimmed (a blank one falls back to the id), or the
 *   built-in role of an id ending in its GUID (and an optional `/`). Principal: the deploying principal
 *   (`data.azurerm_client_config` anywhere in the expression); the resource the expression refers to
 *   first, when it is a user-assigned identity (whatever its attribute) or when an
 *   `identity…principal_id` appears in the expression; in plan JSON, the one user-assigned identity
 *   among the references; a literal principal id of a user-assigned identity.
 * - `resolved` (GAI-IAM-008..010). Role: the name as written, or the built-in role of an id ending in its
 *   GUID (and optional spaces), else the id itself; neither is an unknown role. Principal: from the first
 *   reference only, `<user-assigned identity>.principal_id` or `<resource>.identity…`; a data source (the
 *   deployer included) is a principal outside the plan; a literal principal id of any identity.
 */
export type Reading = 'declared' | 'resolved';

/** The role an assignment grants. */
export interface Role {
  /** The role name, from `role_definition_name` or a built-in id (the `resolved` reading: else the id). */
  readonly name?: string;
  /** The role definition GUID, when `role_definition_id` is known. */
  readonly guid?: string;
  /** Set when the role is only known after apply: the expression (`resolved`: or that no role is given). */
  readonly unknown?: string;
}

const GUID_THEN_SLASH = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/?$/i;
const GUID_THEN_SPACE = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\s*$/i;

/** The role an assignment grants, as `reading` reads it. */
export function roleOf(assignment: PlanResource, reading: Reading): Role {
  const declared = reading === 'declared';
  const name = attribute(assignment, 'role_definition_name');
  const id = attribute(assignment, 'role_definition_id');
  if (name.kind === 'known') {
    const text = String(name.value);
    if (!declared) return { name: text };
    if (text.trim() !== '') return { name: text.trim() };
  }
  if (id.kind === 'known') {
    const text = String(id.value);
    const guid = (declared ? GUID_THEN_SLASH : GUID_THEN_SPACE).exec(text)?.[1]?.toLowerCase();
    const builtIn = guid ? BUILT_IN_ROLES[guid] : undefined;
    return { name: builtIn ?? (declared ? undefined : text), guid };
  }
  const expression = name.kind === 'unknown' ? name.expression : id.kind === 'unknown' ? id.expression : undefined;
  if (expression !== undefined) return { unknown: expression };
  return declared ? {} : { unknown: 'no role_definition_name or role_definition_id' };
}

/** Whether the role is one of `names` (case-insensitive); undefined when it is only known after apply. */
export function isRole(role: Role, names: readonly string[]): boolean | undefined {
  if (role.unknown !== undefined) return undefined;
  return names.some((n) => n.toLowerCase() === role.name?.toLowerCase());
}

/** The principal of a role assignment, as far as the plan tells. */
export type Principal =
  /** A managed identity of the plan: a user-assigned identity, or a resource's system-assigned one. */
  | { readonly kind: 'managed-identity'; readonly holder: PlanResource }
  /** The principal running Terraform (`data.azurerm_client_config`; the `declared` reading only). */
  | { readonly kind: 'deployer' }
  /** Someone else: a user, group or identity outside the plan. */
  | { readonly kind: 'other'; readonly detail: string }
  | { readonly kind: 'unknown'; readonly expression: string; readonly detail: string };

/** Whom an assignment grants its role to, as `reading` reads it (computed once per graph and assignment). */
export function principalOf(graph: ResourceGraph, assignment: PlanResource, reading: Reading): Principal {
  const cache = graph.memo(`iam/_principals/principal|${reading}`, () => new Map<PlanResource, Principal>());
  let principal = cache.get(assignment);
  if (!principal) cache.set(assignment, (principal = readPrincipal(graph, assignment, reading)));
  return principal;
}

function readPrincipal(graph: ResourceGraph, assignment: PlanResource, reading: Reading): Principal {
  const value = attribute(assignment, 'principal_id');
  if (value.kind === 'absent') return { kind: 'other', detail: 'no `principal_id`' };
  if (value.kind === 'unknown') return reading === 'declared' ? declaredPrincipal(graph, assignment, value.expression) : resolvedPrincipal(graph, value.expression);
  const holders = holdersOfPrincipalId(graph, String(value.value));
  const holder = reading === 'declared' ? holders.find((h) => h.type === IDENTITY) : holders[0];
  return holder ? { kind: 'managed-identity', holder } : { kind: 'other', detail: `\`principal_id\` ${String(value.value)} is not a managed identity in the plan` };
}

const RESOURCE_IDENTITY = /\.identity(?:\.0|\[0\])?\.principal_id\b/;

function declaredPrincipal(graph: ResourceGraph, assignment: PlanResource, expression: string): Principal {
  if (expression.includes('data.azurerm_client_config.')) return { kind: 'deployer' };
  const target = graph.resolve(valueOf(expression));
  if (target?.type === IDENTITY) return { kind: 'managed-identity', holder: target };
  if (target && RESOURCE_IDENTITY.test(expression)) return { kind: 'managed-identity', holder: target };
  if (expression === UNKNOWN_VALUE) {
    const identities = assignment.references.map((a) => graph.get(a)).filter((r): r is PlanResource => r?.type === IDENTITY);
    if (identities.length === 1) return { kind: 'managed-identity', holder: identities[0] };
  }
  return { kind: 'unknown', expression, detail: `\`principal_id\` is only known after apply (${expression})` };
}

const REFERENCE = /\$\{[^}]*?\b((?:data\.)?[a-z][a-z0-9_]*\.[A-Za-z0-9_-]+)\.([A-Za-z0-9_.[\]]+)/;

function resolvedPrincipal(graph: ResourceGraph, expression: string): Principal {
  const m = REFERENCE.exec(expression);
  if (!m) return { kind: 'unknown', expression, detail: `\`principal_id\` is only known after apply (${expression})` };
  const [, address, rest] = m;
  if (address.startsWith('data.')) return { kind: 'other', detail: `\`principal_id\` comes from ${address}, outside the plan` };
  const holder = graph.get(address);
  if (!holder) return { kind: 'unknown', expression, detail: `\`principal_id\` refers to ${address}, which is not in the plan` };
  if (holder.type === IDENTITY && rest.startsWith('principal_id')) return { kind: 'managed-identity', holder };
  if (/^identity\b/.test(rest)) return { kind: 'managed-identity', holder };
  return { kind: 'other', detail: `\`principal_id\` is ${expression}` };
}

/** The known principal id of a resource's identity: a user-assigned identity's `principal_id`, any other's `identity.principal_id`. */
function principalIdOf(resource: PlanResource): string | undefined {
  return resource.type === IDENTITY ? knownString(resource, 'principal_id') : knownString(resource, 'identity.principal_id');
}

/** The resources whose identity has the principal id `id` (case-insensitive), in plan order, indexed once per plan. */
function holdersOfPrincipalId(graph: ResourceGraph, id: string): readonly PlanResource[] {
  return graph.groupBy('iam/_principals/holders-by-principal-id', undefined, (r) => principalIdOf(r)?.toLowerCase()).get(id.toLowerCase()) ?? [];
}

/**
 * The role assignments whose `principal_id` may be the principal of `holder`, in plan order: a superset
 * for each rule to filter with its own test (`assignmentsOf` with a reading, `refersTo`, ...). Those
 * referring to it or naming its literal id, those either reading resolves to it, those giving one of
 * its known principal ids, and (plan JSON) those with an unknown principal that reference it. Indexed
 * once per plan: looking up every principal's assignments by a scan grows with the square of the plan.
 */
export function assignmentsNaming(graph: ResourceGraph, holder: PlanResource): PlanResource[] {
  const index = graph.groupBy('iam/_principals/assignments-naming', ASSIGNMENT, (assignment): (PlanResource | string)[] => {
    const value = attribute(assignment, 'principal_id');
    const keys: (PlanResource | string)[] = graph.targetsOf(value);
    for (const reading of ['declared', 'resolved'] as const) {
      const principal = principalOf(graph, assignment, reading);
      if (principal.kind === 'managed-identity') keys.push(principal.holder);
    }
    if (value.kind === 'known') keys.push(String(value.value).toLowerCase());
    if (value.kind === 'unknown' && value.expression === UNKNOWN_VALUE) {
      keys.push(...assignment.references.map((a) => graph.get(a)).filter((r): r is PlanResource => r !== undefined));
    }
    return keys;
  });
  const ids = [knownString(holder, 'principal_id'), knownString(holder, 'identity.principal_id')].filter((id): id is string => id !== undefined);
  return graph.inPlanOrder([holder, ...ids.map((id) => id.toLowerCase())].flatMap((key) => index.get(key) ?? []));
}

/** Role assignments whose principal, as `reading` reads it, is the managed identity of `holder`, in plan order. */
export function assignmentsOf(graph: ResourceGraph, holder: PlanResource, reading: Reading): PlanResource[] {
  return assignmentsNaming(graph, holder).filter((assignment) => {
    const principal = principalOf(graph, assignment, reading);
    return principal.kind === 'managed-identity' && principal.holder === holder;
  });
}

/** Role assignments whose `principal_id` refers to one of `principals` (`refersTo`), in plan order. */
export function assignmentsReferring(graph: ResourceGraph, principals: readonly PlanResource[]): PlanResource[] {
  return graph.inPlanOrder(principals.flatMap((p) => assignmentsNaming(graph, p).filter((a) => refersTo(attribute(a, 'principal_id'), p))));
}

/** User-assigned identities by literal `id`, lowercased (the first in the plan for each), indexed once per plan. */
function identityWithId(graph: ResourceGraph, id: string): PlanResource | undefined {
  const index = graph.groupBy('iam/_principals/identities-by-id', IDENTITY, (u) => (typeof u.values.id === 'string' ? u.values.id.toLowerCase() : undefined));
  return index.get(id.toLowerCase())?.[0];
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
      const uami = typeof id === 'string' ? graph.resolve(valueOf(id)) ?? identityWithId(graph, id) : undefined;
      if (uami) holders.push(uami);
      else unresolved = `user-assigned identity ${String(id)} is not in the plan`;
    }
  }
  return { holders, unknown: unresolved };
}

/** Role assignments granting one of `roles` on a scope that refers to `scopeMatches`, to one of `holders` (the `resolved` reading). */
export function grantsTo(graph: ResourceGraph, holders: readonly PlanResource[], roles: readonly string[], scopeMatches: (assignment: PlanResource) => boolean): 'yes' | 'no' | 'unknown' {
  let unknownRole = false;
  for (const assignment of holders.flatMap((holder) => assignmentsOf(graph, holder, 'resolved'))) {
    if (!scopeMatches(assignment)) continue;
    const granted = isRole(roleOf(assignment, 'resolved'), roles);
    if (granted === true) return 'yes';
    if (granted === undefined) unknownRole = true;
  }
  return unknownRole ? 'unknown' : 'no';
}

/** User-assigned identities by `client_id`, lowercased, indexed once per plan. */
function identitiesByClientId(graph: ResourceGraph): ReadonlyMap<string, readonly PlanResource[]> {
  return graph.groupBy('iam/_principals/identities-by-client-id', 'azurerm_user_assigned_identity', (identity) => (typeof identity.values.client_id === 'string' ? identity.values.client_id.toLowerCase() : undefined));
}

/**
 * The in-plan resource (of `type`, when given) a value points at: by `${...}` reference or (plan JSON)
 * a literal id (`graph.target`), or a user-assigned identity's client id, whichever comes first in
 * the plan; a known value other than a string is neither.
 */
export function resolveValue(value: AttributeValue, graph: ResourceGraph, type?: string): PlanResource | undefined {
  if (value.kind !== 'known') return graph.target(value, type);
  if (typeof value.value !== 'string') return undefined;
  const byClientId = (identitiesByClientId(graph).get(value.value.toLowerCase()) ?? []).filter((r) => !type || r.type === type);
  return graph.inPlanOrder([graph.target(value, type), ...byClientId].filter((r): r is PlanResource => r !== undefined))[0];
}

/**
 * API Management policy XML as the policy engine sees it: a small ordered tree parsed with a real XML
 * parser (fast-xml-parser, element order and attributes preserved), the effective policy of an API
 * composed from the global, product and API scopes through `<base/>`, and the graph lookups rules
 * need around it (which service, products and backends an API has, and whether it fronts a model).
 *
 * APIM accepts C# policy expressions (`@(...)`, `@{...}`) that are not well-formed XML (generics such
 * as `As<JObject>()`, quotes inside attribute values); they are escaped before parsing, as the gateway
 * does. Terraform interpolations (`${...}`) may appear inside the XML and are kept verbatim: an
 * attribute that contains one is known only after apply (see `isExpression`).
 */
import { AttributeValue, ResourceGraph, addTo, attribute, isExpression, refersTo, soleReference, valueOf } from './graph';
import { PlanResource } from './plan';
import {
  FoundElement, PolicyDocument, PolicyElement, PolicySection, POLICY_SECTIONS, attr, findElements, isPolicyExpression, parsePolicy,
} from '../catalog/apim-policy-xml';
import { MODEL_HOST_PATTERN } from '../catalog/ai-services';

export * from '../catalog/apim-policy-xml';

// ---------------------------------------------------------------------------------------------------
// Policy resources

export const POLICY_TYPES = [
  'azurerm_api_management_policy',
  'azurerm_api_management_product_policy',
  'azurerm_api_management_api_policy',
  'azurerm_api_management_api_operation_policy',
] as const;

/** The policy document of a policy resource, or why it cannot be known from the plan. */
export type PolicySource =
  | { readonly kind: 'parsed'; readonly policy: PolicyDocument }
  | { readonly kind: 'unknown'; readonly reason: string };

/** Reads and parses `xml_content`; `xml_link`, an expression or XML that does not parse is unknown. */
export function policyOf(resource: PlanResource): PolicySource {
  const content = attribute(resource, 'xml_content');
  if (content.kind === 'absent') {
    const link = attribute(resource, 'xml_link');
    return link.kind === 'absent'
      ? { kind: 'unknown', reason: `${resource.address} sets neither xml_content nor xml_link` }
      : { kind: 'unknown', reason: `${resource.address} loads its policy from xml_link, which the plan does not contain` };
  }
  const text = content.kind === 'known' ? content.value : content.expression;
  if (typeof text !== 'string') return { kind: 'unknown', reason: `${resource.address} xml_content is not a string` };
  if (!text.trimStart().startsWith('<')) {
    return { kind: 'unknown', reason: `${resource.address} xml_content is only known after apply (${text})` };
  }
  const parsed = parsePolicy(text);
  return parsed.ok
    ? { kind: 'parsed', policy: parsed.policy }
    : { kind: 'unknown', reason: `${resource.address} xml_content is not well-formed policy XML (${parsed.error})` };
}

// ---------------------------------------------------------------------------------------------------
// Graph lookups

/** A lookup by resource, computed once per graph and resource (`name` keys its cache in `graph.memo`). */
function memo<T>(name: string, compute: (graph: ResourceGraph, resource: PlanResource) => T): (graph: ResourceGraph, resource: PlanResource) => T {
  return (graph, resource) => {
    const cache = graph.memo(`apim-policy/${name}`, () => new Map<string, T>());
    if (!cache.has(resource.address)) cache.set(resource.address, compute(graph, resource));
    return cache.get(resource.address) as T;
  };
}

const REFERENCE = /\$\{[^}]*?\b((?:data\.)?[a-z][a-z0-9_]*\.[A-Za-z0-9_-]+)[.}]/g;

/** Keys under which an attribute value is indexed: referenced addresses, the expression, or the literal. */
function valueKeys(value: AttributeValue): string[] {
  if (value.kind === 'unknown') return [`expr:${value.expression}`, ...[...value.expression.matchAll(REFERENCE)].map((m) => `ref:${m[1]}`)];
  if (value.kind === 'known' && typeof value.value === 'string') return [`lit:${value.value.toLowerCase()}`];
  return [];
}

/** The resources of `type` by the `valueKeys` of their attribute `path`, indexed once per plan. */
function indexOf(graph: ResourceGraph, type: string, path: string): ReadonlyMap<string, readonly PlanResource[]> {
  return graph.groupBy(`apim-policy/value-keys|${type}|${path}`, type, (resource) => valueKeys(attribute(resource, path)));
}

/**
 * Resources of `type` whose `path` may designate `target` (by reference, its `nameAttr` or its id): a
 * superset to filter, references first. Unlike `resourcesNaming` it finds references through `valueKeys`,
 * which reads `${module.m.type.name...}` as a reference to `module.m` (and misses indexed addresses):
 * such children are not found. Kept so that effective policies stay as they are; making it
 * `resourcesNaming` would find them.
 */
function candidates(graph: ResourceGraph, type: string, path: string, target: PlanResource, nameAttr: string): readonly PlanResource[] {
  const index = indexOf(graph, type, path);
  const keys = [`ref:${target.address}`];
  const own = attribute(target, nameAttr);
  if (own.kind === 'known' && typeof own.value === 'string') keys.push(`lit:${own.value.toLowerCase()}`);
  const id = target.values.id;
  if (typeof id === 'string' && !id.includes('${')) keys.push(`lit:${id.toLowerCase()}`);
  return [...new Set(keys.flatMap((k) => index.get(k) ?? []))];
}

/**
 * Resources of `type` whose `path` may name `target` (a superset of those `names` holds for, to filter
 * with it), in plan order: those referring to it, and those whose value is its `nameAttr`. Indexed lookups.
 */
export function resourcesNaming(graph: ResourceGraph, type: string, path: string, target: PlanResource, nameAttr = 'name'): PlanResource[] {
  const own = attribute(target, nameAttr);
  const byName = own.kind === 'known' && typeof own.value === 'string' ? graph.withValue(type, path, own.value) : [];
  return graph.inPlanOrder([...graph.referrersAt(target, type, path), ...byName]);
}

/**
 * The resources of `type` a value may name (a superset of those `names` holds for, to filter with it),
 * in plan order: those it refers to, and those whose `nameAttr` is its known value. Indexed lookups.
 */
export function namedBy(graph: ResourceGraph, value: AttributeValue, type: string, nameAttr = 'name'): PlanResource[] {
  const byName = value.kind === 'known' && typeof value.value === 'string' ? graph.withValue(type, nameAttr, value.value) : [];
  return graph.inPlanOrder([...graph.targetsOf(value, type), ...byName]);
}

/** Whether `value` names `target`: a reference to it, or the literal value of its `nameAttr`. */
export function names(value: AttributeValue, target: PlanResource, nameAttr = 'name'): boolean {
  if (refersTo(value, target)) return true;
  if (value.kind !== 'known' || typeof value.value !== 'string') return false;
  const own = attribute(target, nameAttr);
  return own.kind === 'known' && own.value === value.value;
}

/** The `azurerm_api_management` service a child resource (with `api_management_name` or `_id`) belongs to. */
export const serviceOf = memo('service-of', findService);

function findService(graph: ResourceGraph, resource: PlanResource): PlanResource | undefined {
  for (const path of ['api_management_name', 'api_management_id']) {
    const value = attribute(resource, path);
    if (value.kind === 'absent') continue;
    const resolved = graph.resolve(value);
    if (resolved?.type === 'azurerm_api_management') return resolved;
    if (value.kind === 'known' && typeof value.value === 'string') {
      const literal = value.value;
      const match = servicesNamedBy(graph, path, literal).find((s) => (path === 'api_management_name'
        ? names(value, s)
        : refersTo(value, s) || literal.toLowerCase().endsWith(`/service/${String(s.values.name).toLowerCase()}`)));
      if (match) return match;
    }
  }
  // Plan JSON: ids of new resources are unknown, but the configuration references name the service.
  return soleReference(graph, resource, 'azurerm_api_management');
}

/**
 * The services a literal `api_management_name` / `api_management_id` may designate, in plan order: those
 * it refers to, and those named by it (the name, or the name after a `/service/` of the id). A superset
 * to filter, from indexes built once per plan, so that child resources of plan JSON stay linear.
 */
function servicesNamedBy(graph: ResourceGraph, path: string, literal: string): PlanResource[] {
  const type = 'azurerm_api_management';
  if (path === 'api_management_name') return namedBy(graph, { kind: 'known', value: literal }, type);
  const referred = graph.targetsOf({ kind: 'known', value: literal }, type);
  const byName = graph.groupBy('apim-policy/services-by-lowercase-name', type, (service) => String(service.values.name).toLowerCase());
  const lower = literal.toLowerCase();
  const named: PlanResource[] = [];
  for (let at = lower.indexOf('/service/'); at >= 0; at = lower.indexOf('/service/', at + 1)) named.push(...(byName.get(lower.slice(at + '/service/'.length)) ?? []));
  return graph.inPlanOrder([...referred, ...named]);
}

/** Whether two child resources are in the same service (or nothing tells them apart). */
function sameService(graph: ResourceGraph, a: PlanResource, b: PlanResource): boolean {
  const sa = serviceOf(graph, a);
  const sb = serviceOf(graph, b);
  return !sa || !sb || sa === sb;
}

/** A product an API is published in: the product resource when it is in the plan, and its id value. */
export interface ProductRef {
  readonly resource?: PlanResource;
  /** The `product_id` value used by `azurerm_api_management_product_api` (literal or expression). */
  readonly id: AttributeValue;
  readonly label: string;
}

/** Products the API is linked to through `azurerm_api_management_product_api`. */
export function productsOf(graph: ResourceGraph, api: PlanResource): ProductRef[] {
  const refs: ProductRef[] = [];
  for (const link of candidates(graph, 'azurerm_api_management_product_api', 'api_name', api, 'name')) {
    if (!names(attribute(link, 'api_name'), api) || !sameService(graph, link, api)) continue;
    const id = attribute(link, 'product_id');
    const resolved = graph.resolve(id);
    const byLiteral = valueKeys(id).flatMap((k) => indexOf(graph, 'azurerm_api_management_product', 'product_id').get(k) ?? []);
    const resource = [...(resolved ? [resolved] : []), ...byLiteral]
      .find((p) => p.type === 'azurerm_api_management_product' && names(id, p, 'product_id') && sameService(graph, link, p));
    const label = resource?.address ?? (id.kind === 'known' ? String(id.value) : id.kind === 'unknown' ? id.expression : link.address);
    if (!refs.some((r) => r.label === label)) refs.push({ resource, id, label });
  }
  return refs;
}

/** Whether a product policy's `product_id` designates `product`. */
function policyOfProduct(policy: PlanResource, product: ProductRef): boolean {
  const value = attribute(policy, 'product_id');
  if (product.resource) return names(value, product.resource, 'product_id');
  if (value.kind === 'known' && product.id.kind === 'known') return value.value === product.id.value;
  if (value.kind === 'unknown' && product.id.kind === 'unknown') return value.expression === product.id.expression;
  return false;
}

/** `azurerm_api_management_api_policy` resources of the API. */
export function apiPoliciesOf(graph: ResourceGraph, api: PlanResource): PlanResource[] {
  return candidates(graph, 'azurerm_api_management_api_policy', 'api_name', api, 'name')
    .filter((p) => names(attribute(p, 'api_name'), api) && sameService(graph, p, api));
}

/** `azurerm_api_management_product_policy` resources of the product. */
export function productPoliciesOf(graph: ResourceGraph, product: ProductRef): PlanResource[] {
  const type = 'azurerm_api_management_product_policy';
  const pool = product.resource
    ? candidates(graph, type, 'product_id', product.resource, 'product_id')
    : valueKeys(product.id).slice(0, 1).flatMap((k) => indexOf(graph, type, 'product_id').get(k) ?? []);
  return pool.filter((p) => policyOfProduct(p, product));
}

/** `azurerm_api_management_policy` (global scope) resources of the service. */
export function globalPoliciesOf(graph: ResourceGraph, service: PlanResource | undefined): PlanResource[] {
  return [...(globalPoliciesByService(graph).get(service) ?? [])];
}

/** Global policies by the service they apply to (undefined: no service), indexed once per plan so lookups stay linear. */
function globalPoliciesByService(graph: ResourceGraph): ReadonlyMap<PlanResource | undefined, readonly PlanResource[]> {
  const services = graph.ofType('azurerm_api_management');
  return graph.groupBy('apim-policy/global-policies-by-service', 'azurerm_api_management_policy', (policy): (PlanResource | undefined)[] => {
    const own = serviceOf(graph, policy);
    if (own) return [own];
    // A global policy whose service cannot be told applies to the only service, if there is one.
    return services.length <= 1 ? [undefined, ...services] : [];
  });
}

// ---------------------------------------------------------------------------------------------------
// Effective policy

export type PolicyScope = 'global' | 'product' | 'api';

/** An element of an effective policy, with the scope and policy resource it came from. */
export interface EffectiveElement extends PolicyElement {
  readonly scope: PolicyScope;
  readonly source: string;
}

/** One policy document that took part in an effective policy. */
export interface ScopePolicy {
  readonly scope: PolicyScope;
  readonly address: string;
  readonly policy: PolicyDocument;
}

/**
 * The policy a request through the API runs. An API in several products has one per product (the
 * product scope applied is the caller's subscription's), plus one without a product scope when the
 * API does not require a subscription.
 */
export interface EffectivePolicy {
  /** The product this variant applies through (address or product id), undefined for none. */
  readonly product?: string;
  readonly sections: Readonly<Record<PolicySection, readonly EffectiveElement[]>>;
  /** The documents composed, outermost (global) first. */
  readonly scopes: readonly ScopePolicy[];
}

export type EffectivePolicyResult =
  | { readonly kind: 'known'; readonly policies: readonly EffectivePolicy[] }
  | { readonly kind: 'unknown'; readonly reason: string };

/**
 * Composes one child scope onto its parent, section by section: a section the child does not declare
 * is the parent's; in one it declares, each top-level `<base/>` is replaced by the parent's elements
 * and without `<base/>` the parent's elements are dropped.
 */
export function composeScopes(
  parent: Readonly<Record<PolicySection, readonly EffectiveElement[]>>,
  child: ScopePolicy,
): Record<PolicySection, EffectiveElement[]> {
  const result = {} as Record<PolicySection, EffectiveElement[]>;
  for (const section of POLICY_SECTIONS) {
    const own = child.policy.sections[section];
    if (!own) {
      result[section] = [...parent[section]];
      continue;
    }
    result[section] = own.flatMap((e) => (e.name === 'base'
      ? [...parent[section]]
      : [{ ...e, scope: child.scope, source: child.address }]));
  }
  return result;
}

const EMPTY: Readonly<Record<PolicySection, readonly EffectiveElement[]>> = { inbound: [], backend: [], outbound: [], 'on-error': [] };

/** Every element named one of `names` in `policies` (the effective policies of one API), with the policy it is in. */
export function effectiveElements(
  policies: readonly EffectivePolicy[], names: readonly string[], sections: readonly PolicySection[] = POLICY_SECTIONS,
): { readonly policy: EffectivePolicy; readonly element: PolicyElement }[] {
  return policies.flatMap((policy) => sections.flatMap((section) => findElements(policy.sections[section], names).map(({ element }) => ({ policy, element }))));
}

/** The effective policy of an API: global -> product -> API, through `<base/>` (operation policies are ignored). */
export const effectivePolicy = memo('effective-policy', composeEffectivePolicy);

function composeEffectivePolicy(graph: ResourceGraph, api: PlanResource): EffectivePolicyResult {
  const scopePolicy = (scope: PolicyScope, resources: readonly PlanResource[], what: string): ScopePolicy | string | undefined => {
    if (resources.length === 0) return undefined;
    if (resources.length > 1) return `${resources.length} ${what} policies apply (${resources.map((r) => r.address).join(', ')}); only one can`;
    const source = policyOf(resources[0]);
    return source.kind === 'parsed' ? { scope, address: resources[0].address, policy: source.policy } : source.reason;
  };

  const service = serviceOf(graph, api);
  const global = scopePolicy('global', globalPoliciesOf(graph, service), 'global');
  if (typeof global === 'string') return { kind: 'unknown', reason: global };
  const apiScope = scopePolicy('api', apiPoliciesOf(graph, api), 'API');
  if (typeof apiScope === 'string') return { kind: 'unknown', reason: apiScope };

  const products: (ProductRef | undefined)[] = productsOf(graph, api);
  const subscriptionRequired = attribute(api, 'subscription_required');
  const requiresSubscription = subscriptionRequired.kind === 'absent' || (subscriptionRequired.kind === 'known' && subscriptionRequired.value === true);
  if (products.length === 0 || !requiresSubscription) products.push(undefined);

  const policies: EffectivePolicy[] = [];
  for (const product of products) {
    const productScope = product ? scopePolicy('product', productPoliciesOf(graph, product), `product ${product.label}`) : undefined;
    if (typeof productScope === 'string') return { kind: 'unknown', reason: productScope };
    const scopes = [global, productScope, apiScope].filter((s): s is ScopePolicy => s !== undefined);
    let sections: Readonly<Record<PolicySection, readonly EffectiveElement[]>> = EMPTY;
    for (const scope of scopes) sections = composeScopes(sections, scope);
    policies.push({ product: product?.label, sections, scopes });
  }
  return { kind: 'known', policies };
}

// ---------------------------------------------------------------------------------------------------
// Backends and models

export const BACKEND_TYPES = ['azurerm_api_management_backend', 'azapi_resource'] as const;

/** True for an azapi resource that declares an APIM backend (single or pool). */
export function isAzapiBackend(resource: PlanResource): boolean {
  return isAzapiOfType(resource, 'Microsoft.ApiManagement/service/backends');
}

/** Whether an azapi resource declares `armType` (case-insensitive, any API version). */
export function isAzapiOfType(resource: PlanResource, armType: string): boolean {
  const type = attribute(resource, 'type');
  return resource.type === 'azapi_resource' && type.kind === 'known' && typeof type.value === 'string'
    && type.value.toLowerCase().startsWith(`${armType.toLowerCase()}@`);
}

/** The `body` of an azapi resource as an object (azapi 2 objects, or azapi 1 JSON strings). */
export function azapiBody(resource: PlanResource): Record<string, unknown> | undefined {
  const body = resource.values.body;
  if (typeof body === 'string' && !isExpression(body)) {
    try {
      const parsed: unknown = JSON.parse(body);
      return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : undefined;
    } catch {
      return undefined;
    }
  }
  return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined;
}

/** `properties` of an azapi `body` or `sensitive_body` (plan JSON: absent when write-only). */
export function azapiProperties(resource: PlanResource, attributeName: 'body' | 'sensitive_body'): Record<string, unknown> | undefined {
  const raw = attributeName === 'body' ? azapiBody(resource) : resource.values.sensitive_body;
  const props = raw && typeof raw === 'object' ? (raw as Record<string, unknown>).properties : undefined;
  return props && typeof props === 'object' ? (props as Record<string, unknown>) : undefined;
}

const bodyProperties = (resource: PlanResource): Record<string, unknown> => azapiProperties(resource, 'body') ?? {};

const isBackend = (r: PlanResource | undefined): r is PlanResource => r !== undefined && (r.type === 'azurerm_api_management_backend' || isAzapiBackend(r));

/** The backends of one name, in lookup order (azurerm backends, then azapi ones, each in plan order). */
interface NamedBackends {
  readonly all: PlanResource[];
  /** Position in `all`, to pick the first of several lists. */
  readonly rank: Map<PlanResource, number>;
  /** Backends any API may use: azapi ones, and those whose service cannot be told. */
  readonly anyService: PlanResource[];
  /** The other backends, by their service. */
  readonly byService: Map<PlanResource, PlanResource[]>;
}

/**
 * Backends by `name`, split by service, indexed once per plan: every environment of a plan declares
 * the same backend names, so a lookup by name alone would grow with the plan.
 */
function backendsNamed(graph: ResourceGraph, name: string): NamedBackends | undefined {
  return graph.memo('apim-policy/backends-by-name', () => {
    const index = new Map<string, NamedBackends>();
    for (const type of BACKEND_TYPES) {
      for (const backend of graph.ofType(type)) {
        const own = backend.values.name;
        if (!isBackend(backend) || typeof own !== 'string') continue;
        let named = index.get(own);
        if (!named) index.set(own, (named = { all: [], rank: new Map(), anyService: [], byService: new Map() }));
        named.rank.set(backend, named.all.length);
        named.all.push(backend);
        const service = backend.type === 'azapi_resource' ? undefined : serviceOf(graph, backend);
        if (service) addTo(named.byService, service, backend);
        else named.anyService.push(backend);
      }
    }
    return index;
  }).get(name);
}

/** The backend a `backend-id` (or `embeddings-backend-id`) designates, or why it cannot be told. */
export function resolveBackend(graph: ResourceGraph, backendId: string, near?: PlanResource): PlanResource | string {
  if (isPolicyExpression(backendId)) return `backend-id ${backendId} is a policy expression evaluated per request`;
  if (backendId.includes('${')) {
    const resolved = graph.resolve(valueOf(backendId));
    return isBackend(resolved) ? resolved : `backend-id ${backendId} does not resolve to a backend in this plan`;
  }
  const named = backendsNamed(graph, backendId);
  const local = named && firstUsable(named, near ? serviceOf(graph, near) : undefined);
  if (local) return local;
  return `backend-id "${backendId}" is not declared in this plan`;
}

/** The first of the backends an API of `service` may use (`sameService`); any of them when its service cannot be told. */
function firstUsable(named: NamedBackends, service: PlanResource | undefined): PlanResource | undefined {
  if (!service) return named.all[0];
  const firsts = [named.anyService[0], named.byService.get(service)?.[0]].filter((b): b is PlanResource => b !== undefined);
  return firsts.sort((a, b) => (named.rank.get(a) ?? 0) - (named.rank.get(b) ?? 0))[0];
}

/** A member of a backend pool and its priority (1 when the pool gives none). */
export interface PoolService {
  readonly backend: PlanResource;
  readonly priority: number;
}

/** The members of an azapi pool (backend resources, in the pool's order, with their priorities), or why they cannot be told. */
export function poolMembers(graph: ResourceGraph, pool: PlanResource): PoolService[] | string {
  const services = (bodyProperties(pool).pool as { services?: unknown } | undefined)?.services;
  if (!Array.isArray(services) || services.length === 0) return `pool ${pool.address} lists no services in body.properties.pool.services`;
  const priorities = services.map((service) => {
    const priority = (service as { priority?: unknown } | null)?.priority;
    return typeof priority === 'number' ? priority : 1;
  });
  const members: PlanResource[] = [];
  let unresolved = false;
  for (const service of services) {
    const id = (service as { id?: unknown } | null)?.id;
    const member = typeof id === 'string' ? poolMemberBackend(graph, id) : undefined;
    if (member) members.push(member);
    else unresolved = true;
  }
  const withPriority = (backends: readonly PlanResource[]) => backends.map((backend, i) => ({ backend, priority: priorities[i] }));
  if (!unresolved) return withPriority(members);
  // Plan JSON: member ids of new backends are unknown; the configuration references name them, in order.
  const referenced = pool.references.map((a) => graph.get(a)).filter((r): r is PlanResource => r !== undefined && (BACKEND_TYPES as readonly string[]).includes(r.type) && r !== pool);
  return referenced.length === services.length ? withPriority(referenced) : `pool ${pool.address} has members that do not resolve to backends in this plan`;
}

/** The backend a pool service's `id` designates: by reference or literal id, else by the name at its end (`/backends/<name>`). */
function poolMemberBackend(graph: ResourceGraph, id: string): PlanResource | undefined {
  const name = /\/backends\/([^/]+)$/i.exec(id)?.[1];
  const named = name ? resolveBackend(graph, name) : undefined;
  return [graph.resolve(valueOf(id)), typeof named === 'string' ? undefined : named].find(isBackend);
}

/** Whether an azapi_update_resource targets the deployment (by id, as parent, or by name under its account). */
export function updatesDeployment(graph: ResourceGraph, update: PlanResource, deployment: PlanResource): boolean {
  const parent = attribute(update, 'parent_id');
  if (refersTo(attribute(update, 'resource_id'), deployment) || refersTo(parent, deployment)) return true;
  const accountRef = attribute(deployment, 'cognitive_account_id');
  const account = graph.resolve(accountRef);
  const underAccount = account ? refersTo(parent, account) : parent.kind !== 'absent' && JSON.stringify(parent) === JSON.stringify(accountRef);
  const name = attribute(update, 'name');
  return underAccount && (refersTo(name, deployment) || (name.kind === 'known' && name.value === deployment.values.name));
}

/** The azapi_update_resource that may target the deployment (a superset of `updatesDeployment`), in plan order. */
function candidateUpdates(graph: ResourceGraph, deployment: PlanResource): PlanResource[] {
  const type = 'azapi_update_resource';
  return graph.inPlanOrder([
    ...graph.referrersAt(deployment, type, 'resource_id'),
    ...graph.referrersAt(deployment, type, 'parent_id'),
    ...graph.referrersAt(deployment, type, 'name'),
    ...(typeof deployment.values.name === 'string' ? graph.withValue(type, 'name', deployment.values.name) : []),
  ]);
}

/**
 * The azapi_update_resources that patch a deployment (its `spilloverDeploymentName`, say), in plan order:
 * by `resource_id`, as `parent_id`, or by name under its account. GAI-GEN-006 and the request path read it.
 */
export function deploymentUpdates(graph: ResourceGraph, deployment: PlanResource): PlanResource[] {
  return candidateUpdates(graph, deployment).filter((update) => updatesDeployment(graph, update, deployment));
}

/** Names of the `azurerm_cognitive_deployment`s of an account (`unknown` when a name is only known after apply). */
export function deploymentsOf(graph: ResourceGraph, account: PlanResource): { readonly names: Set<string>; readonly unknown: boolean } {
  const names = new Set<string>();
  let unknown = false;
  for (const deployment of graph.referrersAt(account, 'azurerm_cognitive_deployment', 'cognitive_account_id')) {
    const name = attribute(deployment, 'name');
    if (name.kind === 'known' && typeof name.value === 'string') names.add(name.value);
    else unknown = true;
  }
  return { names, unknown };
}

/** Classification of where a backend, URL or API sends requests. */
export type ModelTarget =
  | { readonly kind: 'model'; readonly accounts: readonly PlanResource[]; readonly evidence: string }
  | { readonly kind: 'other' }
  | { readonly kind: 'unknown'; readonly reason: string };

const OTHER: ModelTarget = { kind: 'other' };

function combine(targets: readonly ModelTarget[]): ModelTarget {
  const models = targets.filter((t): t is Extract<ModelTarget, { kind: 'model' }> => t.kind === 'model');
  if (models.length > 0) {
    const accounts = [...new Set(models.flatMap((m) => m.accounts))];
    return { kind: 'model', accounts, evidence: models.map((m) => m.evidence).join('; ') };
  }
  const unknowns = targets.filter((t): t is Extract<ModelTarget, { kind: 'unknown' }> => t.kind === 'unknown');
  if (unknowns.length > 0) return { kind: 'unknown', reason: unknowns.map((u) => u.reason).join('; ') };
  return OTHER;
}

/** Account kinds that serve models (Azure OpenAI, Azure AI Services / Foundry). */
export const MODEL_KINDS = ['OpenAI', 'AIServices'];

/** Whether a cognitive account serves models: its kind is a model kind, or not known from the plan. */
export function isModelAccount(account: PlanResource): boolean {
  const kind = attribute(account, 'kind');
  return kind.kind !== 'known' || MODEL_KINDS.includes(String(kind.value));
}

function accountTarget(accounts: readonly PlanResource[], evidence: string): ModelTarget {
  if (accounts.length > 0 && !accounts.some(isModelAccount)) return OTHER; // e.g. a ContentSafety account
  return { kind: 'model', accounts: accounts.filter(isModelAccount), evidence };
}

/** Whether a URL value points at a model endpoint (literal host, or a reference to a cognitive account). */
export function classifyUrl(graph: ResourceGraph, value: AttributeValue, what: string): ModelTarget {
  if (value.kind === 'absent') return OTHER;
  if (value.kind === 'known') {
    return typeof value.value === 'string' && MODEL_HOST_PATTERN.test(value.value)
      ? accountTarget(accountsByHost(graph, value.value), `${what} is ${value.value}`)
      : OTHER;
  }
  const resolved = graph.resolve(value);
  if (resolved?.type === 'azurerm_cognitive_account') return accountTarget([resolved], `${what} is the endpoint of ${resolved.address}`);
  if (MODEL_HOST_PATTERN.test(value.expression)) return { kind: 'model', accounts: [], evidence: `${what} is ${value.expression}` };
  if (resolved) return OTHER;
  return { kind: 'unknown', reason: `${what} (${value.expression}) is only known after apply` };
}

/** The cognitive accounts a backend designates (through `resource_id` or its URL), whatever their kind. */
export function cognitiveAccountsOf(graph: ResourceGraph, backend: PlanResource): PlanResource[] {
  const found = new Set<PlanResource>();
  // azurerm backends carry `url` / `resource_id`; azapi backends the same under `body.properties`.
  const properties = isAzapiBackend(backend) ? (azapiBody(backend)?.properties ?? {}) as Record<string, unknown> : undefined;
  for (const path of ['resource_id', 'url']) {
    const value = properties ? valueOf(properties[path === 'url' ? 'url' : 'resourceId']) : attribute(backend, path);
    const resolved = graph.resolve(value);
    if (resolved?.type === 'azurerm_cognitive_account') found.add(resolved);
    if (value.kind === 'known' && typeof value.value === 'string') accountsByHost(graph, value.value).forEach((a) => found.add(a));
    if (value.kind === 'known' && path === 'resource_id') graph.targetsOf(value, 'azurerm_cognitive_account').forEach((a) => found.add(a));
  }
  return [...found];
}

/** Cognitive accounts whose custom subdomain appears in a literal model URL. */
function accountsByHost(graph: ResourceGraph, url: string): readonly PlanResource[] {
  const host = /^[a-z]+:\/\/([^./:]+)\./i.exec(url)?.[1]?.toLowerCase();
  if (!host) return [];
  return accountsBySubdomain(graph).get(host) ?? [];
}

/** Cognitive accounts by lowercased `custom_subdomain_name`, indexed once per plan: lookups stay linear in plan size. */
function accountsBySubdomain(graph: ResourceGraph): ReadonlyMap<string, readonly PlanResource[]> {
  return graph.groupBy('apim-policy/accounts-by-subdomain', 'azurerm_cognitive_account', (account) => String(account.values.custom_subdomain_name ?? '').toLowerCase());
}

/** Where a backend resource (azurerm backend, azapi backend or azapi pool) sends requests. */
export function classifyBackend(graph: ResourceGraph, backend: PlanResource, seen: Set<string> = new Set()): ModelTarget {
  if (seen.has(backend.address)) return OTHER;
  seen.add(backend.address);
  if (backend.type === 'azurerm_api_management_backend') {
    const byResource = attribute(backend, 'resource_id');
    const account = graph.resolve(byResource);
    const viaResource: ModelTarget = account?.type === 'azurerm_cognitive_account'
      ? accountTarget([account], `${backend.address} resource_id is ${account.address}`)
      : byResource.kind === 'known' && /\/providers\/microsoft\.cognitiveservices\/accounts\//i.test(String(byResource.value))
        ? { kind: 'model', accounts: [], evidence: `${backend.address} resource_id is a Cognitive Services account` }
        : OTHER;
    return combine([classifyUrl(graph, attribute(backend, 'url'), `${backend.address} url`), viaResource]);
  }
  const props = bodyProperties(backend);
  if (String(props.type ?? '').toLowerCase() === 'pool') {
    const pool = props.pool as { services?: unknown } | undefined;
    const services = Array.isArray(pool?.services) ? pool.services : [];
    if (services.length === 0) return { kind: 'unknown', reason: `pool ${backend.address} lists no services in body.properties.pool.services` };
    return combine(services.map((s, i) => {
      const id = (s as { id?: unknown } | null)?.id;
      if (typeof id !== 'string') return { kind: 'unknown', reason: `pool ${backend.address} service ${i + 1} has no id` };
      const member = poolMemberBackend(graph, id);
      return member ? classifyBackend(graph, member, seen) : { kind: 'unknown', reason: `pool ${backend.address} member ${id} does not resolve to a backend in this plan` };
    }));
  }
  const url = props.url;
  if (url === undefined) return OTHER;
  return classifyUrl(graph, valueOf(url), `${backend.address} body.properties.url`);
}

/** The `set-backend-service` elements of an effective policy (inbound and backend sections). */
export function setBackendServices(policy: EffectivePolicy): FoundElement<EffectiveElement>[] {
  return [...findElements(policy.sections.inbound, ['set-backend-service']), ...findElements(policy.sections.backend, ['set-backend-service'])];
}

/** Where an element's `backend-id` / `base-url` sends requests. */
export function classifySetBackend(graph: ResourceGraph, element: PolicyElement, near: PlanResource): ModelTarget {
  const targets: ModelTarget[] = [];
  const backendId = attr(element, 'backend-id');
  if (backendId !== undefined) {
    const backend = resolveBackend(graph, backendId, near);
    targets.push(typeof backend === 'string' ? { kind: 'unknown', reason: backend } : classifyBackend(graph, backend));
  }
  const baseUrl = attr(element, 'base-url');
  if (baseUrl !== undefined) {
    if (isPolicyExpression(baseUrl)) targets.push({ kind: 'unknown', reason: `base-url ${baseUrl} is a policy expression` });
    else targets.push(classifyUrl(graph, valueOf(baseUrl), 'set-backend-service base-url'));
  }
  return combine(targets);
}

/**
 * Whether an API fronts an Azure OpenAI / AI Services model: its `service_url`, or a
 * `set-backend-service` in its effective policy that resolves to a model backend or a pool of them.
 */
export const modelTargetOf = memo('model-target-of', classifyApi);

function classifyApi(graph: ResourceGraph, api: PlanResource): ModelTarget {
  const targets: ModelTarget[] = [classifyUrl(graph, attribute(api, 'service_url'), `${api.address} service_url`)];
  const result = effectivePolicy(graph, api);
  if (result.kind === 'unknown') targets.push({ kind: 'unknown', reason: result.reason });
  else {
    for (const policy of result.policies) {
      for (const found of setBackendServices(policy)) targets.push(classifySetBackend(graph, found.element, api));
    }
  }
  return combine(targets);
}

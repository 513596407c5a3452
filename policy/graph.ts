/**
 * The resource graph rules evaluate against: resources by address and type, who references whom,
 * and attribute access that distinguishes a known value, an unknown one and an absent one.
 */
import { Plan, PlanResource, UNKNOWN_VALUE } from './plan';

/** An attribute as the plan knows it. */
export type AttributeValue =
  | { readonly kind: 'known'; readonly value: unknown }
  | { readonly kind: 'unknown'; readonly expression: string }
  | { readonly kind: 'absent' };

/** True for strings Terraform evaluates later: cdktf `${...}` expressions and plan unknowns. */
export function isExpression(value: unknown): value is string {
  return typeof value === 'string' && value.includes('${');
}

/**
 * A raw value (an id in a list, a string inside a policy or a request body) as `attribute` would read
 * it: an expression is unknown, null or undefined is absent, anything else is known.
 */
export function valueOf(raw: unknown): AttributeValue {
  if (isExpression(raw)) return { kind: 'unknown', expression: raw };
  return raw === undefined || raw === null ? { kind: 'absent' } : { kind: 'known', value: raw };
}

/**
 * Reads a dotted attribute path (`network_acls.default_action`). Single nested blocks are objects
 * in cdk.tf.json and one-element lists in plan JSON; both are stepped through alike. A numeric
 * segment indexes a list.
 */
export function attribute(resource: PlanResource, path: string): AttributeValue {
  let current: unknown = resource.values;
  for (const segment of path.split('.')) {
    if (isExpression(current)) return { kind: 'unknown', expression: current };
    if (Array.isArray(current) && !/^\d+$/.test(segment)) {
      if (current.length === 0) return { kind: 'absent' };
      current = current[0];
    }
    if (isExpression(current)) return { kind: 'unknown', expression: current };
    if (current === null || typeof current !== 'object') return { kind: 'absent' };
    current = (current as Record<string, unknown>)[segment];
    if (current === undefined || current === null) return { kind: 'absent' };
  }
  if (isExpression(current)) return { kind: 'unknown', expression: current };
  return { kind: 'known', value: current };
}

/** The value at `path` as a list of blocks (absent -> [], single object -> [object]). */
export function blocks(resource: PlanResource, path: string): Record<string, unknown>[] {
  const value = attribute(resource, path);
  if (value.kind !== 'known') return [];
  const list = Array.isArray(value.value) ? value.value : [value.value];
  return list.filter((b): b is Record<string, unknown> => b !== null && typeof b === 'object');
}

/** Appends to the list under `key`, in place (an index where many resources share a key stays linear). */
export function addTo<K, V>(index: Map<K, V[]>, key: K, value: V): void {
  const list = index.get(key);
  if (list) list.push(value);
  else index.set(key, [value]);
}

export class ResourceGraph {
  readonly resources: readonly PlanResource[];
  private readonly byAddress = new Map<string, PlanResource>();
  private readonly byType = new Map<string, PlanResource[]>();
  private readonly referrers = new Map<string, PlanResource[]>();
  private readonly memos = new Map<string, unknown>();

  constructor(readonly plan: Plan) {
    this.resources = plan.resources;
    for (const resource of plan.resources) {
      this.byAddress.set(resource.address, resource);
      const list = this.byType.get(resource.type) ?? [];
      list.push(resource);
      this.byType.set(resource.type, list);
    }
    for (const resource of plan.resources) {
      for (const target of resource.references) {
        const list = this.referrers.get(target) ?? [];
        list.push(resource);
        this.referrers.set(target, list);
      }
    }
  }

  get(address: string): PlanResource | undefined {
    return this.byAddress.get(address);
  }

  ofType(type: string): readonly PlanResource[] {
    return this.byType.get(type) ?? [];
  }

  /** Resources that reference `target` anywhere, optionally only of `type`. */
  referrersOf(target: PlanResource, type?: string): PlanResource[] {
    const list = this.referrers.get(target.address) ?? [];
    return type ? list.filter((r) => r.type === type) : list;
  }

  /**
   * Resources of `type` whose attribute at `path` is the known string `value`, for lookups by literal
   * name (e.g. rules naming their NSG). Indexed on first use, so rules stay linear in plan size.
   */
  withValue(type: string, path: string, value: string): readonly PlanResource[] {
    return this.groupBy(`graph/with-value|${type}|${path}`, type, (resource) => {
      const v = attribute(resource, path);
      return v.kind === 'known' && typeof v.value === 'string' ? v.value : undefined;
    }).get(value) ?? [];
  }

  /**
   * The first resource in plan order (of `type`, when given) whose literal `id` is `id`, case-insensitive,
   * for plans of existing resources. Several may share an id in plan JSON (a subnet and its NSG
   * association, an account and its customer-managed-key resource): without a type, the first is the
   * resource itself, as plan JSON lists it before the resources that extend it.
   */
  byId(id: string, type?: string): PlanResource | undefined {
    return this.literalIds().get(id.toLowerCase())?.find((r) => !type || r.type === type);
  }

  /**
   * Every resource of the plan `resource` waits for on apply: what it references and its `depends_on`,
   * transitively (first-apply ordering: RBAC propagation waits, endpoints before pulls).
   */
  waitsFor(resource: PlanResource): ReadonlySet<PlanResource> {
    const cache = this.memo('graph/waits-for', () => new Map<PlanResource, ReadonlySet<PlanResource>>());
    const cached = cache.get(resource);
    if (cached) return cached;
    const seen = new Set<PlanResource>();
    const queue = [resource];
    while (queue.length > 0) {
      const current = queue.pop()!;
      for (const address of [...current.references, ...current.dependsOn]) {
        const next = this.get(address);
        if (next && !seen.has(next)) {
          seen.add(next);
          queue.push(next);
        }
      }
    }
    cache.set(resource, seen);
    return seen;
  }

  /**
   * `compute()` once per graph under `key`: for plan-wide facts a rule needs on every resource it
   * checks (an index, a set of ids), so the rule stays linear in plan size.
   */
  memo<T>(key: string, compute: () => T): T {
    if (!this.memos.has(key)) this.memos.set(key, compute());
    return this.memos.get(key) as T;
  }

  /**
   * The resources of `types` (every resource when undefined) grouped by the keys `keysOf` gives each
   * (none, one, or several: an array, set or other iterable; a string is one key), built once per
   * graph under `memoKey`. Each list is in the order the resources were visited: type by type in the
   * order given, plan order within a type; a resource is listed once per key however often it gives it.
   */
  groupBy<K>(memoKey: string, types: string | readonly string[] | undefined, keysOf: (resource: PlanResource) => K | Iterable<K> | undefined): ReadonlyMap<K, readonly PlanResource[]> {
    return this.memo(memoKey, () => {
      const index = new Map<K, PlanResource[]>();
      const resources = types === undefined ? this.resources : typeof types === 'string' ? this.ofType(types) : types.flatMap((t) => this.ofType(t));
      for (const resource of resources) {
        const keys = keysOf(resource);
        if (keys === undefined) continue;
        if (typeof keys === 'object' && keys !== null && Symbol.iterator in keys) {
          for (const key of new Set(keys as Iterable<K>)) addTo(index, key, resource);
        } else addTo(index, keys as K, resource);
      }
      return index;
    });
  }

  /**
   * A canonical key for a reference to a resource: the address of the resource it names (a
   * `${type.name.attr}` expression, or a literal id of a resource in the plan), else the lowercased value.
   * Two values with the same key refer to the same resource.
   */
  identityOf(value: string): string {
    const named = this.target(valueOf(value));
    return named ? named.address : value.toLowerCase();
  }

  /**
   * The resources (of `type`, when given) an attribute refers to, in plan order: exactly
   * `ofType(type).filter((r) => refersTo(value, r))` (all of `resources` without a type), by lookup.
   * References anywhere in a string or list count, module-prefixed and indexed addresses included, and a
   * literal id names every resource that has it (in plan JSON an association shares its subnet's id).
   */
  targetsOf(value: AttributeValue, type?: string): PlanResource[] {
    const found = new Set<PlanResource>();
    const visit = (v: unknown): void => {
      if (typeof v === 'string') this.namedIn(v, found);
      else if (Array.isArray(v)) v.forEach(visit);
    };
    if (value.kind === 'unknown') visit(value.expression);
    else if (value.kind === 'known') visit(value.value);
    return this.inPlanOrder(type ? [...found].filter((r) => r.type === type) : found);
  }

  /**
   * The resources of `type` whose attribute at `path` refers to `target`, in plan order: exactly
   * `ofType(type).filter((r) => refersTo(attribute(r, path), target))`, from an index built once per
   * plan and path, so rules stay linear in plan size.
   */
  referrersAt(target: PlanResource, type: string, path: string): readonly PlanResource[] {
    return this.groupBy(`graph/referrers-at|${type}|${path}`, type, (resource) => this.targetsOf(attribute(resource, path))).get(target) ?? [];
  }

  /** `resources` without duplicates, in plan order (the order a scan of the plan finds them in). */
  inPlanOrder(resources: Iterable<PlanResource>): PlanResource[] {
    const unique = [...new Set(resources)];
    if (unique.length < 2) return unique;
    const position = this.memo('graph/plan-order', () => new Map(this.resources.map((r, i) => [r, i])));
    return unique.sort((a, b) => (position.get(a) ?? 0) - (position.get(b) ?? 0));
  }

  /** Adds the resources a string names as `refersTo` reads it: `${<address>.` or `${<address>}`, or a literal id. */
  private namedIn(text: string, found: Set<PlanResource>): void {
    if (!text.includes('${')) {
      for (const resource of this.literalIds().get(text.toLowerCase()) ?? []) found.add(resource);
      return;
    }
    // Any prefix of what follows `${` that ends before a `.` or `}` may be an address: module
    // addresses (`module.m.azurerm_x.y`) have dots of their own. Attribute values are short.
    for (let at = text.indexOf('${'); at !== -1; at = text.indexOf('${', at + 2)) {
      for (let end = at + 3; end < text.length; end++) {
        if (text[end] !== '.' && text[end] !== '}') continue;
        const resource = this.byAddress.get(text.slice(at + 2, end));
        if (resource) found.add(resource);
      }
    }
  }

  /** Every resource by literal id, lowercased (several may share one). */
  private literalIds(): ReadonlyMap<string, readonly PlanResource[]> {
    return this.groupBy('graph/literal-ids', undefined, (resource) => {
      const id: unknown = resource.values.id;
      return typeof id === 'string' && !id.includes('${') ? id.toLowerCase() : undefined;
    });
  }

  /** The resource an attribute's expression points at (the first one), if it is in the plan. */
  resolve(value: AttributeValue): PlanResource | undefined {
    if (value.kind !== 'unknown') return undefined;
    const m = /\$\{[^}]*?\b((?:data\.)?[a-z][a-z0-9_]*\.[A-Za-z0-9_-]+)\./.exec(value.expression);
    return m ? this.byAddress.get(m[1]) : undefined;
  }

  /**
   * The resource of the plan a value points at (of `type`, when given): the one its expression
   * resolves to (`resolve`; nothing when that is of another type), else, for a known value, the first
   * in plan order whose literal id it is (`targetsOf`). An expression that resolves to nothing points
   * at nothing.
   */
  target(value: AttributeValue, type?: string): PlanResource | undefined {
    const named = this.resolve(value);
    if (named) return !type || named.type === type ? named : undefined;
    return value.kind === 'known' ? this.targetsOf(value, type)[0] : undefined;
  }
}

/**
 * Whether an attribute refers to `target`: a `${type.name.attr}` expression naming it, or (in plan
 * JSON, where ids are known) its literal id.
 */
export function refersTo(value: AttributeValue, target: PlanResource): boolean {
  const matches = (v: unknown): boolean => {
    if (typeof v === 'string') {
      if (v.includes(`\${${target.address}.`) || v.includes(`\${${target.address}}`)) return true;
      const id: unknown = target.values.id;
      return typeof id === 'string' && !id.includes('${') && v.toLowerCase() === id.toLowerCase();
    }
    if (Array.isArray(v)) return v.some(matches);
    return false;
  };
  if (value.kind === 'unknown') return matches(value.expression);
  if (value.kind === 'known') return matches(value.value);
  return false;
}

/** How `referencedResource` follows an attribute; each caller states the reading it relies on. */
export interface ReferenceOptions {
  /**
   * Return the resource an expression names even when it is of another type than `type` (callers
   * that report a reference to the wrong kind of resource); otherwise such a reference points at nothing.
   * @default false
   */
  readonly anyType?: boolean;
  /**
   * When the plan only says "known after apply" (plan JSON's unknown token, which names nothing), take
   * the single resource of `type` among the resource's configuration references; otherwise nothing.
   * @default true
   */
  readonly throughReferences?: boolean;
}

/**
 * The one resource of `type` among `resource`'s configuration references, else undefined. Plan JSON loses
 * the reference of a value known only after apply (inside a body, say), but the configuration still names it.
 */
export function soleReference(graph: ResourceGraph, resource: PlanResource, type: string): PlanResource | undefined {
  const candidates = resource.references.map((a) => graph.get(a)).filter((r): r is PlanResource => r?.type === type);
  return candidates.length === 1 ? candidates[0] : undefined;
}

/**
 * The resource of the plan the attribute at `path` points at: through a `${type.name.attr}`
 * expression, or through its literal id (plan JSON of resources that already exist), of `type`
 * unless `options.anyType`; for the plan-JSON unknown token, see `options.throughReferences`.
 */
export function referencedResource(graph: ResourceGraph, resource: PlanResource, path: string, type: string, options: ReferenceOptions = {}): PlanResource | undefined {
  const value = attribute(resource, path);
  if ((options.throughReferences ?? true) && value.kind === 'unknown' && value.expression === UNKNOWN_VALUE) return soleReference(graph, resource, type);
  return (options.anyType ? graph.resolve(value) : undefined) ?? graph.target(value, type);
}

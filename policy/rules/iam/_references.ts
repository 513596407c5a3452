/**
 * Who an attribute refers to, and who refers to a resource through one attribute, answered from
 * indexes built once per plan, for the IAM, KEY, MON and ACA rules (not a rule file): a rule that
 * scans the plan for every resource it checks grows with the square of the plan.
 */
import { AttributeValue, ResourceGraph, attribute } from '../../graph';
import { PlanResource } from '../../plan';

/** Appends to the list under `key` (in place: a resource many refer to stays linear). */
export function addTo<K, V>(index: Map<K, V[]>, key: K, value: V): void {
  const list = index.get(key);
  if (list) list.push(value);
  else index.set(key, [value]);
}

/** Each resource's position in the plan, to answer in the order a scan of the plan would. */
function planOrder(graph: ResourceGraph): Map<PlanResource, number> {
  return graph.memo('iam/_references/plan-order', () => new Map(graph.resources.map((r, i) => [r, i])));
}

/** Resources by literal id, lowercased; all of them, as `refersTo` matches each one of a shared id. */
function byLiteralId(graph: ResourceGraph): Map<string, PlanResource[]> {
  return graph.memo('iam/_references/by-literal-id', () => {
    const index = new Map<string, PlanResource[]>();
    for (const resource of graph.resources) {
      const id: unknown = resource.values.id;
      if (typeof id === 'string' && !id.includes('${')) addTo(index, id.toLowerCase(), resource);
    }
    return index;
  });
}

/** Adds the resources a string names: `${<address>.` or `${<address>}` anywhere in it, or its literal id. */
function addNamed(graph: ResourceGraph, text: string, found: Set<PlanResource>): void {
  if (!text.includes('${')) {
    // `graph.byId` keeps one resource per id; all of them are only looked up when there is one.
    if (graph.byId(text)) for (const resource of byLiteralId(graph).get(text.toLowerCase()) ?? []) found.add(resource);
    return;
  }
  // Every prefix of what follows `${` that ends before a `.` or `}` may be an address: module
  // addresses (`module.m.azurerm_x.y`) have dots of their own. Attribute values are short, so the
  // scan to the end of the string costs little.
  for (let at = text.indexOf('${'); at !== -1; at = text.indexOf('${', at + 1)) {
    const start = at + 2;
    for (let i = start + 1; i < text.length; i++) {
      if (text[i] !== '.' && text[i] !== '}') continue;
      const resource = graph.get(text.slice(start, i));
      if (resource) found.add(resource);
    }
  }
}

/**
 * Every resource `refersTo(value, r)` holds for (in no particular order; `inPlanOrder` sorts): what
 * `graph.resources.filter((r) => refersTo(value, r))` finds, by lookup. Unlike `graph.targetsOf` it also
 * finds module-prefixed addresses and every resource sharing a literal id, as `refersTo` does.
 */
export function namedBy(graph: ResourceGraph, value: AttributeValue): PlanResource[] {
  const found = new Set<PlanResource>();
  const visit = (v: unknown): void => {
    if (typeof v === 'string') addNamed(graph, v, found);
    else if (Array.isArray(v)) v.forEach(visit);
  };
  if (value.kind === 'unknown') visit(value.expression);
  else if (value.kind === 'known') visit(value.value);
  return [...found];
}

/** `resources` deduplicated, in plan order: the first of them is the one a scan of the plan finds first. */
export function inPlanOrder(graph: ResourceGraph, resources: Iterable<PlanResource>): PlanResource[] {
  const unique = [...new Set(resources)];
  if (unique.length < 2) return unique;
  // Positions are only needed when a value names several resources, which is rare: built on demand.
  const order = planOrder(graph);
  return unique.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
}

/**
 * The resources of `type` whose attribute at `path` refers to `target`, in plan order:
 * `graph.ofType(type).filter((r) => refersTo(attribute(r, path), target))`, indexed once per plan
 * for every target, so rules stay linear in plan size.
 */
export function referrersVia(graph: ResourceGraph, type: string, path: string, target: PlanResource): readonly PlanResource[] {
  const index = graph.memo(`iam/_references/referrers-via/${type}|${path}`, () => {
    const byTarget = new Map<PlanResource, PlanResource[]>();
    for (const resource of graph.ofType(type)) {
      for (const named of namedBy(graph, attribute(resource, path))) addTo(byTarget, named, resource);
    }
    return byTarget;
  });
  return index.get(target) ?? [];
}

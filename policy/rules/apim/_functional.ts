/**
 * Helpers of the functional APIM rules (GAI-APIM-026..030): the credentials an azapi body carries (in
 * `body` or the write-only `sensitive_body`) and the `<when>` conditions around a policy element. azapi
 * resources by ARM type, their bodies, pool members and the deployments an account serves are in
 * `policy/apim-policy.ts`, shared with the request path.
 */
import { ResourceGraph, attribute } from '../../graph';
import { PlanResource } from '../../plan';
import { POLICY_TYPES, PolicyElement, attr, azapiProperties, policyOf } from '../../apim-policy';

/** `properties.credentials` merged from `body` and `sensitive_body`; undefined when neither has it. */
export function azapiCredentials(resource: PlanResource): Record<string, unknown> | undefined {
  const parts = [azapiProperties(resource, 'body')?.credentials, azapiProperties(resource, 'sensitive_body')?.credentials]
    .filter((c): c is Record<string, unknown> => c !== null && typeof c === 'object');
  return parts.length === 0 ? undefined : Object.assign({}, ...parts) as Record<string, unknown>;
}

/** An element found with the `<when>` conditions enclosing it (outermost first). */
export interface Guarded {
  readonly element: PolicyElement;
  readonly conditions: readonly string[];
  readonly topIndex: number;
}

/** Every element named `name` in `elements`, with the conditions of the `<when>`s around it. */
export function guardedElements(elements: readonly PolicyElement[], name: string): Guarded[] {
  const found: Guarded[] = [];
  const visit = (element: PolicyElement, conditions: readonly string[], topIndex: number) => {
    if (element.name.toLowerCase() === name) found.push({ element, conditions, topIndex });
    const inner = element.name === 'when' ? [...conditions, attr(element, 'condition') ?? ''] : conditions;
    element.children.forEach((child) => visit(child, inner, topIndex));
  };
  elements.forEach((e, i) => visit(e, [], i));
  return found;
}

/** The `set-backend-service` elements of every policy resource of the plan, by their literal `backend-id` (indexed once). */
export function backendSelections(graph: ResourceGraph): ReadonlyMap<string, readonly Guarded[]> {
  return graph.memo('apim/_functional/backend-selections', () => {
    const index = new Map<string, Guarded[]>();
    for (const type of POLICY_TYPES) {
      for (const resource of graph.ofType(type)) {
        const source = policyOf(resource);
        if (source.kind !== 'parsed') continue;
        for (const elements of Object.values(source.policy.sections)) {
          for (const found of guardedElements(elements ?? [], 'set-backend-service')) {
            const id = attr(found.element, 'backend-id');
            if (id === undefined) continue;
            const list = index.get(id) ?? [];
            list.push(found);
            index.set(id, list);
          }
        }
      }
    }
    return index;
  });
}

/** The deployment names a condition compares the routed (or requested) deployment with: `... == "name"`. */
export function comparedDeployments(condition: string): string[] {
  return [...condition.matchAll(/(?:routedDeployment|requestedDeployment|deployment-id)"\]\)?\s*==\s*"([^"]+)"/g)].map((m) => m[1]);
}

/** Whether an `azapi_resource_action` sends a PATCH to the resource itself (no action name), on apply. */
function isResourcePatch(action: PlanResource): boolean {
  const method = attribute(action, 'method');
  const name = attribute(action, 'action');
  const when = attribute(action, 'when');
  return method.kind === 'known' && String(method.value).toUpperCase() === 'PATCH'
    && (name.kind === 'absent' || (name.kind === 'known' && name.value === ''))
    && !(when.kind === 'known' && String(when.value).toLowerCase() === 'destroy');
}

/**
 * The `azapi_resource_action` PATCHes of a backend (its `resource_id` refers to it): how credentials
 * that no published API spec has (`credentials.managedIdentity`) are set on it.
 */
export function backendPatches(graph: ResourceGraph, backend: PlanResource): PlanResource[] {
  return graph.referrersAt(backend, 'azapi_resource_action', 'resource_id').filter(isResourcePatch);
}

/** `properties.credentials` of an `azapi_resource_action` body, when it has one. */
export function actionCredentials(action: PlanResource): Record<string, unknown> | undefined {
  const credentials = azapiProperties(action, 'body')?.credentials;
  return credentials && typeof credentials === 'object' && !Array.isArray(credentials) ? (credentials as Record<string, unknown>) : undefined;
}

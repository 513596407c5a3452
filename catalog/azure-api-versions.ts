/**
 * Which ARM api-version first has a request-body property, for the azapi resources the platform declares.
 * Read by constructs (to pick an api-version) and by GAI-GEN-016 (to check the plan), so it lives below both.
 *
 * How each entry was established: azapi 2.8.0 validates a body against the ARM schema of the exact
 * api-version in `type` (its embedded schemas are generated from Azure/azure-rest-api-specs). Every
 * api-version azapi 2.8.0 embeds for the resource type was probed offline with `terraform validate` on an
 * `azapi_resource` whose body sets only the property; the first version that accepts it is recorded here,
 * and every later version embedded accepts it too (checked: the property is never dropped again). Where
 * Microsoft's spec file is named, it was read to confirm.
 *
 * Re-check when azapi is upgraded (AZAPI_PROVIDER_VERSION) or a new property is sent through azapi.
 */

/** An ARM api-version: `YYYY-MM-DD` or `YYYY-MM-DD-preview` (also `-privatepreview`, `-beta`, ...). */
const API_VERSION = /^(\d{4}-\d{2}-\d{2})(?:-([a-z]+))?$/i;

/** Whether `version` is a well-formed ARM api-version. */
export function isApiVersion(version: string): boolean {
  return API_VERSION.test(version);
}

/**
 * Orders two api-versions: by date first; on the same date a preview (any suffix) comes before the stable
 * version (`2025-06-01-preview` < `2025-06-01`). Negative when `a` is older. Throws on a malformed version.
 */
export function compareApiVersions(a: string, b: string): number {
  const ma = API_VERSION.exec(a);
  const mb = API_VERSION.exec(b);
  if (!ma || !mb) throw new Error(`not an ARM api-version: '${ma ? b : a}'`);
  if (ma[1] !== mb[1]) return ma[1] < mb[1] ? -1 : 1;
  const rank = (suffix: string | undefined) => (suffix === undefined ? 1 : 0);
  if (rank(ma[2]) !== rank(mb[2])) return rank(ma[2]) - rank(mb[2]);
  return (ma[2] ?? '').toLowerCase().localeCompare((mb[2] ?? '').toLowerCase());
}

/** `Microsoft.X/y/z@2025-06-01` -> resource type and api-version, or undefined when it is not of that shape. */
export function splitAzapiType(type: string): { readonly resourceType: string; readonly apiVersion: string } | undefined {
  const at = type.lastIndexOf('@');
  if (at <= 0) return undefined;
  const apiVersion = type.slice(at + 1);
  return isApiVersion(apiVersion) ? { resourceType: type.slice(0, at), apiVersion } : undefined;
}

export interface PropertySince {
  /** ARM resource type, e.g. `Microsoft.CognitiveServices/accounts/deployments` (compared case-insensitively). */
  readonly resourceType: string;
  /**
   * Dotted path in the request body; `[]` steps into every element of a list
   * (`properties.pool.services[].priority`).
   */
  readonly path: string;
  /** The first api-version that has the property. */
  readonly since: string;
  /** The first stable (non-preview) api-version that has it, when it differs from `since`. */
  readonly stableSince?: string;
  /** Where this was established. */
  readonly source: string;
}

const AZAPI_PROBE = 'azapi 2.8.0 embedded ARM schemas, every embedded api-version probed with terraform validate';
const COGNITIVE_SPEC = 'Azure/azure-rest-api-specs specification/cognitiveservices/resource-manager/Microsoft.CognitiveServices';

/** Body properties the platform sends through azapi, with the first api-version that has each. */
export const PROPERTY_SINCE: readonly PropertySince[] = [
  {
    resourceType: 'Microsoft.CognitiveServices/accounts/deployments',
    path: 'properties.spilloverDeploymentName',
    since: '2025-04-01-preview',
    stableSince: '2025-06-01',
    source: `${AZAPI_PROBE} (2024-10-01 and older previews lack it); ${COGNITIVE_SPEC}/stable/2025-06-01/cognitiveservices.json, DeploymentProperties`,
  },
  {
    resourceType: 'Microsoft.ApiManagement/service/backends',
    path: 'properties.type',
    since: '2023-05-01-preview',
    stableSince: '2024-05-01',
    source: AZAPI_PROBE,
  },
  {
    resourceType: 'Microsoft.ApiManagement/service/backends',
    path: 'properties.pool',
    since: '2023-05-01-preview',
    stableSince: '2024-05-01',
    source: AZAPI_PROBE,
  },
  {
    resourceType: 'Microsoft.ApiManagement/service/backends',
    path: 'properties.pool.services[].priority',
    since: '2023-09-01-preview',
    stableSince: '2024-05-01',
    source: `${AZAPI_PROBE} (2023-05-01-preview pools have members without priority or weight)`,
  },
  {
    resourceType: 'Microsoft.ApiManagement/service/backends',
    path: 'properties.pool.services[].weight',
    since: '2023-09-01-preview',
    stableSince: '2024-05-01',
    source: AZAPI_PROBE,
  },
  {
    resourceType: 'Microsoft.ApiManagement/service/backends',
    path: 'properties.circuitBreaker',
    since: '2022-09-01-preview',
    stableSince: '2024-05-01',
    source: AZAPI_PROBE,
  },
  {
    resourceType: 'Microsoft.ApiManagement/service/backends',
    path: 'properties.circuitBreaker.rules[].acceptRetryAfter',
    since: '2023-09-01-preview',
    stableSince: '2024-05-01',
    source: AZAPI_PROBE,
  },
  {
    resourceType: 'Microsoft.ApiManagement/service/diagnostics',
    path: 'properties.metrics',
    since: '2020-06-01-preview',
    stableSince: '2020-12-01',
    source: `${AZAPI_PROBE} (2017-03-01 to 2019-12-01 lack it)`,
  },
];

/** The entries for a resource type (case-insensitive). */
export function propertiesSinceFor(resourceType: string): PropertySince[] {
  const wanted = resourceType.toLowerCase();
  return PROPERTY_SINCE.filter((p) => p.resourceType.toLowerCase() === wanted);
}

/** Whether `apiVersion` has the property of `entry`. */
export function supports(entry: PropertySince, apiVersion: string): boolean {
  return compareApiVersions(apiVersion, entry.since) >= 0;
}

/** Whether `body` sets something at `path` (`[]` steps into every list element). */
export function bodyHas(body: unknown, path: string): boolean {
  const visit = (value: unknown, segments: readonly string[]): boolean => {
    if (segments.length === 0) return value !== undefined && value !== null;
    if (value === null || typeof value !== 'object') return false;
    const [head, ...rest] = segments;
    if (head.endsWith('[]')) {
      const list = (value as Record<string, unknown>)[head.slice(0, -2)];
      return Array.isArray(list) && list.some((element) => visit(element, rest));
    }
    return visit((value as Record<string, unknown>)[head], rest);
  };
  return visit(body, path.split('.'));
}

/**
 * The properties `body` sets that `type` (`<resource type>@<api-version>`) does not have, by the table.
 * Properties the table does not list are not judged (azapi's own schema validation covers them).
 */
export function unsupportedProperties(type: string, body: unknown): PropertySince[] {
  const parsed = splitAzapiType(type);
  if (!parsed) return [];
  return propertiesSinceFor(parsed.resourceType).filter((entry) => bodyHas(body, entry.path) && !supports(entry, parsed.apiVersion));
}

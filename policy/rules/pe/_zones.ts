/**
 * Private Link targets the PE rules know: for each resource type, the sub-resources (group ids) a
 * private endpoint may connect to, the one the platform expects, and the private DNS zones each
 * sub-resource's records must be registered in (docs/policy-catalog.md §10; the zone names are the
 * catalog's, catalog/private-dns-zones.ts). Data only; the registry ignores this file.
 */
import { PRIVATE_LINK_ZONE_NAMES } from '../../../catalog/private-dns-zones';
import { PlanResource } from '../../plan';
import { knownString } from '../../rule';

const ZONE = PRIVATE_LINK_ZONE_NAMES;

/** How a resource's public path is switched off, for PE-001 (trigger) and PE-005 (public path open). */
export type PublicAccess =
  /** A boolean `public_network_access_enabled`, provider default true. */
  | { readonly kind: 'boolean'; readonly path: 'public_network_access_enabled' }
  /** A string `public_network_access` "Enabled" | "Disabled", provider default "Enabled". */
  | { readonly kind: 'string'; readonly path: 'public_network_access' }
  /** Azure Monitor Private Link Scope: `ingestion_access_mode` / `query_access_mode`, default "Open". */
  | { readonly kind: 'access-modes' }
  /** Container Apps environment: `public_network_access`, where unset means "Disabled" on an internal environment. */
  | { readonly kind: 'container-apps' };

export interface PrivateLinkTarget {
  /** Sub-resource the platform's endpoint for this type uses (checked by PE-001). */
  readonly subresource: string;
  /** Every valid sub-resource of the type and the zones its endpoint must register in. */
  readonly zones: Readonly<Record<string, readonly string[]>>;
  /** Zones of the `account` sub-resource by cognitive account kind (`default` for other kinds). */
  readonly zonesByKind?: Readonly<Record<string, readonly string[]>>;
  readonly publicAccess: PublicAccess;
  /** A firewall default action that leaves the public path open when public access is on. */
  readonly firewallPath?: string;
  /** Needs a private endpoint only when one is declared for it (PE-fronting is optional). */
  readonly optionalPrivateLink?: boolean;
}

const STORAGE_SUBRESOURCES = ['blob', 'file', 'queue', 'table', 'dfs', 'web'] as const;

export const PRIVATE_LINK_TARGETS: Readonly<Record<string, PrivateLinkTarget>> = {
  azurerm_key_vault: {
    subresource: 'vault',
    zones: { vault: [ZONE.keyVault] },
    publicAccess: { kind: 'boolean', path: 'public_network_access_enabled' },
    firewallPath: 'network_acls.default_action',
  },
  azurerm_storage_account: {
    subresource: 'blob',
    zones: Object.fromEntries(STORAGE_SUBRESOURCES.map((s) => [s, [`privatelink.${s}.core.windows.net`]])),
    publicAccess: { kind: 'boolean', path: 'public_network_access_enabled' },
    firewallPath: 'network_rules.default_action',
  },
  azurerm_search_service: {
    subresource: 'searchService',
    zones: { searchService: [ZONE.search] },
    publicAccess: { kind: 'boolean', path: 'public_network_access_enabled' },
  },
  azurerm_cognitive_account: {
    subresource: 'account',
    zones: { account: [ZONE.cognitiveServices] },
    zonesByKind: {
      AIServices: [ZONE.cognitiveServices, ZONE.openAi, ZONE.aiServices],
      OpenAI: [ZONE.openAi, ZONE.cognitiveServices],
      default: [ZONE.cognitiveServices],
    },
    publicAccess: { kind: 'boolean', path: 'public_network_access_enabled' },
    firewallPath: 'network_acls.default_action',
  },
  azurerm_managed_redis: {
    subresource: 'redisEnterprise',
    zones: { redisEnterprise: [ZONE.managedRedis] },
    publicAccess: { kind: 'string', path: 'public_network_access' },
  },
  azurerm_redis_cache: {
    subresource: 'redisCache',
    zones: { redisCache: [ZONE.redisCache] },
    publicAccess: { kind: 'boolean', path: 'public_network_access_enabled' },
  },
  azurerm_container_registry: {
    subresource: 'registry',
    zones: { registry: [ZONE.containerRegistry] },
    publicAccess: { kind: 'boolean', path: 'public_network_access_enabled' },
    firewallPath: 'network_rule_set.default_action',
  },
  azurerm_ai_foundry: {
    subresource: 'amlworkspace',
    zones: { amlworkspace: [ZONE.azureMlApi, ZONE.azureMlNotebooks] },
    publicAccess: { kind: 'string', path: 'public_network_access' },
  },
  azurerm_monitor_private_link_scope: {
    subresource: 'azuremonitor',
    zones: { azuremonitor: [ZONE.monitor, ZONE.omsOpinsights, ZONE.odsOpinsights, ZONE.agentService, ZONE.blob] },
    publicAccess: { kind: 'access-modes' },
  },
  azurerm_api_management: {
    subresource: 'Gateway',
    zones: { Gateway: [ZONE.apiManagement] },
    publicAccess: { kind: 'boolean', path: 'public_network_access_enabled' },
    optionalPrivateLink: true,
  },
  azurerm_container_app_environment: {
    subresource: 'managedEnvironments',
    // Regional zone: `{location}` is replaced with the environment's location.
    zones: { managedEnvironments: ['privatelink.{location}.azurecontainerapps.io'] },
    publicAccess: { kind: 'container-apps' },
    optionalPrivateLink: true,
  },
};

export const PRIVATE_LINK_TYPES: readonly string[] = Object.keys(PRIVATE_LINK_TARGETS);

/**
 * The zones an endpoint to `target` on `subresource` must register in: a list, `undefined` when the
 * sub-resource is not valid for the type, or a string explaining why it cannot be told yet.
 */
export function requiredZones(target: PlanResource, subresource: string): readonly string[] | undefined | { unknown: string } {
  const spec = PRIVATE_LINK_TARGETS[target.type];
  if (!spec) return undefined;
  const entry = Object.entries(spec.zones).find(([s]) => s.toLowerCase() === subresource.toLowerCase());
  if (!entry) return undefined;
  let zones = entry[1];
  if (spec.zonesByKind) {
    const kind = knownString(target, 'kind');
    if (kind === undefined) return { unknown: `the \`kind\` of ${target.address} is not known before apply` };
    zones = spec.zonesByKind[kind] ?? spec.zonesByKind.default;
  }
  if (zones.some((z) => z.includes('{location}'))) {
    const location = knownString(target, 'location');
    if (location === undefined) return { unknown: `the \`location\` of ${target.address} is not known before apply` };
    zones = zones.map((z) => z.replace('{location}', location.toLowerCase().replace(/\s+/g, '')));
  }
  return zones;
}

/** The zone name in a literal private DNS zone resource id (`…/privateDnsZones/<zone>`). */
export function zoneNameFromId(id: string): string | undefined {
  const m = /\/privateDnsZones\/([^/]+)\/?$/i.exec(id);
  return m ? m[1].toLowerCase() : undefined;
}

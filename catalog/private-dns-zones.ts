/**
 * Private DNS zones the platform's private endpoints resolve through (Microsoft Learn, "Azure Private
 * Endpoint private DNS zone values"). The keys are how constructs ask for a zone; the values are the zone
 * names. The Network construct creates (or takes from the hub) exactly these, in this order.
 */
export const PRIVATE_DNS_ZONES = {
  cognitiveServices: 'privatelink.cognitiveservices.azure.com',
  openAi: 'privatelink.openai.azure.com',
  aiServices: 'privatelink.services.ai.azure.com',
  search: 'privatelink.search.windows.net',
  keyVault: 'privatelink.vaultcore.azure.net',
  blob: 'privatelink.blob.core.windows.net',
  managedRedis: 'privatelink.redis.azure.net',
  containerRegistry: 'privatelink.azurecr.io',
  monitor: 'privatelink.monitor.azure.com',
  omsOpinsights: 'privatelink.oms.opinsights.azure.com',
  odsOpinsights: 'privatelink.ods.opinsights.azure.com',
  agentService: 'privatelink.agentsvc.azure-automation.net',
} as const;

export type PrivateDnsZoneKey = keyof typeof PRIVATE_DNS_ZONES;

/**
 * Every privatelink zone the platform or its review knows: the platform's own zones and those of the other
 * private-link targets the policy engine checks (Azure Cache for Redis, API Management, Azure Machine
 * Learning). One table: the PE rules (`policy/rules/pe/_zones.ts`) read it.
 */
export const PRIVATE_LINK_ZONE_NAMES = {
  ...PRIVATE_DNS_ZONES,
  redisCache: 'privatelink.redis.cache.windows.net',
  apiManagement: 'privatelink.azure-api.net',
  azureMlApi: 'privatelink.api.azureml.ms',
  azureMlNotebooks: 'privatelink.notebooks.azure.net',
} as const;

/** Zones an Azure Monitor Private Link Scope endpoint registers in (blob holds the agent solution packs). */
export const MONITOR_PRIVATE_DNS_ZONES: readonly PrivateDnsZoneKey[] = [
  'monitor', 'omsOpinsights', 'odsOpinsights', 'agentService', 'blob',
];

/**
 * The zones only an Azure Monitor Private Link Scope (AMPLS) fills: `MONITOR_PRIVATE_DNS_ZONES` without
 * blob, which storage endpoints need anyway. Azure Monitor's public names are CNAMEs into these
 * `privatelink.` zones; a VNet linked to them resolves through the linked zone, so without an AMPLS
 * endpoint writing its records there the Monitor endpoints (`*.monitor.azure.com`,
 * `*.ods.opinsights.azure.com`, ...) resolve to nothing and telemetry and queries from the VNet fail.
 * Microsoft Learn, "Design your Private Link setup" (azure-monitor/logs/private-link-design.md, "Plan by
 * network topology"): a Monitor private link "affects traffic to all Azure Monitor resources" and every
 * network sharing the DNS, so the zones belong with exactly one AMPLS. GAI-MON-008 checks the pairing.
 */
export const MONITOR_ONLY_PRIVATE_DNS_ZONES: readonly PrivateDnsZoneKey[] = MONITOR_PRIVATE_DNS_ZONES.filter((key) => key !== 'blob');

export const PRIVATE_DNS_ZONE_RESOURCE_ID_PATTERN =
  /^\/subscriptions\/[0-9a-fA-F-]{36}\/resourceGroups\/[^/]+\/providers\/Microsoft\.Network\/privateDnsZones\/([^/]+)$/i;

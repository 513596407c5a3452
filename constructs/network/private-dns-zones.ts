/**
 * Private DNS zones the platform's private endpoints resolve through (Microsoft's
 * "Azure Private Endpoint private DNS zone values" table; see research/reference-architectures.md §5).
 * The keys are how constructs ask for a zone; the values are the zone names.
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

/** Zones an Azure Monitor Private Link Scope endpoint registers in (blob holds the agent solution packs). */
export const MONITOR_PRIVATE_DNS_ZONES: readonly PrivateDnsZoneKey[] = [
  'monitor', 'omsOpinsights', 'odsOpinsights', 'agentService', 'blob',
];

export const PRIVATE_DNS_ZONE_RESOURCE_ID_PATTERN =
  /^\/subscriptions\/[0-9a-fA-F-]{36}\/resourceGroups\/[^/]+\/providers\/Microsoft\.Network\/privateDnsZones\/([^/]+)$/i;

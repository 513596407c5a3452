/**
 * The service catalog: one entry per Terraform resource type the platform declares or its review knows,
 * with the facts the per-area tables used to hold each on their own (issue 13). Below both the constructs
 * and the policy engine: it imports only from catalog/.
 *
 * What an entry says, and who reads it:
 * - `tags`: taggable, and whether the type has a `location` argument (GAI-GOV-001/002: policy/rules/gov/_helpers.ts).
 * - `naming`: its kind in catalog/naming-rules.ts (GAI-GOV-003 checks names of these types).
 * - `diagnostics`: where its resource logs and platform metrics live, for diagnostic settings (GAI-MON-001/002:
 *   policy/rules/mon/_targets.ts). Absent: resource logs and platform metrics on the resource itself.
 * - `tier` / `armType` / `multiTierHost`: its workload tier for least privilege (GAI-IAM-004), also for
 *   role scopes given as a literal ARM id.
 * - `cost`: how tools/cost/estimate.ts prices it. Prices and free reasons stay in data/prices.json: `priced`
 *   names the price groups its pricer reads, `free` means `free[<type>]` of the table gives the reason.
 * - `diagram`: drawn as a main component in its layer (tools/diagram/model.ts) and its node kind; the layer
 *   itself is the resource group the plan puts it in, not a property of the type.
 * - `cmk`: where its customer-managed-key settings are (key, unwrapping identity, holder) and the constraints
 *   of catalog/customer-managed-keys.ts that apply. GAI-KEY-* read them through policy/rules/key/_cmk.ts
 *   (`cmkConsumers()`).
 * - `privateLink`: its Private Link sub-resources and the zones each must register in (the zone names are
 *   catalog/private-dns-zones.ts'), how its public path is switched off. GAI-PE-* read them through
 *   policy/rules/pe/_zones.ts (`privateLinkTargets()`).
 *
 * Adding a service (e.g. Azure Managed Redis, which before this catalog was described in ten tables:
 * catalog/naming-rules.ts, catalog/private-dns-zones.ts, policy/rules/pe/_zones.ts, policy/rules/key/_cmk.ts,
 * policy/rules/mon/_targets.ts, policy/rules/gov/_helpers.ts, policy/rules/gov/GAI-GOV-003.ts,
 * policy/rules/iam/GAI-IAM-004.ts, tools/cost/estimate.ts, tools/diagram/model.ts):
 * 1. One entry here for each Terraform type it adds (the service and its child types), with the facts above.
 * 2. Its name rule in catalog/naming-rules.ts, its privatelink zone in catalog/private-dns-zones.ts and its
 *    CMK constraint in catalog/customer-managed-keys.ts when it has them (facts the constructs also read).
 * 3. Its price group in data/prices.json and, when it has a charge, a pricer in tools/cost/estimate.ts (code).
 * 4. Its construct (constructs/), its service-specific rules (policy/rules/<area>/GAI-*.ts) and their tests.
 * Type tables touched: 4 files (this file, naming-rules.ts, private-dns-zones.ts, and estimate.ts for a
 * charged service), against 10 before. __tests__/catalog/services.test.ts fails when a synthesized type or a
 * type a rule applies to has no entry.
 */
import { CMK_CONSTRAINTS, CmkConstraint } from './customer-managed-keys';
import { ResourceKind } from './naming-rules';
import { PRIVATE_LINK_ZONE_NAMES } from './private-dns-zones';

const ZONE = PRIVATE_LINK_ZONE_NAMES;

/** Workload tiers for least-privilege checks (GAI-IAM-004); Key Vault and monitoring are in none. */
export type Tier = 'model' | 'retrieval' | 'gateway' | 'runtime';

/** Where a type's diagnostic settings find resource logs. */
export type LogLocation =
  /** On the resource, written to `AzureDiagnostics` (or always to resource-specific tables). */
  | 'resource'
  /** On the resource, with resource-specific tables in Log Analytics when the destination type asks for them. */
  | 'resource-specific'
  /** None on the resource (metrics only); `logsOn` says where they are, if anywhere. */
  | 'none';

export interface Diagnostics {
  readonly logs: LogLocation;
  /** Whether its diagnostic settings carry platform metrics. @default true */
  readonly metrics?: boolean;
  /** Where the logs are when not on the resource (for people; not read by the rules). */
  readonly logsOn?: string;
  /** Sub-resources (`<id>/<path>/default`) with their own diagnostic settings, by path. */
  readonly subResources?: Readonly<Record<string, { readonly logs: LogLocation; readonly metrics?: boolean }>>;
  /**
   * Sub-resources whose logs the platform requires (GAI-MON-009), by path: a setting on the resource itself
   * carries metrics only, so it does not stand in for them.
   */
  readonly logsRequiredOn?: readonly string[];
}

export type Cost =
  /** Priced by its pricer in tools/cost/estimate.ts from these groups of data/prices.json (none: free or unpriced by rule). */
  | { readonly kind: 'priced'; readonly groups: readonly string[]; readonly locationOfChildren?: true }
  /** No charge of its own: data/prices.json `free[<type>]` gives the reason. */
  | { readonly kind: 'free'; readonly locationOfChildren?: true }
  /** Priced per ARM type (`free["azapi:<ARM type>"]`): the generic azapi resource. */
  | { readonly kind: 'per-arm-type' }
  /** Not in the price table: estimates list it as UNPRICED. */
  | { readonly kind: 'unpriced' };

export interface Diagram {
  /** Drawn in its layer even when nothing points at it (a main component); else drawn only when linked, otherwise counted. */
  readonly component: true;
  /** @default 'resource' */
  readonly node?: 'identity' | 'private-endpoint';
}

export interface CmkSettings {
  /** Attribute holding the key id (absent: the resource uses platform-managed keys). */
  readonly keyPath: string;
  /** Attribute naming the user-assigned identity (by client id or resource id) that unwraps the key. */
  readonly identityPath: string;
  /** When the identity is unset, the system-assigned identity of the resource at this path (or the consumer itself). */
  readonly holderPath?: string;
  /** What keys it accepts (catalog/customer-managed-keys.ts), when known. */
  readonly constraint?: CmkConstraint;
}

/** How a resource's public path is switched off, for GAI-PE-001 (trigger) and GAI-PE-005 (public path open). */
export type PublicAccess =
  /** A boolean `public_network_access_enabled`, provider default true. */
  | { readonly kind: 'boolean'; readonly path: 'public_network_access_enabled' }
  /** A string `public_network_access` "Enabled" | "Disabled", provider default "Enabled". */
  | { readonly kind: 'string'; readonly path: 'public_network_access' }
  /** Azure Monitor Private Link Scope: `ingestion_access_mode` / `query_access_mode`, default "Open". */
  | { readonly kind: 'access-modes' }
  /** Container Apps environment: `public_network_access`, where unset means "Disabled" on an internal environment. */
  | { readonly kind: 'container-apps' };

export interface PrivateLink {
  /** Sub-resource the platform's endpoint for this type uses (checked by GAI-PE-001). */
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

export interface ServiceEntry {
  /** Terraform resource type. */
  readonly type: string;
  /** The service or part, as a reviewer names it. */
  readonly service: string;
  /** ARM resource type (`Microsoft.KeyVault/vaults`), for literal ids; only where a rule matches on it. */
  readonly armType?: string;
  /** Taggable; `location: false` for types without a `location` argument (global, or inherited from a parent). */
  readonly tags?: { readonly location: boolean };
  readonly naming?: ResourceKind;
  readonly diagnostics?: Diagnostics;
  readonly tier?: Tier;
  /** Its identity legitimately spans the model and retrieval tiers (orchestrates both, or embeds what it indexes). */
  readonly multiTierHost?: true;
  readonly cost: Cost;
  readonly diagram?: Diagram;
  readonly cmk?: CmkSettings;
  readonly privateLink?: PrivateLink;
}

const FREE: Cost = { kind: 'free' };
const UNPRICED: Cost = { kind: 'unpriced' };
const priced = (...groups: string[]): Cost => ({ kind: 'priced', groups });
const COMPONENT: Diagram = { component: true };
const TAGGED = { location: true } as const;
const TAGGED_NO_LOCATION = { location: false } as const;
const METRICS_ONLY: Diagnostics = { logs: 'none' };
const BOOLEAN_ACCESS = { kind: 'boolean', path: 'public_network_access_enabled' } as const;
const STORAGE_SUBRESOURCES = ['blob', 'file', 'queue', 'table', 'dfs', 'web'] as const;
const cmk = (keyPath: string, identityPath: string, type: string, holderPath?: string): CmkSettings => ({
  keyPath, identityPath, ...(holderPath ? { holderPath } : {}), ...(CMK_CONSTRAINTS[type] ? { constraint: CMK_CONSTRAINTS[type] } : {}),
});
const apimChild = (service: string): ServiceEntry => ({ type: `azurerm_api_management_${service}`, service: `API Management ${service.replace(/_/g, ' ')}`, cost: FREE });

/**
 * Every entry, in one order: the order the derived lists keep (e.g. GAI-GOV-001's `appliesTo`). GAI-GOV-003's
 * types follow catalog/naming-rules.ts' order instead.
 */
export const SERVICES: readonly ServiceEntry[] = [
  // ---- resource groups, network -------------------------------------------------------------
  { type: 'azurerm_resource_group', service: 'Resource group', tags: TAGGED, naming: 'resourceGroup', cost: { kind: 'free', locationOfChildren: true } },
  { type: 'azurerm_virtual_network', service: 'Virtual network', tags: TAGGED, naming: 'virtualNetwork', cost: FREE, diagram: COMPONENT },
  { type: 'azurerm_subnet', service: 'Subnet', naming: 'subnet', cost: FREE, diagram: COMPONENT },
  { type: 'azurerm_network_security_group', service: 'Network security group', tags: TAGGED, naming: 'networkSecurityGroup', diagnostics: { logs: 'resource', metrics: false }, cost: FREE },
  { type: 'azurerm_network_security_rule', service: 'NSG rule', cost: FREE },
  { type: 'azurerm_subnet_network_security_group_association', service: 'Subnet NSG association', cost: FREE },
  { type: 'azurerm_public_ip', service: 'Public IP address', tags: TAGGED, naming: 'publicIp', cost: priced('natGateway') },
  { type: 'azurerm_nat_gateway', service: 'NAT gateway', tags: TAGGED, naming: 'natGateway', diagnostics: METRICS_ONLY, cost: priced('natGateway') },
  { type: 'azurerm_nat_gateway_public_ip_association', service: 'NAT gateway public IP association', cost: FREE },
  { type: 'azurerm_subnet_nat_gateway_association', service: 'Subnet NAT gateway association', cost: FREE },
  { type: 'azurerm_route_table', service: 'Route table', cost: FREE },
  { type: 'azurerm_subnet_route_table_association', service: 'Subnet route table association', cost: FREE },
  { type: 'azurerm_network_interface', service: 'Network interface', naming: 'networkInterface', cost: UNPRICED },
  { type: 'azurerm_private_dns_zone', service: 'Private DNS zone', tags: TAGGED_NO_LOCATION, diagnostics: METRICS_ONLY, cost: priced('privateDns') },
  { type: 'azurerm_private_dns_zone_virtual_network_link', service: 'Private DNS zone VNet link', tags: TAGGED_NO_LOCATION, cost: FREE },
  { type: 'azurerm_private_dns_a_record', service: 'Private DNS A record', cost: FREE },
  { type: 'azurerm_private_dns_cname_record', service: 'Private DNS CNAME record', cost: FREE },
  { type: 'azurerm_private_endpoint', service: 'Private endpoint', tags: TAGGED, naming: 'privateEndpoint', diagnostics: METRICS_ONLY, cost: priced('privateLink'), diagram: { component: true, node: 'private-endpoint' } },

  // ---- identity and access ------------------------------------------------------------------
  { type: 'azurerm_user_assigned_identity', service: 'User-assigned managed identity', tags: TAGGED, naming: 'userAssignedIdentity', cost: FREE, diagram: { component: true, node: 'identity' } },
  { type: 'azurerm_role_assignment', service: 'Azure RBAC role assignment', cost: FREE },
  { type: 'azurerm_role_definition', service: 'Azure RBAC custom role', cost: UNPRICED },

  // ---- keys ---------------------------------------------------------------------------------
  {
    type: 'azurerm_key_vault', service: 'Key Vault', armType: 'Microsoft.KeyVault/vaults', tags: TAGGED, naming: 'keyVault',
    diagnostics: { logs: 'resource-specific' }, cost: { kind: 'free', locationOfChildren: true }, diagram: COMPONENT,
    privateLink: { subresource: 'vault', zones: { vault: [ZONE.keyVault] }, publicAccess: BOOLEAN_ACCESS, firewallPath: 'network_acls.default_action' },
  },
  { type: 'azurerm_key_vault_key', service: 'Key Vault key', tags: TAGGED_NO_LOCATION, cost: priced('keyVault') },
  { type: 'azurerm_key_vault_secret', service: 'Key Vault secret', cost: FREE },

  // ---- monitoring ---------------------------------------------------------------------------
  { type: 'azurerm_log_analytics_workspace', service: 'Log Analytics workspace', tags: TAGGED, naming: 'logAnalyticsWorkspace', cost: { kind: 'priced', groups: ['logAnalytics'], locationOfChildren: true }, diagram: COMPONENT },
  { type: 'azurerm_application_insights', service: 'Application Insights', tags: TAGGED, naming: 'applicationInsights', cost: priced(), diagram: COMPONENT },
  { type: 'azurerm_application_insights_workbook', service: 'Azure Monitor workbook', cost: FREE },
  { type: 'azurerm_monitor_action_group', service: 'Monitor action group', tags: TAGGED, naming: 'actionGroup', cost: FREE, diagram: COMPONENT },
  {
    type: 'azurerm_monitor_private_link_scope', service: 'Azure Monitor Private Link Scope', tags: TAGGED_NO_LOCATION, naming: 'privateLinkScope', cost: FREE, diagram: COMPONENT,
    privateLink: { subresource: 'azuremonitor', zones: { azuremonitor: [ZONE.monitor, ZONE.omsOpinsights, ZONE.odsOpinsights, ZONE.agentService, ZONE.blob] }, publicAccess: { kind: 'access-modes' } },
  },
  { type: 'azurerm_monitor_private_link_scoped_service', service: 'AMPLS scoped resource', cost: FREE },
  { type: 'azurerm_monitor_diagnostic_setting', service: 'Diagnostic setting', cost: FREE },
  { type: 'azurerm_monitor_metric_alert', service: 'Metric alert', cost: priced('monitorAlerts') },
  { type: 'azurerm_monitor_scheduled_query_rules_alert_v2', service: 'Log search alert', cost: priced('monitorAlerts') },
  { type: 'azurerm_monitor_activity_log_alert', service: 'Activity log alert', cost: FREE },

  // ---- data and retrieval -------------------------------------------------------------------
  {
    type: 'azurerm_storage_account', service: 'Storage account', armType: 'Microsoft.Storage/storageAccounts', tags: TAGGED, naming: 'storageAccount',
    // Learn, "Monitor Azure Blob Storage": resource logs (StorageRead/Write/Delete) are collected on the blob
    // service (`<account id>/blobServices/default`); the account's own setting has Transaction/Capacity metrics.
    diagnostics: {
      logs: 'none', logsOn: '`<id>/blobServices/default` and the other service sub-resources',
      subResources: { blobServices: { logs: 'resource' } }, logsRequiredOn: ['blobServices'],
    },
    tier: 'retrieval',
    cost: { kind: 'priced', groups: ['storage'], locationOfChildren: true }, diagram: COMPONENT,
    cmk: cmk('customer_managed_key.key_vault_key_id', 'customer_managed_key.user_assigned_identity_id', 'azurerm_storage_account'),
    privateLink: {
      subresource: 'blob', zones: Object.fromEntries(STORAGE_SUBRESOURCES.map((s) => [s, [`privatelink.${s}.core.windows.net`]])),
      publicAccess: BOOLEAN_ACCESS, firewallPath: 'network_rules.default_action',
    },
  },
  { type: 'azurerm_storage_container', service: 'Storage blob container', tier: 'retrieval', cost: FREE },
  {
    type: 'azurerm_storage_account_customer_managed_key', service: 'Storage account CMK', cost: UNPRICED,
    // Names the key by `key_name` + `key_vault_id` (or `key_vault_uri`) rather than by id.
    cmk: cmk('key_name', 'user_assigned_identity_id', 'azurerm_storage_account_customer_managed_key', 'storage_account_id'),
  },
  {
    type: 'azurerm_search_service', service: 'Azure AI Search', armType: 'Microsoft.Search/searchServices', tags: TAGGED, naming: 'searchService',
    tier: 'retrieval', multiTierHost: true, cost: { kind: 'priced', groups: ['aiSearch'], locationOfChildren: true }, diagram: COMPONENT,
    privateLink: { subresource: 'searchService', zones: { searchService: [ZONE.search] }, publicAccess: BOOLEAN_ACCESS },
  },
  { type: 'azurerm_search_shared_private_link_service', service: 'AI Search shared private link', cost: FREE },
  { type: 'azurerm_cosmosdb_account', service: 'Azure Cosmos DB account', armType: 'Microsoft.DocumentDB/databaseAccounts', tier: 'retrieval', cost: UNPRICED },

  // ---- models -------------------------------------------------------------------------------
  {
    type: 'azurerm_cognitive_account', service: 'Azure AI services / Azure OpenAI account', armType: 'Microsoft.CognitiveServices/accounts', tags: TAGGED, naming: 'aiServices',
    tier: 'model', cost: { kind: 'free', locationOfChildren: true }, diagram: COMPONENT,
    cmk: cmk('customer_managed_key.key_vault_key_id', 'customer_managed_key.identity_client_id', 'azurerm_cognitive_account'),
    privateLink: {
      subresource: 'account', zones: { account: [ZONE.cognitiveServices] },
      zonesByKind: { AIServices: [ZONE.cognitiveServices, ZONE.openAi, ZONE.aiServices], OpenAI: [ZONE.openAi, ZONE.cognitiveServices], default: [ZONE.cognitiveServices] },
      publicAccess: BOOLEAN_ACCESS, firewallPath: 'network_acls.default_action',
    },
  },
  {
    type: 'azurerm_cognitive_account_customer_managed_key', service: 'AI services account CMK', cost: UNPRICED,
    cmk: cmk('key_vault_key_id', 'identity_client_id', 'azurerm_cognitive_account_customer_managed_key', 'cognitive_account_id'),
  },
  { type: 'azurerm_cognitive_deployment', service: 'Model deployment', tier: 'model', cost: priced('ptuGlobal', 'ptuDataZone', 'ptuRegional') },
  { type: 'azurerm_cognitive_account_rai_policy', service: 'Content filter (RAI policy)', cost: FREE },
  { type: 'azurerm_cognitive_account_rai_blocklist', service: 'Content filter blocklist', cost: UNPRICED },
  { type: 'azurerm_cognitive_account_project', service: 'Foundry project (on an AI services account)', cost: UNPRICED },
  {
    type: 'azurerm_ai_foundry', service: 'Azure AI Foundry hub', armType: 'Microsoft.MachineLearningServices/workspaces', tier: 'model', multiTierHost: true, cost: UNPRICED,
    cmk: cmk('encryption.key_id', 'encryption.user_assigned_identity_id', 'azurerm_ai_foundry'),
    privateLink: { subresource: 'amlworkspace', zones: { amlworkspace: [ZONE.azureMlApi, ZONE.azureMlNotebooks] }, publicAccess: { kind: 'string', path: 'public_network_access' } },
  },
  { type: 'azurerm_ai_foundry_project', service: 'Azure AI Foundry hub project', tier: 'model', multiTierHost: true, cost: UNPRICED },
  { type: 'azurerm_machine_learning_workspace', service: 'Azure Machine Learning workspace', armType: 'Microsoft.MachineLearningServices/workspaces', tier: 'model', cost: UNPRICED },

  // ---- gateway ------------------------------------------------------------------------------
  {
    type: 'azurerm_api_management', service: 'API Management', armType: 'Microsoft.ApiManagement/service', tags: TAGGED, naming: 'apiManagement',
    diagnostics: { logs: 'resource-specific' }, tier: 'gateway', cost: { kind: 'priced', groups: ['apiManagement'], locationOfChildren: true }, diagram: COMPONENT,
    privateLink: { subresource: 'Gateway', zones: { Gateway: [ZONE.apiManagement] }, publicAccess: BOOLEAN_ACCESS, optionalPrivateLink: true },
  },
  ...['api', 'api_operation', 'api_policy', 'backend', 'diagnostic', 'logger', 'named_value', 'policy', 'product', 'product_api', 'product_policy', 'redis_cache', 'subscription'].map(apimChild),
  { type: 'azurerm_api_management_api_diagnostic', service: 'API Management API diagnostic', cost: UNPRICED },
  { type: 'azurerm_api_management_api_operation_policy', service: 'API Management operation policy', cost: UNPRICED },
  {
    type: 'azurerm_managed_redis', service: 'Azure Managed Redis', armType: 'Microsoft.Cache/redisEnterprise', tags: TAGGED, naming: 'managedRedis',
    // Learn, "Monitor Azure Managed Redis": connection audit logs are on the database (`<id>/databases/default`).
    diagnostics: { logs: 'none', logsOn: '`<id>/databases/default` (connection logs)', subResources: { databases: { logs: 'resource', metrics: false } }, logsRequiredOn: ['databases'] },
    tier: 'retrieval', cost: priced('managedRedis'), diagram: COMPONENT,
    cmk: cmk('customer_managed_key.key_vault_key_id', 'customer_managed_key.user_assigned_identity_id', 'azurerm_managed_redis'),
    privateLink: { subresource: 'redisEnterprise', zones: { redisEnterprise: [ZONE.managedRedis] }, publicAccess: { kind: 'string', path: 'public_network_access' } },
  },
  {
    type: 'azurerm_redis_cache', service: 'Azure Cache for Redis', armType: 'Microsoft.Cache/redis', tier: 'retrieval', cost: UNPRICED, diagram: COMPONENT,
    privateLink: { subresource: 'redisCache', zones: { redisCache: [ZONE.redisCache] }, publicAccess: BOOLEAN_ACCESS },
  },

  // ---- runtime ------------------------------------------------------------------------------
  {
    type: 'azurerm_container_app_environment', service: 'Container Apps environment', armType: 'Microsoft.App/managedEnvironments', tags: TAGGED, naming: 'containerAppsEnvironment',
    tier: 'runtime', cost: { kind: 'priced', groups: [], locationOfChildren: true }, diagram: COMPONENT,
    privateLink: {
      subresource: 'managedEnvironments',
      // Regional zone: `{location}` is replaced with the environment's location.
      zones: { managedEnvironments: ['privatelink.{location}.azurecontainerapps.io'] },
      publicAccess: { kind: 'container-apps' }, optionalPrivateLink: true,
    },
  },
  {
    type: 'azurerm_container_app', service: 'Container app', armType: 'Microsoft.App/containerApps', tags: TAGGED_NO_LOCATION, naming: 'containerApp',
    diagnostics: { logs: 'none', logsOn: 'its environment (console and system logs)' }, tier: 'runtime', cost: priced('containerApps'), diagram: COMPONENT,
  },
  {
    type: 'azurerm_container_registry', service: 'Container Registry', armType: 'Microsoft.ContainerRegistry/registries', tags: TAGGED, naming: 'containerRegistry',
    tier: 'runtime', cost: priced('containerRegistry'), diagram: COMPONENT,
    cmk: cmk('encryption.key_vault_key_id', 'encryption.identity_client_id', 'azurerm_container_registry'),
    privateLink: { subresource: 'registry', zones: { registry: [ZONE.containerRegistry] }, publicAccess: BOOLEAN_ACCESS, firewallPath: 'network_rule_set.default_action' },
  },

  // ---- governance ---------------------------------------------------------------------------
  { type: 'azurerm_consumption_budget_resource_group', service: 'Cost Management budget (resource group)', cost: FREE },
  { type: 'azurerm_consumption_budget_subscription', service: 'Cost Management budget (subscription)', cost: FREE },
  { type: 'azurerm_management_lock', service: 'Management lock', cost: FREE },
  { type: 'azurerm_security_center_subscription_pricing', service: 'Defender for Cloud plan', cost: UNPRICED },

  // ---- generic ------------------------------------------------------------------------------
  { type: 'azapi_resource', service: 'Any ARM resource (azapi; facts by its ARM type)', cost: { kind: 'per-arm-type' } },
  { type: 'azapi_update_resource', service: 'Update of an existing ARM resource (azapi)', cost: FREE },
  { type: 'azapi_resource_action', service: 'Action on an existing ARM resource (azapi)', cost: FREE },
  { type: 'terraform_data', service: "Terraform's built-in data resource (RBAC propagation wait)", cost: FREE },
];

const BY_TYPE: ReadonlyMap<string, ServiceEntry> = new Map(SERVICES.map((entry) => [entry.type, entry]));

/** The catalog entry of a Terraform resource type, if the platform or its review knows it. */
export function service(type: string): ServiceEntry | undefined {
  return BY_TYPE.get(type);
}

/** The types whose entries satisfy `test`, in catalog order. */
export function typesWhere(test: (entry: ServiceEntry) => boolean): string[] {
  return SERVICES.filter(test).map((entry) => entry.type);
}

/** Private Link targets by type, in the shape of policy/rules/pe/_zones.ts `PRIVATE_LINK_TARGETS`. */
export function privateLinkTargets(): Record<string, PrivateLink> {
  return Object.fromEntries(SERVICES.flatMap((e) => (e.privateLink ? [[e.type, e.privateLink]] : [])));
}

/** CMK consumers by type, in the shape of policy/rules/key/_cmk.ts `CMK_CONSUMERS` (without the constraint). */
export function cmkConsumers(): Record<string, { keyPath: string; identityPath: string; holderPath?: string }> {
  return Object.fromEntries(SERVICES.flatMap((e) => {
    if (!e.cmk) return [];
    const { keyPath, identityPath, holderPath } = e.cmk;
    return [[e.type, { keyPath, identityPath, ...(holderPath ? { holderPath } : {}) }]];
  }));
}

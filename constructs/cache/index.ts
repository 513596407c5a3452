import { Construct } from 'constructs';
import { ManagedRedis } from '@cdktf/provider-azurerm/lib/managed-redis';
import { customerManagedKeyProblems } from '../../catalog/customer-managed-keys';
import { protectStatefulResource } from '../governance/protection';
import { CustomerManagedKeyOptions, DiagnosticsOptions, PrivateEndpointOptions, ProtectionOptions } from '../interfaces';
import { DiagnosticSetting } from '../monitoring/diagnostic-setting';
import { nameProblems } from '../../catalog/naming-rules';
import { resourcePrivateEndpoint } from '../private-endpoint';
import { ConstructValidationError, isKnown, throwIfProblems } from '../validation';
import { MIN_REASON_LENGTH, suppress } from '../../catalog/suppressions';

/**
 * Azure Managed Redis SKU names (azurerm 4.55 `sku_name`; the `Enterprise_` / `EnterpriseFlash_` SKUs of the
 * retired Redis Enterprise offer are not accepted by `azurerm_managed_redis`).
 */
export type ManagedRedisSkuName =
  | `Balanced_B${number}`
  | `MemoryOptimized_M${number}`
  | `ComputeOptimized_X${number}`
  | `FlashOptimized_A${number}`;

const SIZES: Readonly<Record<string, readonly number[]>> = {
  Balanced_B: [0, 1, 3, 5, 10, 20, 50, 100, 150, 250, 350, 500, 700, 1000],
  MemoryOptimized_M: [10, 20, 50, 100, 150, 250, 350, 500, 700, 1000, 1500, 2000],
  ComputeOptimized_X: [3, 5, 10, 20, 50, 100, 150, 250, 350, 500, 700],
  FlashOptimized_A: [250, 500, 700, 1000, 1500, 2000, 4500],
};
/** Every SKU name azurerm 4.55 accepts for `azurerm_managed_redis.sku_name`. */
export const MANAGED_REDIS_SKU_NAMES: readonly string[] = Object.entries(SIZES).flatMap(([prefix, sizes]) => sizes.map((size) => `${prefix}${size}`));
/** Flash Optimized caches do not support the RediSearch module (Azure Managed Redis module docs). */
const FLASH_PREFIX = 'FlashOptimized_';

/** Clients reach every Azure Managed Redis database on this TLS port. */
const MANAGED_REDIS_PORT = 10000;
/** A versioned Key Vault key id: `https://<vault>.vault.azure.net/keys/<name>/<version>`. */
const VERSIONED_KEY_ID = /^https:\/\/[^/]+\/keys\/[^/]+\/[^/]+\/?$/i;
const USER_ASSIGNED_IDENTITY_ID = /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.ManagedIdentity\/userAssignedIdentities\/[^/]+$/i;

/** An accepted exception: access-key authentication for API Management's external cache. */
export interface ApimAccessKeysException {
  /**
   * Why access keys are needed (at least 10 characters). Written into the plan as the suppression of
   * GAI-AMR-003 on the cache, so reviewers see it.
   */
  readonly reason: string;
}

export interface SemanticCacheProps extends ProtectionOptions {
  /**
   * Cache name (lowercase letters, digits and single hyphens, globally unique: it is the first label of
   * the host name `<name>.<region>.redis.azure.net`). Changing it recreates the cache.
   */
  readonly name: string;
  readonly location: string;
  readonly resourceGroupName: string;
  /**
   * Size and performance tier, e.g. `Balanced_B1` (dev), `Balanced_B5` or `MemoryOptimized_M10`.
   * Flash Optimized SKUs are refused: they cannot run RediSearch. Changing it recreates the cache.
   * @default 'Balanced_B1'
   */
  readonly skuName?: ManagedRedisSkuName;
  /**
   * A replica for every shard, with the availability SLA (policy GAI-AMR-004 warns when off). Dev may
   * turn it off to halve the cost. Changing it recreates the cache.
   * @default true
   */
  readonly highAvailabilityEnabled?: boolean;
  /**
   * Encrypt the cache's disks (persistence, export and OS disks) with a customer-managed key through a
   * user-assigned identity (policy GAI-AMR-005 asks for one when the `data-classification` tag is
   * confidential, restricted or missing). The vault must be in the cache's region, with purge protection.
   * `keyVaultKeyResourceId` must be **versioned** (`https://<vault>.vault.azure.net/keys/<name>/<version>`,
   * e.g. `KeyVault.addCustomerManagedKey(...).resourceId`): the Redis Enterprise API accepts versioned key
   * URLs only, so the cache does not follow the key's automatic rotation; a rotated key is picked up by
   * changing this id in a reviewed change.
   * @default platform-managed keys, no identity on the cache
   */
  readonly customerManagedKey?: CustomerManagedKeyOptions;
  /** Private endpoint (sub-resource `redisEnterprise`, zone `privatelink.redis.azure.net`). */
  readonly privateEndpoint: PrivateEndpointOptions;
  /**
   * Workspace for the cache's metrics (on the cluster) and its connection audit logs (category
   * `ConnectionEvents`, on the `default` database).
   */
  readonly diagnostics: DiagnosticsOptions;
  /**
   * Turn on access-key authentication so API Management can use the cache as its external cache
   * (`azurerm_api_management_redis_cache` takes a connection string with a key: APIM cannot use Entra ID
   * with Azure Managed Redis, and azurerm 4.55 has no Managed Redis access-policy resource, which arrives
   * in 4.60). The keys then live in the Terraform state; the exception is recorded in the plan as a
   * suppression of GAI-AMR-003 with `reason`. Makes `apimConnectionString` available.
   * @default access keys disabled (Entra ID only); `apimConnectionString` throws
   */
  readonly accessKeysForApim?: ApimAccessKeysException;
}

/**
 * Azure Managed Redis as API Management's semantic cache (the external cache `Default`): the default
 * database has the **RediSearch** module for vector search, with the `EnterpriseCluster` clustering policy
 * and the `NoEviction` eviction policy RediSearch requires. Modules and clustering policy can only be
 * chosen when the database is created: changing them later recreates the database and loses its data.
 * With `NoEviction` a full cache refuses new entries instead of evicting old ones, so the SKU must be
 * sized for the entries alive within the cache-store duration (entries expire by their TTL).
 *
 * Secure by default: no public network access and a private endpoint, TLS-only clients (the provider
 * pins TLS 1.2 as minimum), access keys off (Entra ID only) unless `accessKeysForApim` records why APIM
 * needs them, high availability, optional customer-managed key, metrics and connection logs to the
 * workspace, a delete lock and prevent-destroy by default.
 */
export class SemanticCache extends Construct {
  readonly resourceId: string;
  readonly name: string;
  /** `<name>.<region>.redis.azure.net` (resolves to the private endpoint inside the VNet). */
  readonly hostName: string;
  /** TLS port of the database (Azure Managed Redis always listens on 10000). */
  readonly port: number = MANAGED_REDIS_PORT;
  /** Access-key authentication is on (only with `accessKeysForApim`). */
  readonly accessKeysEnabled: boolean;

  private readonly redis: ManagedRedis;

  constructor(scope: Construct, id: string, props: SemanticCacheProps) {
    super(scope, id);
    const skuName = props.skuName ?? 'Balanced_B1';
    const highAvailabilityEnabled = props.highAvailabilityEnabled ?? true;
    const problems = validate({
      name: props.name, skuName, customerManagedKey: props.customerManagedKey, accessKeysForApim: props.accessKeysForApim,
    });
    if (props.customerManagedKey?.key) {
      problems.push(...customerManagedKeyProblems('azurerm_managed_redis', props.customerManagedKey.key, props.location).map((m) => `customerManagedKey: ${m}`));
    }
    throwIfProblems(this.node.path, problems);
    this.accessKeysEnabled = props.accessKeysForApim !== undefined;
    const cmk = props.customerManagedKey;

    this.redis = new ManagedRedis(this, 'redis', {
      name: props.name,
      location: props.location,
      resourceGroupName: props.resourceGroupName,
      skuName,
      highAvailabilityEnabled,
      publicNetworkAccess: 'Disabled',
      defaultDatabase: {
        clientProtocol: 'Encrypted',
        // RediSearch requires the Enterprise clustering policy and no eviction (Azure Managed Redis module
        // docs); the provider defaults are OSSCluster and VolatileLRU. All three are fixed at creation.
        clusteringPolicy: 'EnterpriseCluster',
        evictionPolicy: 'NoEviction',
        module: [{ name: 'RediSearch' }],
        accessKeysAuthenticationEnabled: this.accessKeysEnabled,
      },
      identity: cmk ? { type: 'UserAssigned', identityIds: [cmk.identity.resourceId] } : undefined,
      customerManagedKey: cmk
        ? { keyVaultKeyId: cmk.keyVaultKeyResourceId, userAssignedIdentityId: cmk.identity.resourceId }
        : undefined,
      dependsOn: cmk?.accessGrant ? [cmk.accessGrant] : undefined,
    });
    this.resourceId = this.redis.id;
    this.name = this.redis.name;
    this.hostName = this.redis.hostname;
    protectStatefulResource(this, this.redis, props.name, props);
    if (props.accessKeysForApim) {
      suppress(this.redis, 'GAI-AMR-003', `access keys for the API Management external cache (APIM needs a key connection string; azurerm 4.55 has no Managed Redis access policy): ${props.accessKeysForApim.reason.trim()}`);
    }

    resourcePrivateEndpoint(this, {
      privateEndpoint: props.privateEndpoint, location: props.location, resourceGroupName: props.resourceGroupName,
      targetResourceId: this.redis.id, subresourceName: 'redisEnterprise', protection: props,
    });
    // Metrics are emitted by the cluster (Microsoft.Cache/redisEnterprise), which has no resource logs;
    // connection audit logs (ConnectionEvents) by its database, which has no platform metrics.
    new DiagnosticSetting(this, 'diagnostics', { ...props.diagnostics, targetResourceId: this.redis.id, logs: false });
    new DiagnosticSetting(this, 'database-diagnostics', {
      ...props.diagnostics, targetResourceId: `${this.redis.id}/databases/default`, metrics: false,
    });
  }

  /**
   * StackExchange.Redis connection string for `azurerm_api_management_redis_cache.connection_string`
   * (`<host>:10000,password=<primary key>,ssl=True,abortConnect=False`): a Terraform expression over the
   * cache's `hostname` and `default_database[0].primary_access_key`, never a literal; sensitive.
   * Available only with `accessKeysForApim`.
   */
  get apimConnectionString(): string {
    if (!this.accessKeysEnabled) {
      throw new ConstructValidationError(this.node.path, ['apimConnectionString needs access-key authentication; set accessKeysForApim with the reason APIM needs it']);
    }
    return `${this.redis.hostname}:${MANAGED_REDIS_PORT},password=${this.redis.defaultDatabase.primaryAccessKey},ssl=True,abortConnect=False`;
  }
}

interface ResolvedSettings {
  readonly name: string;
  readonly skuName: string;
  readonly customerManagedKey?: CustomerManagedKeyOptions;
  readonly accessKeysForApim?: ApimAccessKeysException;
}

/** Every problem with the settings; values that are tokens are judged by Azure at apply time. */
function validate(s: ResolvedSettings): string[] {
  const problems: string[] = [];
  if (isKnown(s.name)) problems.push(...nameProblems('managedRedis', s.name));
  if (isKnown(s.skuName)) {
    if (!MANAGED_REDIS_SKU_NAMES.includes(s.skuName)) {
      const ranges = Object.entries(SIZES).map(([prefix, sizes]) => `${prefix}${sizes[0]}-${sizes[sizes.length - 1]}`).join(', ');
      problems.push(`skuName must be an Azure Managed Redis SKU (${ranges}), got '${s.skuName}'`);
    } else if (s.skuName.startsWith(FLASH_PREFIX)) {
      problems.push(`skuName '${s.skuName}' is Flash Optimized, which does not support the RediSearch module the semantic cache needs; choose a Balanced, MemoryOptimized or ComputeOptimized SKU`);
    }
  }
  const cmk = s.customerManagedKey;
  if (cmk) {
    if (isKnown(cmk.keyVaultKeyResourceId) && !VERSIONED_KEY_ID.test(cmk.keyVaultKeyResourceId)) {
      problems.push(`customerManagedKey.keyVaultKeyResourceId must be a versioned key id (https://<vault>.vault.azure.net/keys/<name>/<version>): Azure Managed Redis accepts versioned key URLs only, got '${cmk.keyVaultKeyResourceId}'`);
    }
    if (isKnown(cmk.identity.resourceId) && !USER_ASSIGNED_IDENTITY_ID.test(cmk.identity.resourceId)) {
      problems.push(`customerManagedKey.identity.resourceId must be a user-assigned identity id (/subscriptions/.../providers/Microsoft.ManagedIdentity/userAssignedIdentities/<name>), got '${cmk.identity.resourceId}'`);
    }
  }
  const exception = s.accessKeysForApim;
  if (exception && isKnown(exception.reason) && (typeof exception.reason !== 'string' || exception.reason.trim().length < MIN_REASON_LENGTH)) {
    problems.push(`accessKeysForApim.reason must explain why API Management needs access keys in at least ${MIN_REASON_LENGTH} characters (it is recorded in the plan as the GAI-AMR-003 suppression)`);
  }
  return problems;
}

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Aspects, TerraformStack, TerraformVariable } from 'cdktf';
import { ApiManagementRedisCache } from '@cdktf/provider-azurerm/lib/api-management-redis-cache';
import { LogAnalyticsWorkspace } from '@cdktf/provider-azurerm/lib/log-analytics-workspace';
import { PrivateDnsZone } from '@cdktf/provider-azurerm/lib/private-dns-zone';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { Subnet } from '@cdktf/provider-azurerm/lib/subnet';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network';
import { MANAGED_REDIS_SKU_NAMES, ManagedRedisSkuName, SemanticCache, SemanticCacheProps } from '../../constructs/cache';
import { RequiredTags } from '../../constructs/governance';
import { DiagnosticSetting } from '../../constructs/monitoring/diagnostic-setting';
import { review } from '../../policy/engine';
import { parsePlan } from '../../policy/plan';
import { SynthJson, onlyResource, output, refOf, resourcesOf, synth, testStack } from '../helpers';
import { expectEndpointLocked, lockOn } from './locks';

/** Client id of the CMK identity (CustomerManagedKeyOptions.identity names it by resource id and client id). */
const CMK_CLIENT_ID = '00000000-0000-0000-0000-0000000000c1';

const IDENTITY_ID = '/subscriptions/0000/resourceGroups/rg-genai-test-sdc-security/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-cmk';
const KEY_ID = 'https://kv-genai-test-sdc.vault.azure.net/keys/cmk-cache/0123456789abcdef0123456789abcdef';
const APIM_ID = '/subscriptions/0000/resourceGroups/rg-genai-test-sdc-gateway/providers/Microsoft.ApiManagement/service/apim-genai-test-sdc';
const REASON = 'APIM external cache Default for semantic caching; Entra access policies arrive with azurerm 4.60';

const baseProps: SemanticCacheProps = {
  name: 'amr-genai-test-sdc-ab12',
  location: 'swedencentral',
  resourceGroupName: 'rg-genai-test-sdc-gateway',
  privateEndpoint: {
    name: 'pe-genai-test-sdc-amr',
    subnetResourceId: '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/pe',
    privateDnsZoneResourceIds: ['/zones/privatelink.redis.azure.net'],
  },
  diagnostics: { logAnalyticsWorkspaceResourceId: '/workspaces/log-genai-test-sdc' },
};

/** A stack holding one cache built from `baseProps` with `overrides`. */
function cacheStack(overrides: Partial<SemanticCacheProps> = {}): { stack: TerraformStack; cache: SemanticCache } {
  const stack = testStack();
  const cache = new SemanticCache(stack, 'cache', { ...baseProps, ...overrides });
  return { stack, cache };
}

/** `${azurerm_managed_redis.<key>.<attribute>}` of the single cache in `json`. */
const redisRef = (json: SynthJson, attribute = 'id'): string => refOf(json, 'azurerm_managed_redis', attribute);

describe('SemanticCache', () => {
  describe('secure defaults', () => {
    test('Balanced_B1 with high availability, in the given name, region and resource group', () => {
      const redis = onlyResource(synth(cacheStack().stack), 'azurerm_managed_redis');
      expect(redis.name).toBe('amr-genai-test-sdc-ab12');
      expect(redis.location).toBe('swedencentral');
      expect(redis.resource_group_name).toBe('rg-genai-test-sdc-gateway');
      expect(redis.sku_name).toBe('Balanced_B1');
      expect(redis.high_availability_enabled).toBe(true);
    });

    test('no public network access', () => {
      const redis = onlyResource(synth(cacheStack().stack), 'azurerm_managed_redis');
      expect(redis.public_network_access).toBe('Disabled');
    });

    test('the default database: TLS only, access keys off, RediSearch with Enterprise clustering and no eviction', () => {
      const redis = onlyResource(synth(cacheStack().stack), 'azurerm_managed_redis');
      expect(redis.default_database).toEqual({
        access_keys_authentication_enabled: false,
        client_protocol: 'Encrypted',
        clustering_policy: 'EnterpriseCluster',
        eviction_policy: 'NoEviction',
        module: [{ name: 'RediSearch' }],
      });
    });

    test('platform-managed keys: no identity and no customer_managed_key', () => {
      const redis = onlyResource(synth(cacheStack().stack), 'azurerm_managed_redis');
      expect(redis).not.toHaveProperty('identity');
      expect(redis).not.toHaveProperty('customer_managed_key');
      expect(redis).not.toHaveProperty('depends_on');
    });

    test('prevent_destroy and a CanNotDelete lock on the cache and its private endpoint', () => {
      const json = synth(cacheStack().stack);
      expect(onlyResource(json, 'azurerm_managed_redis').lifecycle).toEqual({ prevent_destroy: true });
      const lock = lockOn(json, redisRef(json));
      expect(lock.scope).toBe(redisRef(json));
      expect(lock.lock_level).toBe('CanNotDelete');
      expect(lock.name).toBe('lock-amr-genai-test-sdc-ab12');
      expectEndpointLocked(json, 'pe-genai-test-sdc-amr');
    });

    test('a private endpoint to the redisEnterprise sub-resource, registered in the given zone', () => {
      const json = synth(cacheStack().stack);
      const endpoint = onlyResource(json, 'azurerm_private_endpoint');
      expect(endpoint.name).toBe('pe-genai-test-sdc-amr');
      expect(endpoint.location).toBe('swedencentral');
      expect(endpoint.resource_group_name).toBe('rg-genai-test-sdc-gateway');
      expect(endpoint.subnet_id).toBe(baseProps.privateEndpoint.subnetResourceId);
      expect(endpoint.private_service_connection).toEqual({
        name: 'pe-genai-test-sdc-amr',
        private_connection_resource_id: redisRef(json),
        subresource_names: ['redisEnterprise'],
        is_manual_connection: false,
      });
      expect(endpoint.private_dns_zone_group.private_dns_zone_ids).toEqual(['/zones/privatelink.redis.azure.net']);
    });

    test('metrics from the cluster and connection logs from the default database, to the workspace', () => {
      const json = synth(cacheStack().stack);
      const settings = resourcesOf(json, 'azurerm_monitor_diagnostic_setting');
      expect(settings).toHaveLength(2);
      const cluster = settings.find((s) => s.target_resource_id === redisRef(json));
      const database = settings.find((s) => s.target_resource_id === `${redisRef(json)}/databases/default`);
      expect(cluster).toMatchObject({ log_analytics_workspace_id: '/workspaces/log-genai-test-sdc', enabled_metric: [{ category: 'AllMetrics' }] });
      expect(cluster).not.toHaveProperty('enabled_log');
      expect(database).toMatchObject({ log_analytics_workspace_id: '/workspaces/log-genai-test-sdc', enabled_log: [{ category_group: 'allLogs' }] });
      expect(database).not.toHaveProperty('enabled_metric');
    });
  });

  describe('attributes', () => {
    test('resourceId, name and hostName are references to the cache; port is 10000', () => {
      const { stack, cache } = cacheStack();
      output(stack, 'id', cache.resourceId);
      output(stack, 'name', cache.name);
      output(stack, 'host', cache.hostName);
      const json = synth(stack);
      expect(json.output!.id.value).toBe(redisRef(json, 'id'));
      expect(json.output!.name.value).toBe(redisRef(json, 'name'));
      expect(json.output!.host.value).toBe(redisRef(json, 'hostname'));
      expect(cache.port).toBe(10000);
      expect(cache.accessKeysEnabled).toBe(false);
    });

    test('apimConnectionString throws while access keys are disabled', () => {
      const { cache } = cacheStack();
      expect(() => cache.apimConnectionString).toThrow(/cache: apimConnectionString needs access-key authentication; set accessKeysForApim/);
    });

    test('apimConnectionString is an expression over the host name and the primary access key, never a literal key', () => {
      const { stack, cache } = cacheStack({ accessKeysForApim: { reason: REASON } });
      output(stack, 'connection', cache.apimConnectionString);
      const json = synth(stack);
      const value: string = json.output!.connection.value;
      expect(value).toBe(`${redisRef(json, 'hostname')}:10000,password=${redisRef(json, 'default_database[0].primary_access_key')},ssl=True,abortConnect=False`);
      expect(value).toContain('default_database[0].primary_access_key');
    });

    test('wires into API Management as the external cache Default', () => {
      const { stack, cache } = cacheStack({ accessKeysForApim: { reason: REASON } });
      new ApiManagementRedisCache(stack, 'apim-cache', {
        name: 'Default', apiManagementId: APIM_ID, connectionString: cache.apimConnectionString, redisCacheId: cache.resourceId, cacheLocation: 'default',
      });
      const json = synth(stack);
      const external = onlyResource(json, 'azurerm_api_management_redis_cache');
      expect(external.connection_string).toContain(redisRef(json, 'default_database[0].primary_access_key'));
      expect(external.redis_cache_id).toBe(redisRef(json));
    });
  });

  describe('options', () => {
    test.each(['Balanced_B0', 'Balanced_B1000', 'MemoryOptimized_M10', 'ComputeOptimized_X3'] as ManagedRedisSkuName[])('skuName %s', (skuName) => {
      const redis = onlyResource(synth(cacheStack({ skuName }).stack), 'azurerm_managed_redis');
      expect(redis.sku_name).toBe(skuName);
    });

    test('the SKU list covers the four families of azurerm 4.55', () => {
      expect(MANAGED_REDIS_SKU_NAMES).toHaveLength(44);
      expect(MANAGED_REDIS_SKU_NAMES).toEqual(expect.arrayContaining(['Balanced_B0', 'Balanced_B1000', 'MemoryOptimized_M2000', 'ComputeOptimized_X700', 'FlashOptimized_A4500']));
    });

    test('highAvailabilityEnabled: false (dev) keeps every other default', () => {
      const redis = onlyResource(synth(cacheStack({ highAvailabilityEnabled: false }).stack), 'azurerm_managed_redis');
      expect(redis.high_availability_enabled).toBe(false);
      expect(redis.public_network_access).toBe('Disabled');
      expect(redis.default_database.access_keys_authentication_enabled).toBe(false);
    });

    test('customerManagedKey: the user-assigned identity attached and named in customer_managed_key', () => {
      const redis = onlyResource(synth(cacheStack({
        customerManagedKey: { keyVaultKeyResourceId: KEY_ID, identity: { resourceId: IDENTITY_ID, clientId: CMK_CLIENT_ID } },
      }).stack), 'azurerm_managed_redis');
      expect(redis.identity).toEqual({ type: 'UserAssigned', identity_ids: [IDENTITY_ID] });
      expect(redis.customer_managed_key).toEqual({ key_vault_key_id: KEY_ID, user_assigned_identity_id: IDENTITY_ID });
      expect(redis).not.toHaveProperty('depends_on');
    });

    test('customerManagedKey.accessGrant: the cache waits for the grant; references are accepted', () => {
      const stack = testStack();
      const identity = new UserAssignedIdentity(stack, 'cmk-identity', { name: 'id-cmk', location: 'swedencentral', resourceGroupName: 'rg' });
      const grant = new RoleAssignment(stack, 'grant', {
        scope: '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv',
        roleDefinitionName: 'Key Vault Crypto Service Encryption User',
        principalId: identity.principalId,
      });
      const key = new TerraformVariable(stack, 'key-id', { type: 'string' });
      new SemanticCache(stack, 'cache', {
        ...baseProps,
        customerManagedKey: { keyVaultKeyResourceId: key.stringValue, identity: { resourceId: identity.id, clientId: CMK_CLIENT_ID }, accessGrant: grant },
      });
      const json = synth(stack);
      const redis = onlyResource(json, 'azurerm_managed_redis');
      const identityKey = Object.keys(json.resource.azurerm_user_assigned_identity)[0];
      const grantKey = Object.keys(json.resource.azurerm_role_assignment)[0];
      expect(redis.identity.identity_ids).toEqual([`\${azurerm_user_assigned_identity.${identityKey}.id}`]);
      expect(redis.customer_managed_key.key_vault_key_id).toBe('${var.key-id}');
      expect(redis.depends_on).toEqual([`azurerm_role_assignment.${grantKey}`]);
    });

    test("accessKeysForApim turns access-key authentication on and nothing else", () => {
      const { stack, cache } = cacheStack({ accessKeysForApim: { reason: REASON } });
      const redis = onlyResource(synth(stack), 'azurerm_managed_redis');
      expect(redis.default_database.access_keys_authentication_enabled).toBe(true);
      expect(redis.default_database.client_protocol).toBe('Encrypted');
      expect(redis.public_network_access).toBe('Disabled');
      expect(cache.accessKeysEnabled).toBe(true);
    });

    test("lock: 'none' and preventDestroy: false", () => {
      const json = synth(cacheStack({ lock: 'none', preventDestroy: false }).stack);
      expect(resourcesOf(json, 'azurerm_management_lock')).toHaveLength(0);
      expect(onlyResource(json, 'azurerm_managed_redis')).not.toHaveProperty('lifecycle');
    });
  });

  describe('validation', () => {
    test('a name that breaks the naming rule', () => {
      expect(() => cacheStack({ name: 'AMR_Genai' })).toThrow(/cache: managedRedis name 'AMR_Genai' must use lowercase letters, digits and single hyphens/);
      expect(() => cacheStack({ name: 'amr--genai' })).toThrow(/managedRedis name 'amr--genai' must use/);
    });

    test('an unknown SKU, including the retired Enterprise SKUs', () => {
      expect(() => cacheStack({ skuName: 'Balanced_B2' })).toThrow(/skuName must be an Azure Managed Redis SKU \(Balanced_B0-1000, MemoryOptimized_M10-2000, ComputeOptimized_X3-700, FlashOptimized_A250-4500\), got 'Balanced_B2'/);
      expect(() => cacheStack({ skuName: 'Enterprise_E10' as ManagedRedisSkuName })).toThrow(/got 'Enterprise_E10'/);
    });

    test('a Flash Optimized SKU (no RediSearch)', () => {
      expect(() => cacheStack({ skuName: 'FlashOptimized_A250' })).toThrow(/skuName 'FlashOptimized_A250' is Flash Optimized, which does not support the RediSearch module/);
    });

    test('a versionless customer-managed key id and an identity id that is not a user-assigned identity', () => {
      expect(() => cacheStack({
        customerManagedKey: { keyVaultKeyResourceId: 'https://kv.vault.azure.net/keys/cmk-cache', identity: { resourceId: IDENTITY_ID, clientId: CMK_CLIENT_ID } },
      })).toThrow(/customerManagedKey.keyVaultKeyResourceId must be a versioned key id .* accepts versioned key URLs only, got 'https:\/\/kv.vault.azure.net\/keys\/cmk-cache'/);
      expect(() => cacheStack({
        customerManagedKey: { keyVaultKeyResourceId: KEY_ID, identity: { resourceId: '/subscriptions/0000/resourceGroups/rg', clientId: CMK_CLIENT_ID } },
      })).toThrow(/customerManagedKey.identity.resourceId must be a user-assigned identity id/);
    });

    test('accessKeysForApim without a real reason', () => {
      expect(() => cacheStack({ accessKeysForApim: { reason: 'for apim' } })).toThrow(/accessKeysForApim.reason must explain why API Management needs access keys in at least 10 characters/);
      expect(() => cacheStack({ accessKeysForApim: { reason: '          x' } })).toThrow(/accessKeysForApim.reason must explain/);
    });

    test('reports every problem at once', () => {
      expect(() => cacheStack({
        name: 'AMR', skuName: 'FlashOptimized_A500', accessKeysForApim: { reason: 'short' },
        customerManagedKey: { keyVaultKeyResourceId: 'not-a-key', identity: { resourceId: IDENTITY_ID, clientId: CMK_CLIENT_ID } },
      })).toThrow(/managedRedis name 'AMR' must use .*; skuName 'FlashOptimized_A500' is Flash Optimized.*; customerManagedKey.keyVaultKeyResourceId must be a versioned key id.*; accessKeysForApim.reason must explain/);
    });

    test('skips values that are unresolved tokens', () => {
      const stack = testStack();
      const text = (id: string) => new TerraformVariable(stack, id, { type: 'string' }).stringValue;
      expect(() => new SemanticCache(stack, 'cache', {
        ...baseProps,
        name: text('name'),
        skuName: text('sku') as ManagedRedisSkuName,
        customerManagedKey: { keyVaultKeyResourceId: text('key'), identity: { resourceId: text('identity'), clientId: CMK_CLIENT_ID } },
        accessKeysForApim: { reason: text('reason') },
      })).not.toThrow();
    });
  });

  describe('access keys exception in the plan', () => {
    let outdir: string;
    beforeEach(() => { outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cache-')); });
    afterEach(() => { fs.rmSync(outdir, { recursive: true, force: true }); });

    /** Synthesizes through a real App, which keeps the `//` metadata that Testing.synth strips. */
    function synthWithApp(overrides: Partial<SemanticCacheProps>): Record<string, any> {
      const app = new App({ outdir, skipValidation: true });
      const stack = new TerraformStack(app, 's');
      new SemanticCache(stack, 'cache', { ...baseProps, ...overrides });
      app.synth();
      return JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 's', 'cdk.tf.json'), 'utf8'));
    }
    const redisOf = (json: Record<string, any>) => Object.values(json.resource.azurerm_managed_redis as Record<string, any>)[0];

    test('accessKeysForApim records the GAI-AMR-003 suppression with its reason on the cache only', () => {
      const json = synthWithApp({ accessKeysForApim: { reason: `  ${REASON}  ` } });
      const suppressions = redisOf(json)['//'].suppressions;
      expect(suppressions).toEqual([{ ruleId: 'GAI-AMR-003', reason: expect.stringContaining(REASON) }]);
      expect(suppressions[0].reason).toMatch(/^access keys for the API Management external cache/);
      expect(Object.values(json.resource.azurerm_private_endpoint as Record<string, any>)[0]['//']?.suppressions).toBeUndefined();
      const plan = parsePlan(json, 's.json');
      expect(plan.resources.find((r) => r.type === 'azurerm_managed_redis')!.suppressions).toEqual(suppressions);
    });

    test('without it, nothing is suppressed', () => {
      expect(redisOf(synthWithApp({}))['//']?.suppressions).toBeUndefined();
    });
  });

  describe('policy review', () => {
    /**
     * The construct with an in-plan workspace (itself diagnosed), subnet and private DNS zone, tagged by the
     * RequiredTags aspect as the platform stack does, synthesized through a real App (so suppressions stay in
     * the plan) and reviewed as production.
     */
    function reviewed(
      overrides: Partial<SemanticCacheProps> = {},
      options: { tags?: Record<string, string>; configure?: (stack: TerraformStack, cache: SemanticCache) => void } = {},
    ) {
      const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cache-review-'));
      try {
        const app = new App({ outdir, skipValidation: true });
        const stack = new TerraformStack(app, 's');
        const workspace = new LogAnalyticsWorkspace(stack, 'workspace', {
          name: 'log-genai-test-sdc', location: 'swedencentral', resourceGroupName: 'rg', sku: 'PerGB2018', retentionInDays: 90, localAuthenticationEnabled: false,
        });
        new DiagnosticSetting(stack, 'workspace-diagnostics', { logAnalyticsWorkspaceResourceId: workspace.id, targetResourceId: workspace.id });
        const vnet = new VirtualNetwork(stack, 'vnet', { name: 'vnet-genai-test-sdc', location: 'swedencentral', resourceGroupName: 'rg', addressSpace: ['10.40.0.0/22'] });
        const subnet = new Subnet(stack, 'pe-subnet', { name: 'snet-pe', resourceGroupName: 'rg', virtualNetworkName: vnet.name, addressPrefixes: ['10.40.0.0/24'] });
        const zone = new PrivateDnsZone(stack, 'zone', { name: 'privatelink.redis.azure.net', resourceGroupName: 'rg' });
        const cache = new SemanticCache(stack, 'cache', {
          ...baseProps,
          privateEndpoint: { ...baseProps.privateEndpoint, subnetResourceId: subnet.id, privateDnsZoneResourceIds: [zone.id] },
          diagnostics: { logAnalyticsWorkspaceResourceId: workspace.id },
          ...overrides,
        });
        options.configure?.(stack, cache);
        if (options.tags) Aspects.of(stack).add(new RequiredTags(options.tags));
        app.synth();
        const json = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 's', 'cdk.tf.json'), 'utf8'));
        return review([parsePlan(json, 'test')], { production: true }).findings.filter((f) => /^GAI-AMR-/.test(f.ruleId));
      } finally {
        fs.rmSync(outdir, { recursive: true, force: true });
      }
    }
    type Findings = ReturnType<typeof reviewed>;
    const blocking = (findings: Findings) => findings
      .filter((f) => f.status === 'fail' && !f.suppressed && (f.severity === 'error' || f.severity === 'warning'))
      .map((f) => `${f.ruleId} ${f.severity} ${f.address}: ${f.message}`);
    const INTERNAL = { 'data-classification': 'internal' };
    const withApimCache = (stack: TerraformStack, cache: SemanticCache) => {
      new ApiManagementRedisCache(stack, 'apim-cache', {
        name: 'Default', apiManagementId: APIM_ID, connectionString: cache.apimConnectionString, redisCacheId: cache.resourceId, cacheLocation: 'default',
      });
    };

    test('the defaults pass every GAI-AMR rule (internal data)', () => {
      const findings = reviewed({}, { tags: INTERNAL });
      expect(blocking(findings)).toEqual([]);
      expect(findings.filter((f) => f.status === 'fail').map((f) => f.ruleId)).toEqual([]);
    });

    test('with a customer-managed key, confidential data passes GAI-AMR-005 too', () => {
      const findings = reviewed(
        { customerManagedKey: { keyVaultKeyResourceId: KEY_ID, identity: { resourceId: IDENTITY_ID, clientId: CMK_CLIENT_ID } } },
        { tags: { 'data-classification': 'confidential' } },
      );
      expect(blocking(findings)).toEqual([]);
    });

    test('access keys for APIM: GAI-AMR-003 is reported suppressed with the reason; RediSearch satisfies GAI-AMR-006 for the APIM cache', () => {
      const findings = reviewed({ accessKeysForApim: { reason: REASON } }, { tags: INTERNAL, configure: withApimCache });
      expect(blocking(findings)).toEqual([]);
      const amr003 = findings.filter((f) => f.ruleId === 'GAI-AMR-003');
      expect(amr003).toHaveLength(1);
      expect(amr003[0]).toMatchObject({ status: 'fail', severity: 'error', suppressed: true, reason: expect.stringContaining(REASON) });
      expect(findings.filter((f) => f.ruleId === 'GAI-AMR-006')).toEqual([]);
    });

    test('the rules are not vacuous: no high availability, untagged data without a key, and an APIM cache without RediSearch are flagged', () => {
      expect(blocking(reviewed({ highAvailabilityEnabled: false }))).toEqual([
        expect.stringMatching(/^GAI-AMR-004 warning azurerm_managed_redis\..*`high_availability_enabled` is false/),
        expect.stringMatching(/^GAI-AMR-005 warning azurerm_managed_redis\..*no `data-classification` tag/),
      ]);
      // GAI-AMR-006 (a note) fails once the APIM cache's database loses RediSearch.
      const { stack, cache } = cacheStack({ accessKeysForApim: { reason: REASON } });
      withApimCache(stack, cache);
      const json = synth(stack);
      delete onlyResource(json, 'azurerm_managed_redis').default_database.module;
      const amr006 = review([parsePlan(json, 'test')], { production: true }).findings.filter((f) => f.ruleId === 'GAI-AMR-006');
      expect(amr006.map((f) => `${f.status} ${f.message}`)).toEqual([expect.stringMatching(/^fail the cache backs API Management .* has no "RediSearch"/)]);
    });
  });
});

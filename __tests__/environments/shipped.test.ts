import { ENVIRONMENTS } from '../../environments';
import { EnvironmentConfig, PLATFORM_TAG_KEYS, parseEnvironment, parseEnvironments } from '../../environments/schema';

const configs = new Map(ENVIRONMENTS.map((input) => [input.name, parseEnvironment(input)]));

/** The resolved config of a shipped environment; fails the test when there is none. */
function shipped(name: string): EnvironmentConfig {
  const config = configs.get(name);
  if (!config) throw new Error(`no shipped environment '${name}'`);
  return config;
}

describe('shipped environments', () => {
  test('are dev, staging and prod, in promotion order, registered first (a fork made with new-env comes after them)', () => {
    expect(ENVIRONMENTS.map((e) => e.name).slice(0, 3)).toEqual(['dev', 'staging', 'prod']);
  });

  test('validate together: unique names, VNets that do not overlap', () => {
    const names = ENVIRONMENTS.map((e) => e.name);
    expect(parseEnvironments(ENVIRONMENTS).map((c) => c.name)).toEqual(names);
    expect(new Set(names).size).toBe(names.length);
  });

  describe.each(['dev', 'staging', 'prod'])('%s', (name) => {
    test('carries the five platform tags from its typed fields, plus its own tags', () => {
      const input = ENVIRONMENTS.find((e) => e.name === name)!;
      const { tags } = shipped(name);
      for (const key of PLATFORM_TAG_KEYS) expect(tags).toHaveProperty([key]);
      expect(tags).toMatchObject({
        ...input.tags,
        environment: name,
        workload: 'genai',
        owner: input.owner,
        'cost-center': input.costCenter,
        'data-classification': input.dataClassification,
      });
      expect(Object.keys(tags)).toHaveLength(PLATFORM_TAG_KEYS.length + Object.keys(input.tags ?? {}).length);
    });

    test('deploys to swedencentral, keyless and soft-deleting keys for 90 days', () => {
      const config = shipped(name);
      expect(config.location).toBe('swedencentral');
      expect(config.keyVault.softDeleteRetentionDays).toBe(90);
      expect(config.keyVault.deployerIpRanges).toEqual([]);
      expect(config.network.egress).toBe('natGateway');
    });
  });

  describe('dev', () => {
    const dev = shipped('dev');

    test('carves its subnets from 10.40.0.0/22', () => {
      expect(dev.network.addressSpace).toBe('10.40.0.0/22');
      expect(dev.network.subnets).toEqual({ privateEndpoints: '10.40.0.0/24', apim: '10.40.1.0/27', apps: '10.40.2.0/23' });
      expect(dev.network.hubPrivateDnsZoneResourceIds).toEqual({});
    });

    test('is not production: standard Key Vault, no locks, no prevent-destroy, no private link scope', () => {
      expect(dev.production).toBe(false);
      expect(dev.keyVault.skuName).toBe('standard');
      expect(dev.governance).toEqual({ deleteLocksEnabled: false, preventDestroyEnabled: false });
      expect(dev.monitoring.privateLinkScopeEnabled).toBe(false);
    });

    test('rotates keys faster and keeps logs shorter, with an ingestion cap', () => {
      expect(dev.keyVault).toMatchObject({ keyRotationDays: 90, keyExpiryDays: 180 });
      expect(dev.monitoring).toMatchObject({ retentionDays: 90, dailyQuotaGb: 5 });
    });

    test('keeps its state in the shared state account, in its own container', () => {
      expect(dev.state).toEqual({
        backend: 'azurerm', resourceGroupName: 'rg-genai-tfstate', storageAccountName: 'stgenaitfstate01',
        containerName: 'tfstate-dev', key: 'dev.tfstate', subscriptionId: undefined, tenantId: undefined,
      });
    });
  });

  describe('staging', () => {
    const staging = shipped('staging');

    test('carves its subnets from 10.41.0.0/22', () => {
      expect(staging.network.subnets).toEqual({ privateEndpoints: '10.41.0.0/24', apim: '10.41.1.0/27', apps: '10.41.2.0/23' });
    });

    test('is production-shaped where it says so, and defaults elsewhere', () => {
      expect(staging.production).toBe(false);
      expect(staging.keyVault).toMatchObject({ skuName: 'premium', keyRotationDays: 180, keyExpiryDays: 365 });
      expect(staging.monitoring).toMatchObject({ retentionDays: 90, dailyQuotaGb: 20, privateLinkScopeEnabled: true });
      expect(staging.governance).toEqual({ deleteLocksEnabled: true, preventDestroyEnabled: false });
      expect(staging.state).toMatchObject({ backend: 'azurerm', storageAccountName: 'stgenaitfstate01', containerName: 'tfstate-staging', key: 'staging.tfstate' });
    });
  });

  describe('prod', () => {
    const prod = shipped('prod');

    test('uses its explicit subnets inside 10.42.0.0/21', () => {
      expect(prod.network.addressSpace).toBe('10.42.0.0/21');
      expect(prod.network.subnets).toEqual({ privateEndpoints: '10.42.0.0/24', apim: '10.42.1.0/26', apps: '10.42.2.0/23' });
    });

    test('gets a premium (HSM) Key Vault by default', () => {
      expect(ENVIRONMENTS.find((e) => e.name === 'prod')!.keyVault?.skuName).toBeUndefined();
      expect(prod.keyVault).toEqual({
        skuName: 'premium', softDeleteRetentionDays: 90, deployerIpRanges: [], deployerAccessReason: undefined, keyRotationDays: 180, keyExpiryDays: 365,
      });
    });

    test('turns locks, prevent-destroy and the private link scope on by default', () => {
      expect(prod.production).toBe(true);
      expect(prod.governance).toEqual({ deleteLocksEnabled: true, preventDestroyEnabled: true });
      expect(prod.monitoring).toMatchObject({ retentionDays: 365, dailyQuotaGb: undefined, privateLinkScopeEnabled: true });
    });

    test('uses the hub-owned Key Vault and blob DNS zones', () => {
      expect(Object.keys(prod.network.hubPrivateDnsZoneResourceIds).sort()).toEqual(['blob', 'keyVault']);
      expect(prod.network.hubPrivateDnsZoneResourceIds.keyVault).toMatch(/\/privateDnsZones\/privatelink\.vaultcore\.azure\.net$/);
      expect(prod.network.hubPrivateDnsZoneResourceIds.blob).toMatch(/\/privateDnsZones\/privatelink\.blob\.core\.windows\.net$/);
    });

    test('keeps its state in Azure Storage under prod.tfstate', () => {
      expect(prod.state).toEqual({
        backend: 'azurerm',
        resourceGroupName: 'rg-genai-tfstate',
        storageAccountName: 'stgenaitfstate01',
        containerName: 'tfstate-prod',
        key: 'prod.tfstate',
        subscriptionId: undefined,
        tenantId: undefined,
      });
    });
  });
});

import amr001 from '../../../policy/rules/amr/GAI-AMR-001';
import amr002 from '../../../policy/rules/amr/GAI-AMR-002';
import amr003 from '../../../policy/rules/amr/GAI-AMR-003';
import amr004 from '../../../policy/rules/amr/GAI-AMR-004';
import amr005 from '../../../policy/rules/amr/GAI-AMR-005';
import amr006 from '../../../policy/rules/amr/GAI-AMR-006';
import { FixtureResource, messagesOf, statusOf, Values } from '../harness';


/** A managed Redis `cache` (address azurerm_managed_redis.cache) plus other resources. */
const redis = (values: Values, ...others: FixtureResource[]): FixtureResource[] => [
  { type: 'azurerm_managed_redis', name: 'cache', values: { name: 'amr-genai-dev-sdc', sku_name: 'Balanced_B3', location: 'swedencentral', ...values } },
  ...others,
];

describe('GAI-AMR-001 public network access disabled', () => {
  test.each([
    ['Disabled', { public_network_access: 'Disabled' }, 'compliant'],
    ['Enabled', { public_network_access: 'Enabled' }, 'non-compliant'],
    ['missing (provider default Enabled)', {}, 'non-compliant'],
    ['from a variable', { public_network_access: '${var.pna}' }, 'unknown'],
  ])('%s', (_case, values, expected) => {
    expect(statusOf(amr001, redis(values))).toBe(expected);
  });
});

describe('GAI-AMR-002 encrypted client protocol', () => {
  test.each([
    ['Encrypted', { default_database: { client_protocol: 'Encrypted' } }, 'compliant'],
    ['missing (provider default Encrypted)', { default_database: {} }, 'compliant'],
    ['no database block', {}, 'compliant'],
    ['Plaintext', { default_database: { client_protocol: 'Plaintext' } }, 'non-compliant'],
    ['plan JSON list shape', { default_database: [{ client_protocol: 'Plaintext' }] }, 'non-compliant'],
    ['from a variable', { default_database: { client_protocol: '${var.protocol}' } }, 'unknown'],
  ])('%s', (_case, values, expected) => {
    expect(statusOf(amr002, redis(values))).toBe(expected);
  });
});

describe('GAI-AMR-003 access keys disabled', () => {
  test.each([
    ['false', { default_database: { access_keys_authentication_enabled: false } }, 'compliant'],
    ['missing (provider default false)', { default_database: {} }, 'compliant'],
    ['true', { default_database: { access_keys_authentication_enabled: true } }, 'non-compliant'],
    ['from a variable', { default_database: { access_keys_authentication_enabled: '${var.keys}' } }, 'unknown'],
  ])('%s', (_case, values, expected) => {
    expect(statusOf(amr003, redis(values))).toBe(expected);
  });
});

describe('GAI-AMR-004 high availability', () => {
  test.each([
    ['true', { high_availability_enabled: true }, 'compliant'],
    ['missing (provider default true)', {}, 'compliant'],
    ['false', { high_availability_enabled: false }, 'non-compliant'],
    ['from a variable', { high_availability_enabled: '${var.ha}' }, 'unknown'],
  ])('%s', (_case, values, expected) => {
    expect(statusOf(amr004, redis(values))).toBe(expected);
  });
});

describe('GAI-AMR-005 customer-managed key for confidential data', () => {
  const confidential = { tags: { 'data-classification': 'confidential' } };
  const identity: FixtureResource = { type: 'azurerm_user_assigned_identity', name: 'cmk', values: { name: 'id-genai-dev-sdc-cmk' } };
  const key: FixtureResource = { type: 'azurerm_key_vault_key', name: 'k', values: { name: 'cmk' } };
  const cmk = { key_vault_key_id: '${azurerm_key_vault_key.k.versionless_id}', user_assigned_identity_id: '${azurerm_user_assigned_identity.cmk.id}' };
  test.each([
    ['key with its identity attached', redis({ ...confidential, customer_managed_key: cmk, identity: { type: 'UserAssigned', identity_ids: ['${azurerm_user_assigned_identity.cmk.id}'] } }, identity, key), 'compliant'],
    ['no key on confidential data', redis(confidential), 'non-compliant'],
    ['no key and no classification tag', redis({}), 'non-compliant'],
    ['key but identity not attached', redis({ ...confidential, customer_managed_key: cmk }, identity, key), 'non-compliant'],
    ['key but another identity attached', redis({ ...confidential, customer_managed_key: cmk, identity: { type: 'UserAssigned', identity_ids: ['${azurerm_user_assigned_identity.other.id}'] } }, identity, key), 'non-compliant'],
    ['literal ids (plan JSON)', redis({ ...confidential, customer_managed_key: [{ key_vault_key_id: 'https://kv.vault.azure.net/keys/cmk', user_assigned_identity_id: '/x/ID' }], identity: [{ type: 'UserAssigned', identity_ids: ['/x/id'] }] }), 'compliant'],
    ['key id from a variable', redis({ ...confidential, customer_managed_key: { ...cmk, key_vault_key_id: '${var.key}' } }, identity), 'unknown'],
    ['classification unknown', redis({ tags: '${var.tags}' }), 'unknown'],
    ['not required for internal data', redis({ tags: { 'data-classification': 'internal' } }), 'not-applicable'],
  ])('%s', (_case, resources, expected) => {
    expect(statusOf(amr005, resources)).toBe(expected);
  });
});

describe('GAI-AMR-006 semantic cache needs RediSearch with Enterprise clustering', () => {
  const search = { module: [{ name: 'RediSearch' }] };
  const apimCache: FixtureResource = {
    type: 'azurerm_api_management_redis_cache', name: 'semantic',
    values: { name: 'semantic', api_management_id: '${azurerm_api_management.apim.id}', redis_cache_id: '${azurerm_managed_redis.cache.id}', connection_string: 'x' },
  };
  test.each([
    ['RediSearch with EnterpriseCluster', redis({ default_database: { ...search, clustering_policy: 'EnterpriseCluster' } }), 'compliant'],
    ['RediSearch with the default OSSCluster', redis({ default_database: search }), 'non-compliant'],
    ['RediSearch with OSSCluster set', redis({ default_database: { ...search, clustering_policy: 'OSSCluster' } }), 'non-compliant'],
    ['APIM cache without RediSearch', redis({ default_database: {} }, apimCache), 'non-compliant'],
    ['clustering from a variable', redis({ default_database: { ...search, clustering_policy: '${var.clustering}' } }), 'unknown'],
    ['modules from a variable', redis({ default_database: { module: '${var.modules}' } }), 'unknown'],
    ['plain cache without RediSearch, not used by APIM', redis({ default_database: {} }), 'not-applicable'],
    ['no database', redis({}), 'not-applicable'],
  ])('%s', (_case, resources, expected) => {
    expect(statusOf(amr006, resources)).toBe(expected);
  });
  test('explains the OSS clustering default', () => {
    expect(messagesOf(amr006, redis({ default_database: search }))[0]).toMatch(/provider default "OSSCluster"/);
  });
});

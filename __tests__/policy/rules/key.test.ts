import key001 from '../../../policy/rules/key/GAI-KEY-001';
import key002 from '../../../policy/rules/key/GAI-KEY-002';
import key003 from '../../../policy/rules/key/GAI-KEY-003';
import key004 from '../../../policy/rules/key/GAI-KEY-004';
import key005 from '../../../policy/rules/key/GAI-KEY-005';
import { FixtureResource, messagesOf, statusOf } from '../harness';

type Values = Record<string, unknown>;

/** The platform's customer-managed key (KeyVault.addCustomerManagedKey), overridable. */
const platformKey = {
  name: 'cmk-platform',
  key_vault_id: '${azurerm_key_vault.v.id}',
  key_type: 'RSA-HSM',
  key_size: 3072,
  key_opts: ['wrapKey', 'unwrapKey'],
  rotation_policy: { automatic: { time_after_creation: 'P180D' }, expire_after: 'P365D', notify_before_expiry: 'P30D' },
};

const key = (values: Values = {}, extra: FixtureResource[] = []): FixtureResource[] => [
  { type: 'azurerm_key_vault_key', name: 'k', values: { ...platformKey, ...values } },
  ...extra,
];
const vault = (sku: string): FixtureResource => ({ type: 'azurerm_key_vault', name: 'v', values: { name: 'kv-genai', sku_name: sku } });

describe('GAI-KEY-001 key expiry', () => {
  test.each([
    ['rotation_policy.expire_after', {}, 'compliant'],
    ['expiration_date, no rotation policy', { rotation_policy: undefined, expiration_date: '2026-12-31T00:00:00Z' }, 'compliant'],
    ['neither', { rotation_policy: undefined }, 'non-compliant'],
    ['rotation policy without expire_after', { rotation_policy: { automatic: { time_after_creation: 'P180D' } } }, 'non-compliant'],
    ['expiry only known after apply', { rotation_policy: undefined, expiration_date: '${timeadd(timestamp(), "8760h")}' }, 'unknown'],
  ])('%s', (_case, values, expected) => {
    expect(statusOf(key001, key(values))).toBe(expected);
  });
  test('says what is missing', () => {
    expect(messagesOf(key001, key({ rotation_policy: undefined }))).toEqual(['neither `expiration_date` nor `rotation_policy.expire_after` is set; expected one of them']);
  });
});

describe('GAI-KEY-002 automatic rotation', () => {
  test.each([
    ['platform rotation policy', {}, 'compliant'],
    ['plan JSON nested lists', { rotation_policy: [{ automatic: [{ time_before_expiry: 'P30D' }], expire_after: 'P365D', notify_before_expiry: 'P30D' }] }, 'compliant'],
    ['no rotation policy', { rotation_policy: undefined }, 'non-compliant'],
    ['no automatic trigger', { rotation_policy: { expire_after: 'P365D', notify_before_expiry: 'P30D' } }, 'non-compliant'],
    ['no expiry notification', { rotation_policy: { automatic: { time_after_creation: 'P180D' }, expire_after: 'P365D' } }, 'non-compliant'],
    ['rotation policy only known after apply', { rotation_policy: '${var.rotation}' }, 'unknown'],
    ['rotation period only known after apply', { rotation_policy: { automatic: { time_after_creation: '${var.rotate}' }, expire_after: 'P365D', notify_before_expiry: 'P30D' } }, 'unknown'],
  ])('%s', (_case, values, expected) => {
    expect(statusOf(key002, key(values))).toBe(expected);
  });
  test('lists every missing part', () => {
    expect(messagesOf(key002, key({ rotation_policy: { expire_after: 'P365D' } }))).toEqual([
      'the rotation policy lacks `rotation_policy.automatic.time_after_creation or time_before_expiry`, `rotation_policy.notify_before_expiry`; expected automatic rotation, an expiry and an expiry notification',
    ]);
  });
});

describe('GAI-KEY-003 HSM-backed keys', () => {
  test.each([
    ['production, RSA-HSM', {}, 'standard', true, 'compliant'],
    ['production, software RSA', { key_type: 'RSA' }, 'standard', true, 'non-compliant'],
    ['production, key type unknown', { key_type: '${var.key_type}' }, 'premium', true, 'unknown'],
    ['non-production, premium vault, software key', { key_type: 'RSA' }, 'premium', false, 'non-compliant'],
    ['non-production, premium vault, EC-HSM', { key_type: 'EC-HSM', key_size: undefined, curve: 'P-384' }, 'premium', false, 'compliant'],
    ['non-production, standard vault', { key_type: 'RSA' }, 'standard', false, 'not-applicable'],
  ])('%s', (_case, values, sku, production, expected) => {
    expect(statusOf(key003, key(values, [vault(sku)]), { production })).toBe(expected);
  });
  test('non-production with a vault outside the plan is not applicable', () => {
    expect(statusOf(key003, key({ key_type: 'RSA', key_vault_id: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv' }))).toBe('not-applicable');
  });
  test('names the reason HSM is required', () => {
    expect(messagesOf(key003, key({ key_type: 'RSA' }, [vault('premium')]))).toEqual(['`key_type` is "RSA"; expected "RSA-HSM" or "EC-HSM" (Premium vault azurerm_key_vault.v)']);
  });
});

describe('GAI-KEY-004 RSA key size', () => {
  test.each([
    ['RSA-HSM 3072', {}, 'compliant'],
    ['RSA 4096', { key_type: 'RSA', key_size: 4096 }, 'compliant'],
    ['RSA 2048', { key_size: 2048 }, 'non-compliant'],
    ['RSA without key_size', { key_size: undefined }, 'non-compliant'],
    ['key size only known after apply', { key_size: '${var.bits}' }, 'unknown'],
    ['key type only known after apply', { key_type: '${var.type}' }, 'unknown'],
    ['EC key', { key_type: 'EC-HSM', key_size: undefined, curve: 'P-256' }, 'not-applicable'],
  ])('%s', (_case, values, expected) => {
    expect(statusOf(key004, key(values))).toBe(expected);
  });
});

describe('GAI-KEY-005 CMK key operations', () => {
  test.each([
    ['wrap/unwrap only', {}, 'compliant'],
    ['also encrypt/decrypt', { key_opts: ['wrapKey', 'unwrapKey', 'encrypt', 'decrypt'] }, 'non-compliant'],
    ['sign', { key_opts: ['sign', 'verify', 'wrapKey', 'unwrapKey'] }, 'non-compliant'],
    ['key_opts only known after apply', { key_opts: '${var.ops}' }, 'unknown'],
    ['one operation only known after apply', { key_opts: ['wrapKey', '${var.op}'] }, 'unknown'],
    ['not a CMK (no consumer, not named cmk-*)', { name: 'signing', key_opts: ['sign', 'verify'] }, 'not-applicable'],
  ])('%s', (_case, values, expected) => {
    expect(statusOf(key005, key(values))).toBe(expected);
  });

  test('a key of any name that a storage account encrypts with is a CMK', () => {
    const resources = key({ name: 'storage-key', key_opts: ['wrapKey', 'unwrapKey', 'sign'] }, [{
      type: 'azurerm_storage_account', name: 'st', values: { customer_managed_key: { key_vault_key_id: '${azurerm_key_vault_key.k.versionless_id}', user_assigned_identity_id: 'x' } },
    }]);
    expect(statusOf(key005, resources)).toBe('non-compliant');
    expect(messagesOf(key005, resources)).toEqual(['`key_opts` also allows "sign"; expected only "wrapKey", "unwrapKey" for a customer-managed key']);
  });

  test('a role assignment scoped to the key does not make it a CMK', () => {
    expect(statusOf(key005, key({ name: 'signing', key_opts: ['sign'] }, [{
      type: 'azurerm_role_assignment', values: { scope: '${azurerm_key_vault_key.k.resource_versionless_id}' },
    }]))).toBe('not-applicable');
  });
});

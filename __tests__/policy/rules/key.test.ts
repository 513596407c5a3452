import key001 from '../../../policy/rules/key/GAI-KEY-001';
import key002 from '../../../policy/rules/key/GAI-KEY-002';
import key003 from '../../../policy/rules/key/GAI-KEY-003';
import key004 from '../../../policy/rules/key/GAI-KEY-004';
import key005 from '../../../policy/rules/key/GAI-KEY-005';
import key008 from '../../../policy/rules/key/GAI-KEY-008';
import key009 from '../../../policy/rules/key/GAI-KEY-009';
import key010 from '../../../policy/rules/key/GAI-KEY-010';
import key011 from '../../../policy/rules/key/GAI-KEY-011';
import { ResourceGraph } from '../../../policy/graph';
import { parsePlan } from '../../../policy/plan';
import { grantsCryptoRole } from '../../../policy/rules/key/_cmk';
import { Outcome, Rule } from '../../../policy/rule';
import { FixtureResource, messagesOf, statusOf, Values } from '../harness';


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
    ['expiration_date at creation (the construct\'s timeadd(plantimestamp()))', { expiration_date: '${timeadd(plantimestamp(), "8760h")}' }, 'compliant'],
    ['expiration_date, no rotation policy', { rotation_policy: undefined, expiration_date: '2026-12-31T00:00:00Z' }, 'compliant'],
    ['old shipped shape: rotation_policy.expire_after only', {}, 'non-compliant'],
    ['neither', { rotation_policy: undefined }, 'non-compliant'],
    ['rotation policy without expire_after', { rotation_policy: { automatic: { time_after_creation: 'P180D' } } }, 'non-compliant'],
    ['expiry only known after apply', { rotation_policy: undefined, expiration_date: '${var.expiry}' }, 'unknown'],
  ])('%s', (_case, values, expected) => {
    expect(statusOf(key001, key(values))).toBe(expected);
  });
  test('says what is missing', () => {
    expect(messagesOf(key001, key({ rotation_policy: undefined }))).toEqual(['neither `expiration_date` nor `rotation_policy.expire_after` is set; expected `expiration_date` (and `expire_after` for rotated versions)']);
    expect(messagesOf(key001, key())).toEqual(['`expiration_date` is not set: `rotation_policy.expire_after` dates only the versions rotation creates, so the first version never expires; expected `expiration_date`']);
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
  test('a 2048 key used only by AI services (which accept nothing larger) is compliant; 2048 for storage is not', () => {
    const ai = (keySize: number) => [...key({ key_size: keySize }), cognitive('ai', 'swedencentral')];
    expect(statusOf(key004, ai(2048))).toBe('compliant');
    expect(statusOf(key004, [...key({ key_size: 2048 }), storage('st')])).toBe('non-compliant');
    expect(statusOf(key004, [...key({ key_size: 2048 }), cognitive('ai', 'swedencentral'), storage('st')])).toBe('compliant');
  });

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

// --- Functional CMK rules (GAI-KEY-008..011): the old shipped shape fails, the fixed one passes ------------

const UAMI = '${azurerm_user_assigned_identity.cmk.client_id}';
const identity: FixtureResource = { type: 'azurerm_user_assigned_identity', name: 'cmk', values: { name: 'id-cmk' } };
function cognitive(name: string, location: string, keyRef = '${azurerm_key_vault_key.k.versionless_id}', dependsOn?: string[]): FixtureResource {
  return { type: 'azurerm_cognitive_account', name, values: {
    name, location, kind: 'AIServices', customer_managed_key: { key_vault_key_id: keyRef, identity_client_id: UAMI },
    ...(dependsOn ? { depends_on: dependsOn } : {}),
  } };
}
function storage(name: string, dependsOn?: string[]): FixtureResource {
  return { type: 'azurerm_storage_account', name, values: {
    name, location: 'swedencentral',
    customer_managed_key: { key_vault_key_id: '${azurerm_key_vault_key.k.versionless_id}', user_assigned_identity_id: '${azurerm_user_assigned_identity.cmk.id}' },
    ...(dependsOn ? { depends_on: dependsOn } : {}),
  } };
}
const regionalVault = (name: string, location: string): FixtureResource => ({ type: 'azurerm_key_vault', name, values: { name: `kv-${name}`, location, sku_name: 'premium', purge_protection_enabled: true } });
const grant: FixtureResource = { type: 'azurerm_role_assignment', name: 'crypto', values: {
  scope: '${azurerm_key_vault.v.id}', role_definition_name: 'Key Vault Crypto Service Encryption User', principal_id: '${azurerm_user_assigned_identity.cmk.principal_id}',
} };
const wait = (command = 'sleep 120', dependsOn = ['azurerm_role_assignment.crypto']): FixtureResource => ({ type: 'terraform_data', name: 'wait', values: {
  triggers_replace: { role_assignment_ids: ['${azurerm_role_assignment.crypto.id}'] }, provisioner: [{ 'local-exec': { command } }], depends_on: dependsOn,
} });

/** The platform key as the KeyVault construct now makes it. */
const fixedKey = { key_size: 2048, expiration_date: '${timeadd(plantimestamp(), "8760h")}', lifecycle: { ignore_changes: ['expiration_date'], prevent_destroy: true } };

describe('GAI-KEY-008 key type and size accepted by every consumer', () => {
  test.each([
    ['AI services with RSA-HSM 2048', { key_size: 2048 }, [cognitive('ai', 'swedencentral')], 'compliant'],
    ['old shipped shape: AI services with RSA-HSM 3072', {}, [cognitive('ai', 'swedencentral')], 'non-compliant'],
    ['AI services with software RSA 2048', { key_type: 'RSA', key_size: 2048 }, [cognitive('ai', 'swedencentral')], 'compliant'],
    ['storage with RSA-HSM 3072', {}, [storage('st')], 'compliant'],
    ['one key shared by storage and AI services at 3072', {}, [storage('st'), cognitive('ai', 'swedencentral')], 'non-compliant'],
    ['EC key for storage', { key_type: 'EC-HSM', key_size: undefined, curve: 'P-256' }, [storage('st')], 'non-compliant'],
    ['no catalogued consumer', {}, [], 'not-applicable'],
    ['key size only known after apply', { key_size: '${var.bits}' }, [cognitive('ai', 'swedencentral')], 'unknown'],
  ])('%s', (_case, values, consumers, expected) => {
    expect(statusOf(key008, key(values, consumers))).toBe(expected);
  });
  test('names the consumer, the constraint and its source', () => {
    expect(messagesOf(key008, key({}, [cognitive('ai', 'swedencentral')]))).toEqual([
      'azurerm_cognitive_account.ai uses this key, but Azure AI services (Foundry / Azure OpenAI account) (azurerm_cognitive_account) accepts RSA key sizes 2048, not 3072 (source: https://learn.microsoft.com/azure/ai-services/openai/encrypt-data-at-rest)',
    ]);
  });
});

describe('GAI-KEY-009 the key\'s vault is in the consumer\'s region', () => {
  const failover = (keyRef: string) => cognitive('failover', 'germanywestcentral', keyRef);
  const regionalKey: FixtureResource = { type: 'azurerm_key_vault_key', name: 'gwc', values: { ...platformKey, ...fixedKey, key_vault_id: '${azurerm_key_vault.gwc.id}' } };
  test('old shipped shape: the failover account uses the primary region\'s vault', () => {
    const resources = key(fixedKey, [regionalVault('v', 'swedencentral'), failover('${azurerm_key_vault_key.k.versionless_id}')]);
    expect(statusOf(key009, resources, { address: 'azurerm_cognitive_account.failover' })).toBe('non-compliant');
    expect(messagesOf(key009, resources, { address: 'azurerm_cognitive_account.failover' })[0]).toMatch(/in germanywestcentral encrypts with a key from azurerm_key_vault.v in swedencentral; the vault must be in germanywestcentral/);
  });
  test('compliant: each account uses the vault of its own region', () => {
    const resources = key(fixedKey, [regionalVault('v', 'swedencentral'), regionalVault('gwc', 'germanywestcentral'), regionalKey,
      cognitive('ai', 'swedencentral'), failover('${azurerm_key_vault_key.gwc.versionless_id}')]);
    expect(statusOf(key009, resources, { address: 'azurerm_cognitive_account.failover' })).toBe('compliant');
    expect(statusOf(key009, resources, { address: 'azurerm_cognitive_account.ai' })).toBe('compliant');
  });
  test('storage may use a vault in another region', () => {
    const resources = key(fixedKey, [regionalVault('v', 'germanywestcentral'), storage('st')]);
    expect(statusOf(key009, resources, { address: 'azurerm_storage_account.st' })).toBe('not-applicable');
  });
  test('unknown: the vault is outside the plan', () => {
    expect(statusOf(key009, [cognitive('ai', 'swedencentral', 'https://kv-shared.vault.azure.net/keys/cmk-ai')])).toBe('unknown');
  });
  test('region names compare without case and spaces', () => {
    const resources = key(fixedKey, [regionalVault('v', 'Sweden Central'), cognitive('ai', 'swedencentral')]);
    expect(statusOf(key009, resources, { address: 'azurerm_cognitive_account.ai' })).toBe('compliant');
  });
});

describe('GAI-KEY-010 expiry at creation, ignore_changes with rotation, prevent_destroy in production', () => {
  test.each([
    ['fixed platform key, production', fixedKey, true, 'compliant'],
    ['old shipped shape (no expiration_date, no lifecycle), production', {}, true, 'non-compliant'],
    ['old shipped shape, non-production', {}, false, 'non-compliant'],
    ['expiration_date without ignore_changes, with automatic rotation', { expiration_date: '2027-01-01T00:00:00Z' }, false, 'non-compliant'],
    ['expiration_date without ignore_changes, no automatic rotation', { expiration_date: '2027-01-01T00:00:00Z', rotation_policy: { expire_after: 'P365D', notify_before_expiry: 'P30D' } }, false, 'compliant'],
    ['ignore_changes = all', { expiration_date: '2027-01-01T00:00:00Z', lifecycle: { ignore_changes: 'all' } }, false, 'compliant'],
    ['production without prevent_destroy', { ...fixedKey, lifecycle: { ignore_changes: ['expiration_date'] } }, true, 'non-compliant'],
    ['non-production without prevent_destroy', { ...fixedKey, lifecycle: { ignore_changes: ['expiration_date'] } }, false, 'compliant'],
    ['not a CMK', { name: 'signing' }, true, 'not-applicable'],
  ])('%s', (_case, values, production, expected) => {
    expect(statusOf(key010, key(values), { production })).toBe(expected);
  });
  test('lists every problem of the old shape in production', () => {
    expect(messagesOf(key010, key(), { production: true })).toEqual([
      '`expiration_date` is not set, so the first key version never expires (`rotation_policy.expire_after` only applies to versions created by rotation); expected an expiry at creation',
      'production customer-managed key without `lifecycle.prevent_destroy = true`: destroying it makes the data it protects unreadable',
    ]);
  });
  test('plan JSON has no lifecycle: unknown, never a pass; a missing expiration_date is still non-compliant', () => {
    const values = { ...platformKey, key_vault_id: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv', expiration_date: '2027-01-01T00:00:00Z' };
    const outcomes = runOnPlanJson(key010, values, true);
    expect(outcomes.map((o) => o.status)).toEqual(['unknown']);
    expect(outcomes[0]).toMatchObject({ message: expect.stringMatching(/does not contain the `lifecycle` block; review `lifecycle.ignore_changes` covering `expiration_date` and `lifecycle.prevent_destroy`/) });
    expect(runOnPlanJson(key010, { ...values, expiration_date: undefined }, false).map((o) => o.status)).toEqual(['non-compliant']);
  });
});

/** Runs `rule` on key `k` of a `terraform show -json` plan holding only that key. */
function runOnPlanJson(rule: Rule, values: Record<string, unknown>, production: boolean): Outcome[] {
  const plan = parsePlan({
    format_version: '1.2',
    planned_values: { root_module: { resources: [{ address: 'azurerm_key_vault_key.k', mode: 'managed', type: 'azurerm_key_vault_key', name: 'k', values }] } },
  }, 'plan.json');
  const graph = new ResourceGraph(plan);
  const result = rule.check(graph.get('azurerm_key_vault_key.k')!, { graph, production });
  return Array.isArray(result) ? [...result] : [result as Outcome];
}

describe('GAI-KEY-011 consumers wait for RBAC propagation after the crypto grant', () => {
  const base = (consumer: FixtureResource, extra: FixtureResource[] = []) => key(fixedKey, [regionalVault('v', 'swedencentral'), identity, grant, ...extra, consumer]);
  test('old shipped shape: the consumer depends on the grant directly', () => {
    const resources = base(cognitive('ai', 'swedencentral', undefined, ['azurerm_role_assignment.crypto']));
    expect(statusOf(key011, resources, { address: 'azurerm_cognitive_account.ai' })).toBe('non-compliant');
    expect(messagesOf(key011, resources, { address: 'azurerm_cognitive_account.ai' })[0]).toMatch(/depends on the grant azurerm_role_assignment.crypto directly, with no wait/);
  });
  test.each([
    ['terraform_data sleep after the grant', [wait()], ['terraform_data.wait'], 'compliant'],
    ['time_sleep after the grant', [{ type: 'time_sleep', name: 'wait', values: { create_duration: '120s', depends_on: ['azurerm_role_assignment.crypto'] } }], ['time_sleep.wait'], 'compliant'],
    ['a wait through an intermediate resource', [wait(), { type: 'terraform_data', name: 'step', values: { depends_on: ['terraform_data.wait'] } }], ['terraform_data.step'], 'compliant'],
    ['a terraform_data that does not sleep', [wait('echo done')], ['terraform_data.wait'], 'non-compliant'],
    ['a sleep that does not follow the grant', [{ type: 'terraform_data', name: 'wait', values: { provisioner: [{ 'local-exec': { command: 'sleep 120' } }] } }], ['terraform_data.wait'], 'non-compliant'],
    ['a sleep ordered after the grant by triggers_replace alone', [wait('sleep 120', [])], ['terraform_data.wait'], 'compliant'],
    ['no dependency at all', [], undefined, 'non-compliant'],
  ])('%s', (_case, extra, dependsOn, expected) => {
    expect(statusOf(key011, base(storage('st', dependsOn), extra as FixtureResource[]), { address: 'azurerm_storage_account.st' })).toBe(expected);
  });
  test('not applicable without a customer-managed key', () => {
    expect(statusOf(key011, [{ type: 'azurerm_managed_redis', name: 'r', values: { name: 'r', location: 'swedencentral' } }])).toBe('not-applicable');
  });
  test('unknown without a grant to wait for (GAI-KEY-007 reports it)', () => {
    expect(statusOf(key011, key(fixedKey, [regionalVault('v', 'swedencentral'), identity, storage('st')]), { address: 'azurerm_storage_account.st' })).toBe('unknown');
  });
  test.each([
    ['terraform_data sleep after the grant', [wait()], ['terraform_data.wait'], 'compliant'],
    ['a terraform_data that does not sleep', [wait('echo done')], ['terraform_data.wait'], 'non-compliant'],
    ['no dependency at all', [], undefined, 'non-compliant'],
  ])('plan JSON (depends_on and provisioners from its configuration section): %s', (_case, extra, dependsOn, expected) => {
    expect(statusOf(key011, base(storage('st', dependsOn), extra as FixtureResource[]), { address: 'azurerm_storage_account.st', format: 'terraform-plan' })).toBe(expected);
  });
});

describe('grantsCryptoRole (GAI-KEY-011): the built-in crypto roles, by name or id, read as iam/_principals reads roles', () => {
  const assignment = (values: Record<string, unknown>) => parsePlan({ resource: { azurerm_role_assignment: { a: { scope: 's', principal_id: 'p', ...values } } } }, 'cdk.tf.json').resources[0];
  test.each([
    ['Key Vault Crypto Service Encryption User', { role_definition_name: 'Key Vault Crypto Service Encryption User' }, true],
    ['Key Vault Crypto User by its built-in id', { role_definition_id: '/subscriptions/s/providers/Microsoft.Authorization/roleDefinitions/12338af0-0e69-4776-bea7-57ae8d297424' }, true],
    ['Key Vault Crypto Officer', { role_definition_name: 'Key Vault Crypto Officer' }, true],
    ['a custom role that only says crypto', { role_definition_name: 'Contoso Crypto Reader' }, false],
    ['Key Vault Secrets User', { role_definition_name: 'Key Vault Secrets User' }, false],
    ['a role only known after apply', { role_definition_name: '${var.role}' }, undefined],
  ])('%s', (_case, values, expected) => {
    expect(grantsCryptoRole(assignment(values))).toBe(expected);
  });
});

import st001 from '../../../policy/rules/st/GAI-ST-001';
import st002 from '../../../policy/rules/st/GAI-ST-002';
import st003 from '../../../policy/rules/st/GAI-ST-003';
import st004 from '../../../policy/rules/st/GAI-ST-004';
import st005 from '../../../policy/rules/st/GAI-ST-005';
import st006 from '../../../policy/rules/st/GAI-ST-006';
import st007 from '../../../policy/rules/st/GAI-ST-007';
import st008 from '../../../policy/rules/st/GAI-ST-008';
import st009 from '../../../policy/rules/st/GAI-ST-009';
import st010 from '../../../policy/rules/st/GAI-ST-010';
import st011 from '../../../policy/rules/st/GAI-ST-011';
import st012 from '../../../policy/rules/st/GAI-ST-012';
import st013 from '../../../policy/rules/st/GAI-ST-013';
import st014 from '../../../policy/rules/st/GAI-ST-014';
import { Rule } from '../../../policy/rule';
import { FixtureResource, messagesOf, statusOf, Values } from '../harness';


/** A storage account as the platform's storage layer declares it: passes every ST rule. */
const secure: Values = {
  name: 'stgenaiprodsdc1ybl',
  location: 'swedencentral',
  account_tier: 'Standard',
  account_kind: 'StorageV2',
  account_replication_type: 'ZRS',
  https_traffic_only_enabled: true,
  min_tls_version: 'TLS1_2',
  allow_nested_items_to_be_public: false,
  public_network_access_enabled: false,
  shared_access_key_enabled: false,
  default_to_oauth_authentication: true,
  infrastructure_encryption_enabled: true,
  cross_tenant_replication_enabled: false,
  allowed_copy_scope: 'AAD',
  local_user_enabled: false,
  sftp_enabled: false,
  network_rules: { default_action: 'Deny', bypass: ['AzureServices'] },
  blob_properties: { versioning_enabled: true, delete_retention_policy: { days: 30 }, container_delete_retention_policy: { days: 30 } },
  identity: { type: 'UserAssigned', identity_ids: ['${azurerm_user_assigned_identity.cmk.id}'] },
  customer_managed_key: { key_vault_key_id: '${azurerm_key_vault_key.k.versionless_id}', user_assigned_identity_id: '${azurerm_user_assigned_identity.cmk.id}' },
};

/** The account `sa` with `values` merged over `secure` (an `undefined` value removes the attribute). */
const account = (values: Values = {}, extra: FixtureResource[] = []): FixtureResource[] => [
  { type: 'azurerm_storage_account', name: 'sa', values: Object.fromEntries(Object.entries({ ...secure, ...values }).filter(([, v]) => v !== undefined)) },
  ...extra,
];

type Case = [string, Values, string];

/** Table-driven cases for a rule over `account(values)`. */
function cases(rule: Rule, table: Case[], production = false): void {
  test.each(table)('%s', (_case, values, expected) => {
    expect(statusOf(rule, account(values), { production })).toBe(expected);
  });
}

test('the secure baseline passes every ST rule', () => {
  for (const rule of [st001, st002, st003, st004, st005, st006, st007, st008, st009, st010, st011, st012, st013, st014]) {
    expect([rule.id, statusOf(rule, account(), { production: true })]).toEqual([rule.id, rule.id === 'GAI-ST-007' ? 'not-applicable' : 'compliant']);
  }
});

describe('GAI-ST-001 HTTPS only', () => cases(st001, [
  ['true', {}, 'compliant'],
  ['missing (provider default true)', { https_traffic_only_enabled: undefined }, 'compliant'],
  ['false', { https_traffic_only_enabled: false }, 'non-compliant'],
  ['unknown until apply', { https_traffic_only_enabled: '${var.https}' }, 'unknown'],
]));

describe('GAI-ST-002 minimum TLS', () => cases(st002, [
  ['TLS1_2', {}, 'compliant'],
  ['missing (provider default TLS1_2)', { min_tls_version: undefined }, 'compliant'],
  ['TLS1_0', { min_tls_version: 'TLS1_0' }, 'non-compliant'],
  ['unknown until apply', { min_tls_version: '${var.tls}' }, 'unknown'],
]));

describe('GAI-ST-003 no anonymous blob access', () => cases(st003, [
  ['false', {}, 'compliant'],
  ['true', { allow_nested_items_to_be_public: true }, 'non-compliant'],
  ['missing (provider default true)', { allow_nested_items_to_be_public: undefined }, 'non-compliant'],
  ['unknown until apply', { allow_nested_items_to_be_public: '${var.public}' }, 'unknown'],
]));

describe('GAI-ST-004 public network access', () => cases(st004, [
  ['false', {}, 'compliant'],
  ['true', { public_network_access_enabled: true }, 'non-compliant'],
  ['missing (provider default true)', { public_network_access_enabled: undefined }, 'non-compliant'],
  ['unknown until apply', { public_network_access_enabled: '${var.public}' }, 'unknown'],
]));

describe('GAI-ST-005 firewall default deny', () => {
  cases(st005, [
    ['inline Deny', {}, 'compliant'],
    ['inline Deny, plan JSON list block', { network_rules: [{ default_action: 'Deny' }] }, 'compliant'],
    ['inline Allow', { network_rules: { default_action: 'Allow' } }, 'non-compliant'],
    ['no network rules at all (Azure default Allow)', { network_rules: undefined }, 'non-compliant'],
    ['inline default action unknown', { network_rules: { default_action: '${var.action}' } }, 'unknown'],
  ]);

  const separate = (action: string, accountRef = 'sa'): FixtureResource => ({
    type: 'azurerm_storage_account_network_rules', name: 'rules', values: { storage_account_id: `\${azurerm_storage_account.${accountRef}.id}`, default_action: action },
  });
  test('a separate network rules resource with Deny', () => {
    expect(statusOf(st005, account({ network_rules: undefined }, [separate('Deny')]))).toBe('compliant');
  });
  test('a separate network rules resource with Allow', () => {
    const resources = account({ network_rules: undefined }, [separate('Allow')]);
    expect(statusOf(st005, resources)).toBe('non-compliant');
    expect(messagesOf(st005, resources)).toEqual(['`default_action` of azurerm_storage_account_network_rules.rules is "Allow"; expected "Deny"']);
  });
  test('a separate network rules resource with an unknown action', () => {
    expect(statusOf(st005, account({ network_rules: undefined }, [separate('${var.action}')]))).toBe('unknown');
  });
  test('network rules of another account do not count', () => {
    expect(statusOf(st005, account({ network_rules: undefined }, [separate('Deny', 'other')]))).toBe('non-compliant');
  });
});

describe('GAI-ST-006 Entra ID only', () => {
  cases(st006, [
    ['shared keys off, OAuth default', {}, 'compliant'],
    ['shared keys on', { shared_access_key_enabled: true }, 'non-compliant'],
    ['shared keys missing (provider default true)', { shared_access_key_enabled: undefined }, 'non-compliant'],
    ['OAuth default missing (provider default false)', { default_to_oauth_authentication: undefined }, 'non-compliant'],
    ['shared keys unknown', { shared_access_key_enabled: '${var.keys}' }, 'unknown'],
  ]);
  test('one finding per attribute', () => {
    expect(messagesOf(st006, account({ shared_access_key_enabled: undefined, default_to_oauth_authentication: false }))).toEqual([
      '`shared_access_key_enabled` is not set, so the provider default true applies; expected false',
      '`default_to_oauth_authentication` is false; expected true',
    ]);
  });
});

describe('GAI-ST-007 SAS expiration policy when shared keys are allowed', () => cases(st007, [
  ['shared keys off', {}, 'not-applicable'],
  ['shared keys on, 1-day SAS policy', { shared_access_key_enabled: true, sas_policy: { expiration_period: '1.00:00:00', expiration_action: 'Block' } }, 'compliant'],
  ['shared keys on, 7-day SAS policy (plan JSON list)', { shared_access_key_enabled: true, sas_policy: [{ expiration_period: '07.00:00:00' }] }, 'compliant'],
  ['shared keys on, 4-hour SAS policy', { shared_access_key_enabled: true, sas_policy: { expiration_period: '04:00:00' } }, 'compliant'],
  ['shared keys on, 30-day SAS policy', { shared_access_key_enabled: true, sas_policy: { expiration_period: '30.00:00:00' } }, 'non-compliant'],
  ['shared keys on, no SAS policy', { shared_access_key_enabled: true }, 'non-compliant'],
  ['shared keys missing (default on), no SAS policy', { shared_access_key_enabled: undefined }, 'non-compliant'],
  ['shared keys unknown, no SAS policy', { shared_access_key_enabled: '${var.keys}' }, 'unknown'],
  ['shared keys on, period unknown', { shared_access_key_enabled: true, sas_policy: { expiration_period: '${var.sas}' } }, 'unknown'],
  ['shared keys on, malformed period', { shared_access_key_enabled: true, sas_policy: { expiration_period: 'P7D' } }, 'non-compliant'],
]));

describe('GAI-ST-008 soft delete and versioning', () => {
  cases(st008, [
    ['30-day soft delete, versioning', {}, 'compliant'],
    ['retention blocks without days (provider default 7)', { blob_properties: { versioning_enabled: true, delete_retention_policy: {}, container_delete_retention_policy: {} } }, 'compliant'],
    ['no blob_properties', { blob_properties: undefined }, 'non-compliant'],
    ['1-day blob retention', { blob_properties: { versioning_enabled: true, delete_retention_policy: { days: 1 }, container_delete_retention_policy: { days: 7 } } }, 'non-compliant'],
    ['versioning off', { blob_properties: { versioning_enabled: false, delete_retention_policy: { days: 7 }, container_delete_retention_policy: { days: 7 } } }, 'non-compliant'],
    ['retention unknown', { blob_properties: { versioning_enabled: true, delete_retention_policy: { days: '${var.days}' }, container_delete_retention_policy: { days: 7 } } }, 'unknown'],
    ['FileStorage account', { account_kind: 'FileStorage', blob_properties: undefined }, 'not-applicable'],
  ]);
  test('reports each missing protection', () => {
    expect(messagesOf(st008, account({ blob_properties: undefined }))).toEqual([
      '`blob_properties.delete_retention_policy` is not set, so deleted items are not recoverable; expected days >= 7',
      '`blob_properties.container_delete_retention_policy` is not set, so deleted items are not recoverable; expected days >= 7',
      '`blob_properties.versioning_enabled` is not set, so the provider default false applies; expected true',
    ]);
  });
});

describe('GAI-ST-009 zone-redundant storage in production', () => {
  cases(st009, [
    ['ZRS', {}, 'compliant'],
    ['GZRS', { account_replication_type: 'GZRS' }, 'compliant'],
    ['LRS', { account_replication_type: 'LRS' }, 'non-compliant'],
    ['GRS (no zone redundancy in the primary region)', { account_replication_type: 'GRS' }, 'non-compliant'],
    ['unknown until apply', { account_replication_type: '${var.replication}' }, 'unknown'],
  ], true);
  test('not applicable outside production', () => {
    expect(statusOf(st009, account({ account_replication_type: 'LRS' }), { production: false })).toBe('not-applicable');
  });
});

describe('GAI-ST-010 customer-managed key', () => {
  cases(st010, [
    ['inline customer_managed_key', {}, 'compliant'],
    ['managed HSM key', { customer_managed_key: { managed_hsm_key_id: '${azurerm_key_vault_managed_hardware_security_module_key.k.versionless_id}', user_assigned_identity_id: 'x' } }, 'compliant'],
    ['no CMK', { customer_managed_key: undefined }, 'non-compliant'],
    ['block without a key', { customer_managed_key: { user_assigned_identity_id: 'x' } }, 'non-compliant'],
    ['block only known after apply', { customer_managed_key: '${var.cmk}' }, 'unknown'],
  ]);
  const separate = (accountRef: string): FixtureResource => ({
    type: 'azurerm_storage_account_customer_managed_key', name: 'cmk',
    values: { storage_account_id: `\${azurerm_storage_account.${accountRef}.id}`, key_vault_id: '${azurerm_key_vault.v.id}', key_name: '${azurerm_key_vault_key.k.name}' },
  });
  test('a separate azurerm_storage_account_customer_managed_key for the account', () => {
    expect(statusOf(st010, account({ customer_managed_key: undefined }, [separate('sa')]))).toBe('compliant');
  });
  test('a separate CMK resource of another account does not count', () => {
    expect(statusOf(st010, account({ customer_managed_key: undefined }, [separate('other')]))).toBe('non-compliant');
  });
});

describe('GAI-ST-011 infrastructure encryption', () => cases(st011, [
  ['true', {}, 'compliant'],
  ['missing (provider default false)', { infrastructure_encryption_enabled: undefined }, 'non-compliant'],
  ['false', { infrastructure_encryption_enabled: false }, 'non-compliant'],
  ['unknown until apply', { infrastructure_encryption_enabled: '${var.infra}' }, 'unknown'],
]));

describe('GAI-ST-012 no cross-tenant copies', () => cases(st012, [
  ['replication off, copy scope AAD', {}, 'compliant'],
  ['copy scope PrivateLink, replication missing (provider default false)', { cross_tenant_replication_enabled: undefined, allowed_copy_scope: 'PrivateLink' }, 'compliant'],
  ['cross-tenant replication on', { cross_tenant_replication_enabled: true }, 'non-compliant'],
  ['copy scope unrestricted (missing)', { allowed_copy_scope: undefined }, 'non-compliant'],
  ['copy scope unknown', { allowed_copy_scope: '${var.scope}' }, 'unknown'],
]));

describe('GAI-ST-013 no local users or SFTP', () => cases(st013, [
  ['both off', {}, 'compliant'],
  ['SFTP missing (provider default false)', { sftp_enabled: undefined }, 'compliant'],
  ['local users missing (provider default true)', { local_user_enabled: undefined }, 'non-compliant'],
  ['SFTP on', { sftp_enabled: true }, 'non-compliant'],
  ['local users unknown', { local_user_enabled: '${var.local}' }, 'unknown'],
]));

describe('GAI-ST-014 storage account name', () => cases(st014, [
  ['lowercase letters and digits', {}, 'compliant'],
  ['hyphens', { name: 'st-genai-prod' }, 'non-compliant'],
  ['too long', { name: 'st'.padEnd(25, 'x') }, 'non-compliant'],
  ['uppercase', { name: 'StGenai' }, 'non-compliant'],
  ['only known after apply', { name: '${random_string.sa.result}' }, 'unknown'],
]));

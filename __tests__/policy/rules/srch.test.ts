import srch001 from '../../../policy/rules/srch/GAI-SRCH-001';
import srch002 from '../../../policy/rules/srch/GAI-SRCH-002';
import srch003 from '../../../policy/rules/srch/GAI-SRCH-003';
import srch004 from '../../../policy/rules/srch/GAI-SRCH-004';
import srch005 from '../../../policy/rules/srch/GAI-SRCH-005';
import srch006 from '../../../policy/rules/srch/GAI-SRCH-006';
import srch007 from '../../../policy/rules/srch/GAI-SRCH-007';
import srch008 from '../../../policy/rules/srch/GAI-SRCH-008';
import { FixtureResource, messagesOf, statusOf, Values } from '../harness';


/** A search service `search` (address azurerm_search_service.search) plus other resources. */
const search = (values: Values, ...others: FixtureResource[]): FixtureResource[] => [
  { type: 'azurerm_search_service', name: 'search', values: { name: 'srch-genai-dev-sdc', sku: 'standard', location: 'swedencentral', ...values } },
  ...others,
];

const assignment = (name: string, role: string, principal: string, scope: string): FixtureResource => ({
  type: 'azurerm_role_assignment', name, values: { role_definition_name: role, principal_id: principal, scope },
});

describe('GAI-SRCH-001 public network access disabled', () => {
  test.each([
    ['disabled', { public_network_access_enabled: false }, 'compliant'],
    ['enabled', { public_network_access_enabled: true }, 'non-compliant'],
    ['missing (provider default true)', {}, 'non-compliant'],
    ['from a variable', { public_network_access_enabled: '${var.public}' }, 'unknown'],
  ])('%s', (_case, values, expected) => {
    expect(statusOf(srch001, search(values))).toBe(expected);
  });
});

describe('GAI-SRCH-002 API keys disabled', () => {
  test.each([
    ['disabled', { local_authentication_enabled: false }, 'compliant'],
    ['enabled', { local_authentication_enabled: true }, 'non-compliant'],
    ['missing (provider default true)', {}, 'non-compliant'],
    ['disabled but a key failure mode set', { local_authentication_enabled: false, authentication_failure_mode: 'http401WithBearerChallenge' }, 'non-compliant'],
    ['from a variable', { local_authentication_enabled: '${var.keys}' }, 'unknown'],
  ])('%s', (_case, values, expected) => {
    expect(statusOf(srch002, search(values))).toBe(expected);
  });
});

describe('GAI-SRCH-003 managed identity', () => {
  test.each([
    ['system assigned', { identity: { type: 'SystemAssigned' } }, 'compliant'],
    ['user assigned', { identity: [{ type: 'UserAssigned', identity_ids: ['x'] }] }, 'compliant'],
    ['missing', {}, 'non-compliant'],
    ['from a variable', { identity: { type: '${var.t}' } }, 'unknown'],
  ])('%s', (_case, values, expected) => {
    expect(statusOf(srch003, search(values))).toBe(expected);
  });
});

describe('GAI-SRCH-004 IP allowlist not open to the Internet', () => {
  test.each([
    ['no entries', {}, 'compliant'],
    ['narrow ranges', { allowed_ips: ['203.0.113.10', '198.51.100.0/24'] }, 'compliant'],
    ['0.0.0.0/0', { allowed_ips: ['0.0.0.0/0'] }, 'non-compliant'],
    ['a /8', { allowed_ips: ['20.0.0.0/8'] }, 'non-compliant'],
    ['from a variable', { allowed_ips: '${var.ips}' }, 'unknown'],
  ])('%s', (_case, values, expected) => {
    expect(statusOf(srch004, search(values))).toBe(expected);
  });
});

describe('GAI-SRCH-005 replicas for the SLA in production', () => {
  const writer = assignment('writer', 'Search Index Data Contributor', '${azurerm_user_assigned_identity.app.principal_id}', '${azurerm_search_service.search.id}');
  test.each([
    ['2 replicas, read-only consumers', search({ replica_count: 2 }), 'compliant'],
    ['3 replicas with a writer', search({ replica_count: 3 }, writer), 'compliant'],
    ['missing (1 replica)', search({}), 'non-compliant'],
    ['2 replicas with a writer', search({ replica_count: 2 }, writer), 'non-compliant'],
    ['from a variable', search({ replica_count: '${var.replicas}' }), 'unknown'],
  ])('%s', (_case, resources, expected) => {
    expect(statusOf(srch005, resources, { production: true })).toBe(expected);
  });
  test('a writer on another service does not raise the bar', () => {
    const other = assignment('writer', 'Search Index Data Contributor', 'p', '${azurerm_search_service.other.id}');
    expect(statusOf(srch005, search({ replica_count: 2 }, other), { production: true })).toBe('compliant');
  });
  test('names the writers', () => {
    expect(messagesOf(srch005, search({ replica_count: 2 }, writer), { production: true })[0]).toMatch(/expected 3 or more .*azurerm_role_assignment.writer/);
  });
  test('not applicable outside production', () => {
    expect(statusOf(srch005, search({}), { production: false })).toBe('not-applicable');
  });
});

describe('GAI-SRCH-006 SKU with private link', () => {
  test.each([
    ['basic', { sku: 'basic' }, 'compliant'],
    ['standard', { sku: 'standard' }, 'compliant'],
    ['free', { sku: 'free' }, 'non-compliant'],
    ['from a variable', { sku: '${var.sku}' }, 'unknown'],
  ])('%s', (_case, values, expected) => {
    expect(statusOf(srch006, search(values))).toBe(expected);
  });
});

describe('GAI-SRCH-007 CMK enforcement for confidential data', () => {
  const confidential = { tags: { 'data-classification': 'confidential' } };
  test.each([
    ['enforced', { ...confidential, customer_managed_key_enforcement_enabled: true }, 'compliant'],
    ['not enforced on confidential data', { ...confidential, customer_managed_key_enforcement_enabled: false }, 'non-compliant'],
    ['missing (provider default false) on restricted data', { tags: { 'data-classification': 'restricted' } }, 'non-compliant'],
    ['missing and no classification tag', {}, 'non-compliant'],
    ['from a variable', { ...confidential, customer_managed_key_enforcement_enabled: '${var.cmk}' }, 'unknown'],
    ['classification unknown', { tags: '${local.tags}' }, 'unknown'],
    ['not required for internal data', { tags: { 'data-classification': 'internal' } }, 'not-applicable'],
  ])('%s', (_case, values, expected) => {
    expect(statusOf(srch007, search(values))).toBe(expected);
  });
});

describe('GAI-SRCH-008 trusted-service bypass only for indexers', () => {
  const indexerGrant = assignment('indexer', 'Storage Blob Data Reader', '${azurerm_search_service.search.identity[0].principal_id}', '${azurerm_storage_account.docs.id}');
  const storage: FixtureResource = { type: 'azurerm_storage_account', name: 'docs', values: { name: 'stdocs' } };
  test.each([
    ['bypass not set (None)', search({}), 'compliant'],
    ['bypass None', search({ network_rule_bypass_option: 'None' }), 'compliant'],
    ['AzureServices with an indexer reading storage', search({ network_rule_bypass_option: 'AzureServices' }, storage, indexerGrant), 'compliant'],
    ['AzureServices without any data source grant', search({ network_rule_bypass_option: 'AzureServices' }), 'non-compliant'],
    ['AzureServices with a grant to another principal', search({ network_rule_bypass_option: 'AzureServices' }, storage,
      assignment('app', 'Storage Blob Data Reader', '${azurerm_user_assigned_identity.app.principal_id}', '${azurerm_storage_account.docs.id}')), 'non-compliant'],
    ['from a variable', search({ network_rule_bypass_option: '${var.bypass}' }), 'unknown'],
  ])('%s', (_case, resources, expected) => {
    expect(statusOf(srch008, resources)).toBe(expected);
  });
});

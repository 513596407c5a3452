import cog001 from '../../../policy/rules/cog/GAI-COG-001';
import cog002 from '../../../policy/rules/cog/GAI-COG-002';
import cog003 from '../../../policy/rules/cog/GAI-COG-003';
import cog004 from '../../../policy/rules/cog/GAI-COG-004';
import cog005 from '../../../policy/rules/cog/GAI-COG-005';
import cog006 from '../../../policy/rules/cog/GAI-COG-006';
import cog007 from '../../../policy/rules/cog/GAI-COG-007';
import cog008 from '../../../policy/rules/cog/GAI-COG-008';
import cog009 from '../../../policy/rules/cog/GAI-COG-009';
import cog010 from '../../../policy/rules/cog/GAI-COG-010';
import { FixtureResource, messagesOf, statusOf, Values } from '../harness';


/** A cognitive account named `aoai` (address azurerm_cognitive_account.aoai), plus other resources. */
const account = (values: Values, ...others: FixtureResource[]): FixtureResource[] => [
  { type: 'azurerm_cognitive_account', name: 'aoai', values: { name: 'ais-genai-dev-sdc', kind: 'OpenAI', sku_name: 'S0', location: 'swedencentral', ...values } },
  ...others,
];

describe('GAI-COG-001 local auth disabled', () => {
  test.each([
    ['disabled', { local_auth_enabled: false }, 'compliant'],
    ['enabled', { local_auth_enabled: true }, 'non-compliant'],
    ['missing (provider default true)', {}, 'non-compliant'],
    ['unknown until apply', { local_auth_enabled: '${var.local_auth}' }, 'unknown'],
  ])('%s', (_case, values, expected) => {
    expect(statusOf(cog001, account(values))).toBe(expected);
  });
  test('explains the insecure default', () => {
    expect(messagesOf(cog001, account({}))).toEqual(['`local_auth_enabled` is not set, so the provider default true applies; expected false']);
  });
});

describe('GAI-COG-002 public network access disabled', () => {
  test.each([
    ['disabled', { public_network_access_enabled: false }, 'compliant'],
    ['enabled', { public_network_access_enabled: true }, 'non-compliant'],
    ['missing (provider default true)', {}, 'non-compliant'],
    ['unknown until apply', { public_network_access_enabled: '${var.public}' }, 'unknown'],
  ])('%s', (_case, values, expected) => {
    expect(statusOf(cog002, account(values))).toBe(expected);
  });
});

describe('GAI-COG-003 network ACLs deny by default', () => {
  const deny = { default_action: 'Deny', bypass: 'None' };
  test.each([
    ['deny, no bypass, no IP rules', { network_acls: deny }, 'compliant'],
    ['deny with a narrow IP rule', { network_acls: { ...deny, ip_rules: ['203.0.113.0/28'] } }, 'compliant'],
    ['plan JSON list shape', { network_acls: [deny] }, 'compliant'],
    ['missing block', {}, 'non-compliant'],
    ['default action Allow', { network_acls: { ...deny, default_action: 'Allow' } }, 'non-compliant'],
    ['IP rule 0.0.0.0/0', { network_acls: { ...deny, ip_rules: ['0.0.0.0/0'] } }, 'non-compliant'],
    ['IP rule broader than /24', { network_acls: { ...deny, ip_rules: ['198.51.0.0/16'] } }, 'non-compliant'],
    ['bypass AzureServices with no trusted caller', { network_acls: { ...deny, bypass: 'AzureServices' } }, 'non-compliant'],
    ['bypass missing (Azure applies AzureServices)', { network_acls: { default_action: 'Deny' } }, 'non-compliant'],
    ['default action unknown', { network_acls: { ...deny, default_action: '${var.action}' } }, 'unknown'],
    ['block unknown', { network_acls: '${var.acls}' }, 'unknown'],
    ['IP rules unknown', { network_acls: { ...deny, ip_rules: '${var.ips}' } }, 'unknown'],
  ])('%s', (_case, values, expected) => {
    expect(statusOf(cog003, account(values))).toBe(expected);
  });
  test('bypass AzureServices is accepted when AI Search in the plan needs it', () => {
    expect(statusOf(cog003, account({ network_acls: { default_action: 'Deny', bypass: 'AzureServices' } },
      { type: 'azurerm_search_service', name: 'search', values: { name: 'srch' } }))).toBe('compliant');
  });
  test('reports every problem', () => {
    expect(messagesOf(cog003, account({ network_acls: { default_action: 'Allow', bypass: 'AzureServices', ip_rules: ['0.0.0.0/0'] } }))).toHaveLength(3);
  });
});

describe('GAI-COG-004 custom subdomain', () => {
  test.each([
    ['literal', { custom_subdomain_name: 'ais-genai-dev-sdc' }, 'compliant'],
    ['reference to a resource not in the plan', { custom_subdomain_name: '${random_string.r.result}' }, 'unknown'],
    ['missing', {}, 'non-compliant'],
    ['empty', { custom_subdomain_name: '' }, 'non-compliant'],
    ['variable', { custom_subdomain_name: '${var.subdomain}' }, 'unknown'],
  ])('%s', (_case, values, expected) => {
    expect(statusOf(cog004, account(values))).toBe(expected);
  });
  test('a reference to a resource in the plan counts as set', () => {
    expect(statusOf(cog004, account({ custom_subdomain_name: '${random_string.r.result}' },
      { type: 'random_string', name: 'r', values: { length: 6 } }))).toBe('compliant');
  });
});

describe('GAI-COG-005 managed identity', () => {
  test.each([
    ['system assigned', { identity: { type: 'SystemAssigned' } }, 'compliant'],
    ['user assigned (plan list shape)', { identity: [{ type: 'UserAssigned', identity_ids: ['x'] }] }, 'compliant'],
    ['missing', {}, 'non-compliant'],
    ['unknown', { identity: { type: '${var.identity_type}' } }, 'unknown'],
  ])('%s', (_case, values, expected) => {
    expect(statusOf(cog005, account(values))).toBe(expected);
  });
});

describe('GAI-COG-006 outbound access restricted', () => {
  const restricted = { outbound_network_access_restricted: true, fqdns: ['srch-genai.search.windows.net'] };
  test.each([
    ['OpenAI restricted with allowlist', restricted, 'compliant'],
    ['AIServices restricted with allowlist', { ...restricted, kind: 'AIServices' }, 'compliant'],
    ['missing (provider default false)', { fqdns: ['a.example.com'] }, 'non-compliant'],
    ['restricted with an empty allowlist (nothing may be called)', { outbound_network_access_restricted: true }, 'compliant'],
    ['wildcard in allowlist', { outbound_network_access_restricted: true, fqdns: ['*.blob.core.windows.net'] }, 'non-compliant'],
    ['restriction unknown', { ...restricted, outbound_network_access_restricted: '${var.restrict}' }, 'unknown'],
    ['allowlist unknown', { outbound_network_access_restricted: true, fqdns: '${var.fqdns}' }, 'unknown'],
    ['kind unknown', { kind: '${var.kind}' }, 'unknown'],
    ['not applicable to ContentSafety', { kind: 'ContentSafety' }, 'not-applicable'],
  ])('%s', (_case, values, expected) => {
    expect(statusOf(cog006, account(values))).toBe(expected);
  });
});

describe('GAI-COG-007 customer-managed key', () => {
  const confidential = { tags: { 'data-classification': 'confidential' } };
  const cmkResource = (account: string): FixtureResource => ({
    type: 'azurerm_cognitive_account_customer_managed_key', name: 'cmk',
    values: { cognitive_account_id: `\${azurerm_cognitive_account.${account}.id}`, key_vault_key_id: '${azurerm_key_vault_key.k.id}' },
  });
  const key: FixtureResource = { type: 'azurerm_key_vault_key', name: 'k', values: { name: 'cmk' } };
  test.each([
    ['inline key referencing a key of the plan', [...account({ ...confidential, customer_managed_key: { key_vault_key_id: '${azurerm_key_vault_key.k.versionless_id}' } }), key], 'compliant'],
    ['separate CMK resource for the account', [...account(confidential), cmkResource('aoai')], 'compliant'],
    ['no CMK on confidential data', account(confidential), 'non-compliant'],
    ['no CMK and no classification tag', account({}), 'non-compliant'],
    ['CMK resource of another account does not count', [...account(confidential), cmkResource('other')], 'non-compliant'],
    ['inline key id from a variable', account({ ...confidential, customer_managed_key: { key_vault_key_id: '${var.key_id}' } }), 'unknown'],
    ['classification unknown', account({ tags: '${var.tags}' }), 'unknown'],
    ['not required for internal data', account({ tags: { 'data-classification': 'internal' } }), 'not-applicable'],
  ])('%s', (_case, resources, expected) => {
    expect(statusOf(cog007, resources)).toBe(expected);
  });
});

describe('GAI-COG-008 kind and SKU allowlist', () => {
  test.each([
    ['OpenAI S0', {}, 'compliant'],
    ['ContentSafety S0', { kind: 'ContentSafety' }, 'compliant'],
    ['Speech kind', { kind: 'SpeechServices' }, 'non-compliant'],
    ['free SKU', { sku_name: 'F0' }, 'non-compliant'],
    ['kind unknown', { kind: '${var.kind}' }, 'unknown'],
  ])('%s', (_case, values, expected) => {
    expect(statusOf(cog008, account(values))).toBe(expected);
  });
});

describe('GAI-COG-009 approved region', () => {
  test.each([
    ['approved region', { location: 'swedencentral' }, 'compliant'],
    ['display name of an approved region', { location: 'Sweden Central' }, 'compliant'],
    ['unapproved region', { location: 'chinaeast2' }, 'non-compliant'],
    ['missing', { location: undefined }, 'non-compliant'],
    ['from the resource group, known after apply', { location: '${azurerm_resource_group.rg.location}' }, 'unknown'],
  ])('%s', (_case, values, expected) => {
    expect(statusOf(cog009, account(values))).toBe(expected);
  });
});

describe('GAI-COG-010 Foundry agents network injection', () => {
  const foundry = { kind: 'AIServices', project_management_enabled: true };
  test.each([
    ['agent subnet injected', { ...foundry, network_injection: { scenario: 'agent', subnet_id: '${azurerm_subnet.agents.id}' } }, 'compliant'],
    ['no injection', foundry, 'non-compliant'],
    ['wrong scenario', { ...foundry, network_injection: { scenario: 'none', subnet_id: '/subscriptions/s/resourceGroups/r/providers/Microsoft.Network/virtualNetworks/v/subnets/a' } }, 'non-compliant'],
    ['subnet from a variable', { ...foundry, network_injection: { scenario: 'agent', subnet_id: '${var.subnet}' } }, 'unknown'],
    ['project management unknown', { kind: 'AIServices', project_management_enabled: '${var.projects}' }, 'unknown'],
    ['AIServices without projects', { kind: 'AIServices' }, 'not-applicable'],
    ['OpenAI kind', { kind: 'OpenAI', project_management_enabled: true }, 'not-applicable'],
  ])('%s', (_case, values, expected) => {
    const subnet: FixtureResource = { type: 'azurerm_subnet', name: 'agents', values: { name: 'snet-agents' } };
    expect(statusOf(cog010, account(values, subnet))).toBe(expected);
  });
});

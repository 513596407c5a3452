import gov001 from '../../../policy/rules/gov/GAI-GOV-001';
import gov002 from '../../../policy/rules/gov/GAI-GOV-002';
import gov003 from '../../../policy/rules/gov/GAI-GOV-003';
import gov004 from '../../../policy/rules/gov/GAI-GOV-004';
import { TAGGABLE_TYPES } from '../../../policy/rules/gov/_helpers';
import { FixtureResource, messagesOf, statusOf, Values } from '../harness';


const platformTags = {
  environment: 'prod', workload: 'genai', owner: 'genai-platform@contoso.com', 'cost-center': 'CC-4711-PROD', 'data-classification': 'confidential', criticality: 'high',
};
const resource = (type: string, values: Values = {}): FixtureResource[] => [{ type, name: 'r', values: { name: 'x', ...values } }];

describe('GAI-GOV-001 required tags', () => {
  test.each(TAGGABLE_TYPES.map((t) => [t]))('%s with the platform tags is compliant', (type) => {
    expect(statusOf(gov001, resource(type, { tags: platformTags }))).toBe('compliant');
  });
  test.each([
    ['tag names differ in case only', { tags: { ...platformTags, 'cost-center': undefined, 'Cost-Center': 'CC-1' } }, 'compliant'],
    ['a tag value only known after apply', { tags: { ...platformTags, owner: '${var.owner}' } }, 'compliant'],
    ['no tags', {}, 'non-compliant'],
    ['missing owner', { tags: { ...platformTags, owner: undefined } }, 'non-compliant'],
    ['empty data-classification', { tags: { ...platformTags, 'data-classification': '' } }, 'non-compliant'],
    ['the whole map only known after apply', { tags: '${merge(var.tags, local.tags)}' }, 'unknown'],
  ])('%s', (_case, values, expected) => {
    // The JSON round trip drops the `undefined` tags the cases use to remove a key.
    expect(statusOf(gov001, resource('azurerm_key_vault', JSON.parse(JSON.stringify(values)) as Values))).toBe(expected);
  });
  test('lists the missing tags', () => {
    expect(messagesOf(gov001, resource('azurerm_storage_account', { tags: { environment: 'dev', workload: 'genai' } }))).toEqual([
      '`tags` lacks owner, cost-center, data-classification (or they are empty); expected environment, workload, owner, cost-center, data-classification',
    ]);
  });
  test('does not apply to untaggable types', () => {
    expect(gov001.appliesTo).not.toContain('azurerm_role_assignment');
    expect(gov001.appliesTo).not.toContain('azurerm_monitor_diagnostic_setting');
  });
});

describe('GAI-GOV-002 approved regions', () => {
  test.each([
    ['swedencentral', 'azurerm_key_vault', { location: 'swedencentral' }, 'compliant'],
    ['display name "Sweden Central"', 'azurerm_storage_account', { location: 'Sweden Central' }, 'compliant'],
    ['chinaeast (not approved)', 'azurerm_cognitive_account', { location: 'chinaeast' }, 'non-compliant'],
    ['location from a variable', 'azurerm_resource_group', { location: '${var.location}' }, 'unknown'],
    ['action group in global', 'azurerm_monitor_action_group', { location: 'global' }, 'compliant'],
    ['action group without location (provider default global)', 'azurerm_monitor_action_group', {}, 'not-applicable'],
    ['a key vault in global', 'azurerm_key_vault', { location: 'global' }, 'non-compliant'],
  ])('%s', (_case, type, values, expected) => {
    expect(statusOf(gov002, resource(type, values))).toBe(expected);
  });
  test('does not apply to types without a location', () => {
    for (const type of ['azurerm_private_dns_zone', 'azurerm_key_vault_key', 'azurerm_container_app', 'azurerm_monitor_private_link_scope']) {
      expect(gov002.appliesTo).not.toContain(type);
    }
    expect(gov002.appliesTo).toContain('azurerm_container_app_environment');
  });
});

describe('GAI-GOV-003 names', () => {
  test.each([
    ['key vault', 'azurerm_key_vault', 'kv-genai-prod-sdc-npvo', 'compliant'],
    ['concatenated key vault', 'azurerm_key_vault', 'kvgenaistagingsdc1ybl', 'compliant'],
    ['storage account', 'azurerm_storage_account', 'stgenaiprodsdc1ybl', 'compliant'],
    ['subnet', 'azurerm_subnet', 'snet-genai-prod-sdc-pe', 'compliant'],
    ['GatewaySubnet (Azure-prescribed)', 'azurerm_subnet', 'GatewaySubnet', 'compliant'],
    ['key vault with double hyphen', 'azurerm_key_vault', 'kv-genai--prod', 'non-compliant'],
    ['key vault too long', 'azurerm_key_vault', 'kv-genai-production-swedencentral', 'non-compliant'],
    ['storage account with hyphens', 'azurerm_storage_account', 'st-genai-prod', 'non-compliant'],
    ['workspace without the CAF abbreviation', 'azurerm_log_analytics_workspace', 'genai-logs', 'non-compliant'],
    ['name only known after apply', 'azurerm_container_app', '${var.app_name}', 'unknown'],
  ])('%s', (_case, type, name, expected) => {
    expect(statusOf(gov003, resource(type, { name }))).toBe(expected);
  });
  test('reports the rule and the abbreviation', () => {
    expect(messagesOf(gov003, resource('azurerm_storage_account', { name: 'My-Storage' }))).toEqual([
      "`name`: storageAccount name 'My-Storage' must use lowercase letters and digits",
      '`name` "My-Storage" does not start with the CAF abbreviation "st" for storageAccount',
    ]);
  });
});

describe('GAI-GOV-004 Defender plans', () => {
  const pricing = (values: Values) => resource('azurerm_security_center_subscription_pricing', { resource_type: 'AI', ...values });
  test.each([
    ['Standard', { tier: 'Standard' }, 'compliant'],
    ['Free', { tier: 'Free' }, 'non-compliant'],
    ['unknown until apply', { tier: '${var.tier}' }, 'unknown'],
    ['missing', {}, 'non-compliant'],
  ])('%s', (_case, values, expected) => {
    expect(statusOf(gov004, pricing(values))).toBe(expected);
  });
});

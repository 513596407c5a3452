import kv001 from '../../../policy/rules/kv/GAI-KV-001';
import kv002 from '../../../policy/rules/kv/GAI-KV-002';
import kv003 from '../../../policy/rules/kv/GAI-KV-003';
import kv004 from '../../../policy/rules/kv/GAI-KV-004';
import kv005 from '../../../policy/rules/kv/GAI-KV-005';
import kv006 from '../../../policy/rules/kv/GAI-KV-006';
import kv007 from '../../../policy/rules/kv/GAI-KV-007';
import { parsePlan } from '../../../policy/plan';
import { ResourceGraph } from '../../../policy/graph';
import { FixtureResource, messagesOf, statusOf } from '../harness';

const vault = (values: Record<string, unknown>) => [{ type: 'azurerm_key_vault', values: { name: 'kv', ...values } }];

describe('GAI-KV-001 purge protection', () => {
  test.each([
    ['enabled', { purge_protection_enabled: true }, 'compliant'],
    ['disabled', { purge_protection_enabled: false }, 'non-compliant'],
    ['missing (provider default false)', {}, 'non-compliant'],
    ['unknown until apply', { purge_protection_enabled: '${var.purge}' }, 'unknown'],
  ])('%s', (_case, values, expected) => {
    expect(statusOf(kv001, vault(values))).toBe(expected);
  });

  test('explains a missing attribute by the provider default', () => {
    expect(messagesOf(kv001, vault({}))).toEqual(['`purge_protection_enabled` is not set, so the provider default false applies; expected true']);
  });
});

/** The vault named `v`, so other fixture resources can reference `${azurerm_key_vault.v.id}`. */
const namedVault = (values: Record<string, unknown>): FixtureResource => ({ type: 'azurerm_key_vault', name: 'v', values: { name: 'kv-genai', ...values } });
const keyIn = (values: Record<string, unknown> = {}, vault = 'v'): FixtureResource => ({
  type: 'azurerm_key_vault_key', name: 'k', values: { name: 'cmk-platform', key_vault_id: `\${azurerm_key_vault.${vault}.id}`, key_type: 'RSA-HSM', ...values },
});

describe('GAI-KV-002 soft delete retention', () => {
  test.each([
    ['90 days', { soft_delete_retention_days: 90 }, 'compliant'],
    ['missing (provider default 90)', {}, 'compliant'],
    ['7 days', { soft_delete_retention_days: 7 }, 'non-compliant'],
    ['unknown until apply', { soft_delete_retention_days: '${var.days}' }, 'unknown'],
  ])('%s', (_case, values, expected) => {
    expect(statusOf(kv002, vault(values))).toBe(expected);
  });
  test('names the value and the expectation', () => {
    expect(messagesOf(kv002, vault({ soft_delete_retention_days: 30 }))).toEqual(['`soft_delete_retention_days` is 30; expected at least 90']);
  });
});

describe('GAI-KV-003 RBAC authorization', () => {
  test.each([
    ['rbac_authorization_enabled true', { rbac_authorization_enabled: true }, 'compliant'],
    ['deprecated enable_rbac_authorization true', { enable_rbac_authorization: true }, 'compliant'],
    ['rbac_authorization_enabled false', { rbac_authorization_enabled: false }, 'non-compliant'],
    ['missing (provider default false)', {}, 'non-compliant'],
    ['unknown until apply', { rbac_authorization_enabled: '${var.rbac}' }, 'unknown'],
    ['RBAC on but an inline access_policy', { rbac_authorization_enabled: true, access_policy: [{ tenant_id: 't', object_id: 'o', key_permissions: ['Get'] }] }, 'non-compliant'],
    ['RBAC on and an empty access_policy list (plan JSON)', { rbac_authorization_enabled: true, access_policy: [] }, 'compliant'],
  ])('%s', (_case, values, expected) => {
    expect(statusOf(kv003, vault(values))).toBe(expected);
  });

  test('a separate azurerm_key_vault_access_policy on the vault is non-compliant', () => {
    const resources = [namedVault({ rbac_authorization_enabled: true }), {
      type: 'azurerm_key_vault_access_policy', name: 'ap', values: { key_vault_id: '${azurerm_key_vault.v.id}', tenant_id: 't', object_id: 'o' },
    }];
    expect(statusOf(kv003, resources)).toBe('non-compliant');
    expect(messagesOf(kv003, resources)[0]).toContain('azurerm_key_vault_access_policy.ap');
  });

  test('an access policy on another vault does not count', () => {
    expect(statusOf(kv003, [namedVault({ rbac_authorization_enabled: true }), {
      type: 'azurerm_key_vault_access_policy', values: { key_vault_id: '${azurerm_key_vault.other.id}' },
    }])).toBe('compliant');
  });

  test('reports both problems at once', () => {
    expect(messagesOf(kv003, vault({ access_policy: [{ object_id: 'o' }] }))).toHaveLength(2);
  });
});

describe('GAI-KV-004 public network access', () => {
  test.each([
    ['disabled', { public_network_access_enabled: false }, 'compliant'],
    ['enabled (deployer IP ranges)', { public_network_access_enabled: true }, 'non-compliant'],
    ['missing (provider default true)', {}, 'non-compliant'],
    ['unknown until apply', { public_network_access_enabled: '${length(var.ranges) > 0}' }, 'unknown'],
  ])('%s', (_case, values, expected) => {
    expect(statusOf(kv004, vault(values))).toBe(expected);
  });
});

describe('GAI-KV-005 firewall default deny', () => {
  test.each([
    ['Deny, bypass None', { network_acls: { default_action: 'Deny', bypass: 'None' } }, 'compliant'],
    ['Deny, plan JSON list block', { network_acls: [{ default_action: 'Deny', bypass: 'None' }] }, 'compliant'],
    ['Allow', { network_acls: { default_action: 'Allow', bypass: 'None' } }, 'non-compliant'],
    ['no network_acls (all networks)', {}, 'non-compliant'],
    ['default action unknown', { network_acls: { default_action: '${var.action}', bypass: 'None' } }, 'unknown'],
    ['bypass unknown', { network_acls: { default_action: 'Deny', bypass: '${var.bypass}' } }, 'unknown'],
    ['AzureServices bypass with no key in the vault', { network_acls: { default_action: 'Deny', bypass: 'AzureServices' } }, 'non-compliant'],
  ])('%s', (_case, values, expected) => {
    expect(statusOf(kv005, [namedVault(values)])).toBe(expected);
  });

  test('AzureServices bypass is justified by a customer-managed key in the vault', () => {
    expect(statusOf(kv005, [namedVault({ network_acls: { default_action: 'Deny', bypass: 'AzureServices' } }), keyIn()])).toBe('compliant');
  });

  test('a key in another vault does not justify the bypass', () => {
    expect(statusOf(kv005, [namedVault({ network_acls: { default_action: 'Deny', bypass: 'AzureServices' } }), keyIn({}, 'other')])).toBe('non-compliant');
  });

  test('plan JSON: a new key whose key_vault_id is unknown is linked through its configuration reference', () => {
    const plan = parsePlan({
      format_version: '1.2',
      planned_values: { root_module: { resources: [
        { address: 'azurerm_key_vault.v', mode: 'managed', type: 'azurerm_key_vault', name: 'v', values: { name: 'kv', network_acls: [{ default_action: 'Deny', bypass: 'AzureServices' }] } },
        { address: 'azurerm_key_vault_key.k', mode: 'managed', type: 'azurerm_key_vault_key', name: 'k', values: { name: 'cmk', key_type: 'RSA-HSM' } },
      ] } },
      resource_changes: [{ address: 'azurerm_key_vault_key.k', change: { after_unknown: { key_vault_id: true } } }],
      configuration: { root_module: { resources: [
        { address: 'azurerm_key_vault_key.k', expressions: { key_vault_id: { references: ['azurerm_key_vault.v.id', 'azurerm_key_vault.v'] } } },
      ] } },
    }, 'plan.json');
    const graph = new ResourceGraph(plan);
    expect(graph.get('azurerm_key_vault_key.k')?.values.key_vault_id).toBe('${azurerm_key_vault.v.id}');
    expect(kv005.check(graph.get('azurerm_key_vault.v')!, { graph, production: false })).toEqual({ status: 'compliant' });
  });
});

describe('GAI-KV-006 no enabled_for_* access', () => {
  test.each([
    ['all false', { enabled_for_deployment: false, enabled_for_template_deployment: false, enabled_for_disk_encryption: false }, 'compliant'],
    ['missing (provider default false)', {}, 'compliant'],
    ['template deployment on', { enabled_for_template_deployment: true }, 'non-compliant'],
    ['unknown until apply', { enabled_for_deployment: '${var.vm}' }, 'unknown'],
  ])('%s', (_case, values, expected) => {
    expect(statusOf(kv006, vault(values))).toBe(expected);
  });
  test('one finding per flag that is on', () => {
    expect(messagesOf(kv006, vault({ enabled_for_deployment: true, enabled_for_disk_encryption: true }))).toEqual([
      '`enabled_for_deployment` is true; expected false or unset',
      '`enabled_for_disk_encryption` is true; expected false or unset',
    ]);
  });
});

describe('GAI-KV-007 premium SKU where HSM keys are required', () => {
  test.each([
    ['production, premium', { sku_name: 'premium' }, true, 'compliant'],
    ['production, standard', { sku_name: 'standard' }, true, 'non-compliant'],
    ['production, sku unknown', { sku_name: '${var.sku}' }, true, 'unknown'],
    ['production, sku missing', {}, true, 'non-compliant'],
    ['non-production without HSM keys', { sku_name: 'standard' }, false, 'not-applicable'],
  ])('%s', (_case, values, production, expected) => {
    expect(statusOf(kv007, [namedVault(values)], { production })).toBe(expected);
  });

  test('non-production with an RSA-HSM key in a standard vault', () => {
    const resources = [namedVault({ sku_name: 'standard' }), keyIn({ key_type: 'RSA-HSM' })];
    expect(statusOf(kv007, resources)).toBe('non-compliant');
    expect(messagesOf(kv007, resources)).toEqual(['`sku_name` is "standard"; expected "premium" (HSM keys azurerm_key_vault_key.k)']);
  });

  test('non-production with a software key is not applicable', () => {
    expect(statusOf(kv007, [namedVault({ sku_name: 'standard' }), keyIn({ key_type: 'RSA' })])).toBe('not-applicable');
  });
});

import { TerraformStack, TerraformVariable } from 'cdktf';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { IGrantee, ManagedIdentity } from '../../constructs/identity';
import { KeyVault, KeyVaultProps } from '../../constructs/key-vault';
import { customerManagedKeyProblems } from '../../catalog/customer-managed-keys';
import { ConstructValidationError } from '../../constructs/validation';
import { SynthJson, onlyResource, output, refOf, resourcesOf, synth, testStack } from '../helpers';
import { expectEndpointLocked, lockOn } from './locks';

const baseProps: KeyVaultProps = {
  name: 'kv-genai-test-sdc-ab12',
  location: 'swedencentral',
  resourceGroupName: 'rg-genai-test-sdc-security',
  tenantId: '00000000-0000-0000-0000-00000000aaaa',
  privateEndpoint: {
    name: 'pe-genai-test-sdc-kv',
    subnetResourceId: '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/pe',
    privateDnsZoneResourceIds: ['/zones/privatelink.vaultcore.azure.net'],
  },
  diagnostics: { logAnalyticsWorkspaceResourceId: '/workspaces/log-genai-test-sdc' },
};
/** A consumer that accepts RSA 2048, 3072 and 4096 (catalog/customer-managed-keys.ts). */
const STORAGE = ['azurerm_storage_account'];
const deployer: IGrantee = { principalId: '11111111-2222-3333-4444-555555555555', label: 'deployer' };

/** A stack holding one Key Vault built from `baseProps` with `overrides`. */
function vaultStack(overrides: Partial<KeyVaultProps> = {}): { stack: TerraformStack; kv: KeyVault } {
  const stack = testStack();
  const kv = new KeyVault(stack, 'kv', { ...baseProps, ...overrides });
  return { stack, kv };
}

/** `${azurerm_key_vault.<key>.id}` of the single vault in `json`. */
const vaultIdRef = (json: SynthJson): string => refOf(json, 'azurerm_key_vault');

/** The synthesized role assignment that `assignment` declares. */
function synthesized(json: SynthJson, assignment: RoleAssignment): Record<string, any> {
  const found = json.resource.azurerm_role_assignment?.[assignment.friendlyUniqueId];
  expect(found).toBeDefined();
  return found;
}

describe('KeyVault', () => {
  describe('secure defaults', () => {
    test('premium SKU, RBAC authorization, purge protection and 90-day soft delete', () => {
      const { stack } = vaultStack();
      const vault = onlyResource(synth(stack), 'azurerm_key_vault');
      expect(vault.name).toBe('kv-genai-test-sdc-ab12');
      expect(vault.location).toBe('swedencentral');
      expect(vault.resource_group_name).toBe('rg-genai-test-sdc-security');
      expect(vault.tenant_id).toBe(baseProps.tenantId);
      expect(vault.sku_name).toBe('premium');
      expect(vault.rbac_authorization_enabled).toBe(true);
      expect(vault.purge_protection_enabled).toBe(true);
      expect(vault.soft_delete_retention_days).toBe(90);
    });

    test('no public network access and no legacy enabled_for_* access', () => {
      const { stack } = vaultStack();
      const vault = onlyResource(synth(stack), 'azurerm_key_vault');
      expect(vault.public_network_access_enabled).toBe(false);
      expect(vault.enabled_for_deployment).toBe(false);
      expect(vault.enabled_for_disk_encryption).toBe(false);
      expect(vault.enabled_for_template_deployment).toBe(false);
    });

    test('firewall denies by default, lets trusted Azure services through and lists no IP rules', () => {
      const { stack } = vaultStack();
      const vault = onlyResource(synth(stack), 'azurerm_key_vault');
      expect(vault.network_acls.default_action).toBe('Deny');
      expect(vault.network_acls.bypass).toBe('AzureServices');
      expect(vault.network_acls).not.toHaveProperty('ip_rules');
    });

    test('makes no role assignment and no key without being asked', () => {
      const { stack } = vaultStack();
      const json = synth(stack);
      expect(resourcesOf(json, 'azurerm_role_assignment')).toEqual([]);
      expect(resourcesOf(json, 'azurerm_key_vault_key')).toEqual([]);
    });
  });

  test('exposes resourceId, name and vaultUri as references to the vault', () => {
    const { stack, kv } = vaultStack();
    output(stack, 'resource_id', kv.resourceId);
    output(stack, 'name', kv.name);
    output(stack, 'vault_uri', kv.vaultUri);
    const json = synth(stack);
    const [key] = Object.keys(json.resource.azurerm_key_vault);
    expect(json.output?.resource_id.value).toBe(`\${azurerm_key_vault.${key}.id}`);
    expect(json.output?.name.value).toBe(`\${azurerm_key_vault.${key}.name}`);
    expect(json.output?.vault_uri.value).toBe(`\${azurerm_key_vault.${key}.vault_uri}`);
  });

  test('connects a private endpoint to the vault sub-resource in the zone it is given', () => {
    const { stack } = vaultStack();
    const json = synth(stack);
    const endpoint = onlyResource(json, 'azurerm_private_endpoint');
    expect(endpoint.name).toBe('pe-genai-test-sdc-kv');
    expect(endpoint.location).toBe('swedencentral');
    expect(endpoint.resource_group_name).toBe('rg-genai-test-sdc-security');
    expect(endpoint.subnet_id).toBe(baseProps.privateEndpoint.subnetResourceId);
    expect(endpoint.private_service_connection.private_connection_resource_id).toBe(vaultIdRef(json));
    expect(endpoint.private_service_connection.subresource_names).toEqual(['vault']);
    expect(endpoint.private_dns_zone_group.private_dns_zone_ids).toEqual(['/zones/privatelink.vaultcore.azure.net']);
  });

  test('sends all logs and all metrics to the workspace it is given', () => {
    const { stack } = vaultStack();
    const json = synth(stack);
    const setting = onlyResource(json, 'azurerm_monitor_diagnostic_setting');
    expect(setting.target_resource_id).toBe(vaultIdRef(json));
    expect(setting.log_analytics_workspace_id).toBe('/workspaces/log-genai-test-sdc');
    expect(setting.enabled_log).toEqual([{ category_group: 'allLogs' }]);
    expect(setting.enabled_metric).toEqual([{ category: 'AllMetrics' }]);
  });

  describe('protection', () => {
    test('a CanNotDelete lock on the vault and its private endpoint, and prevent_destroy, by default', () => {
      const { stack } = vaultStack();
      const json = synth(stack);
      const lock = lockOn(json, vaultIdRef(json));
      expect(lock.lock_level).toBe('CanNotDelete');
      expect(lock.scope).toBe(vaultIdRef(json));
      expect(lock.name).toBe('lock-kv-genai-test-sdc-ab12');
      expectEndpointLocked(json, 'pe-genai-test-sdc-kv');
      expect(onlyResource(json, 'azurerm_key_vault').lifecycle).toEqual({ prevent_destroy: true });
    });

    test("lock 'none' removes the locks (resource and endpoint) but keeps prevent_destroy", () => {
      const { stack } = vaultStack({ lock: 'none' });
      const json = synth(stack);
      expect(resourcesOf(json, 'azurerm_management_lock')).toEqual([]);
      expect(onlyResource(json, 'azurerm_key_vault').lifecycle).toEqual({ prevent_destroy: true });
    });

    test('preventDestroy false removes prevent_destroy but keeps the lock', () => {
      const { stack } = vaultStack({ preventDestroy: false });
      const json = synth(stack);
      expect(onlyResource(json, 'azurerm_key_vault').lifecycle?.prevent_destroy).toBeUndefined();
      expect(resourcesOf(json, 'azurerm_management_lock')).toHaveLength(2);
    });
  });

  test('skuName standard', () => {
    const { stack } = vaultStack({ skuName: 'standard' });
    expect(onlyResource(synth(stack), 'azurerm_key_vault').sku_name).toBe('standard');
  });

  test('allowedIpRanges turns public access on, limited to those ranges', () => {
    const { stack } = vaultStack({ allowedIpRanges: ['203.0.113.0/24', '198.51.100.7/32'], publicAccessReason: 'runners outside the VNet during migration' });
    const vault = onlyResource(synth(stack), 'azurerm_key_vault');
    expect(vault.public_network_access_enabled).toBe(true);
    expect(vault.network_acls.default_action).toBe('Deny');
    expect(vault.network_acls.ip_rules).toEqual(['203.0.113.0/24', '198.51.100.7/32']);
  });

  test('an empty allowedIpRanges keeps public access off', () => {
    const { stack } = vaultStack({ allowedIpRanges: [] });
    const vault = onlyResource(synth(stack), 'azurerm_key_vault');
    expect(vault.public_network_access_enabled).toBe(false);
    expect(vault.network_acls).not.toHaveProperty('ip_rules');
  });

  test.each([7, 30, 90])('accepts softDeleteRetentionDays %d', (days) => {
    const { stack } = vaultStack({ softDeleteRetentionDays: days });
    expect(onlyResource(synth(stack), 'azurerm_key_vault').soft_delete_retention_days).toBe(days);
  });

  test.each([6, 91, 0, 30.5, NaN])('refuses softDeleteRetentionDays %d', (days) => {
    expect(() => vaultStack({ softDeleteRetentionDays: days }))
      .toThrow(`kv: softDeleteRetentionDays must be a whole number of days from 7 to 90, got ${days}`);
  });

  describe('deployer', () => {
    test('gets Key Vault Crypto Officer on the vault', () => {
      const { stack } = vaultStack({ deployer });
      const json = synth(stack);
      const assignment = onlyResource(json, 'azurerm_role_assignment');
      expect(assignment.role_definition_name).toBe('Key Vault Crypto Officer');
      expect(assignment.scope).toBe(vaultIdRef(json));
      expect(assignment.principal_id).toBe(deployer.principalId);
      expect(assignment).not.toHaveProperty('principal_type');
      expect(assignment.description).toBe('Key Vault Crypto Officer for deployer (platform grant)');
    });
  });

  describe('addCustomerManagedKey', () => {
    test('an RSA-HSM 3072 key on premium, limited to wrap and unwrap', () => {
      const { stack, kv } = vaultStack();
      kv.addCustomerManagedKey('platform-key', { name: 'cmk-platform', consumers: STORAGE });
      const json = synth(stack);
      const key = onlyResource(json, 'azurerm_key_vault_key');
      expect(key.name).toBe('cmk-platform');
      expect(key.key_vault_id).toBe(vaultIdRef(json));
      expect(key.key_type).toBe('RSA-HSM');
      expect(key.key_size).toBe(3072);
      expect(key.key_opts).toEqual(['wrapKey', 'unwrapKey']);
    });

    test('a software RSA key on standard', () => {
      const { stack, kv } = vaultStack({ skuName: 'standard' });
      kv.addCustomerManagedKey('platform-key', { name: 'cmk-platform', consumers: STORAGE });
      const key = onlyResource(synth(stack), 'azurerm_key_vault_key');
      expect(key.key_type).toBe('RSA');
      expect(key.key_size).toBe(3072);
    });

    test('rotates after 180 days and expires after 365 by default, notifying 30 days before', () => {
      const { stack, kv } = vaultStack();
      kv.addCustomerManagedKey('platform-key', { name: 'cmk-platform', consumers: STORAGE });
      expect(onlyResource(synth(stack), 'azurerm_key_vault_key').rotation_policy).toEqual({
        automatic: { time_after_creation: 'P180D' },
        expire_after: 'P365D',
        notify_before_expiry: 'P30D',
      });
    });

    test('uses the rotation and expiry it is given', () => {
      const { stack, kv } = vaultStack();
      kv.addCustomerManagedKey('platform-key', { name: 'cmk-platform', consumers: STORAGE, rotationDays: 90, expiryDays: 120 });
      const policy = onlyResource(synth(stack), 'azurerm_key_vault_key').rotation_policy;
      expect(policy.automatic.time_after_creation).toBe('P90D');
      expect(policy.expire_after).toBe('P120D');
      expect(policy.notify_before_expiry).toBe('P30D');
    });

    test('waits for the private endpoint', () => {
      const { stack, kv } = vaultStack();
      kv.addCustomerManagedKey('platform-key', { name: 'cmk-platform', consumers: STORAGE });
      const json = synth(stack);
      const [endpointKey] = Object.keys(json.resource.azurerm_private_endpoint);
      expect(onlyResource(json, 'azurerm_key_vault_key').depends_on).toEqual([`azurerm_private_endpoint.${endpointKey}`]);
    });

    test("waits for the private endpoint and for the deployer's Crypto Officer grant to propagate (a key created right after the grant fails with 403)", () => {
      const { stack, kv } = vaultStack({ deployer });
      kv.addCustomerManagedKey('platform-key', { name: 'cmk-platform', consumers: STORAGE });
      const json = synth(stack);
      const [endpointKey] = Object.keys(json.resource.azurerm_private_endpoint);
      const [assignmentKey] = Object.keys(json.resource.azurerm_role_assignment);
      expect(json.resource.azurerm_role_assignment[assignmentKey].role_definition_name).toBe('Key Vault Crypto Officer');
      const [waitKey] = Object.keys(json.resource.terraform_data);
      expect(json.resource.terraform_data[waitKey]).toMatchObject({
        depends_on: [`azurerm_role_assignment.${assignmentKey}`], provisioner: [{ 'local-exec': { command: 'sleep 120' } }],
      });
      const dependsOn = onlyResource(json, 'azurerm_key_vault_key').depends_on;
      expect(dependsOn).toHaveLength(2);
      expect(dependsOn).toEqual(expect.arrayContaining([`azurerm_private_endpoint.${endpointKey}`, `terraform_data.${waitKey}`]));
    });

    test('returns the key name, id and versionless id as references', () => {
      const { stack, kv } = vaultStack();
      const cmk = kv.addCustomerManagedKey('platform-key', { name: 'cmk-platform', consumers: STORAGE });
      output(stack, 'name', cmk.name);
      output(stack, 'resource_id', cmk.resourceId);
      output(stack, 'versionless_id', cmk.versionlessId);
      const json = synth(stack);
      const [key] = Object.keys(json.resource.azurerm_key_vault_key);
      expect(json.output?.name.value).toBe(`\${azurerm_key_vault_key.${key}.name}`);
      expect(json.output?.resource_id.value).toBe(`\${azurerm_key_vault_key.${key}.id}`);
      expect(json.output?.versionless_id.value).toBe(`\${azurerm_key_vault_key.${key}.versionless_id}`);
    });

    test('accepts an expiry exactly 30 days after rotation', () => {
      const { stack, kv } = vaultStack();
      kv.addCustomerManagedKey('platform-key', { name: 'cmk-platform', consumers: STORAGE, rotationDays: 90, expiryDays: 120 });
      expect(resourcesOf(synth(stack), 'azurerm_key_vault_key')).toHaveLength(1);
    });

    test('refuses an expiry less than 30 days after rotation', () => {
      const { kv } = vaultStack();
      expect(() => kv.addCustomerManagedKey('platform-key', { name: 'cmk-platform', consumers: STORAGE, rotationDays: 90, expiryDays: 119 }))
        .toThrow('kv/platform-key: expiryDays (119) must be at least rotationDays + 30 (120)');
      expect(() => kv.addCustomerManagedKey('platform-key', { name: 'cmk-platform', consumers: STORAGE, rotationDays: 365 }))
        .toThrow('expiryDays (365) must be at least rotationDays + 30 (395)');
    });

    test.each([0, 6, -30, 90.5, NaN])('refuses rotationDays %d', (rotationDays) => {
      const { kv } = vaultStack();
      expect(() => kv.addCustomerManagedKey('platform-key', { name: 'cmk-platform', consumers: STORAGE, rotationDays }))
        .toThrow(`rotationDays must be a whole number of days, at least 7, got ${rotationDays}`);
    });

    test('refuses a fractional expiryDays', () => {
      const { kv } = vaultStack();
      expect(() => kv.addCustomerManagedKey('platform-key', { name: 'cmk-platform', consumers: STORAGE, expiryDays: 365.5 }))
        .toThrow('expiryDays must be a whole number of days, got 365.5');
    });

    test('reports every key problem at once', () => {
      const { kv } = vaultStack();
      expect(() => kv.addCustomerManagedKey('platform-key', { name: 'cmk-platform', consumers: STORAGE, rotationDays: 3.5, expiryDays: 20.5 }))
        .toThrow(/rotationDays must be .*; expiryDays must be a whole number .*; expiryDays \(20\.5\) must be at least rotationDays \+ 30/);
    });
  });

  describe('addCustomerManagedKey: a key its consumers accept (catalog/customer-managed-keys.ts)', () => {
    test('RSA-HSM 2048 for AI services, which accept nothing larger', () => {
      const { stack, kv } = vaultStack();
      const cmk = kv.addCustomerManagedKey('ai-key', { name: 'cmk-ai', consumers: ['azurerm_cognitive_account'] });
      expect(cmk).toMatchObject({ keyType: 'RSA-HSM', keySize: 2048, vaultLocation: 'swedencentral', consumers: ['azurerm_cognitive_account'] });
      const key = onlyResource(synth(stack), 'azurerm_key_vault_key');
      expect([key.key_type, key.key_size]).toEqual(['RSA-HSM', 2048]);
    });

    test('3072 for storage and for Managed Redis, software RSA on standard', () => {
      const { stack, kv } = vaultStack({ skuName: 'standard' });
      expect(kv.addCustomerManagedKey('storage-key', { name: 'cmk-storage', consumers: ['azurerm_storage_account'] })).toMatchObject({ keyType: 'RSA', keySize: 3072 });
      expect(kv.addCustomerManagedKey('cache-key', { name: 'cmk-cache', consumers: ['azurerm_managed_redis'] })).toMatchObject({ keyType: 'RSA', keySize: 3072 });
      expect(resourcesOf(synth(stack), 'azurerm_key_vault_key').map((k) => k.key_size)).toEqual([3072, 3072]);
    });

    test('a key shared by storage and AI services gets the size both accept', () => {
      const { kv } = vaultStack();
      expect(kv.addCustomerManagedKey('k', { name: 'cmk-shared', consumers: ['azurerm_storage_account', 'azurerm_cognitive_account'] }).keySize).toBe(2048);
    });

    test('refuses a size a consumer cannot use, naming the consumer and what it accepts', () => {
      const { kv } = vaultStack();
      expect(() => kv.addCustomerManagedKey('ai-key', { name: 'cmk-ai', consumers: ['azurerm_cognitive_account'], keySize: 3072 }))
        .toThrow('kv/ai-key: Azure AI services (Foundry / Azure OpenAI account) (azurerm_cognitive_account) accepts RSA key sizes 2048, not 3072');
    });

    test('refuses a consumer the catalog does not know, and reports every problem at once', () => {
      const { kv } = vaultStack();
      expect(() => kv.addCustomerManagedKey('k', { name: 'cmk-acr', consumers: ['azurerm_container_registry'], rotationDays: 3 }))
        .toThrow(/rotationDays must be .*; no customer-managed-key constraints for 'azurerm_container_registry'/);
    });

    test('refuses a size Key Vault does not create', () => {
      const { kv } = vaultStack();
      expect(() => kv.addCustomerManagedKey('k', { name: 'cmk-x', keySize: 1024 })).toThrow('keySize must be one of 2048, 3072, 4096 (Key Vault RSA sizes), got 1024');
    });
  });

  describe('addCustomerManagedKey: expiry and protection', () => {
    test('the first version expires expiryDays after creation, set once: rotation neither moves nor replaces it', () => {
      const { stack, kv } = vaultStack();
      kv.addCustomerManagedKey('k', { name: 'cmk-platform', consumers: STORAGE, rotationDays: 90, expiryDays: 120 });
      const key = onlyResource(synth(stack), 'azurerm_key_vault_key');
      // plantimestamp() (not Date.now()): the synthesized JSON is the same on every synth, and the plan shows the date.
      expect(key.expiration_date).toBe('${timeadd(plantimestamp(), "2880h")}');
      expect(key.lifecycle).toEqual({ ignore_changes: ['expiration_date'], prevent_destroy: true });
    });

    test('no prevent_destroy when the vault has none (dev)', () => {
      const { stack, kv } = vaultStack({ preventDestroy: false, lock: 'none' });
      kv.addCustomerManagedKey('k', { name: 'cmk-platform', consumers: STORAGE });
      expect(onlyResource(synth(stack), 'azurerm_key_vault_key').lifecycle).toEqual({ ignore_changes: ['expiration_date'] });
    });

    test('synthesizes the same JSON twice (no clock in the configuration)', () => {
      const twice = [0, 1].map(() => {
        const { stack, kv } = vaultStack();
        kv.addCustomerManagedKey('k', { name: 'cmk-platform', consumers: STORAGE });
        return JSON.stringify(onlyResource(synth(stack), 'azurerm_key_vault_key'));
      });
      expect(twice[0]).toBe(twice[1]);
    });
  });

  describe('regional vaults', () => {
    test('the private endpoint can stay in the VNet\'s region while the vault is in another', () => {
      const { stack } = vaultStack({ location: 'germanywestcentral', privateEndpoint: { ...baseProps.privateEndpoint, location: 'swedencentral' } });
      const json = synth(stack);
      expect(onlyResource(json, 'azurerm_key_vault').location).toBe('germanywestcentral');
      expect(onlyResource(json, 'azurerm_private_endpoint').location).toBe('swedencentral');
    });

    test('a key reports its vault\'s region, which AI services refuse from another region', () => {
      const { kv } = vaultStack();
      const cmk = kv.addCustomerManagedKey('ai-key', { name: 'cmk-ai', consumers: ['azurerm_cognitive_account'] });
      expect(customerManagedKeyProblems('azurerm_cognitive_account', cmk, 'germanywestcentral')).toEqual([
        'Azure AI services (Foundry / Azure OpenAI account) (azurerm_cognitive_account) needs the key\'s vault in its own region germanywestcentral, but the vault is in swedencentral',
      ]);
      // Storage takes keys from vaults in other regions.
      expect(customerManagedKeyProblems('azurerm_storage_account', cmk, 'germanywestcentral')).toEqual([]);
    });
  });

  describe('grantCustomerManagedKeyAccess', () => {
    test('grants Crypto Service Encryption User and returns the propagation wait after it as what consumers depend on', () => {
      const { stack, kv } = vaultStack();
      const identity = new ManagedIdentity(stack, 'cmk', { name: 'id-cmk', location: 'swedencentral', resourceGroupName: 'rg', workload: 'cmk' });
      const access = kv.grantCustomerManagedKeyAccess(identity);
      expect(kv.grantCustomerManagedKeyAccess(identity)).toBe(access);
      const json = synth(stack);
      expect(synthesized(json, access.roleAssignment).role_definition_name).toBe('Key Vault Crypto Service Encryption User');
      const wait = onlyResource(json, 'terraform_data');
      expect(wait.depends_on).toEqual([`azurerm_role_assignment.${access.roleAssignment.friendlyUniqueId}`]);
      expect(wait.provisioner).toEqual([{ 'local-exec': { command: 'sleep 120' } }]);
    });
  });

  describe('grants', () => {
    test.each([
      ['grantCryptoServiceEncryptionUser', 'Key Vault Crypto Service Encryption User'],
      ['grantSecretsUser', 'Key Vault Secrets User'],
      ['grantCryptoOfficer', 'Key Vault Crypto Officer'],
    ] as const)('%s assigns %s on the vault to the identity and returns the assignment', (method, role) => {
      const stack = testStack();
      const kv = new KeyVault(stack, 'kv', baseProps);
      const identity = new ManagedIdentity(stack, 'cmk', { name: 'id-genai-test-sdc-cmk', location: 'swedencentral', resourceGroupName: 'rg', workload: 'cmk' });
      const assignment = kv[method](identity);
      expect(assignment).toBeInstanceOf(RoleAssignment);
      const json = synth(stack);
      const [identityKey] = Object.keys(json.resource.azurerm_user_assigned_identity);
      const synthesizedAssignment = synthesized(json, assignment);
      expect(resourcesOf(json, 'azurerm_role_assignment')).toHaveLength(1);
      expect(synthesizedAssignment.role_definition_name).toBe(role);
      expect(synthesizedAssignment.scope).toBe(vaultIdRef(json));
      expect(synthesizedAssignment.principal_id).toBe(`\${azurerm_user_assigned_identity.${identityKey}.principal_id}`);
      expect(synthesizedAssignment.principal_type).toBe('ServicePrincipal');
      expect(synthesizedAssignment.skip_service_principal_aad_check).toBe(true);
    });

    test('grants to two identities are two assignments', () => {
      const stack = testStack();
      const kv = new KeyVault(stack, 'kv', baseProps);
      const a = new ManagedIdentity(stack, 'search', { name: 'id-a', location: 'swedencentral', resourceGroupName: 'rg', workload: 'search' });
      const b = new ManagedIdentity(stack, 'storage', { name: 'id-b', location: 'swedencentral', resourceGroupName: 'rg', workload: 'storage' });
      kv.grantCryptoServiceEncryptionUser(a);
      kv.grantCryptoServiceEncryptionUser(b);
      kv.grantSecretsUser(a);
      expect(resourcesOf(synth(stack), 'azurerm_role_assignment')).toHaveLength(3);
    });
  });
});

describe('KeyVault diagnostics tables', () => {
  test('sends vault logs to the resource-specific AZKV tables', () => {
    const { stack } = vaultStack();
    const setting = onlyResource(synth(stack), 'azurerm_monitor_diagnostic_setting');
    expect(setting.log_analytics_destination_type).toBe('Dedicated');
  });
});

describe('KeyVault public access exceptions', () => {
  test('allowedIpRanges needs a reason', () => {
    expect(() => vaultStack({ allowedIpRanges: ['203.0.113.0/24'] })).toThrow(/allowedIpRanges opens the vault's public endpoint; give publicAccessReason/);
    expect(() => vaultStack({ allowedIpRanges: ['203.0.113.0/24'], publicAccessReason: 'short' })).toThrow(/give publicAccessReason/);
  });
});

describe('KeyVault validation convention (constructs/validation.ts)', () => {
  test('reports every problem at once, as a ConstructValidationError with the path', () => {
    let error: unknown;
    try {
      vaultStack({ softDeleteRetentionDays: 3, allowedIpRanges: ['203.0.113.0/24'] });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConstructValidationError);
    expect((error as ConstructValidationError).path).toBe('test/kv');
    expect((error as ConstructValidationError).problems).toEqual([
      'softDeleteRetentionDays must be a whole number of days from 7 to 90, got 3',
      "allowedIpRanges opens the vault's public endpoint; give publicAccessReason (at least 10 characters), which is recorded in the plan",
    ]);
  });

  test('skips values that are unresolved tokens (Azure judges them at apply)', () => {
    const stack = testStack();
    const days = new TerraformVariable(stack, 'days', { type: 'number' }).numberValue;
    const reason = new TerraformVariable(stack, 'reason', { type: 'string' }).stringValue;
    const kv = new KeyVault(stack, 'kv', { ...baseProps, softDeleteRetentionDays: days, allowedIpRanges: ['203.0.113.0/24'], publicAccessReason: reason });
    expect(() => kv.addCustomerManagedKey('k', { name: 'cmk-x', rotationDays: days, expiryDays: days })).not.toThrow();
  });

  test('addCustomerManagedKey throws a ConstructValidationError naming the key', () => {
    const { kv } = vaultStack();
    expect(() => kv.addCustomerManagedKey('k', { name: 'cmk-x', rotationDays: 3 })).toThrow(ConstructValidationError);
    expect(() => kv.addCustomerManagedKey('k2', { name: 'cmk-x', rotationDays: 3 })).toThrow(/^test\/kv\/k2: /);
  });
});

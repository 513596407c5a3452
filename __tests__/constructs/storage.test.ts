import { TerraformStack, TerraformVariable } from 'cdktf';
import { LogAnalyticsWorkspace } from '@cdktf/provider-azurerm/lib/log-analytics-workspace';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { ManagedIdentity } from '../../constructs/identity';
import { KeyVault } from '../../constructs/key-vault';
import { DiagnosticSetting } from '../../constructs/monitoring/diagnostic-setting';
import { DocumentStorage, DocumentStorageProps } from '../../constructs/storage';
import { review } from '../../policy/engine';
import { parsePlan } from '../../policy/plan';
import { SynthJson, onlyResource, output, refOf, resourcesOf, synth, testStack } from '../helpers';
import { expectEndpointLocked, lockOn } from './locks';

/** Client id of the CMK identity (CustomerManagedKeyOptions.identity names it by resource id and client id). */
const CMK_CLIENT_ID = '00000000-0000-0000-0000-0000000000c1';

const KEY_ID = 'https://kv-genai-test-sdc-ab12.vault.azure.net/keys/cmk-platform';
const CMK_IDENTITY_ID = '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-genai-test-sdc-cmk';

const baseProps: DocumentStorageProps = {
  name: 'stgenaitestsdcab12',
  location: 'swedencentral',
  resourceGroupName: 'rg-genai-test-sdc-data',
  customerManagedKey: { keyVaultKeyResourceId: KEY_ID, identity: { resourceId: CMK_IDENTITY_ID, clientId: CMK_CLIENT_ID } },
  privateEndpoint: {
    name: 'pe-genai-test-sdc-st',
    subnetResourceId: '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/pe',
    privateDnsZoneResourceIds: ['/zones/privatelink.blob.core.windows.net'],
  },
  diagnostics: { logAnalyticsWorkspaceResourceId: '/workspaces/log-genai-test-sdc' },
};

/** A stack holding one document store built from `baseProps` with `overrides`. */
function storageStack(overrides: Partial<DocumentStorageProps> = {}): { stack: TerraformStack; storage: DocumentStorage } {
  const stack = testStack();
  const storage = new DocumentStorage(stack, 'storage', { ...baseProps, ...overrides });
  return { stack, storage };
}

/** `${azurerm_storage_account.<key>.<attribute>}` of the single account in `json`. */
const accountRef = (json: SynthJson, attribute = 'id'): string => refOf(json, 'azurerm_storage_account', attribute);

describe('DocumentStorage', () => {
  describe('secure defaults', () => {
    test('a Standard StorageV2 account, zone-redundant, without hierarchical namespace', () => {
      const { stack } = storageStack();
      const account = onlyResource(synth(stack), 'azurerm_storage_account');
      expect(account.name).toBe('stgenaitestsdcab12');
      expect(account.location).toBe('swedencentral');
      expect(account.resource_group_name).toBe('rg-genai-test-sdc-data');
      expect(account.account_kind).toBe('StorageV2');
      expect(account.account_tier).toBe('Standard');
      expect(account.account_replication_type).toBe('ZRS');
      expect(account.is_hns_enabled).toBe(false);
    });

    test('Entra ID only: no shared keys, OAuth by default, no local users or SFTP', () => {
      const { stack } = storageStack();
      const account = onlyResource(synth(stack), 'azurerm_storage_account');
      expect(account.shared_access_key_enabled).toBe(false);
      expect(account.default_to_oauth_authentication).toBe(true);
      expect(account.local_user_enabled).toBe(false);
      expect(account.sftp_enabled).toBe(false);
    });

    test('no public blobs, HTTPS only with TLS 1.2', () => {
      const { stack } = storageStack();
      const account = onlyResource(synth(stack), 'azurerm_storage_account');
      expect(account.allow_nested_items_to_be_public).toBe(false);
      expect(account.https_traffic_only_enabled).toBe(true);
      expect(account.min_tls_version).toBe('TLS1_2');
    });

    test('no public network access; the firewall denies everything and bypasses nothing', () => {
      const { stack } = storageStack();
      const account = onlyResource(synth(stack), 'azurerm_storage_account');
      expect(account.public_network_access_enabled).toBe(false);
      expect(account.network_rules).toEqual({ default_action: 'Deny', bypass: ['None'] });
    });

    test('data stays in the tenant: no cross-tenant replication, copies over private links only', () => {
      const { stack } = storageStack();
      const account = onlyResource(synth(stack), 'azurerm_storage_account');
      expect(account.cross_tenant_replication_enabled).toBe(false);
      expect(account.allowed_copy_scope).toBe('PrivateLink');
    });

    test('customer-managed key through the user-assigned identity, with infrastructure encryption', () => {
      const { stack } = storageStack();
      const account = onlyResource(synth(stack), 'azurerm_storage_account');
      expect(account.identity).toEqual({ type: 'UserAssigned', identity_ids: [CMK_IDENTITY_ID] });
      expect(account.customer_managed_key).toEqual({ key_vault_key_id: KEY_ID, user_assigned_identity_id: CMK_IDENTITY_ID });
      expect(account.infrastructure_encryption_enabled).toBe(true);
      expect(account.queue_encryption_key_type).toBe('Account');
      expect(account.table_encryption_key_type).toBe('Account');
      expect(account).not.toHaveProperty('depends_on');
    });

    test('versioning, change feed and 30-day blob and container soft delete', () => {
      const { stack } = storageStack();
      expect(onlyResource(synth(stack), 'azurerm_storage_account').blob_properties).toEqual({
        versioning_enabled: true,
        change_feed_enabled: true,
        delete_retention_policy: { days: 30 },
        container_delete_retention_policy: { days: 30 },
      });
    });

    test('sets nothing that the provider manages through the data plane', () => {
      const { stack } = storageStack();
      const account = onlyResource(synth(stack), 'azurerm_storage_account');
      expect(account).not.toHaveProperty('queue_properties');
      expect(account).not.toHaveProperty('static_website');
      expect(account).not.toHaveProperty('share_properties');
    });

    test("one private 'documents' container, created through Resource Manager (storage_account_id)", () => {
      const { stack } = storageStack();
      const json = synth(stack);
      const container = onlyResource(json, 'azurerm_storage_container');
      expect(container).toEqual({ name: 'documents', storage_account_id: accountRef(json), container_access_type: 'private' });
      expect(container).not.toHaveProperty('storage_account_name');
    });

    test('makes no role assignment without being asked', () => {
      const { stack } = storageStack();
      expect(resourcesOf(synth(stack), 'azurerm_role_assignment')).toEqual([]);
    });
  });

  test('exposes resourceId, name and primaryBlobEndpoint as references to the account', () => {
    const { stack, storage } = storageStack();
    output(stack, 'resource_id', storage.resourceId);
    output(stack, 'name', storage.name);
    output(stack, 'blob_endpoint', storage.primaryBlobEndpoint);
    const json = synth(stack);
    expect(json.output?.resource_id.value).toBe(accountRef(json));
    expect(json.output?.name.value).toBe(accountRef(json, 'name'));
    expect(json.output?.blob_endpoint.value).toBe(accountRef(json, 'primary_blob_endpoint'));
    expect(storage.containerNames).toEqual(['documents']);
  });

  test('connects a private endpoint to the blob sub-resource in the zone it is given', () => {
    const { stack } = storageStack();
    const json = synth(stack);
    const endpoint = onlyResource(json, 'azurerm_private_endpoint');
    expect(endpoint.name).toBe('pe-genai-test-sdc-st');
    expect(endpoint.location).toBe('swedencentral');
    expect(endpoint.resource_group_name).toBe('rg-genai-test-sdc-data');
    expect(endpoint.subnet_id).toBe(baseProps.privateEndpoint.subnetResourceId);
    expect(endpoint.private_service_connection.private_connection_resource_id).toBe(accountRef(json));
    expect(endpoint.private_service_connection.subresource_names).toEqual(['blob']);
    expect(endpoint.private_service_connection.is_manual_connection).toBe(false);
    expect(endpoint.private_dns_zone_group.private_dns_zone_ids).toEqual(['/zones/privatelink.blob.core.windows.net']);
  });

  test('sends account metrics, and blob service logs and metrics, to the workspace it is given', () => {
    const { stack } = storageStack();
    const json = synth(stack);
    const settings = resourcesOf(json, 'azurerm_monitor_diagnostic_setting');
    expect(settings).toHaveLength(2);
    const account = settings.find((s) => s.target_resource_id === accountRef(json));
    const blob = settings.find((s) => s.target_resource_id === `${accountRef(json)}/blobServices/default`);
    expect(account).toBeDefined();
    expect(account!.log_analytics_workspace_id).toBe('/workspaces/log-genai-test-sdc');
    expect(account).not.toHaveProperty('enabled_log');
    expect(account!.enabled_metric).toEqual([{ category: 'AllMetrics' }]);
    expect(blob).toBeDefined();
    expect(blob!.log_analytics_workspace_id).toBe('/workspaces/log-genai-test-sdc');
    expect(blob!.enabled_log).toEqual([{ category_group: 'allLogs' }]);
    expect(blob!.enabled_metric).toEqual([{ category: 'AllMetrics' }]);
  });

  describe('protection', () => {
    test('a CanNotDelete lock on the account and its private endpoint, and prevent_destroy, by default', () => {
      const { stack } = storageStack();
      const json = synth(stack);
      const lock = lockOn(json, accountRef(json));
      expect(lock.lock_level).toBe('CanNotDelete');
      expect(lock.scope).toBe(accountRef(json));
      expect(lock.name).toBe('lock-stgenaitestsdcab12');
      expectEndpointLocked(json, 'pe-genai-test-sdc-st');
      expect(onlyResource(json, 'azurerm_storage_account').lifecycle).toEqual({ prevent_destroy: true });
    });

    test("lock 'none' removes the locks (resource and endpoint) but keeps prevent_destroy", () => {
      const { stack } = storageStack({ lock: 'none' });
      const json = synth(stack);
      expect(resourcesOf(json, 'azurerm_management_lock')).toEqual([]);
      expect(onlyResource(json, 'azurerm_storage_account').lifecycle).toEqual({ prevent_destroy: true });
    });

    test('preventDestroy false removes prevent_destroy but keeps the lock', () => {
      const { stack } = storageStack({ preventDestroy: false });
      const json = synth(stack);
      expect(onlyResource(json, 'azurerm_storage_account').lifecycle?.prevent_destroy).toBeUndefined();
      expect(resourcesOf(json, 'azurerm_management_lock')).toHaveLength(2);
    });
  });

  describe('options', () => {
    test.each(['LRS', 'GZRS', 'RAGZRS'] as const)('replicationType %s', (replicationType) => {
      const { stack } = storageStack({ replicationType });
      expect(onlyResource(synth(stack), 'azurerm_storage_account').account_replication_type).toBe(replicationType);
    });

    test('containerNames: one private container each', () => {
      const { stack, storage } = storageStack({ containerNames: ['documents', 'images-2025', 'raw'] });
      const json = synth(stack);
      const containers = resourcesOf(json, 'azurerm_storage_container');
      expect(containers.map((c) => c.name).sort()).toEqual(['documents', 'images-2025', 'raw']);
      for (const c of containers) {
        expect(c.container_access_type).toBe('private');
        expect(c.storage_account_id).toBe(accountRef(json));
      }
      expect(storage.containerNames).toEqual(['documents', 'images-2025', 'raw']);
    });

    test('an empty containerNames creates no container', () => {
      const { stack } = storageStack({ containerNames: [] });
      expect(resourcesOf(synth(stack), 'azurerm_storage_container')).toEqual([]);
    });

    test.each([7, 90, 365])('soft delete retention %d days', (days) => {
      const { stack } = storageStack({ blobSoftDeleteDays: days, containerSoftDeleteDays: days });
      const properties = onlyResource(synth(stack), 'azurerm_storage_account').blob_properties;
      expect(properties.delete_retention_policy).toEqual({ days });
      expect(properties.container_delete_retention_policy).toEqual({ days });
    });

    test('the account waits for the key access grant it is given', () => {
      const stack = testStack();
      const kv = new KeyVault(stack, 'kv', {
        name: 'kv-genai-test-sdc-ab12', location: 'swedencentral', resourceGroupName: 'rg', tenantId: '00000000-0000-0000-0000-00000000aaaa',
        privateEndpoint: { name: 'pe-kv', subnetResourceId: baseProps.privateEndpoint.subnetResourceId, privateDnsZoneResourceIds: ['/zones/privatelink.vaultcore.azure.net'] },
        diagnostics: baseProps.diagnostics,
      });
      const key = kv.addCustomerManagedKey('platform-key', { name: 'cmk-platform' });
      const cmkIdentity = new ManagedIdentity(stack, 'cmk', { name: 'id-cmk', location: 'swedencentral', resourceGroupName: 'rg', workload: 'cmk' });
      const grant = kv.grantCryptoServiceEncryptionUser(cmkIdentity);
      new DocumentStorage(stack, 'storage', {
        ...baseProps,
        customerManagedKey: { keyVaultKeyResourceId: key.versionlessId, identity: cmkIdentity, accessGrant: grant },
      });
      const json = synth(stack);
      const [keyKey] = Object.keys(json.resource.azurerm_key_vault_key);
      const [identityKey] = Object.keys(json.resource.azurerm_user_assigned_identity);
      const account = onlyResource(json, 'azurerm_storage_account');
      expect(account.depends_on).toEqual([`azurerm_role_assignment.${grant.friendlyUniqueId}`]);
      expect(account.customer_managed_key).toEqual({
        key_vault_key_id: `\${azurerm_key_vault_key.${keyKey}.versionless_id}`,
        user_assigned_identity_id: `\${azurerm_user_assigned_identity.${identityKey}.id}`,
      });
      expect(account.identity.identity_ids).toEqual([`\${azurerm_user_assigned_identity.${identityKey}.id}`]);
    });

    test('retention days from Terraform variables are left to Azure', () => {
      const stack = testStack();
      const days = new TerraformVariable(stack, 'days', { type: 'number' });
      new DocumentStorage(stack, 'storage', { ...baseProps, blobSoftDeleteDays: days.numberValue, containerSoftDeleteDays: days.numberValue });
      const properties = onlyResource(synth(stack), 'azurerm_storage_account').blob_properties;
      expect(properties.delete_retention_policy.days).toBe('${var.days}');
    });
  });

  describe('validation', () => {
    test.each(['st', 'st-genai', 'StGenai', 'a'.repeat(25)])('refuses account name %s', (name) => {
      expect(() => storageStack({ name })).toThrow(`storage: name must be 3-24 lowercase letters and digits, got '${name}'`);
    });

    test('refuses an unknown replication type (values from untyped config)', () => {
      expect(() => storageStack({ replicationType: 'GRS' as never })).toThrow(/replicationType must be one of LRS, ZRS, GZRS, RAGZRS, got 'GRS'/);
    });

    test.each(['ab', 'Documents', '-docs', 'docs-', 'do--cs', 'do_cs', 'a'.repeat(64)])('refuses container name %s', (name) => {
      expect(() => storageStack({ containerNames: [name] })).toThrow(`container name '${name}' must be 3-63 lowercase letters, digits or single hyphens`);
    });

    test('refuses a container listed twice', () => {
      expect(() => storageStack({ containerNames: ['documents', 'documents'] })).toThrow(/container name 'documents' is listed more than once/);
    });

    test.each([6, 366, 0, 30.5, NaN])('refuses blobSoftDeleteDays %d', (days) => {
      expect(() => storageStack({ blobSoftDeleteDays: days })).toThrow(`blobSoftDeleteDays must be a whole number of days from 7 to 365, got ${days}`);
    });

    test.each([6, 366, 0, 30.5, NaN])('refuses containerSoftDeleteDays %d', (days) => {
      expect(() => storageStack({ containerSoftDeleteDays: days })).toThrow(`containerSoftDeleteDays must be a whole number of days from 7 to 365, got ${days}`);
    });

    test.each([
      `${KEY_ID}/0123456789abcdef0123456789abcdef`,
      '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv/keys/cmk',
      'cmk-platform',
    ])('refuses key id %s (not a versionless key id)', (keyVaultKeyResourceId) => {
      expect(() => storageStack({ customerManagedKey: { ...baseProps.customerManagedKey, keyVaultKeyResourceId } }))
        .toThrow(/customerManagedKey\.keyVaultKeyResourceId must be a versionless key id/);
    });

    test('reports every problem at once', () => {
      expect(() => storageStack({ name: 'Bad', containerNames: ['X'], blobSoftDeleteDays: 1, containerSoftDeleteDays: 400 }))
        .toThrow(/storage: name must be .*; container name 'X' .*; blobSoftDeleteDays must be .*; containerSoftDeleteDays must be/);
    });
  });

  describe('grants', () => {
    test.each([
      ['grantBlobDataReader', 'Storage Blob Data Reader'],
      ['grantBlobDataContributor', 'Storage Blob Data Contributor'],
    ] as const)('%s assigns %s on the account to the identity and returns the assignment', (method, role) => {
      const stack = testStack();
      const storage = new DocumentStorage(stack, 'storage', baseProps);
      const identity = new ManagedIdentity(stack, 'search', { name: 'id-genai-test-sdc-search', location: 'swedencentral', resourceGroupName: 'rg', workload: 'search' });
      const assignment = storage[method](identity);
      expect(assignment).toBeInstanceOf(RoleAssignment);
      const json = synth(stack);
      const [identityKey] = Object.keys(json.resource.azurerm_user_assigned_identity);
      const synthesized = json.resource.azurerm_role_assignment[assignment.friendlyUniqueId];
      expect(resourcesOf(json, 'azurerm_role_assignment')).toHaveLength(1);
      expect(synthesized.role_definition_name).toBe(role);
      expect(synthesized.scope).toBe(accountRef(json));
      expect(synthesized.principal_id).toBe(`\${azurerm_user_assigned_identity.${identityKey}.principal_id}`);
      expect(synthesized.principal_type).toBe('ServicePrincipal');
    });

    test('grants to two identities are two assignments', () => {
      const stack = testStack();
      const storage = new DocumentStorage(stack, 'storage', baseProps);
      const a = new ManagedIdentity(stack, 'search', { name: 'id-a', location: 'swedencentral', resourceGroupName: 'rg', workload: 'search' });
      const b = new ManagedIdentity(stack, 'orchestrator', { name: 'id-b', location: 'swedencentral', resourceGroupName: 'rg', workload: 'orchestrator' });
      storage.grantBlobDataReader(a);
      storage.grantBlobDataReader(b);
      expect(resourcesOf(synth(stack), 'azurerm_role_assignment')).toHaveLength(2);
    });
  });

  describe('policy review', () => {
    const HUB_BLOB_ZONE = '/subscriptions/0000/resourceGroups/rg-hub-dns/providers/Microsoft.Network/privateDnsZones/privatelink.blob.core.windows.net';

    /**
     * The construct with an in-plan workspace (itself diagnosed) and a hub DNS zone given by id (linked by
     * the hub, outside the plan), reviewed as production.
     */
    function reviewed(overrides: Partial<DocumentStorageProps> = {}) {
      const stack = testStack();
      const workspace = new LogAnalyticsWorkspace(stack, 'workspace', {
        name: 'log-genai-test-sdc', location: 'swedencentral', resourceGroupName: 'rg', sku: 'PerGB2018', retentionInDays: 90, localAuthenticationEnabled: false,
      });
      new DiagnosticSetting(stack, 'workspace-diagnostics', { logAnalyticsWorkspaceResourceId: workspace.id, targetResourceId: workspace.id });
      new DocumentStorage(stack, 'storage', {
        ...baseProps,
        privateEndpoint: { ...baseProps.privateEndpoint, privateDnsZoneResourceIds: [HUB_BLOB_ZONE] },
        diagnostics: { logAnalyticsWorkspaceResourceId: workspace.id },
        ...overrides,
      });
      return review([parsePlan(synth(stack), 'test')], { production: true }).findings;
    }
    const blocking = (findings: ReturnType<typeof reviewed>) => findings
      .filter((f) => f.status === 'fail' && (f.severity === 'error' || f.severity === 'warning') && /^GAI-(SRCH|ST|PE|MON)-/.test(f.ruleId))
      .map((f) => `${f.ruleId} ${f.address}: ${f.message}`);

    test('the defaults pass the storage, private endpoint and monitoring rules', () => {
      expect(blocking(reviewed())).toEqual([]);
    });

    test('no storage rule fails, not even a note', () => {
      expect(reviewed().filter((f) => f.status === 'fail' && f.ruleId.startsWith('GAI-ST-')).map((f) => f.ruleId)).toEqual([]);
    });

    test('GAI-ST-009 flags LRS in production', () => {
      expect(blocking(reviewed({ replicationType: 'LRS' }))).toEqual([expect.stringMatching(/^GAI-ST-009 /)]);
    });
  });
});

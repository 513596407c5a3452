import { TerraformStack, TerraformVariable } from 'cdktf';
import { LogAnalyticsWorkspace } from '@cdktf/provider-azurerm/lib/log-analytics-workspace';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { ManagedIdentity } from '../../constructs/identity';
import { KeyVault } from '../../constructs/key-vault';
import { DiagnosticSetting } from '../../constructs/monitoring/diagnostic-setting';
import { Network } from '../../constructs/network';
import {
  ContainerApp, ContainerAppProps, ContainerAppsEnvironment, ContainerAppsEnvironmentProps, ContainerRegistry, ContainerRegistryProps,
} from '../../constructs/orchestrator';
import { review } from '../../policy/engine';
import { parsePlan } from '../../policy/plan';
import { onlyResource, output, refOf, resourcesOf, synth, testNaming, testStack } from '../helpers';
import { expectEndpointLocked, lockOn } from './locks';

const WORKSPACE_ID = '/workspaces/log-genai-test-sdc';
const SUBNET_PE = '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/pe';
const SUBNET_APPS = '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/apps';
const VNET_ID = '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v';
const ACR_ZONE = '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Network/privateDnsZones/privatelink.azurecr.io';
const KEY_ID = 'https://kv-genai-test-sdc-ab12.vault.azure.net/keys/cmk-registry';
const IDENTITY_ID = '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-genai-test-sdc-orch';
const CLIENT_ID = '00000000-0000-0000-0000-00000000c11e';
const ENVIRONMENT_ID = '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.App/managedEnvironments/cae-genai-test-sdc';
const LOGIN_SERVER = 'crgenaitestsdcab12.azurecr.io';
const GATEWAY_URL = 'https://apim-genai-test-sdc-ab12.azure-api.net';
const SECRET_ID = 'https://kv-genai-test-sdc-ab12.vault.azure.net/secrets/search-api-audience';
const DIGEST = `sha256:${'a1'.repeat(32)}`;

const registryProps: ContainerRegistryProps = {
  name: 'crgenaitestsdcab12',
  location: 'swedencentral',
  resourceGroupName: 'rg-genai-test-sdc-apps',
  privateEndpoint: { name: 'pe-genai-test-sdc-cr', subnetResourceId: SUBNET_PE, privateDnsZoneResourceIds: [ACR_ZONE] },
  diagnostics: { logAnalyticsWorkspaceResourceId: WORKSPACE_ID },
};

const environmentProps: ContainerAppsEnvironmentProps = {
  name: 'cae-genai-test-sdc',
  location: 'swedencentral',
  resourceGroupName: 'rg-genai-test-sdc-apps',
  infrastructureSubnetResourceId: SUBNET_APPS,
  virtualNetworkResourceId: VNET_ID,
  diagnostics: { logAnalyticsWorkspaceResourceId: WORKSPACE_ID },
};

const appProps: ContainerAppProps = {
  name: 'ca-genai-test-sdc-orch',
  resourceGroupName: 'rg-genai-test-sdc-apps',
  environmentResourceId: ENVIRONMENT_ID,
  managedIdentity: { resourceId: IDENTITY_ID, clientId: CLIENT_ID, principalId: '00000000-0000-0000-0000-0000000000a1', principalType: 'ServicePrincipal', label: 'orchestrator identity' },
  registryLoginServer: LOGIN_SERVER,
  image: 'orchestrator:1.4.2',
  gatewayUrl: GATEWAY_URL,
  diagnostics: { logAnalyticsWorkspaceResourceId: WORKSPACE_ID },
};

function registryStack(overrides: Partial<ContainerRegistryProps> = {}): { stack: TerraformStack; registry: ContainerRegistry } {
  const stack = testStack();
  return { stack, registry: new ContainerRegistry(stack, 'registry', { ...registryProps, ...overrides }) };
}

function environmentStack(overrides: Partial<ContainerAppsEnvironmentProps> = {}): { stack: TerraformStack; environment: ContainerAppsEnvironment } {
  const stack = testStack();
  return { stack, environment: new ContainerAppsEnvironment(stack, 'environment', { ...environmentProps, ...overrides }) };
}

function appStack(overrides: Partial<ContainerAppProps> = {}): { stack: TerraformStack; app: ContainerApp } {
  const stack = testStack();
  return { stack, app: new ContainerApp(stack, 'app', { ...appProps, ...overrides }) };
}

describe('ContainerRegistry', () => {
  describe('secure defaults', () => {
    test('Premium, in the given location and resource group', () => {
      const registry = onlyResource(synth(registryStack().stack), 'azurerm_container_registry');
      expect(registry.name).toBe('crgenaitestsdcab12');
      expect(registry.location).toBe('swedencentral');
      expect(registry.resource_group_name).toBe('rg-genai-test-sdc-apps');
      expect(registry.sku).toBe('Premium');
    });

    test('Entra ID only: no admin user, no anonymous pull', () => {
      const registry = onlyResource(synth(registryStack().stack), 'azurerm_container_registry');
      expect(registry.admin_enabled).toBe(false);
      expect(registry.anonymous_pull_enabled).toBe(false);
    });

    test('no public network access, no trusted-service bypass, no export, a dedicated data endpoint', () => {
      const registry = onlyResource(synth(registryStack().stack), 'azurerm_container_registry');
      expect(registry.public_network_access_enabled).toBe(false);
      expect(registry.network_rule_bypass_option).toBe('None');
      expect(registry.export_policy_enabled).toBe(false);
      expect(registry.data_endpoint_enabled).toBe(true);
      expect(registry).not.toHaveProperty('network_rule_set');
    });

    test('zone redundant, untagged manifests purged after 30 days', () => {
      const registry = onlyResource(synth(registryStack().stack), 'azurerm_container_registry');
      expect(registry.zone_redundancy_enabled).toBe(true);
      expect(registry.retention_policy_in_days).toBe(30);
    });

    test('no content trust (retired), no quarantine, Microsoft-managed keys and no identity', () => {
      const registry = onlyResource(synth(registryStack().stack), 'azurerm_container_registry');
      for (const attribute of ['trust_policy_enabled', 'quarantine_policy_enabled', 'encryption', 'identity', 'georeplications']) {
        expect(registry).not.toHaveProperty(attribute);
      }
    });

    test('makes no role assignment without being asked', () => {
      expect(resourcesOf(synth(registryStack().stack), 'azurerm_role_assignment')).toEqual([]);
    });
  });

  test('exposes resourceId, name and loginServer as references to the registry', () => {
    const { stack, registry } = registryStack();
    output(stack, 'resource_id', registry.resourceId);
    output(stack, 'name', registry.name);
    output(stack, 'login_server', registry.loginServer);
    const json = synth(stack);
    expect(json.output?.resource_id.value).toBe(refOf(json, 'azurerm_container_registry'));
    expect(json.output?.name.value).toBe(refOf(json, 'azurerm_container_registry', 'name'));
    expect(json.output?.login_server.value).toBe(refOf(json, 'azurerm_container_registry', 'login_server'));
  });

  test('connects a private endpoint to the registry sub-resource in the zone it is given', () => {
    const json = synth(registryStack().stack);
    const endpoint = onlyResource(json, 'azurerm_private_endpoint');
    expect(endpoint.name).toBe('pe-genai-test-sdc-cr');
    expect(endpoint.location).toBe('swedencentral');
    expect(endpoint.resource_group_name).toBe('rg-genai-test-sdc-apps');
    expect(endpoint.subnet_id).toBe(SUBNET_PE);
    expect(endpoint.private_service_connection.private_connection_resource_id).toBe(refOf(json, 'azurerm_container_registry'));
    expect(endpoint.private_service_connection.subresource_names).toEqual(['registry']);
    expect(endpoint.private_service_connection.is_manual_connection).toBe(false);
    expect(endpoint.private_dns_zone_group.private_dns_zone_ids).toEqual([ACR_ZONE]);
  });

  test('sends all logs and all metrics of the registry to the workspace it is given', () => {
    const json = synth(registryStack().stack);
    const setting = onlyResource(json, 'azurerm_monitor_diagnostic_setting');
    expect(setting.target_resource_id).toBe(refOf(json, 'azurerm_container_registry'));
    expect(setting.log_analytics_workspace_id).toBe(WORKSPACE_ID);
    expect(setting.enabled_log).toEqual([{ category_group: 'allLogs' }]);
    expect(setting.enabled_metric).toEqual([{ category: 'AllMetrics' }]);
  });

  describe('protection', () => {
    test('a CanNotDelete lock on the registry and its private endpoint, and prevent_destroy, by default', () => {
      const json = synth(registryStack().stack);
      const lock = lockOn(json, refOf(json, 'azurerm_container_registry'));
      expect(lock.lock_level).toBe('CanNotDelete');
      expect(lock.scope).toBe(refOf(json, 'azurerm_container_registry'));
      expect(lock.name).toBe('lock-crgenaitestsdcab12');
      expectEndpointLocked(json, 'pe-genai-test-sdc-cr');
      expect(onlyResource(json, 'azurerm_container_registry').lifecycle).toEqual({ prevent_destroy: true });
    });

    test("lock 'none' removes the locks (registry and endpoint) but keeps prevent_destroy", () => {
      const json = synth(registryStack({ lock: 'none' }).stack);
      expect(resourcesOf(json, 'azurerm_management_lock')).toEqual([]);
      expect(onlyResource(json, 'azurerm_container_registry').lifecycle).toEqual({ prevent_destroy: true });
    });

    test('preventDestroy false removes prevent_destroy but keeps the lock', () => {
      const json = synth(registryStack({ preventDestroy: false }).stack);
      expect(onlyResource(json, 'azurerm_container_registry').lifecycle?.prevent_destroy).toBeUndefined();
      expect(resourcesOf(json, 'azurerm_management_lock')).toHaveLength(2);
    });
  });

  describe('options', () => {
    test('zoneRedundancyEnabled false', () => {
      expect(onlyResource(synth(registryStack({ zoneRedundancyEnabled: false }).stack), 'azurerm_container_registry').zone_redundancy_enabled).toBe(false);
    });

    test.each([0, 7, 365])('untaggedRetentionDays %d', (untaggedRetentionDays) => {
      expect(onlyResource(synth(registryStack({ untaggedRetentionDays }).stack), 'azurerm_container_registry').retention_policy_in_days).toBe(untaggedRetentionDays);
    });

    test('customerManagedKey encrypts with the key through the user-assigned identity, after its key grant', () => {
      const stack = testStack();
      const cmk = new ManagedIdentity(stack, 'cmk', { name: 'id-cmk', location: 'swedencentral', resourceGroupName: 'rg', workload: 'cmk' });
      const vault = new KeyVault(stack, 'vault', {
        name: 'kv-genai-test-sdc-ab12', location: 'swedencentral', resourceGroupName: 'rg', tenantId: '00000000-0000-0000-0000-000000000001',
        privateEndpoint: { name: 'pe-kv', subnetResourceId: SUBNET_PE, privateDnsZoneResourceIds: ['/zones/privatelink.vaultcore.azure.net'] },
        diagnostics: { logAnalyticsWorkspaceResourceId: WORKSPACE_ID },
      });
      const grant = vault.grantCryptoServiceEncryptionUser(cmk);
      new ContainerRegistry(stack, 'registry', {
        ...registryProps,
        customerManagedKey: { keyVaultKeyResourceId: KEY_ID, identity: cmk, accessGrant: grant },
      });
      const json = synth(stack);
      const [identityKey] = Object.keys(json.resource.azurerm_user_assigned_identity);
      const registry = onlyResource(json, 'azurerm_container_registry');
      expect(registry.encryption).toEqual([{ key_vault_key_id: KEY_ID, identity_client_id: `\${azurerm_user_assigned_identity.${identityKey}.client_id}` }]);
      expect(registry.identity).toEqual({ type: 'UserAssigned', identity_ids: [`\${azurerm_user_assigned_identity.${identityKey}.id}`] });
      expect(registry.depends_on).toEqual([`azurerm_role_assignment.${grant.friendlyUniqueId}`]);
    });

    test('a retention period from a Terraform variable is left to Azure', () => {
      const stack = testStack();
      const days = new TerraformVariable(stack, 'days', { type: 'number' });
      new ContainerRegistry(stack, 'registry', { ...registryProps, untaggedRetentionDays: days.numberValue });
      expect(onlyResource(synth(stack), 'azurerm_container_registry').retention_policy_in_days).toBe('${var.days}');
    });
  });

  describe('validation', () => {
    test.each(['cr', 'cr-genai-test', 'CrGenai01', 'c'.repeat(51)])('refuses name %s', (name) => {
      expect(() => registryStack({ name })).toThrow(/registry: name: containerRegistry name/);
    });

    test.each([-1, 366, 1.5])('refuses untaggedRetentionDays %d', (untaggedRetentionDays) => {
      expect(() => registryStack({ untaggedRetentionDays })).toThrow(`untaggedRetentionDays must be a whole number of days from 0 to 365, got ${untaggedRetentionDays}`);
    });

    test('refuses a versioned customer-managed key id', () => {
      expect(() => registryStack({ customerManagedKey: { keyVaultKeyResourceId: `${KEY_ID}/0123456789abcdef`, identity: { resourceId: IDENTITY_ID, clientId: CLIENT_ID } } }))
        .toThrow(/customerManagedKey.keyVaultKeyResourceId must be a versionless key id/);
    });

    test('reports every problem at once', () => {
      expect(() => registryStack({ name: 'cr', untaggedRetentionDays: 400 }))
        .toThrow(/registry: name: containerRegistry name 'cr' is 2 characters.*; untaggedRetentionDays must be/);
    });
  });

  describe('grants', () => {
    test('grantPull assigns AcrPull on the registry to the identity and returns the assignment', () => {
      const stack = testStack();
      const registry = new ContainerRegistry(stack, 'registry', registryProps);
      const identity = new ManagedIdentity(stack, 'orchestrator', { name: 'id-genai-test-sdc-orch', location: 'swedencentral', resourceGroupName: 'rg', workload: 'orchestrator' });
      const assignment = registry.grantPull(identity);
      expect(assignment).toBeInstanceOf(RoleAssignment);
      const json = synth(stack);
      const [identityKey] = Object.keys(json.resource.azurerm_user_assigned_identity);
      const synthesized = json.resource.azurerm_role_assignment[assignment.friendlyUniqueId];
      expect(resourcesOf(json, 'azurerm_role_assignment')).toHaveLength(1);
      expect(synthesized.role_definition_name).toBe('AcrPull');
      expect(synthesized.scope).toBe(refOf(json, 'azurerm_container_registry'));
      expect(synthesized.principal_id).toBe(`\${azurerm_user_assigned_identity.${identityKey}.principal_id}`);
      expect(synthesized.principal_type).toBe('ServicePrincipal');
      expect(synthesized.description).toBe('AcrPull for orchestrator identity (platform grant)');
    });
  });
});

describe('ContainerAppsEnvironment', () => {
  describe('secure defaults', () => {
    test('injected into the subnet behind an internal load balancer, public network access disabled', () => {
      const environment = onlyResource(synth(environmentStack().stack), 'azurerm_container_app_environment');
      expect(environment.name).toBe('cae-genai-test-sdc');
      expect(environment.location).toBe('swedencentral');
      expect(environment.resource_group_name).toBe('rg-genai-test-sdc-apps');
      expect(environment.infrastructure_subnet_id).toBe(SUBNET_APPS);
      expect(environment.internal_load_balancer_enabled).toBe(true);
      expect(environment.public_network_access).toBe('Disabled');
    });

    test('zone redundant, peer traffic encrypted with mTLS', () => {
      const environment = onlyResource(synth(environmentStack().stack), 'azurerm_container_app_environment');
      expect(environment.zone_redundancy_enabled).toBe(true);
      expect(environment.mutual_tls_enabled).toBe(true);
    });

    test('a workload-profiles environment with only the Consumption profile', () => {
      const environment = onlyResource(synth(environmentStack().stack), 'azurerm_container_app_environment');
      expect(environment.workload_profile).toEqual([{ name: 'Consumption', workload_profile_type: 'Consumption' }]);
      expect(environment).not.toHaveProperty('infrastructure_resource_group_name');
    });

    test('logs go through Azure Monitor (no shared-key workspace link)', () => {
      const environment = onlyResource(synth(environmentStack().stack), 'azurerm_container_app_environment');
      expect(environment.logs_destination).toBe('azure-monitor');
      expect(environment).not.toHaveProperty('log_analytics_workspace_id');
    });
  });

  test('sends all logs and all metrics of the environment to the workspace it is given', () => {
    const json = synth(environmentStack().stack);
    const setting = onlyResource(json, 'azurerm_monitor_diagnostic_setting');
    expect(setting.target_resource_id).toBe(refOf(json, 'azurerm_container_app_environment'));
    expect(setting.log_analytics_workspace_id).toBe(WORKSPACE_ID);
    expect(setting.enabled_log).toEqual([{ category_group: 'allLogs' }]);
    expect(setting.enabled_metric).toEqual([{ category: 'AllMetrics' }]);
  });

  describe('private DNS for the default domain', () => {
    test('a private zone named after the default domain', () => {
      const json = synth(environmentStack().stack);
      const zone = onlyResource(json, 'azurerm_private_dns_zone');
      expect(zone.name).toBe(refOf(json, 'azurerm_container_app_environment', 'default_domain'));
      expect(zone.resource_group_name).toBe('rg-genai-test-sdc-apps');
    });

    test('a wildcard A record to the internal static IP', () => {
      const json = synth(environmentStack().stack);
      const record = onlyResource(json, 'azurerm_private_dns_a_record');
      expect(record.name).toBe('*');
      expect(record.zone_name).toBe(refOf(json, 'azurerm_private_dns_zone', 'name'));
      expect(record.resource_group_name).toBe('rg-genai-test-sdc-apps');
      expect(record.ttl).toBe(300);
      expect(record.records).toEqual([refOf(json, 'azurerm_container_app_environment', 'static_ip_address')]);
    });

    test('the zone is linked to the VNet without auto-registration', () => {
      const json = synth(environmentStack().stack);
      const link = onlyResource(json, 'azurerm_private_dns_zone_virtual_network_link');
      expect(link.name).toBe('link-cae-genai-test-sdc');
      expect(link.private_dns_zone_name).toBe(refOf(json, 'azurerm_private_dns_zone', 'name'));
      expect(link.virtual_network_id).toBe(VNET_ID);
      expect(link.registration_enabled).toBe(false);
      expect(link.resource_group_name).toBe('rg-genai-test-sdc-apps');
    });
  });

  test('exposes resourceId, name, defaultDomain, staticIpAddress and the DNS zone', () => {
    const { stack, environment } = environmentStack();
    output(stack, 'resource_id', environment.resourceId);
    output(stack, 'name', environment.name);
    output(stack, 'default_domain', environment.defaultDomain);
    output(stack, 'static_ip', environment.staticIpAddress);
    output(stack, 'zone', environment.privateDnsZoneResourceId);
    const json = synth(stack);
    expect(json.output?.resource_id.value).toBe(refOf(json, 'azurerm_container_app_environment'));
    expect(json.output?.name.value).toBe(refOf(json, 'azurerm_container_app_environment', 'name'));
    expect(json.output?.default_domain.value).toBe(refOf(json, 'azurerm_container_app_environment', 'default_domain'));
    expect(json.output?.static_ip.value).toBe(refOf(json, 'azurerm_container_app_environment', 'static_ip_address'));
    expect(json.output?.zone.value).toBe(refOf(json, 'azurerm_private_dns_zone'));
    expect(environment.zoneRedundancyEnabled).toBe(true);
    expect(environment.dedicatedWorkloadProfileName).toBeUndefined();
  });

  describe('options', () => {
    test('zoneRedundancyEnabled false', () => {
      const { stack, environment } = environmentStack({ zoneRedundancyEnabled: false });
      expect(onlyResource(synth(stack), 'azurerm_container_app_environment').zone_redundancy_enabled).toBe(false);
      expect(environment.zoneRedundancyEnabled).toBe(false);
    });

    test('mutualTlsEnabled false', () => {
      expect(onlyResource(synth(environmentStack({ mutualTlsEnabled: false }).stack), 'azurerm_container_app_environment').mutual_tls_enabled).toBe(false);
    });

    test("logsDestination 'log-analytics' links the workspace directly", () => {
      const environment = onlyResource(synth(environmentStack({ logsDestination: 'log-analytics' }).stack), 'azurerm_container_app_environment');
      expect(environment.logs_destination).toBe('log-analytics');
      expect(environment.log_analytics_workspace_id).toBe(WORKSPACE_ID);
    });

    test('a dedicated workload profile next to Consumption', () => {
      const { stack, environment } = environmentStack({ workloadProfile: { name: 'dedicated', type: 'D4', minimumCount: 1, maximumCount: 3 } });
      expect(onlyResource(synth(stack), 'azurerm_container_app_environment').workload_profile).toEqual([
        { name: 'Consumption', workload_profile_type: 'Consumption' },
        { name: 'dedicated', workload_profile_type: 'D4', minimum_count: 1, maximum_count: 3 },
      ]);
      expect(environment.dedicatedWorkloadProfileName).toBe('dedicated');
    });

    test('infrastructureResourceGroupName names the platform-managed resource group', () => {
      const environment = onlyResource(synth(environmentStack({ infrastructureResourceGroupName: 'rg-genai-test-sdc-cae' }).stack), 'azurerm_container_app_environment');
      expect(environment.infrastructure_resource_group_name).toBe('rg-genai-test-sdc-cae');
    });
  });

  describe('validation', () => {
    test.each(['c', 'Cae-genai', '1cae', 'cae-', 'c'.repeat(61)])('refuses name %s', (name) => {
      expect(() => environmentStack({ name })).toThrow(/environment: name: containerAppsEnvironment name/);
    });

    test('refuses a dedicated profile named Consumption, or with no name', () => {
      expect(() => environmentStack({ workloadProfile: { name: 'consumption', type: 'D4', minimumCount: 0, maximumCount: 1 } }))
        .toThrow(/workloadProfile.name must not be 'Consumption'/);
      expect(() => environmentStack({ workloadProfile: { name: ' ', type: 'D4', minimumCount: 0, maximumCount: 1 } }))
        .toThrow(/workloadProfile.name must not be empty/);
    });

    test('refuses unknown profile types (values from untyped config)', () => {
      expect(() => environmentStack({ workloadProfile: { name: 'dedicated', type: 'Consumption' as never, minimumCount: 0, maximumCount: 1 } }))
        .toThrow(/workloadProfile.type must be one of D4, D8, D16, D32, E4, E8, E16, E32, NC24-A100, NC48-A100, NC96-A100, got 'Consumption'/);
    });

    test.each([
      [-1, 3, /workloadProfile.minimumCount must be a whole number, at least 0, got -1/],
      [1.5, 3, /workloadProfile.minimumCount must be a whole number, at least 0, got 1.5/],
      [0, 0, /workloadProfile.maximumCount must be a whole number, at least 1, got 0/],
      [4, 3, /workloadProfile.maximumCount \(3\) must be at least minimumCount \(4\)/],
    ])('refuses minimumCount %d with maximumCount %d', (minimumCount, maximumCount, message) => {
      expect(() => environmentStack({ workloadProfile: { name: 'dedicated', type: 'E4', minimumCount, maximumCount } })).toThrow(message);
    });

    test('refuses an unknown logs destination', () => {
      expect(() => environmentStack({ logsDestination: 'none' as never })).toThrow(/logsDestination must be 'azure-monitor' or 'log-analytics', got 'none'/);
    });

    test('reports every problem at once', () => {
      expect(() => environmentStack({ name: 'X', workloadProfile: { name: 'Consumption', type: 'F4' as never, minimumCount: 2, maximumCount: 1 } }))
        .toThrow(/environment: name: .*; workloadProfile.name must not be .*; workloadProfile.type must be .*; workloadProfile.maximumCount \(1\) must be at least/);
    });
  });
});

describe('ContainerApp', () => {
  describe('secure defaults', () => {
    test('one active revision on the Consumption profile of the environment', () => {
      const app = onlyResource(synth(appStack().stack), 'azurerm_container_app');
      expect(app.name).toBe('ca-genai-test-sdc-orch');
      expect(app.resource_group_name).toBe('rg-genai-test-sdc-apps');
      expect(app.container_app_environment_id).toBe(ENVIRONMENT_ID);
      expect(app.revision_mode).toBe('Single');
      expect(app.workload_profile_name).toBe('Consumption');
    });

    test('runs as the user-assigned identity, which also pulls from the registry (no password)', () => {
      const app = onlyResource(synth(appStack().stack), 'azurerm_container_app');
      expect(app.identity).toEqual({ type: 'UserAssigned', identity_ids: [IDENTITY_ID] });
      expect(app.registry).toEqual([{ server: LOGIN_SERVER, identity: IDENTITY_ID }]);
      expect(app).not.toHaveProperty('secret');
    });

    test('internal HTTPS-only ingress, all traffic to the latest revision', () => {
      const app = onlyResource(synth(appStack().stack), 'azurerm_container_app');
      expect(app.ingress).toEqual({
        external_enabled: false,
        target_port: 8080,
        transport: 'auto',
        allow_insecure_connections: false,
        traffic_weight: [{ latest_revision: true, percentage: 100 }],
      });
    });

    test('1 to 10 replicas, scaled on 50 concurrent requests', () => {
      const app = onlyResource(synth(appStack().stack), 'azurerm_container_app');
      expect(app.template.min_replicas).toBe(1);
      expect(app.template.max_replicas).toBe(10);
      expect(app.template.http_scale_rule).toEqual([{ name: 'http-concurrency', concurrent_requests: '50' }]);
    });

    test('the image from the private registry, 0.5 vCPU and 1Gi', () => {
      const [container] = onlyResource(synth(appStack().stack), 'azurerm_container_app').template.container;
      expect(container.name).toBe('app');
      expect(container.image).toBe(`${LOGIN_SERVER}/orchestrator:1.4.2`);
      expect(container.cpu).toBe(0.5);
      expect(container.memory).toBe('1Gi');
    });

    test('the gateway URL as GATEWAY_URL and AZURE_OPENAI_ENDPOINT, and the identity as AZURE_CLIENT_ID', () => {
      const [container] = onlyResource(synth(appStack().stack), 'azurerm_container_app').template.container;
      expect(container.env).toEqual([
        { name: 'GATEWAY_URL', value: GATEWAY_URL },
        { name: 'AZURE_OPENAI_ENDPOINT', value: GATEWAY_URL },
        { name: 'AZURE_CLIENT_ID', value: CLIENT_ID },
      ]);
    });

    test('HTTP startup, readiness and liveness probes on the health path and target port', () => {
      const [container] = onlyResource(synth(appStack().stack), 'azurerm_container_app').template.container;
      const probe = { transport: 'HTTP', path: '/healthz', port: 8080, timeout: 3 };
      expect(container.startup_probe).toEqual([{ ...probe, interval_seconds: 5, failure_count_threshold: 24 }]);
      expect(container.readiness_probe).toEqual([{ ...probe, interval_seconds: 5, failure_count_threshold: 3 }]);
      expect(container.liveness_probe).toEqual([{ ...probe, interval_seconds: 10, failure_count_threshold: 3 }]);
    });

    test('no ordering without dependsOn', () => {
      expect(onlyResource(synth(appStack().stack), 'azurerm_container_app')).not.toHaveProperty('depends_on');
    });
  });

  test('production keeps 2 replicas by default', () => {
    expect(onlyResource(synth(appStack({ production: true }).stack), 'azurerm_container_app').template.min_replicas).toBe(2);
  });

  test('sends the platform metrics of the app (no logs: they belong to the environment) to the workspace', () => {
    const json = synth(appStack().stack);
    const setting = onlyResource(json, 'azurerm_monitor_diagnostic_setting');
    expect(setting.target_resource_id).toBe(refOf(json, 'azurerm_container_app'));
    expect(setting.log_analytics_workspace_id).toBe(WORKSPACE_ID);
    expect(setting).not.toHaveProperty('enabled_log');
    expect(setting.enabled_metric).toEqual([{ category: 'AllMetrics' }]);
  });

  test('exposes resourceId, name, fqdn and url as references to the app', () => {
    const { stack, app } = appStack();
    output(stack, 'resource_id', app.resourceId);
    output(stack, 'name', app.name);
    output(stack, 'fqdn', app.fqdn);
    output(stack, 'url', app.url);
    const json = synth(stack);
    expect(json.output?.resource_id.value).toBe(refOf(json, 'azurerm_container_app'));
    expect(json.output?.name.value).toBe(refOf(json, 'azurerm_container_app', 'name'));
    expect(json.output?.fqdn.value).toBe(refOf(json, 'azurerm_container_app', 'ingress[0].fqdn'));
    expect(json.output?.url.value).toBe(`https://${refOf(json, 'azurerm_container_app', 'ingress[0].fqdn')}`);
  });

  describe('secrets and environment variables', () => {
    test('secrets are Key Vault references read with the app identity, used through secretName', () => {
      const app = onlyResource(synth(appStack({
        secrets: [{ name: 'search-audience', keyVaultSecretId: SECRET_ID }],
        env: [{ name: 'SEARCH_AUDIENCE', secretName: 'search-audience' }, { name: 'LOG_LEVEL', value: 'info' }],
      }).stack), 'azurerm_container_app');
      expect(app.secret).toEqual([{ name: 'search-audience', key_vault_secret_id: SECRET_ID, identity: IDENTITY_ID }]);
      expect(app.template.container[0].env.slice(3)).toEqual([
        { name: 'SEARCH_AUDIENCE', secret_name: 'search-audience' },
        { name: 'LOG_LEVEL', value: 'info' },
      ]);
    });
  });

  test('dependsOn orders the app after its grants', () => {
    const stack = testStack();
    const registry = new ContainerRegistry(stack, 'registry', registryProps);
    const identity = new ManagedIdentity(stack, 'orchestrator', { name: 'id-orch', location: 'swedencentral', resourceGroupName: 'rg', workload: 'orchestrator' });
    const pull = registry.grantPull(identity);
    new ContainerApp(stack, 'app', { ...appProps, managedIdentity: identity, registryLoginServer: registry.loginServer, dependsOn: [pull] });
    const json = synth(stack);
    const app = onlyResource(json, 'azurerm_container_app');
    expect(app.depends_on).toEqual([`azurerm_role_assignment.${pull.friendlyUniqueId}`]);
    expect(app.template.container[0].image).toBe(`${refOf(json, 'azurerm_container_registry', 'login_server')}/orchestrator:1.4.2`);
    expect(app.registry).toEqual([{ server: refOf(json, 'azurerm_container_registry', 'login_server'), identity: refOf(json, 'azurerm_user_assigned_identity') }]);
  });

  test('the registry exposes its private endpoint (with the DNS zone group) for the app to wait on', () => {
    const stack = testStack();
    const registry = new ContainerRegistry(stack, 'registry', registryProps);
    const identity = new ManagedIdentity(stack, 'orchestrator', { name: 'id-orch', location: 'swedencentral', resourceGroupName: 'rg', workload: 'orchestrator' });
    new ContainerApp(stack, 'app', { ...appProps, managedIdentity: identity, registryLoginServer: registry.loginServer, dependsOn: [registry.grantPull(identity), registry.privateEndpoint] });
    const json = synth(stack);
    const [endpointId] = Object.keys(json.resource.azurerm_private_endpoint);
    expect(json.resource.azurerm_private_endpoint[endpointId].private_dns_zone_group).toBeDefined();
    expect(onlyResource(json, 'azurerm_container_app').depends_on).toContain(`azurerm_private_endpoint.${endpointId}`);
  });

  test('GAI-ACA-015 flags an app that waits only for its pull grant (the old ordering)', () => {
    const stack = testStack();
    const registry = new ContainerRegistry(stack, 'registry', registryProps);
    const identity = new ManagedIdentity(stack, 'orchestrator', { name: 'id-orch', location: 'swedencentral', resourceGroupName: 'rg', workload: 'orchestrator' });
    new ContainerApp(stack, 'app', { ...appProps, managedIdentity: identity, registryLoginServer: registry.loginServer, dependsOn: [registry.grantPull(identity)] });
    const findings = review([parsePlan(synth(stack), 'test')], { production: false }).findings.filter((f) => f.ruleId === 'GAI-ACA-015' && f.status === 'fail');
    expect(findings).toHaveLength(1);
  });

  describe('options', () => {
    test('size, port, health path, replicas and scale threshold', () => {
      const app = onlyResource(synth(appStack({
        cpu: 1.25, memory: '2.5Gi', targetPort: 3000, healthPath: '/health/live', minReplicas: 3, maxReplicas: 300, concurrentRequests: 20,
      }).stack), 'azurerm_container_app');
      const [container] = app.template.container;
      expect(container.cpu).toBe(1.25);
      expect(container.memory).toBe('2.5Gi');
      expect(app.ingress.target_port).toBe(3000);
      expect(container.liveness_probe[0]).toMatchObject({ path: '/health/live', port: 3000 });
      expect(container.readiness_probe[0]).toMatchObject({ path: '/health/live', port: 3000 });
      expect(container.startup_probe[0]).toMatchObject({ path: '/health/live', port: 3000 });
      expect(app.template.min_replicas).toBe(3);
      expect(app.template.max_replicas).toBe(300);
      expect(app.template.http_scale_rule[0].concurrent_requests).toBe('20');
    });

    test('scale to zero outside production', () => {
      expect(onlyResource(synth(appStack({ minReplicas: 0 }).stack), 'azurerm_container_app').template.min_replicas).toBe(0);
    });

    test('a dedicated workload profile allows other CPU/memory ratios', () => {
      const app = onlyResource(synth(appStack({ workloadProfileName: 'dedicated', cpu: 3, memory: '12Gi' }).stack), 'azurerm_container_app');
      expect(app.workload_profile_name).toBe('dedicated');
      expect(app.template.container[0]).toMatchObject({ cpu: 3, memory: '12Gi' });
    });

    test('an image pinned by digest, in a nested repository', () => {
      const app = onlyResource(synth(appStack({ image: `genai/orchestrator@${DIGEST}` }).stack), 'azurerm_container_app');
      expect(app.template.container[0].image).toBe(`${LOGIN_SERVER}/genai/orchestrator@${DIGEST}`);
    });

    test('values from Terraform variables are left to Azure', () => {
      const stack = testStack();
      const image = new TerraformVariable(stack, 'image', { type: 'string' });
      const min = new TerraformVariable(stack, 'min', { type: 'number' });
      const max = new TerraformVariable(stack, 'max', { type: 'number' });
      const gateway = new TerraformVariable(stack, 'gateway', { type: 'string' });
      new ContainerApp(stack, 'app', { ...appProps, image: image.stringValue, minReplicas: min.numberValue, maxReplicas: max.numberValue, gatewayUrl: gateway.stringValue, production: true });
      const app = onlyResource(synth(stack), 'azurerm_container_app');
      expect(app.template.container[0].image).toBe(`${LOGIN_SERVER}/\${var.image}`);
      expect(app.template.min_replicas).toBe('${var.min}');
      expect(app.template.max_replicas).toBe('${var.max}');
      expect(app.template.container[0].env[0]).toEqual({ name: 'GATEWAY_URL', value: '${var.gateway}' });
    });
  });

  describe('validation', () => {
    test.each(['orchestrator:latest', 'orchestrator:Stable', 'orchestrator'])('refuses the unpinned image %s', (image) => {
      expect(() => appStack({ image })).toThrow(/app: image '.*' (uses the moving tag|has no tag or digest)/);
    });

    test.each([`${LOGIN_SERVER}/orchestrator:1.4.2`, 'docker.io/library/nginx:1.27', 'localhost:5000/orchestrator:1.0'])('refuses the registry host in image %s', (image) => {
      expect(() => appStack({ image })).toThrow(/image must be a repository of the platform registry without its host/);
    });

    test.each(['Orchestrator:1.0', 'orchestrator:1.0@sha256:abc', 'orchestrator@sha256:' + 'A'.repeat(64), ''])('refuses the malformed image %s', (image) => {
      expect(() => appStack({ image })).toThrow(/image must be <repository>:<tag> or <repository>@sha256:<digest>/);
    });

    test.each([
      'https://ais-genai-test-sdc.openai.azure.com',
      'https://ais-genai-test-sdc.cognitiveservices.azure.com/',
      'https://ais-genai-test-sdc.services.ai.azure.com/models',
      'https://ais-genai-test-sdc.OpenAI.Azure.com:443',
    ])('refuses the model endpoint %s as gatewayUrl (GAI-GEN-011)', (gatewayUrl) => {
      expect(() => appStack({ gatewayUrl })).toThrow(/gatewayUrl '.*' is a model endpoint; the app must reach models only through the AI gateway \(GAI-GEN-011\)/);
    });

    test('refuses a model endpoint around a token', () => {
      const stack = testStack();
      const account = new TerraformVariable(stack, 'account', { type: 'string' });
      expect(() => new ContainerApp(stack, 'app', { ...appProps, gatewayUrl: `https://${account.stringValue}.openai.azure.com` })).toThrow(/is a model endpoint/);
    });

    test.each(['http://apim.azure-api.net', 'apim.azure-api.net', ''])('refuses the non-https gatewayUrl %s', (gatewayUrl) => {
      expect(() => appStack({ gatewayUrl })).toThrow(/gatewayUrl must be an https:\/\/ URL/);
    });

    test.each([
      [{ minReplicas: -1 }, /minReplicas must be a whole number from 0 to 300, got -1/],
      [{ minReplicas: 1.5 }, /minReplicas must be a whole number from 0 to 300, got 1.5/],
      [{ maxReplicas: 0 }, /maxReplicas must be a whole number from 1 to 300, got 0/],
      [{ maxReplicas: 301 }, /maxReplicas must be a whole number from 1 to 300, got 301/],
      [{ minReplicas: 5, maxReplicas: 4 }, /maxReplicas \(4\) must be at least minReplicas \(5\)/],
      [{ production: true, minReplicas: 1 }, /minReplicas must be at least 2 in production .*, got 1/],
      [{ production: true, minReplicas: 0 }, /minReplicas must be at least 2 in production/],
    ] as const)('refuses replicas %j', (overrides, message) => {
      expect(() => appStack(overrides)).toThrow(message);
    });

    test.each([
      [{ cpu: 0 }, /cpu must be a positive number of vCPUs, got 0/],
      [{ cpu: 0.3, memory: '0.6Gi' }, /cpu must be 0.25-4 in steps of 0.25 on the Consumption profile, got 0.3/],
      [{ cpu: 8, memory: '16Gi' }, /cpu must be 0.25-4 in steps of 0.25 on the Consumption profile, got 8/],
      [{ cpu: 1, memory: '4Gi' }, /memory must be 2Gi for 1 vCPU on the Consumption profile \(2 GiB per vCPU\), got '4Gi'/],
      [{ memory: '1G' }, /memory must be like 1Gi or 0.5Gi, got '1G'/],
    ] as const)('refuses resources %j', (overrides, message) => {
      expect(() => appStack(overrides)).toThrow(message);
    });

    test('refuses bad ports, health paths and scale thresholds', () => {
      expect(() => appStack({ targetPort: 0 })).toThrow(/targetPort must be a whole number from 1 to 65535, got 0/);
      expect(() => appStack({ targetPort: 70000 })).toThrow(/targetPort must be a whole number from 1 to 65535, got 70000/);
      expect(() => appStack({ healthPath: 'healthz' })).toThrow(/healthPath must be an absolute path, e.g. \/healthz, got 'healthz'/);
      expect(() => appStack({ concurrentRequests: 0 })).toThrow(/concurrentRequests must be a whole number, at least 1, got 0/);
    });

    test.each(['app_name', 'c', 'Ca-orch', 'ca--orch', 'c'.repeat(33)])('refuses name %s', (name) => {
      expect(() => appStack({ name })).toThrow(/app: name: containerApp name/);
    });

    test('refuses invalid, duplicate and non-Key-Vault secrets', () => {
      expect(() => appStack({ secrets: [{ name: 'Search_Key', keyVaultSecretId: SECRET_ID }] })).toThrow(/secrets\[0\].name must be lowercase letters, digits, '-' or '.'/);
      expect(() => appStack({ secrets: [{ name: 'a', keyVaultSecretId: SECRET_ID }, { name: 'a', keyVaultSecretId: SECRET_ID }] })).toThrow(/secrets\[1\].name 'a' is used more than once/);
      expect(() => appStack({ secrets: [{ name: 'a', keyVaultSecretId: 'https://kv.vault.azure.net/keys/k' }] })).toThrow(/secrets\[0\].keyVaultSecretId must be a Key Vault secret id/);
    });

    test('refuses environment variables that name an undeclared secret, or have both or neither value and secretName', () => {
      expect(() => appStack({ env: [{ name: 'X', secretName: 'missing' }] })).toThrow(/env\[0\] \(X\) refers to secret 'missing', which is not in secrets/);
      expect(() => appStack({ env: [{ name: 'X', value: 'a', secretName: 'b' } as never] })).toThrow(/env\[0\] \(X\) must have either value or secretName/);
      expect(() => appStack({ env: [{ name: 'X' } as never] })).toThrow(/env\[0\] \(X\) must have either value or secretName/);
    });

    test.each(['GATEWAY_URL', 'AZURE_OPENAI_ENDPOINT', 'azure_client_id'])('refuses the construct-owned variable %s', (name) => {
      expect(() => appStack({ env: [{ name, value: 'x' }] })).toThrow(`env[0].name '${name}' is set by the construct`);
    });

    test('refuses duplicate and malformed variable names', () => {
      expect(() => appStack({ env: [{ name: 'A', value: '1' }, { name: 'A', value: '2' }] })).toThrow(/env\[1\].name 'A' is used more than once/);
      expect(() => appStack({ env: [{ name: 'A=B', value: '1' }] })).toThrow(/env\[0\].name must be non-empty, without '=' or spaces/);
    });

    test('refuses a model endpoint in any variable (GAI-GEN-011)', () => {
      expect(() => appStack({ env: [{ name: 'OPENAI_BASE', value: 'https://ais.openai.azure.com/openai' }] }))
        .toThrow(/env\[0\] \(OPENAI_BASE\) is a model endpoint; the app must reach models only through the AI gateway/);
    });

    test.each(['OPENAI_API_KEY', 'DB_PASSWORD', 'STORAGE_CONNECTION_STRING', 'client.secret', 'TOKEN'])('refuses the literal credential %s', (name) => {
      expect(() => appStack({ env: [{ name, value: 'x' }] })).toThrow(`(${name}) looks like a credential; declare it in secrets (a Key Vault reference) and use secretName`);
    });

    test('reports every problem at once', () => {
      expect(() => appStack({ name: 'X', image: 'orchestrator:latest', gatewayUrl: 'https://a.openai.azure.com', minReplicas: 3, maxReplicas: 2, cpu: 1, memory: '1Gi' }))
        .toThrow(/app: name: .*; image .*; gatewayUrl .*; maxReplicas \(2\) must be at least minReplicas \(3\); memory must be 2Gi/);
    });
  });
});

describe('policy review of the orchestrator layer', () => {
  /**
   * The registry, the environment and the orchestrator app in a network (the Network construct: VNet,
   * delegated apps subnet, private endpoint subnet, privatelink zones linked to the VNet), with an in-plan
   * workspace (itself diagnosed), the app identity granted AcrPull and Key Vault Secrets User through
   * `dependsOn`, reviewed as production.
   */
  function reviewed() {
    const stack = testStack();
    const workspace = new LogAnalyticsWorkspace(stack, 'workspace', {
      name: 'log-genai-test-sdc', location: 'swedencentral', resourceGroupName: 'rg', sku: 'PerGB2018', retentionInDays: 90, localAuthenticationEnabled: false,
    });
    const diagnostics = { logAnalyticsWorkspaceResourceId: workspace.id };
    new DiagnosticSetting(stack, 'workspace-diagnostics', { ...diagnostics, targetResourceId: workspace.id });
    const network = new Network(stack, 'network', {
      naming: testNaming(),
      location: 'swedencentral',
      resourceGroupName: 'rg',
      addressSpace: '10.40.0.0/21',
      subnets: { apim: '10.40.0.0/27', apps: '10.40.2.0/23', privateEndpoints: '10.40.1.0/24' },
      diagnostics,
    });
    const identity = new ManagedIdentity(stack, 'orchestrator', { name: 'id-genai-test-sdc-orch', location: 'swedencentral', resourceGroupName: 'rg', workload: 'orchestrator' });
    const registry = new ContainerRegistry(stack, 'registry', {
      ...registryProps,
      privateEndpoint: {
        name: 'pe-genai-test-sdc-cr',
        subnetResourceId: network.subnetResourceIds.privateEndpoints,
        privateDnsZoneResourceIds: network.privateDnsZoneResourceIds(['containerRegistry']),
      },
      diagnostics,
    });
    const environment = new ContainerAppsEnvironment(stack, 'environment', {
      ...environmentProps,
      infrastructureSubnetResourceId: network.subnetResourceIds.apps,
      virtualNetworkResourceId: network.virtualNetworkResourceId,
      workloadProfile: { name: 'dedicated', type: 'D4', minimumCount: 3, maximumCount: 6 },
      diagnostics,
    });
    new ContainerApp(stack, 'app', {
      ...appProps,
      environmentResourceId: environment.resourceId,
      managedIdentity: identity,
      registryLoginServer: registry.loginServer,
      image: `orchestrator@${DIGEST}`,
      production: true,
      // Zone redundant in production: one replica per zone (GAI-ACA-010).
      minReplicas: 3,
      secrets: [{ name: 'search-audience', keyVaultSecretId: SECRET_ID }],
      env: [{ name: 'SEARCH_AUDIENCE', secretName: 'search-audience' }, { name: 'LOG_LEVEL', value: 'info' }],
      dependsOn: [registry.grantPull(identity), registry.privateEndpoint, network.privateDnsZoneLink('containerRegistry')!],
      diagnostics,
    });
    return review([parsePlan(synth(stack), 'test')], { production: true }).findings;
  }
  const failing = (findings: ReturnType<typeof reviewed>, area: RegExp) => findings
    .filter((f) => f.status === 'fail' && (f.severity === 'error' || f.severity === 'warning') && area.test(f.ruleId))
    .map((f) => `${f.ruleId} ${f.address}: ${f.message}`);

  test('no Container Apps rule (GAI-ACA-*) fails with an error or a warning', () => {
    expect(failing(reviewed(), /^GAI-ACA-/)).toEqual([]);
  });

  test('the private endpoint, monitoring, gateway-bypass, identity and network rules pass too', () => {
    // A container app has no resource log categories of its own (its logs belong to the environment), so
    // its metrics-only diagnostic setting is complete for GAI-MON-001.
    expect(failing(reviewed(), /^GAI-(PE|MON|GEN|IAM|NET)-/)).toEqual([]);
  });
});

import { TerraformOutput, TerraformStack, TerraformVariable } from 'cdktf';
import { DiagnosticSetting, Monitoring, MonitoringProps } from '../../constructs/monitoring';
import { Naming } from '../../constructs/naming';
import { SynthJson, diagnosticsFor, onlyResource, refOf, resourcesOf, synth, testNaming, testStack } from '../helpers';
import { expectEndpointLocked, lockOn } from './locks';

const baseProps = (): MonitoringProps => ({
  naming: testNaming(),
  location: 'swedencentral',
  resourceGroupName: 'rg-mon',
  alertEmails: ['oncall@example.com'],
});

const WORKSPACE_REF = /^\$\{azurerm_log_analytics_workspace\..*\.id\}$/;
const APP_INSIGHTS_REF = /^\$\{azurerm_application_insights\..*\.id\}$/;
const SCOPE_REF = /^\$\{azurerm_monitor_private_link_scope\..*\.id\}$/;

const ampls = {
  subnetResourceId: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet/subnets/pe',
  privateDnsZoneResourceIds: ['/zones/privatelink.monitor.azure.com', '/zones/privatelink.oms.opinsights.azure.com', '/zones/privatelink.blob.core.windows.net'],
};

function monitoring(overrides: Partial<MonitoringProps> = {}, withPrivateLinkScope = false): { stack: TerraformStack; construct: Monitoring; json: SynthJson } {
  const stack = testStack();
  const construct = new Monitoring(stack, 'monitoring', { ...baseProps(), ...overrides });
  if (withPrivateLinkScope) construct.addPrivateLinkScope(ampls);
  return { stack, construct, json: synth(stack) };
}

describe('Monitoring', () => {
  describe('Log Analytics workspace', () => {
    test('is pay-as-you-go, Entra-only, with a CAF name', () => {
      const workspace = onlyResource(monitoring().json, 'azurerm_log_analytics_workspace');
      expect(workspace).toMatchObject({
        name: 'log-genai-test-sdc',
        location: 'swedencentral',
        resource_group_name: 'rg-mon',
        sku: 'PerGB2018',
        local_authentication_enabled: false,
      });
    });

    test('keeps data 90 days and has no daily cap by default', () => {
      const workspace = onlyResource(monitoring().json, 'azurerm_log_analytics_workspace');
      expect(workspace.retention_in_days).toBe(90);
      expect(workspace).not.toHaveProperty('daily_quota_gb');
    });

    test('uses the retention it is given, at both ends of the allowed range', () => {
      expect(onlyResource(monitoring({ retentionDays: 30 }).json, 'azurerm_log_analytics_workspace').retention_in_days).toBe(30);
      expect(onlyResource(monitoring({ retentionDays: 730 }).json, 'azurerm_log_analytics_workspace').retention_in_days).toBe(730);
    });

    test('caps daily ingestion when asked', () => {
      expect(onlyResource(monitoring({ dailyQuotaGb: 5 }).json, 'azurerm_log_analytics_workspace').daily_quota_gb).toBe(5);
    });

    test('is reachable from public networks without a private link scope', () => {
      const workspace = onlyResource(monitoring().json, 'azurerm_log_analytics_workspace');
      expect(workspace.internet_ingestion_enabled).toBe(true);
      expect(workspace.internet_query_enabled).toBe(true);
    });

    test('exposes its id and the diagnostics option pointing at it', () => {
      const stack = testStack();
      const construct = new Monitoring(stack, 'monitoring', baseProps());
      new TerraformOutput(stack, 'workspace_id', { value: construct.workspaceResourceId });
      new TerraformOutput(stack, 'workspace_name', { value: construct.workspaceName });
      new TerraformOutput(stack, 'diagnostics_workspace', { value: construct.diagnostics.logAnalyticsWorkspaceResourceId });
      const json = synth(stack);
      expect(json.output?.workspace_id.value).toBe(refOf(json, 'azurerm_log_analytics_workspace', 'id'));
      expect(json.output?.workspace_name.value).toBe(refOf(json, 'azurerm_log_analytics_workspace', 'name'));
      expect(json.output?.diagnostics_workspace.value).toBe(refOf(json, 'azurerm_log_analytics_workspace', 'id'));
    });
  });

  describe('Application Insights', () => {
    test('is workspace-based on the platform workspace', () => {
      const appInsights = onlyResource(monitoring().json, 'azurerm_application_insights');
      expect(appInsights).toMatchObject({ name: 'appi-genai-test-sdc', application_type: 'web', resource_group_name: 'rg-mon' });
      expect(appInsights.workspace_id).toEqual(expect.stringMatching(WORKSPACE_REF));
    });

    test('accepts Entra-authenticated telemetry only and keeps IP masking on', () => {
      const appInsights = onlyResource(monitoring().json, 'azurerm_application_insights');
      expect(appInsights.local_authentication_disabled).toBe(true);
      expect(appInsights.disable_ip_masking).toBe(false);
    });

    test('is reachable from public networks without a private link scope', () => {
      const appInsights = onlyResource(monitoring().json, 'azurerm_application_insights');
      expect(appInsights.internet_ingestion_enabled).toBe(true);
      expect(appInsights.internet_query_enabled).toBe(true);
    });
  });

  describe('action group', () => {
    test('emails every address with the common alert schema', () => {
      const group = onlyResource(monitoring({ alertEmails: ['a@example.com', 'b@example.com'] }).json, 'azurerm_monitor_action_group');
      expect(group.name).toBe('ag-genai-test-sdc');
      expect(group.resource_group_name).toBe('rg-mon');
      expect(group.email_receiver).toEqual([
        { name: 'email-1', email_address: 'a@example.com', use_common_alert_schema: true },
        { name: 'email-2', email_address: 'b@example.com', use_common_alert_schema: true },
      ]);
    });

    test('has a short name of workload and environment', () => {
      expect(onlyResource(monitoring().json, 'azurerm_monitor_action_group').short_name).toBe('genaitest');
    });

    test('truncates the short name to 12 characters', () => {
      const naming = new Naming({ workload: 'genaiplatform', environment: 'staging', location: 'swedencentral' });
      const shortName: string = onlyResource(monitoring({ naming }).json, 'azurerm_monitor_action_group').short_name;
      expect(shortName).toBe('genaiplatfor');
      expect(shortName.length).toBeLessThanOrEqual(12);
    });
  });

  describe('diagnostic settings', () => {
    test('sends the workspace\'s own logs and metrics to itself', () => {
      const { json } = monitoring();
      const workspaceId = refOf(json, 'azurerm_log_analytics_workspace', 'id');
      expect(diagnosticsFor(json, workspaceId)).toMatchObject({
        log_analytics_workspace_id: workspaceId,
        enabled_log: [{ category_group: 'allLogs' }],
        enabled_metric: [{ category: 'AllMetrics' }],
      });
    });

    test('sends Application Insights logs and metrics to the workspace', () => {
      const { json } = monitoring();
      expect(diagnosticsFor(json, refOf(json, 'azurerm_application_insights', 'id'))).toMatchObject({
        log_analytics_workspace_id: refOf(json, 'azurerm_log_analytics_workspace', 'id'),
        enabled_log: [{ category_group: 'allLogs' }],
        enabled_metric: [{ category: 'AllMetrics' }],
      });
    });
  });

  describe('protection', () => {
    test('locks the workspace against deletion and prevents its destroy by default', () => {
      const { json } = monitoring();
      expect(onlyResource(json, 'azurerm_log_analytics_workspace').lifecycle).toEqual({ prevent_destroy: true });
      const lock = onlyResource(json, 'azurerm_management_lock');
      expect(lock.lock_level).toBe('CanNotDelete');
      expect(lock.scope).toBe(refOf(json, 'azurerm_log_analytics_workspace', 'id'));
      expect(lock.name).toBe('lock-log-genai-test-sdc');
    });

    test('protects nothing with lock none and preventDestroy false', () => {
      const { json } = monitoring({ lock: 'none', preventDestroy: false });
      expect(resourcesOf(json, 'azurerm_management_lock')).toEqual([]);
      expect(onlyResource(json, 'azurerm_log_analytics_workspace')).not.toHaveProperty('lifecycle');
    });

    test('locks the private link scope endpoint, the workspace\'s only way in, with the workspace', () => {
      const { json } = monitoring({}, true);
      expect(resourcesOf(json, 'azurerm_management_lock')).toHaveLength(2);
      lockOn(json, refOf(json, 'azurerm_log_analytics_workspace', 'id'));
      expectEndpointLocked(json, 'pe-genai-test-sdc-ampls');
    });

    test('leaves the private link scope endpoint unlocked when the workspace is', () => {
      const { json } = monitoring({ lock: 'none' }, true);
      expect(resourcesOf(json, 'azurerm_private_endpoint')).toHaveLength(1);
      expect(resourcesOf(json, 'azurerm_management_lock')).toEqual([]);
    });

    test('switches the lock and prevent-destroy independently', () => {
      const lockOnly = monitoring({ preventDestroy: false }).json;
      expect(resourcesOf(lockOnly, 'azurerm_management_lock')).toHaveLength(1);
      expect(onlyResource(lockOnly, 'azurerm_log_analytics_workspace')).not.toHaveProperty('lifecycle');
      const preventOnly = monitoring({ lock: 'none' }).json;
      expect(resourcesOf(preventOnly, 'azurerm_management_lock')).toEqual([]);
      expect(onlyResource(preventOnly, 'azurerm_log_analytics_workspace').lifecycle).toEqual({ prevent_destroy: true });
    });
  });

  describe('validation', () => {
    test.each([29, 731, 0])('refuses a retention of %d days', (retentionDays) => {
      expect(() => monitoring({ retentionDays })).toThrow(new RegExp(`retentionDays must be 30-730, got ${retentionDays}`));
    });

    test('refuses an action group without an address', () => {
      expect(() => monitoring({ alertEmails: [] })).toThrow(/alertEmails must list at least one address/);
    });

    test('reports every problem at once, with the construct path', () => {
      expect(() => monitoring({ retentionDays: 10, alertEmails: [] }))
        .toThrow(/^test\/monitoring: retentionDays must be 30-730, got 10; alertEmails must list at least one address$/);
    });

    test('does not judge a retention that is only known at apply time', () => {
      const stack = testStack();
      const retention = new TerraformVariable(stack, 'retention', { type: 'number' });
      new Monitoring(stack, 'monitoring', { ...baseProps(), retentionDays: retention.numberValue });
      expect(onlyResource(synth(stack), 'azurerm_log_analytics_workspace').retention_in_days).toBe('${var.retention}');
    });
  });

  describe('addPrivateLinkScope', () => {
    test('creates a private-only Azure Monitor Private Link Scope', () => {
      const scope = onlyResource(monitoring({}, true).json, 'azurerm_monitor_private_link_scope');
      expect(scope).toEqual({
        name: 'ampls-genai-test-sdc',
        resource_group_name: 'rg-mon',
        ingestion_access_mode: 'PrivateOnly',
        query_access_mode: 'PrivateOnly',
      });
    });

    test('scopes the workspace and Application Insights', () => {
      const { json } = monitoring({}, true);
      const scoped = resourcesOf(json, 'azurerm_monitor_private_link_scoped_service');
      expect(scoped).toHaveLength(2);
      const scopeName = refOf(json, 'azurerm_monitor_private_link_scope', 'name');
      expect(scoped.every((s) => s.scope_name === scopeName && s.resource_group_name === 'rg-mon')).toBe(true);
      expect(scoped.map((s) => s.linked_resource_id)).toEqual(expect.arrayContaining([
        expect.stringMatching(WORKSPACE_REF),
        expect.stringMatching(APP_INSIGHTS_REF),
      ]));
      expect(new Set(scoped.map((s) => s.name)).size).toBe(2);
    });

    test('reaches the scope through a private endpoint in the given subnet and zones', () => {
      const endpoint = onlyResource(monitoring({}, true).json, 'azurerm_private_endpoint');
      expect(endpoint.name).toBe('pe-genai-test-sdc-ampls');
      expect(endpoint.location).toBe('swedencentral');
      expect(endpoint.resource_group_name).toBe('rg-mon');
      expect(endpoint.subnet_id).toBe(ampls.subnetResourceId);
      expect(endpoint.private_service_connection).toMatchObject({
        private_connection_resource_id: expect.stringMatching(SCOPE_REF),
        subresource_names: ['azuremonitor'],
        is_manual_connection: false,
      });
      expect(endpoint.private_dns_zone_group.private_dns_zone_ids).toEqual(ampls.privateDnsZoneResourceIds);
    });

    test('turns public ingestion and query off on the workspace and Application Insights', () => {
      const { json } = monitoring({}, true);
      for (const type of ['azurerm_log_analytics_workspace', 'azurerm_application_insights']) {
        const resource = onlyResource(json, type);
        expect(resource.internet_ingestion_enabled).toBe(false);
        expect(resource.internet_query_enabled).toBe(false);
      }
    });

    test('creates nothing of the kind when not called', () => {
      const { json } = monitoring();
      expect(resourcesOf(json, 'azurerm_monitor_private_link_scope')).toEqual([]);
      expect(resourcesOf(json, 'azurerm_monitor_private_link_scoped_service')).toEqual([]);
      expect(resourcesOf(json, 'azurerm_private_endpoint')).toEqual([]);
    });

    test('refuses to be called twice', () => {
      const stack = testStack();
      const construct = new Monitoring(stack, 'monitoring', baseProps());
      construct.addPrivateLinkScope(ampls);
      expect(() => construct.addPrivateLinkScope(ampls)).toThrow(/the private link scope already exists/);
    });

    test('refuses an endpoint without DNS zones', () => {
      const stack = testStack();
      const construct = new Monitoring(stack, 'monitoring', baseProps());
      expect(() => construct.addPrivateLinkScope({ ...ampls, privateDnsZoneResourceIds: [] })).toThrow(/needs at least one private DNS zone/);
    });
  });
});

describe('DiagnosticSetting', () => {
  const target = '/subscriptions/x/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv';
  const workspace = '/subscriptions/x/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/log';

  function setting(props: { logs?: boolean; metrics?: boolean } = {}): Record<string, any> {
    const stack = testStack();
    new DiagnosticSetting(stack, 'diag', { targetResourceId: target, logAnalyticsWorkspaceResourceId: workspace, ...props });
    return onlyResource(synth(stack), 'azurerm_monitor_diagnostic_setting');
  }

  test('sends all logs and all metrics of the target to the workspace by default', () => {
    expect(setting()).toEqual({
      name: 'diag-to-platform-workspace',
      target_resource_id: target,
      log_analytics_workspace_id: workspace,
      enabled_log: [{ category_group: 'allLogs' }],
      enabled_metric: [{ category: 'AllMetrics' }],
    });
  });

  test('leaves metrics out for a type without metrics', () => {
    const withoutMetrics = setting({ metrics: false });
    expect(withoutMetrics.enabled_log).toEqual([{ category_group: 'allLogs' }]);
    expect(withoutMetrics).not.toHaveProperty('enabled_metric');
  });

  test('leaves logs out for a type without logs', () => {
    const withoutLogs = setting({ logs: false });
    expect(withoutLogs.enabled_metric).toEqual([{ category: 'AllMetrics' }]);
    expect(withoutLogs).not.toHaveProperty('enabled_log');
  });

  test('refuses a setting with neither logs nor metrics', () => {
    expect(() => setting({ logs: false, metrics: false })).toThrow(/a diagnostic setting needs logs, metrics or both/);
  });

  test('exposes its resource id', () => {
    const stack = testStack();
    const diag = new DiagnosticSetting(stack, 'diag', { targetResourceId: target, logAnalyticsWorkspaceResourceId: workspace });
    new TerraformOutput(stack, 'id', { value: diag.resourceId });
    expect(synth(stack).output?.id.value).toMatch(/^\$\{azurerm_monitor_diagnostic_setting\..*\.id\}$/);
  });
});

describe('DiagnosticSetting resource-specific tables', () => {
  test('writes to dedicated tables only when asked', () => {
    const stack = testStack();
    new DiagnosticSetting(stack, 'plain', { logAnalyticsWorkspaceResourceId: '/ws', targetResourceId: '/a' });
    new DiagnosticSetting(stack, 'dedicated', { logAnalyticsWorkspaceResourceId: '/ws', targetResourceId: '/b', dedicatedTables: true });
    const byTarget = Object.fromEntries(resourcesOf(synth(stack), 'azurerm_monitor_diagnostic_setting').map((s: any) => [s.target_resource_id, s]));
    expect(byTarget['/a'].log_analytics_destination_type).toBeUndefined();
    expect(byTarget['/b'].log_analytics_destination_type).toBe('Dedicated');
  });
});

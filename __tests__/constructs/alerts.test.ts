import { TerraformStack, TerraformVariable } from 'cdktf';
import { ApiManagement } from '@cdktf/provider-azurerm/lib/api-management';
import { ContainerApp } from '@cdktf/provider-azurerm/lib/container-app';
import { KeyVault } from '@cdktf/provider-azurerm/lib/key-vault';
import { MonitorActionGroup } from '@cdktf/provider-azurerm/lib/monitor-action-group';
import { PlatformAlerts, PlatformAlertsProps } from '../../constructs/monitoring/alerts';
import { review } from '../../policy/engine';
import { parsePlan } from '../../policy/plan';
import { SynthJson, resourcesOf, synth, testStack } from '../helpers';

const SUB = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups';
const ACTION_GROUP = `${SUB}/rg-mon/providers/Microsoft.Insights/actionGroups/ag-genai-test`;
const APIM = `${SUB}/rg-app/providers/Microsoft.ApiManagement/service/apim-genai-test`;
const APP = `${SUB}/rg-app/providers/Microsoft.App/containerApps/ca-genai-test-orch`;
const VAULT = `${SUB}/rg-sec/providers/Microsoft.KeyVault/vaults/kv-genai-test`;
const MODELS = `${SUB}/rg-ai/providers/Microsoft.CognitiveServices/accounts/ais-genai-test`;

const baseProps: PlatformAlertsProps = { resourceGroupName: 'rg-mon', actionGroupResourceId: ACTION_GROUP, namePrefix: 'genai-test' };
const allTargets: Partial<PlatformAlertsProps> = {
  apiManagementResourceId: APIM,
  containerAppResourceIds: { orchestrator: APP },
  keyVaultResourceId: VAULT,
  spillover: { modelAccountResourceId: MODELS, ptuDeploymentNames: ['gpt-4.1-ptu'], spilloverDeploymentNames: ['gpt-4.1'] },
};

function alerts(overrides: Partial<PlatformAlertsProps> = {}): { construct: PlatformAlerts; json: SynthJson } {
  const stack = testStack();
  const construct = new PlatformAlerts(stack, 'alerts', { ...baseProps, ...overrides });
  return { construct, json: synth(stack) };
}

/** The alert whose name ends with `-<suffix>`. */
function alertNamed(json: SynthJson, suffix: string): Record<string, any> {
  const matches = resourcesOf(json, 'azurerm_monitor_metric_alert').filter((a) => a.name.endsWith(`-${suffix}`));
  if (matches.length !== 1) throw new Error(`expected one alert named *-${suffix}, found ${matches.length}`);
  return matches[0];
}

describe('PlatformAlerts', () => {
  test('without targets there is no alert', () => {
    const { construct, json } = alerts();
    expect(resourcesOf(json, 'azurerm_monitor_metric_alert')).toEqual([]);
    expect(construct.resourceIds).toEqual([]);
  });

  test('each target gets only its own alerts', () => {
    expect(resourcesOf(alerts({ apiManagementResourceId: APIM }).json, 'azurerm_monitor_metric_alert').map((a) => a.name).sort())
      .toEqual(['alert-genai-test-apim-backend-failures', 'alert-genai-test-apim-capacity']);
    expect(resourcesOf(alerts({ keyVaultResourceId: VAULT }).json, 'azurerm_monitor_metric_alert').map((a) => a.name))
      .toEqual(['alert-genai-test-kv-availability']);
    expect(resourcesOf(alerts({ containerAppResourceIds: { orchestrator: APP, worker: `${APP}-worker` } }).json, 'azurerm_monitor_metric_alert')
      .map((a) => a.name).sort()).toEqual(['alert-genai-test-ca-orchestrator-restarts', 'alert-genai-test-ca-worker-restarts']);
    expect(resourcesOf(alerts({ spillover: allTargets.spillover }).json, 'azurerm_monitor_metric_alert').map((a) => a.name))
      .toEqual(['alert-genai-test-models-ptu-spillover']);
  });

  test('every alert is enabled, resolves itself, has a severity and a description, and notifies the action group', () => {
    const { construct, json } = alerts(allTargets);
    const all = resourcesOf(json, 'azurerm_monitor_metric_alert');
    expect(all).toHaveLength(5);
    expect(construct.resourceIds).toHaveLength(5);
    for (const alert of all) {
      expect(alert).toMatchObject({ enabled: true, auto_mitigate: true, resource_group_name: 'rg-mon', action: [{ action_group_id: ACTION_GROUP }] });
      expect([0, 1, 2, 3, 4]).toContain(alert.severity);
      expect(alert.description.length).toBeGreaterThan(20);
      expect(alert.frequency).toMatch(/^PT\d+M$/);
      expect(alert.window_size).toMatch(/^PT\d+M$/);
      expect(alert.criteria).toHaveLength(1);
      expect(alert.scopes).toHaveLength(1);
    }
  });

  test('gateway backend failures: Requests split by BackendResponseCodeCategory 5xx on the APIM service', () => {
    const alert = alertNamed(alerts(allTargets).json, 'apim-backend-failures');
    expect(alert.scopes).toEqual([APIM]);
    expect(alert.severity).toBe(1);
    expect(alert.criteria[0]).toEqual({
      metric_namespace: 'Microsoft.ApiManagement/service', metric_name: 'Requests', aggregation: 'Total',
      operator: 'GreaterThan', threshold: 10,
      dimension: [{ name: 'BackendResponseCodeCategory', operator: 'Include', values: ['5xx'] }],
    });
  });

  test('gateway capacity: average Capacity above 80 % over 15 minutes, threshold configurable', () => {
    const alert = alertNamed(alerts(allTargets).json, 'apim-capacity');
    expect(alert.scopes).toEqual([APIM]);
    expect(alert).toMatchObject({ window_size: 'PT15M', frequency: 'PT5M' });
    expect(alert.criteria[0]).toEqual({
      metric_namespace: 'Microsoft.ApiManagement/service', metric_name: 'Capacity', aggregation: 'Average', operator: 'GreaterThan', threshold: 80,
    });
    const custom = alertNamed(alerts({ ...allTargets, apiManagementCapacityThresholdPercent: 70 }).json, 'apim-capacity');
    expect(custom.criteria[0].threshold).toBe(70);
  });

  test('container app restarts: RestartCount above 0 over 15 minutes, one alert per app', () => {
    const alert = alertNamed(alerts(allTargets).json, 'ca-orchestrator-restarts');
    expect(alert.scopes).toEqual([APP]);
    expect(alert).toMatchObject({ window_size: 'PT15M' });
    expect(alert.criteria[0]).toEqual({
      metric_namespace: 'Microsoft.App/containerApps', metric_name: 'RestartCount', aggregation: 'Maximum', operator: 'GreaterThan', threshold: 0,
    });
  });

  test('Key Vault availability: Availability below 100 %', () => {
    const alert = alertNamed(alerts(allTargets).json, 'kv-availability');
    expect(alert.scopes).toEqual([VAULT]);
    expect(alert.severity).toBe(1);
    expect(alert.criteria[0]).toEqual({
      metric_namespace: 'Microsoft.KeyVault/vaults', metric_name: 'Availability', aggregation: 'Average', operator: 'LessThan', threshold: 100,
    });
  });

  test('spillover: AzureOpenAIRequests with IsSpillover true on the PTU deployments and their twins', () => {
    const alert = alertNamed(alerts(allTargets).json, 'models-ptu-spillover');
    expect(alert.scopes).toEqual([MODELS]);
    expect(alert).toMatchObject({ severity: 3, window_size: 'PT15M', frequency: 'PT5M' });
    expect(alert.criteria[0]).toEqual({
      metric_namespace: 'Microsoft.CognitiveServices/accounts', metric_name: 'AzureOpenAIRequests', aggregation: 'Total',
      operator: 'GreaterThan', threshold: 100,
      dimension: [
        { name: 'IsSpillover', operator: 'Include', values: ['true'] },
        { name: 'ModelDeploymentName', operator: 'Include', values: ['gpt-4.1-ptu', 'gpt-4.1'] },
      ],
    });
    const ptuOnly = alertNamed(alerts({ spillover: { modelAccountResourceId: MODELS, ptuDeploymentNames: ['a-ptu', 'b-ptu'], requestsThreshold: 0 } }).json, 'models-ptu-spillover');
    expect(ptuOnly.criteria[0].threshold).toBe(0);
    expect(ptuOnly.criteria[0].dimension[1].values).toEqual(['a-ptu', 'b-ptu']);
  });

  test('target ids may be references to resources of the stack', () => {
    const stack = testStack();
    const vault = new TerraformVariable(stack, 'vault_id', { type: 'string' });
    new PlatformAlerts(stack, 'alerts', { ...baseProps, keyVaultResourceId: vault.stringValue });
    expect(resourcesOf(synth(stack), 'azurerm_monitor_metric_alert')[0].scopes).toEqual(['${var.vault_id}']);
  });

  test('invalid props are all reported at once', () => {
    expect(() => alerts({
      namePrefix: 'genai test',
      containerAppResourceIds: { Orchestrator: APP },
      apiManagementCapacityThresholdPercent: 120,
      spillover: { modelAccountResourceId: MODELS, ptuDeploymentNames: [], requestsThreshold: -1 },
    })).toThrow(/namePrefix 'genai test'.*label 'Orchestrator'.*apiManagementCapacityThresholdPercent.*ptuDeploymentNames.*requestsThreshold/);
    expect(() => alerts({ apiManagementCapacityThresholdPercent: 0 })).toThrow(/apiManagementCapacityThresholdPercent must be above 0/);
    expect(() => alerts({ spillover: { modelAccountResourceId: MODELS, ptuDeploymentNames: ['p'], requestsThreshold: 1.5 } })).toThrow(/whole number/);
  });

  describe('policy review (GAI-MON-003, GAI-MON-007)', () => {
    /** The targets as plain azurerm resources, a classic-tier gateway, and optionally the alerts on them. */
    function targetStack(withAlerts: boolean, skuName = 'Premium_1'): TerraformStack {
      const stack = testStack();
      const group = new MonitorActionGroup(stack, 'action-group', { name: 'ag-genai-test', resourceGroupName: 'rg-mon', shortName: 'genaitest' });
      const apim = new ApiManagement(stack, 'apim', {
        name: 'apim-genai-test', location: 'swedencentral', resourceGroupName: 'rg-app',
        publisherName: 'Platform', publisherEmail: 'platform@example.com', skuName,
      });
      const app = new ContainerApp(stack, 'app', {
        name: 'ca-genai-test-orch', resourceGroupName: 'rg-app', revisionMode: 'Single',
        containerAppEnvironmentId: `${SUB}/rg-app/providers/Microsoft.App/managedEnvironments/cae-genai-test`,
        template: { container: [{ name: 'orchestrator', image: 'mcr.microsoft.com/k8se/quickstart:latest', cpu: 0.5, memory: '1Gi' }] },
      });
      const vault = new KeyVault(stack, 'vault', {
        name: 'kv-genai-test', location: 'swedencentral', resourceGroupName: 'rg-sec', skuName: 'premium',
        tenantId: '00000000-0000-0000-0000-000000000000',
      });
      if (withAlerts) {
        new PlatformAlerts(stack, 'alerts', {
          ...baseProps,
          actionGroupResourceId: group.id,
          apiManagementResourceId: apim.id,
          containerAppResourceIds: { orchestrator: app.id },
          keyVaultResourceId: vault.id,
          spillover: { modelAccountResourceId: MODELS, ptuDeploymentNames: ['gpt-4.1-ptu'], spilloverDeploymentNames: ['gpt-4.1'] },
        });
      }
      return stack;
    }
    const failures = (stack: TerraformStack | SynthJson) => review([parsePlan(stack instanceof TerraformStack ? synth(stack) : stack, 't')], { production: true }).findings
      .filter((f) => /^GAI-MON-00[37]$/.test(f.ruleId) && f.status === 'fail')
      .map((f) => `${f.ruleId} ${f.address}: ${f.message}`);

    test('the alerts pass GAI-MON-003 (well formed) and GAI-MON-007 (gateway and container app) without any finding', () => {
      expect(failures(targetStack(true))).toEqual([]);
      expect(failures(targetStack(true, 'Developer_1'))).toEqual([]);
    });

    test('the review sees the targets (the rules are not vacuous)', () => {
      const found = failures(targetStack(false));
      expect(found).toEqual(expect.arrayContaining([
        expect.stringMatching(/^GAI-MON-007 azurerm_api_management\..*`Capacity`/),
        expect.stringMatching(/^GAI-MON-007 azurerm_api_management\..*backend failures/),
        expect.stringMatching(/^GAI-MON-007 azurerm_container_app\..*`RestartCount`/),
      ]));
      // An alert without a severity that stays open after recovery breaks GAI-MON-003.
      const json = synth(targetStack(true));
      const alert = Object.values(json.resource.azurerm_monitor_metric_alert)[0];
      delete alert.severity;
      alert.auto_mitigate = false;
      expect(failures(json)).toEqual([
        expect.stringMatching(/^GAI-MON-003 .*auto_mitigate/),
        expect.stringMatching(/^GAI-MON-003 .*`severity` is not set/),
      ]);
    });
  });
});

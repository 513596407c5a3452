import { Construct } from 'constructs';
import { isKnown, throwIfProblems } from '../validation';
import { MonitorMetricAlert } from '@cdktf/provider-azurerm/lib/monitor-metric-alert';

/**
 * Metric names, namespaces and dimensions below are the "Name in REST API" and "Dimensions" columns of
 * Azure Monitor's supported-metrics reference; each definition links its page. Model-account throttling
 * (429), server errors and PTU utilization are declared by the ModelAccount construct, not here.
 */
export interface PlatformAlertsProps {
  readonly resourceGroupName: string;
  /** Action group every alert notifies (the Monitoring construct's `actionGroupResourceId`). */
  readonly actionGroupResourceId: string;
  /**
   * Start of every alert name, e.g. `genai-prod`: alerts are named `alert-<prefix>-<target>-<signal>`.
   * Letters, digits, `-`, `_` and `.`.
   */
  readonly namePrefix: string;
  /**
   * API Management service (classic tier: Developer or Premium): alerts on backend 5xx responses and on
   * `Capacity`. @default no gateway alerts
   */
  readonly apiManagementResourceId?: string;
  /** `Capacity` (percent, average over 15 minutes) above which the gateway alert fires. @default 80 */
  readonly apiManagementCapacityThresholdPercent?: number;
  /**
   * Container apps by a short label (used in the alert name, e.g. `{ orchestrator: app.resourceId }`):
   * one replica-restart alert each. @default no container app alerts
   */
  readonly containerAppResourceIds?: Readonly<Record<string, string>>;
  /** Key Vault: alert when vault availability drops below 100 %. @default no Key Vault alert */
  readonly keyVaultResourceId?: string;
  /**
   * Provisioned (PTU) deployments of one model account whose overflow spills to their pay-as-you-go
   * twins: alert on sustained spillover volume (pay-as-you-go spend on top of the reservation).
   * @default no spillover alert
   */
  readonly spillover?: SpilloverAlertOptions;
}

export interface SpilloverAlertOptions {
  readonly modelAccountResourceId: string;
  /** The provisioned deployments that spill over (at least one). */
  readonly ptuDeploymentNames: readonly string[];
  /**
   * Their pay-as-you-go spillover targets. Azure does not document under which deployment name a spilled
   * request is recorded, so the alert watches both names; the `IsSpillover` dimension keeps the twin's
   * own (non-spilled) traffic out. @default the PTU deployments only
   */
  readonly spilloverDeploymentNames?: readonly string[];
  /** Spilled requests in 15 minutes above which the alert fires. @default 100 */
  readonly requestsThreshold?: number;
}

/** One metric alert: what it watches and when it fires (the alert's name and scope come from its owner). */
export interface MetricAlertDefinition {
  /** Last part of the alert's name and construct id, e.g. `throttling`. */
  readonly signal: string;
  readonly description: string;
  readonly severity: 0 | 1 | 2 | 3 | 4;
  readonly frequency: string;
  readonly windowSize: string;
  readonly metricNamespace: string;
  readonly metricName: string;
  readonly aggregation: 'Average' | 'Total' | 'Maximum' | 'Minimum' | 'Count';
  readonly operator: 'GreaterThan' | 'LessThan';
  readonly threshold: number;
  readonly dimensions?: readonly { readonly name: string; readonly values: readonly string[] }[];
}

// Source: https://learn.microsoft.com/azure/azure-monitor/reference/supported-metrics/microsoft-apimanagement-service-metrics
// `Requests` (Total) has the dimension `BackendResponseCodeCategory`; the deprecated `FailedRequests` points to it.
const APIM_BACKEND_FAILURES: MetricAlertDefinition = {
  signal: 'backend-failures',
  description: 'The AI gateway receives server errors (5xx) from its backends: model accounts, content safety or embeddings are failing',
  severity: 1, frequency: 'PT1M', windowSize: 'PT5M',
  metricNamespace: 'Microsoft.ApiManagement/service', metricName: 'Requests', aggregation: 'Total',
  operator: 'GreaterThan', threshold: 10,
  dimensions: [{ name: 'BackendResponseCodeCategory', values: ['5xx'] }],
};

// Source: https://learn.microsoft.com/azure/azure-monitor/reference/supported-metrics/microsoft-apimanagement-service-metrics
// `Capacity` (percent, Average/Maximum) exists on the classic dedicated-unit tiers; Maximum reads 0 below Premium, so Average.
const apimCapacity = (thresholdPercent: number): MetricAlertDefinition => ({
  signal: 'capacity',
  description: `AI gateway capacity above ${thresholdPercent} % for 15 minutes: add units before requests queue`,
  severity: 2, frequency: 'PT5M', windowSize: 'PT15M',
  metricNamespace: 'Microsoft.ApiManagement/service', metricName: 'Capacity', aggregation: 'Average',
  operator: 'GreaterThan', threshold: thresholdPercent,
});

// Source: https://learn.microsoft.com/azure/azure-monitor/reference/supported-metrics/microsoft-app-containerapps-metrics
// `RestartCount` ("Replica Restart Count", dimensions revisionName, podName); Maximum as in Azure Monitor Baseline Alerts.
const CONTAINER_APP_RESTARTS: MetricAlertDefinition = {
  signal: 'restarts',
  description: 'Container app replicas restarted in the last 15 minutes (crash, failed probe or out-of-memory)',
  severity: 2, frequency: 'PT5M', windowSize: 'PT15M',
  metricNamespace: 'Microsoft.App/containerApps', metricName: 'RestartCount', aggregation: 'Maximum',
  operator: 'GreaterThan', threshold: 0,
};

// Source: https://learn.microsoft.com/azure/azure-monitor/reference/supported-metrics/microsoft-keyvault-vaults-metrics
// `Availability` ("Overall Vault Availability", percent, Average). Key Vault's monitoring guide says it should always
// be 100 % (https://learn.microsoft.com/azure/key-vault/general/alert).
const KEY_VAULT_AVAILABILITY: MetricAlertDefinition = {
  signal: 'availability',
  description: 'Key Vault availability below 100 %: key unwrap (CMK) and secret reads are failing',
  severity: 1, frequency: 'PT1M', windowSize: 'PT5M',
  metricNamespace: 'Microsoft.KeyVault/vaults', metricName: 'Availability', aggregation: 'Average',
  operator: 'LessThan', threshold: 100,
};

// Source: https://learn.microsoft.com/azure/azure-monitor/reference/supported-metrics/microsoft-cognitiveservices-accounts-metrics
// `AzureOpenAIRequests` has the dimensions `IsSpillover` and `ModelDeploymentName`; the spillover guide
// (https://learn.microsoft.com/azure/ai-foundry/openai/how-to/spillover-traffic-management#viewing-spillover-metrics)
// monitors spillover by splitting this metric on `IsSpillover`. Neither page lists the dimension's values: 'true' is
// assumed (unverified): check it against a live account's metrics before relying on the alert.
const spilloverVolume = (deployments: readonly string[], threshold: number): MetricAlertDefinition => ({
  signal: 'ptu-spillover',
  description: `More than ${threshold} requests in 15 minutes spilled over from provisioned (PTU) deployments to pay-as-you-go: `
    + 'the reservation is undersized and the overflow is billed per token',
  severity: 3, frequency: 'PT5M', windowSize: 'PT15M',
  metricNamespace: 'Microsoft.CognitiveServices/accounts', metricName: 'AzureOpenAIRequests', aggregation: 'Total',
  operator: 'GreaterThan', threshold,
  dimensions: [
    { name: 'IsSpillover', values: ['true'] },
    { name: 'ModelDeploymentName', values: deployments },
  ],
});

const NAME_PART = /^[A-Za-z0-9._-]+$/;

/**
 * Platform metric alerts beyond the model accounts' own: gateway backend failures and capacity, container
 * app restarts, Key Vault availability and PTU spillover volume. Every alert is enabled, resolves itself,
 * has an explicit severity and notifies the platform action group. A target left out gets no alert.
 */
export class PlatformAlerts extends Construct {
  private readonly created: string[] = [];

  /** Ids of the alerts created, in declaration order. */
  get resourceIds(): readonly string[] {
    return this.created;
  }

  constructor(scope: Construct, id: string, props: PlatformAlertsProps) {
    super(scope, id);
    validate(this.node.path, props);

    if (props.apiManagementResourceId) {
      this.addAlert('apim', props.apiManagementResourceId, APIM_BACKEND_FAILURES, props);
      this.addAlert('apim', props.apiManagementResourceId, apimCapacity(props.apiManagementCapacityThresholdPercent ?? 80), props);
    }
    for (const [label, resourceId] of Object.entries(props.containerAppResourceIds ?? {})) {
      this.addAlert(`ca-${label}`, resourceId, CONTAINER_APP_RESTARTS, props);
    }
    if (props.keyVaultResourceId) this.addAlert('kv', props.keyVaultResourceId, KEY_VAULT_AVAILABILITY, props);
    if (props.spillover) {
      const { ptuDeploymentNames, spilloverDeploymentNames = [], requestsThreshold = 100 } = props.spillover;
      const deployments = [...new Set([...ptuDeploymentNames, ...spilloverDeploymentNames])];
      this.addAlert('models', props.spillover.modelAccountResourceId, spilloverVolume(deployments, requestsThreshold), props);
    }
  }

  private addAlert(target: string, scope: string, def: MetricAlertDefinition, props: PlatformAlertsProps): void {
    const alert = metricAlert(this, `${target}-${def.signal}`, {
      name: `alert-${props.namePrefix}-${target}-${def.signal}`,
      resourceGroupName: props.resourceGroupName,
      scopeResourceId: scope,
      actionGroupResourceId: props.actionGroupResourceId,
      definition: def,
    });
    this.created.push(alert.id);
  }
}

export interface MetricAlertProps {
  readonly name: string;
  readonly resourceGroupName: string;
  /** The resource the alert watches. */
  readonly scopeResourceId: string;
  readonly actionGroupResourceId: string;
  readonly definition: MetricAlertDefinition;
}

/** A metric alert as every platform alert is: enabled, resolving itself, one criterion, to the action group. */
export function metricAlert(scope: Construct, id: string, props: MetricAlertProps): MonitorMetricAlert {
  const def = props.definition;
  return new MonitorMetricAlert(scope, id, {
    name: props.name,
    resourceGroupName: props.resourceGroupName,
    scopes: [props.scopeResourceId],
    description: def.description,
    severity: def.severity,
    frequency: def.frequency,
    windowSize: def.windowSize,
    autoMitigate: true,
    enabled: true,
    criteria: [{
      metricNamespace: def.metricNamespace,
      metricName: def.metricName,
      aggregation: def.aggregation,
      operator: def.operator,
      threshold: def.threshold,
      dimension: def.dimensions?.map((d) => ({ name: d.name, operator: 'Include', values: [...d.values] })),
    }],
    action: [{ actionGroupId: props.actionGroupResourceId }],
  });
}

function validate(path: string, props: PlatformAlertsProps): void {
  const problems: string[] = [];
  if (isKnown(props.namePrefix) && !NAME_PART.test(props.namePrefix)) {
    problems.push(`namePrefix '${props.namePrefix}' may only contain letters, digits, '-', '_' and '.'`);
  }
  for (const label of Object.keys(props.containerAppResourceIds ?? {})) {
    if (!/^[a-z0-9-]+$/.test(label)) problems.push(`containerAppResourceIds label '${label}' must be lowercase letters, digits and '-'`);
  }
  const capacity = props.apiManagementCapacityThresholdPercent;
  if (capacity !== undefined && isKnown(capacity) && !(capacity > 0 && capacity < 100)) {
    problems.push(`apiManagementCapacityThresholdPercent must be above 0 and below 100, got ${capacity}`);
  }
  const spill = props.spillover;
  if (spill) {
    if (isKnown(spill.ptuDeploymentNames) && spill.ptuDeploymentNames.length === 0) problems.push('spillover.ptuDeploymentNames must name at least one deployment');
    const threshold = spill.requestsThreshold;
    if (threshold !== undefined && isKnown(threshold) && !(Number.isInteger(threshold) && threshold >= 0)) {
      problems.push(`spillover.requestsThreshold must be a whole number of requests (0 or more), got ${threshold}`);
    }
  }
  throwIfProblems(path, problems);
}

import { Construct } from 'constructs';
import { throwIfProblems } from '../validation';
import { MonitorDiagnosticSetting } from '@cdktf/provider-azurerm/lib/monitor-diagnostic-setting';

/** Where a resource sends its logs and metrics (AVM `diagnostic_settings` interface, one sink). */
export interface DiagnosticsOptions {
  /** Log Analytics workspace receiving the logs and metrics. */
  readonly logAnalyticsWorkspaceResourceId: string;
}

export interface DiagnosticSettingProps extends DiagnosticsOptions {
  readonly targetResourceId: string;
  /** The resource type emits resource logs (sent as category group `allLogs`). @default true */
  readonly logs?: boolean;
  /** The resource type emits platform metrics (sent as `AllMetrics`). @default true */
  readonly metrics?: boolean;
  /**
   * Write logs to resource-specific tables (e.g. `AZKVAuditLogs`) instead of `AzureDiagnostics`; only for
   * types that support them (Key Vault, API Management). @default false
   */
  readonly dedicatedTables?: boolean;
}

/**
 * The one way the platform declares a diagnostic setting: all logs and all metrics the resource
 * type supports, to the platform workspace. Callers state what the type supports, since Azure
 * rejects a setting that asks for metrics a type does not have.
 */
export class DiagnosticSetting extends Construct {
  readonly resourceId: string;

  constructor(scope: Construct, id: string, props: DiagnosticSettingProps) {
    super(scope, id);
    const logs = props.logs ?? true;
    const metrics = props.metrics ?? true;
    throwIfProblems(this.node.path, !logs && !metrics ? ['a diagnostic setting needs logs, metrics or both'] : []);
    const setting = new MonitorDiagnosticSetting(this, 'setting', {
      name: 'diag-to-platform-workspace',
      targetResourceId: props.targetResourceId,
      logAnalyticsWorkspaceId: props.logAnalyticsWorkspaceResourceId,
      logAnalyticsDestinationType: props.dedicatedTables ? 'Dedicated' : undefined,
      enabledLog: logs ? [{ categoryGroup: 'allLogs' }] : undefined,
      enabledMetric: metrics ? [{ category: 'AllMetrics' }] : undefined,
    });
    this.resourceId = setting.id;
  }
}

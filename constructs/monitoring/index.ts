import { Construct } from 'constructs';
import { ApplicationInsights } from '@cdktf/provider-azurerm/lib/application-insights';
import { LogAnalyticsWorkspace } from '@cdktf/provider-azurerm/lib/log-analytics-workspace';
import { MonitorActionGroup } from '@cdktf/provider-azurerm/lib/monitor-action-group';
import { MonitorPrivateLinkScope } from '@cdktf/provider-azurerm/lib/monitor-private-link-scope';
import { MonitorPrivateLinkScopedService } from '@cdktf/provider-azurerm/lib/monitor-private-link-scoped-service';
import { lockPrivateEndpoint, protectStatefulResource } from '../governance/protection';
import { DiagnosticsOptions, PrivateEndpointNetworkOptions, ProtectionOptions } from '../interfaces';
import { Naming } from '../naming';
import { PrivateEndpoint } from '../private-endpoint';
import { isKnown, throwIfProblems } from '../validation';
import { DiagnosticSetting } from './diagnostic-setting';

export { DiagnosticSetting, DiagnosticSettingProps, DiagnosticsOptions } from './diagnostic-setting';

export interface MonitoringProps extends ProtectionOptions {
  readonly naming: Naming;
  readonly location: string;
  readonly resourceGroupName: string;
  /** Log Analytics retention, 30-730 days. @default 90 */
  readonly retentionDays?: number;
  /** Daily ingestion cap in GB. @default no cap */
  readonly dailyQuotaGb?: number;
  /** Addresses the action group emails (at least one). */
  readonly alertEmails: readonly string[];
}

/**
 * Observability for the environment: a Log Analytics workspace and workspace-based Application
 * Insights (both Entra-only, no local keys), an action group, and optionally an Azure Monitor
 * Private Link Scope that makes ingestion and query private-only. The workspace holds the audit
 * trail, so it gets the stateful-resource protection (delete lock, prevent-destroy) by default.
 */
export class Monitoring extends Construct {
  readonly workspaceResourceId: string;
  readonly workspaceName: string;
  readonly applicationInsightsResourceId: string;
  /** Connection string of Application Insights (identifies the resource; ingestion still needs Entra auth). */
  readonly applicationInsightsConnectionString: string;
  readonly actionGroupResourceId: string;
  /** What every other construct passes as its `diagnostics` option. */
  readonly diagnostics: DiagnosticsOptions;

  private readonly props: MonitoringProps;
  private readonly workspace: LogAnalyticsWorkspace;
  private readonly applicationInsights: ApplicationInsights;
  private privateLinkScope?: MonitorPrivateLinkScope;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    const retentionDays = props.retentionDays ?? 90;
    const problems: string[] = [];
    // A token (e.g. a Terraform variable) is only known at apply time: Azure judges it then.
    if (isKnown(retentionDays) && (retentionDays < 30 || retentionDays > 730)) problems.push(`retentionDays must be 30-730, got ${retentionDays}`);
    if (props.alertEmails.length === 0) problems.push('alertEmails must list at least one address');
    throwIfProblems(this.node.path, problems);
    this.props = props;

    this.workspace = new LogAnalyticsWorkspace(this, 'workspace', {
      name: props.naming.name('logAnalyticsWorkspace'),
      location: props.location,
      resourceGroupName: props.resourceGroupName,
      sku: 'PerGB2018',
      retentionInDays: retentionDays,
      dailyQuotaGb: props.dailyQuotaGb,
      localAuthenticationEnabled: false,
      internetIngestionEnabled: true,
      internetQueryEnabled: true,
    });
    protectStatefulResource(this, this.workspace, props.naming.name('logAnalyticsWorkspace'), props);
    this.workspaceResourceId = this.workspace.id;
    this.workspaceName = this.workspace.name;
    this.diagnostics = { logAnalyticsWorkspaceResourceId: this.workspace.id };

    this.applicationInsights = new ApplicationInsights(this, 'app-insights', {
      name: props.naming.name('applicationInsights'),
      location: props.location,
      resourceGroupName: props.resourceGroupName,
      applicationType: 'web',
      workspaceId: this.workspace.id,
      localAuthenticationDisabled: true,
      disableIpMasking: false,
      internetIngestionEnabled: true,
      internetQueryEnabled: true,
    });
    this.applicationInsightsResourceId = this.applicationInsights.id;
    this.applicationInsightsConnectionString = this.applicationInsights.connectionString;

    const shortName = `${props.naming.workload}${props.naming.environment}`.slice(0, 12);
    const actionGroup = new MonitorActionGroup(this, 'action-group', {
      name: props.naming.name('actionGroup'),
      resourceGroupName: props.resourceGroupName,
      shortName,
      emailReceiver: props.alertEmails.map((address, i) => ({
        name: `email-${i + 1}`,
        emailAddress: address,
        useCommonAlertSchema: true,
      })),
    });
    this.actionGroupResourceId = actionGroup.id;

    new DiagnosticSetting(this, 'workspace-diagnostics', { ...this.diagnostics, targetResourceId: this.workspace.id });
    new DiagnosticSetting(this, 'app-insights-diagnostics', { ...this.diagnostics, targetResourceId: this.applicationInsights.id });
  }

  /**
   * Puts the workspace and Application Insights behind an Azure Monitor Private Link Scope with
   * private-only ingestion and query, reached through `privateEndpoint`, and turns their public
   * ingestion and query off. Call once, after the network exists.
   */
  addPrivateLinkScope(privateEndpoint: PrivateEndpointNetworkOptions): void {
    if (this.privateLinkScope) throw new Error(`${this.node.path}: the private link scope already exists`);
    const { naming, location, resourceGroupName } = this.props;
    this.privateLinkScope = new MonitorPrivateLinkScope(this, 'private-link-scope', {
      name: naming.name('privateLinkScope'),
      resourceGroupName,
      ingestionAccessMode: 'PrivateOnly',
      queryAccessMode: 'PrivateOnly',
    });
    const scoped: [string, string][] = [['workspace', this.workspace.id], ['app-insights', this.applicationInsights.id]];
    for (const [id, linkedResourceId] of scoped) {
      new MonitorPrivateLinkScopedService(this, `scoped-${id}`, {
        name: `amplsservice-${id}`,
        resourceGroupName,
        scopeName: this.privateLinkScope.name,
        linkedResourceId,
      });
    }
    const endpoint = new PrivateEndpoint(this, 'private-link-scope-endpoint', {
      ...privateEndpoint,
      name: naming.name('privateEndpoint', 'ampls'),
      location,
      resourceGroupName,
      targetResourceId: this.privateLinkScope.id,
      subresourceName: 'azuremonitor',
    });
    // With private-only ingestion and query this endpoint is the workspace's only way in: it gets the
    // workspace's lock.
    lockPrivateEndpoint(endpoint, this.props);
    for (const resource of [this.workspace, this.applicationInsights]) {
      resource.internetIngestionEnabled = false;
      resource.internetQueryEnabled = false;
    }
  }
}

import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { CognitiveAccount } from '@cdktf/provider-azurerm/lib/cognitive-account';
import { CognitiveAccountRaiPolicy } from '@cdktf/provider-azurerm/lib/cognitive-account-rai-policy';
import { CognitiveDeployment } from '@cdktf/provider-azurerm/lib/cognitive-deployment';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { AzapiUpdateResource } from '../azapi';
import { COGNITIVE_DEPLOYMENT_TYPE, CognitiveDeploymentPatch } from '../azapi/models';
import { customerManagedKeyProblems } from '../../catalog/customer-managed-keys';
import { protectStatefulResource } from '../governance/protection';
import { IGrantee, grantResourceRole } from '../identity';
import { CustomerManagedKeyOptions, DiagnosticsOptions, PrivateEndpointOptions, ProtectionOptions } from '../interfaces';
import { MetricAlertDefinition, metricAlert } from '../monitoring/alerts';
import { DiagnosticSetting } from '../monitoring/diagnostic-setting';
import { resourcePrivateEndpoint } from '../private-endpoint';
import { isKnown, throwIfProblems } from '../validation';
import { DeploymentSku, SPILLOVER_SKU, isProvisioned, ptuCapacityProblems } from '../../catalog/ptu-sizing';

export * from '../../catalog/ptu-sizing';

export interface ModelDeploymentSpec {
  readonly name: string;
  readonly model: string;
  readonly version: string;
  /** @default 'OpenAI' */
  readonly format?: string;
  readonly sku: DeploymentSku;
  /** Thousands of tokens per minute (pay-as-you-go) or PTUs (provisioned). */
  readonly capacity: number;
  /** Provisioned only: the pay-as-you-go deployment of this account that takes the overflow. */
  readonly spilloverDeployment?: string;
  /** @default 'OnceCurrentVersionExpired' */
  readonly versionUpgradeOption?: 'OnceNewDefaultVersionAvailable' | 'OnceCurrentVersionExpired' | 'NoAutoUpgrade';
}

export interface ModelAccountProps extends ProtectionOptions {
  /** Account name, also its custom subdomain (the Entra-auth and private-endpoint host name). */
  readonly name: string;
  readonly location: string;
  readonly resourceGroupName: string;
  /** @default 'AIServices' (Foundry) */
  readonly kind?: 'AIServices' | 'OpenAI';
  /**
   * Customer-managed key of the account. `keyVaultKeyResourceId` versionless, so the account follows
   * rotation; `identity` must be one of the account's identities (it becomes its user-assigned identity).
   */
  readonly customerManagedKey: CustomerManagedKeyOptions;
  /** Hosts the account may reach; all other outbound calls are refused. @default [] */
  readonly allowedOutboundFqdns?: readonly string[];
  /**
   * Let trusted Azure services (e.g. AI Search without a shared private link) past the network ACLs.
   * @default false
   */
  readonly trustedServicesBypassEnabled?: boolean;
  /**
   * Private endpoint (sub-resource `account`) registered in the cognitiveservices, openai and services.ai
   * zones. `location` is the VNet's region (a failover account's endpoint stays in the platform VNet).
   * @default location: the account's location
   */
  readonly privateEndpoint: PrivateEndpointOptions;
  readonly diagnostics: DiagnosticsOptions;
  /**
   * Severity from which hate, sexual, violence and self-harm content is blocked. Prompt shields and
   * protected-material filters are always on and blocking. @default 'Low' (strictest)
   */
  readonly contentFilterThreshold?: 'Low' | 'Medium';
  readonly deployments: readonly ModelDeploymentSpec[];
  /**
   * Metric alerts to this action group: throttling (HTTP 429), server errors (5xx) and, with provisioned
   * deployments, PTU utilization above 90 %. @default no alerts
   */
  readonly alerts?: { readonly actionGroupResourceId: string };
}

/**
 * Alerts on Azure OpenAI platform metrics. Names are the "Name in REST API" column of Azure Monitor's
 * supported-metrics list for Microsoft.CognitiveServices/accounts
 * (learn.microsoft.com/azure/azure-monitor/reference/supported-metrics/microsoft-cognitiveservices-accounts-metrics):
 * `AzureOpenAIRequests` (dimension `StatusCode`) and `AzureOpenAIProvisionedManagedUtilizationV2` (percent).
 */
const MODEL_ALERT = {
  frequency: 'PT1M', windowSize: 'PT5M', metricNamespace: 'Microsoft.CognitiveServices/accounts', operator: 'GreaterThan',
} as const;
const MODEL_ALERTS: readonly (MetricAlertDefinition & { readonly ptuOnly: boolean })[] = [
  { ...MODEL_ALERT, signal: 'throttling', metricName: 'AzureOpenAIRequests', aggregation: 'Total', threshold: 10, severity: 2, ptuOnly: false,
    dimensions: [{ name: 'StatusCode', values: ['429'] }],
    description: 'Model requests are being throttled (HTTP 429): quota or provisioned capacity is exhausted' },
  { ...MODEL_ALERT, signal: 'server-errors', metricName: 'AzureOpenAIRequests', aggregation: 'Total', threshold: 5, severity: 1, ptuOnly: false,
    dimensions: [{ name: 'StatusCode', values: ['500', '502', '503', '504'] }],
    description: 'Model requests fail with server errors (5xx)' },
  { ...MODEL_ALERT, signal: 'ptu-utilization', metricName: 'AzureOpenAIProvisionedManagedUtilizationV2', aggregation: 'Average', threshold: 90, severity: 2, ptuOnly: true,
    description: 'Provisioned (PTU) utilization above 90 %: traffic is about to spill over to pay-as-you-go' },
];

/**
 * In the order Azure returns them (REST spec 2025-06-01 examples/GetRaiPolicy.json: Hate, Sexual, Selfharm,
 * Violence, each Prompt then Completion, then Jailbreak and Protected Material). azurerm keeps
 * `content_filter` in the order read, and `ignore_changes` below addresses filters by position: declaring
 * them in another order would make every plan show the filters moving.
 */
const HARM_CATEGORIES = ['Hate', 'Sexual', 'Selfharm', 'Violence'] as const;
/**
 * Prompt shields and protected material: on/off filters that have no severity. Azure neither takes nor
 * returns one for them (Azure/azure-rest-api-specs, Microsoft.CognitiveServices stable/2025-06-01
 * examples/PutRaiPolicy.json: request and response carry no `severityThreshold` for Jailbreak and
 * Protected Material), yet azurerm 4.55.0 makes `content_filter.severity_threshold` Required and one of
 * Low/Medium/High (internal/services/cognitive/cognitive_account_rai_policy_resource.go at v4.55.0; it
 * reads the absent value back as ""). So the threshold sent is a placeholder and its read-back is ignored
 * (`SHIELD_THRESHOLD_PATHS`); without that every plan shows "" -> "High" (hashicorp/terraform-provider-
 * azurerm#28653; v5.0.0 makes it Optional, #32100: then drop the placeholder and the ignore).
 */
const SHIELDS = [
  { name: 'Jailbreak', source: 'Prompt' },
  { name: 'Indirect Attack', source: 'Prompt' },
  { name: 'Protected Material Text', source: 'Completion' },
  { name: 'Protected Material Code', source: 'Completion' },
] as const;
/** Placeholder for the Required-but-ignored threshold of a shield filter (see `SHIELDS`). */
const SHIELD_PLACEHOLDER_THRESHOLD = 'High';
/** `content_filter` entries in the order declared: harm categories (Prompt, Completion), then the shields. */
const HARM_FILTER_COUNT = HARM_CATEGORIES.length * 2;
/** `lifecycle.ignore_changes` paths of the shields' thresholds, which Azure returns empty (GAI-RAI-006). */
export const SHIELD_THRESHOLD_PATHS: readonly string[] = SHIELDS.map((_, i) => `content_filter[${HARM_FILTER_COUNT + i}].severity_threshold`);

/**
 * An AI Services account with its model deployments: keyless (local auth off), private (public access
 * off, network ACLs deny, outbound limited to an allowlist, private endpoint in the three AI zones),
 * encrypted with a customer-managed key through a user-assigned identity, all logs and metrics to the
 * workspace, a strict content filter on every deployment, and native PTU-to-pay-as-you-go spillover.
 */
export class ModelAccount extends Construct {
  readonly resourceId: string;
  readonly name: string;
  /** `https://<name>.openai.azure.com/`, the endpoint the gateway calls. */
  readonly openAiEndpoint: string;
  /** `https://<name>.cognitiveservices.azure.com/` (Content Safety and other AI Services APIs). */
  readonly cognitiveServicesEndpoint: string;
  readonly location: string;
  /** Deployments by name. */
  readonly deployments: ReadonlyMap<string, { readonly resourceId: string; readonly spec: ModelDeploymentSpec }>;
  readonly contentFilterName: string;

  private readonly account: CognitiveAccount;

  constructor(scope: Construct, id: string, props: ModelAccountProps) {
    super(scope, id);
    validate(this.node.path, props);
    this.location = props.location;

    this.account = new CognitiveAccount(this, 'account', {
      name: props.name,
      location: props.location,
      resourceGroupName: props.resourceGroupName,
      kind: props.kind ?? 'AIServices',
      skuName: 'S0',
      customSubdomainName: props.name,
      localAuthEnabled: false,
      publicNetworkAccessEnabled: false,
      outboundNetworkAccessRestricted: true,
      fqdns: [...(props.allowedOutboundFqdns ?? [])],
      networkAcls: { defaultAction: 'Deny', bypass: props.trustedServicesBypassEnabled ? 'AzureServices' : 'None' },
      identity: { type: 'UserAssigned', identityIds: [props.customerManagedKey.identity.resourceId] },
      customerManagedKey: {
        keyVaultKeyId: props.customerManagedKey.keyVaultKeyResourceId,
        identityClientId: props.customerManagedKey.identity.clientId,
      },
      dependsOn: props.customerManagedKey.accessGrant ? [props.customerManagedKey.accessGrant] : undefined,
    });
    this.resourceId = this.account.id;
    this.name = this.account.name;
    this.openAiEndpoint = `https://${props.name}.openai.azure.com/`;
    this.cognitiveServicesEndpoint = `https://${props.name}.cognitiveservices.azure.com/`;
    protectStatefulResource(this, this.account, props.name, props);

    resourcePrivateEndpoint(this, {
      privateEndpoint: props.privateEndpoint, location: props.location, resourceGroupName: props.resourceGroupName,
      targetResourceId: this.account.id, subresourceName: 'account', protection: props,
    });
    new DiagnosticSetting(this, 'diagnostics', { ...props.diagnostics, targetResourceId: this.account.id });

    const threshold = props.contentFilterThreshold ?? 'Low';
    const contentFilter = new CognitiveAccountRaiPolicy(this, 'content-filter', {
      name: 'platform-strict',
      cognitiveAccountId: this.account.id,
      basePolicyName: 'Microsoft.DefaultV2',
      mode: 'Blocking',
      contentFilter: [
        ...HARM_CATEGORIES.flatMap((category) => (['Prompt', 'Completion'] as const).map((source) => ({
          name: category, source, filterEnabled: true, blockEnabled: true, severityThreshold: threshold,
        }))),
        ...SHIELDS.map((shield) => ({ ...shield, filterEnabled: true, blockEnabled: true, severityThreshold: SHIELD_PLACEHOLDER_THRESHOLD })),
      ],
      lifecycle: { ignoreChanges: [...SHIELD_THRESHOLD_PATHS] },
    });
    this.contentFilterName = contentFilter.name;

    // Azure refuses concurrent deployment operations on one account: create them one after another,
    // pay-as-you-go first so that every spillover target exists before its provisioned deployment.
    const ordered = [...props.deployments].sort((a, b) => Number(isProvisioned(a.sku)) - Number(isProvisioned(b.sku)));
    const created = new Map<string, { resourceId: string; spec: ModelDeploymentSpec; resource: CognitiveDeployment }>();
    let previous: ITerraformDependable = contentFilter;
    for (const spec of ordered) {
      const deployment = new CognitiveDeployment(this, `deployment-${spec.name}`, {
        name: spec.name,
        cognitiveAccountId: this.account.id,
        model: { format: spec.format ?? 'OpenAI', name: spec.model, version: spec.version },
        sku: { name: spec.sku, capacity: spec.capacity },
        raiPolicyName: contentFilter.name,
        versionUpgradeOption: spec.versionUpgradeOption ?? 'OnceCurrentVersionExpired',
        dependsOn: [previous],
      });
      created.set(spec.name, { resourceId: deployment.id, spec, resource: deployment });
      previous = deployment;
    }
    for (const { spec, resource } of created.values()) {
      if (!spec.spilloverDeployment) continue;
      // azurerm 4.55 has no spillover argument: set the deployment property through the ARM API.
      // The API version must know the property: azapi drops unknown properties before the PUT.
      const target = created.get(spec.spilloverDeployment)!.resource;
      new AzapiUpdateResource<CognitiveDeploymentPatch>(this, `spillover-${spec.name}`, {
        type: COGNITIVE_DEPLOYMENT_TYPE,
        resourceId: resource.id,
        body: { properties: { spilloverDeploymentName: spec.spilloverDeployment } },
        // After every deployment of the account: azurerm serializes its own deployment operations per
        // account, azapi does not, and Azure refuses concurrent deployment operations on one account.
        dependsOn: [resource, target, ...[...created.values()].map((d) => d.resource).filter((d) => d !== resource && d !== target)],
      });
    }
    this.deployments = new Map([...created].map(([name, d]) => [name, { resourceId: d.resourceId, spec: d.spec }]));

    const hasPtu = props.deployments.some((d) => isProvisioned(d.sku));
    for (const alert of MODEL_ALERTS.filter((a) => props.alerts && (!a.ptuOnly || hasPtu))) {
      metricAlert(this, `alert-${alert.signal}`, {
        name: `alert-${props.name}-${alert.signal}`,
        resourceGroupName: props.resourceGroupName,
        scopeResourceId: this.account.id,
        actionGroupResourceId: props.alerts!.actionGroupResourceId,
        definition: alert,
      });
    }
  }

  /** Lets the gateway call the account's Content Safety API (prompt shields) with its Entra identity. */
  grantContentSafetyUser(grantee: IGrantee): RoleAssignment {
    return grantResourceRole(this, this.account.id, grantee, 'Cognitive Services User');
  }

  /** Lets a workload call the models with its Entra identity (inference only, no management). */
  grantOpenAiUser(grantee: IGrantee): RoleAssignment {
    return grantResourceRole(this, this.account.id, grantee, 'Cognitive Services OpenAI User', 'openai-user');
  }
}

function validate(path: string, props: ModelAccountProps): void {
  const problems: string[] = [];
  if (props.deployments.length === 0) problems.push('an account needs at least one deployment');
  const names = new Set<string>();
  for (const d of props.deployments) {
    if (names.has(d.name)) problems.push(`deployment '${d.name}' is declared twice`);
    names.add(d.name);
    if (isProvisioned(d.sku)) {
      // A capacity known only at apply cannot be checked; the spillover still can.
      if (isKnown(d.capacity)) {
        problems.push(...ptuCapacityProblems(d.model, d.sku, d.capacity).map((m) => `deployment '${d.name}': ${m}`));
      }
      const target = props.deployments.find((x) => x.name === d.spilloverDeployment);
      if (!d.spilloverDeployment) problems.push(`deployment '${d.name}' is provisioned and needs a spilloverDeployment`);
      else if (!target) problems.push(`deployment '${d.name}' spills over to '${d.spilloverDeployment}', which is not a deployment of this account`);
      else if (target.sku !== SPILLOVER_SKU[d.sku] || target.model !== d.model || target.version !== d.version) {
        problems.push(`deployment '${d.name}' spills over to '${target.name}', which must be ${SPILLOVER_SKU[d.sku]} ${d.model} ${d.version}`);
      }
    } else if (d.spilloverDeployment) {
      problems.push(`deployment '${d.name}' is pay-as-you-go and cannot spill over`);
    }
  }
  const key = props.customerManagedKey.key;
  if (key) problems.push(...customerManagedKeyProblems('azurerm_cognitive_account', key, props.location).map((m) => `customerManagedKey: ${m}`));
  throwIfProblems(path, problems);
}

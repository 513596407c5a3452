import { Fn, ITerraformDependable, Token } from 'cdktf';
import { Construct } from 'constructs';
import { ApiManagement } from '@cdktf/provider-azurerm/lib/api-management';
import { ApiManagementApi } from '@cdktf/provider-azurerm/lib/api-management-api';
import { ApiManagementApiOperation } from '@cdktf/provider-azurerm/lib/api-management-api-operation';
import { ApiManagementApiPolicy } from '@cdktf/provider-azurerm/lib/api-management-api-policy';
import { ApiManagementBackend } from '@cdktf/provider-azurerm/lib/api-management-backend';
import { ApiManagementDiagnostic } from '@cdktf/provider-azurerm/lib/api-management-diagnostic';
import { ApiManagementPolicy } from '@cdktf/provider-azurerm/lib/api-management-policy';
import { ApiManagementProduct } from '@cdktf/provider-azurerm/lib/api-management-product';
import { ApiManagementProductApi } from '@cdktf/provider-azurerm/lib/api-management-product-api';
import { ApiManagementProductPolicy } from '@cdktf/provider-azurerm/lib/api-management-product-policy';
import { ApiManagementRedisCache } from '@cdktf/provider-azurerm/lib/api-management-redis-cache';
import { ApiManagementSubscription } from '@cdktf/provider-azurerm/lib/api-management-subscription';
import { PrivateDnsARecord } from '@cdktf/provider-azurerm/lib/private-dns-a-record';
import { PrivateDnsZone } from '@cdktf/provider-azurerm/lib/private-dns-zone';
import { PrivateDnsZoneVirtualNetworkLink } from '@cdktf/provider-azurerm/lib/private-dns-zone-virtual-network-link';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { AzapiResource, AzapiResourceAction, AzapiUpdateResource } from '../azapi';
import {
  APIM_BACKEND_CREDENTIALS_TYPE, APIM_BACKEND_TYPE, APIM_DIAGNOSTIC_TYPE, APIM_LOGGER_TYPE, ApimBackendBody, ApimBackendManagedIdentityCredentialsPatch,
  ApimBackendPoolBody, ApimDiagnosticPatch, ApimLoggerCredentialsBody, ApimLoggerPublicBody,
} from '../azapi/models';
import { IGrantee, grantRole } from '../identity';
import { RbacPropagationWait } from '../identity/propagation';
import { DiagnosticsOptions, ManagedIdentityOptions } from '../interfaces';
import { DiagnosticSetting } from '../monitoring/diagnostic-setting';
import { isKnown, throwIfProblems } from '../validation';
import { suppress } from '../../catalog/suppressions';
import { GatewayPolicyDocuments } from './policy-documents';
import { deploymentBackendId, deploymentPoolId } from './policy-templates';

export * from './policy-documents';
export { deploymentBackendId, deploymentPoolId } from './policy-templates';

/**
 * A model account the gateway calls: one backend per deployment it serves (each with its own circuit
 * breaker: breaker state is per backend entity), pooled per deployment with the other accounts that
 * serve it.
 */
export interface ModelBackendSpec {
  /** Account key in backend ids, e.g. `models-primary` (backends are `<name>--<deployment>`). */
  readonly name: string;
  /** `https://<account>.openai.azure.com/openai` */
  readonly url: string;
  /** 1 = primary; higher priorities take traffic only when lower ones are tripped. */
  readonly priority: number;
  /**
   * Deployment names on this account. The gateway serves the primary's; every failover account must
   * have each of them (a pool member without the deployment answers 404).
   */
  readonly deployments: readonly string[];
}

export interface AiGatewayProps {
  readonly name: string;
  readonly location: string;
  readonly resourceGroupName: string;
  /** @default 'Developer' */
  readonly skuName?: 'Developer' | 'Premium';
  /** Scale units. @default 1 */
  readonly capacity?: number;
  /** Availability zones (Premium). @default none */
  readonly zones?: readonly string[];
  readonly publisherName: string;
  readonly publisherEmail: string;
  /** Subnet for Internal VNet mode (with the APIM NSG rules). */
  readonly subnetResourceId: string;
  /** VNet linked to the `azure-api.net` private zone that resolves the internal endpoints. */
  readonly virtualNetworkResourceId: string;
  /**
   * The gateway's user-assigned identity: authenticates to the models, the cache and App Insights
   * (the gateway grants it *Monitoring Metrics Publisher* on `applicationInsights`).
   */
  readonly managedIdentity: ManagedIdentityOptions;
  readonly applicationInsights: { readonly resourceId: string; readonly connectionString: string };
  readonly diagnostics: DiagnosticsOptions;
  /** Model accounts, primary (priority 1) first. */
  readonly modelBackends: readonly ModelBackendSpec[];
  /**
   * The Content Safety account `llm-content-safety` calls. Its backend authenticates with the gateway
   * identity (token audience `https://cognitiveservices.azure.com`), which needs *Cognitive Services
   * User* on that account.
   */
  readonly contentSafety: {
    /** Endpoint, `https://<account>.cognitiveservices.azure.com`. */
    readonly url: string;
    /**
     * The gateway identity's *Cognitive Services User* grant on the account: the backend's credentials
     * are set only after it has propagated.
     * @default none: the grant is made elsewhere, in no known order
     */
    readonly accessGrant?: RoleAssignment;
  };
  /** Embeddings endpoint of the semantic cache (`.../openai/deployments/<name>/embeddings`). @default no cache */
  readonly semanticCache?: { readonly embeddingsUrl: string; readonly redisConnectionString: string; readonly redisResourceId: string };
  /** Rendered policy documents (see `renderGatewayPolicies`). */
  readonly policies: GatewayPolicyDocuments;
  /** Teams: one product with its policy and one subscription each. */
  readonly teams: readonly { readonly name: string }[];
}

/** Backend ids the policies refer to (model pools: `deploymentPoolId(deployment)`). */
export const BACKEND_IDS = { embeddings: 'embeddings', contentSafety: 'content-safety' } as const;

/** Token audience of Azure AI services (Content Safety included) for managed-identity calls. */
export const COGNITIVE_SERVICES_AUDIENCE = 'https://cognitiveservices.azure.com';

/**
 * Operations of the OpenAI-compatible API (the OpenAI SDKs' paths under `/openai`). The Responses API
 * has no deployment in its path: the model is the body's `model` (the policy reads it there). Azure
 * OpenAI serves it on the v1 surface, `POST {endpoint}/openai/v1/responses` (Learn: "Azure OpenAI
 * Responses API", learn.microsoft.com/azure/ai-foundry/openai/how-to/responses: "The v1 API is required").
 */
const OPERATIONS = [
  { id: 'chat-completions', name: 'Chat completions', url: '/deployments/{deployment-id}/chat/completions' },
  { id: 'completions', name: 'Completions', url: '/deployments/{deployment-id}/completions' },
  { id: 'embeddings', name: 'Embeddings', url: '/deployments/{deployment-id}/embeddings' },
  { id: 'responses', name: 'Responses', url: '/v1/responses' },
] as const;

/**
 * The circuit breaker of every backend: each is an AI Services endpoint, so trip on throttling and server
 * errors, honouring Retry-After, so callers fail fast and the pool moves to the next account.
 */
const CIRCUIT_BREAKER_RULE: BreakerRule = {
  name: 'trip-on-throttling-and-errors',
  tripDuration: 'PT1M',
  acceptRetryAfterEnabled: true,
  failureCondition: { count: 3, intervalDuration: 'PT1M', statusCodeRange: [{ min: 429, max: 429 }, { min: 500, max: 599 }] },
};

/** TLS checks of every backend. */
const BACKEND_TLS = { validateCertificateChain: true, validateCertificateName: true };

/** The OpenAI-compatible API every team calls. */
const MODEL_API_NAME = 'azure-openai';

/**
 * API Management as the AI gateway: Internal VNet mode with a user-assigned identity, private DNS for its
 * endpoints, an OpenAI-compatible API whose policies authenticate callers per team, cache semantically,
 * limit tokens per team, check content safety, emit token metrics, route to a deployment and reach the
 * models with managed identity through a failover pool of circuit-broken backends. Request and response
 * bodies and client IPs are never logged.
 */
export class AiGateway extends Construct {
  readonly resourceId: string;
  readonly name: string;
  /** `https://<name>.azure-api.net`: the base URL SDKs use (the API lives under `/openai`). */
  readonly gatewayUrl: string;
  readonly privateIpAddress: string;
  /** Name of the model API: its operations appear in the gateway's request logs as `<name>;rev=<n> - <operation>`. */
  readonly modelApiName = MODEL_API_NAME;
  /**
   * The service's system-assigned identity, present with the semantic cache: the cache lookup calls the
   * embeddings deployment as `system-assigned` (the only mode the policy supports); grant it there.
   */
  readonly systemIdentity?: IGrantee;

  constructor(scope: Construct, id: string, props: AiGatewayProps) {
    super(scope, id);
    validate(this.node.path, props);
    const apim = this.service(props);
    this.resourceId = apim.id;
    this.name = apim.name;
    this.gatewayUrl = apim.gatewayUrl;
    this.privateIpAddress = Token.asString(Fn.element(apim.privateIpAddresses, 0));
    if (props.semanticCache) {
      this.systemIdentity = { principalId: apim.identity.principalId, principalType: 'ServicePrincipal', label: 'gateway system identity' };
    }
    new DiagnosticSetting(this, 'diagnostics', { ...props.diagnostics, targetResourceId: apim.id, dedicatedTables: true });
    this.privateDns(props);
    this.telemetry(apim, props);
    new ApiManagementPolicy(this, 'global-policy', { apiManagementId: apim.id, xmlContent: props.policies.global });

    const pools = this.modelBackendPools(apim, props);
    const contentSafetyCredentials = this.contentSafetyBackend(apim.id, props);
    const cache = this.semanticCacheBackends(apim, props);
    // Everything the model API policy names by id: APIM refuses a policy whose backend-id or cache does not
    // exist yet ("Backend with id ... could not be found"), so the policy waits for all of them (GAI-APIM-031).
    // Its llm-content-safety needs a backend that authenticates: send no traffic through it before.
    const api = this.modelApi(apim, props, [contentSafetyCredentials, ...pools, ...cache]);
    this.teamProducts(apim, api, props);
  }

  /** The APIM service: Internal VNet mode, the gateway identity (and a system identity for the cache), legacy TLS and ciphers off. */
  private service(props: AiGatewayProps): ApiManagement {
    const skuName = props.skuName ?? 'Developer';
    const capacity = props.capacity ?? 1;
    return new ApiManagement(this, 'service', {
      name: props.name,
      location: props.location,
      resourceGroupName: props.resourceGroupName,
      publisherName: props.publisherName,
      publisherEmail: props.publisherEmail,
      skuName: `${skuName}_${capacity}`,
      zones: props.zones && props.zones.length > 0 ? [...props.zones] : undefined,
      virtualNetworkType: 'Internal',
      virtualNetworkConfiguration: { subnetId: props.subnetResourceId },
      identity: { type: props.semanticCache ? 'SystemAssigned, UserAssigned' : 'UserAssigned', identityIds: [props.managedIdentity.resourceId] },
      minApiVersion: '2021-08-01',
      signUp: { enabled: false, termsOfService: { enabled: false, consentRequired: false } },
      security: {
        frontendSsl30Enabled: false, frontendTls10Enabled: false, frontendTls11Enabled: false,
        backendSsl30Enabled: false, backendTls10Enabled: false, backendTls11Enabled: false,
        tripleDesCiphersEnabled: false,
      },
    });
  }

  /** Internal mode has no public DNS: resolve the gateway and its management endpoints privately. */
  private privateDns(props: AiGatewayProps): void {
    const zone = new PrivateDnsZone(this, 'dns-zone', { name: 'azure-api.net', resourceGroupName: props.resourceGroupName });
    new PrivateDnsZoneVirtualNetworkLink(this, 'dns-link', {
      name: `link-${props.name}`, resourceGroupName: props.resourceGroupName, privateDnsZoneName: zone.name,
      virtualNetworkId: props.virtualNetworkResourceId, registrationEnabled: false,
    });
    for (const host of ['', '.portal', '.developer', '.management', '.scm']) {
      new PrivateDnsARecord(this, `dns-${host.slice(1) || 'gateway'}`, {
        name: `${props.name}${host}`, zoneName: zone.name, resourceGroupName: props.resourceGroupName, ttl: 300,
        records: [this.privateIpAddress],
      });
    }
  }

  /**
   * Request telemetry and token metrics to Application Insights.
   *
   * App Insights accepts Entra-authenticated telemetry only (local auth is off): the logger sends with
   * the gateway identity, which azurerm 4.55's logger cannot express. That identity needs *Monitoring
   * Metrics Publisher* on the App Insights resource (Learn: "Integrate Azure API Management with Azure
   * Application Insights", managed identity), and the logger waits for the grant. Its credentials go in
   * `sensitive_body`: Azure returns them masked, so in `body` they would be a perpetual diff.
   */
  private telemetry(apim: ApiManagement, props: AiGatewayProps): void {
    const telemetryGrant = grantRole(this, 'role-monitoring-metrics-publisher', {
      grantee: props.managedIdentity, roleDefinitionName: 'Monitoring Metrics Publisher', scopeResourceId: props.applicationInsights.resourceId,
    });
    const loggerCredentials: ApimLoggerCredentialsBody = {
      properties: { credentials: { connectionString: props.applicationInsights.connectionString, identityClientId: props.managedIdentity.clientId } },
    };
    const logger = new AzapiResource<ApimLoggerPublicBody>(this, 'logger', {
      type: APIM_LOGGER_TYPE,
      name: 'appinsights',
      parentId: apim.id,
      body: { properties: { loggerType: 'applicationInsights', resourceId: props.applicationInsights.resourceId, isBuffered: true } },
      sensitiveBody: loggerCredentials,
      // azapi sends a sensitive_body path only when its version changes (and never with a plain body update):
      // one version for the whole credentials object, from what they are made of, so a new identity or a new
      // Application Insights sends both values again.
      sensitiveBodyVersion: { 'properties.credentials': `${props.applicationInsights.resourceId}|${props.managedIdentity.clientId}` },
      dependsOn: [telemetryGrant],
    });
    const noBodies = { bodyBytes: 0, headersToLog: [] as string[] };
    const diagnostic = new ApiManagementDiagnostic(this, 'app-insights', {
      identifier: 'applicationinsights',
      apiManagementName: apim.name,
      resourceGroupName: props.resourceGroupName,
      apiManagementLoggerId: logger.id,
      samplingPercentage: 100,
      alwaysLogErrors: true,
      logClientIp: false,
      verbosity: 'information',
      httpCorrelationProtocol: 'W3C',
      frontendRequest: noBodies,
      frontendResponse: noBodies,
      backendRequest: noBodies,
      backendResponse: noBodies,
    });
    // Custom metrics (the token metrics) flow only with `metrics: true`, which azurerm cannot set. azurerm's
    // update of the diagnostic sends a request without `metrics` (false), so any change to it replaces this
    // update too, which sets the flag again in the same apply.
    new AzapiUpdateResource<ApimDiagnosticPatch>(this, 'app-insights-metrics', {
      type: APIM_DIAGNOSTIC_TYPE,
      resourceId: diagnostic.id,
      body: { properties: { metrics: true } },
      lifecycle: { replaceTriggeredBy: [diagnostic] },
    });
  }

  /**
   * The model backends and their pools. Breakers per deployment, pools per deployment: one backend per
   * (account, deployment), so a throttled PTU deployment trips only its own breaker, and each deployment's
   * pool lists only the accounts that serve it (Learn: "Backends in API Management", load-balanced pool,
   * circuit breaker). Returns the pools, which the model API policy names.
   */
  private modelBackendPools(apim: ApiManagement, props: AiGatewayProps): ITerraformDependable[] {
    const ordered = [...props.modelBackends].sort((a, b) => a.priority - b.priority);
    const pools: ITerraformDependable[] = [];
    for (const deployment of servedDeployments(props.modelBackends)) {
      const members = ordered.filter((account) => account.deployments.includes(deployment)).map((account) => ({
        account,
        backend: new ApiManagementBackend(this, `backend-${account.name}-${deployment}`, {
          name: deploymentBackendId(account.name, deployment),
          apiManagementName: apim.name,
          resourceGroupName: props.resourceGroupName,
          protocol: 'http',
          url: account.url,
          description: `Deployment ${deployment} on model account ${account.name} (priority ${account.priority})`,
          tls: BACKEND_TLS,
          circuitBreakerRule: CIRCUIT_BREAKER_RULE,
        }),
      }));
      pools.push(new AzapiResource<ApimBackendPoolBody>(this, `backend-pool-${deployment}`, {
        type: APIM_BACKEND_TYPE,
        name: deploymentPoolId(deployment),
        parentId: apim.id,
        body: {
          properties: {
            description: `Deployment ${deployment} by account priority: the primary first, failover accounts when its breaker trips`,
            type: 'Pool',
            pool: { services: members.map(({ account, backend }) => ({ id: backend.id, priority: account.priority, weight: 1 })) },
          },
        },
      }));
    }
    return pools;
  }

  /**
   * The `llm-content-safety` backend, authenticating with the gateway identity (Learn: llm-content-safety
   * policy, prerequisites: "Managed identity with Cognitive Services User role is recommended"). Returns
   * the action that sets its credentials, which the policies using it wait for.
   *
   * Two resources, because the credentials (`credentials.managedIdentity`) are accepted by the service
   * but are in no published API spec (`ApimBackendManagedIdentityCredentials`): the backend is an
   * `azapi_resource` whose body azapi validates against the 2024-05-01 schema, and the credentials are a
   * PATCH (`azapi_resource_action`, `If-Match: *` as the backend's update API requires). Not azurerm's
   * backend: it reads the credentials Azure returns and would plan to remove them on every run, while
   * `azapi_resource` compares only the properties in its body. A PUT of the backend (a changed body, a
   * replacement) drops the credentials, so a change of the backend sends the PATCH again
   * (`replace_triggered_by`).
   */
  private contentSafetyBackend(serviceId: string, props: AiGatewayProps): AzapiResourceAction<ApimBackendManagedIdentityCredentialsPatch> {
    // The model backends' breaker, in the backend API's shape.
    const breaker = CIRCUIT_BREAKER_RULE;
    const backend = new AzapiResource<ApimBackendBody>(this, `backend-${BACKEND_IDS.contentSafety}`, {
      type: APIM_BACKEND_TYPE,
      name: BACKEND_IDS.contentSafety,
      parentId: serviceId,
      body: {
        properties: {
          description: 'Content Safety (prompt shields), called with the gateway identity',
          url: props.contentSafety.url,
          protocol: 'http',
          tls: BACKEND_TLS,
          circuitBreaker: {
            rules: [{
              name: breaker.name,
              tripDuration: breaker.tripDuration,
              acceptRetryAfter: breaker.acceptRetryAfterEnabled,
              failureCondition: {
                count: breaker.failureCondition.count,
                interval: breaker.failureCondition.intervalDuration,
                statusCodeRanges: breaker.failureCondition.statusCodeRange.map(({ min, max }) => ({ min, max })),
              },
            }],
          },
        },
      },
    });
    // The grant first, and time for it to propagate: a request screened before then gets 401/403.
    const grantReady = props.contentSafety.accessGrant
      ? new RbacPropagationWait(this, 'content-safety-rbac-wait', { roleAssignments: [props.contentSafety.accessGrant] }).dependable
      : undefined;
    return new AzapiResourceAction<ApimBackendManagedIdentityCredentialsPatch>(this, `backend-${BACKEND_IDS.contentSafety}-credentials`, {
      type: APIM_BACKEND_CREDENTIALS_TYPE,
      resourceId: backend.id,
      method: 'PATCH',
      headers: { 'If-Match': '*' },
      body: { properties: { credentials: { managedIdentity: { clientId: props.managedIdentity.clientId, resource: COGNITIVE_SERVICES_AUDIENCE } } } },
      dependsOn: grantReady ? [grantReady] : undefined,
      lifecycle: { replaceTriggeredBy: [backend] },
    });
  }

  /** The semantic cache's embeddings backend and external cache, which the model API policy names; none without the cache. */
  private semanticCacheBackends(apim: ApiManagement, props: AiGatewayProps): ITerraformDependable[] {
    if (!props.semanticCache) return [];
    const embeddings = new ApiManagementBackend(this, `backend-${BACKEND_IDS.embeddings}`, {
      name: BACKEND_IDS.embeddings, apiManagementName: apim.name, resourceGroupName: props.resourceGroupName, protocol: 'http',
      url: props.semanticCache.embeddingsUrl, description: 'Embeddings for the semantic cache', tls: BACKEND_TLS, circuitBreakerRule: CIRCUIT_BREAKER_RULE,
    });
    const cache = new ApiManagementRedisCache(this, 'semantic-cache', {
      name: 'Default',
      apiManagementId: apim.id,
      connectionString: props.semanticCache.redisConnectionString,
      redisCacheId: props.semanticCache.redisResourceId,
      cacheLocation: 'default',
      description: 'Azure Managed Redis (RediSearch) for the semantic cache',
    });
    return [embeddings, cache];
  }

  /** The OpenAI-compatible model API, its operations and its policy, which waits for everything it names. */
  private modelApi(apim: ApiManagement, props: AiGatewayProps, policyDependencies: readonly ITerraformDependable[]): ApiManagementApi {
    const api = new ApiManagementApi(this, 'model-api', {
      name: MODEL_API_NAME,
      apiManagementName: apim.name,
      resourceGroupName: props.resourceGroupName,
      displayName: 'Azure OpenAI (through the AI gateway)',
      description: 'OpenAI-compatible inference API: per-team keys and token limits, semantic cache, content safety, routing and failover.',
      path: 'openai',
      protocols: ['https'],
      revision: '1',
      subscriptionRequired: true,
      // OpenAI SDKs send their key as `api-key`: here it is the team's subscription key, never a model key.
      subscriptionKeyParameterNames: { header: 'api-key', query: 'api-key' },
    });
    for (const op of OPERATIONS) {
      new ApiManagementApiOperation(this, `operation-${op.id}`, {
        operationId: op.id,
        apiName: api.name,
        apiManagementName: apim.name,
        resourceGroupName: props.resourceGroupName,
        displayName: op.name,
        method: 'POST',
        urlTemplate: op.url,
        templateParameter: op.url.includes('{deployment-id}')
          ? [{ name: 'deployment-id', required: true, type: 'string', description: 'Deployment name, or the routing alias' }]
          : undefined,
      });
    }
    const apiPolicy = new ApiManagementApiPolicy(this, 'model-api-policy', {
      apiName: api.name, apiManagementName: apim.name, resourceGroupName: props.resourceGroupName, xmlContent: props.policies.modelApi,
      dependsOn: [...policyDependencies],
    });
    suppress(apiPolicy, 'GAI-APIM-019', 'the <backend> section replaces <base /> with <retry> around <forward-request> across the model pool; '
      + 'keeping <base /> would forward each request twice (Microsoft\'s load-balancing pattern)');
    return api;
  }

  /** Per team: a product with the team's policy, the model API in it, and one platform-managed subscription. */
  private teamProducts(apim: ApiManagement, api: ApiManagementApi, props: AiGatewayProps): void {
    for (const team of props.teams) {
      const product = new ApiManagementProduct(this, `product-${team.name}`, {
        productId: team.name,
        apiManagementName: apim.name,
        resourceGroupName: props.resourceGroupName,
        displayName: team.name,
        description: `Model access for team ${team.name}: its token limits and quota apply to every call`,
        published: true,
        subscriptionRequired: true,
        approvalRequired: true,
        subscriptionsLimit: 1,
      });
      new ApiManagementProductApi(this, `product-${team.name}-api`, {
        productId: product.productId, apiName: api.name, apiManagementName: apim.name, resourceGroupName: props.resourceGroupName,
      });
      new ApiManagementProductPolicy(this, `product-${team.name}-policy`, {
        productId: product.productId, apiManagementName: apim.name, resourceGroupName: props.resourceGroupName,
        xmlContent: props.policies.products[team.name],
      });
      new ApiManagementSubscription(this, `subscription-${team.name}`, {
        displayName: `${team.name} (platform-managed)`,
        apiManagementName: apim.name,
        resourceGroupName: props.resourceGroupName,
        productId: product.id,
        state: 'active',
        allowTracing: false,
      });
    }
  }
}

/** The circuit breaker rule of every backend, in azurerm's shape (`circuit_breaker_rule`). */
interface BreakerRule {
  readonly name: string;
  readonly tripDuration: string;
  readonly acceptRetryAfterEnabled: boolean;
  readonly failureCondition: { readonly count: number; readonly intervalDuration: string; readonly statusCodeRange: { min: number; max: number }[] };
}

/** The deployments the gateway serves: the primary's (priority 1), in its order. */
function servedDeployments(backends: readonly ModelBackendSpec[]): string[] {
  return [...(backends.find((b) => b.priority === 1)?.deployments ?? [])];
}

function validate(path: string, props: AiGatewayProps): void {
  const problems: string[] = [];
  if (props.modelBackends.length === 0) problems.push('at least one model backend is required');
  const primaries = props.modelBackends.filter((b) => b.priority === 1);
  if (primaries.length !== 1) problems.push(`exactly one model backend must have priority 1, found ${primaries.length}`);
  const served = servedDeployments(props.modelBackends);
  if (primaries.length === 1 && served.length === 0) problems.push(`the primary model backend ${primaries[0].name} serves no deployment`);
  for (const backend of props.modelBackends) {
    if (!/^https:\/\//.test(backend.url)) problems.push(`backend ${backend.name} must use https, got ${backend.url}`);
    if (/(^|[^a-z])api-key=/i.test(backend.url)) problems.push(`backend ${backend.name} carries a key in its URL`);
    if (new Set(backend.deployments).size !== backend.deployments.length) problems.push(`backend ${backend.name} lists a deployment twice`);
    const ids = backend.deployments.map((d) => deploymentBackendId(backend.name, d));
    ids.filter((id) => id.length > 50).forEach((id) => problems.push(`backend id ${id} is longer than 50 characters (azurerm api_management_backend)`));
    if (new Set(ids).size !== new Set(backend.deployments).size) problems.push(`backend ${backend.name} has deployments whose backend ids collide (${ids.join(', ')})`);
    if (backend.priority === 1) continue;
    // Every request that succeeds on the primary must succeed on a failover member.
    const missing = served.filter((d) => !backend.deployments.includes(d));
    if (missing.length > 0) problems.push(`failover backend ${backend.name} lacks deployment${missing.length === 1 ? '' : 's'} ${missing.join(', ')} that the primary serves`);
  }
  if (isKnown(props.contentSafety.url) && !/^https:\/\//.test(props.contentSafety.url)) {
    problems.push(`the content safety endpoint must use https, got ${props.contentSafety.url}`);
  }
  if ((props.skuName ?? 'Developer') === 'Developer' && (props.capacity ?? 1) !== 1) problems.push('the Developer tier has exactly 1 unit');
  if ((props.zones?.length ?? 0) > 0 && (props.skuName ?? 'Developer') !== 'Premium') problems.push('availability zones need the Premium tier');
  for (const team of props.teams) {
    if (!props.policies.products[team.name]) problems.push(`no product policy was rendered for team ${team.name}`);
  }
  throwIfProblems(path, problems);
}

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, TerraformOutput, TerraformStack } from 'cdktf';
import { AiGateway, AiGatewayProps, BACKEND_IDS, COGNITIVE_SERVICES_AUDIENCE, deploymentBackendId, deploymentPoolId } from '../../constructs/ai-gateway';
import { ProductPolicyParams, renderGatewayPolicies } from '../../constructs/ai-gateway/policy-templates';
import { AzapiProvider } from '../../constructs/azapi';
import { APIM_API_VERSION, APIM_BACKEND_CREDENTIALS_API_VERSION } from '../../constructs/azapi/models';
import { grantRole } from '../../constructs/identity';
import { parsePlan } from '../../policy/plan';
import { SynthJson, onlyResource, resourceNamed, resourcesOf, synth, testStack } from '../helpers';

const CLIENT_ID = '00000000-0000-0000-0000-0000000a11ce';
const IDENTITY_ID = '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-genai-test-sdc-gateway';
const SUBNET_APIM = '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/apim';
const VNET_ID = '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v';
const APPI_ID = '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Insights/components/appi-genai-test-sdc';
const APPI_CONNECTION = 'InstrumentationKey=00000000-0000-0000-0000-000000000001;IngestionEndpoint=https://swedencentral-0.in.applicationinsights.azure.com/';
const REDIS_ID = '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Cache/redisEnterprise/amr-genai-test-sdc';
const EMBEDDINGS_URL = 'https://ais-genai-test-sdc-primary.openai.azure.com/openai/deployments/text-embedding-3-small/embeddings';
const NAME = 'apim-genai-test-sdc-ab12';
const CONTENT_SAFETY_URL = 'https://ais-genai-test-sdc-primary.cognitiveservices.azure.com';
const ACCOUNT_ID = '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/ais-genai-test-sdc-primary';
const PRIVATE_IP = '${element(azurerm_api_management.gateway_service_0B098E79.private_ip_addresses, 0)}';

const PRIMARY_DEPLOYMENTS = ['gpt-4.1', 'gpt-4.1-mini', 'gpt-4.1-ptu'];
const PRINCIPAL_ID = '00000000-0000-0000-0000-0000000b0b00';

const TEAMS: readonly ProductPolicyParams[] = [
  { team: 'search-assistant', tokensPerMinute: 20_000, tokenQuota: 5_000_000 },
  { team: 'claims-copilot', tokensPerMinute: 45_000, tokenQuota: 9_000_000, tokenQuotaPeriod: 'Daily', perUserTokensPerMinute: 4_000 },
];

/** The gateway's policies as the stack renders them, with or without the semantic cache. */
function policiesFor(semanticCache: boolean) {
  return renderGatewayPolicies({
    modelApi: {
      gatewayIdentityClientId: CLIENT_ID,
      deployments: PRIMARY_DEPLOYMENTS,
      contentSafety: { backendId: BACKEND_IDS.contentSafety },
      routing: { alias: 'auto', defaultDeployment: 'gpt-4.1', rules: [{ deployment: 'gpt-4.1-mini', when: { maxPromptTokens: 2000 } }] },
      semanticCache: semanticCache ? { embeddingsBackendId: BACKEND_IDS.embeddings, scoreThreshold: 0.1, durationSeconds: 3600 } : undefined,
    },
    teams: TEAMS,
  });
}

const baseProps: AiGatewayProps = {
  name: NAME,
  location: 'swedencentral',
  resourceGroupName: 'rg-genai-test-sdc-app',
  publisherName: 'Contoso GenAI Platform (test)',
  publisherEmail: 'genai-platform-test@contoso.com',
  subnetResourceId: SUBNET_APIM,
  virtualNetworkResourceId: VNET_ID,
  managedIdentity: { resourceId: IDENTITY_ID, clientId: CLIENT_ID, principalId: PRINCIPAL_ID, principalType: 'ServicePrincipal', label: 'gateway identity' },
  applicationInsights: { resourceId: APPI_ID, connectionString: APPI_CONNECTION },
  diagnostics: { logAnalyticsWorkspaceResourceId: '/workspaces/log-genai-test-sdc' },
  modelBackends: [
    { name: 'models-primary', url: 'https://ais-genai-test-sdc-primary.openai.azure.com/openai', priority: 1, deployments: PRIMARY_DEPLOYMENTS },
    { name: 'models-failover', url: 'https://ais-genai-test-gwc-failover.openai.azure.com/openai', priority: 2, deployments: [...PRIMARY_DEPLOYMENTS, 'extra'] },
  ],
  contentSafety: { url: CONTENT_SAFETY_URL },
  policies: policiesFor(false),
  teams: TEAMS.map((t) => ({ name: t.team })),
};

const cacheProps: Partial<AiGatewayProps> = {
  semanticCache: { embeddingsUrl: EMBEDDINGS_URL, redisConnectionString: 'amr-genai-test-sdc.swedencentral.redis.azure.net:10000,password=${var.x},ssl=True', redisResourceId: REDIS_ID },
  policies: policiesFor(true),
};

/** A stack with the azapi provider (the gateway's logger, pool and metrics update are azapi resources). */
function gatewayStack(overrides: Partial<AiGatewayProps> = {}): { stack: TerraformStack; gateway: AiGateway } {
  const stack = testStack();
  new AzapiProvider(stack, 'azapi');
  return { stack, gateway: new AiGateway(stack, 'gateway', { ...baseProps, ...overrides }) };
}

function synthGateway(overrides: Partial<AiGatewayProps> = {}): SynthJson {
  return synth(gatewayStack(overrides).stack);
}

/** `${<type>.<key>.<attribute>}` of the resource of `type` whose construct id starts with `prefix`. */
function ref(json: SynthJson, type: string, prefix: string, attribute = 'id'): string {
  const keys = Object.keys(json.resource[type] ?? {}).filter((k) => k.startsWith(prefix));
  expect(keys).toHaveLength(1);
  return `\${${type}.${keys[0]}.${attribute}}`;
}


describe('AiGateway', () => {
  let json: SynthJson;
  let cached: SynthJson;
  beforeAll(() => {
    json = synthGateway();
    cached = synthGateway(cacheProps);
  });

  describe('service', () => {
    test('defaults to one Developer unit without zones, in Internal VNet mode in its subnet', () => {
      const apim = onlyResource(json, 'azurerm_api_management');
      expect(apim).toMatchObject({
        name: NAME, location: 'swedencentral', resource_group_name: 'rg-genai-test-sdc-app',
        publisher_name: 'Contoso GenAI Platform (test)', publisher_email: 'genai-platform-test@contoso.com',
        sku_name: 'Developer_1', virtual_network_type: 'Internal', virtual_network_configuration: { subnet_id: SUBNET_APIM },
      });
      expect(apim.zones).toBeUndefined();
    });

    test('sku_name is `${sku}_${capacity}`, with the zones given', () => {
      const apim = onlyResource(synthGateway({ skuName: 'Premium', capacity: 3, zones: ['1', '2', '3'] }), 'azurerm_api_management');
      expect(apim.sku_name).toBe('Premium_3');
      expect(apim.zones).toEqual(['1', '2', '3']);
    });

    test('an empty zone list declares no zones', () => {
      expect(onlyResource(synthGateway({ skuName: 'Premium', capacity: 2, zones: [] }), 'azurerm_api_management').zones).toBeUndefined();
    });

    test('uses only the user-assigned identity without the semantic cache', () => {
      expect(onlyResource(json, 'azurerm_api_management').identity).toEqual({ type: 'UserAssigned', identity_ids: [IDENTITY_ID] });
      expect(gatewayStack().gateway.systemIdentity).toBeUndefined();
    });

    test('adds the system-assigned identity for the semantic cache (embeddings calls) and exposes it to grant', () => {
      expect(onlyResource(cached, 'azurerm_api_management').identity).toEqual({ type: 'SystemAssigned, UserAssigned', identity_ids: [IDENTITY_ID] });
      const { stack, gateway } = gatewayStack(cacheProps);
      expect(gateway.systemIdentity).toMatchObject({ principalType: 'ServicePrincipal' });
      new TerraformOutput(stack, 'principal_id', { value: gateway.systemIdentity!.principalId });
      expect(synth(stack).output!.principal_id.value).toBe('${azurerm_api_management.gateway_service_0B098E79.identity[0].principal_id}');
    });

    test('pins the management API version, disables sign-up and every legacy protocol and cipher', () => {
      const apim = onlyResource(json, 'azurerm_api_management');
      expect(apim.min_api_version).toBe('2021-08-01');
      expect(apim.sign_up).toEqual({ enabled: false, terms_of_service: { enabled: false, consent_required: false } });
      expect(apim.security).toEqual({
        frontend_ssl30_enabled: false, frontend_tls10_enabled: false, frontend_tls11_enabled: false,
        backend_ssl30_enabled: false, backend_tls10_enabled: false, backend_tls11_enabled: false,
        triple_des_ciphers_enabled: false,
      });
    });

    test('exposes the service id, name, gateway URL and private IP as references', () => {
      const { stack, gateway } = gatewayStack();
      const attributes = { resource_id: gateway.resourceId, name: gateway.name, gateway_url: gateway.gatewayUrl, private_ip: gateway.privateIpAddress };
      for (const [name, value] of Object.entries(attributes)) new TerraformOutput(stack, name, { value });
      const outputs = synth(stack).output!;
      expect(Object.fromEntries(Object.keys(attributes).map((k) => [k, outputs[k].value]))).toEqual({
        resource_id: '${azurerm_api_management.gateway_service_0B098E79.id}',
        name: '${azurerm_api_management.gateway_service_0B098E79.name}',
        gateway_url: '${azurerm_api_management.gateway_service_0B098E79.gateway_url}',
        private_ip: PRIVATE_IP,
      });
    });

    test('sends its logs to the platform workspace in resource-specific tables', () => {
      expect(onlyResource(json, 'azurerm_monitor_diagnostic_setting')).toMatchObject({
        target_resource_id: ref(json, 'azurerm_api_management', 'gateway_service'),
        log_analytics_workspace_id: '/workspaces/log-genai-test-sdc',
        log_analytics_destination_type: 'Dedicated',
      });
    });
  });

  describe('private DNS', () => {
    test('an azure-api.net zone linked to the VNet without auto-registration', () => {
      const zone = onlyResource(json, 'azurerm_private_dns_zone');
      expect(zone).toEqual({ name: 'azure-api.net', resource_group_name: 'rg-genai-test-sdc-app' });
      expect(onlyResource(json, 'azurerm_private_dns_zone_virtual_network_link')).toEqual({
        name: `link-${NAME}`, resource_group_name: 'rg-genai-test-sdc-app',
        private_dns_zone_name: ref(json, 'azurerm_private_dns_zone', 'gateway_dns-zone', 'name'),
        virtual_network_id: VNET_ID, registration_enabled: false,
      });
    });

    test('five A records (gateway, portal, developer, management, scm) at the private IP', () => {
      const records = resourcesOf(json, 'azurerm_private_dns_a_record');
      expect(records.map((r) => r.name).sort()).toEqual([NAME, `${NAME}.developer`, `${NAME}.management`, `${NAME}.portal`, `${NAME}.scm`].sort());
      for (const record of records) {
        expect(record).toEqual({
          name: record.name, resource_group_name: 'rg-genai-test-sdc-app', ttl: 300, records: [PRIVATE_IP],
          zone_name: ref(json, 'azurerm_private_dns_zone', 'gateway_dns-zone', 'name'),
        });
      }
    });
  });

  describe('telemetry', () => {
    test('an azapi Application Insights logger authenticating with the gateway identity, credentials write-only', () => {
      const logger = resourceNamed(json, 'azapi_resource', 'appinsights');
      expect(logger).toMatchObject({
        type: `Microsoft.ApiManagement/service/loggers@${APIM_API_VERSION}`,
        parent_id: ref(json, 'azurerm_api_management', 'gateway_service'),
        body: { properties: { loggerType: 'applicationInsights', resourceId: APPI_ID, isBuffered: true } },
        // Azure returns credentials masked: in `body` they would be a perpetual diff.
        sensitive_body: { properties: { credentials: { connectionString: APPI_CONNECTION, identityClientId: CLIENT_ID } } },
        // One version for the whole object (azapi sends only the paths whose version changed): a new identity
        // or a new Application Insights sends both values again.
        sensitive_body_version: { 'properties.credentials': `${APPI_ID}|${CLIENT_ID}` },
      });
      expect(logger.body.properties).not.toHaveProperty('credentials');
      expect(logger).not.toHaveProperty('tags');
    });

    test('the gateway identity holds Monitoring Metrics Publisher on App Insights, and the logger waits for it', () => {
      const grants = resourcesOf(json, 'azurerm_role_assignment');
      expect(grants).toEqual([expect.objectContaining({
        scope: APPI_ID, role_definition_name: 'Monitoring Metrics Publisher', principal_id: PRINCIPAL_ID, principal_type: 'ServicePrincipal',
      })]);
      expect(resourceNamed(json, 'azapi_resource', 'appinsights').depends_on).toEqual([expect.stringMatching(/^azurerm_role_assignment\.gateway_role-monitoring-metrics-publisher_/)]);
    });

    test('the service diagnostic logs no bodies and no client IPs, errors always', () => {
      const diagnostic = onlyResource(json, 'azurerm_api_management_diagnostic');
      expect(diagnostic).toMatchObject({
        identifier: 'applicationinsights',
        api_management_name: ref(json, 'azurerm_api_management', 'gateway_service', 'name'),
        api_management_logger_id: ref(json, 'azapi_resource', 'gateway_logger'),
        log_client_ip: false,
        always_log_errors: true,
      });
      for (const block of ['frontend_request', 'frontend_response', 'backend_request', 'backend_response']) {
        expect({ block, value: diagnostic[block] }).toEqual({ block, value: { body_bytes: 0, headers_to_log: [] } });
      }
    });

    test('an azapi update turns on custom metrics (metrics = true) on that diagnostic, again whenever azurerm rewrites it', () => {
      const diagnosticRef = ref(json, 'azurerm_api_management_diagnostic', 'gateway_app-insights');
      expect(onlyResource(json, 'azapi_update_resource')).toEqual({
        type: `Microsoft.ApiManagement/service/diagnostics@${APIM_API_VERSION}`,
        resource_id: diagnosticRef,
        body: { properties: { metrics: true } },
        // A bare address, as Terraform's JSON syntax takes it (not an interpolation).
        lifecycle: { replace_triggered_by: [diagnosticRef.replace(/^\$\{(.*)\.id\}$/, '$1')] },
      });
    });
  });

  test('the global policy is the rendered service-scope document', () => {
    expect(onlyResource(json, 'azurerm_api_management_policy')).toEqual({
      api_management_id: ref(json, 'azurerm_api_management', 'gateway_service'),
      xml_content: baseProps.policies.global,
    });
  });

  describe('backends', () => {
    const circuitBreaker = {
      accept_retry_after_enabled: true,
      failure_condition: expect.objectContaining({ status_code_range: [{ min: 429, max: 429 }, { min: 500, max: 599 }] }),
    };
    const tls = { validate_certificate_chain: true, validate_certificate_name: true };

    test('one per account and deployment the gateway serves, over https, each with its own breaker (429 and 5xx, Retry-After), TLS validated', () => {
      const models = resourcesOf(json, 'azurerm_api_management_backend').filter((b) => b.name.startsWith('models-'));
      expect(models.map((b) => b.name).sort()).toEqual(PRIMARY_DEPLOYMENTS.flatMap((d) => ['models-primary', 'models-failover'].map((a) => deploymentBackendId(a, d))).sort());
      for (const spec of baseProps.modelBackends) {
        for (const deployment of PRIMARY_DEPLOYMENTS) {
          const backend = resourceNamed(json, 'azurerm_api_management_backend', deploymentBackendId(spec.name, deployment));
          expect(backend).toMatchObject({ url: spec.url, protocol: 'http', tls, circuit_breaker_rule: circuitBreaker });
        }
      }
    });

    test('one azapi pool per served deployment, members by account priority; no tags (child resource)', () => {
      const pools = resourcesOf(json, 'azapi_resource').filter((r) => r.body?.properties?.type === 'Pool');
      expect(pools.map((p) => p.name).sort()).toEqual(PRIMARY_DEPLOYMENTS.map(deploymentPoolId).sort());
      for (const deployment of PRIMARY_DEPLOYMENTS) {
        const pool = resourceNamed(json, 'azapi_resource', deploymentPoolId(deployment));
        expect(pool.type).toBe(`Microsoft.ApiManagement/service/backends@${APIM_API_VERSION}`);
        expect(pool.parent_id).toBe(ref(json, 'azurerm_api_management', 'gateway_service'));
        expect(pool).not.toHaveProperty('tags');
        expect(pool.body.properties.pool.services).toEqual([
          { id: ref(json, 'azurerm_api_management_backend', `gateway_backend-models-primary-${deployment.replace(/\./g, '')}_`), priority: 1, weight: 1 },
          { id: ref(json, 'azurerm_api_management_backend', `gateway_backend-models-failover-${deployment.replace(/\./g, '')}_`), priority: 2, weight: 1 },
        ]);
      }
    });

    test('no embeddings backend without the semantic cache', () => {
      expect(resourcesOf(json, 'azurerm_api_management_backend').map((b) => b.name)).not.toContain(BACKEND_IDS.embeddings);
    });

    test('an embeddings backend with the semantic cache', () => {
      expect(resourceNamed(cached, 'azurerm_api_management_backend', BACKEND_IDS.embeddings)).toMatchObject({ url: EMBEDDINGS_URL, tls, circuit_breaker_rule: circuitBreaker });
      expect(resourcesOf(cached, 'azurerm_api_management_backend')).toHaveLength(2 * PRIMARY_DEPLOYMENTS.length + 1);
    });

    describe('content safety (authenticates with the gateway identity)', () => {
      test('an azapi backend (schema-validated body at 2024-05-01): https, TLS validated, the same breaker in ARM shape, no credentials, no tags', () => {
        expect(resourcesOf(json, 'azurerm_api_management_backend').map((b) => b.name)).not.toContain(BACKEND_IDS.contentSafety);
        const backend = resourceNamed(json, 'azapi_resource', BACKEND_IDS.contentSafety);
        expect(backend.type).toBe(`Microsoft.ApiManagement/service/backends@${APIM_API_VERSION}`);
        expect(backend.parent_id).toBe(ref(json, 'azurerm_api_management', 'gateway_service'));
        expect(backend).not.toHaveProperty('tags');
        expect(backend).not.toHaveProperty('schema_validation_enabled');
        expect(backend.body).toEqual({
          properties: {
            description: expect.any(String),
            url: CONTENT_SAFETY_URL,
            protocol: 'http',
            tls: { validateCertificateChain: true, validateCertificateName: true },
            circuitBreaker: {
              rules: [{
                name: 'trip-on-throttling-and-errors', tripDuration: 'PT1M', acceptRetryAfter: true,
                failureCondition: { count: 3, interval: 'PT1M', statusCodeRanges: [{ min: 429, max: 429 }, { min: 500, max: 599 }] },
              }],
            },
          },
        });
        // The same breaker as the model backends (azurerm shape).
        const model = resourcesOf(json, 'azurerm_api_management_backend')[0];
        expect(model.circuit_breaker_rule).toMatchObject({ name: 'trip-on-throttling-and-errors', trip_duration: 'PT1M', failure_condition: { count: 3, interval_duration: 'PT1M' } });
      });

      test('its managed-identity credentials by a PATCH action (If-Match: *) with the gateway identity\'s client id, sent again when the backend changes', () => {
        const action = onlyResource(json, 'azapi_resource_action');
        expect(action).toMatchObject({
          type: `Microsoft.ApiManagement/service/backends@${APIM_BACKEND_CREDENTIALS_API_VERSION}`,
          resource_id: ref(json, 'azapi_resource', 'gateway_backend-content-safety_'),
          method: 'PATCH',
          headers: { 'If-Match': '*' },
          body: { properties: { credentials: { managedIdentity: { clientId: CLIENT_ID, resource: COGNITIVE_SERVICES_AUDIENCE } } } },
        });
        expect(action).not.toHaveProperty('action');
        expect(COGNITIVE_SERVICES_AUDIENCE).toBe('https://cognitiveservices.azure.com');
        const backendKey = Object.keys(json.resource.azapi_resource).find((k) => k.startsWith('gateway_backend-content-safety_'));
        expect(action.lifecycle).toEqual({ replace_triggered_by: [`azapi_resource.${backendKey}`] });
      });

      test('the model API policy waits for the content-safety credentials and for every pool, backend and cache it names (GAI-APIM-031)', () => {
        const key = Object.keys(json.resource.azapi_resource_action)[0];
        const pools = Object.entries(json.resource.azapi_resource).filter(([, r]) => r.body?.properties?.type === 'Pool').map(([k]) => `azapi_resource.${k}`);
        expect(pools.length).toBeGreaterThan(0);
        const dependsOn = onlyResource(json, 'azurerm_api_management_api_policy').depends_on;
        expect(dependsOn[0]).toBe(`azapi_resource_action.${key}`);
        expect(dependsOn).toEqual(expect.arrayContaining(pools));
        const xml = onlyResource(json, 'azurerm_api_management_api_policy').xml_content as string;
        for (const id of [...xml.matchAll(/backend-id="([^"@]+)"/g)].map((m) => m[1])) {
          const named = Object.entries({ ...json.resource.azapi_resource, ...json.resource.azurerm_api_management_backend }).find(([, r]) => r.name === id);
          expect({ id, declared: named !== undefined }).toEqual({ id, declared: true });
          const address = `${json.resource.azapi_resource?.[named![0]] ? 'azapi_resource' : 'azurerm_api_management_backend'}.${named![0]}`;
          // The content-safety backend is awaited through its credentials action (which refers to it).
          if (id !== 'content-safety') expect({ id, awaited: dependsOn.includes(address) }).toEqual({ id, awaited: true });
        }
      });

      test('without an access grant, no propagation wait', () => {
        expect(resourcesOf(json, 'terraform_data')).toEqual([]);
        expect(onlyResource(json, 'azapi_resource_action')).not.toHaveProperty('depends_on');
      });

      test('with the Cognitive Services User grant, the credentials wait for it to propagate', () => {
        const stack = testStack();
        new AzapiProvider(stack, 'azapi');
        const grant = grantRole(stack, 'content-safety-user', { grantee: baseProps.managedIdentity, roleDefinitionName: 'Cognitive Services User', scopeResourceId: ACCOUNT_ID });
        new AiGateway(stack, 'gateway', { ...baseProps, contentSafety: { url: CONTENT_SAFETY_URL, accessGrant: grant } });
        const granted = synth(stack);
        const wait = onlyResource(granted, 'terraform_data');
        const grantKey = Object.keys(granted.resource.azurerm_role_assignment).find((k) => k.startsWith('content-safety-user'));
        expect(wait.depends_on).toEqual([`azurerm_role_assignment.${grantKey}`]);
        const waitKey = Object.keys(granted.resource.terraform_data)[0];
        expect(onlyResource(granted, 'azapi_resource_action').depends_on).toEqual([`terraform_data.${waitKey}`]);
      });

      test('refuses a content safety endpoint over http', () => {
        expect(() => gatewayStack({ contentSafety: { url: 'http://ais-genai-test-sdc-primary.cognitiveservices.azure.com' } }))
          .toThrow(/the content safety endpoint must use https/);
      });
    });
  });

  describe('external cache', () => {
    test('none without the semantic cache', () => {
      expect(resourcesOf(json, 'azurerm_api_management_redis_cache')).toEqual([]);
    });

    test("the Managed Redis as the external cache 'Default'", () => {
      expect(onlyResource(cached, 'azurerm_api_management_redis_cache')).toMatchObject({
        name: 'Default',
        api_management_id: ref(cached, 'azurerm_api_management', 'gateway_service'),
        connection_string: cacheProps.semanticCache!.redisConnectionString,
        redis_cache_id: REDIS_ID,
        cache_location: 'default',
      });
    });
  });

  describe('model API', () => {
    test('https at /openai, subscription key required and read from api-key', () => {
      expect(onlyResource(json, 'azurerm_api_management_api')).toMatchObject({
        name: 'azure-openai',
        path: 'openai',
        protocols: ['https'],
        subscription_required: true,
        subscription_key_parameter_names: { header: 'api-key', query: 'api-key' },
      });
    });

    test('declares the four OpenAI operations; the deployment ones take deployment-id', () => {
      const operations = resourcesOf(json, 'azurerm_api_management_api_operation');
      const apiName = ref(json, 'azurerm_api_management_api', 'gateway_model-api', 'name');
      const parameter = [{ name: 'deployment-id', required: true, type: 'string', description: expect.any(String) }];
      expect(operations.map((o) => [o.operation_id, o.method, o.url_template, o.api_name]).sort()).toEqual([
        ['chat-completions', 'POST', '/deployments/{deployment-id}/chat/completions', apiName],
        ['completions', 'POST', '/deployments/{deployment-id}/completions', apiName],
        ['embeddings', 'POST', '/deployments/{deployment-id}/embeddings', apiName],
        ['responses', 'POST', '/v1/responses', apiName],
      ]);
      for (const op of operations.filter((o) => o.operation_id !== 'responses')) expect(op.template_parameter).toEqual(parameter);
      expect(operations.find((o) => o.operation_id === 'responses')!.template_parameter).toBeUndefined();
    });

    test('its policy is the rendered model API document', () => {
      expect(onlyResource(json, 'azurerm_api_management_api_policy')).toMatchObject({
        api_name: ref(json, 'azurerm_api_management_api', 'gateway_model-api', 'name'),
        xml_content: baseProps.policies.modelApi,
      });
      expect(onlyResource(cached, 'azurerm_api_management_api_policy').xml_content).toBe(cacheProps.policies!.modelApi);
    });

    describe('with a real App synth (metadata kept)', () => {
      let tmp: string;
      beforeEach(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-gateway-')); });
      afterEach(() => { fs.rmSync(tmp, { recursive: true, force: true }); });

      test('the API policy carries the reasoned GAI-APIM-019 suppression, visible to the policy engine', () => {
        const app = new App({ outdir: tmp, skipValidation: true });
        const stack = new TerraformStack(app, 's');
        new AzapiProvider(stack, 'azapi');
        new AiGateway(stack, 'gateway', baseProps);
        app.synth();
        const doc = JSON.parse(fs.readFileSync(path.join(tmp, 'stacks', 's', 'cdk.tf.json'), 'utf8'));
        const policy = Object.values(doc.resource.azurerm_api_management_api_policy as Record<string, any>)[0];
        expect(policy['//'].suppressions).toEqual([{ ruleId: 'GAI-APIM-019', reason: expect.stringMatching(/<base \/>.*forward each request twice/s) }]);
        const suppressed = parsePlan(doc, 's.json').resources.filter((r) => r.suppressions.length > 0);
        expect(suppressed.map((r) => [r.type, r.suppressions.map((s) => s.ruleId)])).toEqual([['azurerm_api_management_api_policy', ['GAI-APIM-019']]]);
      });
    });
  });

  describe('teams', () => {
    test.each(TEAMS.map((t) => [t.team, t] as const))('%s: a published product needing approval, one subscription at most', (team) => {
      expect(byProduct(json, team)).toMatchObject({
        product_id: team, display_name: team, published: true, subscription_required: true, approval_required: true, subscriptions_limit: 1,
      });
    });

    test.each(TEAMS.map((t) => [t.team, t] as const))('%s: the product holds the model API', (team) => {
      const links = resourcesOf(json, 'azurerm_api_management_product_api').filter((l) => l.product_id === productRef(json, team, 'product_id'));
      expect(links).toEqual([expect.objectContaining({ api_name: ref(json, 'azurerm_api_management_api', 'gateway_model-api', 'name') })]);
    });

    test.each(TEAMS.map((t) => [t.team, t] as const))("%s: the product policy is the team's rendered document with its limits", (team, params) => {
      const policies = resourcesOf(json, 'azurerm_api_management_product_policy').filter((p) => p.product_id === productRef(json, team, 'product_id'));
      expect(policies).toHaveLength(1);
      const xml: string = policies[0].xml_content;
      expect(xml).toBe(baseProps.policies.products[team]);
      expect(xml).toContain(`<llm-token-limit counter-key="@(context.Subscription.Id)" tokens-per-minute="${params.tokensPerMinute}" token-quota="${params.tokenQuota}" token-quota-period="${params.tokenQuotaPeriod ?? 'Monthly'}"`);
      const perUser = [...xml.matchAll(/<llm-token-limit [^>]*tokens-per-minute="(\d+)"/g)].map((m) => Number(m[1]));
      expect(perUser).toEqual(params.perUserTokensPerMinute === undefined ? [params.tokensPerMinute] : [params.tokensPerMinute, params.perUserTokensPerMinute]);
    });

    test.each(TEAMS.map((t) => [t.team, t] as const))('%s: one active subscription to the product, tracing off', (team) => {
      const subscriptions = resourcesOf(json, 'azurerm_api_management_subscription').filter((s) => s.product_id === productRef(json, team, 'id'));
      expect(subscriptions).toEqual([expect.objectContaining({ allow_tracing: false, state: 'active', display_name: `${team} (platform-managed)` })]);
    });

    test('nothing per team beyond the listed teams', () => {
      for (const type of ['azurerm_api_management_product', 'azurerm_api_management_product_api', 'azurerm_api_management_product_policy', 'azurerm_api_management_subscription']) {
        expect({ type, count: resourcesOf(json, type).length }).toEqual({ type, count: TEAMS.length });
      }
    });
  });

  describe('validation', () => {
    test('refuses a gateway without model backends', () => {
      expect(() => gatewayStack({ modelBackends: [] })).toThrow(/test\/gateway: at least one model backend is required; exactly one model backend must have priority 1, found 0/);
    });

    test('refuses backends without a priority-1 primary', () => {
      expect(() => gatewayStack({ modelBackends: [{ ...baseProps.modelBackends[0], priority: 2 }] })).toThrow(/exactly one model backend must have priority 1/);
    });

    test('refuses a failover account that lacks a deployment the primary serves (every problem at once)', () => {
      const [primary, failover] = baseProps.modelBackends;
      expect(() => gatewayStack({ modelBackends: [primary, { ...failover, deployments: ['gpt-4.1'] }, { ...failover, name: 'models-third', priority: 3, deployments: ['gpt-4.1', 'gpt-4.1-mini'] }] }))
        .toThrow(/failover backend models-failover lacks deployments gpt-4\.1-mini, gpt-4\.1-ptu that the primary serves; failover backend models-third lacks deployment gpt-4\.1-ptu that the primary serves/);
    });

    test('refuses a primary that serves nothing', () => {
      expect(() => gatewayStack({ modelBackends: [{ ...baseProps.modelBackends[0], deployments: [] }] })).toThrow(/the primary model backend models-primary serves no deployment/);
    });

    test('refuses a backend over http', () => {
      expect(() => gatewayStack({ modelBackends: [{ ...baseProps.modelBackends[0], url: 'http://ais-genai-test-sdc-primary.openai.azure.com/openai' }] }))
        .toThrow(/backend models-primary must use https, got http:\/\/ais-genai-test-sdc-primary\.openai\.azure\.com\/openai/);
    });

    test('refuses a key in a backend URL', () => {
      expect(() => gatewayStack({ modelBackends: [{ ...baseProps.modelBackends[0], url: 'https://ais.openai.azure.com/openai?api-key=abc' }] }))
        .toThrow(/backend models-primary carries a key in its URL/);
    });

    test('refuses the Developer tier with 2 units', () => {
      expect(() => gatewayStack({ skuName: 'Developer', capacity: 2 })).toThrow(/the Developer tier has exactly 1 unit/);
      expect(() => gatewayStack({ capacity: 2 })).toThrow(/the Developer tier has exactly 1 unit/);
    });

    test('refuses zones without Premium', () => {
      expect(() => gatewayStack({ zones: ['1', '2'] })).toThrow(/availability zones need the Premium tier/);
    });

    test('refuses a team without a rendered product policy', () => {
      expect(() => gatewayStack({ teams: [...baseProps.teams, { name: 'contract-analytics' }] })).toThrow(/no product policy was rendered for team contract-analytics/);
    });

    test('reports every problem at once', () => {
      expect(() => gatewayStack({ capacity: 2, zones: ['1'], modelBackends: [{ name: 'm', url: 'http://m', priority: 3, deployments: [] }] }))
        .toThrow(/^test\/gateway: exactly one model backend must have priority 1, found 0; backend m must use https, got http:\/\/m; the Developer tier has exactly 1 unit; availability zones need the Premium tier$/);
    });
  });
});

/** The product of `team`. */
function byProduct(json: SynthJson, team: string): Record<string, any> {
  const found = resourcesOf(json, 'azurerm_api_management_product').filter((p) => p.product_id === team);
  expect(found).toHaveLength(1);
  return found[0];
}

/** A reference to an attribute of the product of `team`. */
function productRef(json: SynthJson, team: string, attribute: string): string {
  return ref(json, 'azurerm_api_management_product', `gateway_product-${team}_`, attribute);
}

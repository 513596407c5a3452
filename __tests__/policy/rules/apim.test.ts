import apim001 from '../../../policy/rules/apim/GAI-APIM-001';
import apim002 from '../../../policy/rules/apim/GAI-APIM-002';
import apim003 from '../../../policy/rules/apim/GAI-APIM-003';
import apim004 from '../../../policy/rules/apim/GAI-APIM-004';
import apim005 from '../../../policy/rules/apim/GAI-APIM-005';
import apim006 from '../../../policy/rules/apim/GAI-APIM-006';
import apim007 from '../../../policy/rules/apim/GAI-APIM-007';
import apim008 from '../../../policy/rules/apim/GAI-APIM-008';
import apim009 from '../../../policy/rules/apim/GAI-APIM-009';
import apim010 from '../../../policy/rules/apim/GAI-APIM-010';
import apim011 from '../../../policy/rules/apim/GAI-APIM-011';
import apim012 from '../../../policy/rules/apim/GAI-APIM-012';
import apim013 from '../../../policy/rules/apim/GAI-APIM-013';
import apim014 from '../../../policy/rules/apim/GAI-APIM-014';
import apim015 from '../../../policy/rules/apim/GAI-APIM-015';
import apim016 from '../../../policy/rules/apim/GAI-APIM-016';
import apim017 from '../../../policy/rules/apim/GAI-APIM-017';
import apim018 from '../../../policy/rules/apim/GAI-APIM-018';
import apim019 from '../../../policy/rules/apim/GAI-APIM-019';
import apim020 from '../../../policy/rules/apim/GAI-APIM-020';
import apim021 from '../../../policy/rules/apim/GAI-APIM-021';
import apim022 from '../../../policy/rules/apim/GAI-APIM-022';
import apim023 from '../../../policy/rules/apim/GAI-APIM-023';
import apim024 from '../../../policy/rules/apim/GAI-APIM-024';
import apim025 from '../../../policy/rules/apim/GAI-APIM-025';
import { Rule } from '../../../policy/rule';
import { FixtureResource, messagesOf, statusOf } from '../harness';

type Case = readonly [string, readonly FixtureResource[], string, { production?: boolean; address?: string }?];

/** Runs a table of [label, fixture, expected status, options]. */
function table(rule: Rule, cases: readonly Case[]) {
  describe(`${rule.id} ${rule.title}`, () => {
    test.each(cases.map((c) => [`${c[0]} -> ${c[2]}`, c[1], c[2], c[3] ?? {}] as const))('%s', (_, resources, expected, options) => {
      expect(statusOf(rule, resources, options)).toBe(expected);
    });
  });
}

const GW = 'azurerm_api_management';
const service = (values: Record<string, unknown> = {}, name = 'gw'): FixtureResource => ({
  type: GW, name, values: { name: 'apim-gw', sku_name: 'Developer_1', ...values },
});
const api = (values: Record<string, unknown> = {}): FixtureResource => ({
  type: 'azurerm_api_management_api', name: 'openai',
  values: { name: 'openai', api_management_name: '${azurerm_api_management.gw.name}', display_name: 'Azure OpenAI', protocols: ['https'], ...values },
});
const backend = (values: Record<string, unknown> = {}, name = 'aoai'): FixtureResource => ({
  type: 'azurerm_api_management_backend', name,
  values: { name, api_management_name: '${azurerm_api_management.gw.name}', protocol: 'http', url: 'https://aoai-dev.openai.azure.com/openai', ...values },
});
const apiPolicy = (xml: string): FixtureResource => ({
  type: 'azurerm_api_management_api_policy', name: 'openai-policy',
  values: { api_name: '${azurerm_api_management_api.openai.name}', api_management_name: '${azurerm_api_management.gw.name}', xml_content: xml },
});
const privateEndpoint: FixtureResource = {
  type: 'azurerm_private_endpoint', name: 'pe',
  values: { private_service_connection: { private_connection_resource_id: '${azurerm_api_management.gw.id}', subresource_names: ['Gateway'] } },
};

table(apim001, [
  ['Internal with a subnet', [service({ virtual_network_type: 'Internal', virtual_network_configuration: { subnet_id: '${azurerm_subnet.apim.id}' } })], 'compliant'],
  ['Internal without a subnet', [service({ virtual_network_type: 'Internal' })], 'non-compliant'],
  ['External', [service({ virtual_network_type: 'External', virtual_network_configuration: { subnet_id: 'x' } })], 'non-compliant'],
  ['missing (None) and no private endpoint', [service()], 'non-compliant'],
  ['private endpoint and public access off', [service({ sku_name: 'StandardV2_1', public_network_access_enabled: false }), privateEndpoint], 'compliant'],
  ['private endpoint but public access default', [service({ sku_name: 'StandardV2_1' }), privateEndpoint], 'non-compliant'],
  ['type from a variable', [service({ virtual_network_type: '${var.vnet_type}' })], 'unknown'],
]);

table(apim002, [
  ['private endpoint and public access off', [service({ public_network_access_enabled: false }), privateEndpoint], 'compliant'],
  ['private endpoint, public access missing (default true)', [service(), privateEndpoint], 'non-compliant'],
  ['private endpoint, public access true', [service({ public_network_access_enabled: true }), privateEndpoint], 'non-compliant'],
  ['private endpoint, public access from a variable', [service({ public_network_access_enabled: '${var.public}' }), privateEndpoint], 'unknown'],
  ['no private endpoint (Internal VNet)', [service({ virtual_network_type: 'Internal' })], 'not-applicable'],
]);

table(apim003, [
  ['no security block (defaults false)', [service()], 'compliant'],
  ['all protocols off', [service({ security: { frontend_tls10_enabled: false, frontend_tls11_enabled: false, backend_tls11_enabled: false } })], 'compliant'],
  ['frontend TLS 1.1 on', [service({ security: { frontend_tls11_enabled: true } })], 'non-compliant'],
  ['deprecated 3.x alias on', [service({ security: [{ enable_backend_ssl30: true }] })], 'non-compliant'],
  ['from a variable', [service({ security: { backend_tls10_enabled: '${var.legacy}' } })], 'unknown'],
]);

table(apim004, [
  ['no security block (defaults false)', [service()], 'compliant'],
  ['weak ciphers off, strong GCM on', [service({ security: { triple_des_ciphers_enabled: false, tls_rsa_with_aes256_gcm_sha384_ciphers_enabled: true } })], 'compliant'],
  ['3DES on', [service({ security: { triple_des_ciphers_enabled: true } })], 'non-compliant'],
  ['RSA CBC on', [service({ security: { tls_rsa_with_aes128_cbc_sha_ciphers_enabled: true } })], 'non-compliant'],
  ['from a variable', [service({ security: { tls_ecdhe_rsa_with_aes256_cbc_sha_ciphers_enabled: '${var.x}' } })], 'unknown'],
]);

table(apim005, [
  ['user-assigned identity', [service({ identity: { type: 'UserAssigned', identity_ids: ['${azurerm_user_assigned_identity.gw.id}'] } })], 'compliant'],
  ['no identity', [service()], 'non-compliant'],
  ['identity type from a variable', [service({ identity: { type: '${var.identity_type}' } })], 'unknown'],
]);

const zonal = { sku_name: 'Premium_3', zones: ['1', '2', '3'] };
table(apim006, [
  ['prod Premium_3 in 3 zones', [service(zonal)], 'compliant', { production: true }],
  ['prod PremiumV2_2 in 2 zones', [service({ sku_name: 'PremiumV2_2', zones: ['1', '2'] })], 'compliant', { production: true }],
  ['prod Developer', [service()], 'non-compliant', { production: true }],
  ['prod Premium without zones', [service({ sku_name: 'Premium_2' })], 'non-compliant', { production: true }],
  ['prod Premium_2 in 3 zones', [service({ sku_name: 'Premium_2', zones: ['1', '2', '3'] })], 'non-compliant', { production: true }],
  ['prod sku from a variable', [service({ sku_name: '${var.sku}' })], 'unknown', { production: true }],
  ['not production', [service()], 'not-applicable'],
]);

table(apim007, [
  ['2021-08-01', [service({ min_api_version: '2021-08-01' })], 'compliant'],
  ['2022-08-01', [service({ min_api_version: '2022-08-01' })], 'compliant'],
  ['2019-12-01', [service({ min_api_version: '2019-12-01' })], 'non-compliant'],
  ['missing', [service()], 'non-compliant'],
  ['from a variable', [service({ min_api_version: '${var.v}' })], 'unknown'],
]);

table(apim008, [
  ['Key Vault certificate', [service({ hostname_configuration: { proxy: [{ host_name: 'ai.contoso.com', key_vault_certificate_id: '${azurerm_key_vault_certificate.gw.versionless_secret_id}' }] } })], 'compliant'],
  ['inline certificate', [service({ hostname_configuration: { portal: [{ host_name: 'portal.contoso.com', certificate: 'MIIK...', certificate_password: 'p' }] } })], 'non-compliant'],
  ['no custom domains', [service()], 'not-applicable'],
]);

table(apim009, [
  ['sign-up disabled', [service({ sign_up: { enabled: false, terms_of_service: { enabled: false, consent_required: false } } })], 'compliant'],
  ['sign-up enabled', [service({ sign_up: { enabled: true, terms_of_service: { enabled: false, consent_required: false } } })], 'non-compliant'],
  ['missing (portal default)', [service()], 'non-compliant'],
  ['from a variable', [service({ sign_up: { enabled: '${var.signup}' } })], 'unknown'],
  ['Consumption has no portal', [service({ sku_name: 'Consumption_0' })], 'not-applicable'],
]);

table(apim010, [
  ['Consumption with client certificates', [service({ sku_name: 'Consumption_0', client_certificate_enabled: true })], 'compliant'],
  ['Consumption, missing (default false)', [service({ sku_name: 'Consumption_0' })], 'non-compliant'],
  ['Consumption, from a variable', [service({ sku_name: 'Consumption_0', client_certificate_enabled: '${var.c}' })], 'unknown'],
  ['Developer', [service()], 'not-applicable'],
]);

table(apim011, [
  ['https only', [api()], 'compliant'],
  ['https and wss', [api({ protocols: ['https', 'wss'] })], 'compliant'],
  ['http and https', [api({ protocols: ['http', 'https'] })], 'non-compliant'],
  ['ws', [api({ protocols: ['ws'] })], 'non-compliant'],
  ['missing', [api({ protocols: undefined })], 'non-compliant'],
  ['from a variable', [api({ protocols: '${var.protocols}' })], 'unknown'],
]);

const jwtPolicy = apiPolicy(`<policies><inbound><base />
  <validate-jwt header-name="Authorization" failed-validation-httpcode="401">
    <openid-config url="https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0/.well-known/openid-configuration" />
    <audiences><audience>api://ai-gateway</audience></audiences>
  </validate-jwt></inbound></policies>`);
table(apim012, [
  ['subscription_required missing (default true)', [service(), api()], 'compliant'],
  ['no subscription but validate-jwt', [service(), api({ subscription_required: false }), jwtPolicy], 'compliant'],
  ['no subscription and no token validation', [service(), api({ subscription_required: false }), apiPolicy('<policies><inbound><base /></inbound></policies>')], 'non-compliant'],
  ['no subscription, policy from xml_link', [service(), api({ subscription_required: false }), { ...jwtPolicy, values: { ...jwtPolicy.values, xml_content: undefined, xml_link: 'https://x/p.xml' } }], 'unknown'],
  ['subscription from a variable, no validation', [service(), api({ subscription_required: '${var.sub}' })], 'unknown'],
]);

table(apim013, [
  ['https', [api({ service_url: 'https://orders.internal.contoso.com/api' })], 'compliant'],
  ['https with an interpolated host', [api({ service_url: 'https://${azurerm_container_app.orders.latest_revision_fqdn}/api' })], 'compliant'],
  ['cognitive account endpoint', [{ type: 'azurerm_cognitive_account', name: 'aoai', values: { kind: 'OpenAI' } }, api({ service_url: '${azurerm_cognitive_account.aoai.endpoint}openai' })], 'compliant'],
  ['http', [api({ service_url: 'http://orders.internal.contoso.com/api' })], 'non-compliant'],
  ['from a variable', [api({ service_url: '${var.backend_url}' })], 'unknown'],
  ['not set', [api()], 'not-applicable'],
]);

table(apim014, [
  ['display name and description', [api({ description: 'Chat completions and embeddings for platform teams' })], 'compliant'],
  ['description from an expression', [api({ description: '${var.description}' })], 'compliant'],
  ['no description', [api()], 'non-compliant'],
  ['empty display name', [api({ display_name: ' ', description: 'd' })], 'non-compliant'],
]);

table(apim015, [
  ['https', [backend()], 'compliant'],
  ['http', [backend({ url: 'http://aoai-dev.openai.azure.com/openai' })], 'non-compliant'],
  ['substring https in an http URL', [backend({ url: 'http://https-proxy.contoso.com' })], 'non-compliant'],
  ['from a variable', [backend({ url: '${var.url}' })], 'unknown'],
]);

table(apim016, [
  ['no tls block (validation on)', [backend()], 'compliant'],
  ['explicit true', [backend({ tls: { validate_certificate_chain: true, validate_certificate_name: true } })], 'compliant'],
  ['chain validation off', [backend({ tls: { validate_certificate_chain: false } })], 'non-compliant'],
  ['name validation off (plan JSON list)', [backend({ tls: [{ validate_certificate_name: false }] })], 'non-compliant'],
  ['from a variable', [backend({ tls: { validate_certificate_name: '${var.v}' } })], 'unknown'],
]);

table(apim017, [
  ['no credentials', [backend()], 'compliant'],
  ['client certificate only', [backend({ url: 'https://orders.contoso.com', credentials: { certificate: ['ABC123'] } })], 'compliant'],
  ['api-key header on a model backend', [backend({ credentials: { header: { 'api-key': '{{aoai-key}}' } } })], 'non-compliant'],
  ['any header on a model backend', [backend({ credentials: { header: { 'x-team': 'a' } } })], 'non-compliant'],
  ['key in the query', [backend({ url: 'https://func.contoso.com', credentials: { query: { code: '{{func-key}}' } } })], 'non-compliant'],
  ['basic authorization', [backend({ url: 'https://legacy.contoso.com', credentials: { authorization: { scheme: 'Basic', parameter: 'dXNlcjpwYXNz' } } })], 'non-compliant'],
  ['non-secret header on another backend', [backend({ url: 'https://orders.contoso.com', credentials: { header: { 'x-team': 'a' } } })], 'compliant'],
]);

const breaker = (overrides: Record<string, unknown> = {}) => ({
  name: 'openai-breaker', trip_duration: 'PT1M', accept_retry_after_enabled: true,
  failure_condition: { count: 1, interval_duration: 'PT1M', status_code_range: [{ min: 429, max: 429 }, { min: 500, max: 599 }] },
  ...overrides,
});
table(apim018, [
  ['429 and 5xx with Retry-After', [backend({ circuit_breaker_rule: breaker() })], 'compliant'],
  ['no circuit breaker on a model backend', [backend()], 'non-compliant'],
  ['no 429', [backend({ circuit_breaker_rule: breaker({ failure_condition: { count: 3, interval_duration: 'PT1M', status_code_range: [{ min: 500, max: 599 }] } }) })], 'non-compliant'],
  ['Retry-After not honoured', [backend({ circuit_breaker_rule: breaker({ accept_retry_after_enabled: false }) })], 'non-compliant'],
  ['ranges from a variable', [backend({ circuit_breaker_rule: breaker({ failure_condition: { count: 1, interval_duration: 'PT1M', status_code_range: [{ min: '${var.min}', max: 429 }] } }) })], 'unknown'],
  ['url from a variable (cannot tell it is a model)', [backend({ url: '${var.url}' })], 'unknown'],
  ['not a model backend', [backend({ url: 'https://orders.contoso.com' })], 'not-applicable'],
]);

const productPolicy = (xml: string | undefined, extra: Record<string, unknown> = {}): FixtureResource => ({
  type: 'azurerm_api_management_product_policy', name: 'team-a',
  values: { product_id: '${azurerm_api_management_product.team-a.product_id}', api_management_name: 'apim-gw', xml_content: xml, ...extra },
});
table(apim019, [
  ['base in every declared section', [apiPolicy('<policies><inbound><base /><set-header name="x-team" exists-action="override"><value>a</value></set-header></inbound><backend><base /></backend><outbound><base /></outbound><on-error><base /></on-error></policies>')], 'compliant'],
  ['undeclared sections inherit', [productPolicy('<policies><inbound><base /><llm-token-limit counter-key="@(context.Subscription.Id)" tokens-per-minute="10000" /></inbound></policies>')], 'compliant'],
  ['inbound without base', [apiPolicy('<policies><inbound><set-backend-service backend-id="aoai" /></inbound><outbound><base /></outbound></policies>')], 'non-compliant'],
  ['on-error without base', [productPolicy('<policies><inbound><base /></inbound><on-error><return-response><set-status code="500" /></return-response></on-error></policies>')], 'non-compliant'],
  ['xml_link', [productPolicy(undefined, { xml_link: 'https://contoso.blob.core.windows.net/policies/team-a.xml' })], 'unknown'],
  ['not well-formed', [apiPolicy('<policies><inbound><base /></policies>')], 'unknown'],
  ['empty document', [apiPolicy('<policies />')], 'not-applicable'],
]);

const cors = (origin: string, method = 'POST') => `<policies><inbound><base />
  <cors allow-credentials="false"><allowed-origins><origin>${origin}</origin></allowed-origins>
  <allowed-methods><method>${method}</method></allowed-methods><allowed-headers><header>content-type</header></allowed-headers></cors>
  </inbound></policies>`;
const globalPolicy = (xml: string): FixtureResource => ({ type: 'azurerm_api_management_policy', name: 'global', values: { api_management_id: '${azurerm_api_management.gw.id}', xml_content: xml } });
table(apim020, [
  ['explicit origins and methods', [globalPolicy(cors('https://chat.contoso.com'))], 'compliant'],
  ['wildcard origin', [globalPolicy(cors('*'))], 'non-compliant'],
  ['wildcard method in an API policy', [apiPolicy(cors('https://chat.contoso.com', '*'))], 'non-compliant'],
  ['xml_link', [{ type: 'azurerm_api_management_policy', values: { api_management_id: 'x', xml_link: 'https://x/p.xml' } }], 'unknown'],
  ['no cors policy', [globalPolicy('<policies><inbound /></policies>')], 'not-applicable'],
]);

const namedValue = (values: Record<string, unknown>): FixtureResource => ({ type: 'azurerm_api_management_named_value', name: 'nv', values: { name: 'content-safety-key', display_name: 'content-safety-key', ...values } });
table(apim021, [
  ['secret from Key Vault', [namedValue({ secret: true, value_from_key_vault: { secret_id: '${azurerm_key_vault_secret.cs.versionless_id}' } })], 'compliant'],
  ['literal secret', [namedValue({ secret: true, value: 'abc123' })], 'non-compliant'],
  ['secret flag from a variable', [namedValue({ secret: '${var.secret}', value: 'abc' })], 'unknown'],
  ['plain setting', [namedValue({ name: 'tenant-id', value: '00000000-0000-0000-0000-000000000000' })], 'not-applicable'],
]);

const subscription = (values: Record<string, unknown>): FixtureResource => ({ type: 'azurerm_api_management_subscription', name: 'sub', values: { display_name: 'team-a', api_management_name: 'apim-gw', ...values } });
table(apim022, [
  ['product scoped, tracing off', [subscription({ product_id: '${azurerm_api_management_product.team-a.id}', allow_tracing: false })], 'compliant'],
  ['API scoped, tracing off', [subscription({ api_id: '${azurerm_api_management_api.openai.id}', allow_tracing: false })], 'compliant'],
  ['all APIs', [subscription({ allow_tracing: false })], 'non-compliant'],
  ['tracing missing (default true)', [subscription({ product_id: 'x' })], 'non-compliant'],
  ['tracing from a variable', [subscription({ product_id: 'x', allow_tracing: '${var.t}' })], 'unknown'],
]);

const product = (values: Record<string, unknown>): FixtureResource => ({ type: 'azurerm_api_management_product', name: 'team-a', values: { product_id: 'team-a', display_name: 'Team A', published: true, approval_required: true, subscription_required: true, ...values } });
table(apim023, [
  ['published, approval and subscription', [product({})], 'compliant'],
  ['unpublished without approval', [product({ published: false, approval_required: undefined })], 'compliant'],
  ['no subscription', [product({ subscription_required: false, approval_required: false })], 'non-compliant'],
  ['published without approval (default false)', [product({ approval_required: undefined })], 'non-compliant'],
  ['sample product', [product({ product_id: 'starter' })], 'non-compliant'],
  ['approval from a variable', [product({ approval_required: '${var.approval}' })], 'unknown'],
]);

const logger = (values: Record<string, unknown>): FixtureResource => ({ type: 'azurerm_api_management_logger', name: 'appi', values: { name: 'appi', api_management_name: 'apim-gw', ...values } });
table(apim024, [
  ['App Insights connection string', [logger({ resource_id: '${azurerm_application_insights.appi.id}', application_insights: { connection_string: '${azurerm_application_insights.appi.connection_string}' } })], 'compliant'],
  ['Event Hubs with managed identity', [logger({ eventhub: { name: 'gw-logs', endpoint_uri: 'sb://ns.servicebus.windows.net', user_assigned_identity_client_id: '${azurerm_user_assigned_identity.gw.client_id}' } })], 'compliant'],
  ['instrumentation key', [logger({ application_insights: { instrumentation_key: '${azurerm_application_insights.appi.instrumentation_key}' } })], 'non-compliant'],
  ['Event Hubs connection string', [logger({ eventhub: { name: 'gw-logs', connection_string: '${azurerm_eventhub_namespace.ns.default_primary_connection_string}' } })], 'non-compliant'],
]);

describe('GAI-APIM-025 diagnostics', () => {
  const diagnostic = (values: Record<string, unknown> = {}): FixtureResource => ({
    type: 'azurerm_api_management_diagnostic', name: 'appi',
    values: { identifier: 'applicationinsights', api_management_name: '${azurerm_api_management.gw.name}', api_management_logger_id: '${azurerm_api_management_logger.appi.id}', always_log_errors: true, verbosity: 'information', ...values },
  });
  const modelApi = api({ service_url: 'https://aoai-dev.openai.azure.com/openai' });
  test.each([
    ['a complete service diagnostic', [diagnostic()], 'compliant', false],
    ['always_log_errors missing', [diagnostic({ always_log_errors: undefined })], 'non-compliant', false],
    ['wrong identifier', [diagnostic({ identifier: 'eventhub' })], 'non-compliant', false],
    ['verbose in production', [diagnostic({ verbosity: 'verbose' })], 'non-compliant', true],
    ['verbose outside production', [diagnostic({ verbosity: 'verbose' })], 'compliant', false],
    ['identifier from a variable', [diagnostic({ identifier: '${var.id}' })], 'unknown', false],
  ] as const)('%s', (_, resources, expected, production) => {
    expect(statusOf(apim025, resources, { production })).toBe(expected);
  });
  const onApi = (resources: FixtureResource[]) => statusOf(apim025, resources, { address: 'azurerm_api_management_api.openai' });
  test('a model API covered by a service-wide diagnostic', () => {
    expect(onApi([service(), modelApi, diagnostic()])).toBe('compliant');
  });
  test('a model API covered by its API diagnostic', () => {
    expect(onApi([service(), modelApi, { type: 'azurerm_api_management_api_diagnostic', values: { api_name: '${azurerm_api_management_api.openai.name}', identifier: 'applicationinsights' } }])).toBe('compliant');
  });
  test('a model API without any diagnostic', () => {
    expect(onApi([service(), modelApi])).toBe('non-compliant');
    expect(messagesOf(apim025, [service(), modelApi], { address: 'azurerm_api_management_api.openai' })[0]).toMatch(/no `azurerm_api_management_api_diagnostic`/);
  });
  test('an API whose backend cannot be told', () => {
    expect(onApi([service(), api({ service_url: '${var.url}' })])).toBe('unknown');
  });
  test('a non-model API', () => {
    expect(onApi([service(), api({ service_url: 'https://orders.contoso.com' })])).toBe('not-applicable');
  });
});

describe('APIM messages name the attribute and the expectation', () => {
  test('GAI-APIM-003', () => {
    expect(messagesOf(apim003, [service({ security: { frontend_tls10_enabled: true } })])).toEqual(['`security.frontend_tls10_enabled` is true; expected false or unset']);
  });
  test('GAI-APIM-019', () => {
    expect(messagesOf(apim019, [apiPolicy('<policies><inbound><x /></inbound></policies>')])).toEqual(["<inbound> has no <base />: the parent scope's inbound policies are dropped"]);
  });
});

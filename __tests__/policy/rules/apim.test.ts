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
import apim026 from '../../../policy/rules/apim/GAI-APIM-026';
import apim027 from '../../../policy/rules/apim/GAI-APIM-027';
import apim028 from '../../../policy/rules/apim/GAI-APIM-028';
import apim029 from '../../../policy/rules/apim/GAI-APIM-029';
import apim030 from '../../../policy/rules/apim/GAI-APIM-030';
import apim031 from '../../../policy/rules/apim/GAI-APIM-031';
import { ResourceGraph } from '../../../policy/graph';
import { Outcome, Rule } from '../../../policy/rule';
import { bothFormats, FixtureResource, messagesOf, planOf, statusOf } from '../harness';

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

test('GAI-APIM-005 names the identity type it found, and what it expects when the type is unknown', () => {
  expect(messagesOf(apim005, [service({ identity: { type: 'None' } })])).toEqual(['`identity.type` is "None"; expected a SystemAssigned and/or UserAssigned identity']);
  expect(messagesOf(apim005, [service({ identity: { type: '${var.t}' } })])).toEqual(['`identity.type` is only known after apply (${var.t}); expected a SystemAssigned and/or UserAssigned identity']);
});

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

test('GAI-APIM-018 says whether Retry-After is off or unset', () => {
  const unset: Record<string, unknown> = breaker();
  delete unset.accept_retry_after_enabled;
  expect(messagesOf(apim018, [backend({ circuit_breaker_rule: unset })])).toEqual(['`circuit_breaker_rule.accept_retry_after_enabled` is not set; expected true so the trip lasts as long as the model asks']);
  expect(messagesOf(apim018, [backend({ circuit_breaker_rule: breaker({ accept_retry_after_enabled: false }) })])).toEqual(['`circuit_breaker_rule.accept_retry_after_enabled` is false; expected true so the trip lasts as long as the model asks']);
});

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

// ------------------------------------------------------------------------------------------------
// Functional rules (GAI-APIM-026..030): each on the shipped shape before issue 12 (non-compliant) and
// after (compliant), in cdk.tf.json and in `terraform show -json` form.

const gwIdentity: FixtureResource = { type: 'azurerm_user_assigned_identity', name: 'gw', values: { name: 'id-gw', client_id: '${azurerm_user_assigned_identity.gw.client_id}' } };
const appInsights: FixtureResource = { type: 'azurerm_application_insights', name: 'appi', values: { name: 'appi-gw' } };
const roleOn = (role: string, scope: string, name = 'ra'): FixtureResource => ({
  type: 'azurerm_role_assignment', name, values: { scope, role_definition_name: role, principal_id: '${azurerm_user_assigned_identity.gw.principal_id}' },
});
const azapiLogger = (split: boolean): FixtureResource => {
  const credentials = { connectionString: '${azurerm_application_insights.appi.connection_string}', identityClientId: '${azurerm_user_assigned_identity.gw.client_id}' };
  const properties = { loggerType: 'applicationInsights', resourceId: '${azurerm_application_insights.appi.id}', isBuffered: true };
  return {
    type: 'azapi_resource', name: 'logger',
    values: split
      ? { type: 'Microsoft.ApiManagement/service/loggers@2024-05-01', name: 'appinsights', parent_id: '${azurerm_api_management.gw.id}', body: { properties }, sensitive_body: { properties: { credentials } } }
      : { type: 'Microsoft.ApiManagement/service/loggers@2024-05-01', name: 'appinsights', parent_id: '${azurerm_api_management.gw.id}', body: { properties: { ...properties, credentials } } },
  };
};

describe('GAI-APIM-026 identity-based App Insights logger holds Monitoring Metrics Publisher', () => {
  const at = 'azapi_resource.logger';
  test('the shipped shape (no grant) fails in both formats', () => {
    expect(bothFormats(apim026, [service(), gwIdentity, appInsights, azapiLogger(false)], { address: at, production: true })).toEqual(['non-compliant', 'non-compliant']);
  });
  test('granted on the App Insights resource, credentials in sensitive_body: compliant in both formats', () => {
    expect(bothFormats(apim026, [service(), gwIdentity, appInsights, roleOn('Monitoring Metrics Publisher', '${azurerm_application_insights.appi.id}'), azapiLogger(true)], { address: at, production: true }))
      .toEqual(['compliant', 'compliant']);
  });
  test('another role, or the right role elsewhere, does not count', () => {
    expect(statusOf(apim026, [gwIdentity, appInsights, roleOn('Monitoring Reader', '${azurerm_application_insights.appi.id}'), azapiLogger(true)], { address: at })).toBe('non-compliant');
    expect(statusOf(apim026, [gwIdentity, appInsights, roleOn('Monitoring Metrics Publisher', '${azurerm_resource_group.rg.id}'), azapiLogger(true)], { address: at })).toBe('non-compliant');
  });
  test('a connection-string-only logger is not identity-based', () => {
    const logger = azapiLogger(false);
    const values = { ...logger.values, body: { properties: { loggerType: 'applicationInsights', resourceId: 'x', credentials: { connectionString: 'InstrumentationKey=x' } } } };
    expect(statusOf(apim026, [{ ...logger, values }], { address: at })).toBe('not-applicable');
  });
});

/** The content-safety path: an AI Services account, the API whose policy screens prompts with backend "content-safety". */
function contentSafetyPlan(backendShape: 'azurerm' | 'azapi', options: { credentials?: 'action' | 'body' | 'none'; clientId?: boolean; role?: string; method?: string; when?: string } = {}): FixtureResource[] {
  const credentials = options.credentials ?? 'action';
  const managedIdentity = options.clientId === false
    ? { resource: 'https://cognitiveservices.azure.com' }
    : { clientId: '${azurerm_user_assigned_identity.gw.client_id}', resource: 'https://cognitiveservices.azure.com' };
  const resources: FixtureResource[] = [
    service({ identity: { type: 'SystemAssigned, UserAssigned', identity_ids: ['${azurerm_user_assigned_identity.gw.id}'] } }),
    gwIdentity,
    { type: 'azurerm_cognitive_account', name: 'cs', values: { name: 'ais-primary', kind: 'AIServices', custom_subdomain_name: 'ais-primary' } },
    api(),
    apiPolicy('<policies><inbound><base /><llm-content-safety backend-id="content-safety" shield-prompt="true" /><set-backend-service backend-id="aoai" /></inbound></policies>'),
  ];
  if (backendShape === 'azurerm') {
    resources.push(backend({ url: '${azurerm_cognitive_account.cs.endpoint}' }, 'content-safety'));
  } else {
    const properties: Record<string, unknown> = { url: '${azurerm_cognitive_account.cs.endpoint}', protocol: 'http', tls: { validateCertificateChain: true, validateCertificateName: true } };
    if (credentials === 'body') properties.credentials = { managedIdentity };
    resources.push({
      type: 'azapi_resource', name: 'content-safety',
      values: { type: 'Microsoft.ApiManagement/service/backends@2024-05-01', name: 'content-safety', parent_id: '${azurerm_api_management.gw.id}', body: { properties } },
    });
  }
  if (credentials === 'action') {
    const target = backendShape === 'azapi' ? '${azapi_resource.content-safety.id}' : '${azurerm_api_management_backend.content-safety.id}';
    resources.push({
      type: 'azapi_resource_action', name: 'content-safety-credentials',
      values: {
        type: 'Microsoft.ApiManagement/service/backends@2024-06-01-preview', resource_id: target, method: options.method ?? 'PATCH', headers: { 'If-Match': '*' },
        ...(options.when ? { when: options.when } : {}),
        body: { properties: { credentials: { managedIdentity } } },
      },
    });
  }
  const role = options.role ?? 'Cognitive Services User';
  if (options.clientId === false) {
    resources.push({ type: 'azurerm_role_assignment', name: 'cs-user', values: { scope: '${azurerm_cognitive_account.cs.id}', role_definition_name: role, principal_id: '${azurerm_api_management.gw.identity[0].principal_id}' } });
  } else if (role !== '') {
    resources.push(roleOn(role, '${azurerm_cognitive_account.cs.id}', 'cs-user'));
  }
  return resources;
}

describe('GAI-APIM-027 the llm-content-safety backend authenticates, its identity holds Cognitive Services User on the account', () => {
  const at = 'azurerm_api_management_api.openai';
  test('the shipped shape (azurerm backend without credentials) fails in both formats, even with the grant', () => {
    expect(bothFormats(apim027, contentSafetyPlan('azurerm', { credentials: 'none' }), { address: at, production: true })).toEqual(['non-compliant', 'non-compliant']);
    expect(messagesOf(apim027, contentSafetyPlan('azurerm', { credentials: 'none' }), { address: at })[0])
      .toMatch(/backend azurerm_api_management_backend\.content-safety, which has no credentials/);
  });
  test('the new shape (azapi backend, managed identity by a PATCH action, Cognitive Services User on the account) passes in both formats', () => {
    expect(bothFormats(apim027, contentSafetyPlan('azapi'), { address: at, production: true })).toEqual(['compliant', 'compliant']);
  });
  test('the managed identity without the role, or with another role, fails in both formats', () => {
    expect(bothFormats(apim027, contentSafetyPlan('azapi', { role: '' }), { address: at, production: true })).toEqual(['non-compliant', 'non-compliant']);
    expect(bothFormats(apim027, contentSafetyPlan('azapi', { role: 'Cognitive Services OpenAI User' }), { address: at, production: true })).toEqual(['non-compliant', 'non-compliant']);
    expect(messagesOf(apim027, contentSafetyPlan('azapi', { role: '' }), { address: at })[0])
      .toMatch(/calls as azurerm_user_assigned_identity\.gw; it does not hold Cognitive Services User on azurerm_cognitive_account\.cs/);
  });
  test('the role by its built-in id counts', () => {
    const resources = contentSafetyPlan('azapi', { role: '' });
    resources.push({ type: 'azurerm_role_assignment', name: 'by-id', values: { scope: '${azurerm_cognitive_account.cs.id}', role_definition_id: '/providers/Microsoft.Authorization/roleDefinitions/a97b65f3-24c7-4388-baec-2e87135dc908', principal_id: '${azurerm_user_assigned_identity.gw.principal_id}' } });
    expect(statusOf(apim027, resources, { address: at })).toBe('compliant');
  });
  test('a PATCH on an azurerm backend counts too; a POST or a destroy-time action does not', () => {
    expect(statusOf(apim027, contentSafetyPlan('azurerm'), { address: at })).toBe('compliant');
    expect(statusOf(apim027, contentSafetyPlan('azapi', { method: 'POST' }), { address: at })).toBe('non-compliant');
    expect(statusOf(apim027, contentSafetyPlan('azapi', { when: 'destroy' }), { address: at })).toBe('non-compliant');
  });
  test('managed identity in the azapi body counts (compliant with the grant)', () => {
    expect(bothFormats(apim027, contentSafetyPlan('azapi', { credentials: 'body' }), { address: at, production: true })).toEqual(['compliant', 'compliant']);
  });
  test('without a client id, the gateway\'s system-assigned identity must hold the role', () => {
    expect(statusOf(apim027, contentSafetyPlan('azapi', { clientId: false }), { address: at })).toBe('compliant');
    const userAssignedOnly = contentSafetyPlan('azapi', { clientId: false }).filter((r) => r.name !== 'cs-user');
    userAssignedOnly.push(roleOn('Cognitive Services User', '${azurerm_cognitive_account.cs.id}', 'cs-user'));
    expect(statusOf(apim027, userAssignedOnly, { address: at })).toBe('non-compliant');
  });
  test('an authorization header credential counts', () => {
    const resources = contentSafetyPlan('azurerm', { credentials: 'none', role: '' }).map((r) => (r.type === 'azurerm_api_management_backend'
      ? { ...r, values: { ...r.values, credentials: { authorization: { scheme: 'Bearer', parameter: '{{content-safety-token}}' } } } } : r));
    expect(statusOf(apim027, resources, { address: at })).toBe('compliant');
  });
  test('an API without llm-content-safety is not applicable; an undeclared backend is unknown', () => {
    const noSafety = contentSafetyPlan('azapi').map((r) => (r.type === 'azurerm_api_management_api_policy' ? apiPolicy('<policies><inbound><base /></inbound></policies>') : r));
    expect(statusOf(apim027, noSafety, { address: at })).toBe('not-applicable');
    const elsewhere = contentSafetyPlan('azapi').filter((r) => r.name !== 'content-safety');
    expect(statusOf(apim027, elsewhere, { address: at })).toBe('unknown');
  });
});

describe('GAI-APIM-030 retry conditions do not read StatusReason', () => {
  const retry = (condition: string) => apiPolicy(`<policies><inbound><base /></inbound><backend><retry condition="${condition}" count="2" interval="1"><forward-request /></retry></backend></policies>`);
  const old = '@(context.Response.StatusCode == 429 || (context.Response.StatusCode == 503 &amp;&amp; !context.Response.StatusReason.Contains(&quot;Backend pool&quot;)))';
  const fixed = '@(context.Response.StatusCode == 429 || (context.Response.StatusCode == 503 &amp;&amp; context.Response.Headers.ContainsKey(&quot;x-ms-region&quot;)))';
  const at = 'azurerm_api_management_api_policy.openai-policy';
  test('the shipped StatusReason wording fails in both formats', () => {
    expect(bothFormats(apim030, [service(), api(), retry(old)], { address: at, production: true })).toEqual(['non-compliant', 'non-compliant']);
  });
  test('a header-based condition passes in both formats', () => {
    expect(bothFormats(apim030, [service(), api(), retry(fixed)], { address: at, production: true })).toEqual(['compliant', 'compliant']);
  });
  test('no retry is not applicable', () => {
    expect(statusOf(apim030, [apiPolicy('<policies><inbound><base /></inbound></policies>')])).toBe('not-applicable');
  });
});

describe('GAI-APIM-031 a policy waits for the backends and caches it names', () => {
  const pool: FixtureResource = {
    type: 'azapi_resource', name: 'pool',
    values: { type: 'Microsoft.ApiManagement/service/backends@2024-05-01', name: 'pool-gpt-4-1', parent_id: '${azurerm_api_management.gw.id}', body: { properties: { type: 'Pool', pool: { services: [{ id: '${azurerm_api_management_backend.aoai.id}', priority: 1 }] } } } },
  };
  const cache: FixtureResource = { type: 'azurerm_api_management_redis_cache', name: 'cache', values: { name: 'Default', api_management_id: '${azurerm_api_management.gw.id}', connection_string: '${azurerm_managed_redis.r.id}' } };
  const xml = '<policies><inbound><base /><azure-openai-semantic-cache-lookup score-threshold="0.1" embeddings-backend-id="aoai" embeddings-backend-auth="system-assigned"><vary-by>@(context.Subscription.Id)</vary-by></azure-openai-semantic-cache-lookup><set-backend-service backend-id="pool-gpt-4-1" /></inbound></policies>';
  const policy = (dependsOn?: string[]): FixtureResource => ({ ...apiPolicy(xml), values: { ...apiPolicy(xml).values, ...(dependsOn ? { depends_on: dependsOn } : {}) } });
  const at = 'azurerm_api_management_api_policy.openai-policy';
  const all = ['azapi_resource.pool', 'azurerm_api_management_backend.aoai', 'azurerm_api_management_redis_cache.cache'];

  test('the old shipped shape: the policy names its pool, embeddings backend and cache by id only, with no dependency', () => {
    expect(bothFormats(apim031, [service(), api(), backend(), pool, cache, policy()], { address: at, production: true })).toEqual(['non-compliant', 'non-compliant']);
    // Waiting for the cache only: the pool and the embeddings backend can still come after the policy.
    const graph = new ResourceGraph(planOf([service(), api(), backend(), pool, cache, policy(['azurerm_api_management_redis_cache.cache'])]));
    const result = apim031.check(graph.get(at)!, { graph, production: true }) as Outcome[];
    expect(result.map((o) => ('message' in o ? o.message : o.status))).toEqual([
      '<set-backend-service backend-id="pool-gpt-4-1"> names azapi_resource.pool, which the policy does not depend on: the policy can be sent before it exists and APIM refuses it',
      '<azure-openai-semantic-cache-lookup embeddings-backend-id="aoai"> names azurerm_api_management_backend.aoai, which the policy does not depend on: the policy can be sent before it exists and APIM refuses it',
    ]);
    // Waiting for the pool covers the backend it lists.
    expect(statusOf(apim031, [service(), api(), backend(), pool, cache, policy(['azapi_resource.pool', 'azurerm_api_management_redis_cache.cache'])], { address: at })).toBe('compliant');
  });

  test('depending on every one of them passes, in both formats', () => {
    expect(bothFormats(apim031, [service(), api(), backend(), pool, cache, policy(all)], { address: at, production: true })).toEqual(['compliant', 'compliant']);
  });

  test('a computed backend-id or a backend outside the plan is not judged here', () => {
    const computed = apiPolicy('<policies><inbound><set-backend-service backend-id="@(&quot;pool-&quot; + (string)context.Variables[&quot;d&quot;])" /><set-backend-service backend-id="elsewhere" /></inbound></policies>');
    expect(statusOf(apim031, [service(), api(), computed], { address: at })).toBe('not-applicable');
  });
});

/** Two accounts (primary with a PTU deployment the failover lacks), their deployments and backends. */
function modelPlan(options: { perDeployment: boolean; failoverDeployments?: readonly string[] }): FixtureResource[] {
  const accounts = [['primary', ['gpt-4.1', 'gpt-4.1-ptu']], ['failover', options.failoverDeployments ?? ['gpt-4.1']]] as const;
  const resources: FixtureResource[] = [service()];
  for (const [account, deployments] of accounts) {
    resources.push({ type: 'azurerm_cognitive_account', name: account, values: { name: `ais-${account}`, kind: 'AIServices', custom_subdomain_name: `ais-${account}` } });
    deployments.forEach((d) => resources.push({ type: 'azurerm_cognitive_deployment', name: `${account}-${d.replace(/\./g, '')}`, values: { name: d, cognitive_account_id: `\${azurerm_cognitive_account.${account}.id}` } }));
  }
  const backend = (account: string, suffix = ''): FixtureResource => ({
    type: 'azurerm_api_management_backend', name: `${account}${suffix}`,
    values: { name: `models-${account}${suffix}`, api_management_name: '${azurerm_api_management.gw.name}', protocol: 'http', url: `https://ais-${account}.openai.azure.com/openai` },
  });
  const pool = (name: string, members: readonly string[]): FixtureResource => ({
    type: 'azapi_resource', name,
    values: { type: 'Microsoft.ApiManagement/service/backends@2024-05-01', name, parent_id: '${azurerm_api_management.gw.id}', body: { properties: { type: 'Pool', pool: { services: members.map((m, i) => ({ id: `\${azurerm_api_management_backend.${m}.id}`, priority: i + 1 })) } } } },
  });
  let selection: string;
  if (options.perDeployment) {
    for (const d of ['gpt-4.1', 'gpt-4.1-ptu']) {
      const key = d.replace(/\./g, '');
      const members = accounts.filter(([, ds]) => ds.includes(d as never)).map(([a]) => `${a}-${key}`);
      members.forEach((m) => resources.push(backend(m.split('-')[0], `-${key}`)));
      resources.push(pool(`pool-${key}`, options.failoverDeployments ? ['primary', 'failover'].map((a) => `${a}-${key}`) : members));
    }
    selection = '<choose>' + ['gpt-4.1', 'gpt-4.1-ptu'].map((d) => `<when condition="@((string)context.Variables[&quot;routedDeployment&quot;] == &quot;${d}&quot;)"><set-backend-service backend-id="pool-${d.replace(/\./g, '')}" /></when>`).join('') + '</choose>';
  } else {
    resources.push(backend('primary'), backend('failover'), pool('model-pool', ['primary', 'failover']));
    selection = '<set-backend-service backend-id="model-pool" />';
  }
  resources.push(api(), apiPolicy(`<policies><inbound><base />${selection}</inbound></policies>`));
  return resources;
}

describe('GAI-APIM-028 every pool member serves every deployment routed to the pool', () => {
  test('the shipped shape (one pool for every deployment, failover without the PTU deployment) fails in both formats', () => {
    expect(bothFormats(apim028, modelPlan({ perDeployment: false }), { address: 'azapi_resource.model-pool', production: true })).toEqual(['non-compliant', 'non-compliant']);
    expect(messagesOf(apim028, modelPlan({ perDeployment: false }), { address: 'azapi_resource.model-pool' }))
      .toEqual(['pool member azurerm_api_management_backend.failover does not serve gpt-4.1-ptu, routed to pool "model-pool": on failover those requests get 404']);
  });
  test('pools per deployment with only the accounts that serve it pass in both formats', () => {
    for (const pool of ['azapi_resource.pool-gpt-41', 'azapi_resource.pool-gpt-41-ptu']) {
      expect(bothFormats(apim028, modelPlan({ perDeployment: true }), { address: pool, production: true })).toEqual(['compliant', 'compliant']);
    }
  });
  test('a per-deployment pool listing an account without the deployment fails', () => {
    const resources = modelPlan({ perDeployment: true, failoverDeployments: ['gpt-4.1'] });
    expect(statusOf(apim028, resources, { address: 'azapi_resource.pool-gpt-41-ptu' })).toBe('unknown'); // its member backend is not declared
    const fixed = modelPlan({ perDeployment: true, failoverDeployments: ['gpt-4.1', 'gpt-4.1-ptu'] });
    expect(statusOf(apim028, fixed, { address: 'azapi_resource.pool-gpt-41-ptu' })).toBe('compliant');
  });
  test('a pool no policy routes to is not applicable', () => {
    const resources = modelPlan({ perDeployment: false }).filter((r) => r.type !== 'azurerm_api_management_api_policy');
    expect(statusOf(apim028, resources, { address: 'azapi_resource.model-pool' })).toBe('not-applicable');
  });
});

describe('GAI-APIM-029 every model operation goes through allow-list, token limit, content safety and routing', () => {
  const operation = (id: string, url: string): FixtureResource => ({
    type: 'azurerm_api_management_api_operation', name: id,
    values: { operation_id: id, api_name: '${azurerm_api_management_api.openai.name}', api_management_name: '${azurerm_api_management.gw.name}', method: 'POST', url_template: url },
  });
  const oldAllowList = '<choose><when condition="@(context.Request.MatchedParameters.ContainsKey(&quot;deployment-id&quot;) &amp;&amp; !new [] { &quot;gpt-4.1&quot; }.Contains(context.Request.MatchedParameters[&quot;deployment-id&quot;]))"><return-response><set-status code="403" /></return-response></when></choose>';
  const newAllowList = '<choose><when condition="@(!new [] { &quot;gpt-4.1&quot; }.Contains(context.Variables.GetValueOrDefault&lt;string&gt;(&quot;requestedDeployment&quot;, &quot;&quot;)))"><return-response><set-status code="403" /></return-response></when></choose>';
  const requested = '<set-variable name="requestedDeployment" value="@{ if (context.Request.MatchedParameters.ContainsKey(&quot;deployment-id&quot;)) { return context.Request.MatchedParameters[&quot;deployment-id&quot;]; } var body = context.Request.Body?.As&lt;JObject&gt;(preserveContent: true); return ((body?[&quot;model&quot;] as JValue)?.Value as string) ?? &quot;&quot;; }" />';
  const gateway = (allowList: string, before: string): FixtureResource[] => [
    service(), backend(), api(),
    apiPolicy(`<policies><inbound>${before}<base /><llm-content-safety backend-id="cs" shield-prompt="true" /><set-backend-service backend-id="aoai" /></inbound></policies>`),
    { type: 'azurerm_api_management_product', name: 'team-a', values: { product_id: 'team-a', api_management_name: '${azurerm_api_management.gw.name}' } },
    { type: 'azurerm_api_management_product_api', name: 'team-a', values: { product_id: '${azurerm_api_management_product.team-a.product_id}', api_name: '${azurerm_api_management_api.openai.name}', api_management_name: '${azurerm_api_management.gw.name}' } },
    productPolicy(`<policies><inbound><base />${allowList}<llm-token-limit counter-key="@(context.Subscription.Id)" tokens-per-minute="1000" /></inbound></policies>`, { api_management_name: '${azurerm_api_management.gw.name}' }),
    operation('chat', '/deployments/{deployment-id}/chat/completions'),
    operation('responses', '/responses'),
  ];
  test('the shipped shape: /responses skips the path-keyed allow-list (both formats); path operations pass', () => {
    expect(bothFormats(apim029, gateway(oldAllowList, ''), { address: 'azurerm_api_management_api_operation.responses', production: true })).toEqual(['non-compliant', 'non-compliant']);
    expect(messagesOf(apim029, gateway(oldAllowList, ''), { address: 'azurerm_api_management_api_operation.responses' })[0]).toMatch(/allow-list reads the path's \{deployment-id\}, which \/responses has not/);
    expect(statusOf(apim029, gateway(oldAllowList, ''), { address: 'azurerm_api_management_api_operation.chat' })).toBe('compliant');
  });
  test('the requested deployment read from the body before <base />: every operation passes in both formats', () => {
    for (const op of ['chat', 'responses']) {
      expect(bothFormats(apim029, gateway(newAllowList, requested), { address: `azurerm_api_management_api_operation.${op}`, production: true })).toEqual(['compliant', 'compliant']);
    }
  });
  test('an allow-list on a variable nobody reads from the body fails for /responses', () => {
    const pathOnly = '<set-variable name="requestedDeployment" value="@(context.Request.MatchedParameters[&quot;deployment-id&quot;])" />';
    expect(statusOf(apim029, gateway(newAllowList, pathOnly), { address: 'azurerm_api_management_api_operation.responses' })).toBe('non-compliant');
  });
  test('an operation without a token limit or content safety fails', () => {
    const resources = gateway(newAllowList, requested).map((r) => (r.type === 'azurerm_api_management_api_policy'
      ? apiPolicy(`<policies><inbound>${requested}<base /><set-backend-service backend-id="aoai" /></inbound></policies>`) : r));
    expect(messagesOf(apim029, resources, { address: 'azurerm_api_management_api_operation.chat' })[0]).toMatch(/no llm-content-safety/);
  });
});

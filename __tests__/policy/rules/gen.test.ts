import gen001 from '../../../policy/rules/gen/GAI-GEN-001';
import gen002 from '../../../policy/rules/gen/GAI-GEN-002';
import gen003 from '../../../policy/rules/gen/GAI-GEN-003';
import gen004 from '../../../policy/rules/gen/GAI-GEN-004';
import gen005 from '../../../policy/rules/gen/GAI-GEN-005';
import gen006 from '../../../policy/rules/gen/GAI-GEN-006';
import gen007 from '../../../policy/rules/gen/GAI-GEN-007';
import gen008 from '../../../policy/rules/gen/GAI-GEN-008';
import gen009 from '../../../policy/rules/gen/GAI-GEN-009';
import gen010 from '../../../policy/rules/gen/GAI-GEN-010';
import gen011 from '../../../policy/rules/gen/GAI-GEN-011';
import gen012 from '../../../policy/rules/gen/GAI-GEN-012';
import gen013 from '../../../policy/rules/gen/GAI-GEN-013';
import gen014 from '../../../policy/rules/gen/GAI-GEN-014';
import gen015 from '../../../policy/rules/gen/GAI-GEN-015';
import { Rule } from '../../../policy/rule';
import { FixtureResource, messagesOf, ref, statusOf } from '../harness';
import gen016 from '../../../policy/rules/gen/GAI-GEN-016';
import gen017 from '../../../policy/rules/gen/GAI-GEN-017';
import { parsePlan } from '../../../policy/plan';
import { ResourceGraph } from '../../../policy/graph';

// ------------------------------------------------------------------------------------------------
// A realistic AI gateway: APIM with a user-assigned identity, an Azure OpenAI account behind a
// backend, a Content Safety account, a team product with a subscription, and the OpenAI API policy.

const INBOUND = {
  auth: `<validate-azure-ad-token tenant-id="{{tenant-id}}">
      <audiences><audience>api://ai-gateway</audience></audiences>
    </validate-azure-ad-token>`,
  cache: `<azure-openai-semantic-cache-lookup score-threshold="0.05" embeddings-backend-id="embeddings" embeddings-backend-auth="system-assigned">
      <vary-by>@(context.Subscription.Id)</vary-by>
    </azure-openai-semantic-cache-lookup>`,
  limit: '<llm-token-limit counter-key="@(context.Subscription.Id)" tokens-per-minute="10000" token-quota="5000000" token-quota-period="Monthly" estimate-prompt-tokens="true" remaining-tokens-header-name="x-remaining-tokens" />',
  safety: '<llm-content-safety backend-id="content-safety" shield-prompt="true" />',
  metric: `<llm-emit-token-metric namespace="genai">
      <dimension name="Subscription ID" />
      <dimension name="API ID" />
      <dimension name="model" value="@(context.Request.MatchedParameters[&quot;deployment-id&quot;])" />
    </llm-emit-token-metric>`,
  identity: '<authentication-managed-identity resource="https://cognitiveservices.azure.com" client-id="{{gateway-client-id}}" />',
  backend: '<set-backend-service backend-id="${azurerm_api_management_backend.aoai.name}" />',
};
type Stage = keyof typeof INBOUND;
const ORDER: Stage[] = ['auth', 'cache', 'limit', 'safety', 'metric', 'identity', 'backend'];

/** The OpenAI API policy with the given inbound stages (in that order) after <base />. */
function policyXml(stages: Stage[] = ORDER, replace: Partial<Record<Stage, string>> = {}, base = true): string {
  return `<policies>
  <inbound>
    ${base ? '<base />' : ''}
    ${stages.map((s) => replace[s] ?? INBOUND[s]).join('\n    ')}
  </inbound>
  <backend>
    <retry condition="@(context.Response.StatusCode == 429 || context.Response.StatusCode >= 500)" count="2" interval="1" first-fast-retry="true">
      <forward-request buffer-request-body="true" />
    </retry>
  </backend>
  <outbound><base /><azure-openai-semantic-cache-store duration="120" /></outbound>
  <on-error><base /></on-error>
</policies>`;
}


interface KitOptions {
  readonly xml?: string;
  readonly api?: Record<string, unknown>;
  readonly productXml?: string;
  readonly extra?: readonly FixtureResource[];
  readonly without?: readonly string[];
  readonly replace?: Readonly<Record<string, Record<string, unknown>>>;
}

function kit(options: KitOptions = {}): FixtureResource[] {
  const resources: FixtureResource[] = [
    { type: 'azurerm_resource_group', name: 'ai', values: { name: 'rg-genai-dev', location: 'swedencentral' } },
    { type: 'azurerm_user_assigned_identity', name: 'gw', values: { name: 'id-gateway' } },
    {
      type: 'azurerm_api_management', name: 'gw',
      values: { name: 'apim-genai-dev', sku_name: 'Developer_1', virtual_network_type: 'Internal', identity: { type: 'UserAssigned', identity_ids: [ref('azurerm_user_assigned_identity.gw')] } },
    },
    {
      type: 'azurerm_cognitive_account', name: 'aoai',
      values: { name: 'aoai-genai-dev', kind: 'OpenAI', custom_subdomain_name: 'aoai-genai-dev', resource_group_name: ref('azurerm_resource_group.ai', 'name'), local_auth_enabled: false, public_network_access_enabled: false },
    },
    {
      type: 'azurerm_cognitive_account', name: 'cs',
      values: { name: 'cs-genai-dev', kind: 'ContentSafety', custom_subdomain_name: 'cs-genai-dev', resource_group_name: ref('azurerm_resource_group.ai', 'name'), local_auth_enabled: false, public_network_access_enabled: false },
    },
    {
      type: 'azurerm_cognitive_deployment', name: 'gpt4o',
      values: { name: 'gpt-4o', cognitive_account_id: ref('azurerm_cognitive_account.aoai'), model: { format: 'OpenAI', name: 'gpt-4o', version: '2024-11-20' }, sku: { name: 'GlobalStandard', capacity: 100 }, rai_policy_name: ref('azurerm_cognitive_account_rai_policy.strict', 'name') },
    },
    {
      type: 'azurerm_api_management_backend', name: 'aoai',
      values: { name: 'aoai', api_management_name: ref('azurerm_api_management.gw', 'name'), protocol: 'http', url: `${ref('azurerm_cognitive_account.aoai', 'endpoint')}openai`, resource_id: ref('azurerm_cognitive_account.aoai') },
    },
    {
      type: 'azurerm_api_management_backend', name: 'embeddings',
      values: { name: 'embeddings', api_management_name: ref('azurerm_api_management.gw', 'name'), protocol: 'http', url: 'https://aoai-genai-dev.openai.azure.com/openai/deployments/text-embedding-3-large/embeddings' },
    },
    {
      type: 'azurerm_api_management_backend', name: 'content-safety',
      values: { name: 'content-safety', api_management_name: ref('azurerm_api_management.gw', 'name'), protocol: 'http', url: ref('azurerm_cognitive_account.cs', 'endpoint'), resource_id: ref('azurerm_cognitive_account.cs') },
    },
    {
      type: 'azurerm_role_assignment', name: 'gw-cs',
      values: { scope: ref('azurerm_cognitive_account.cs'), role_definition_name: 'Cognitive Services User', principal_id: ref('azurerm_user_assigned_identity.gw', 'principal_id'), principal_type: 'ServicePrincipal' },
    },
    {
      type: 'azurerm_api_management_api', name: 'openai',
      values: { name: 'openai', api_management_name: ref('azurerm_api_management.gw', 'name'), revision: '1', display_name: 'Azure OpenAI', path: 'openai', protocols: ['https'], ...options.api },
    },
    {
      type: 'azurerm_api_management_api_policy', name: 'openai',
      values: { api_name: ref('azurerm_api_management_api.openai', 'name'), api_management_name: ref('azurerm_api_management.gw', 'name'), xml_content: options.xml ?? policyXml() },
    },
    { type: 'azurerm_api_management_product', name: 'team-a', values: { product_id: 'team-a', display_name: 'Team A', api_management_name: ref('azurerm_api_management.gw', 'name'), published: true, subscription_required: true, approval_required: true } },
    { type: 'azurerm_api_management_product_api', name: 'team-a-openai', values: { product_id: ref('azurerm_api_management_product.team-a', 'product_id'), api_name: ref('azurerm_api_management_api.openai', 'name'), api_management_name: ref('azurerm_api_management.gw', 'name') } },
    { type: 'azurerm_api_management_product_policy', name: 'team-a', values: { product_id: ref('azurerm_api_management_product.team-a', 'product_id'), api_management_name: ref('azurerm_api_management.gw', 'name'), xml_content: options.productXml ?? '<policies><inbound><base /></inbound></policies>' } },
    { type: 'azurerm_api_management_subscription', name: 'team-a', values: { display_name: 'team-a', product_id: ref('azurerm_api_management_product.team-a'), api_management_name: ref('azurerm_api_management.gw', 'name'), allow_tracing: false } },
    { type: 'azurerm_api_management_redis_cache', name: 'default', values: { name: 'Default', api_management_id: ref('azurerm_api_management.gw'), connection_string: ref('azurerm_managed_redis.cache', 'primary_access_key'), cache_location: 'swedencentral' } },
    { type: 'azurerm_consumption_budget_resource_group', name: 'ai', values: { name: 'budget-rg-genai-dev', resource_group_id: ref('azurerm_resource_group.ai'), amount: 1000, time_grain: 'Monthly' } },
    ...(options.extra ?? []),
  ];
  return resources
    .filter((r) => !options.without?.includes(`${r.type}.${r.name ?? ''}`))
    .map((r) => {
      const patch = options.replace?.[`${r.type}.${r.name ?? ''}`];
      return patch ? { ...r, values: { ...r.values, ...patch } } : r;
    });
}

const API = { address: 'azurerm_api_management_api.openai' };

/** An azapi backend pool (azurerm 4.55 cannot declare pools). */
const pool = (services: Record<string, unknown>[]): FixtureResource => ({
  type: 'azapi_resource', name: 'pool',
  values: { type: 'Microsoft.ApiManagement/service/backends@2024-06-01-preview', name: 'openai-pool', parent_id: ref('azurerm_api_management.gw'), body: { properties: { type: 'Pool', pool: { services } } } },
});
type Case = readonly [string, readonly FixtureResource[], string];

function onApi(rule: Rule, cases: readonly Case[]) {
  describe(`${rule.id} ${rule.title}`, () => {
    test.each(cases.map(([label, resources, expected]) => [`${label} -> ${expected}`, resources, expected] as const))('%s', (_, resources, expected) => {
      expect(statusOf(rule, resources, API)).toBe(expected);
    });
  });
}

/** Cases every model-API rule shares: not applicable to other APIs, unknown when the policy or backend cannot be read. */
const common = (rule: Rule): Case[] => {
  const cases: Case[] = [
    ['an API that does not front a model', kit({ xml: policyXml(['auth'], {}), api: { service_url: 'https://orders.internal.contoso.com/api' } }), 'not-applicable'],
    ['policy loaded from xml_link', kit({ replace: { 'azurerm_api_management_api_policy.openai': { xml_content: undefined, xml_link: 'https://stgenai.blob.core.windows.net/policies/openai.xml' } }, api: { service_url: 'https://aoai-genai-dev.openai.azure.com/openai' } }), 'unknown'],
    ['backend-id not declared in the plan', kit({ xml: policyXml(ORDER, { backend: '<set-backend-service backend-id="openai-pool" />' }) }), 'unknown'],
  ];
  return cases.map(([label, resources, expected]) => [`${rule.id}: ${label}`, resources, expected] as const);
};

onApi(gen001, [
  ['rate and quota limit keyed per subscription', kit(), 'compliant'],
  ['quota only', kit({ xml: policyXml(ORDER, { limit: '<azure-openai-token-limit counter-key="@(context.Subscription.Id)" token-quota="100000" token-quota-period="Daily" estimate-prompt-tokens="false" />' }) }), 'compliant'],
  ['limit set at product scope only', kit({ xml: policyXml(ORDER.filter((s) => s !== 'limit')), productXml: `<policies><inbound><base />${INBOUND.limit}</inbound></policies>` }), 'compliant'],
  ['behind an azapi backend pool', kit({
    xml: policyXml(ORDER.filter((s) => s !== 'limit'), { backend: '<set-backend-service backend-id="openai-pool" />' }),
    extra: [pool([{ id: ref('azurerm_api_management_backend.aoai'), priority: 1, weight: 1 }])],
  }), 'non-compliant'],
  ['behind an azapi backend pool, with a limit', kit({
    xml: policyXml(ORDER, { backend: '<set-backend-service backend-id="${azapi_resource.pool.name}" />' }),
    extra: [pool([{ id: ref('azurerm_api_management_backend.aoai'), priority: 1 }])],
  }), 'compliant'],
  ['behind a pool whose members are not in the plan', kit({
    xml: policyXml(ORDER, { backend: '<set-backend-service backend-id="openai-pool" />' }),
    extra: [pool([{ id: '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.ApiManagement/service/apim/backends/elsewhere', priority: 1 }])],
  }), 'unknown'],
  ['no token limit anywhere', kit({ xml: policyXml(ORDER.filter((s) => s !== 'limit')) }), 'non-compliant'],
  ['limit without counter-key', kit({ xml: policyXml(ORDER, { limit: '<llm-token-limit tokens-per-minute="1000" estimate-prompt-tokens="true" />' }) }), 'non-compliant'],
  ['quota without period', kit({ xml: policyXml(ORDER, { limit: '<llm-token-limit counter-key="@(context.Subscription.Id)" token-quota="1000" estimate-prompt-tokens="true" />' }) }), 'non-compliant'],
  ['API policy drops the product limit (no <base />)', kit({ xml: policyXml(ORDER.filter((s) => s !== 'limit'), {}, false), productXml: `<policies><inbound><base />${INBOUND.limit}</inbound></policies>` }), 'non-compliant'],
  ['service_url is a model host, no policy', kit({ api: { service_url: 'https://aoai-genai-dev.openai.azure.com/openai' }, without: ['azurerm_api_management_api_policy.openai'] }), 'non-compliant'],
  ...common(gen001),
]);

test('GAI-GEN-001 message names the product scope', () => {
  expect(messagesOf(gen001, kit({ xml: policyXml(ORDER.filter((s) => s !== 'limit')) }), API))
    .toEqual(['the effective inbound policy (through azurerm_api_management_product.team-a) has no <llm-token-limit> or <azure-openai-token-limit>']);
});

onApi(gen002, [
  ['metric with dimensions', kit(), 'compliant'],
  ['no metric', kit({ xml: policyXml(ORDER.filter((s) => s !== 'metric')) }), 'non-compliant'],
  ['metric without dimension', kit({ xml: policyXml(ORDER, { metric: '<azure-openai-emit-token-metric namespace="genai" />' }) }), 'non-compliant'],
  ...common(gen002),
]);

onApi(gen003, [
  ['managed identity with client-id', kit(), 'compliant'],
  ['system-assigned service without client-id', kit({ xml: policyXml(ORDER, { identity: '<authentication-managed-identity resource="https://cognitiveservices.azure.com/" />' }), replace: { 'azurerm_api_management.gw': { identity: { type: 'SystemAssigned' } } } }), 'compliant'],
  ['no managed identity authentication', kit({ xml: policyXml(ORDER.filter((s) => s !== 'identity')) }), 'non-compliant'],
  ['wrong audience', kit({ xml: policyXml(ORDER, { identity: '<authentication-managed-identity resource="https://management.azure.com/" client-id="x" />' }) }), 'non-compliant'],
  ['user-assigned identity without client-id', kit({ xml: policyXml(ORDER, { identity: '<authentication-managed-identity resource="https://cognitiveservices.azure.com" />' }) }), 'non-compliant'],
  ['api-key header alongside', kit({ xml: policyXml(ORDER, { identity: `${INBOUND.identity}<set-header name="api-key" exists-action="override"><value>{{aoai-key}}</value></set-header>` }) }), 'non-compliant'],
  ['the caller\'s api-key (subscription key) removed before forwarding', kit({ xml: policyXml(ORDER, { identity: `${INBOUND.identity}<set-header name="api-key" exists-action="delete" /><set-query-parameter name="api-key" exists-action="delete" />` }) }), 'compliant'],
  ...common(gen003),
]);

onApi(gen004, [
  ['Entra token validation', kit(), 'compliant'],
  ['product-scoped subscription keys only', kit({ xml: policyXml(ORDER.filter((s) => s !== 'auth')) }), 'compliant'],
  ['validate-jwt with audiences', kit({ xml: policyXml(ORDER, { auth: '<validate-jwt header-name="Authorization"><openid-config url="https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0/.well-known/openid-configuration" /><audiences><audience>api://ai-gateway</audience></audiences></validate-jwt>' }) }), 'compliant'],
  ['validate-jwt without audience or issuer, no subscription', kit({ xml: policyXml(ORDER, { auth: '<validate-jwt header-name="Authorization" />' }), api: { subscription_required: false } }), 'non-compliant'],
  ['no validation and no subscription', kit({ xml: policyXml(ORDER.filter((s) => s !== 'auth')), api: { subscription_required: false } }), 'non-compliant'],
  ['subscription keys with an all-APIs subscription', kit({ xml: policyXml(ORDER.filter((s) => s !== 'auth')), extra: [{ type: 'azurerm_api_management_subscription', name: 'master', values: { display_name: 'all', api_management_name: ref('azurerm_api_management.gw', 'name') } }] }), 'non-compliant'],
  ['API in no product, keys only', kit({ xml: policyXml(ORDER.filter((s) => s !== 'auth')), without: ['azurerm_api_management_product_api.team-a-openai'] }), 'non-compliant'],
  ['subscription requirement from a variable', kit({ xml: policyXml(ORDER.filter((s) => s !== 'auth')), api: { subscription_required: '${var.subscription_required}' } }), 'unknown'],
  ...common(gen004),
]);

onApi(gen005, [
  ['auth, cache, limit, safety, metric, backend', kit(), 'compliant'],
  ['stages absent are not judged', kit({ xml: policyXml(['limit', 'identity', 'backend']) }), 'compliant'],
  ['limit before auth', kit({ xml: policyXml(['limit', 'auth', 'cache', 'safety', 'metric', 'identity', 'backend']) }), 'non-compliant'],
  ['cache lookup before auth', kit({ xml: policyXml(['cache', 'auth', 'limit', 'safety', 'metric', 'identity', 'backend']) }), 'non-compliant'],
  ['content safety before token limit', kit({ xml: policyXml(['auth', 'cache', 'safety', 'limit', 'metric', 'identity', 'backend']) }), 'non-compliant'],
  ['API inbound without <base />', kit({ xml: policyXml(ORDER, {}, false) }), 'non-compliant'],
  ['product inbound without <base />', kit({ productXml: '<policies><inbound><rate-limit calls="100" renewal-period="60" /></inbound></policies>' }), 'non-compliant'],
  ...common(gen005),
]);

test('GAI-GEN-005 message explains the order', () => {
  expect(messagesOf(gen005, kit({ xml: policyXml(['auth', 'cache', 'safety', 'limit', 'metric', 'identity', 'backend']) }), API)[0])
    .toMatch(/<llm-content-safety> \(content safety, position 3\) runs before <llm-token-limit> \(token limit, position 4\)/);
});

describe('GAI-GEN-006 PTU fallback', () => {
  const deployment = (name: string, sku: string, account = 'aoai', model = 'gpt-4o'): FixtureResource => ({
    type: 'azurerm_cognitive_deployment', name,
    values: { name, cognitive_account_id: ref(`azurerm_cognitive_account.${account}`), model: { format: 'OpenAI', name: model, version: '2024-11-20' }, sku: { name: sku, capacity: 50 } },
  });
  const accounts: FixtureResource[] = [
    { type: 'azurerm_cognitive_account', name: 'aoai', values: { kind: 'OpenAI' } },
    { type: 'azurerm_cognitive_account', name: 'secondary', values: { kind: 'OpenAI' } },
  ];
  const ptu = { address: 'azurerm_cognitive_deployment.ptu' };
  test.each([
    ['PAYG of the same model on the same account, but no spilloverDeploymentName', [...accounts, deployment('ptu', 'ProvisionedManaged'), deployment('payg', 'GlobalStandard')], 'non-compliant'],
    ['PAYG of the same model on the same account, and spilloverDeploymentName', [...accounts, deployment('ptu', 'ProvisionedManaged'), deployment('payg', 'Standard'), {
      type: 'azapi_update_resource', name: 'spill',
      values: { type: 'Microsoft.CognitiveServices/accounts/deployments@2025-09-01', resource_id: ref('azurerm_cognitive_deployment.ptu'), body: { properties: { spilloverDeploymentName: 'payg' } } },
    }], 'compliant'],
    ['spillover set with azapi_update_resource', [...accounts, deployment('ptu', 'GlobalProvisionedManaged'), {
      type: 'azapi_update_resource', name: 'spill',
      values: { type: 'Microsoft.CognitiveServices/accounts/deployments@2024-10-01', resource_id: ref('azurerm_cognitive_deployment.ptu'), body: { properties: { spilloverDeploymentName: 'gpt-4o-payg' } } },
    }], 'compliant'],
    ['spillover via parent_id and name', [...accounts, deployment('ptu', 'DataZoneProvisionedManaged'), {
      type: 'azapi_update_resource', name: 'spill',
      values: { type: 'Microsoft.CognitiveServices/accounts/deployments@2024-10-01', parent_id: ref('azurerm_cognitive_account.aoai'), name: ref('azurerm_cognitive_deployment.ptu', 'name'), body: JSON.stringify({ properties: { spilloverDeploymentName: 'gpt-4o-payg' } }) },
    }], 'compliant'],
    ['no PAYG deployment', [...accounts, deployment('ptu', 'ProvisionedManaged')], 'non-compliant'],
    ['PAYG of another model', [...accounts, deployment('ptu', 'ProvisionedManaged'), deployment('payg', 'Standard', 'aoai', 'gpt-4o-mini')], 'non-compliant'],
    ['PAYG only on another account', [...accounts, deployment('ptu', 'ProvisionedManaged'), deployment('payg', 'Standard', 'secondary')], 'non-compliant'],
    ['sku from a variable', [...accounts, { ...deployment('ptu', 'x'), values: { ...deployment('ptu', 'x').values, sku: { name: '${var.sku}' } } }], 'unknown'],
    ['spillover body known only after apply', [...accounts, deployment('ptu', 'ProvisionedManaged'), {
      type: 'azapi_update_resource', name: 'spill', values: { resource_id: ref('azurerm_cognitive_deployment.ptu'), body: '${jsonencode(local.spill)}' },
    }], 'unknown'],
    ['a pay-as-you-go deployment', [...accounts, deployment('ptu', 'GlobalStandard')], 'not-applicable'],
  ] as const)('%s', (_, resources, expected) => {
    expect(statusOf(gen006, resources, ptu)).toBe(expected);
  });
  test('a pay-as-you-go twin alone takes no overflow: the property is what spills over', () => {
    expect(messagesOf(gen006, [...accounts, deployment('ptu', 'ProvisionedManaged'), deployment('payg', 'GlobalStandard')], ptu)).toEqual([
      'no spilloverDeploymentName: azurerm_cognitive_deployment.payg, the pay-as-you-go "gpt-4o" on the same account, takes none of the overflow; a ProvisionedManaged deployment returns 429 when its throughput is exhausted',
    ]);
  });
  test('message points out that another account does not count', () => {
    expect(messagesOf(gen006, [...accounts, deployment('ptu', 'ProvisionedManaged'), deployment('payg', 'Standard', 'secondary')], ptu)[0]).toMatch(/on another account/);
  });
});

describe('GAI-GEN-007 content filter baseline', () => {
  const filters = (overrides: Record<string, unknown> = {}) => ['Hate', 'Sexual', 'Violence', 'SelfHarm'].flatMap((name) => ['Prompt', 'Completion'].map((source) => ({
    name, source, filter_enabled: true, block_enabled: true, severity_threshold: 'Medium', ...(name === 'Violence' && source === 'Completion' ? overrides : {}),
  })));
  const policy = (contentFilter: unknown[], account = 'aoai'): FixtureResource => ({
    type: 'azurerm_cognitive_account_rai_policy', name: 'strict',
    values: { name: 'strict', cognitive_account_id: ref(`azurerm_cognitive_account.${account}`), base_policy_name: 'Microsoft.DefaultV2', mode: 'Blocking', content_filter: contentFilter },
  });
  const deployment = (rai: unknown): FixtureResource => ({
    type: 'azurerm_cognitive_deployment', name: 'gpt4o',
    values: { name: 'gpt-4o', cognitive_account_id: ref('azurerm_cognitive_account.aoai'), model: { format: 'OpenAI', name: 'gpt-4o' }, sku: { name: 'Standard' }, rai_policy_name: rai },
  });
  const account: FixtureResource = { type: 'azurerm_cognitive_account', name: 'aoai', values: { name: 'aoai', kind: 'OpenAI' } };
  const other: FixtureResource = { type: 'azurerm_cognitive_account', name: 'other', values: { name: 'other', kind: 'OpenAI' } };
  const strictRef = ref('azurerm_cognitive_account_rai_policy.strict', 'name');
  test.each([
    ['referenced policy covers the baseline', [account, policy(filters()), deployment(strictRef)], 'compliant'],
    ['policy named literally on the same account', [account, policy(filters()), deployment('strict')], 'compliant'],
    ['built-in Microsoft.DefaultV2', [account, deployment('Microsoft.DefaultV2')], 'compliant'],
    ['no rai_policy_name', [account, deployment(undefined)], 'non-compliant'],
    ['a category not blocked', [account, policy(filters({ block_enabled: false })), deployment(strictRef)], 'non-compliant'],
    ['a category missing', [account, policy(filters().slice(1)), deployment(strictRef)], 'non-compliant'],
    ['policy on another account', [account, other, policy(filters(), 'other'), deployment(strictRef)], 'non-compliant'],
    ['policy name from a variable', [account, deployment('${var.rai_policy}')], 'unknown'],
    ['literal name not in the plan', [account, deployment('team-custom')], 'unknown'],
    ['block flag from a variable', [account, policy(filters({ block_enabled: '${var.block}' })), deployment(strictRef)], 'unknown'],
  ] as const)('%s', (_, resources, expected) => {
    expect(statusOf(gen007, resources, { address: 'azurerm_cognitive_deployment.gpt4o' })).toBe(expected);
  });
});

onApi(gen008, [
  ['private keyless Content Safety with the gateway role and prompt shields', kit(), 'compliant'],
  ['prompt shields off', kit({ xml: policyXml(ORDER, { safety: '<llm-content-safety backend-id="content-safety" shield-prompt="false" />' }) }), 'non-compliant'],
  ['account keeps local auth (default)', kit({ replace: { 'azurerm_cognitive_account.cs': { local_auth_enabled: undefined } } }), 'non-compliant'],
  ['account has public access', kit({ replace: { 'azurerm_cognitive_account.cs': { public_network_access_enabled: true } } }), 'non-compliant'],
  ['gateway lacks Cognitive Services User', kit({ without: ['azurerm_role_assignment.gw-cs'] }), 'non-compliant'],
  ['the role by its built-in definition id', kit({ replace: { 'azurerm_role_assignment.gw-cs': { role_definition_name: undefined, role_definition_id: '/subscriptions/s/providers/Microsoft.Authorization/roleDefinitions/a97b65f3-24c7-4388-baec-2e87135dc908' } } }), 'compliant'],
  ['a role that merely ends like it', kit({ replace: { 'azurerm_role_assignment.gw-cs': { role_definition_name: 'Custom Cognitive Services User' } } }), 'non-compliant'],
  ['the role only known after apply', kit({ replace: { 'azurerm_role_assignment.gw-cs': { role_definition_name: '${var.role}' } } }), 'unknown'],
  ['Content Safety served by an AI Services account', kit({ replace: { 'azurerm_cognitive_account.cs': { kind: 'AIServices' } } }), 'compliant'],
  ['backend is not a Content Safety account', kit({ replace: { 'azurerm_cognitive_account.cs': { kind: 'TextAnalytics' } } }), 'non-compliant'],
  ['backend-id not in the plan', kit({ xml: policyXml(ORDER, { safety: '<llm-content-safety backend-id="external-safety" shield-prompt="true" />' }) }), 'unknown'],
  ['no content safety in the policy', kit({ xml: policyXml(ORDER.filter((s) => s !== 'safety')) }), 'not-applicable'],
]);

describe('GAI-GEN-009 no prompt bodies or client IPs in logs', () => {
  const diagnostic = (values: Record<string, unknown> = {}, type = 'azurerm_api_management_diagnostic'): FixtureResource => ({
    type, name: 'appi',
    values: { identifier: 'applicationinsights', api_management_logger_id: ref('azurerm_api_management_logger.appi'), log_client_ip: false, frontend_request: { body_bytes: 0, headers_to_log: ['x-ms-client-request-id'] }, backend_response: { body_bytes: 0 }, ...values },
  });
  test.each([
    ['bodies at 0 and no client IP', [diagnostic()], 'compliant'],
    ['no message blocks at all', [diagnostic({ frontend_request: undefined, backend_response: undefined })], 'compliant'],
    ['frontend request body logged', [diagnostic({ frontend_request: { body_bytes: 8192 } })], 'non-compliant'],
    ['backend response body logged (plan JSON list)', [diagnostic({ backend_response: [{ body_bytes: 1024 }] })], 'non-compliant'],
    ['client IP logged', [diagnostic({ log_client_ip: true })], 'non-compliant'],
    ['log_client_ip not set', [diagnostic({ log_client_ip: undefined })], 'non-compliant'],
    ['body bytes from a variable', [diagnostic({ frontend_response: { body_bytes: '${var.body_bytes}' } })], 'unknown'],
  ] as const)('%s', (_, resources, expected) => {
    expect(statusOf(gen009, resources)).toBe(expected);
  });
  test('an API diagnostic on a non-model API is not applicable', () => {
    const resources: FixtureResource[] = [
      { type: 'azurerm_api_management_api', name: 'orders', values: { name: 'orders', service_url: 'https://orders.contoso.com' } },
      diagnostic({ api_name: ref('azurerm_api_management_api.orders', 'name'), frontend_request: { body_bytes: 4096 } }, 'azurerm_api_management_api_diagnostic'),
    ];
    expect(statusOf(gen009, resources, { address: 'azurerm_api_management_api_diagnostic.appi' })).toBe('not-applicable');
  });
  test('an API diagnostic on the model API is judged', () => {
    const resources = kit({ extra: [diagnostic({ api_name: ref('azurerm_api_management_api.openai', 'name'), frontend_request: { body_bytes: 4096 } }, 'azurerm_api_management_api_diagnostic')] });
    expect(statusOf(gen009, resources, { address: 'azurerm_api_management_api_diagnostic.appi' })).toBe('non-compliant');
  });
});

onApi(gen010, [
  ['vary-by subscription, embeddings backend, external cache', kit(), 'compliant'],
  ['vary-by user', kit({ xml: policyXml(ORDER, { cache: INBOUND.cache.replace('context.Subscription.Id', 'context.User.Id') }) }), 'compliant'],
  ['no vary-by', kit({ xml: policyXml(ORDER, { cache: '<azure-openai-semantic-cache-lookup score-threshold="0.05" embeddings-backend-id="embeddings" />' }) }), 'non-compliant'],
  ['vary-by the deployment only', kit({ xml: policyXml(ORDER, { cache: INBOUND.cache.replace('context.Subscription.Id', 'context.Request.MatchedParameters["deployment-id"]') }) }), 'non-compliant'],
  ['no external cache', kit({ without: ['azurerm_api_management_redis_cache.default'] }), 'non-compliant'],
  ['embeddings backend not in the plan', kit({ xml: policyXml(ORDER, { cache: INBOUND.cache.replace('embeddings-backend-id="embeddings"', 'embeddings-backend-id="ada"') }) }), 'unknown'],
  ['no semantic cache', kit({ xml: policyXml(ORDER.filter((s) => s !== 'cache')) }), 'not-applicable'],
]);

describe('GAI-GEN-011 workloads go through the gateway', () => {
  const app = (env: Record<string, unknown>[], extra: Record<string, unknown> = {}): FixtureResource => ({
    type: 'azurerm_container_app', name: 'orchestrator',
    values: {
      name: 'ca-orchestrator', identity: { type: 'UserAssigned', identity_ids: [ref('azurerm_user_assigned_identity.app')] },
      template: { container: [{ name: 'orchestrator', image: 'acr.azurecr.io/orchestrator:1.0', env }], min_replicas: 2 },
      ...extra,
    },
  });
  const accounts: FixtureResource[] = [
    { type: 'azurerm_cognitive_account', name: 'aoai', values: { kind: 'OpenAI' } },
    { type: 'azurerm_user_assigned_identity', name: 'app', values: { name: 'id-orchestrator' } },
  ];
  const gatewayEnv = [{ name: 'OPENAI_ENDPOINT', value: `https://${ref('azurerm_api_management.gw', 'name')}.azure-api.net/openai` }, { name: 'AZURE_CLIENT_ID', value: ref('azurerm_user_assigned_identity.app', 'client_id') }];
  test.each([
    ['gateway URL only', [...accounts, app(gatewayEnv)], 'compliant'],
    ['model host in env', [...accounts, app([{ name: 'OPENAI_ENDPOINT', value: 'https://aoai-genai-dev.openai.azure.com/' }])], 'non-compliant'],
    ['account endpoint reference in env', [...accounts, app([{ name: 'OPENAI_ENDPOINT', value: ref('azurerm_cognitive_account.aoai', 'endpoint') }])], 'non-compliant'],
    ['model host in a secret', [...accounts, app(gatewayEnv, { secret: [{ name: 'aoai-endpoint', value: 'https://aoai.cognitiveservices.azure.com' }] })], 'non-compliant'],
    ['direct OpenAI role for the app identity', [...accounts, app(gatewayEnv), {
      type: 'azurerm_role_assignment', name: 'app-aoai',
      values: { scope: ref('azurerm_cognitive_account.aoai'), role_definition_name: 'Cognitive Services OpenAI User', principal_id: ref('azurerm_user_assigned_identity.app', 'principal_id') },
    }], 'non-compliant'],
  ] as const)('%s', (_, resources, expected) => {
    expect(statusOf(gen011, resources)).toBe(expected);
  });
});

onApi(gen012, [
  ['10k TPM for one subscription within 100k TPM', kit(), 'compliant'],
  ['limits above capacity', kit({ replace: { 'azurerm_cognitive_deployment.gpt4o': { sku: { name: 'GlobalStandard', capacity: 5 } } } }), 'non-compliant'],
  ['per-subscription limits multiplied by subscriptions', kit({
    replace: { 'azurerm_cognitive_deployment.gpt4o': { sku: { name: 'GlobalStandard', capacity: 15 } } },
    extra: [{ type: 'azurerm_api_management_subscription', name: 'team-a-2', values: { display_name: 'team-a-2', product_id: ref('azurerm_api_management_product.team-a'), allow_tracing: false } }],
  }), 'non-compliant'],
  ['above pay-as-you-go but PTU present', kit({ replace: { 'azurerm_cognitive_deployment.gpt4o': { sku: { name: 'GlobalStandard', capacity: 5 } } },
    extra: [{ type: 'azurerm_cognitive_deployment', name: 'ptu', values: { cognitive_account_id: ref('azurerm_cognitive_account.aoai'), model: { name: 'gpt-4o' }, sku: { name: 'ProvisionedManaged', capacity: 50 } } }] }), 'unknown'],
  ['limit from a named value', kit({ xml: policyXml(ORDER, { limit: '<llm-token-limit counter-key="@(context.Subscription.Id)" tokens-per-minute="{{tpm-team-a}}" />' }) }), 'unknown'],
  ['no token limit (GAI-GEN-001 reports it)', kit({ xml: policyXml(ORDER.filter((s) => s !== 'limit')) }), 'not-applicable'],
]);

describe('GAI-GEN-013 blocklists are attached', () => {
  const account: FixtureResource = { type: 'azurerm_cognitive_account', name: 'aoai', values: { kind: 'OpenAI' } };
  const blocklist: FixtureResource = { type: 'azurerm_cognitive_account_rai_blocklist', name: 'terms', values: { name: 'competitor-terms', cognitive_account_id: ref('azurerm_cognitive_account.aoai') } };
  const policy: FixtureResource = { type: 'azurerm_cognitive_account_rai_policy', name: 'strict', values: { name: 'strict', cognitive_account_id: ref('azurerm_cognitive_account.aoai'), base_policy_name: 'Microsoft.DefaultV2' } };
  const link: FixtureResource = {
    type: 'azapi_update_resource', name: 'strict-blocklists',
    values: { type: 'Microsoft.CognitiveServices/accounts/raiPolicies@2024-10-01', resource_id: ref('azurerm_cognitive_account_rai_policy.strict'),
      body: { properties: { customBlocklists: [{ blocklistName: ref('azurerm_cognitive_account_rai_blocklist.terms', 'name'), blocking: true, source: 'Prompt' }] } } },
  };
  test.each([
    ['policy on the account and an azapi link', [account, blocklist, policy, link], 'compliant'],
    ['no RAI policy on the account', [account, blocklist], 'non-compliant'],
    ['policy but no visible link', [account, blocklist, policy], 'unknown'],
  ] as const)('%s', (_, resources, expected) => {
    expect(statusOf(gen013, resources)).toBe(expected);
  });
});

onApi(gen014, [
  ['monthly quota and a budget on the model RG', kit(), 'compliant'],
  ['rate limit only, no quota', kit({ xml: policyXml(ORDER, { limit: '<llm-token-limit counter-key="@(context.Subscription.Id)" tokens-per-minute="10000" estimate-prompt-tokens="true" />' }) }), 'non-compliant'],
  ['no budget on the model RG', kit({ without: ['azurerm_consumption_budget_resource_group.ai'] }), 'non-compliant'],
  ['account RG from a variable', kit({ replace: { 'azurerm_cognitive_account.aoai': { resource_group_name: '${var.rg}' } } }), 'unknown'],
  ...common(gen014),
]);

describe('GAI-GEN-015 Foundry projects and connections', () => {
  const account = (values: Record<string, unknown>): FixtureResource => ({ type: 'azurerm_cognitive_account', name: 'foundry', values: { kind: 'AIServices', project_management_enabled: true, ...values } });
  const project: FixtureResource = { type: 'azurerm_cognitive_account_project', name: 'agents', values: { name: 'agents', cognitive_account_id: ref('azurerm_cognitive_account.foundry') } };
  const connection = (authType: unknown, parent = ref('azurerm_ai_foundry.hub')): FixtureResource => ({
    type: 'azapi_resource', name: 'conn',
    values: { type: 'Microsoft.MachineLearningServices/workspaces/connections@2024-10-01', parent_id: parent, name: 'aoai', body: { properties: { category: 'AzureOpenAI', authType, target: 'https://aoai.openai.azure.com/' } } },
  });
  const hubProject: FixtureResource = { type: 'azurerm_ai_foundry_project', name: 'p', values: { name: 'p', ai_services_hub_id: ref('azurerm_ai_foundry.hub') } };
  const hub: FixtureResource = { type: 'azurerm_ai_foundry', name: 'hub', values: { name: 'hub' } };
  const at = (address: string) => ({ address });
  test.each([
    ['project on a project-enabled AIServices account', [account({}), project], 'azurerm_cognitive_account_project.agents', 'compliant'],
    ['project on an account without project management', [account({ project_management_enabled: undefined }), project], 'azurerm_cognitive_account_project.agents', 'non-compliant'],
    ['project on an OpenAI account', [account({ kind: 'OpenAI' }), project], 'azurerm_cognitive_account_project.agents', 'non-compliant'],
    ['project management from a variable', [account({ project_management_enabled: '${var.pm}' }), project], 'azurerm_cognitive_account_project.agents', 'unknown'],
    ['hub project with an Entra connection', [hub, hubProject, connection('AAD')], 'azurerm_ai_foundry_project.p', 'compliant'],
    ['hub project with a key connection', [hub, hubProject, connection('ApiKey')], 'azurerm_ai_foundry_project.p', 'non-compliant'],
    ['hub project with no visible connection', [hub, hubProject], 'azurerm_ai_foundry_project.p', 'unknown'],
    ['a key connection on its own', [connection('ApiKey')], 'azapi_resource.conn', 'non-compliant'],
    ['another azapi resource', [{ type: 'azapi_resource', name: 'x', values: { type: 'Microsoft.Network/virtualNetworks@2024-01-01' } }], 'azapi_resource.x', 'not-applicable'],
  ] as const)('%s', (_, resources, address, expected) => {
    expect(statusOf(gen015, resources, at(address))).toBe(expected);
  });
});

describe('GAI-GEN-016 azapi body properties exist in the api-version', () => {
  const update = (type: string, body: unknown): FixtureResource => ({ type: 'azapi_update_resource', name: 'u', values: { type, resource_id: '${azurerm_cognitive_deployment.ptu.id}', body } });
  const backend = (type: string, properties: Record<string, unknown>): FixtureResource => ({ type: 'azapi_resource', name: 'b', values: { type, name: 'pool', parent_id: '${azurerm_api_management.gw.id}', body: { properties } } });
  const pool = { type: 'Pool', pool: { services: [{ id: '/x', priority: 1, weight: 1 }] } };
  test.each([
    ['spillover on 2025-09-01 (shipped)', update('Microsoft.CognitiveServices/accounts/deployments@2025-09-01', { properties: { spilloverDeploymentName: 'payg' } }), 'compliant'],
    ['spillover on 2025-06-01', update('Microsoft.CognitiveServices/accounts/deployments@2025-06-01', { properties: { spilloverDeploymentName: 'payg' } }), 'compliant'],
    ['spillover on 2024-10-01 (the old shipped shape: dropped before the PUT)', update('Microsoft.CognitiveServices/accounts/deployments@2024-10-01', { properties: { spilloverDeploymentName: 'payg' } }), 'non-compliant'],
    ['spillover on 2024-06-01-preview', update('Microsoft.CognitiveServices/accounts/deployments@2024-06-01-preview', { properties: { spilloverDeploymentName: 'payg' } }), 'non-compliant'],
    ['spillover as a JSON string on 2024-10-01', update('Microsoft.CognitiveServices/accounts/deployments@2024-10-01', JSON.stringify({ properties: { spilloverDeploymentName: 'payg' } })), 'non-compliant'],
    ['pool on 2024-05-01', backend('Microsoft.ApiManagement/service/backends@2024-05-01', pool), 'compliant'],
    ['pool with priorities on 2023-05-01-preview', backend('Microsoft.ApiManagement/service/backends@2023-05-01-preview', pool), 'non-compliant'],
    ['pool on 2022-08-01', backend('Microsoft.ApiManagement/service/backends@2022-08-01', { type: 'Pool', pool: { services: [{ id: '/x' }] } }), 'non-compliant'],
    ['circuit breaker with retry-after on 2023-09-01-preview', backend('Microsoft.ApiManagement/service/backends@2023-09-01-preview', { circuitBreaker: { rules: [{ acceptRetryAfter: true }] } }), 'compliant'],
    ['circuit breaker with retry-after on 2023-05-01-preview', backend('Microsoft.ApiManagement/service/backends@2023-05-01-preview', { circuitBreaker: { rules: [{ acceptRetryAfter: true }] } }), 'non-compliant'],
    ['diagnostic metrics on 2019-12-01', { type: 'azapi_update_resource', name: 'd', values: { type: 'Microsoft.ApiManagement/service/diagnostics@2019-12-01', resource_id: '/x', body: { properties: { metrics: true } } } }, 'non-compliant'],
    ['diagnostic metrics on 2024-05-01', { type: 'azapi_update_resource', name: 'd', values: { type: 'Microsoft.ApiManagement/service/diagnostics@2024-05-01', resource_id: '/x', body: { properties: { metrics: true } } } }, 'compliant'],
    ['a body only known after apply', update('Microsoft.CognitiveServices/accounts/deployments@2024-10-01', '${jsonencode(local.body)}'), 'unknown'],
    ['a type the table does not list', { type: 'azapi_resource', name: 'v', values: { type: 'Microsoft.Network/virtualNetworks@2024-01-01', body: { properties: {} } } }, 'not-applicable'],
  ] as const)('%s', (_, resource, expected) => {
    expect(statusOf(gen016, [resource as FixtureResource])).toBe(expected);
  });

  test('names the property, the version it needs and the one used', () => {
    expect(messagesOf(gen016, [update('Microsoft.CognitiveServices/accounts/deployments@2024-10-01', { properties: { spilloverDeploymentName: 'payg' } })])[0])
      .toMatch(/`properties\.spilloverDeploymentName` needs Microsoft\.CognitiveServices\/accounts\/deployments 2025-04-01-preview or later \(stable: 2025-06-01\), but `type` uses 2024-10-01/);
  });

  test('reads plan JSON', () => {
    const plan = parsePlan({ format_version: '1.2', planned_values: { root_module: { resources: [{
      address: 'azapi_update_resource.u', mode: 'managed', type: 'azapi_update_resource', name: 'u',
      values: { type: 'Microsoft.CognitiveServices/accounts/deployments@2024-10-01', resource_id: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/a/deployments/ptu', body: { properties: { spilloverDeploymentName: 'payg' } } },
    }] } } }, 'plan.json');
    expect(gen016.check(plan.resources[0], { graph: new ResourceGraph(plan), production: false })).toMatchObject({ status: 'non-compliant' });
  });
});

/** The old shipped shape: azapi's schema validation switched off (built from a name so that repository checks for the flag find only real uses). */
const VALIDATION_OFF = Object.fromEntries([['schema_validation' + '_enabled', false]]);

describe('GAI-GEN-017 azapi schema validation and tags', () => {
  const resource = (type: string, values: Record<string, unknown> = {}): FixtureResource => ({ type: 'azapi_resource', name: 'r', values: { type, name: 'x', parent_id: '/p', body: { properties: {} }, ...values } });
  test.each([
    ['backend without tags, validation unset (shipped)', resource('Microsoft.ApiManagement/service/backends@2024-05-01'), 'compliant'],
    ['validation explicitly on', resource('Microsoft.ApiManagement/service/loggers@2024-05-01', { schema_validation_enabled: true }), 'compliant'],
    ['validation off (old shipped shape)', resource('Microsoft.ApiManagement/service/backends@2024-05-01', VALIDATION_OFF), 'non-compliant'],
    ['tags on a backend (old shipped shape)', resource('Microsoft.ApiManagement/service/backends@2024-05-01', { tags: { environment: 'dev' } }), 'non-compliant'],
    ['tags on a logger', resource('Microsoft.ApiManagement/service/loggers@2024-05-01', { tags: { environment: 'dev' } }), 'non-compliant'],
    ['empty tags on a backend', resource('Microsoft.ApiManagement/service/backends@2024-05-01', { tags: {} }), 'compliant'],
    ['tags on a top-level resource', resource('Microsoft.Insights/workbooks@2023-06-01', { tags: { environment: 'dev' } }), 'compliant'],
    ['tags on a listed taggable child (Foundry project)', resource('Microsoft.CognitiveServices/accounts/projects@2025-06-01', { tags: { environment: 'dev' } }), 'compliant'],
    ['tags only known after apply on a backend', resource('Microsoft.ApiManagement/service/backends@2024-05-01', { tags: '${local.tags}' }), 'unknown'],
    ['update resource with validation off', { type: 'azapi_update_resource', name: 'u', values: { type: 'Microsoft.ApiManagement/service/diagnostics@2024-05-01', resource_id: '/x', ...VALIDATION_OFF } }, 'non-compliant'],
  ] as const)('%s', (_, r, expected) => {
    expect(statusOf(gen017, [r as FixtureResource])).toBe(expected);
  });

  test('reads plan JSON', () => {
    const plan = parsePlan({ format_version: '1.2', planned_values: { root_module: { resources: [{
      address: 'azapi_resource.b', mode: 'managed', type: 'azapi_resource', name: 'b',
      values: { type: 'Microsoft.ApiManagement/service/backends@2024-05-01', name: 'pool', tags: { environment: 'dev' }, schema_validation_enabled: true },
    }] } } }, 'plan.json');
    expect(gen017.check(plan.resources[0], { graph: new ResourceGraph(plan), production: false })).toEqual([expect.objectContaining({ status: 'non-compliant' })]);
  });
});

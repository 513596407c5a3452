import {
  cognitiveAccountsOf,
  EffectivePolicy,
  PolicyElement,
  composeScopes,
  effectivePolicy,
  escapeExpressions,
  findElements,
  modelTargetOf,
  parsePolicy,
  policyOf,
} from '../../policy/apim-policy';
import { ResourceGraph } from '../../policy/graph';
import { parsePlan } from '../../policy/plan';
import { FixtureResource, planOf } from './harness';

const names = (elements: readonly PolicyElement[]) => elements.map((e) => e.name);
const parsed = (xml: string) => {
  const result = parsePolicy(xml);
  if (!result.ok) throw new Error(result.error);
  return result.policy;
};

describe('parsePolicy', () => {
  test('keeps sections, element order, attributes, children and text', () => {
    const policy = parsed(`<?xml version="1.0" encoding="utf-8"?>
      <policies>
        <inbound>
          <base />
          <!-- caller auth first -->
          <validate-azure-ad-token tenant-id="{{tenant-id}}">
            <audiences><audience>api://gateway</audience></audiences>
          </validate-azure-ad-token>
          <azure-openai-semantic-cache-lookup score-threshold="0.05" embeddings-backend-id="embeddings">
            <vary-by>@(context.Subscription.Id)</vary-by>
          </azure-openai-semantic-cache-lookup>
          <llm-token-limit counter-key="@(context.Subscription.Id)" tokens-per-minute="5000" estimate-prompt-tokens="true" />
          <set-backend-service backend-id="openai-pool" />
        </inbound>
        <backend><base /></backend>
        <outbound><base /></outbound>
      </policies>`);
    expect(Object.keys(policy.sections)).toEqual(['inbound', 'backend', 'outbound']);
    const inbound = policy.sections.inbound ?? [];
    expect(names(inbound)).toEqual(['base', 'validate-azure-ad-token', 'azure-openai-semantic-cache-lookup', 'llm-token-limit', 'set-backend-service']);
    expect(inbound[1].attributes).toEqual({ 'tenant-id': '{{tenant-id}}' });
    expect(inbound[1].children[0].children[0]).toMatchObject({ name: 'audience', text: 'api://gateway' });
    expect(inbound[2].children[0]).toMatchObject({ name: 'vary-by', text: '@(context.Subscription.Id)' });
    expect(inbound[3].attributes['tokens-per-minute']).toBe('5000');
    expect(policy.sections['on-error']).toBeUndefined();
  });

  test('accepts C# policy expressions that are not well-formed XML, as the gateway does', () => {
    const policy = parsed(`<policies><inbound>
      <choose>
        <when condition="@(context.Request.Headers.GetValueOrDefault("x-team","") == "a" && context.Variables.GetValueOrDefault<int>("n") < 3)">
          <set-variable name="body" value="@(context.Request.Body.As<JObject>(preserveContent: true))" />
        </when>
      </choose>
      <set-body>@{ var b = context.Request.Body.As<JObject>(); return b.ToString(); }</set-body>
    </inbound></policies>`);
    const [choose, setBody] = policy.sections.inbound ?? [];
    expect(choose.children[0].attributes.condition).toBe('@(context.Request.Headers.GetValueOrDefault("x-team","") == "a" && context.Variables.GetValueOrDefault<int>("n") < 3)');
    expect(choose.children[0].children[0].attributes.value).toBe('@(context.Request.Body.As<JObject>(preserveContent: true))');
    expect(setBody.text).toBe('@{ var b = context.Request.Body.As<JObject>(); return b.ToString(); }');
  });

  test('keeps Terraform interpolations verbatim', () => {
    const policy = parsed('<policies><inbound><set-backend-service backend-id="${azurerm_api_management_backend.aoai.name}" /></inbound></policies>');
    expect(policy.sections.inbound?.[0].attributes['backend-id']).toBe('${azurerm_api_management_backend.aoai.name}');
  });

  test('leaves comments and CDATA alone and decodes entities', () => {
    expect(escapeExpressions('<!-- @(a < b) --><x><![CDATA[@(a < b)]]></x>')).toBe('<!-- @(a < b) --><x><![CDATA[@(a < b)]]></x>');
    const policy = parsed('<policies><inbound><set-header name="x"><value>a &amp; b</value></set-header></inbound></policies>');
    expect(policy.sections.inbound?.[0].children[0].text).toBe('a & b');
  });

  test.each([
    ['unclosed element', '<policies><inbound><base></inbound></policies>', /closing tag/],
    ['wrong root', '<policy><inbound /></policy>', /<policies> root/],
    ['unknown section', '<policies><inbound /><preflight /></policies>', /unexpected <preflight>/],
    ['duplicate section', '<policies><inbound /><inbound /></policies>', /declared twice/],
    ['not XML', 'policy.xml', /not expected/],
  ])('reports a parse error for %s', (_, xml, message) => {
    const result = parsePolicy(xml);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });

  test('findElements reports nested matches with their top-level index', () => {
    const policy = parsed('<policies><inbound><base /><choose><when condition="@(true)"><llm-token-limit counter-key="k" tokens-per-minute="1" /></when></choose></inbound></policies>');
    const found = findElements(policy.sections.inbound ?? [], ['LLM-TOKEN-LIMIT']);
    expect(found).toHaveLength(1);
    expect(found[0].topIndex).toBe(1);
    expect(found[0].top.name).toBe('choose');
  });
});

describe('policyOf', () => {
  const resource = (values: Record<string, unknown>) => planOf([{ type: 'azurerm_api_management_api_policy', values }]).resources[0];
  test('parses xml_content', () => {
    expect(policyOf(resource({ xml_content: '<policies><inbound><base /></inbound></policies>' })).kind).toBe('parsed');
  });
  test('xml_link is unknown', () => {
    expect(policyOf(resource({ xml_link: 'https://example.com/p.xml' }))).toMatchObject({ kind: 'unknown', reason: expect.stringMatching(/xml_link/) });
  });
  test('a whole-value expression is unknown', () => {
    expect(policyOf(resource({ xml_content: '${file("policy.xml")}' }))).toMatchObject({ kind: 'unknown', reason: expect.stringMatching(/after apply/) });
  });
  test('XML that does not parse is unknown, with the parser error', () => {
    expect(policyOf(resource({ xml_content: '<policies><inbound></policies>' }))).toMatchObject({ kind: 'unknown', reason: expect.stringMatching(/not well-formed/) });
  });
});

describe('composeScopes', () => {
  const scope = (xml: string, s: 'global' | 'product' | 'api' = 'api') => ({ scope: s, address: `x.${s}`, policy: parsed(xml) });
  const empty = { inbound: [], backend: [], outbound: [], 'on-error': [] };
  const parent = composeScopes(empty, scope('<policies><inbound><a /><b /></inbound><outbound><o /></outbound></policies>', 'global'));

  test('replaces <base/> by the parent elements in place', () => {
    const result = composeScopes(parent, scope('<policies><inbound><x /><base /><y /></inbound></policies>'));
    expect(names(result.inbound)).toEqual(['x', 'a', 'b', 'y']);
    expect(result.inbound.map((e) => e.scope)).toEqual(['api', 'global', 'global', 'api']);
  });
  test('a section without <base/> drops the parent elements', () => {
    expect(names(composeScopes(parent, scope('<policies><inbound><x /></inbound></policies>')).inbound)).toEqual(['x']);
  });
  test('a missing section is the parent section', () => {
    expect(names(composeScopes(parent, scope('<policies><inbound><base /></inbound></policies>')).outbound)).toEqual(['o']);
  });
});

describe('effectivePolicy', () => {
  const service: FixtureResource = { type: 'azurerm_api_management', name: 'gw', values: { name: 'apim-gw' } };
  const api: FixtureResource = { type: 'azurerm_api_management_api', name: 'openai', values: { name: 'openai', api_management_name: '${azurerm_api_management.gw.name}' } };
  const global: FixtureResource = {
    type: 'azurerm_api_management_policy', name: 'global',
    values: { api_management_id: '${azurerm_api_management.gw.id}', xml_content: '<policies><inbound><cors-global /></inbound><on-error><log-global /></on-error></policies>' },
  };
  const product = (name: string): FixtureResource => ({
    type: 'azurerm_api_management_product', name, values: { product_id: name, api_management_name: '${azurerm_api_management.gw.name}' },
  });
  const productApi = (name: string): FixtureResource => ({
    type: 'azurerm_api_management_product_api', name: `${name}-openai`,
    values: { product_id: `\${azurerm_api_management_product.${name}.product_id}`, api_name: '${azurerm_api_management_api.openai.name}', api_management_name: '${azurerm_api_management.gw.name}' },
  });
  const productPolicy = (name: string, xml: string): FixtureResource => ({
    type: 'azurerm_api_management_product_policy', name: `${name}-policy`,
    values: { product_id: `\${azurerm_api_management_product.${name}.product_id}`, api_management_name: '${azurerm_api_management.gw.name}', xml_content: xml },
  });
  const apiPolicy = (xml: string): FixtureResource => ({
    type: 'azurerm_api_management_api_policy', name: 'openai-policy',
    values: { api_name: '${azurerm_api_management_api.openai.name}', api_management_name: '${azurerm_api_management.gw.name}', xml_content: xml },
  });
  const effective = (resources: FixtureResource[]) => {
    const graph = new ResourceGraph(planOf(resources));
    const result = effectivePolicy(graph, graph.get('azurerm_api_management_api.openai')!);
    if (result.kind !== 'known') throw new Error(result.reason);
    return result.policies;
  };
  const inbound = (p: EffectivePolicy) => names(p.sections.inbound);

  test('global -> product -> API through <base/>, one variant per product', () => {
    const policies = effective([
      service, api, global, product('team-a'), product('team-b'), productApi('team-a'), productApi('team-b'),
      productPolicy('team-a', '<policies><inbound><base /><llm-token-limit counter-key="k" tokens-per-minute="1000" /></inbound></policies>'),
      productPolicy('team-b', '<policies><inbound><llm-token-limit counter-key="k" tokens-per-minute="9000" /><base /></inbound></policies>'),
      apiPolicy('<policies><inbound><validate-azure-ad-token tenant-id="t" /><base /><set-backend-service backend-id="pool" /></inbound><backend><base /></backend></policies>'),
    ]);
    expect(policies.map((p) => p.product)).toEqual(['azurerm_api_management_product.team-a', 'azurerm_api_management_product.team-b']);
    expect(inbound(policies[0])).toEqual(['validate-azure-ad-token', 'cors-global', 'llm-token-limit', 'set-backend-service']);
    expect(inbound(policies[1])).toEqual(['validate-azure-ad-token', 'llm-token-limit', 'cors-global', 'set-backend-service']);
    expect(policies[0].sections.inbound[2]).toMatchObject({ scope: 'product', source: 'azurerm_api_management_product_policy.team-a-policy' });
    expect(names(policies[0].sections['on-error'])).toEqual(['log-global']);
    expect(policies[0].scopes.map((s) => s.scope)).toEqual(['global', 'product', 'api']);
  });

  test('an API policy without <base/> drops the product and global elements', () => {
    const [policy] = effective([service, api, global, product('team-a'), productApi('team-a'),
      productPolicy('team-a', '<policies><inbound><base /><llm-token-limit counter-key="k" tokens-per-minute="1" /></inbound></policies>'),
      apiPolicy('<policies><inbound><set-backend-service backend-id="pool" /></inbound></policies>')]);
    expect(inbound(policy)).toEqual(['set-backend-service']);
    expect(names(policy.sections['on-error'])).toEqual(['log-global']);
  });

  test('an API in no product composes global and API only', () => {
    const [policy] = effective([service, api, global, apiPolicy('<policies><inbound><base /><x /></inbound></policies>')]);
    expect(policy.product).toBeUndefined();
    expect(inbound(policy)).toEqual(['cors-global', 'x']);
  });

  test('an API that requires no subscription also runs without a product scope', () => {
    const open = { ...api, values: { ...api.values, subscription_required: false } };
    const policies = effective([service, open, product('team-a'), productApi('team-a'), productPolicy('team-a', '<policies><inbound><p /></inbound></policies>')]);
    expect(policies.map((p) => p.product)).toEqual(['azurerm_api_management_product.team-a', undefined]);
  });

  test('literal names link scopes too', () => {
    const graph = new ResourceGraph(planOf([service, { ...api, values: { name: 'openai', api_management_name: 'apim-gw' } },
      { type: 'azurerm_api_management_api_policy', values: { api_name: 'openai', api_management_name: 'apim-gw', xml_content: '<policies><inbound><x /></inbound></policies>' } }]));
    const result = effectivePolicy(graph, graph.get('azurerm_api_management_api.openai')!);
    expect(result.kind === 'known' && inbound(result.policies[0])).toEqual(['x']);
  });

  test('plan JSON: a global policy whose service id is unknown after apply is placed through configuration references', () => {
    const resource = (type: string, name: string, values: Record<string, unknown>) => ({ address: `${type}.${name}`, mode: 'managed', type, name, values });
    const plan = parsePlan({
      format_version: '1.2',
      planned_values: { root_module: { resources: [
        resource('azurerm_api_management', 'gw', { name: 'apim-gw' }),
        resource('azurerm_api_management_policy', 'global', { xml_content: '<policies><inbound><cors-global /></inbound></policies>' }),
        resource('azurerm_api_management_api', 'openai', { name: 'openai', api_management_name: 'apim-gw' }),
        resource('azurerm_api_management_api_policy', 'openai', { api_name: 'openai', api_management_name: 'apim-gw', xml_content: '<policies><inbound><base /><x /></inbound></policies>' }),
      ] } },
      resource_changes: [{ address: 'azurerm_api_management_policy.global', change: { after_unknown: { api_management_id: true } } }],
      configuration: { root_module: { resources: [
        { address: 'azurerm_api_management_policy.global', expressions: { api_management_id: { references: ['azurerm_api_management.gw.id', 'azurerm_api_management.gw'] } } },
      ] } },
    }, 'plan.json');
    const graph = new ResourceGraph(plan);
    const result = effectivePolicy(graph, graph.get('azurerm_api_management_api.openai')!);
    expect(result.kind === 'known' && inbound(result.policies[0])).toEqual(['cors-global', 'x']);
  });

  test.each([
    ['xml_link', { xml_link: 'https://example.com/policy.xml' }, /xml_link/],
    ['an unparsable document', { xml_content: '<policies><inbound>' }, /not well-formed/],
  ])('%s anywhere in the chain makes it unknown', (_, values, reason) => {
    const graph = new ResourceGraph(planOf([service, api, { ...global, values: { api_management_id: '${azurerm_api_management.gw.id}', ...values } }]));
    expect(effectivePolicy(graph, graph.get('azurerm_api_management_api.openai')!)).toMatchObject({ kind: 'unknown', reason: expect.stringMatching(reason) });
  });
});

describe('modelTargetOf', () => {
  const target = (resources: FixtureResource[]) => {
    const graph = new ResourceGraph(planOf(resources));
    return modelTargetOf(graph, graph.get('azurerm_api_management_api.openai')!);
  };
  const api = (values: Record<string, unknown> = {}): FixtureResource => ({ type: 'azurerm_api_management_api', name: 'openai', values: { name: 'openai', ...values } });
  const routeTo = (backendId: string): FixtureResource => ({
    type: 'azurerm_api_management_api_policy',
    values: { api_name: '${azurerm_api_management_api.openai.name}', xml_content: `<policies><inbound><base /><set-backend-service backend-id="${backendId}" /></inbound></policies>` },
  });
  const account: FixtureResource = { type: 'azurerm_cognitive_account', name: 'aoai', values: { kind: 'OpenAI', custom_subdomain_name: 'aoai-dev' } };

  test('service_url on a model host', () => {
    expect(target([api({ service_url: 'https://aoai-dev.openai.azure.com/openai' })]).kind).toBe('model');
  });
  test('service_url referencing a cognitive account endpoint', () => {
    expect(target([account, api({ service_url: '${azurerm_cognitive_account.aoai.endpoint}openai' })])).toMatchObject({ kind: 'model' });
  });
  test('a backend whose url is a model host, by literal backend-id', () => {
    expect(target([api(), routeTo('aoai'), { type: 'azurerm_api_management_backend', values: { name: 'aoai', url: 'https://aoai-dev.openai.azure.com/openai', protocol: 'http' } }]).kind).toBe('model');
  });
  test('a backend whose resource_id references a cognitive account', () => {
    expect(target([account, api(), routeTo('${azurerm_api_management_backend.b.name}'),
      { type: 'azurerm_api_management_backend', name: 'b', values: { name: 'b', url: '${azurerm_cognitive_account.aoai.endpoint}openai', resource_id: '${azurerm_cognitive_account.aoai.id}' } }]))
      .toMatchObject({ kind: 'model', accounts: [expect.objectContaining({ address: 'azurerm_cognitive_account.aoai' })] });
  });
  test('an azapi pool of model backends', () => {
    expect(target([api(), routeTo('openai-pool'),
      { type: 'azurerm_api_management_backend', name: 'primary', values: { name: 'primary', url: 'https://a.openai.azure.com/openai' } },
      { type: 'azapi_resource', name: 'pool', values: { type: 'Microsoft.ApiManagement/service/backends@2024-06-01-preview', name: 'openai-pool',
        body: { properties: { type: 'Pool', pool: { services: [{ id: '${azurerm_api_management_backend.primary.id}', priority: 1 }] } } } } }]).kind).toBe('model');
  });
  test('an unresolvable backend-id is unknown, not other', () => {
    expect(target([api(), routeTo('somewhere')])).toMatchObject({ kind: 'unknown', reason: expect.stringMatching(/not declared/) });
  });
  test('a backend on a Content Safety account is not a model', () => {
    expect(target([{ type: 'azurerm_cognitive_account', name: 'cs', values: { kind: 'ContentSafety' } }, api(), routeTo('cs'),
      { type: 'azurerm_api_management_backend', values: { name: 'cs', url: '${azurerm_cognitive_account.cs.endpoint}', resource_id: '${azurerm_cognitive_account.cs.id}' } }]).kind).toBe('other');
  });
  test('an API to another service is other', () => {
    expect(target([api({ service_url: 'https://orders.internal.contoso.com' })]).kind).toBe('other');
  });
});

describe('cognitiveAccountsOf', () => {
  const account: FixtureResource = { type: 'azurerm_cognitive_account', name: 'cs', values: { name: 'ais-x', kind: 'AIServices', custom_subdomain_name: 'ais-x' } };
  const accountsOf = (backend: FixtureResource) => {
    const graph = new ResourceGraph(planOf([account, backend]));
    return cognitiveAccountsOf(graph, graph.get(`${backend.type}.${backend.name}`)!).map((a) => a.address);
  };

  test('an azurerm backend: by its url', () => {
    expect(accountsOf({ type: 'azurerm_api_management_backend', name: 'b', values: { name: 'content-safety', url: 'https://ais-x.cognitiveservices.azure.com' } })).toEqual(['azurerm_cognitive_account.cs']);
  });

  test('an azapi backend: by body.properties.url (literal or reference), as the content-safety backend is declared', () => {
    const azapi = (url: string): FixtureResource => ({ type: 'azapi_resource', name: 'b', values: { type: 'Microsoft.ApiManagement/service/backends@2024-05-01', name: 'content-safety', body: { properties: { url, protocol: 'http' } } } });
    expect(accountsOf(azapi('https://ais-x.cognitiveservices.azure.com'))).toEqual(['azurerm_cognitive_account.cs']);
    expect(accountsOf(azapi('https://${azurerm_cognitive_account.cs.custom_subdomain_name}.cognitiveservices.azure.com'))).toEqual(['azurerm_cognitive_account.cs']);
    expect(accountsOf(azapi('https://example.com'))).toEqual([]);
  });
});

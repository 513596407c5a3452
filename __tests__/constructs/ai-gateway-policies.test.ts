import {
  COGNITIVE_SERVICES_AUDIENCE, MODEL_API_INBOUND_ORDER, ROUTING_ALIAS_OPERATIONS, aliasGuardCondition, aliasGuardProblems, deploymentPoolId, ModelApiPolicyParams, modelApiExpectations, PolicyExpectations, PolicyTemplateError,
  ProductPolicyParams, RoutingConfig, RoutingRequest, chooseDeployment, describeRequest, estimatePromptTokens,
  policyProblems, renderGatewayPolicies, renderGlobalPolicy, renderModelApiPolicy, renderPolicy, renderProductPolicy,
  routingCondition, routingProblems, templatePlaceholders, validatePolicy,
} from '../../constructs/ai-gateway/policy-templates';
import {
  PolicyDocument, PolicyElement, PolicySection, POLICY_SECTIONS, attr, childNamed, findElements, parsePolicy,
} from '../../policy/apim-policy';
import gen001 from '../../policy/rules/gen/GAI-GEN-001';
import gen002 from '../../policy/rules/gen/GAI-GEN-002';
import gen003 from '../../policy/rules/gen/GAI-GEN-003';
import gen004 from '../../policy/rules/gen/GAI-GEN-004';
import gen005 from '../../policy/rules/gen/GAI-GEN-005';
import gen010 from '../../policy/rules/gen/GAI-GEN-010';
import { FixtureResource, check, statusOf } from '../policy/harness';

// ------------------------------------------------------------------------------------------------
// Fixtures: the prod-like gateway (environments/prod.ts routing and teams).

const CLIENT_ID = '0f6c1f38-1b7e-4c39-9d1c-4b1b0b7ad001';

const ROUTING: RoutingConfig = {
  alias: 'auto',
  defaultDeployment: 'gpt-4.1-ptu',
  rules: [
    { deployment: 'gpt-4.1-mini', when: { maxPromptTokens: 2000, hasTools: false, hasImages: false } },
    { deployment: 'gpt-4.1-mini', when: { hint: 'fast' } },
    { deployment: 'gpt-4o', when: { hasImages: true } },
  ],
};

const DEPLOYMENTS = ['gpt-4.1', 'gpt-4.1-mini', 'gpt-4.1-ptu', 'gpt-4o', 'gpt-4o-ptu'];

const MODEL_API: ModelApiPolicyParams = {
  gatewayIdentityClientId: CLIENT_ID,
  deployments: DEPLOYMENTS,
  contentSafety: { backendId: 'content-safety', blocklistIds: ['corp-terms'] },
  routing: ROUTING,
  semanticCache: { embeddingsBackendId: 'embeddings', scoreThreshold: 0.1, durationSeconds: 3600 },
  callerAuthentication: { tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47', audiences: ['api://genai-gateway.contoso.com'] },
};

const TEAMS: readonly ProductPolicyParams[] = [
  { team: 'search-assistant', tokensPerMinute: 200_000, tokenQuota: 2_000_000_000, allowedDeployments: ['auto', 'gpt-4.1-ptu'] },
  { team: 'claims-copilot', tokensPerMinute: 150_000, tokenQuota: 1_500_000_000, allowedDeployments: ['auto'], perUserTokensPerMinute: 10_000 },
  { team: 'contract-analytics', tokensPerMinute: 100_000, tokenQuota: 800_000_000, tokenQuotaPeriod: 'Weekly' },
];

function parsed(xml: string): PolicyDocument {
  const result = parsePolicy(xml);
  if (!result.ok) throw new Error(`policy does not parse: ${result.error}`);
  return result.policy;
}

function section(doc: PolicyDocument, name: PolicySection): readonly PolicyElement[] {
  return doc.sections[name] ?? [];
}

/** Top-level position of the first element matching `name` (and `attributes`), searching nested elements too. */
function position(elements: readonly PolicyElement[], name: string, attributes: Record<string, string> = {}): number {
  const found = findElements(elements, [name]).filter((f) => Object.entries(attributes).every(([k, v]) => attr(f.element, k) === v));
  return found.length === 0 ? -1 : Math.min(...found.map((f) => f.topIndex));
}

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof PolicyTemplateError) return [...e.problems];
    throw e;
  }
  throw new Error('expected a PolicyTemplateError');
}

const modelApiXml = renderModelApiPolicy(MODEL_API);
const modelApi = parsed(modelApiXml);
const inbound = section(modelApi, 'inbound');

// ------------------------------------------------------------------------------------------------

describe('policy templates', () => {
  const rendered: [string, string][] = [
    ['global', renderGlobalPolicy()],
    ['model-api (all features)', modelApiXml],
    ['model-api (no caller auth, no cache)', renderModelApiPolicy({ ...MODEL_API, callerAuthentication: undefined, semanticCache: undefined })],
    ...TEAMS.map((t): [string, string] => [`product ${t.team}`, renderProductPolicy(t)]),
  ];

  it.each(rendered)('%s renders, parses with the policy engine and leaves no placeholder', (_name, xml) => {
    expect(xml).not.toMatch(/\{\{/);
    expect(xml).not.toMatch(/\}\}\}/);
    const result = parsePolicy(xml);
    expect(result.ok).toBe(true);
    if (result.ok) expect(Object.keys(result.policy.sections).sort()).toEqual([...POLICY_SECTIONS].sort());
  });

  it.each(rendered)('%s never sets an api-key (it is only deleted)', (_name, xml) => {
    const doc = parsed(xml);
    for (const name of POLICY_SECTIONS) {
      for (const { element } of findElements(section(doc, name), ['set-header', 'set-query-parameter'])) {
        if (attr(element, 'name')?.toLowerCase() === 'api-key') expect(attr(element, 'exists-action')).toBe('delete');
      }
    }
    expect(xml).not.toMatch(/api-key"[^>]*exists-action="(override|append|skip)"/);
  });

  it('lists the placeholders of each template', () => {
    expect(templatePlaceholders('product').map((p) => p.name)).toEqual(['deploymentAllowList', 'tokensPerMinute', 'tokenQuota', 'tokenQuotaPeriod', 'perUserTokenLimit']);
    expect(templatePlaceholders('product').find((p) => p.name === 'perUserTokenLimit')?.kind).toBe('block');
    expect(templatePlaceholders('global')).toEqual([]);
    expect(templatePlaceholders('model-api').map((p) => p.name)).toEqual(expect.arrayContaining([
      'callerAuthentication', 'semanticCacheLookup', 'contentSafetyBackendId', 'routingAlias', 'routingRules', 'metricNamespace',
      'deploymentPools', 'gatewayIdentityClientId', 'retryCount', 'semanticCacheStore',
    ]));
  });
});

describe('renderPolicy', () => {
  it('reports every missing value and every unknown key at once', () => {
    const problems = problemsOf(() => renderPolicy('product', { tokensPerMinute: 1000, teamName: 'x', colour: 'blue' }));
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/missing values for deploymentAllowList, tokenQuota, tokenQuotaPeriod, perUserTokenLimit/);
    expect(problems[1]).toMatch(/unknown keys teamName, colour/);
  });

  it('names the template in the error', () => {
    expect(() => renderPolicy('product', {})).toThrow(/policy template 'product' has 1 problem:\n {2}- missing values for/);
  });

  it('rejects invalid values and blocks that are not text, all at once', () => {
    const problems = problemsOf(() => renderPolicy('product', {
      deploymentAllowList: 42, tokensPerMinute: Number.NaN, tokenQuota: 1, tokenQuotaPeriod: 'Monthly', perUserTokenLimit: '',
    }));
    expect(problems).toEqual([
      expect.stringMatching(/deploymentAllowList is a block and needs XML text, got number/),
      expect.stringMatching(/tokensPerMinute must be a finite number, got NaN/),
    ]);
  });

  it('escapes values so that they are attribute-safe', () => {
    const hostile = 'Monthly" estimate-prompt-tokens="false" x="<&>\'';
    const xml = renderPolicy('product', { deploymentAllowList: '', tokensPerMinute: 5, tokenQuota: 10, tokenQuotaPeriod: hostile, perUserTokenLimit: '' });
    const [limit] = findElements(section(parsed(xml), 'inbound'), ['llm-token-limit']);
    expect(attr(limit.element, 'token-quota-period')).toBe(hostile);
    expect(attr(limit.element, 'estimate-prompt-tokens')).toBe('true');
  });

  it('never substitutes twice: a value that looks like a placeholder is reported, not filled', () => {
    const problems = problemsOf(() => renderPolicy('product', { deploymentAllowList: '', tokensPerMinute: 5, tokenQuota: 10, tokenQuotaPeriod: '{{tokenQuota}}', perUserTokenLimit: '' }));
    expect(problems).toEqual([expect.stringMatching(/unfilled placeholder \{\{tokenQuota\}\} \(line \d+\)/)]);
  });

  it('drops the line of an empty block and indents a block to its slot', () => {
    const xml = renderProductPolicy({ team: 't', tokensPerMinute: 10, tokenQuota: 100, perUserTokensPerMinute: 5 });
    expect(xml).not.toMatch(/^\s*$\n\s*<llm-token-limit/m);
    expect(xml).toMatch(/\n {4}<llm-token-limit counter-key="@\(context\.Subscription\.Id \+/);
  });

  it('rejects an unknown template', () => {
    expect(() => renderPolicy('../secrets' as never, {})).toThrow(/no template \.\.\/secrets\.xml/);
  });

  it('validates the rendered document against the given expectations', () => {
    const expectations: PolicyExpectations = { outbound: { required: ['azure-openai-semantic-cache-store'] } };
    expect(() => renderPolicy('global', {}, { expectations })).toThrow(/<outbound> is missing <azure-openai-semantic-cache-store>/);
  });
});

describe('validatePolicy', () => {
  const ORDERED: PolicyExpectations = {
    inbound: { base: 'required', required: ['validate-azure-ad-token', 'llm-token-limit'], expectedOrder: ['validate-azure-ad-token', 'base', 'llm-content-safety', 'set-backend-service'] },
    outbound: { base: 'first' },
  };

  it('returns the parsed document of a valid policy', () => {
    const xml = '<policies><inbound><validate-azure-ad-token tenant-id="t" /><base /><llm-token-limit counter-key="k" tokens-per-minute="1" /></inbound><outbound><base /></outbound></policies>';
    expect(validatePolicy(xml, ORDERED).sections.inbound?.map((e) => e.name)).toEqual(['validate-azure-ad-token', 'base', 'llm-token-limit']);
  });

  it('reports malformed XML and leftover placeholders together', () => {
    const problems = policyProblems('<policies><inbound><set-backend-service backend-id="{{backendPoolId}}" ></inbound></policies>');
    expect(problems).toEqual([
      expect.stringMatching(/unfilled placeholder \{\{backendPoolId\}\} \(line 1\)/),
      expect.stringMatching(/not well-formed policy XML: .*set-backend-service/),
    ]);
  });

  it('reports missing, misordered, missing <base /> and wrongly placed <base /> all at once', () => {
    const xml = `<policies>
      <inbound>
        <set-backend-service backend-id="pool" />
        <llm-content-safety backend-id="cs" shield-prompt="true" />
        <validate-azure-ad-token tenant-id="t" />
      </inbound>
      <outbound><set-header name="x" exists-action="delete" /><base /></outbound>
    </policies>`;
    const problems = policyProblems(xml, ORDERED);
    expect(problems).toEqual([
      '<inbound> has no <base />',
      '<inbound> is missing <llm-token-limit>',
      '<inbound>: <llm-content-safety> (position 2) runs before <validate-azure-ad-token> (position 3); expected order: validate-azure-ad-token -> base -> llm-content-safety -> set-backend-service',
      '<inbound>: <set-backend-service> (position 1) runs before <llm-content-safety> (position 2); expected order: validate-azure-ad-token -> base -> llm-content-safety -> set-backend-service',
      '<outbound> must start with <base />, found <set-header> first',
    ]);
    expect(() => validatePolicy(xml, ORDERED, 'model-api')).toThrow(/policy template 'model-api' has 5 problems/);
  });

  it('reports a missing section, forbidden elements and invalid selectors', () => {
    const problems = policyProblems('<policies><inbound><base /></inbound></policies>', {
      inbound: { forbidden: ['base'], required: ['set-header[name'] },
      backend: { required: ['forward-request'] },
    });
    expect(problems).toEqual([
      '<inbound>: invalid expectation selector "set-header[name"',
      '<inbound> must not contain <base> (position 1)',
      'missing the <backend> section',
    ]);
  });

  it('matches selectors on attributes, nested elements included', () => {
    const xml = '<policies><inbound><choose><when condition="@(true)"><set-header name="X-A" exists-action="override"><value>1</value></set-header></when></choose></inbound></policies>';
    expect(policyProblems(xml, { inbound: { required: ['set-header[name=x-a][exists-action=override]'] } })).toEqual([]);
    expect(policyProblems(xml, { inbound: { required: ['set-header[name=x-a][exists-action=delete]'] } })).toEqual(['<inbound> is missing <set-header[name=x-a][exists-action=delete]>']);
  });

  it('rejects a policy that sends an api-key header or query parameter', () => {
    const xml = '<policies><inbound><set-header name="api-key" exists-action="override"><value>k</value></set-header><set-query-parameter name="API-KEY"><value>k</value></set-query-parameter></inbound></policies>';
    expect(policyProblems(xml)).toEqual([
      expect.stringMatching(/<inbound> sets <set-header name="api-key"> \(exists-action="override"\)/),
      expect.stringMatching(/<inbound> sets <set-query-parameter name="api-key"> \(exists-action="override"\)/),
    ]);
  });
});

describe('model API policy', () => {
  it('runs inbound in the required order: auth -> alias guard -> cache lookup -> base -> content safety -> routing -> metric -> caller\'s spillover header dropped -> backend -> managed identity', () => {
    const stages: [string, Record<string, string>?][] = [
      ['validate-azure-ad-token'],
      ['set-variable', { name: 'requestedDeployment' }],
      ['when', { condition: aliasGuardCondition('auto') }],
      ['azure-openai-semantic-cache-lookup'],
      ['base'],
      ['llm-content-safety'],
      ['rewrite-uri'],
      ['llm-emit-token-metric'],
      ['set-header', { name: 'x-ms-spillover-deployment', 'exists-action': 'delete' }],
      ['set-backend-service'],
      ['authentication-managed-identity'],
      ['set-header', { name: 'Authorization' }],
    ];
    const positions = stages.map(([name, attributes]) => position(inbound, name, attributes));
    positions.forEach((p, i) => expect([stages[i][0], p]).not.toEqual([stages[i][0], -1]));
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(new Set(positions).size).toBe(positions.length);
    expect(MODEL_API_INBOUND_ORDER).toHaveLength(11);
  });

  it('keeps <base /> in every section except backend, first in outbound and on-error', () => {
    expect(inbound.some((e) => e.name === 'base')).toBe(true);
    expect(section(modelApi, 'outbound')[0].name).toBe('base');
    expect(section(modelApi, 'on-error')[0].name).toBe('base');
    expect(section(modelApi, 'backend').some((e) => e.name === 'base')).toBe(false);
  });

  it('authenticates callers with Entra ID when configured, and not otherwise', () => {
    const [token] = findElements(inbound, ['validate-azure-ad-token']);
    expect(attr(token.element, 'tenant-id')).toBe(MODEL_API.callerAuthentication?.tenantId);
    expect(childNamed(token.element, 'audiences')?.children.map((c) => c.text)).toEqual(['api://genai-gateway.contoso.com']);
    const without = parsed(renderModelApiPolicy({ ...MODEL_API, callerAuthentication: undefined }));
    expect(findElements(section(without, 'inbound'), ['validate-azure-ad-token'])).toHaveLength(0);
  });

  it('varies the semantic cache by subscription (and by requested deployment) and stores with the configured duration', () => {
    const [lookup] = findElements(inbound, ['azure-openai-semantic-cache-lookup']);
    expect(attr(lookup.element, 'score-threshold')).toBe('0.1');
    expect(attr(lookup.element, 'embeddings-backend-id')).toBe('embeddings');
    expect(attr(lookup.element, 'embeddings-backend-auth')).toBe('system-assigned');
    const varyBy = lookup.element.children.filter((c) => c.name === 'vary-by').map((c) => c.text);
    expect(varyBy[0]).toBe('@(context.Subscription.Id)');
    expect(varyBy[1]).toBe('@(context.Variables.GetValueOrDefault<string>("requestedDeployment", ""))');
    const [store] = findElements(section(modelApi, 'outbound'), ['azure-openai-semantic-cache-store']);
    expect(attr(store.element, 'duration')).toBe('3600');
  });

  it('has no cache lookup or store when the cache is off', () => {
    const doc = parsed(renderModelApiPolicy({ ...MODEL_API, semanticCache: undefined }));
    expect(findElements(section(doc, 'inbound'), ['azure-openai-semantic-cache-lookup'])).toHaveLength(0);
    expect(findElements(section(doc, 'outbound'), ['azure-openai-semantic-cache-store'])).toHaveLength(0);
  });

  it('screens prompts with content safety, prompt shields on', () => {
    const [safety] = findElements(inbound, ['llm-content-safety']);
    expect(attr(safety.element, 'backend-id')).toBe('content-safety');
    expect(attr(safety.element, 'shield-prompt')).toBe('true');
    const categories = childNamed(safety.element, 'categories');
    expect(attr(categories!, 'output-type')).toBe('FourSeverityLevels');
    expect(categories!.children.map((c) => [attr(c, 'name'), attr(c, 'threshold')])).toEqual([['Hate', '4'], ['SelfHarm', '4'], ['Sexual', '4'], ['Violence', '4']]);
    expect(childNamed(safety.element, 'blocklists')?.children.map((c) => c.text)).toEqual(['corp-terms']);
  });

  it('emits token metrics by team, subscription, model (routed), deployment (requested) and API', () => {
    const [metric] = findElements(inbound, ['llm-emit-token-metric']);
    expect(attr(metric.element, 'namespace')).toBe('genai-gateway');
    const dimensions = metric.element.children.map((d) => [attr(d, 'name'), attr(d, 'value')]);
    expect(dimensions).toEqual([
      ['Team', '@(context.Product?.Name ?? "none")'],
      ['Subscription ID', undefined],
      ['Model', '@(context.Variables.GetValueOrDefault<string>("routedDeployment", "none"))'],
      ['Deployment', '@(context.Variables.GetValueOrDefault<string>("requestedDeployment", "none"))'],
      ['API ID', undefined],
    ]);
    expect(dimensions.length).toBeLessThanOrEqual(5); // the policy allows at most 5 custom dimensions
  });

  it('sends each served deployment to its own pool, and any other name to a 404', () => {
    const pools = findElements(inbound, ['set-backend-service']);
    expect(pools.map((f) => attr(f.element, 'backend-id'))).toEqual(DEPLOYMENTS.map(deploymentPoolId));
    const choose = pools[0].top;
    expect(choose.children.filter((c) => c.name === 'when').map((w) => attr(w, 'condition')))
      .toEqual(DEPLOYMENTS.map((d) => `@((string)context.Variables["routedDeployment"] == "${d}")`));
    const otherwise = childNamed(choose, 'otherwise')!;
    expect(attr(findElements([otherwise], ['set-status'])[0].element, 'code')).toBe('404');
  });

  it('reaches the models with the gateway managed identity, never a key', () => {
    const [mi] = findElements(inbound, ['authentication-managed-identity']);
    expect(attr(mi.element, 'resource')).toBe(COGNITIVE_SERVICES_AUDIENCE);
    expect(attr(mi.element, 'client-id')).toBe(CLIENT_ID);
    expect(attr(mi.element, 'output-token-variable-name')).toBe('msi-access-token');
    expect(attr(mi.element, 'ignore-error')).toBe('false');
    const bearer = findElements(inbound, ['set-header']).find((f) => attr(f.element, 'name') === 'Authorization');
    expect(bearer?.element.children[0].text).toBe('@("Bearer " + (string)context.Variables["msi-access-token"])');
    expect(position(inbound, 'set-header', { name: 'api-key', 'exists-action': 'delete' })).toBeGreaterThan(position(inbound, 'authentication-managed-identity'));
  });

  it('accepts a client id known only after apply', () => {
    const xml = renderModelApiPolicy({ ...MODEL_API, gatewayIdentityClientId: '${azurerm_user_assigned_identity.gateway.client_id}' });
    expect(xml).toContain('client-id="${azurerm_user_assigned_identity.gateway.client_id}"');
  });

  it('drops a spillover header sent by the caller and sets none (spillover is the PTU deployment\'s spilloverDeploymentName)', () => {
    const headers = findElements(inbound, ['set-header']).filter((f) => attr(f.element, 'name')?.toLowerCase() === 'x-ms-spillover-deployment');
    expect(headers.map((f) => attr(f.element, 'exists-action'))).toEqual(['delete']);
    // A template that sets the header again fails validation.
    const setting = modelApiXml.replace('<set-header name="x-ms-spillover-deployment" exists-action="delete" />',
      '<set-header name="x-ms-spillover-deployment" exists-action="override"><value>gpt-4.1</value></set-header>');
    expect(policyProblems(setting, modelApiExpectations({ callerAuthentication: true, semanticCache: true }))).toEqual([
      '<inbound> is missing <set-header[name=x-ms-spillover-deployment][exists-action=delete]>',
      expect.stringMatching(/^<inbound> must not contain <set-header\[name=x-ms-spillover-deployment\]\[exists-action=override\]>/),
    ]);
  });

  describe('the routing alias is only for chat completions and responses', () => {
    const guard = findElements(inbound, ['when']).find((f) => attr(f.element, 'condition') === aliasGuardCondition('auto'))!;

    it('refuses it on any other operation with 400 AliasNotSupported, naming the operation, before <base />', () => {
      expect(ROUTING_ALIAS_OPERATIONS).toEqual(['chat-completions', 'responses']);
      expect(attr(guard.element, 'condition')).toBe('@((string)context.Variables["requestedDeployment"] == "auto" && context.Operation.Id != "chat-completions" && context.Operation.Id != "responses")');
      expect(modelApiXml).toContain('== "auto" && context.Operation.Id != "chat-completions" && context.Operation.Id != "responses")');
      const response = childNamed(guard.element, 'return-response')!;
      expect(attr(childNamed(response, 'set-status')!, 'code')).toBe('400');
      const body = childNamed(response, 'set-body')!.text;
      expect(body).toContain('new JProperty("code", "AliasNotSupported")');
      expect(body).toMatch(/"The routing alias 'auto' is only for chat-completions and responses; operation " \+ context\.Operation\.Id \+ " needs a deployment name\."/);
      expect(guard.topIndex).toBeLessThan(position(inbound, 'base'));
      expect(guard.topIndex).toBeLessThan(position(inbound, 'azure-openai-semantic-cache-lookup'));
      expect(guard.topIndex).toBeGreaterThan(position(inbound, 'set-variable', { name: 'requestedDeployment' }));
      expect(aliasGuardProblems(modelApi, 'auto')).toEqual([]);
    });

    it('names the configured alias', () => {
      const xml = renderModelApiPolicy({ ...MODEL_API, routing: { ...ROUTING, alias: 'smart' } });
      expect(xml).toContain('== "smart" && context.Operation.Id != "chat-completions"');
      expect(xml).toContain("The routing alias 'smart' is only for");
    });

    it('a policy without the guard, or with it after <base />, is reported', () => {
      const { guardXml, without } = (() => {
        const match = /\s*<!-- The routing alias picks among chat models[\s\S]*?<\/when>/.exec(modelApiXml)!;
        return { guardXml: match[0], without: modelApiXml.replace(match[0], '') };
      })();
      expect(aliasGuardProblems(parsed(without), 'auto')).toEqual([expect.stringMatching(/^<inbound> has no guard refusing the routing alias 'auto' outside chat-completions and responses/)]);
      const late = without.replace('<base />\n    <llm-content-safety', `<base />\n<choose>${guardXml}</choose>\n    <llm-content-safety`);
      expect(aliasGuardProblems(parsed(late), 'auto')).toEqual([expect.stringMatching(/^<inbound>: the routing alias guard \(position \d+\) runs after <base \/> \(position \d+\)$/)]);
    });
  });

  it('retries 429 and 503 across the pool without buffering the (streamed) response', () => {
    const backend = section(modelApi, 'backend');
    expect(backend.map((e) => e.name)).toEqual(['retry']);
    const retry = backend[0];
    expect(attr(retry, 'condition')).toMatch(/StatusCode == 429/);
    expect(attr(retry, 'condition')).toMatch(/StatusCode == 503/);
    // The pool's own 503 (every breaker open) fails fast, told by a fact rather than wording
    // (Azure-Samples/AI-Gateway issue 262): only a model account's response has x-ms-region.
    expect(attr(retry, 'condition')).not.toMatch(/StatusReason/);
    expect(attr(retry, 'condition')).toBe('@(context.Response.StatusCode == 429 || (context.Response.StatusCode == 503 && context.Response.Headers.ContainsKey("x-ms-region")))');
    expect(attr(retry, 'count')).toBe('2');
    expect(attr(retry, 'first-fast-retry')).toBe('true');
    const forward = childNamed(retry, 'forward-request')!;
    expect(attr(forward, 'buffer-response')).toBe('false');
    expect(attr(forward, 'buffer-request-body')).toBe('true');
    expect(attr(section(parsed(renderModelApiPolicy({ ...MODEL_API, retryCount: 3 })), 'backend')[0], 'count')).toBe('3');
  });

  it('returns the routed deployment in a response header', () => {
    const header = findElements(section(modelApi, 'outbound'), ['set-header']).find((f) => attr(f.element, 'name') === 'x-gateway-routed-deployment');
    expect(header?.element.children[0].text).toBe('@(context.Variables.GetValueOrDefault<string>("routedDeployment", "none"))');
  });

  it('reports every invalid parameter at once', () => {
    const problems = problemsOf(() => renderModelApiPolicy({
      ...MODEL_API,
      gatewayIdentityClientId: 'not-a-guid',
      routing: { alias: 'a"b', defaultDeployment: 'gpt-4.1', rules: [{ deployment: 'gpt-4.1-mini', when: {} }, { deployment: 'x', when: { hint: 'Fast!', maxPromptTokens: 0 } }] },
      contentSafety: { backendId: '', categories: [{ name: 'Hate', threshold: 3 }, { name: 'Hate', threshold: 4 }] },
      semanticCache: { embeddingsBackendId: 'embeddings', scoreThreshold: 0, durationSeconds: 1.5 },
      metricNamespace: '@(context.Api.Id)',
      retryCount: 51,
    }));
    expect(problems).toEqual([
      expect.stringMatching(/routing alias 'a"b' must be 2-64/),
      expect.stringMatching(/routing rule 1 has no condition/),
      expect.stringMatching(/routing rule 2 deployment 'x' must be 2-64/),
      expect.stringMatching(/routing rule 2 maxPromptTokens must be an integer from 1/),
      expect.stringMatching(/routing rule 2 hint 'Fast!'/),
      expect.stringMatching(/gatewayIdentityClientId 'not-a-guid' is not valid/),
      expect.stringMatching(/contentSafety.backendId is empty/),
      expect.stringMatching(/contentSafety Hate threshold 3 must be one of 0, 2, 4, 6 with FourSeverityLevels/),
      expect.stringMatching(/contentSafety category Hate is listed twice/),
      expect.stringMatching(/semanticCache.scoreThreshold must be above 0/),
      expect.stringMatching(/semanticCache.durationSeconds must be an integer/),
      expect.stringMatching(/metricNamespace '@\(context.Api.Id\)'/),
      expect.stringMatching(/retryCount must be an integer from 1 to 50, got 51/),
    ]);
  });
});

describe('product policy', () => {
  it.each(TEAMS)('$team: its token limit keyed on the subscription, after <base />', (team) => {
    const doc = parsed(renderProductPolicy(team));
    const teamInbound = section(doc, 'inbound');
    expect(teamInbound[0].name).toBe('base');
    for (const s of ['backend', 'outbound', 'on-error'] as const) expect(section(doc, s).map((e) => e.name)).toEqual(['base']);
    const [limit] = findElements(teamInbound, ['llm-token-limit']);
    expect(limit.element.attributes).toEqual(expect.objectContaining({
      'counter-key': '@(context.Subscription.Id)',
      'tokens-per-minute': String(team.tokensPerMinute),
      'token-quota': String(team.tokenQuota),
      'token-quota-period': team.tokenQuotaPeriod ?? 'Monthly',
      'estimate-prompt-tokens': 'true',
      'remaining-tokens-variable-name': 'remainingTokens',
    }));
  });

  it('adds a per-user limit keyed on a token claim, within the team, after the team limit', () => {
    const doc = parsed(renderProductPolicy(TEAMS[1]));
    const limits = findElements(section(doc, 'inbound'), ['llm-token-limit']).map((f) => f.element);
    expect(limits).toHaveLength(2);
    expect(attr(limits[1], 'tokens-per-minute')).toBe('10000');
    expect(attr(limits[1], 'estimate-prompt-tokens')).toBe('true');
    expect(attr(limits[1], 'counter-key')).toBe('@(context.Subscription.Id + ":" + (context.Request.Headers.GetValueOrDefault("Authorization", "").Split(\' \').Last().AsJwt()?.Claims.GetValueOrDefault("oid", "anonymous") ?? "anonymous"))');
    const upn = parsed(renderProductPolicy({ ...TEAMS[1], perUserClaim: 'preferred_username' }));
    expect(attr(findElements(section(upn, 'inbound'), ['llm-token-limit'])[1].element, 'counter-key')).toContain('GetValueOrDefault("preferred_username", "anonymous")');
    expect(findElements(section(parsed(renderProductPolicy(TEAMS[0])), 'inbound'), ['llm-token-limit'])).toHaveLength(1);
  });

  it('refuses deployments the team may not call, before counting tokens', () => {
    const doc = parsed(renderProductPolicy(TEAMS[0]));
    const teamInbound = section(doc, 'inbound');
    expect(teamInbound.map((e) => e.name)).toEqual(['base', 'choose', 'llm-token-limit']);
    const [when] = findElements(teamInbound, ['when']);
    // Every operation: requestedDeployment is the path's deployment or the body's model (set before <base />).
    expect(attr(when.element, 'condition')).toBe('@(!new [] { "auto", "gpt-4.1-ptu" }.Contains(context.Variables.GetValueOrDefault<string>("requestedDeployment", "")))');
    const [status] = findElements([when.element], ['set-status']);
    expect(attr(status.element, 'code')).toBe('403');
    expect(JSON.parse(findElements([when.element], ['set-body'])[0].element.text)).toEqual({ error: { code: 'DeploymentNotAllowed', message: 'Team search-assistant may not call this deployment.' } });
    expect(section(parsed(renderProductPolicy(TEAMS[2])), 'inbound').map((e) => e.name)).toEqual(['base', 'llm-token-limit']);
  });

  it('reports every invalid parameter at once, naming the team', () => {
    const bad = { team: 'x', tokensPerMinute: 100, tokenQuota: 0, tokenQuotaPeriod: 'Fortnightly' as never, perUserTokensPerMinute: 200, perUserClaim: 'o"id', allowedDeployments: ['ok-1', 'no way'] };
    expect(() => renderProductPolicy(bad)).toThrow(/policy template 'product x' has 5 problems/);
    expect(problemsOf(() => renderProductPolicy(bad))).toEqual([
      'tokenQuota must be an integer from 1 to 9007199254740991, got 0',
      expect.stringMatching(/tokenQuotaPeriod 'Fortnightly' must be one of Hourly, Daily, Weekly, Monthly, Yearly/),
      'perUserTokensPerMinute 200 exceeds the team\'s 100 tokens per minute',
      expect.stringMatching(/perUserClaim 'o"id'/),
      expect.stringMatching(/allowed deployment 'no way'/),
    ]);
  });
});

describe('global policy', () => {
  const doc = parsed(renderGlobalPolicy());

  it('has no <base /> (nothing is above the service scope) and forwards requests', () => {
    for (const s of POLICY_SECTIONS) expect(findElements(section(doc, s), ['base'])).toHaveLength(0);
    expect(section(doc, 'backend').map((e) => e.name)).toEqual(['forward-request']);
  });

  it('strips callers\' keys before any backend and answers backend failures with a generic body', () => {
    const deleted = findElements(section(doc, 'inbound'), ['set-header', 'set-query-parameter']).map((f) => [f.element.name, attr(f.element, 'name'), attr(f.element, 'exists-action')]);
    expect(deleted).toEqual([
      ['set-header', 'api-key', 'delete'],
      ['set-header', 'Ocp-Apim-Subscription-Key', 'delete'],
      ['set-query-parameter', 'api-key', 'delete'],
      ['set-query-parameter', 'subscription-key', 'delete'],
    ]);
    const [body] = findElements(section(doc, 'on-error'), ['set-body']);
    expect(body.element.text).toMatch(/BackendUnavailable/);
    expect(body.element.text).not.toMatch(/LastError\.Message/);
  });
});

describe('model routing', () => {
  const TABLE: readonly [string, RoutingRequest, string][] = [
    ['a short plain prompt goes to the cheap model', { promptTokens: 300, hasTools: false, hasImages: false }, 'gpt-4.1-mini'],
    ['exactly at the token bound still matches', { promptTokens: 2000, hasTools: false, hasImages: false }, 'gpt-4.1-mini'],
    ['one token over the bound falls to the default', { promptTokens: 2001, hasTools: false, hasImages: false }, 'gpt-4.1-ptu'],
    ['tools need the strong model', { promptTokens: 100, hasTools: true, hasImages: false }, 'gpt-4.1-ptu'],
    ['the caller hint picks the cheap model for a long prompt', { promptTokens: 50_000, hasTools: true, hasImages: false, hint: 'fast' }, 'gpt-4.1-mini'],
    ['the hint is trimmed and case-insensitive', { promptTokens: 50_000, hasTools: false, hasImages: false, hint: '  FAST ' }, 'gpt-4.1-mini'],
    ['an unknown hint changes nothing', { promptTokens: 50_000, hasTools: false, hasImages: false, hint: 'cheap' }, 'gpt-4.1-ptu'],
    ['images go to the vision rule', { promptTokens: 100, hasTools: false, hasImages: true }, 'gpt-4o'],
    ['the first matching rule wins (hint before images)', { promptTokens: 100, hasTools: false, hasImages: true, hint: 'fast' }, 'gpt-4.1-mini'],
    ['the alias named explicitly is routed', { deployment: 'auto', promptTokens: 10, hasTools: false, hasImages: false }, 'gpt-4.1-mini'],
    ['a real deployment is never rerouted', { deployment: 'gpt-4.1-ptu', promptTokens: 10, hasTools: false, hasImages: false }, 'gpt-4.1-ptu'],
  ];

  it.each(TABLE)('%s', (_why, request, expected) => {
    expect(chooseDeployment(ROUTING, request)).toBe(expected);
  });

  it('uses the default when there are no rules', () => {
    const noRules = { ...ROUTING, rules: [] };
    expect(chooseDeployment(noRules, { promptTokens: 1, hasTools: false, hasImages: false })).toBe('gpt-4.1-ptu');
    const doc = parsed(renderModelApiPolicy({ ...MODEL_API, routing: noRules }));
    const [alias] = findElements(section(doc, 'inbound'), ['when']).filter((f) => attr(f.element, 'condition') === '@((string)context.Variables["requestedDeployment"] == "auto")');
    expect(findElements([alias.element], ['choose'])).toHaveLength(0);
    expect(findElements([alias.element], ['set-variable']).map((f) => [attr(f.element, 'name'), attr(f.element, 'value')])).toContainEqual(['routedDeployment', 'gpt-4.1-ptu']);
  });

  it('renders one <when> per rule, in order, with the same conditions, and the default as <otherwise>', () => {
    const [aliasWhen] = findElements(inbound, ['when']).filter((f) => attr(f.element, 'condition') === '@((string)context.Variables["requestedDeployment"] == "auto")');
    const ruleChoose = childNamed(aliasWhen.element, 'choose')!;
    const whens = ruleChoose.children.filter((c) => c.name === 'when');
    expect(whens.map((w) => attr(w, 'condition'))).toEqual(ROUTING.rules.map((r) => `@(${routingCondition(r.when)})`));
    expect(whens.map((w) => attr(childNamed(w, 'set-variable')!, 'value'))).toEqual(ROUTING.rules.map((r) => r.deployment));
    expect(attr(childNamed(childNamed(ruleChoose, 'otherwise')!, 'set-variable')!, 'value')).toBe(ROUTING.defaultDeployment);
    expect(routingCondition(ROUTING.rules[0].when)).toBe('(int)context.Variables["estimatedPromptTokens"] <= 2000 && !(bool)context.Variables["hasTools"] && !(bool)context.Variables["hasImages"]');
    expect(routingCondition({ hasTools: true, hint: 'fast' })).toBe('(bool)context.Variables["hasTools"] && (string)context.Variables["modelHint"] == "fast"');
  });

  it('records the choice and rewrites the path to the routed deployment, for the alias only', () => {
    const [aliasWhen] = findElements(inbound, ['when']).filter((f) => attr(f.element, 'condition') === '@((string)context.Variables["requestedDeployment"] == "auto")');
    const names = aliasWhen.element.children.map((c) => (c.name === 'set-variable' ? `set-variable:${attr(c, 'name')}` : c.name));
    expect(names).toEqual(['set-variable:estimatedPromptTokens', 'set-variable:hasTools', 'set-variable:hasImages', 'set-variable:modelHint', 'choose', 'rewrite-uri']);
    expect(attr(childNamed(aliasWhen.element, 'rewrite-uri')!, 'template')).toBe('@(context.Operation.UrlTemplate.Replace("{deployment-id}", (string)context.Variables["routedDeployment"]))');
    const requested = findElements(inbound, ['set-variable']).find((f) => attr(f.element, 'name') === 'requestedDeployment');
    expect(attr(requested!.element, 'value')).toContain('context.Request.MatchedParameters["deployment-id"]');
  });

  it('reads the requested deployment once, before <base />: the path\'s, else the body\'s model; none is a 400', () => {
    const requested = findElements(inbound, ['set-variable']).find((f) => attr(f.element, 'name') === 'requestedDeployment')!;
    expect(requested.topIndex).toBeLessThan(position(inbound, 'base'));
    expect(requested.topIndex).toBeLessThan(position(inbound, 'azure-openai-semantic-cache-lookup'));
    expect(attr(requested.element, 'value')).toContain('(body?["model"] as JValue)?.Value as string');
    const [missing] = findElements(inbound, ['when']).filter((f) => attr(f.element, 'condition')?.includes('IsNullOrEmpty'));
    expect(missing.topIndex).toBe(requested.topIndex + 1);
    expect(attr(findElements([missing.element], ['set-status'])[0].element, 'code')).toBe('400');
  });

  it('rewrites the body\'s model to the routed deployment where the path names none (the Responses API)', () => {
    const [rewrite] = findElements(inbound, ['when']).filter((f) => attr(f.element, 'condition') === '@(!context.Request.MatchedParameters.ContainsKey("deployment-id"))');
    expect(childNamed(rewrite.element, 'set-body')!.text).toContain('body["model"] = (string)context.Variables["routedDeployment"]');
    expect(rewrite.topIndex).toBeLessThan(position(inbound, 'set-backend-service'));
  });

  it('refuses routing to a deployment the gateway does not serve', () => {
    expect(problemsOf(() => renderModelApiPolicy({ ...MODEL_API, deployments: ['gpt-4.1', 'gpt-4.1-ptu'] }))).toEqual([
      "routing target 'gpt-4.1-mini' is not a served deployment (gpt-4.1, gpt-4.1-ptu)",
      "routing target 'gpt-4o' is not a served deployment (gpt-4.1, gpt-4.1-ptu)",
    ]);
  });

  it('computes the request facts as the policy does', () => {
    const body = JSON.stringify({
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: [{ type: 'text', text: 'What is in this picture?' }, { type: 'image_url', image_url: { url: 'https://example.com/a.png' } }] },
      ],
      tools: [],
    });
    expect(describeRequest(body, { 'X-Model-Hint': 'fast' })).toEqual({ deployment: undefined, promptTokens: Math.floor(body.length / 4), hasTools: false, hasImages: true, hint: 'fast' });
    expect(describeRequest(JSON.stringify({ messages: [{ role: 'user', content: 'hi' }], functions: [{ name: 'f' }] })).hasTools).toBe(true);
    expect(describeRequest(JSON.stringify({ input: [{ role: 'user', content: [{ type: 'input_image', image_url: 'data:...' }] }] })).hasImages).toBe(true);
    expect(describeRequest(JSON.stringify({ messages: [{ role: 'user', content: 'say "image_url"' }] })).hasImages).toBe(false);
    expect(estimatePromptTokens('x'.repeat(8003))).toBe(2000);
    expect(() => describeRequest('[1, 2]')).toThrow(/not a JSON object/);
    const plain = describeRequest(JSON.stringify({ messages: [{ role: 'user', content: 'Summarise our refund policy in one line.' }] }), {}, 'auto');
    expect(chooseDeployment(ROUTING, plain)).toBe('gpt-4.1-mini');
  });

  it('validates routing rules on their own', () => {
    expect(routingProblems(ROUTING)).toEqual([]);
    expect(routingProblems({ alias: 'auto', defaultDeployment: 'auto', rules: [{ deployment: 'auto', when: { hasTools: true } }] })).toEqual([
      "routing default deployment 'auto' is the alias itself",
      "routing rule 1 routes to the alias 'auto' itself",
    ]);
  });
});

describe('renderGatewayPolicies', () => {
  it('renders the global, model API and every team product policy', () => {
    const documents = renderGatewayPolicies({ modelApi: MODEL_API, teams: TEAMS });
    expect(documents.modelApi).toBe(modelApiXml);
    expect(Object.keys(documents.products)).toEqual(TEAMS.map((t) => t.team));
    expect(documents.global).toContain('<forward-request />');
  });

  it('lists the problems of every document at once', () => {
    const problems = problemsOf(() => renderGatewayPolicies({
      modelApi: { ...MODEL_API, deployments: [] },
      teams: [{ ...TEAMS[0], tokensPerMinute: 0 }, TEAMS[1], TEAMS[1]],
    }));
    expect(problems).toEqual([
      'model-api: deployments is empty: the gateway would serve nothing',
      'product search-assistant: tokensPerMinute must be an integer from 1 to 9007199254740991, got 0',
      'product claims-copilot: the team is listed twice',
    ]);
  });
});

// ------------------------------------------------------------------------------------------------
// The policy engine's GenAI rules on the rendered documents, composed global -> product -> API.

describe('the policy engine reads the rendered policies', () => {
  const ref = (address: string, attribute = 'id') => `\${${address}.${attribute}}`;
  const apim = ref('azurerm_api_management.gw', 'name');

  function plan(options: { modelApiXml?: string; productXml?: string } = {}): FixtureResource[] {
    return [
      { type: 'azurerm_user_assigned_identity', name: 'gw', values: { name: 'id-gateway' } },
      { type: 'azurerm_api_management', name: 'gw', values: { name: 'apim-genai', identity: { type: 'UserAssigned', identity_ids: [ref('azurerm_user_assigned_identity.gw')] } } },
      { type: 'azurerm_cognitive_account', name: 'aoai', values: { name: 'aoai-genai', kind: 'AIServices', custom_subdomain_name: 'aoai-genai', local_auth_enabled: false } },
      ...DEPLOYMENTS.map((d, i): FixtureResource => ({ type: 'azurerm_api_management_backend', name: `pool${i}`, values: { name: deploymentPoolId(d), api_management_name: apim, protocol: 'http', url: `${ref('azurerm_cognitive_account.aoai', 'endpoint')}openai`, resource_id: ref('azurerm_cognitive_account.aoai') } })),
      { type: 'azurerm_api_management_backend', name: 'embeddings', values: { name: 'embeddings', api_management_name: apim, protocol: 'http', url: 'https://aoai-genai.openai.azure.com/openai/deployments/text-embedding-3-small/embeddings' } },
      { type: 'azurerm_api_management_redis_cache', name: 'default', values: { name: 'Default', api_management_id: ref('azurerm_api_management.gw') } },
      { type: 'azurerm_api_management_policy', name: 'global', values: { api_management_id: ref('azurerm_api_management.gw'), xml_content: renderGlobalPolicy() } },
      { type: 'azurerm_api_management_api', name: 'openai', values: { name: 'azure-openai', api_management_name: apim, path: 'openai', subscription_required: true } },
      { type: 'azurerm_api_management_api_policy', name: 'openai', values: { api_name: ref('azurerm_api_management_api.openai', 'name'), api_management_name: apim, xml_content: options.modelApiXml ?? modelApiXml } },
      { type: 'azurerm_api_management_product', name: 'claims', values: { product_id: 'claims-copilot', api_management_name: apim, subscription_required: true } },
      { type: 'azurerm_api_management_product_api', name: 'claims', values: { product_id: ref('azurerm_api_management_product.claims', 'product_id'), api_name: ref('azurerm_api_management_api.openai', 'name'), api_management_name: apim } },
      { type: 'azurerm_api_management_product_policy', name: 'claims', values: { product_id: ref('azurerm_api_management_product.claims', 'product_id'), api_management_name: apim, xml_content: options.productXml ?? renderProductPolicy(TEAMS[1]) } },
      { type: 'azurerm_api_management_subscription', name: 'claims', values: { display_name: 'claims-copilot', product_id: ref('azurerm_api_management_product.claims'), api_management_name: apim } },
    ];
  }

  it.each([
    ['GAI-GEN-001 token limit per consumer', gen001],
    ['GAI-GEN-002 token metric with a consumer dimension', gen002],
    ['GAI-GEN-003 managed identity to the models, no api-key sent (deleting the caller\'s is fine)', gen003],
    ['GAI-GEN-004 caller authentication', gen004],
    ['GAI-GEN-005 inbound order and <base />', gen005],
    ['GAI-GEN-010 semantic cache varied by consumer', gen010],
  ])('%s: compliant', (_name, rule) => {
    expect(check(rule, plan())).toEqual([{ status: 'compliant' }]);
  });

  it('GAI-GEN-005 stays compliant without caller auth and cache', () => {
    const xml = renderModelApiPolicy({ ...MODEL_API, callerAuthentication: undefined, semanticCache: undefined });
    expect(statusOf(gen005, plan({ modelApiXml: xml }))).toBe('compliant');
  });

  it('the engine and validatePolicy both catch a broken variant (caller auth moved after the backend)', () => {
    const auth = /<validate-azure-ad-token[\s\S]*?<\/validate-azure-ad-token>/.exec(modelApiXml)![0];
    const moved = modelApiXml.replace(auth, '').replace('<set-backend-service', `${auth}\n    <set-backend-service`);
    expect(statusOf(gen005, plan({ modelApiXml: moved }))).toBe('non-compliant');
    expect(policyProblems(moved, modelApiExpectations({ callerAuthentication: true, semanticCache: true }))).toEqual([
      expect.stringMatching(/^<inbound>: <set-variable\[name=requestedDeployment\]> \(position 1\) runs before <validate-azure-ad-token> \(position \d+\)/),
    ]);
  });
});

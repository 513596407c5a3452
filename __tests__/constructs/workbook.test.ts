import { TerraformStack } from 'cdktf';
import { ApplicationInsights } from '@cdktf/provider-azurerm/lib/application-insights';
import { TOKEN_DIMENSIONS, TOKEN_METRICS, TokenUsageWorkbook, TokenUsageWorkbookProps, uuidV5 } from '../../constructs/monitoring/workbook';
import { SynthJson, onlyResource, synth, testStack } from '../helpers';

const APP_INSIGHTS = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-Mon/providers/Microsoft.Insights/components/appi-genai-test';
const baseProps: TokenUsageWorkbookProps = {
  nameSeed: 'genai-test-token-usage',
  location: 'swedencentral',
  resourceGroupName: 'rg-mon',
  applicationInsightsResourceId: APP_INSIGHTS,
  metricNamespace: 'genai-gateway',
  modelApiName: 'azure-openai',
};
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function workbook(overrides: Partial<TokenUsageWorkbookProps> = {}): { construct: TokenUsageWorkbook; json: SynthJson; resource: Record<string, any>; data: any } {
  const stack = testStack();
  const construct = new TokenUsageWorkbook(stack, 'workbook', { ...baseProps, ...overrides });
  const json = synth(stack);
  const resource = onlyResource(json, 'azurerm_application_insights_workbook');
  return { construct, json, resource, data: JSON.parse(resource.data_json) };
}

const items = (data: any, type: number): any[] => data.items.filter((i: any) => i.type === type);
const queryNamed = (data: any, name: string): string => {
  const item = items(data, 3).find((i) => i.name === name);
  if (!item) throw new Error(`no query item named ${name}`);
  return item.content.query;
};

describe('uuidV5', () => {
  test('matches the RFC 4122 version 5 test vector (DNS namespace, "www.example.com")', () => {
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  test('is stable, lowercase and differs by seed', () => {
    expect(uuidV5('a')).toBe(uuidV5('a'));
    expect(uuidV5('a')).toMatch(UUID);
    expect(uuidV5('a')).not.toBe(uuidV5('b'));
  });
});

describe('TokenUsageWorkbook', () => {
  test('the resource: UUID name from the seed, workbook category, lowercase App Insights id as source', () => {
    const { construct, resource } = workbook();
    expect(resource.name).toMatch(UUID);
    expect(resource.name).toBe(uuidV5('genai-test-token-usage'));
    expect(construct.name).toBe(resource.name);
    expect(resource).toMatchObject({
      display_name: 'GenAI gateway: token usage, cache and cost',
      location: 'swedencentral',
      resource_group_name: 'rg-mon',
      category: 'workbook',
      source_id: APP_INSIGHTS.toLowerCase(),
    });
  });

  test('the name is the same on every synth and changes with the seed', () => {
    expect(workbook().resource.name).toBe(workbook().resource.name);
    expect(workbook({ nameSeed: 'genai-prod-token-usage' }).resource.name).not.toBe(workbook().resource.name);
  });

  test('a referenced App Insights id is lowercased by Terraform', () => {
    const stack: TerraformStack = testStack();
    const appi = new ApplicationInsights(stack, 'appi', { name: 'appi', location: 'swedencentral', resourceGroupName: 'rg-mon', applicationType: 'web' });
    new TokenUsageWorkbook(stack, 'workbook', { ...baseProps, applicationInsightsResourceId: appi.id });
    const resource = onlyResource(synth(stack), 'azurerm_application_insights_workbook');
    expect(resource.source_id).toMatch(/^\$\{lower\(azurerm_application_insights\.appi\.id\)\}$/);
    const data = JSON.parse(resource.data_json);
    expect(data.fallbackResourceIds).toEqual([resource.source_id]);
  });

  test('data_json is a Notebook/1.0 workbook of text, parameter and query items', () => {
    const { data } = workbook();
    expect(data.version).toBe('Notebook/1.0');
    expect(data.fallbackResourceIds).toEqual([APP_INSIGHTS.toLowerCase()]);
    expect(new Set(data.items.map((i: any) => i.type))).toEqual(new Set([1, 3, 9]));
    const names = data.items.map((i: any) => i.name);
    expect(new Set(names).size).toBe(names.length);
    for (const item of items(data, 3)) {
      expect(item.content).toMatchObject({ version: 'KqlItem/1.0', queryType: 0, resourceType: 'microsoft.insights/components', timeContextFromParameter: 'TimeRange' });
      expect(item.content.title).toBeTruthy();
    }
  });

  test('every query reads the gateway token metrics in the metric namespace, or the requests the gateway logs', () => {
    const { data } = workbook();
    for (const item of items(data, 3)) {
      const query: string = item.content.query;
      const tokenQuery = query.startsWith('let tokens = customMetrics');
      const requestQuery = query.startsWith('let gateway = requests');
      expect({ name: item.name, source: tokenQuery ? 'customMetrics' : requestQuery ? 'requests' : 'other' }).not.toMatchObject({ source: 'other' });
      if (tokenQuery) {
        expect(query).toContain('"genai-gateway"');
        for (const metric of TOKEN_METRICS) expect(query).toContain(`"${metric}"`);
      } else {
        expect(query).toContain('operation_Name startswith "azure-openai;"');
      }
    }
  });

  test('the metric namespace and model API name are configurable', () => {
    const { data } = workbook({ metricNamespace: 'my-gateway', modelApiName: 'openai-v2' });
    expect(queryNamed(data, 'tokens-by-team')).toContain('in ("my-gateway", "")');
    expect(queryNamed(data, 'tokens-by-team')).not.toContain('genai-gateway');
    expect(queryNamed(data, 'throttling-by-team')).toContain('startswith "openai-v2;"');
  });

  test('token usage by team, model and deployment uses the emitted dimensions', () => {
    const { data } = workbook();
    const all = items(data, 3).map((i) => i.content.query).join('\n');
    for (const dimension of TOKEN_DIMENSIONS) expect(all).toContain(`customDimensions["${dimension}"]`);
    expect(queryNamed(data, 'tokens-by-team')).toMatch(/by Team\b/);
    expect(queryNamed(data, 'tokens-by-model-and-deployment')).toMatch(/by Model, Deployment\b/);
    expect(queryNamed(data, 'tokens-by-team-over-time')).toContain('bin(timestamp, {TimeRange:grain})');
    // Pre-aggregated metrics: sum the aggregate, never the sample value.
    expect(all).toContain('valueSum');
    expect(all).not.toMatch(/sum\(value\)/);
  });

  test('cache hit ratio: successful chat completions answered without a model call', () => {
    const query = queryNamed(workbook().data, 'cache-hit-ratio');
    expect(query).toContain('Operation == "chat-completions" and success == true');
    expect(query).toMatch(/dependencies[\s\S]*"\/chat\/completions"/);
    expect(query).toContain('operation_Id !in (forwarded)');
    expect(query).toContain('CacheHitRatioPercent');
  });

  test('throttling: HTTP 429 per team', () => {
    const { data } = workbook();
    expect(queryNamed(data, 'throttling-by-team')).toMatch(/resultCode == "429"[\s\S]*by Team/);
    expect(queryNamed(data, 'throttling-over-time')).toMatch(/resultCode == "429"[\s\S]*by Team, bin\(timestamp/);
  });

  test('estimated cost per team: prompt and completion tokens times the price parameters', () => {
    const { data } = workbook();
    const parameters = items(data, 9)[0].content.parameters;
    expect(parameters.map((p: any) => p.name)).toEqual(['TimeRange', 'PromptPricePerMillion', 'CompletionPricePerMillion']);
    expect(parameters.find((p: any) => p.name === 'PromptPricePerMillion').value).toBe('2.00');
    expect(parameters.find((p: any) => p.name === 'CompletionPricePerMillion').value).toBe('8.00');
    const query = queryNamed(data, 'estimated-cost-by-team');
    expect(query).toContain('todouble("{PromptPricePerMillion}")');
    expect(query).toContain('todouble("{CompletionPricePerMillion}")');
    expect(query).toMatch(/EstimatedCost[\s\S]*by Team|by Team[\s\S]*EstimatedCost/);
    // Total Tokens double counts prompt + completion: the cost uses the two parts only.
    expect(query).not.toMatch(/TotalTokens \*/);

    const custom = workbook({ promptTokenPricePerMillion: 0.4, completionTokenPricePerMillion: 1.6 }).data;
    expect(items(custom, 9)[0].content.parameters.slice(1).map((p: any) => p.value)).toEqual(['0.40', '1.60']);
  });

  test('the text explains each item and no query carries a Terraform interpolation', () => {
    const { resource, data } = workbook();
    const text = items(data, 1).map((i) => i.content.json).join('\n');
    expect(text).toMatch(/llm-emit-token-metric/);
    expect(text).toMatch(/Cache hit ratio/);
    expect(text).toMatch(/Throttling/);
    expect(text).toMatch(/Estimated cost/);
    expect(resource.data_json).not.toMatch(/[$%]\{/);
  });

  test('invalid props are all reported at once', () => {
    expect(() => workbook({ nameSeed: ' ', metricNamespace: 'genai"gateway', modelApiName: 'a\\b', promptTokenPricePerMillion: -1, completionTokenPricePerMillion: Number.NaN }))
      .toThrow(/nameSeed must not be empty.*metricNamespace 'genai"gateway'.*modelApiName.*promptTokenPricePerMillion.*completionTokenPricePerMillion/);
    // A namespace the gateway accepts (spaces allowed) is accepted here too.
    expect(queryNamed(workbook({ metricNamespace: 'genai gateway' }).data, 'tokens-by-team')).toContain('in ("genai gateway", "")');
  });
});

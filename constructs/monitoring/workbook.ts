import { createHash } from 'node:crypto';
import { Fn } from 'cdktf';
import { Construct } from 'constructs';
import { isKnown, isToken, throwIfProblems } from '../validation';
import { ApplicationInsightsWorkbook } from '@cdktf/provider-azurerm/lib/application-insights-workbook';

export interface TokenUsageWorkbookProps {
  /**
   * Seed of the workbook's resource name: Azure wants a UUID, derived from this seed (UUID v5) so that
   * every synth yields the same name. Use something unique per environment, e.g. `genai-prod-token-usage`.
   */
  readonly nameSeed: string;
  readonly location: string;
  readonly resourceGroupName: string;
  /** Application Insights the gateway logs to: the workbook's source and the scope of its queries. */
  readonly applicationInsightsResourceId: string;
  /** Namespace of the gateway's token metrics (`llm-emit-token-metric namespace`): what the gateway emits, no default of its own. */
  readonly metricNamespace: string;
  /** Name of the gateway's model API (its operations appear as `<api>;rev=<n> - <operation>`), e.g. `AiGateway.modelApiName`. */
  readonly modelApiName: string;
  /** @default 'GenAI gateway: token usage, cache and cost' */
  readonly displayName?: string;
  /**
   * Default of the workbook's prompt-token price parameter, per million tokens. @default 2.00 (USD, GPT-4.1
   * Global Standard list price, https://azure.microsoft.com/pricing/details/cognitive-services/openai-service/)
   */
  readonly promptTokenPricePerMillion?: number;
  /** Default of the completion-token price parameter, per million tokens. @default 8.00 (USD, GPT-4.1 Global Standard) */
  readonly completionTokenPricePerMillion?: number;
}

/** RFC 4122 URL namespace: the UUID v5 namespace of workbook names. */
const UUID_NAMESPACE_URL = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';

/** A name-based UUID (RFC 4122 version 5, SHA-1), lowercase: the same seed always gives the same UUID. */
export function uuidV5(name: string, namespace: string = UUID_NAMESPACE_URL): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  if (ns.length !== 16) throw new Error(`uuidV5: namespace '${namespace}' is not a UUID`);
  const hash = createHash('sha1').update(ns).update(name, 'utf8').digest();
  const bytes = Buffer.from(hash.subarray(0, 16));
  bytes[6] = (bytes[6] & 0x0f) | 0x50; // version 5
  bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC 4122 variant
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Token metrics emitted by `llm-emit-token-metric` (https://learn.microsoft.com/azure/api-management/llm-emit-token-metric-policy). */
export const TOKEN_METRICS = ['Prompt Tokens', 'Completion Tokens', 'Total Tokens'] as const;
/** Custom dimensions the gateway's model-API policy puts on the token metrics (constructs/ai-gateway/policies/model-api.xml). */
export const TOKEN_DIMENSIONS = ['Team', 'Subscription ID', 'Model', 'Deployment', 'API ID'] as const;

/** Spliced into KQL string literals: no quotes or backslashes (spaces are fine, as in gateway namespaces). */
const SAFE_IDENTIFIER = /^[A-Za-z0-9._/ -]+$/;

/**
 * An Azure Monitor workbook on the gateway's Application Insights: tokens by team, model and deployment
 * (from the `llm-emit-token-metric` custom metrics), semantic-cache hit ratio, throttling (HTTP 429) per
 * team and an estimated cost per team from price parameters the reader can change.
 */
export class TokenUsageWorkbook extends Construct {
  readonly resourceId: string;
  /** The workbook's resource name (a UUID v5 of `nameSeed`). */
  readonly name: string;

  constructor(scope: Construct, id: string, props: TokenUsageWorkbookProps) {
    super(scope, id);
    validate(this.node.path, props);
    const sourceId = lowercaseId(props.applicationInsightsResourceId);
    this.name = uuidV5(props.nameSeed);
    const workbook = new ApplicationInsightsWorkbook(this, 'workbook', {
      name: this.name,
      displayName: props.displayName ?? 'GenAI gateway: token usage, cache and cost',
      location: props.location,
      resourceGroupName: props.resourceGroupName,
      category: 'workbook',
      sourceId,
      description: 'Token usage by team, model and deployment, semantic-cache hit ratio, throttling and estimated cost per team',
      dataJson: JSON.stringify(workbookContent({
        metricNamespace: props.metricNamespace,
        modelApiName: props.modelApiName,
        promptPrice: props.promptTokenPricePerMillion ?? 2.0,
        completionPrice: props.completionTokenPricePerMillion ?? 8.0,
        applicationInsightsResourceId: sourceId,
      })),
    });
    this.resourceId = workbook.id;
  }
}

/** azurerm wants `source_id` without uppercase letters; ARM ids compare case-insensitively. */
function lowercaseId(id: string): string {
  return isToken(id) ? Fn.lower(id) : id.toLowerCase();
}

function validate(path: string, props: TokenUsageWorkbookProps): void {
  const problems: string[] = [];
  const known = (v: unknown) => v !== undefined && isKnown(v);
  if (known(props.nameSeed) && props.nameSeed.trim() === '') problems.push('nameSeed must not be empty');
  for (const [key, value] of [['metricNamespace', props.metricNamespace], ['modelApiName', props.modelApiName]] as const) {
    if (known(value) && !SAFE_IDENTIFIER.test(value)) problems.push(`${key} '${value}' may only contain letters, digits, spaces, '.', '_', '/' and '-'`);
  }
  for (const [key, value] of [['promptTokenPricePerMillion', props.promptTokenPricePerMillion], ['completionTokenPricePerMillion', props.completionTokenPricePerMillion]] as const) {
    if (known(value) && !(Number.isFinite(value) && value! >= 0)) problems.push(`${key} must be a price of 0 or more, got ${value}`);
  }
  throwIfProblems(path, problems);
}

interface ContentOptions {
  readonly metricNamespace: string;
  readonly modelApiName: string;
  readonly promptPrice: number;
  readonly completionPrice: number;
  readonly applicationInsightsResourceId: string;
}

const APP_INSIGHTS = 'microsoft.insights/components';

/** The workbook (Notebook/1.0): text (type 1), parameters (type 9) and KQL queries (type 3). */
export function workbookContent(o: ContentOptions): Record<string, unknown> {
  // The gateway's token metrics land in App Insights `customMetrics`, pre-aggregated: sum `valueSum`.
  // The policy's namespace is recorded as `_MS.MetricNamespace`; rows without it are accepted so that the
  // workbook still works if the ingestion path drops that property.
  const tokens = [
    'let tokens = customMetrics',
    `| where name in ("${TOKEN_METRICS.join('", "')}")`,
    `| where tostring(customDimensions["_MS.MetricNamespace"]) in ("${o.metricNamespace}", "")`,
    '| extend Team = tostring(customDimensions["Team"]), Model = tostring(customDimensions["Model"]),',
    '    Deployment = tostring(customDimensions["Deployment"]), SubscriptionId = tostring(customDimensions["Subscription ID"]),',
    '    ApiId = tostring(customDimensions["API ID"]);',
  ].join('\n');
  // Requests and backend calls of the model API (App Insights `requests` and `dependencies`, as API
  // Management logs them: https://learn.microsoft.com/azure/api-management/api-management-howto-app-insights).
  const gatewayRequests = [
    'let gateway = requests',
    `| where operation_Name startswith "${o.modelApiName};"`,
    '| extend Team = coalesce(tostring(customDimensions["Product Name"]), "(no product)"),',
    '    Operation = tostring(split(operation_Name, " - ")[1]);',
  ].join('\n');
  const perMillion = (param: string) => `todouble("{${param}}") / 1000000.0`;

  const query = (name: string, title: string, kql: string, visualization: string, extra: Record<string, unknown> = {}) => ({
    type: 3,
    name,
    content: {
      version: 'KqlItem/1.0',
      query: kql,
      size: 0,
      title,
      timeContext: { durationMs: 604800000 },
      timeContextFromParameter: 'TimeRange',
      queryType: 0,
      resourceType: APP_INSIGHTS,
      crossComponentResources: [o.applicationInsightsResourceId],
      visualization,
      ...extra,
    },
  });

  return {
    version: 'Notebook/1.0',
    items: [
      {
        type: 1,
        name: 'introduction',
        content: {
          json: [
            '## GenAI gateway: token usage, cache and cost',
            '',
            `Token counts are the gateway's \`llm-emit-token-metric\` custom metrics (${TOKEN_METRICS.map((m) => `\`${m}\``).join(', ')}) `
              + `in namespace \`${o.metricNamespace}\`, with the dimensions ${TOKEN_DIMENSIONS.map((d) => `\`${d}\``).join(', ')}. `
              + '`Team` is the API Management product of the caller, `Deployment` the deployment the caller asked for (or the routing alias) '
              + 'and `Model` the deployment the gateway routed to.',
            '',
            '**Cache hit ratio**: a successful chat-completions request of the model API that the gateway answered without forwarding '
              + 'it to a model (no `/chat/completions` backend call in `dependencies`, which API Management logs for every forwarded '
              + 'request), or whose `Cache` property reads `hit`. Cache hits consume no tokens, so they are absent from the token tables.',
            '',
            '**Throttling**: requests answered with HTTP 429 (the team\'s `llm-token-limit`, or a model the pool could not serve).',
            '',
            '**Estimated cost**: prompt and completion tokens times the price parameters below (pay-as-you-go list price per million '
              + 'tokens; the defaults are GPT-4.1 Global Standard in USD). Tokens served by a provisioned (PTU) deployment are paid '
              + 'by its reservation: for them the figure is the pay-as-you-go equivalent, not extra spend.',
          ].join('\n'),
        },
      },
      {
        type: 9,
        name: 'parameters',
        content: {
          version: 'KqlParameterItem/1.0',
          style: 'pills',
          queryType: 0,
          resourceType: APP_INSIGHTS,
          parameters: [
            {
              id: uuidV5('TimeRange', uuidV5('token-usage-workbook/parameters')),
              version: 'KqlParameterItem/1.0',
              name: 'TimeRange',
              label: 'Time range',
              type: 4,
              isRequired: true,
              value: { durationMs: 604800000 },
              typeSettings: {
                selectableValues: [3600000, 86400000, 604800000, 2592000000].map((durationMs) => ({ durationMs })),
                allowCustom: true,
              },
            },
            {
              id: uuidV5('PromptPricePerMillion', uuidV5('token-usage-workbook/parameters')),
              version: 'KqlParameterItem/1.0',
              name: 'PromptPricePerMillion',
              label: 'Prompt price / 1M tokens',
              type: 1,
              isRequired: true,
              value: o.promptPrice.toFixed(2),
              description: 'Pay-as-you-go input price per million tokens (default: GPT-4.1 Global Standard, USD)',
            },
            {
              id: uuidV5('CompletionPricePerMillion', uuidV5('token-usage-workbook/parameters')),
              version: 'KqlParameterItem/1.0',
              name: 'CompletionPricePerMillion',
              label: 'Completion price / 1M tokens',
              type: 1,
              isRequired: true,
              value: o.completionPrice.toFixed(2),
              description: 'Pay-as-you-go output price per million tokens (default: GPT-4.1 Global Standard, USD)',
            },
          ],
        },
      },
      query('tokens-by-team', 'Tokens by team', [
        tokens,
        'tokens',
        '| summarize PromptTokens = sumif(valueSum, name == "Prompt Tokens"), CompletionTokens = sumif(valueSum, name == "Completion Tokens"),',
        '    TotalTokens = sumif(valueSum, name == "Total Tokens"), Requests = sumif(valueCount, name == "Total Tokens") by Team',
        '| order by TotalTokens desc',
      ].join('\n'), 'table'),
      query('tokens-by-team-over-time', 'Total tokens by team over time', [
        tokens,
        'tokens',
        '| where name == "Total Tokens"',
        '| summarize TotalTokens = sum(valueSum) by Team, bin(timestamp, {TimeRange:grain})',
        '| render timechart',
      ].join('\n'), 'timechart'),
      query('tokens-by-model-and-deployment', 'Tokens by model (routed deployment) and requested deployment', [
        tokens,
        'tokens',
        '| summarize PromptTokens = sumif(valueSum, name == "Prompt Tokens"), CompletionTokens = sumif(valueSum, name == "Completion Tokens"),',
        '    TotalTokens = sumif(valueSum, name == "Total Tokens") by Model, Deployment, Team',
        '| order by TotalTokens desc',
      ].join('\n'), 'table'),
      query('estimated-cost-by-team', 'Estimated cost per team', [
        tokens,
        'tokens',
        '| summarize PromptTokens = sumif(valueSum, name == "Prompt Tokens"), CompletionTokens = sumif(valueSum, name == "Completion Tokens") by Team',
        `| extend EstimatedCost = round(PromptTokens * ${perMillion('PromptPricePerMillion')} + CompletionTokens * ${perMillion('CompletionPricePerMillion')}, 2)`,
        '| order by EstimatedCost desc',
      ].join('\n'), 'table'),
      query('cache-hit-ratio', 'Semantic cache hit ratio by team', [
        gatewayRequests,
        'let chat = gateway | where Operation == "chat-completions" and success == true;',
        'let forwarded = dependencies',
        '| where operation_Id in ((chat | distinct operation_Id))',
        '| where data has "/chat/completions" or name has "/chat/completions"',
        '| distinct operation_Id;',
        'chat',
        '| extend CacheHit = tostring(customDimensions["Cache"]) =~ "hit" or operation_Id !in (forwarded)',
        '| summarize Requests = sum(itemCount), CacheHits = sumif(itemCount, CacheHit) by Team',
        '| extend CacheHitRatioPercent = round(100.0 * CacheHits / Requests, 1)',
        '| order by Requests desc',
      ].join('\n'), 'table'),
      query('throttling-by-team', 'Throttled requests (HTTP 429) by team', [
        gatewayRequests,
        'gateway',
        '| summarize Requests = sum(itemCount), Throttled = sumif(itemCount, resultCode == "429") by Team',
        '| extend ThrottledPercent = round(100.0 * Throttled / Requests, 2)',
        '| order by Throttled desc',
      ].join('\n'), 'table'),
      query('throttling-over-time', 'Throttled requests (HTTP 429) by team over time', [
        gatewayRequests,
        'gateway',
        '| where resultCode == "429"',
        '| summarize Throttled = sum(itemCount) by Team, bin(timestamp, {TimeRange:grain})',
        '| render timechart',
      ].join('\n'), 'timechart'),
    ],
    fallbackResourceIds: [o.applicationInsightsResourceId],
    $schema: 'https://github.com/Microsoft/Application-Insights-Workbooks/blob/master/schema/workbook.json',
  };
}

/**
 * The AI gateway's API Management policies as files: XML templates in `./policies/` (one per scope:
 * `global.xml`, `model-api.xml`, `product.xml`) filled at synth and validated before they reach
 * Terraform, so a broken policy fails the synth with every problem listed rather than the apply.
 *
 * Templates have two kinds of placeholder:
 * - a double-brace name (a value): replaced by the value, XML-escaped so it is safe in an attribute or
 *   element text;
 * - a triple-brace name (a block): replaced verbatim by XML the typed helpers below build, or by
 *   nothing when the feature is off (its line is then dropped).
 * Values placed inside a C# string literal of a policy expression are validated by the typed helpers
 * (names limited to letters, digits, `.`, `_`, `-`), since XML escaping alone does not make them safe
 * there. `{{...}}` is also APIM's named-value syntax: any left in the output is an error, never a
 * reference to a named value.
 *
 * Policy expressions are written as the APIM policy reference writes them (raw quotes, `<` and `&&`
 * inside `@(...)` attribute values); the gateway, and `parsePolicy`, escape them before parsing XML.
 *
 * The rendered documents are parsed with the policy engine's own parser (`parsePolicy`), so the
 * engine's GenAI rules read exactly what is deployed. Element and attribute names were checked against
 * the Microsoft Learn policy reference (llm-token-limit, llm-emit-token-metric,
 * azure-openai-semantic-cache-lookup/-store, llm-content-safety, authentication-managed-identity,
 * validate-azure-ad-token, retry, forward-request, set-backend-service, set-header, rewrite-uri) and
 * the Azure OpenAI spillover guide (`x-ms-spillover-deployment`, which the gateway only deletes: PTU
 * spillover is the provisioned deployment's own `spilloverDeploymentName`).
 */
import * as fs from 'fs';
import * as path from 'path';
import {
  attr, childNamed, findElements, parsePolicy, POLICY_SECTIONS, PolicyDocument, PolicyElement, PolicySection,
} from '../../catalog/apim-policy-xml';
import { DEPLOYMENT_NAME_PATTERN, TOKEN_QUOTA_PERIODS, TokenQuotaPeriod } from '../../catalog/ai-services';
import { isToken } from '../validation';

// ---------------------------------------------------------------------------------------------------
// Names the policies use

/** Audience of Azure OpenAI / AI Services data-plane tokens. */
export const COGNITIVE_SERVICES_AUDIENCE = 'https://cognitiveservices.azure.com';
/** Path parameter of the OpenAI operations that names the deployment (`/deployments/{deployment-id}/...`). */
export const DEPLOYMENT_PATH_PARAMETER = 'deployment-id';
/** Request header a caller may set to steer the routing alias (matched by a rule's `hint`). */
export const MODEL_HINT_HEADER = 'x-model-hint';
/** Response header naming the deployment that served the request. */
export const ROUTED_DEPLOYMENT_HEADER = 'x-gateway-routed-deployment';
/**
 * Request header that asks Azure OpenAI to spill a provisioned deployment's overflow to another. The
 * gateway deletes it (callers never pick a spillover target) and sets none: spillover is the PTU
 * deployment's `spilloverDeploymentName`, and the header is defined for provisioned deployments only
 * (the failover account serves the same deployment name pay-as-you-go).
 */
export const SPILLOVER_HEADER = 'x-ms-spillover-deployment';
/**
 * Operations (ids of the model API, constructs/ai-gateway/index.ts) on which the routing alias is
 * valid: it picks among chat models. On any other operation the policy answers 400 `AliasNotSupported`.
 */
export const ROUTING_ALIAS_OPERATIONS: readonly string[] = ['chat-completions', 'responses'];
/** Characters per estimated prompt token (the routing estimate: request body length / 4, rounded down). */
export const CHARS_PER_TOKEN = 4;
/**
 * A deployment name as part of a backend id: azurerm 4.55's `api_management_backend` takes letters,
 * digits and dashes only, up to 50 characters (`terraform validate` refuses `gpt-4.1`).
 */
function backendIdPart(deployment: string): string {
  return deployment.replace(/[^A-Za-z0-9-]/g, '-');
}

/** Backend id of the pool that serves one deployment (its members: every account that has it). */
export function deploymentPoolId(deployment: string): string {
  return `pool-${backendIdPart(deployment)}`;
}

/** Backend id of one deployment on one account (each with its own circuit breaker). */
export function deploymentBackendId(account: string, deployment: string): string {
  return `${account}--${backendIdPart(deployment)}`;
}

// ---------------------------------------------------------------------------------------------------
// Errors

/** A template that cannot be rendered, or a policy document that fails validation: every problem at once. */
export class PolicyTemplateError extends Error {
  constructor(readonly templateName: string, readonly problems: readonly string[]) {
    super(`policy template '${templateName}' has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'PolicyTemplateError';
  }
}

// ---------------------------------------------------------------------------------------------------
// Validation of a policy document

/**
 * What one section must contain. Elements are named by a selector: an element name, optionally
 * followed by `[attribute=value]` conditions, e.g. `set-header[name=Authorization]` (names and values
 * compare case-insensitively). Matches anywhere in the section count, nested ones included (inside a
 * `<choose>` or `<retry>`); positions are those of the section's top-level element holding them.
 */
export interface SectionExpectations {
  /**
   * `<base />` (as a top-level element): `'required'` anywhere, `'first'` as the section's first element.
   * @default no requirement
   */
  readonly base?: 'required' | 'first';
  /** Selectors that must match at least one element. @default none */
  readonly required?: readonly string[];
  /**
   * Selectors in the order they must run: each present one (its first match) must not come before the
   * present one listed just ahead of it. Absent ones are skipped (`required` makes them mandatory).
   * @default no order
   */
  readonly expectedOrder?: readonly string[];
  /** Selectors that must match nothing. @default none */
  readonly forbidden?: readonly string[];
}

/** Expectations per section; a section listed here must be declared by the document. */
export type PolicyExpectations = Readonly<Partial<Record<PolicySection, SectionExpectations>>>;

const LEFTOVER = /\{\{[^{}]*\}\}/g;

interface Selector {
  readonly text: string;
  readonly name: string;
  readonly attributes: readonly (readonly [string, string])[];
}

function parseSelector(text: string): Selector | undefined {
  const match = /^([A-Za-z][\w.-]*)((?:\[[^\]=]+=[^\]]*\])*)$/.exec(text.trim());
  if (!match) return undefined;
  const attributes = [...match[2].matchAll(/\[([^\]=]+)=([^\]]*)\]/g)].map((m) => [m[1].trim(), m[2].trim()] as const);
  return { text: text.trim(), name: match[1], attributes };
}

function matchesSelector(element: PolicyElement, selector: Selector): boolean {
  return selector.attributes.every(([name, value]) => (attr(element, name) ?? '').toLowerCase() === value.toLowerCase());
}

/** Top-level positions (0-based) of the elements a selector matches, in document order. */
function positionsOf(elements: readonly PolicyElement[], selector: Selector): number[] {
  return findElements(elements, [selector.name]).filter((f) => matchesSelector(f.element, selector)).map((f) => f.topIndex);
}

function lineOf(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}

/**
 * Every problem of a policy document: not well formed (after escaping C# expressions, as the gateway
 * does), unfilled `{{...}}` placeholders, an `api-key` header or query parameter that is set rather than
 * deleted (models are called with the gateway's managed identity), and each unmet expectation.
 */
export function policyProblems(xml: string, expectations: PolicyExpectations = {}): string[] {
  const problems: string[] = [];
  for (const m of xml.matchAll(LEFTOVER)) problems.push(`unfilled placeholder ${m[0]} (line ${lineOf(xml, m.index ?? 0)})`);
  const parsed = parsePolicy(xml);
  if (!parsed.ok) {
    problems.push(`not well-formed policy XML: ${parsed.error}`);
    return problems;
  }
  const { sections } = parsed.policy;
  for (const section of POLICY_SECTIONS) {
    for (const { element } of findElements(sections[section] ?? [], ['set-header', 'set-query-parameter'])) {
      if ((attr(element, 'name') ?? '').toLowerCase() === 'api-key' && (attr(element, 'exists-action') ?? 'override').toLowerCase() !== 'delete') {
        problems.push(`<${section}> sets <${element.name} name="api-key"> (exists-action="${attr(element, 'exists-action') ?? 'override'}"): a model key must never be sent; only exists-action="delete" is allowed`);
      }
    }
  }
  for (const section of POLICY_SECTIONS) {
    const expected = expectations[section];
    if (!expected) continue;
    const elements = sections[section];
    if (!elements) {
      problems.push(`missing the <${section}> section`);
      continue;
    }
    const selectorsOf = (list: readonly string[] | undefined): Selector[] => (list ?? []).flatMap((text) => {
      const selector = parseSelector(text);
      if (!selector) problems.push(`<${section}>: invalid expectation selector "${text}"`);
      return selector ? [selector] : [];
    });
    if (expected.base === 'required' && !elements.some((e) => e.name === 'base')) problems.push(`<${section}> has no <base />`);
    if (expected.base === 'first' && elements[0]?.name !== 'base') {
      problems.push(`<${section}> must start with <base />${elements.length > 0 ? `, found <${elements[0].name}> first` : ' (the section is empty)'}`);
    }
    for (const selector of selectorsOf(expected.required)) {
      if (positionsOf(elements, selector).length === 0) problems.push(`<${section}> is missing <${selector.text}>`);
    }
    for (const selector of selectorsOf(expected.forbidden)) {
      const found = positionsOf(elements, selector);
      if (found.length > 0) problems.push(`<${section}> must not contain <${selector.text}> (position ${found[0] + 1})`);
    }
    const order = selectorsOf(expected.expectedOrder);
    let previous: { selector: Selector; position: number } | undefined;
    for (const selector of order) {
      const found = positionsOf(elements, selector);
      if (found.length === 0) continue;
      const position = Math.min(...found);
      if (previous && position < previous.position) {
        problems.push(`<${section}>: <${selector.text}> (position ${position + 1}) runs before <${previous.selector.text}> (position ${previous.position + 1}); expected order: ${order.map((s) => s.text).join(' -> ')}`);
      }
      previous = { selector, position };
    }
  }
  return problems;
}

/**
 * Validates a policy document and returns it parsed; throws `PolicyTemplateError` naming `templateName`
 * and listing every problem (see `policyProblems`).
 */
export function validatePolicy(xml: string, expectations: PolicyExpectations = {}, templateName = 'policy'): PolicyDocument {
  const problems = policyProblems(xml, expectations);
  if (problems.length > 0) throw new PolicyTemplateError(templateName, problems);
  const parsed = parsePolicy(xml);
  if (!parsed.ok) throw new PolicyTemplateError(templateName, [parsed.error]);
  return parsed.policy;
}

// ---------------------------------------------------------------------------------------------------
// Rendering a template

/** Directory of the XML templates. */
export const POLICY_TEMPLATE_DIR = path.join(__dirname, 'policies');

export type PolicyTemplateName = 'global' | 'model-api' | 'product';
export const POLICY_TEMPLATE_NAMES: readonly PolicyTemplateName[] = ['global', 'model-api', 'product'];

export type TemplateValue = string | number | boolean;

export interface RenderOptions {
  /**
   * Structure the rendered document must have.
   * @default the template's own (`TEMPLATE_EXPECTATIONS`)
   */
  readonly expectations?: PolicyExpectations;
}

const PLACEHOLDER = /\{\{\{\s*([A-Za-z][A-Za-z0-9]*)\s*\}\}\}|\{\{\s*([A-Za-z][A-Za-z0-9]*)\s*\}\}/g;
const SUBSTITUTION = /^([ \t]*)\{\{\{\s*([A-Za-z][A-Za-z0-9]*)\s*\}\}\}[ \t]*\r?\n|\{\{\{\s*([A-Za-z][A-Za-z0-9]*)\s*\}\}\}|\{\{\s*([A-Za-z][A-Za-z0-9]*)\s*\}\}/gm;
const templates = new Map<string, string>();

function readTemplate(name: string): string | undefined {
  if (!/^[a-z][a-z0-9-]*$/.test(name)) return undefined;
  if (!templates.has(name)) {
    const file = path.join(POLICY_TEMPLATE_DIR, `${name}.xml`);
    if (!fs.existsSync(file)) return undefined;
    templates.set(name, fs.readFileSync(file, 'utf8'));
  }
  return templates.get(name);
}

/** Escapes element text (`&`, `<`, `>`). */
export function escapeXmlText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escapes a value for XML text and for an attribute in either kind of quotes. */
export function escapeXml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** The placeholders of a template in order of first use: `block` for triple braces, `value` otherwise. */
export function templatePlaceholders(name: PolicyTemplateName): { readonly name: string; readonly kind: 'value' | 'block' }[] {
  const text = readTemplate(name);
  if (text === undefined) throw new PolicyTemplateError(name, [`no template ${name}.xml in ${POLICY_TEMPLATE_DIR}`]);
  const seen = new Map<string, 'value' | 'block'>();
  for (const m of text.matchAll(PLACEHOLDER)) {
    const key = m[1] ?? m[2];
    if (!seen.has(key)) seen.set(key, m[1] ? 'block' : 'value');
  }
  return [...seen].map(([key, kind]) => ({ name: key, kind }));
}

/**
 * Renders `policies/<templateName>.xml`: every placeholder is replaced (values XML-escaped, blocks
 * verbatim and indented to their slot), then the document is validated. Throws `PolicyTemplateError`
 * listing every missing value, every unknown key, every invalid value and, once rendered, every
 * validation problem.
 */
export function renderPolicy(templateName: PolicyTemplateName, values: Readonly<Record<string, TemplateValue>>, options: RenderOptions = {}): string {
  const text = readTemplate(templateName);
  if (text === undefined) {
    throw new PolicyTemplateError(templateName, [`no template ${templateName}.xml in ${POLICY_TEMPLATE_DIR} (known: ${POLICY_TEMPLATE_NAMES.join(', ')})`]);
  }
  const used = templatePlaceholders(templateName);
  const problems: string[] = [];
  const missing = used.filter((p) => !Object.prototype.hasOwnProperty.call(values, p.name));
  if (missing.length > 0) problems.push(`missing value${missing.length === 1 ? '' : 's'} for ${missing.map((p) => p.name).join(', ')}`);
  const unknown = Object.keys(values).filter((key) => !used.some((p) => p.name === key));
  if (unknown.length > 0) problems.push(`unknown key${unknown.length === 1 ? '' : 's'} ${unknown.join(', ')} (the template uses ${used.map((p) => p.name).join(', ')})`);
  for (const p of used) {
    const value = values[p.name];
    if (value === undefined || !Object.prototype.hasOwnProperty.call(values, p.name)) continue;
    if (p.kind === 'block' && typeof value !== 'string') problems.push(`${p.name} is a block and needs XML text, got ${typeof value}`);
    else if (typeof value === 'number' && !Number.isFinite(value)) problems.push(`${p.name} must be a finite number, got ${value}`);
    else if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') problems.push(`${p.name} must be a string, number or boolean, got ${typeof value}`);
  }
  if (problems.length > 0) throw new PolicyTemplateError(templateName, problems);

  // One pass, so nothing inserted is scanned again: a block alone on its line is indented to the slot
  // (its line dropped when empty); other blocks go in verbatim; values are escaped.
  const rendered = text.replace(SUBSTITUTION, (_m, indent: string | undefined, lineBlock: string | undefined, block: string | undefined, value: string | undefined) => {
    if (lineBlock !== undefined) {
      const content = String(values[lineBlock]).trim();
      return content === '' ? '' : `${content.split('\n').map((l) => (l.trim() === '' ? '' : `${indent ?? ''}${l}`)).join('\n')}\n`;
    }
    return block !== undefined ? String(values[block]) : escapeXml(String(values[value as string]));
  });

  validatePolicy(rendered, options.expectations ?? TEMPLATE_EXPECTATIONS[templateName], templateName);
  return rendered;
}

// ---------------------------------------------------------------------------------------------------
// Expectations of each template

/**
 * The model API's inbound stages in the order they must run (GAI-GEN-005 checks the same order on the
 * effective policy, where `<base />` brings in the product's `llm-token-limit`).
 */
export const MODEL_API_INBOUND_ORDER: readonly string[] = [
  'validate-azure-ad-token',
  'set-variable[name=requestedDeployment]',
  'azure-openai-semantic-cache-lookup',
  'base',
  'llm-content-safety',
  'rewrite-uri',
  'llm-emit-token-metric',
  'set-header[name=x-ms-spillover-deployment]',
  'set-backend-service',
  'authentication-managed-identity',
  'set-header[name=Authorization]',
];

/** What the model API policy must contain, given which optional features are on. */
export function modelApiExpectations(features: { readonly callerAuthentication: boolean; readonly semanticCache: boolean }): PolicyExpectations {
  return {
    inbound: {
      base: 'required',
      required: [
        ...(features.callerAuthentication ? ['validate-azure-ad-token'] : []),
        ...(features.semanticCache ? ['azure-openai-semantic-cache-lookup'] : []),
        'set-variable[name=requestedDeployment]',
        'llm-content-safety[shield-prompt=true]',
        'rewrite-uri',
        'llm-emit-token-metric',
        'set-backend-service',
        `authentication-managed-identity[resource=${COGNITIVE_SERVICES_AUDIENCE}]`,
        'set-header[name=Authorization]',
        'set-header[name=api-key][exists-action=delete]',
        // Callers never choose a spillover target (the PTU deployment's spilloverDeploymentName does).
        `set-header[name=${SPILLOVER_HEADER}][exists-action=delete]`,
      ],
      forbidden: [`set-header[name=${SPILLOVER_HEADER}][exists-action=override]`, `set-header[name=${SPILLOVER_HEADER}][exists-action=append]`],
      expectedOrder: MODEL_API_INBOUND_ORDER,
    },
    backend: { required: ['retry', 'forward-request[buffer-response=false]'], forbidden: ['base'] },
    outbound: {
      base: 'first',
      required: [...(features.semanticCache ? ['azure-openai-semantic-cache-store'] : []), 'set-header[name=x-gateway-routed-deployment]'],
    },
    'on-error': { base: 'first' },
  };
}

export const PRODUCT_EXPECTATIONS: PolicyExpectations = {
  inbound: { base: 'first', required: ['llm-token-limit[counter-key=@(context.Subscription.Id)]'], expectedOrder: ['base', 'choose', 'llm-token-limit'] },
  backend: { base: 'first' },
  outbound: { base: 'first' },
  'on-error': { base: 'first' },
};

export const GLOBAL_EXPECTATIONS: PolicyExpectations = {
  inbound: { forbidden: ['base'], required: ['set-header[name=api-key][exists-action=delete]'] },
  backend: { forbidden: ['base'], required: ['forward-request'] },
  outbound: { forbidden: ['base'] },
  'on-error': { forbidden: ['base'] },
};

/** The expectations `renderPolicy` applies by default. */
export const TEMPLATE_EXPECTATIONS: Readonly<Record<PolicyTemplateName, PolicyExpectations>> = {
  global: GLOBAL_EXPECTATIONS,
  'model-api': modelApiExpectations({ callerAuthentication: false, semanticCache: false }),
  product: PRODUCT_EXPECTATIONS,
};

// ---------------------------------------------------------------------------------------------------
// Typed parameters

const HINT = /^[a-z0-9-]{1,32}$/;
const CLAIM = /^[A-Za-z0-9_.:-]{1,64}$/;
const NAMESPACE = /^[A-Za-z0-9][A-Za-z0-9._ -]{0,63}$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;


/** Conditions of a routing rule; every one given must hold (at least one is required). */
export interface RoutingCondition {
  /** Matches requests with at most this many estimated prompt tokens (request body length / 4). */
  readonly maxPromptTokens?: number;
  /** Matches requests that declare tools or functions (true) or none (false). */
  readonly hasTools?: boolean;
  /** Matches requests with (true) or without (false) an image part (`image_url` or `input_image`). */
  readonly hasImages?: boolean;
  /** Matches the caller's `x-model-hint` header (trimmed, case-insensitive); 1-32 of `a-z0-9-`. */
  readonly hint?: string;
}

export interface RoutingRule {
  /** Deployment the rule picks. */
  readonly deployment: string;
  readonly when: RoutingCondition;
}

/** Model routing: callers ask for `alias` as the deployment and the gateway picks one. */
export interface RoutingConfig {
  /** Deployment name callers use to let the gateway choose, e.g. `auto`; never a real deployment. */
  readonly alias: string;
  /** Rules in order: the first that matches picks the deployment. */
  readonly rules: readonly RoutingRule[];
  /** Deployment when no rule matches. */
  readonly defaultDeployment: string;
}

export type ContentSafetyCategoryName = 'Hate' | 'SelfHarm' | 'Sexual' | 'Violence';

export interface ContentSafetySettings {
  /** Backend id of the Azure AI Content Safety endpoint. */
  readonly backendId: string;
  /** @default 'FourSeverityLevels' (severities 0, 2, 4, 6) */
  readonly outputType?: 'FourSeverityLevels' | 'EightSeverityLevels';
  /**
   * Categories and the severity at which a prompt is blocked (requests below it pass).
   * @default Hate, SelfHarm, Sexual and Violence at 4 (medium and high are blocked)
   */
  readonly categories?: readonly { readonly name: ContentSafetyCategoryName; readonly threshold: number }[];
  /** Content Safety blocklist names to enforce. @default none */
  readonly blocklistIds?: readonly string[];
}

export interface SemanticCacheSettings {
  /** Backend id of the embeddings deployment. */
  readonly embeddingsBackendId: string;
  /** Similarity threshold, 0-1; lower values need closer prompts. */
  readonly scoreThreshold: number;
  /** Seconds a cached completion is kept. */
  readonly durationSeconds: number;
}

export interface CallerAuthenticationSettings {
  /** Entra ID tenant of the callers' tokens. */
  readonly tenantId: string;
  /** Accepted token audiences (the gateway's application id URI or client id). */
  readonly audiences: readonly string[];
  /** Client applications allowed to call. @default any application of the tenant */
  readonly clientApplicationIds?: readonly string[];
}

/** Application Insights namespace of the gateway's token metrics (`llm-emit-token-metric`), read by the token-usage workbook. */
export const DEFAULT_TOKEN_METRIC_NAMESPACE = 'genai-gateway';

/** Parameters of the model API policy (`model-api.xml`). */
export interface ModelApiPolicyParams {
  /** Client id of the gateway's user-assigned identity (the one with a role on the model accounts). */
  readonly gatewayIdentityClientId: string;
  /**
   * Deployments the gateway serves: each is sent to its own pool (`deploymentPoolId`); any other
   * requested or routed name gets 404. Routing rules may only pick these.
   */
  readonly deployments: readonly string[];
  /** Prompt screening; prompt shields are always on. */
  readonly contentSafety: ContentSafetySettings;
  readonly routing: RoutingConfig;
  /** Semantic cache (partitioned per subscription and requested deployment). @default no cache */
  readonly semanticCache?: SemanticCacheSettings;
  /** Also require an Entra ID token (besides the team subscription key). @default subscription key only */
  readonly callerAuthentication?: CallerAuthenticationSettings;
  /** Application Insights namespace of the token metrics. @default 'genai-gateway' */
  readonly metricNamespace?: string;
  /** Retries on 429 / 503 across the pool (1-50). @default 2 */
  readonly retryCount?: number;
}

export { TOKEN_QUOTA_PERIODS, TokenQuotaPeriod } from '../../catalog/ai-services';

/** Parameters of one team's product policy (`product.xml`). */
export interface ProductPolicyParams {
  /** Team (product) name, used in error messages. */
  readonly team: string;
  /** Tokens per minute across the team's callers (429 above it). */
  readonly tokensPerMinute: number;
  /** Tokens per `tokenQuotaPeriod` (403 above it). */
  readonly tokenQuota: number;
  /** @default 'Monthly' */
  readonly tokenQuotaPeriod?: TokenQuotaPeriod;
  /**
   * Tokens per minute for each signed-in caller, keyed on `perUserClaim` of the caller's token (callers
   * without a token share one counter, so set it only where callers sign in).
   * @default no per-user limit
   */
  readonly perUserTokensPerMinute?: number;
  /** Token claim that identifies a user. @default 'oid' */
  readonly perUserClaim?: string;
  /**
   * Deployments (or the routing alias) the team may request; others get 403. The requested deployment
   * is the path's `{deployment-id}`, or the body's `model` for operations without one (the Responses
   * API): every operation goes through the allow-list.
   * @default any deployment
   */
  readonly allowedDeployments?: readonly string[];
}

// ---------------------------------------------------------------------------------------------------
// Routing: the rendered <choose> and the same decision in TypeScript

/** The request facts routing rules look at. */
export interface RoutingRequest {
  /** Deployment named in the path; routing applies only to the alias. @default the alias */
  readonly deployment?: string;
  /** Estimated prompt tokens (`estimatePromptTokens`). */
  readonly promptTokens: number;
  readonly hasTools: boolean;
  readonly hasImages: boolean;
  /** The `x-model-hint` header, if sent. */
  readonly hint?: string;
}

/** The policy's prompt-token estimate: the request body's length (UTF-16 code units, like C#) / 4, rounded down. */
export function estimatePromptTokens(body: string): number {
  return Math.floor(body.length / CHARS_PER_TOKEN);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The routing facts of a request, computed as the rendered policy computes them: prompt tokens from
 * the body length; tools when `tools` or `functions` is a non-empty array; images when an item of
 * `messages` (or, failing that, `input`) has a content part of type `image_url` or `input_image`.
 * Throws on a body that is not a JSON object, as the policy does.
 */
export function describeRequest(body: string, headers: Readonly<Record<string, string | undefined>> = {}, deployment?: string): RoutingRequest {
  const json: unknown = JSON.parse(body);
  if (!isObject(json)) throw new Error('the request body is not a JSON object');
  const count = (value: unknown) => (Array.isArray(value) ? value.length : 0);
  const items = Array.isArray(json.messages) ? json.messages : Array.isArray(json.input) ? json.input : undefined;
  const hasImages = (items ?? []).some((item) => isObject(item) && Array.isArray(item.content)
    && item.content.some((part) => isObject(part) && (part.type === 'image_url' || part.type === 'input_image')));
  const hintHeader = Object.keys(headers).find((k) => k.toLowerCase() === MODEL_HINT_HEADER);
  return {
    deployment,
    promptTokens: estimatePromptTokens(body),
    hasTools: count(json.tools) > 0 || count(json.functions) > 0,
    hasImages,
    hint: hintHeader === undefined ? undefined : headers[hintHeader],
  };
}

function conditionHolds(when: RoutingCondition, request: RoutingRequest, hint: string): boolean {
  return (when.maxPromptTokens === undefined || request.promptTokens <= when.maxPromptTokens)
    && (when.hasTools === undefined || request.hasTools === when.hasTools)
    && (when.hasImages === undefined || request.hasImages === when.hasImages)
    && (when.hint === undefined || hint === when.hint.toLowerCase());
}

/**
 * The deployment the rendered policy routes a request to: the path's deployment unless it is the
 * alias; for the alias the first rule whose conditions all hold, else the default.
 */
export function chooseDeployment(routing: RoutingConfig, request: RoutingRequest): string {
  if (request.deployment !== undefined && request.deployment !== routing.alias) return request.deployment;
  const hint = (request.hint ?? '').trim().toLowerCase();
  return routing.rules.find((rule) => conditionHolds(rule.when, request, hint))?.deployment ?? routing.defaultDeployment;
}

/**
 * The C# condition of a rule's `<when>` (inside `@(...)`), over the variables the policy sets:
 * `estimatedPromptTokens`, `hasTools`, `hasImages`, `modelHint`. Same semantics as `chooseDeployment`.
 */
export function routingCondition(when: RoutingCondition): string {
  const terms: string[] = [];
  if (when.maxPromptTokens !== undefined) terms.push(`(int)context.Variables["estimatedPromptTokens"] <= ${when.maxPromptTokens}`);
  if (when.hasTools !== undefined) terms.push(`${when.hasTools ? '' : '!'}(bool)context.Variables["hasTools"]`);
  if (when.hasImages !== undefined) terms.push(`${when.hasImages ? '' : '!'}(bool)context.Variables["hasImages"]`);
  if (when.hint !== undefined) terms.push(`(string)context.Variables["modelHint"] == "${when.hint.toLowerCase()}"`);
  return terms.join(' && ');
}

function setVariable(name: string, value: string): string {
  return `<set-variable name="${name}" value="${escapeXml(value)}" />`;
}

function routingBlock(routing: RoutingConfig): string {
  if (routing.rules.length === 0) return setVariable('routedDeployment', routing.defaultDeployment);
  return [
    '<choose>',
    ...routing.rules.flatMap((rule) => [
      `  <when condition="@(${routingCondition(rule.when)})">`,
      `    ${setVariable('routedDeployment', rule.deployment)}`,
      '  </when>',
    ]),
    '  <otherwise>',
    `    ${setVariable('routedDeployment', routing.defaultDeployment)}`,
    '  </otherwise>',
    '</choose>',
  ].join('\n');
}

/** The requested deployment, computed once before `<base />` (see model-api.xml): the allow-list and the cache read it. */
const REQUESTED_DEPLOYMENT = 'context.Variables.GetValueOrDefault<string>("requestedDeployment", "")';

/** Sends each served deployment to its pool; any other name is not served here (404). */
function deploymentPoolsBlock(deployments: readonly string[]): string {
  return [
    '<choose>',
    ...deployments.flatMap((deployment) => [
      `  <when condition="@((string)context.Variables["routedDeployment"] == "${deployment}")">`,
      `    <set-backend-service backend-id="${escapeXml(deploymentPoolId(deployment))}" />`,
      '  </when>',
    ]),
    '  <otherwise>',
    '    <return-response>',
    '      <set-status code="404" reason="Not Found" />',
    '      <set-header name="Content-Type" exists-action="override">',
    '        <value>application/json</value>',
    '      </set-header>',
    `      <set-body>${escapeXml(JSON.stringify({ error: { code: 'DeploymentNotFound', message: 'The gateway serves no such deployment.' } }))}</set-body>`,
    '    </return-response>',
    '  </otherwise>',
    '</choose>',
  ].join('\n');
}

function callerAuthenticationBlock(auth: CallerAuthenticationSettings | undefined): string {
  if (!auth) return '';
  const list = (outer: string, inner: string, items: readonly string[]) => [
    `  <${outer}>`, ...items.map((item) => `    <${inner}>${escapeXml(item)}</${inner}>`), `  </${outer}>`,
  ];
  return [
    `<validate-azure-ad-token tenant-id="${escapeXml(auth.tenantId)}" header-name="Authorization" failed-validation-httpcode="401" failed-validation-error-message="Unauthorized: a valid Microsoft Entra ID token for this API is required." output-token-variable-name="callerToken">`,
    ...(auth.clientApplicationIds && auth.clientApplicationIds.length > 0 ? list('client-application-ids', 'application-id', auth.clientApplicationIds) : []),
    ...list('audiences', 'audience', auth.audiences),
    '</validate-azure-ad-token>',
  ].join('\n');
}

function semanticCacheLookupBlock(cache: SemanticCacheSettings | undefined): string {
  if (!cache) return '';
  // embeddings-backend-auth: the policy reference says it is required and must be "system-assigned".
  return [
    `<azure-openai-semantic-cache-lookup score-threshold="${cache.scoreThreshold}" embeddings-backend-id="${escapeXml(cache.embeddingsBackendId)}" embeddings-backend-auth="system-assigned" ignore-system-messages="true">`,
    '  <vary-by>@(context.Subscription.Id)</vary-by>',
    `  <vary-by>@(${REQUESTED_DEPLOYMENT})</vary-by>`,
    '</azure-openai-semantic-cache-lookup>',
  ].join('\n');
}

const DEFAULT_CATEGORIES: readonly { readonly name: ContentSafetyCategoryName; readonly threshold: number }[] = [
  { name: 'Hate', threshold: 4 }, { name: 'SelfHarm', threshold: 4 }, { name: 'Sexual', threshold: 4 }, { name: 'Violence', threshold: 4 },
];

function contentSafetyBlock(settings: ContentSafetySettings): string {
  const categories = settings.categories ?? DEFAULT_CATEGORIES;
  const lines: string[] = [];
  if (categories.length > 0) {
    lines.push(`<categories output-type="${settings.outputType ?? 'FourSeverityLevels'}">`);
    categories.forEach((c) => lines.push(`  <category name="${c.name}" threshold="${c.threshold}" />`));
    lines.push('</categories>');
  }
  if (settings.blocklistIds && settings.blocklistIds.length > 0) {
    lines.push('<blocklists>', ...settings.blocklistIds.map((id) => `  <id>${escapeXml(id)}</id>`), '</blocklists>');
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------------
// Parameter validation (every problem at once)

function checkDeploymentName(problems: string[], what: string, name: string): void {
  if (!DEPLOYMENT_NAME_PATTERN.test(name)) problems.push(`${what} '${name}' must be 2-64 letters, digits, '.', '_' or '-' (it is used inside a policy expression)`);
}

function checkPositiveInteger(problems: string[], what: string, value: number | undefined, max = Number.MAX_SAFE_INTEGER): void {
  if (value !== undefined && (!Number.isInteger(value) || value < 1 || value > max)) problems.push(`${what} must be an integer from 1 to ${max}, got ${value}`);
}

function checkId(problems: string[], what: string, value: string, pattern?: RegExp): void {
  if (value.trim() === '') problems.push(`${what} is empty`);
  else if (pattern && !isToken(value) && !pattern.test(value)) problems.push(`${what} '${value}' is not valid`);
}

/** Problems of routing rules (also usable to validate configuration early). */
export function routingProblems(routing: RoutingConfig): string[] {
  const problems: string[] = [];
  checkDeploymentName(problems, 'routing alias', routing.alias);
  checkDeploymentName(problems, 'routing default deployment', routing.defaultDeployment);
  if (routing.defaultDeployment === routing.alias) problems.push(`routing default deployment '${routing.defaultDeployment}' is the alias itself`);
  routing.rules.forEach((rule, i) => {
    const what = `routing rule ${i + 1}`;
    checkDeploymentName(problems, `${what} deployment`, rule.deployment);
    if (rule.deployment === routing.alias) problems.push(`${what} routes to the alias '${routing.alias}' itself`);
    const { maxPromptTokens, hasTools, hasImages, hint } = rule.when ?? {};
    if (maxPromptTokens === undefined && hasTools === undefined && hasImages === undefined && hint === undefined) {
      problems.push(`${what} has no condition (maxPromptTokens, hasTools, hasImages or hint); use defaultDeployment instead`);
    }
    checkPositiveInteger(problems, `${what} maxPromptTokens`, maxPromptTokens);
    if (hint !== undefined && !HINT.test(hint)) problems.push(`${what} hint '${hint}' must be 1-32 lowercase letters, digits or '-'`);
  });
  return problems;
}

function modelApiProblems(params: ModelApiPolicyParams): string[] {
  const problems = routingProblems(params.routing);
  checkId(problems, 'gatewayIdentityClientId', params.gatewayIdentityClientId, GUID);
  if (params.deployments.length === 0) problems.push('deployments is empty: the gateway would serve nothing');
  params.deployments.forEach((d) => checkDeploymentName(problems, 'served deployment', d));
  if (params.deployments.includes(params.routing.alias)) problems.push(`routing alias '${params.routing.alias}' is also a served deployment`);
  if (params.deployments.length > 0) {
    const targets = [params.routing.defaultDeployment, ...params.routing.rules.map((r) => r.deployment)];
    for (const target of new Set(targets)) {
      if (DEPLOYMENT_NAME_PATTERN.test(target) && target !== params.routing.alias && !params.deployments.includes(target)) problems.push(`routing target '${target}' is not a served deployment (${params.deployments.join(', ')})`);
    }
  }
  checkId(problems, 'contentSafety.backendId', params.contentSafety.backendId);
  const outputType = params.contentSafety.outputType ?? 'FourSeverityLevels';
  if (!['FourSeverityLevels', 'EightSeverityLevels'].includes(outputType)) problems.push(`contentSafety.outputType '${outputType}' must be FourSeverityLevels or EightSeverityLevels`);
  const allowed = outputType === 'EightSeverityLevels' ? [0, 1, 2, 3, 4, 5, 6, 7] : [0, 2, 4, 6];
  const seen = new Set<string>();
  for (const c of params.contentSafety.categories ?? DEFAULT_CATEGORIES) {
    if (!['Hate', 'SelfHarm', 'Sexual', 'Violence'].includes(c.name)) problems.push(`contentSafety category '${c.name}' must be Hate, SelfHarm, Sexual or Violence`);
    if (seen.has(c.name)) problems.push(`contentSafety category ${c.name} is listed twice`);
    seen.add(c.name);
    if (!allowed.includes(c.threshold)) problems.push(`contentSafety ${c.name} threshold ${c.threshold} must be one of ${allowed.join(', ')} with ${outputType}`);
  }
  (params.contentSafety.blocklistIds ?? []).forEach((id) => checkId(problems, 'contentSafety blocklist id', id, /^[A-Za-z0-9_-]{1,64}$/));
  const cache = params.semanticCache;
  if (cache) {
    checkId(problems, 'semanticCache.embeddingsBackendId', cache.embeddingsBackendId);
    if (!(cache.scoreThreshold > 0 && cache.scoreThreshold <= 1)) problems.push(`semanticCache.scoreThreshold must be above 0 and at most 1, got ${cache.scoreThreshold}`);
    checkPositiveInteger(problems, 'semanticCache.durationSeconds', cache.durationSeconds);
  }
  const auth = params.callerAuthentication;
  if (auth) {
    checkId(problems, 'callerAuthentication.tenantId', auth.tenantId);
    if (auth.audiences.length === 0) problems.push('callerAuthentication.audiences lists no audience');
    auth.audiences.forEach((a) => checkId(problems, 'callerAuthentication audience', a));
    (auth.clientApplicationIds ?? []).forEach((id) => checkId(problems, 'callerAuthentication client application id', id, GUID));
  }
  if (params.metricNamespace !== undefined && !NAMESPACE.test(params.metricNamespace)) {
    problems.push(`metricNamespace '${params.metricNamespace}' must be 1-64 letters, digits, spaces, '.', '_' or '-' (no policy expression)`);
  }
  checkPositiveInteger(problems, 'retryCount', params.retryCount, 50);
  return problems;
}

function productProblems(params: ProductPolicyParams): string[] {
  const problems: string[] = [];
  checkPositiveInteger(problems, 'tokensPerMinute', params.tokensPerMinute);
  checkPositiveInteger(problems, 'tokenQuota', params.tokenQuota);
  if (params.tokenQuotaPeriod !== undefined && !TOKEN_QUOTA_PERIODS.includes(params.tokenQuotaPeriod)) {
    problems.push(`tokenQuotaPeriod '${params.tokenQuotaPeriod}' must be one of ${TOKEN_QUOTA_PERIODS.join(', ')}`);
  }
  checkPositiveInteger(problems, 'perUserTokensPerMinute', params.perUserTokensPerMinute);
  if (params.perUserTokensPerMinute !== undefined && params.perUserTokensPerMinute > params.tokensPerMinute) {
    problems.push(`perUserTokensPerMinute ${params.perUserTokensPerMinute} exceeds the team's ${params.tokensPerMinute} tokens per minute`);
  }
  if (params.perUserClaim !== undefined && !CLAIM.test(params.perUserClaim)) problems.push(`perUserClaim '${params.perUserClaim}' must be 1-64 letters, digits or '_.:-'`);
  if (params.allowedDeployments !== undefined && params.allowedDeployments.length === 0) problems.push('allowedDeployments is empty: the team could call nothing (omit it to allow every deployment)');
  (params.allowedDeployments ?? []).forEach((d) => checkDeploymentName(problems, 'allowed deployment', d));
  return problems;
}

// ---------------------------------------------------------------------------------------------------
// Typed helpers

/** Renders the service-scope policy (`global.xml`). */
export function renderGlobalPolicy(): string {
  return renderPolicy('global', {});
}

/** The condition of the model API's alias guard: the alias requested on an operation it is not valid on. */
export function aliasGuardCondition(alias: string): string {
  return `@((string)context.Variables["requestedDeployment"] == "${alias}"${ROUTING_ALIAS_OPERATIONS.map((op) => ` && context.Operation.Id != "${op}"`).join('')})`;
}

/**
 * Problems of the model API's alias guard: a `<when>` with `aliasGuardCondition(alias)` that returns 400
 * and runs before `<base />` (so a refused request costs no tokens and meets no other check).
 */
export function aliasGuardProblems(doc: PolicyDocument, alias: string): string[] {
  const inbound = doc.sections.inbound ?? [];
  const guard = findElements(inbound, ['when']).find((f) => attr(f.element, 'condition') === aliasGuardCondition(alias));
  if (!guard) return [`<inbound> has no guard refusing the routing alias '${alias}' outside ${ROUTING_ALIAS_OPERATIONS.join(' and ')} (<when condition="${aliasGuardCondition(alias)}">)`];
  const problems: string[] = [];
  const status = findElements(guard.element.children, ['set-status'])[0]?.element;
  if (!childNamed(guard.element, 'return-response') || (status && attr(status, 'code')) !== '400') problems.push(`<inbound>: the routing alias guard does not return 400`);
  const base = inbound.findIndex((e) => e.name === 'base');
  if (base >= 0 && guard.topIndex > base) problems.push(`<inbound>: the routing alias guard (position ${guard.topIndex + 1}) runs after <base /> (position ${base + 1})`);
  return problems;
}

/** Renders the model API policy (`model-api.xml`); throws `PolicyTemplateError` listing every problem. */
export function renderModelApiPolicy(params: ModelApiPolicyParams): string {
  const problems = modelApiProblems(params);
  if (problems.length > 0) throw new PolicyTemplateError('model-api', problems);
  const xml = renderModelApiXml(params);
  const guardProblems = aliasGuardProblems(validatePolicy(xml), params.routing.alias);
  if (guardProblems.length > 0) throw new PolicyTemplateError('model-api', guardProblems);
  return xml;
}

function renderModelApiXml(params: ModelApiPolicyParams): string {
  return renderPolicy('model-api', {
    callerAuthentication: callerAuthenticationBlock(params.callerAuthentication),
    semanticCacheLookup: semanticCacheLookupBlock(params.semanticCache),
    contentSafetyBackendId: params.contentSafety.backendId,
    contentSafetyRules: contentSafetyBlock(params.contentSafety),
    routingAlias: params.routing.alias,
    routingRules: routingBlock(params.routing),
    metricNamespace: params.metricNamespace ?? DEFAULT_TOKEN_METRIC_NAMESPACE,
    deploymentPools: deploymentPoolsBlock(params.deployments),
    gatewayIdentityClientId: params.gatewayIdentityClientId,
    retryCount: params.retryCount ?? 2,
    semanticCacheStore: params.semanticCache ? `<azure-openai-semantic-cache-store duration="${params.semanticCache.durationSeconds}" />` : '',
  }, { expectations: modelApiExpectations({ callerAuthentication: params.callerAuthentication !== undefined, semanticCache: params.semanticCache !== undefined }) });
}

/** Renders one team's product policy (`product.xml`); throws `PolicyTemplateError` listing every problem. */
export function renderProductPolicy(params: ProductPolicyParams): string {
  const problems = productProblems(params);
  if (problems.length > 0) throw new PolicyTemplateError(`product ${params.team}`, problems);
  const claim = params.perUserClaim ?? 'oid';
  const userKey = `context.Subscription.Id + ":" + (context.Request.Headers.GetValueOrDefault("Authorization", "").Split(' ').Last().AsJwt()?.Claims.GetValueOrDefault("${claim}", "anonymous") ?? "anonymous")`;
  const allowList = params.allowedDeployments === undefined ? '' : [
    '<choose>',
    // requestedDeployment is set by the model API before its <base />: the path's deployment, or the
    // body's model where the path has none, so no operation bypasses the allow-list.
    `  <when condition="@(!new [] { ${params.allowedDeployments.map((d) => `"${d}"`).join(', ')} }.Contains(context.Variables.GetValueOrDefault<string>("requestedDeployment", "")))">`,
    '    <return-response>',
    '      <set-status code="403" reason="Forbidden" />',
    '      <set-header name="Content-Type" exists-action="override">',
    '        <value>application/json</value>',
    '      </set-header>',
    `      <set-body>${escapeXml(JSON.stringify({ error: { code: 'DeploymentNotAllowed', message: `Team ${params.team} may not call this deployment.` } }))}</set-body>`,
    '    </return-response>',
    '  </when>',
    '</choose>',
  ].join('\n');
  try {
    return renderPolicy('product', {
      deploymentAllowList: allowList,
      tokensPerMinute: params.tokensPerMinute,
      tokenQuota: params.tokenQuota,
      tokenQuotaPeriod: params.tokenQuotaPeriod ?? 'Monthly',
      perUserTokenLimit: params.perUserTokensPerMinute === undefined ? ''
        : `<llm-token-limit counter-key="@(${userKey})" tokens-per-minute="${params.perUserTokensPerMinute}" estimate-prompt-tokens="true" />`,
    });
  } catch (e) {
    if (e instanceof PolicyTemplateError) throw new PolicyTemplateError(`product ${params.team}`, e.problems);
    throw e;
  }
}

/** The gateway's rendered policies: service scope, the model API, and one product policy per team (by team name). */
export function renderGatewayPolicies(params: { readonly modelApi: ModelApiPolicyParams; readonly teams: readonly ProductPolicyParams[] }): {
  readonly global: string; readonly modelApi: string; readonly products: Readonly<Record<string, string>>;
} {
  const problems: string[] = [];
  const attempt = (render: () => string): string => {
    try {
      return render();
    } catch (e) {
      if (!(e instanceof PolicyTemplateError)) throw e;
      problems.push(...e.problems.map((p) => `${e.templateName}: ${p}`));
      return '';
    }
  };
  const global = attempt(renderGlobalPolicy);
  const modelApi = attempt(() => renderModelApiPolicy(params.modelApi));
  const products: Record<string, string> = {};
  for (const team of params.teams) {
    if (products[team.team] !== undefined) problems.push(`product ${team.team}: the team is listed twice`);
    products[team.team] = attempt(() => renderProductPolicy(team));
  }
  if (problems.length > 0) throw new PolicyTemplateError('gateway', problems);
  return { global, modelApi, products };
}

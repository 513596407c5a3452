/**
 * The request path as data: what a team's request to an operation of a model API meets in the gateway,
 * derived from the plan alone (products, the effective global -> product -> API policy, operations,
 * backends, pools, model accounts and their deployments). It interprets the policy the way APIM runs it
 * for the constructs the platform's templates emit (`<choose>` over the request facts, `set-variable`,
 * `return-response`, `set-backend-service`, the `llm-*` policies) and says so when it meets a condition
 * it cannot decide, rather than guessing. PTU spillover is not in the policy: it is each pool member's
 * deployment property `spilloverDeploymentName` (an azapi_update_resource on the deployment), read
 * from the plan per member.
 *
 * Used by the request-path matrix tests (every environment x team x operation x model) and by
 * `npm run gateway -- explain`, which prints one path to a person.
 */
import {
  EffectiveElement, PolicyElement, attr, azapiProperties, childNamed, cognitiveAccountsOf, deploymentUpdates, deploymentsOf, effectivePolicy, isAzapiBackend,
  poolMembers, productsOf, resolveBackend, resourcesNaming,
} from './apim-policy';
import { ResourceGraph, attribute, valueOf } from './graph';
import { PlanResource } from './plan';

/** What a caller sends, as far as the gateway's decisions go. */
export interface GatewayRequest {
  /** Team = product id (its subscription key authenticates the call). */
  readonly team: string;
  /** Operation id of the model API (e.g. `chat-completions`, `embeddings`, `responses`). */
  readonly operation: string;
  /** Deployment name or the routing alias: in the path, or the body's `model` where the path has none. */
  readonly model: string;
  /** Estimated prompt tokens (routing rules compare them). @default 100 */
  readonly promptTokens?: number;
  readonly hasTools?: boolean;
  readonly hasImages?: boolean;
  /** The `x-model-hint` header. */
  readonly hint?: string;
}

export type StepName =
  | 'caller-authentication' | 'semantic-cache' | 'allow-list' | 'token-limit' | 'content-safety'
  | 'routing' | 'token-metric' | 'backend' | 'managed-identity' | 'spillover';

export interface PathStep {
  readonly step: StepName;
  /** Whether the step runs on this request. */
  readonly applied: boolean;
  readonly detail: string;
  /** Policy scope and resource the element comes from. */
  readonly source?: string;
}

export interface PoolMember {
  readonly backend: string;
  readonly priority: number;
  readonly url: string;
  /** Address of the model account behind the member, when the plan tells. */
  readonly account?: string;
  /** Whether that account has a deployment of the routed name. */
  readonly servesDeployment: boolean;
  /**
   * The pay-as-you-go deployment that account's deployment of the routed name spills over to when its
   * provisioned throughput is exhausted (its `spilloverDeploymentName`); undefined when it has none
   * (a pay-as-you-go deployment, e.g. the failover account's).
   */
  readonly spilloverDeployment?: string;
  /** Address of the azapi_update_resource that sets `spilloverDeploymentName`. */
  readonly spilloverSource?: string;
}

export interface RequestPath {
  readonly request: GatewayRequest;
  readonly api: string;
  readonly operationUrl: string;
  /** 403 by the allow-list, 400 without a model or with the alias on an operation it is not for; undefined when the request goes to a backend. */
  readonly rejected?: { readonly status: number; readonly reason: string };
  readonly requestedDeployment?: string;
  readonly routedDeployment?: string;
  readonly backendId?: string;
  readonly members: readonly PoolMember[];
  readonly steps: readonly PathStep[];
  /** Problems that break the path: a check that does not run, a member without the deployment, an undecidable condition. */
  readonly problems: readonly string[];
}


/** The request facts policy conditions refer to, and the variables set so far. */
interface Context {
  readonly request: GatewayRequest;
  readonly hasDeploymentParameter: boolean;
  readonly variables: Map<string, string | number | boolean>;
  backendId?: string;
  rejected?: { status: number; reason: string };
}

/** Model APIs of the plan with their operations (id -> url template). */
export function modelApis(graph: ResourceGraph): { api: PlanResource; operations: Map<string, string> }[] {
  return graph.ofType('azurerm_api_management_api').map((api) => {
    const operations = new Map<string, string>();
    // By reference or by name, from the plan's indexes (an address prefix such as `api_1` is not `api_12`).
    for (const op of resourcesNaming(graph, 'azurerm_api_management_api_operation', 'api_name', api)) {
      const id = attribute(op, 'operation_id');
      const url = attribute(op, 'url_template');
      if (id.kind === 'known' && url.kind === 'known') operations.set(String(id.value), String(url.value));
    }
    return { api, operations };
  }).filter((a) => a.operations.size > 0);
}

/** Derives the path of one request through `api` (the platform's model API when omitted). */
export function explainRequest(graph: ResourceGraph, request: GatewayRequest, api?: PlanResource): RequestPath {
  const apis = modelApis(graph);
  const chosen = api ? apis.find((a) => a.api === api) : apis[0];
  const problems: string[] = [];
  const empty = (reason: string): RequestPath => ({ request, api: chosen?.api.address ?? '(none)', operationUrl: '', members: [], steps: [], problems: [reason] });
  if (!chosen) return empty('the plan has no API with operations');
  const operationUrl = chosen.operations.get(request.operation);
  if (operationUrl === undefined) return empty(`operation '${request.operation}' is not offered (offered: ${[...chosen.operations.keys()].join(', ')})`);

  const effective = effectivePolicy(graph, chosen.api);
  if (effective.kind === 'unknown') return { ...empty(effective.reason), operationUrl };
  const product = productsOf(graph, chosen.api).find((p) => {
    const id = p.resource ? attribute(p.resource, 'product_id') : p.id;
    return id.kind === 'known' && id.value === request.team;
  });
  if (!product) return { ...empty(`team '${request.team}' has no product publishing ${chosen.api.address}`), operationUrl };
  const policy = effective.policies.find((p) => p.product === product.label);
  if (!policy) return { ...empty(`no effective policy through product ${product.label}`), operationUrl };

  const context: Context = { request, hasDeploymentParameter: operationUrl.includes('{deployment-id}'), variables: new Map() };
  const seen = new Map<StepName, PathStep>();
  const record = (step: StepName, detail: string, element?: EffectiveElement | PolicyElement) => {
    if (!seen.has(step)) seen.set(step, { step, applied: true, detail, source: element && 'scope' in element ? `${element.scope} policy ${element.source}` : undefined });
  };
  run(policy.sections.inbound, context, record, problems);

  const requested = context.variables.get('requestedDeployment');
  const routed = context.variables.get('routedDeployment');
  const requestedDeployment = typeof requested === 'string' && requested !== 'none' ? requested : undefined;
  const routedDeployment = typeof routed === 'string' && routed !== 'none' ? routed : requestedDeployment;
  const members = context.rejected ? [] : membersOf(graph, context.backendId, routedDeployment, chosen.api, problems);
  if (!context.rejected) {
    if (routedDeployment === undefined) problems.push('the policy does not tell which deployment serves the request');
    else {
      for (const m of members.filter((x) => !x.servesDeployment)) {
        problems.push(`backend ${m.backend} (priority ${m.priority}) has no deployment '${routedDeployment}': a request sent to it gets 404`);
      }
    }
  }

  const spilling = members.filter((m) => m.spilloverDeployment !== undefined);
  if (spilling.length > 0 && routedDeployment !== undefined) {
    const others = members.filter((m) => m.spilloverDeployment === undefined).map((m) => `${m.backend} (priority ${m.priority})`);
    seen.set('spillover', {
      step: 'spillover',
      applied: true,
      detail: `${spilling.map((m) => `'${routedDeployment}' on ${m.backend} (priority ${m.priority}) spills over to '${m.spilloverDeployment}'`).join('; ')}${others.length > 0 ? `; none on ${others.join(', ')}` : ''}`,
      source: `deployment property spilloverDeploymentName: ${spilling.map((m) => m.spilloverSource).join(', ')}`,
    });
  }

  const order: StepName[] = ['caller-authentication', 'semantic-cache', 'allow-list', 'token-limit', 'content-safety', 'routing', 'token-metric', 'backend', 'managed-identity', 'spillover'];
  const notApplied = (step: StepName): string => {
    if (context.rejected) return `not reached (${context.rejected.status})`;
    if (step === 'spillover') return `no pool member's '${routedDeployment ?? '(unknown)'}' has a spilloverDeploymentName (not provisioned)`;
    return 'not in the effective policy for this request';
  };
  const steps = order.map((step) => seen.get(step) ?? { step, applied: false, detail: notApplied(step) });
  if (!context.rejected) {
    for (const required of ['allow-list', 'token-limit', 'content-safety', 'token-metric', 'backend', 'managed-identity'] as const) {
      if (!seen.has(required)) problems.push(`${required} does not apply to ${request.operation} for team ${request.team}`);
    }
  }
  return {
    request, api: chosen.api.address, operationUrl, rejected: context.rejected, requestedDeployment, routedDeployment,
    backendId: context.backendId, members, steps, problems,
  };
}

type Recorder = (step: StepName, detail: string, element?: EffectiveElement | PolicyElement) => void;

/** Runs a list of policy elements in order, stopping at a `return-response`. */
function run(elements: readonly PolicyElement[], context: Context, record: Recorder, problems: string[]): void {
  for (const element of elements) {
    if (context.rejected) return;
    switch (element.name) {
      case 'validate-azure-ad-token':
      case 'validate-jwt':
        record('caller-authentication', `Entra ID token (${element.name}) plus the team's subscription key`, element);
        break;
      case 'azure-openai-semantic-cache-lookup':
      case 'llm-semantic-cache-lookup':
        record('semantic-cache', `lookup with score threshold ${attr(element, 'score-threshold')}, embeddings backend ${attr(element, 'embeddings-backend-id')}`, element);
        break;
      case 'llm-token-limit':
      case 'azure-openai-token-limit':
        record('token-limit', `${attr(element, 'tokens-per-minute')} tokens/min${attr(element, 'token-quota') ? `, quota ${attr(element, 'token-quota')} per ${attr(element, 'token-quota-period')}` : ''} keyed on ${attr(element, 'counter-key')}`, element);
        break;
      case 'llm-content-safety':
        record('content-safety', `prompt screened by backend '${attr(element, 'backend-id')}'${attr(element, 'shield-prompt') === 'true' ? ' with prompt shields' : ''}`, element);
        break;
      case 'llm-emit-token-metric':
      case 'azure-openai-emit-token-metric':
        record('token-metric', `namespace ${attr(element, 'namespace')}, dimensions ${element.children.map((d) => attr(d, 'name')).join(', ')}`, element);
        break;
      case 'authentication-managed-identity':
        record('managed-identity', `token for ${attr(element, 'resource')} as client ${attr(element, 'client-id') ?? 'system-assigned'}`, element);
        break;
      case 'set-variable':
        setVariable(element, context);
        break;
      case 'set-backend-service': {
        const id = backendIdOf(attr(element, 'backend-id') ?? '', context);
        if (id === undefined) problems.push(`cannot tell the backend of set-backend-service backend-id="${attr(element, 'backend-id')}"`);
        else {
          context.backendId = id;
          record('backend', `backend '${id}'`, element);
        }
        break;
      }
      case 'return-response': {
        const status = Number(attr(childNamed(element, 'set-status') ?? element, 'code') ?? 0);
        context.rejected = { status, reason: childNamed(element, 'set-status') ? (attr(childNamed(element, 'set-status')!, 'reason') ?? '') : '' };
        break;
      }
      case 'choose':
        choose(element, context, record, problems);
        break;
      default:
        break;
    }
  }
}

function choose(element: PolicyElement, context: Context, record: Recorder, problems: string[]): void {
  const isAllowList = element.children.some((w) => w.children.some((c) => c.name === 'return-response' && /\b403\b/.test(JSON.stringify(c))));
  // Routing: a branch on the requested deployment that routes it (a guard that refuses it is not routing).
  const isRouting = element.children.some((w) => /context\.Variables\["requestedDeployment"\]\s*==/.test(attr(w, 'condition') ?? '')
    && !w.children.some((c) => c.name === 'return-response'));
  for (const branch of element.children) {
    if (branch.name === 'otherwise') {
      run(branch.children, context, record, problems);
      break;
    }
    const condition = attr(branch, 'condition') ?? '';
    const holds = evaluate(condition, context);
    if (holds === undefined) {
      problems.push(`cannot decide the policy condition ${condition}`);
      return;
    }
    // An allow-list guarded by the path parameter is skipped by operations without one (the /responses bypass).
    const skipped = isAllowList && !context.hasDeploymentParameter && /MatchedParameters\.ContainsKey\("deployment-id"\)/.test(condition);
    if (isAllowList && !skipped) {
      record('allow-list', holds ? 'the deployment is not in the team\'s allow-list: 403' : `'${context.variables.get('requestedDeployment') ?? context.request.model}' is allowed for team ${context.request.team}`, element as EffectiveElement);
    }
    if (holds) {
      run(branch.children, context, record, problems);
      if (isRouting) record('routing', `alias '${context.request.model}' routed to '${context.variables.get('routedDeployment')}'`, element as EffectiveElement);
      return;
    }
  }
  if (isRouting && !context.rejected) record('routing', `'${context.variables.get('requestedDeployment')}' is named directly: no routing`, element as EffectiveElement);
}

/** The value a `set-variable` gives, for the variables the path depends on. */
function setVariable(element: PolicyElement, context: Context): void {
  const name = attr(element, 'name') ?? '';
  const value = attr(element, 'value') ?? '';
  const { request } = context;
  if (!value.startsWith('@')) {
    context.variables.set(name, value);
    return;
  }
  if (name === 'requestedDeployment') {
    // The path parameter where the operation has one; the body's model where the expression reads it.
    const readsPath = /MatchedParameters/.test(value);
    const readsBody = /\["model"\]|"model"\)|\.model\b/.test(value);
    context.variables.set(name, (readsPath && context.hasDeploymentParameter) || (readsBody && !context.hasDeploymentParameter) || (readsBody && !readsPath) ? request.model : 'none');
    return;
  }
  const copy = /^@\(\(string\)context\.Variables\["([^"]+)"\]\)$/.exec(value);
  if (copy) {
    context.variables.set(name, context.variables.get(copy[1]) ?? 'none');
    return;
  }
  if (name === 'estimatedPromptTokens') context.variables.set(name, request.promptTokens ?? 100);
  else if (name === 'hasTools') context.variables.set(name, request.hasTools ?? false);
  else if (name === 'hasImages') context.variables.set(name, request.hasImages ?? false);
  else if (name === 'modelHint') context.variables.set(name, (request.hint ?? '').trim().toLowerCase());
  else context.variables.set(name, value);
}

/** Evaluates the conditions the platform's templates write; undefined for anything else. */
function evaluate(condition: string, context: Context): boolean | undefined {
  const body = /^@\((.*)\)$/s.exec(condition.trim())?.[1];
  if (body === undefined) return undefined;
  // `&&` short-circuits, as in C#: a false guard decides before the terms it protects are read.
  for (const term of splitAnd(body)) {
    const value = evaluateTerm(term.trim(), context);
    if (value !== true) return value;
  }
  return true;
}

function splitAnd(expression: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let inString = false;
  let start = 0;
  for (let i = 0; i < expression.length; i++) {
    const c = expression[i];
    if (c === '"' && expression[i - 1] !== '\\') inString = !inString;
    if (inString) continue;
    if (c === '(' || c === '{' || c === '[') depth++;
    if (c === ')' || c === '}' || c === ']') depth--;
    if (depth === 0 && expression.startsWith('&&', i)) {
      parts.push(expression.slice(start, i));
      start = i + 2;
      i++;
    }
  }
  parts.push(expression.slice(start));
  return parts;
}

function evaluateTerm(term: string, context: Context): boolean | undefined {
  const t = term.replace(/^\((.*)\)$/s, '$1').trim();
  const vars = context.variables;
  let m: RegExpExecArray | null;
  if ((m = /^(!?)context\.Request\.MatchedParameters\.ContainsKey\("deployment-id"\)$/.exec(t))) return m[1] === '!' ? !context.hasDeploymentParameter : context.hasDeploymentParameter;
  if ((m = /^context\.Operation\.Id\s*(==|!=)\s*"([^"]*)"$/.exec(t))) return (context.request.operation === m[2]) === (m[1] === '==');
  if ((m = /^!new \[\] \{([^}]*)\}\.Contains\((.+)\)$/s.exec(t))) {
    const allowed = [...m[1].matchAll(/"([^"]*)"/g)].map((x) => x[1]);
    const subject = subjectValue(m[2], context);
    return subject === undefined ? undefined : !allowed.includes(subject);
  }
  if ((m = /^\(string\)context\.Variables\["([^"]+)"\]\s*(==|!=)\s*"([^"]*)"$/.exec(t))) {
    const equal = String(vars.get(m[1]) ?? 'none') === m[3];
    return m[2] === '==' ? equal : !equal;
  }
  if ((m = /^\(int\)context\.Variables\["([^"]+)"\]\s*(<=|<|>=|>)\s*(\d+)$/.exec(t))) {
    const v = Number(vars.get(m[1]) ?? 0);
    const n = Number(m[3]);
    return m[2] === '<=' ? v <= n : m[2] === '<' ? v < n : m[2] === '>=' ? v >= n : v > n;
  }
  if ((m = /^(!?)\(bool\)context\.Variables\["([^"]+)"\]$/.exec(t))) {
    const v = vars.get(m[2]) === true;
    return m[1] === '!' ? !v : v;
  }
  if ((m = /^string\.IsNullOrEmpty\(\(string\)context\.Variables\["([^"]+)"\]\)$/.exec(t))) {
    const v = vars.get(m[1]);
    return v === undefined || v === '' || v === 'none';
  }
  return undefined;
}

/** The value the allow-list compares: the path parameter or a variable. */
function subjectValue(expression: string, context: Context): string | undefined {
  const e = expression.trim();
  if (/MatchedParameters\["deployment-id"\]/.test(e)) return context.hasDeploymentParameter ? context.request.model : undefined;
  const variable = /context\.Variables(?:\["([^"]+)"\]|\.GetValueOrDefault<string>\("([^"]+)")/.exec(e);
  if (variable) return String(context.variables.get(variable[1] ?? variable[2]) ?? 'none');
  return undefined;
}

/** A literal backend id, or one computed from the routed deployment by the templates' `"<prefix>" + routedDeployment` form. */
function backendIdOf(value: string, context: Context): string | undefined {
  if (!value.startsWith('@')) return value;
  const m = /^@\("([^"]*)"\s*\+\s*\(string\)context\.Variables\["([^"]+)"\](?:\s*\+\s*"([^"]*)")?\)$/.exec(value.trim());
  if (!m) return undefined;
  return `${m[1]}${String(context.variables.get(m[2]) ?? 'none')}${m[3] ?? ''}`;
}

/** The members of the backend (a pool's services, or the single backend) and whether each serves the deployment. */
function membersOf(graph: ResourceGraph, backendId: string | undefined, deployment: string | undefined, near: PlanResource, problems: string[]): PoolMember[] {
  if (backendId === undefined) return [];
  const backend = resolveBackend(graph, backendId, near);
  if (typeof backend === 'string') {
    problems.push(backend);
    return [];
  }
  const isPool = isAzapiBackend(backend) && String(azapiProperties(backend, 'body')?.type ?? '').toLowerCase() === 'pool';
  const members = isPool ? poolMembers(graph, backend) : [{ backend, priority: 1 }];
  if (typeof members === 'string') {
    problems.push(members);
    return [];
  }
  return members.map(({ backend: member, priority }): PoolMember => {
    const accounts = cognitiveAccountsOf(graph, member);
    const properties = isAzapiBackend(member) ? azapiProperties(member, 'body') ?? {} : undefined;
    const url = properties ? valueText(valueOf(properties.url)) : valueText(attribute(member, 'url'));
    return {
      backend: isAzapiBackend(member) ? String(member.values.name) : valueText(attribute(member, 'name')),
      priority,
      url,
      account: accounts[0]?.address,
      servesDeployment: deployment !== undefined && accounts.some((account) => deploymentsOf(graph, account).names.has(deployment)),
      ...(deployment === undefined ? {} : spilloverOf(graph, accounts, deployment, problems)),
    };
  }).sort((a, b) => a.priority - b.priority);
}

/** The `properties.spilloverDeploymentName` an azapi_update_resource sets on the accounts' deployment of `name`, if any. */
function spilloverOf(graph: ResourceGraph, accounts: readonly PlanResource[], name: string, problems: string[]): { spilloverDeployment?: string; spilloverSource?: string } {
  for (const account of accounts) {
    const deployments = graph.referrersAt(account, 'azurerm_cognitive_deployment', 'cognitive_account_id').filter((d) => attribute(d, 'name').kind === 'known' && d.values.name === name);
    for (const deployment of deployments) {
      for (const update of deploymentUpdates(graph, deployment)) {
        const spill = azapiProperties(update, 'body')?.spilloverDeploymentName;
        if (spill === undefined) continue;
        if (typeof spill !== 'string' || spill.includes('${')) {
          problems.push(`${update.address} sets spilloverDeploymentName of '${name}' to a value only known after apply`);
          continue;
        }
        if (!deploymentsOf(graph, account).names.has(spill)) problems.push(`'${name}' on ${account.address} spills over to '${spill}' (${update.address}), which is no deployment of that account`);
        return { spilloverDeployment: spill, spilloverSource: update.address };
      }
    }
  }
  return {};
}

function valueText(value: ReturnType<typeof attribute>): string {
  return value.kind === 'known' ? String(value.value) : value.kind === 'unknown' ? value.expression : '';
}

/**
 * The request path as a matrix: for every environment of the registry, team, operation and model name
 * (each deployment of the primary account, and the routing alias), the path derived from the
 * synthesized plan alone. A request the team may make passes the allow-list, token limit, content
 * safety, token metric and managed-identity auth and reaches a pool whose every member serves the
 * deployment it was routed to; one it may not make is refused with 403 before any of them; the routing
 * alias on an operation it is not for (embeddings, completions) is refused with 400 before all of them.
 * The routed deployment is cross-checked against the config's routing rules (`chooseDeployment`), and
 * each pool member's spillover against its account's deployment config.
 */
import { EnvironmentConfig } from '../../environments/schema';
import { ROUTING_ALIAS_OPERATIONS, chooseDeployment } from '../../constructs/ai-gateway/policy-templates';
import { ResourceGraph } from '../../policy/graph';
import { parsePlan } from '../../policy/plan';
import { RequestPath, explainRequest, modelApis } from '../../policy/request-path';
import { SHIPPED_NAMES, shippedEnvironments, synthEnvironment } from './synth';

interface Environment {
  readonly config: EnvironmentConfig;
  readonly graph: ResourceGraph;
}

const environments = new Map<string, Environment>();
beforeAll(() => {
  for (const [name, { config, json }] of shippedEnvironments()) {
    environments.set(name, { config, graph: new ResourceGraph(parsePlan(json, name)) });
  }
});

const REQUIRED_STEPS = ['allow-list', 'token-limit', 'content-safety', 'token-metric', 'backend', 'managed-identity'] as const;
/** Prompt sizes on both sides of every shipped routing rule's threshold. */
const PROMPT_TOKENS = [100, 5000];

/** Whether the request names the routing alias on an operation it is not valid on (a designed 400). */
function aliasMisused(config: EnvironmentConfig, operation: string, model: string): boolean {
  return model === config.gateway.routingAlias && !ROUTING_ALIAS_OPERATIONS.includes(operation);
}

/** Every request of the matrix for one environment, with the path the plan gives it. */
function matrix(name: string): { team: string; operation: string; model: string; promptTokens: number; path: RequestPath }[] {
  const { config, graph } = environments.get(name)!;
  const operations = [...modelApis(graph)[0].operations.keys()];
  const primary = config.ai.accounts[0];
  const models = [config.gateway.routingAlias, ...primary.deployments.map((d) => d.name)];
  return config.gateway.teams.flatMap((team) => operations.flatMap((operation) => models.flatMap((model) => PROMPT_TOKENS.map((promptTokens) => ({
    team: team.name, operation, model, promptTokens,
    path: explainRequest(graph, { team: team.name, operation, model, promptTokens }),
  })))));
}

describe.each(SHIPPED_NAMES)('request path matrix: %s', (name) => {
  test('the model API offers chat completions, completions, embeddings and responses', () => {
    const { graph } = environments.get(name)!;
    expect([...modelApis(graph)[0].operations.keys()].sort()).toEqual(['chat-completions', 'completions', 'embeddings', 'responses']);
  });

  test('every request a team may make passes every check and reaches a pool whose members all serve its deployment', () => {
    const { config } = environments.get(name)!;
    const broken: string[] = [];
    for (const { team, operation, model, promptTokens, path } of matrix(name)) {
      const allowed = config.gateway.teams.find((t) => t.name === team)!.allowedModels;
      if ((allowed !== undefined && !allowed.includes(model)) || aliasMisused(config, operation, model)) continue;
      const label = `${team} ${operation} ${model} (${promptTokens} tokens)`;
      if (path.rejected) broken.push(`${label}: rejected ${path.rejected.status}`);
      path.problems.forEach((p) => broken.push(`${label}: ${p}`));
      for (const step of REQUIRED_STEPS) if (!path.steps.find((s) => s.step === step)!.applied) broken.push(`${label}: ${step} not applied`);
      if (path.members.length === 0 || path.members.some((m) => !m.servesDeployment)) broken.push(`${label}: pool members ${JSON.stringify(path.members)}`);
    }
    expect(broken).toEqual([]);
  });

  test('a model outside the team\'s allow-list is refused with 403 on every operation, before the token limit and the models', () => {
    const { config } = environments.get(name)!;
    const leaks: string[] = [];
    let refused = 0;
    for (const { team, operation, model, path } of matrix(name)) {
      const allowed = config.gateway.teams.find((t) => t.name === team)!.allowedModels;
      if (allowed === undefined || allowed.includes(model)) continue;
      refused++;
      // The alias on an operation it is not for is refused earlier still, with 400 (see below).
      if (path.rejected?.status !== (aliasMisused(config, operation, model) ? 400 : 403)) leaks.push(`${team} ${operation} ${model}: ${path.rejected ? path.rejected.status : `reaches ${path.routedDeployment}`}`);
      if (path.steps.some((s) => s.applied && (s.step === 'token-limit' || s.step === 'backend'))) leaks.push(`${team} ${operation} ${model}: passes the allow-list`);
    }
    expect(leaks).toEqual([]);
    // The shipped configs restrict at least one team, so the check is not vacuous.
    if (config.gateway.teams.some((t) => t.allowedModels !== undefined && t.allowedModels.length < config.ai.accounts[0].deployments.length + 1)) {
      expect(refused).toBeGreaterThan(0);
    }
  });

  test('the routing alias on embeddings or completions is refused with 400 AliasNotSupported before every other check, as designed', () => {
    const { config } = environments.get(name)!;
    const wrong: string[] = [];
    let refused = 0;
    for (const { team, operation, model, path } of matrix(name)) {
      if (model !== config.gateway.routingAlias) continue;
      const label = `${team} ${operation} ${model}`;
      if (!aliasMisused(config, operation, model)) {
        if (path.rejected?.status === 400) wrong.push(`${label}: refused with 400 on an operation the alias is for`);
        continue;
      }
      refused++;
      if (path.rejected?.status !== 400 || path.rejected.reason !== 'Bad Request') wrong.push(`${label}: ${path.rejected ? `${path.rejected.status} ${path.rejected.reason}` : `reaches ${path.routedDeployment}`}`);
      if (path.problems.length > 0) wrong.push(`${label}: problems ${path.problems.join('; ')}`);
      const applied = path.steps.filter((s) => s.applied && s.step !== 'caller-authentication').map((s) => s.step);
      if (applied.length > 0 || path.members.length > 0) wrong.push(`${label}: ${applied.join(', ')} ran`);
    }
    expect(wrong).toEqual([]);
    // embeddings and completions, for every team and prompt size.
    expect(refused).toBe(config.gateway.teams.length * 2 * PROMPT_TOKENS.length);
  });

  test('the alias is routed as the config\'s routing rules say, and each pool member spills over as its deployment says', () => {
    const { config } = environments.get(name)!;
    const routing = { alias: config.gateway.routingAlias, defaultDeployment: config.gateway.routingDefault, rules: config.gateway.routingRules.map(({ deployment, ...when }) => ({ deployment, when })) };
    const wrong: string[] = [];
    let spilling = 0;
    for (const { team, operation, model, promptTokens, path } of matrix(name)) {
      if (path.rejected) continue;
      const expected = chooseDeployment(routing, { deployment: model, promptTokens, hasTools: false, hasImages: false });
      if (path.routedDeployment !== expected) wrong.push(`${team} ${operation} ${model} (${promptTokens}): routed to ${path.routedDeployment}, expected ${expected}`);
      // Members are the accounts in priority order: only a provisioned deployment has a spilloverDeploymentName.
      const spillover = config.ai.accounts.map((a) => a.deployments.find((d) => d.name === expected)?.spilloverDeployment);
      const actual = path.members.map((m) => m.spilloverDeployment);
      if (JSON.stringify(actual) !== JSON.stringify(spillover)) wrong.push(`${team} ${operation} ${model}: spillover per member ${JSON.stringify(actual)}, expected ${JSON.stringify(spillover)}`);
      const step = path.steps.find((s) => s.step === 'spillover')!;
      if (step.applied !== spillover.some((x) => x !== undefined)) wrong.push(`${team} ${operation} ${model}: spillover step ${step.applied ? '' : 'not '}applied`);
      if (spillover.some((x) => x !== undefined)) spilling++;
    }
    expect(wrong).toEqual([]);
    // Environments with a provisioned deployment exercise the spillover check.
    if (config.ai.accounts.some((a) => a.deployments.some((d) => d.spilloverDeployment))) expect(spilling).toBeGreaterThan(0);
  });

  test('every deployment has a fallback on each failover account, in priority order', () => {
    const { config } = environments.get(name)!;
    for (const { path } of matrix(name).filter((m) => !m.path.rejected)) {
      expect(path.members.map((m) => m.priority)).toEqual(config.ai.accounts.map((_, i) => i + 1));
    }
  });
});

describe('the request path finds what breaks it (prod variants)', () => {
  /** prod's plan with `mutate` applied to the synthesized JSON. */
  function variant(mutate: (resources: Record<string, Record<string, any>>) => void): ResourceGraph {
    const { json } = synthEnvironment('prod');
    mutate(json.resource);
    return new ResourceGraph(parsePlan(json, 'prod'));
  }
  const request = { team: 'claims-copilot', operation: 'responses', model: 'gpt-4.1', promptTokens: 100 };

  test('an allow-list that only reads the path parameter is skipped by /responses (the bypass of issue 12)', () => {
    const graph = variant((r) => {
      for (const policy of Object.values(r.azurerm_api_management_product_policy)) {
        policy.xml_content = policy.xml_content.replace(
          'context.Variables.GetValueOrDefault<string>("requestedDeployment", "")',
          'context.Request.MatchedParameters["deployment-id"]',
        ).replace('<when condition="@(!new', '<when condition="@(context.Request.MatchedParameters.ContainsKey("deployment-id") &amp;&amp; !new');
      }
    });
    const path = explainRequest(graph, request);
    expect(path.rejected).toBeUndefined();
    expect(path.problems).toContain('allow-list does not apply to responses for team claims-copilot');
    // The same request on chat completions is still refused: only the operation without {deployment-id} leaks.
    expect(explainRequest(graph, { ...request, operation: 'chat-completions' }).rejected?.status).toBe(403);
  });

  test('a pool member whose account lacks the deployment is reported: a failed-over request would get 404', () => {
    const graph = variant((r) => {
      const deployments = r.azurerm_cognitive_deployment;
      const key = Object.keys(deployments).find((k) => k.startsWith('model-account-failover_') && deployments[k].name === 'gpt-4.1-ptu')!;
      delete deployments[key];
    });
    const path = explainRequest(graph, { ...request, team: 'contract-analytics', operation: 'chat-completions', model: 'gpt-4.1-ptu' });
    expect(path.members.map((m) => [m.priority, m.servesDeployment])).toEqual([[1, true], [2, false]]);
    expect(path.problems).toEqual([expect.stringMatching(/^backend .*failover.* \(priority 2\) has no deployment 'gpt-4\.1-ptu': a request sent to it gets 404$/)]);
  });

  test('a spillover target the PTU deployment\'s account does not have is reported', () => {
    const graph = variant((r) => {
      const updates = Object.values(r.azapi_update_resource).filter((u) => u.body?.properties?.spilloverDeploymentName !== undefined);
      expect(updates).toHaveLength(1);
      updates[0].body.properties.spilloverDeploymentName = 'gpt-4.1-payg';
    });
    const path = explainRequest(graph, { ...request, team: 'contract-analytics', operation: 'chat-completions', model: 'gpt-4.1-ptu' });
    expect(path.members.map((m) => m.spilloverDeployment)).toEqual(['gpt-4.1-payg', undefined]);
    expect(path.problems).toEqual([expect.stringMatching(/^'gpt-4\.1-ptu' on azurerm_cognitive_account\.model-account-primary_\S+ spills over to 'gpt-4\.1-payg' \(azapi_update_resource\.\S+\), which is no deployment of that account$/)]);
  });
});

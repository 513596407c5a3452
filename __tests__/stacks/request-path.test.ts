/**
 * The request path as a matrix: for every environment of the registry, team, operation and model name
 * (each deployment of the primary account, and the routing alias), the path derived from the
 * synthesized plan alone. A request the team may make passes the allow-list, token limit, content
 * safety, token metric and managed-identity auth and reaches a pool whose every member serves the
 * deployment it was routed to; one it may not make is refused with 403 before any of them. The routed
 * deployment is cross-checked against the config's routing rules (`chooseDeployment`).
 */
import { Testing } from 'cdktf';
import { ENVIRONMENTS } from '../../environments';
import { EnvironmentConfig, parseEnvironment } from '../../environments/schema';
import { chooseDeployment } from '../../constructs/ai-gateway/policy-templates';
import { ResourceGraph } from '../../policy/graph';
import { parsePlan } from '../../policy/plan';
import { RequestPath, explainRequest, modelApis } from '../../policy/request-path';
import { PlatformStack } from '../../stacks/platform-stack';

interface Environment {
  readonly config: EnvironmentConfig;
  readonly graph: ResourceGraph;
}

const environments = new Map<string, Environment>();
beforeAll(() => {
  for (const input of ENVIRONMENTS) {
    const config = parseEnvironment(structuredClone(input));
    const doc = JSON.parse(Testing.synth(new PlatformStack(Testing.app(), config.name, config)));
    environments.set(config.name, { config, graph: new ResourceGraph(parsePlan(doc, config.name)) });
  }
});

const REQUIRED_STEPS = ['allow-list', 'token-limit', 'content-safety', 'token-metric', 'backend', 'managed-identity'] as const;
/** Prompt sizes on both sides of every shipped routing rule's threshold. */
const PROMPT_TOKENS = [100, 5000];

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

describe.each(ENVIRONMENTS.map((e) => e.name))('request path matrix: %s', (name) => {
  test('the model API offers chat completions, completions, embeddings and responses', () => {
    const { graph } = environments.get(name)!;
    expect([...modelApis(graph)[0].operations.keys()].sort()).toEqual(['chat-completions', 'completions', 'embeddings', 'responses']);
  });

  test('every request a team may make passes every check and reaches a pool whose members all serve its deployment', () => {
    const { config } = environments.get(name)!;
    const broken: string[] = [];
    for (const { team, operation, model, promptTokens, path } of matrix(name)) {
      const allowed = config.gateway.teams.find((t) => t.name === team)!.allowedModels;
      if (allowed !== undefined && !allowed.includes(model)) continue;
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
      if (path.rejected?.status !== 403) leaks.push(`${team} ${operation} ${model}: ${path.rejected ? path.rejected.status : `reaches ${path.routedDeployment}`}`);
      if (path.steps.some((s) => s.applied && (s.step === 'token-limit' || s.step === 'backend'))) leaks.push(`${team} ${operation} ${model}: passes the allow-list`);
    }
    expect(leaks).toEqual([]);
    // The shipped configs restrict at least one team, so the check is not vacuous.
    if (config.gateway.teams.some((t) => t.allowedModels !== undefined && t.allowedModels.length < config.ai.accounts[0].deployments.length + 1)) {
      expect(refused).toBeGreaterThan(0);
    }
  });

  test('the alias is routed as the config\'s routing rules say, and a PTU deployment carries its spillover header', () => {
    const { config } = environments.get(name)!;
    const routing = { alias: config.gateway.routingAlias, defaultDeployment: config.gateway.routingDefault, rules: config.gateway.routingRules.map(({ deployment, ...when }) => ({ deployment, when })) };
    const spillover = new Map(config.ai.accounts[0].deployments.filter((d) => d.spilloverDeployment).map((d) => [d.name, d.spilloverDeployment]));
    const wrong: string[] = [];
    for (const { team, operation, model, promptTokens, path } of matrix(name)) {
      if (path.rejected) continue;
      const expected = chooseDeployment(routing, { deployment: model, promptTokens, hasTools: false, hasImages: false });
      if (path.routedDeployment !== expected) wrong.push(`${team} ${operation} ${model} (${promptTokens}): routed to ${path.routedDeployment}, expected ${expected}`);
      if (path.spilloverDeployment !== spillover.get(expected)) wrong.push(`${team} ${operation} ${model}: spillover ${path.spilloverDeployment}, expected ${spillover.get(expected)}`);
    }
    expect(wrong).toEqual([]);
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
    const config = parseEnvironment(structuredClone(ENVIRONMENTS.find((e) => e.name === 'prod')!));
    const doc = JSON.parse(Testing.synth(new PlatformStack(Testing.app(), 'prod', config)));
    mutate(doc.resource);
    return new ResourceGraph(parsePlan(doc, 'prod'));
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
});

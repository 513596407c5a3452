import prod from '../../environments/prod';
import { EnvironmentConfig, parseEnvironment } from '../../environments/schema';
import { issue, issuesOf, lit, validInput } from '../helpers';

// ---------------------------------------------------------------------------------------------
// Local helpers
// ---------------------------------------------------------------------------------------------

type Obj = Record<string, any>;

/** The shipped dev config (or prod with `production`) with `patch` spread over its `gateway` section. */
function withGateway(patch: Obj, production = false): Obj {
  const base = (production ? structuredClone(prod) : validInput()) as Obj;
  return { ...base, gateway: { ...base.gateway, ...patch } };
}

/** The shipped config with `patch` spread over its `orchestrator` section. */
function withOrchestrator(patch: Obj, production = false): Obj {
  const base = (production ? structuredClone(prod) : validInput()) as Obj;
  return { ...base, orchestrator: { ...base.orchestrator, ...patch } };
}

/** The shipped dev config whose first team is `patch` spread over the shipped one. */
function withTeam(patch: Obj): Obj {
  const teams = (validInput() as Obj).gateway.teams as Obj[];
  return withGateway({ teams: [{ ...teams[0], ...patch }, ...teams.slice(1)] });
}

const gatewayOf = (input: unknown): EnvironmentConfig['gateway'] => parseEnvironment(input).gateway;
const orchestratorOf = (input: unknown): EnvironmentConfig['orchestrator'] => parseEnvironment(input).orchestrator;

/** The dev chat deployments, as listed in messages. */
const DEV_CHAT = '(gpt-4.1, gpt-4.1-mini)';
const DIGEST = `sha256:${'0123456789abcdef'.repeat(4)}`;

// ---------------------------------------------------------------------------------------------

describe('gateway configuration', () => {
  describe('resolved config', () => {
    test('the shipped dev config: one Developer unit, no zones, alias auto, cache and quota defaults', () => {
      expect(gatewayOf(validInput())).toMatchObject({
        skuName: 'Developer',
        capacity: 1,
        zones: [],
        publisherName: 'Contoso GenAI Platform (dev)',
        publisherEmail: 'genai-platform-dev@contoso.com',
        entraAudience: undefined,
        routingAlias: 'auto',
        routingRules: [{ deployment: 'gpt-4.1-mini', maxPromptTokens: 2000, hasTools: false, hasImages: false, hint: undefined }],
        routingDefault: 'gpt-4.1',
        cacheScoreThreshold: 0.1,
        cacheDurationSeconds: 3600,
        teams: [
          { name: 'platform-tests', tokensPerMinute: 20_000, tokenQuota: 5_000_000, tokenQuotaPeriod: 'Monthly', allowedModels: ['auto', 'gpt-4.1', 'gpt-4.1-mini'], perUserTokensPerMinute: undefined },
          { name: 'search-assistant', tokensPerMinute: 30_000, tokenQuota: 10_000_000, tokenQuotaPeriod: 'Monthly', allowedModels: ['auto'], perUserTokensPerMinute: undefined },
        ],
      });
    });

    test('production defaults to Premium with 2 units across zones 1 and 2', () => {
      const gateway = gatewayOf(withGateway({ skuName: undefined, capacity: undefined }, true));
      expect([gateway.skuName, gateway.capacity, gateway.zones]).toEqual(['Premium', 2, ['1', '2']]);
    });

    test.each([
      [3, ['1', '2', '3']],
      [4, ['1', '2']],
      [6, ['1', '2', '3']],
    ])('production with %i units spreads them across zones %j', (capacity, zones) => {
      expect(gatewayOf(withGateway({ capacity }, true)).zones).toEqual(zones);
    });

    test('non-production Premium has no zones', () => {
      expect(gatewayOf(withGateway({ skuName: 'Premium', capacity: 2 })).zones).toEqual([]);
    });

    test('keeps explicit values: alias, cache, quota period, per-user limit, audience', () => {
      const gateway = gatewayOf(withGateway({
        routingAlias: 'smart', cacheScoreThreshold: 0.05, cacheDurationSeconds: 600, entraAudience: 'api://genai-gateway.contoso.com',
        teams: [{ name: 'claims-copilot', tokensPerMinute: 10_000, tokenQuota: 1_000, tokenQuotaPeriod: 'Daily', allowedModels: ['smart'], perUserTokensPerMinute: 10_000 }],
      }));
      expect(gateway).toMatchObject({ routingAlias: 'smart', cacheScoreThreshold: 0.05, cacheDurationSeconds: 600, entraAudience: 'api://genai-gateway.contoso.com' });
      expect(gateway.teams).toMatchObject([{ name: 'claims-copilot', tokensPerMinute: 10_000, tokenQuota: 1_000, tokenQuotaPeriod: 'Daily', allowedModels: ['smart'], perUserTokensPerMinute: 10_000 }]);
    });

    test('the shipped configs raise no warning', () => {
      expect(parseEnvironment(validInput()).warnings).toEqual([]);
      expect(parseEnvironment(structuredClone(prod)).warnings).toEqual([]);
    });
  });

  describe('unknown keys', () => {
    test('in the section, a routing rule and a team', () => {
      const teams = (validInput() as Obj).gateway.teams as Obj[];
      expect(issuesOf(withGateway({
        sku: 'Premium',
        routingRules: [{ deployment: 'gpt-4.1-mini', maxPromptTokens: 2000, model: 'x' }],
        teams: [{ ...teams[0], tpm: 5 }, teams[1]],
      }))).toEqual([
        issue('gateway.sku', /^is not a known field; expected one of: skuName, capacity, publisherName, publisherEmail, entraAudience, routingAlias, routingRules, routingDefault, cacheScoreThreshold, cacheDurationSeconds, (.+, )?teams$/),
        issue('gateway.routingRules[0].model', /^is not a known field; expected one of: deployment, maxPromptTokens, hasTools, hasImages, hint$/),
        issue('gateway.teams[0].tpm', /^is not a known field; expected one of: name, tokensPerMinute, tokenQuota, tokenQuotaPeriod, allowedModels, perUserTokensPerMinute(, .+)?$/),
      ]);
    });

    test('the section itself is required', () => {
      const input = validInput() as Obj;
      delete input.gateway;
      expect(issuesOf(input)).toEqual([issue('gateway', /^is required$/)]);
    });
  });

  describe('tier and units', () => {
    test('skuName is Developer or Premium', () => {
      expect(issuesOf(withGateway({ skuName: 'Standard' }))).toEqual([issue('gateway.skuName', /^'Standard' is not one of: Developer, Premium$/)]);
    });

    test('the Developer tier has exactly one unit', () => {
      expect(issuesOf(withGateway({ skuName: 'Developer', capacity: 2 }))).toEqual([issue('gateway.capacity', /^the Developer tier has exactly 1 unit$/)]);
      expect(issuesOf(withGateway({ capacity: 2 }))).toEqual([issue('gateway.capacity', /^the Developer tier has exactly 1 unit$/)]);
    });

    test.each([0, 13, 1.5])('capacity %p is refused', (capacity) => {
      expect(issuesOf(withGateway({ skuName: 'Premium', capacity }))).toEqual([
        issue('gateway.capacity', Number.isInteger(capacity) ? new RegExp(`^must be between 1 and 12, got ${capacity}$`) : /^must be a whole number, got 1\.5$/),
      ]);
    });

    test('production refuses the Developer tier', () => {
      expect(issuesOf(withGateway({ skuName: 'Developer', capacity: 1 }, true))).toEqual([
        issue('gateway.skuName', /^Developer has no SLA or zone redundancy; production needs Premium$/),
        issue('gateway.capacity', /^1 unit cannot span zones; production needs at least 2$/),
      ]);
    });

    test('production refuses a single Premium unit', () => {
      expect(issuesOf(withGateway({ capacity: 1 }, true))).toEqual([issue('gateway.capacity', /^1 unit cannot span zones; production needs at least 2$/)]);
    });

    test.each([5, 7])('production refuses %i units (not divisible by the zones)', (capacity) => {
      expect(issuesOf(withGateway({ capacity }, true))).toEqual([issue('gateway.capacity', new RegExp(`^${capacity} units cannot be spread evenly across 2 zones$`))]);
    });
  });

  describe('publisher and audience', () => {
    test('publisherName is 1-100 characters', () => {
      expect(issuesOf(withGateway({ publisherName: '' }))).toEqual([issue('gateway.publisherName', /^'' must be 1-100 characters$/)]);
      expect(issuesOf(withGateway({ publisherName: 'x'.repeat(101) }))).toEqual([issue('gateway.publisherName', /must be 1-100 characters$/)]);
      expect(gatewayOf(withGateway({ publisherName: 'x'.repeat(100) })).publisherName).toHaveLength(100);
    });

    test('publisherEmail is an email address', () => {
      expect(issuesOf(withGateway({ publisherEmail: 'genai-platform' }))).toEqual([issue('gateway.publisherEmail', /^'genai-platform' must be an email address$/)]);
    });

    test('publisher fields are required', () => {
      expect(issuesOf(withGateway({ publisherName: undefined, publisherEmail: undefined }))).toEqual([
        issue('gateway.publisherName', /^is required$/),
        issue('gateway.publisherEmail', /^is required$/),
      ]);
    });

    test.each(['api://genai-gateway.contoso.com', '11111111-2222-3333-4444-555555555555', 'https://genai-gateway.contoso.com'])('entraAudience %s is accepted', (entraAudience) => {
      expect(gatewayOf(withGateway({ entraAudience })).entraAudience).toBe(entraAudience);
    });

    test.each(['genai-gateway', 'http://genai-gateway.contoso.com', 'api://genai gateway'])('entraAudience %p is refused', (entraAudience) => {
      expect(issuesOf(withGateway({ entraAudience }))).toEqual([
        issue('gateway.entraAudience', new RegExp(`^'${lit(entraAudience)}' must be an application id URI \\(api://\\.\\.\\.\\), a client id or an https URI$`)),
      ]);
    });
  });

  describe('routing', () => {
    test('the alias may not be a deployment name', () => {
      expect(issuesOf(withGateway({ routingAlias: 'gpt-4.1-mini' }))).toEqual([
        issue('gateway.routingAlias', /^'gpt-4\.1-mini' is also a deployment name; the alias must be distinct$/),
        // The shipped teams allow 'auto', which is no longer the alias.
        issue('gateway.teams[0].allowedModels[0]', /^'auto' is neither a deployment of the primary account \(gpt-4\.1, gpt-4\.1-mini, text-embedding-3-small\) nor the routing alias 'gpt-4\.1-mini'$/),
        issue('gateway.teams[1].allowedModels[0]', /^'auto' is neither/),
      ]);
    });

    test('the alias may not be the embeddings deployment either (its calls would be rerouted to a chat model)', () => {
      const teams = ((validInput() as Obj).gateway.teams as Obj[]).map((t) => ({ ...t, allowedModels: ['gpt-4.1'] }));
      expect(issuesOf(withGateway({ routingAlias: 'text-embedding-3-small', teams }))).toEqual([
        issue('gateway.routingAlias', /^'text-embedding-3-small' is also a deployment name; the alias must be distinct$/),
      ]);
    });

    test('the alias is a deployment-like name', () => {
      expect(issuesOf(withGateway({ routingAlias: 'a' }))).toEqual([issue('gateway.routingAlias', /^'a' must be 2-64 letters, digits or \._-$/)]);
    });

    test.each(['gpt-5', 'text-embedding-3-small'])('routingDefault %s is refused: not a chat deployment of the primary', (routingDefault) => {
      expect(issuesOf(withGateway({ routingDefault }))).toEqual([
        issue('gateway.routingDefault', new RegExp(`^'${lit(routingDefault)}' is not a chat deployment of the primary account ${lit(DEV_CHAT)}$`)),
      ]);
    });

    test('routingDefault is required', () => {
      expect(issuesOf(withGateway({ routingDefault: undefined }))).toEqual([issue('gateway.routingDefault', /^is required$/)]);
    });

    test('a failover-only deployment is not a routing target (the primary serves the alias)', () => {
      const input = structuredClone(prod) as Obj;
      input.ai.accounts[1].deployments.push({ name: 'gpt-4o', model: 'gpt-4o', version: '2024-11-20', sku: 'DataZoneStandard', capacity: 10 });
      input.gateway.routingDefault = 'gpt-4o';
      expect(issuesOf(input)).toEqual([issue('gateway.routingDefault', /^'gpt-4o' is not a chat deployment of the primary account \(gpt-4\.1-ptu, gpt-4\.1, gpt-4\.1-mini\)$/)]);
    });

    test.each(['gpt-5', 'text-embedding-3-small'])('a routing rule to %s is refused', (deployment) => {
      expect(issuesOf(withGateway({ routingRules: [{ deployment: 'gpt-4.1-mini', hint: 'fast' }, { deployment, maxPromptTokens: 100 }] }))).toEqual([
        issue('gateway.routingRules[1].deployment', new RegExp(`^'${lit(deployment)}' is not a chat deployment of the primary account ${lit(DEV_CHAT)}$`)),
      ]);
    });

    test('a rule without a condition is refused', () => {
      expect(issuesOf(withGateway({ routingRules: [{ deployment: 'gpt-4.1-mini' }] }))).toEqual([
        issue('gateway.routingRules[0]', /^needs at least one condition \(maxPromptTokens, hasTools, hasImages or hint\)$/),
      ]);
    });

    test('each condition alone is enough', () => {
      const rules = [{ maxPromptTokens: 1 }, { hasTools: true }, { hasImages: false }, { hint: 'fast' }].map((when) => ({ deployment: 'gpt-4.1-mini', ...when }));
      expect(gatewayOf(withGateway({ routingRules: rules })).routingRules).toHaveLength(4);
    });

    test('conditions are checked', () => {
      expect(issuesOf(withGateway({ routingRules: [{ deployment: 'gpt-4.1-mini', maxPromptTokens: 0, hint: 'Fast!' }] }))).toEqual([
        issue('gateway.routingRules[0].maxPromptTokens', /^must be between 1 and 2000000, got 0$/),
        issue('gateway.routingRules[0].hint', /^'Fast!' must be 1-32 lowercase letters, digits or hyphens$/),
      ]);
    });

    test('routingRules is a list', () => {
      expect(issuesOf(withGateway({ routingRules: { deployment: 'gpt-4.1-mini' } }))).toEqual([issue('gateway.routingRules', /^must be a list, got an object$/)]);
    });
  });

  describe('semantic cache', () => {
    test.each([0, 1.5])('cacheScoreThreshold %p is refused', (cacheScoreThreshold) => {
      expect(issuesOf(withGateway({ cacheScoreThreshold }))).toEqual([issue('gateway.cacheScoreThreshold', new RegExp(`^must be between 0\\.01 and 1, got ${lit(String(cacheScoreThreshold))}$`))]);
    });

    test.each([59, 604_801])('cacheDurationSeconds %p is refused', (cacheDurationSeconds) => {
      expect(issuesOf(withGateway({ cacheDurationSeconds }))).toEqual([issue('gateway.cacheDurationSeconds', new RegExp(`^must be between 60 and 604800, got ${cacheDurationSeconds}$`))]);
    });
  });

  describe('teams', () => {
    test.each([[[]], [undefined]])('teams %p is refused', (teams) => {
      expect(issuesOf(withGateway({ teams }))).toEqual([issue('gateway.teams', /^must list at least one team$/)]);
    });

    test('teams of the wrong type say so', () => {
      expect(issuesOf(withGateway({ teams: 'platform-tests' }))).toEqual([issue('gateway.teams', /^must be a list of teams, got 'platform-tests'$/)]);
    });

    test('team names are unique', () => {
      const teams = (validInput() as Obj).gateway.teams as Obj[];
      expect(issuesOf(withGateway({ teams: [teams[0], { ...teams[1], name: teams[0].name }] }))).toEqual([
        issue('gateway.teams[1].name', /^'platform-tests' is used by another team$/),
      ]);
    });

    test.each(['Platform-Tests', 'platform_tests', 'p', 'platform-', '1platform', 'p'.repeat(33)])('team name %p is refused', (name) => {
      expect(issuesOf(withTeam({ name }))).toEqual([
        issue('gateway.teams[0].name', new RegExp(`^'${lit(name)}' must be 2-32 lowercase letters, digits or hyphens, starting with a letter$`)),
      ]);
    });

    test.each(['pt', 'p'.repeat(32), 'team-2'])('team name %p is accepted', (name) => {
      expect(gatewayOf(withTeam({ name })).teams[0].name).toBe(name);
    });

    test.each([
      ['tokensPerMinute', 0, /^must be between 1 and 100000000, got 0$/],
      ['tokensPerMinute', 100_000_001, /^must be between 1 and 100000000, got 100000001$/],
      ['tokensPerMinute', 1000.5, /^must be a whole number, got 1000\.5$/],
      ['tokenQuota', 0, /^must be between 1 and 1000000000000, got 0$/],
      ['tokenQuota', 1_000_000_000_001, /^must be between 1 and 1000000000000, got 1000000000001$/],
      ['perUserTokensPerMinute', 0, /^must be between 1 and 100000000, got 0$/],
      ['tokenQuotaPeriod', 'Quarterly', /^'Quarterly' is not one of: Hourly, Daily, Weekly, Monthly, Yearly$/],
    ])('%s = %p is refused', (field, value, message) => {
      expect(issuesOf(withTeam({ [field]: value }))).toEqual([issue(`gateway.teams[0].${field}`, message)]);
    });

    test.each(['tokensPerMinute', 'tokenQuota', 'allowedModels'])('%s is required', (field) => {
      expect(issuesOf(withTeam({ [field]: undefined }))).toEqual([issue(`gateway.teams[0].${field}`, /^is required$/)]);
    });

    test('allowedModels lists at least one model, each a deployment of the primary (embeddings included) or the alias', () => {
      expect(issuesOf(withTeam({ allowedModels: [] }))).toEqual([issue('gateway.teams[0].allowedModels', /^must list at least 1 item$/)]);
      expect(issuesOf(withTeam({ allowedModels: ['auto', 'gpt-5', 'text-embedding-3-large'] }))).toEqual([
        issue('gateway.teams[0].allowedModels[1]', /^'gpt-5' is neither a deployment of the primary account \(gpt-4\.1, gpt-4\.1-mini, text-embedding-3-small\) nor the routing alias 'auto'$/),
        issue('gateway.teams[0].allowedModels[2]', /^'text-embedding-3-large' is neither a deployment/),
      ]);
      // Retrieval needs query embeddings: the embeddings deployment may be allowed.
      expect(() => parseEnvironment(withTeam({ allowedModels: ['auto', 'text-embedding-3-small'] }))).not.toThrow();
      expect(issuesOf(withTeam({ allowedModels: ['auto', 'auto'] }))).toEqual([issue('gateway.teams[0].allowedModels[1]', /^'auto' is listed twice$/)]);
    });

    test('perUserTokensPerMinute may not exceed the team limit', () => {
      expect(issuesOf(withTeam({ perUserTokensPerMinute: 20_001 }))).toEqual([
        issue('gateway.teams[0].perUserTokensPerMinute', /^20001 exceeds the team's 20000 tokens per minute$/),
      ]);
      expect(gatewayOf(withTeam({ perUserTokensPerMinute: 20_000 })).teams[0].perUserTokensPerMinute).toBe(20_000);
    });
  });

  describe('oversubscription warning', () => {
    const PTU = { name: 'gpt-4.1-ptu', model: 'gpt-4.1', version: '2025-04-14', sku: 'DataZoneProvisionedManaged', peakTokensPerMinute: 100_000, spilloverDeployment: 'gpt-4.1' };

    test('pay-as-you-go capacity counts 1,000 tokens/min per unit (dev: 50 + 100 units; embeddings excluded)', () => {
      const config = parseEnvironment(withTeam({ tokensPerMinute: 120_001 }));
      expect(config.warnings).toEqual([
        "gateway.teams: team limits add up to 150,001 tokens/min, above the 150,000 tokens/min the primary account's chat deployments serve (oversubscribed 1.0x)",
      ]);
      expect(config.gateway.teams[0].tokensPerMinute).toBe(120_001);
    });

    test('no warning at exactly the capacity', () => {
      expect(parseEnvironment(withTeam({ tokensPerMinute: 120_000 })).warnings).toEqual([]);
    });

    test('a PTU deployment counts by its peak tokens per minute, not its PTUs', () => {
      const input = validInput() as Obj;
      const [gpt41, , embeddings] = input.ai.accounts[0].deployments;
      input.ai.accounts[0].deployments = [PTU, gpt41, embeddings];
      input.gateway.routingRules = [];
      input.gateway.teams = [{ name: 'big', tokensPerMinute: 300_000, tokenQuota: 1_000_000, allowedModels: ['auto'] }];
      const config = parseEnvironment(input);
      expect(config.ai.accounts[0].deployments[0].sizing?.peakTokensPerMinute).toBe(100_000);
      expect(config.warnings).toEqual([
        "gateway.teams: team limits add up to 300,000 tokens/min, above the 150,000 tokens/min the primary account's chat deployments serve (oversubscribed 2.0x)",
      ]);
      input.gateway.teams[0].tokensPerMinute = 150_000;
      expect(parseEnvironment(input).warnings).toEqual([]);
    });

    test('a PTU deployment given in PTUs counts PTUs x the model\'s tokens per minute per PTU', () => {
      const input = validInput() as Obj;
      const [gpt41, , embeddings] = input.ai.accounts[0].deployments;
      input.ai.accounts[0].deployments = [{ ...PTU, peakTokensPerMinute: undefined, capacity: 15 }, gpt41, embeddings];
      input.gateway.routingRules = [];
      input.gateway.teams = [{ name: 'big', tokensPerMinute: 95_001, tokenQuota: 1_000_000, allowedModels: ['auto'] }];
      // 15 PTUs x 3,000 (gpt-4.1) + 50 units x 1,000 = 95,000 tokens/min.
      expect(parseEnvironment(input).warnings).toEqual([expect.stringMatching(/add up to 95,001 tokens\/min, above the 95,000 tokens\/min/)]);
    });

    test('failover accounts do not add capacity', () => {
      const input = withTeam({ tokensPerMinute: 120_001 });
      // The failover serves the primary's deployments (pay-as-you-go), with more capacity than the primary.
      input.ai.accounts.push({ name: 'failover', location: 'germanywestcentral', deployments: input.ai.accounts[0].deployments.map((d: any) => ({ name: d.name, model: d.model, version: d.version, sku: d.model.startsWith('text-embedding') ? 'Standard' : 'DataZoneStandard', capacity: 300 })) });
      expect(parseEnvironment(input).warnings).toEqual([expect.stringMatching(/above the 150,000 tokens\/min/)]);
    });
  });
});

describe('orchestrator configuration', () => {
  test('the shipped dev config with defaults', () => {
    expect(orchestratorOf(validInput())).toEqual({
      image: 'orchestrator:0.9.0', minReplicas: 1, maxReplicas: 10, concurrentRequests: 50, cpu: 0.5, memory: '1Gi', targetPort: 8080, healthPath: '/healthz',
    });
  });

  test('the shipped prod config', () => {
    expect(orchestratorOf(structuredClone(prod))).toMatchObject({ minReplicas: 3, maxReplicas: 20, concurrentRequests: 40, cpu: 1, memory: '2Gi' });
  });

  test('unknown keys are refused', () => {
    expect(issuesOf(withOrchestrator({ replicas: 2 }))).toEqual([
      issue('orchestrator.replicas', /^is not a known field; expected one of: image, minReplicas, maxReplicas, concurrentRequests, cpu, memory, targetPort, healthPath$/),
    ]);
  });

  describe('image', () => {
    test.each([
      `orchestrator@${DIGEST}`,
      'orchestrator:1.4.2',
      'genai/orchestrator:2025.11.1-rc.1',
      'orchestrator:v2',
    ])('%s is accepted', (image) => {
      expect(orchestratorOf(withOrchestrator({ image })).image).toBe(image);
    });

    test.each([
      ['a moving tag', 'orchestrator:latest'],
      ['another moving tag', 'orchestrator:stable'],
      ['no tag', 'orchestrator'],
      ['a registry host', 'crgenaiprodsdc.azurecr.io/orchestrator:1.4.2'],
      ['a public registry', 'docker.io/library/orchestrator:1.4.2'],
      ['localhost', 'localhost/orchestrator:1.4.2'],
      ['a registry with a port', 'registry:5000/orchestrator:1.4.2'],
      ['uppercase', 'Orchestrator:1.4.2'],
      ['a short digest', 'orchestrator@sha256:abc'],
    ])('%s is refused (%s)', (_what, image) => {
      expect(issuesOf(withOrchestrator({ image }))).toEqual([
        issue('orchestrator.image', new RegExp(`^'${lit(image)}' must be a repository of the platform registry pinned by @sha256 digest or a version tag \\(not a moving tag such as latest or stable\\), e\\.g\\. orchestrator:1\\.4\\.2$`)),
      ]);
    });

    test('is required', () => {
      expect(issuesOf(withOrchestrator({ image: undefined }))).toEqual([issue('orchestrator.image', /^is required$/)]);
    });
  });

  describe('replicas', () => {
    test('default to 3 in production and 1 otherwise', () => {
      expect(orchestratorOf(withOrchestrator({ minReplicas: undefined }, true)).minReplicas).toBe(3);
      expect(orchestratorOf(withOrchestrator({ minReplicas: undefined })).minReplicas).toBe(1);
    });

    test('production keeps a spare replica', () => {
      expect(issuesOf(withOrchestrator({ minReplicas: 1 }, true))).toEqual([issue('orchestrator.minReplicas', /^1 leaves production without a spare replica; at least 2$/)]);
      expect(orchestratorOf(withOrchestrator({ minReplicas: 2 }, true)).minReplicas).toBe(2);
    });

    test('non-production may scale to zero', () => {
      expect(orchestratorOf(withOrchestrator({ minReplicas: 0 })).minReplicas).toBe(0);
    });

    test('maxReplicas may not be below minReplicas (given or defaulted)', () => {
      expect(issuesOf(withOrchestrator({ minReplicas: 5, maxReplicas: 4 }))).toEqual([issue('orchestrator.maxReplicas', /^4 is below minReplicas \(5\)$/)]);
      expect(issuesOf(withOrchestrator({ maxReplicas: 2 }, true))).toEqual([issue('orchestrator.maxReplicas', /^2 is below minReplicas \(3\)$/)]);
    });

    test.each([
      ['minReplicas', 301, /^must be between 0 and 300, got 301$/],
      ['maxReplicas', 0, /^must be between 1 and 300, got 0$/],
      ['concurrentRequests', 0, /^must be between 1 and 10000, got 0$/],
    ])('%s = %p is refused', (field, value, message) => {
      expect(issuesOf(withOrchestrator({ [field]: value, ...(field === 'minReplicas' ? { maxReplicas: 300 } : {}) }))).toEqual([issue(`orchestrator.${field}`, message)]);
    });
  });

  describe('container', () => {
    test.each([0.1, 4.5])('cpu %p is refused', (cpu) => {
      expect(issuesOf(withOrchestrator({ cpu }))).toEqual([issue('orchestrator.cpu', new RegExp(`^must be between 0\\.25 and 4, got ${lit(String(cpu))}$`))]);
    });

    test.each([0.25, 4])('cpu %p is accepted', (cpu) => {
      expect(orchestratorOf(withOrchestrator({ cpu })).cpu).toBe(cpu);
    });

    test.each(['1GB', '1', 'Gi', '1.Gi'])('memory %p is refused', (memory) => {
      expect(issuesOf(withOrchestrator({ memory }))).toEqual([issue('orchestrator.memory', new RegExp(`^'${lit(memory)}' must be like 1Gi or 0\\.5Gi$`))]);
    });

    test.each(['0.5Gi', '4Gi'])('memory %p is accepted', (memory) => {
      expect(orchestratorOf(withOrchestrator({ memory })).memory).toBe(memory);
    });

    test.each([
      [0, /^must be between 1 and 65535, got 0$/],
      [65_536, /^must be between 1 and 65535, got 65536$/],
      [80.5, /^must be a whole number, got 80\.5$/],
    ])('targetPort %p is refused', (targetPort, message) => {
      expect(issuesOf(withOrchestrator({ targetPort }))).toEqual([issue('orchestrator.targetPort', message)]);
    });

    test.each(['healthz', 'https://app/healthz', '/health z'])('healthPath %p is refused', (healthPath) => {
      expect(issuesOf(withOrchestrator({ healthPath }))).toEqual([issue('orchestrator.healthPath', new RegExp(`^'${lit(healthPath)}' must be an absolute path$`))]);
    });

    test('healthPath and targetPort are kept', () => {
      expect(orchestratorOf(withOrchestrator({ healthPath: '/ready', targetPort: 3000 }))).toMatchObject({ healthPath: '/ready', targetPort: 3000 });
    });
  });
});

import { MODELS, MODEL_NAMES, modelProblems } from '../../catalog/models';
import { PTU_MODELS } from '../../catalog/ptu-sizing';
import { REGIONS } from '../../catalog/regions';
import prod from '../../environments/prod';
import { EnvironmentConfig, parseEnvironment } from '../../environments/schema';
import { issue, issuesOf, lit, validInput } from '../helpers';

// ---------------------------------------------------------------------------------------------
// Local helpers
// ---------------------------------------------------------------------------------------------

type Obj = Record<string, any>;

/** The shipped dev config's `ai` section (3 pay-as-you-go deployments on one account). */
const devAi = (): Obj => structuredClone(validInput().ai) as Obj;

/**
 * The dev config with `patch` spread over its `ai` section (and `overrides` over the root). The gateway
 * is reduced to what any primary account satisfies (routing to its first chat deployment), so these tests
 * isolate the `ai` section.
 */
function withAi(patch: Obj, overrides: Obj = {}): Obj {
  const ai = { ...devAi(), ...patch };
  const deployments = Array.isArray(ai.accounts) && Array.isArray(ai.accounts[0]?.deployments) ? ai.accounts[0].deployments : [];
  const chat = deployments.find((d: Obj) => typeof d?.model === 'string' && !d.model.startsWith('text-embedding'));
  const base = validInput(overrides) as Obj;
  const gateway = { ...base.gateway, routingDefault: chat?.name ?? 'gpt-4.1', routingRules: [],
    teams: [{ name: 'ai-tests', tokensPerMinute: 1000, tokenQuota: 100_000, allowedModels: ['auto'] }] };
  return { ...base, ai, gateway };
}

/** The dev config whose primary account is `patch` spread over the shipped one. */
function withPrimary(patch: Obj, overrides: Obj = {}): Obj {
  return withAi({ accounts: [{ ...devAi().accounts[0], ...patch }] }, overrides);
}

/** The dev config whose primary account has exactly `deployments`. */
const withDeployments = (deployments: readonly unknown[], overrides: Obj = {}) => withPrimary({ deployments }, overrides);

const parsedAi = (input: unknown): EnvironmentConfig['ai'] => parseEnvironment(input).ai;

const GPT41 = { name: 'gpt-4.1', model: 'gpt-4.1', version: '2025-04-14', sku: 'DataZoneStandard', capacity: 300 };
const MINI = { name: 'gpt-4.1-mini', model: 'gpt-4.1-mini', version: '2025-04-14', sku: 'DataZoneStandard', capacity: 100 };
const EMBEDDINGS = { name: 'text-embedding-3-small', model: 'text-embedding-3-small', version: '1', sku: 'Standard', capacity: 50 };
/** A Data Zone PTU deployment of gpt-4.1 spilling over to GPT41, sized from peak. */
const PTU = { name: 'gpt-4.1-ptu', model: 'gpt-4.1', version: '2025-04-14', sku: 'DataZoneProvisionedManaged', peakTokensPerMinute: 400_000, spilloverDeployment: 'gpt-4.1' };
/** A failover account serving every deployment of the shipped dev primary (gpt-4.1, gpt-4.1-mini, text-embedding-3-small). */
const FAILOVER = { name: 'failover', location: 'germanywestcentral', deployments: [{ ...GPT41, capacity: 50 }, MINI, EMBEDDINGS] };
const P = 'ai.accounts[0].deployments';
/** gpt-4.1 has no regional Standard (catalog/models.ts), so regional PTU tests use gpt-4o, which has every SKU. */
const GPT4O = { model: 'gpt-4o', version: '2024-11-20' };

// ---------------------------------------------------------------------------------------------

describe('ai configuration', () => {
  describe('resolved config', () => {
    test('the shipped dev config: one primary account, pay-as-you-go deployments, defaults applied', () => {
      expect(parsedAi(validInput())).toEqual({
        accounts: [{
          name: 'primary',
          location: 'swedencentral',
          primary: true,
          allowedOutboundFqdns: [],
          deployments: [
            {
              name: 'gpt-4.1', model: 'gpt-4.1', version: '2025-04-14', sku: 'DataZoneStandard', capacity: 50,
              sizing: undefined, spilloverDeployment: undefined, versionUpgradeOption: 'OnceCurrentVersionExpired', embeddings: false,
            },
            {
              name: 'gpt-4.1-mini', model: 'gpt-4.1-mini', version: '2025-04-14', sku: 'DataZoneStandard', capacity: 100,
              sizing: undefined, spilloverDeployment: undefined, versionUpgradeOption: 'OnceCurrentVersionExpired', embeddings: false,
            },
            {
              name: 'text-embedding-3-small', model: 'text-embedding-3-small', version: '1', sku: 'Standard', capacity: 50,
              sizing: undefined, spilloverDeployment: undefined, versionUpgradeOption: 'OnceCurrentVersionExpired', embeddings: true,
            },
          ],
        }],
        contentFilterThreshold: 'Low',
        semanticCacheEnabled: true,
        search: { skuName: 'basic', replicaCount: 2, partitionCount: 1, sharedPrivateLinksEnabled: false },
        storage: { replicationType: 'LRS', containerNames: ['documents'] },
      });
    });

    test('does not modify its input', () => {
      const input = withDeployments([PTU, GPT41, EMBEDDINGS]);
      const before = structuredClone(input);
      parseEnvironment(input);
      expect(input).toEqual(before);
    });

    test('the shipped prod config sizes 400,000 tokens/min of gpt-4.1 on Data Zone to 160 PTUs', () => {
      const ptu = parseEnvironment(prod).ai.accounts[0].deployments.find((d) => d.name === 'gpt-4.1-ptu')!;
      expect(ptu).toMatchObject({ sku: 'DataZoneProvisionedManaged', capacity: 160, spilloverDeployment: 'gpt-4.1' });
      expect(ptu.sizing).toEqual({ capacity: 160, exactPtus: 160, minimum: 15, increment: 5, peakTokensPerMinute: 400_000 });
    });

    test('sizes provisioned capacity from the peak', () => {
      const [ptu] = parsedAi(withDeployments([PTU, GPT41, EMBEDDINGS])).accounts[0].deployments;
      expect(ptu).toEqual({
        name: 'gpt-4.1-ptu', model: 'gpt-4.1', version: '2025-04-14', sku: 'DataZoneProvisionedManaged', capacity: 160,
        sizing: { capacity: 160, exactPtus: 160, minimum: 15, increment: 5, peakTokensPerMinute: 400_000 },
        spilloverDeployment: 'gpt-4.1', versionUpgradeOption: 'OnceCurrentVersionExpired', embeddings: false,
      });
    });

    test.each([
      [37_500, 15], [37_501, 20], [1, 15], [50_000, 20],
    ])('a peak of %d tokens/min on Data Zone becomes %d PTUs', (peak, ptus) => {
      const [ptu] = parsedAi(withDeployments([{ ...PTU, peakTokensPerMinute: peak }, GPT41, EMBEDDINGS])).accounts[0].deployments;
      expect(ptu.capacity).toBe(ptus);
      expect(ptu.sizing).toMatchObject({ capacity: ptus, minimum: 15, increment: 5, peakTokensPerMinute: peak });
    });

    test.each([
      [400_000, 200], [100_000, 50], [104_167, 100],
    ])('a peak of %d tokens/min of gpt-4o on regional ProvisionedManaged becomes %d PTUs', (peak, ptus) => {
      const deployments = [{ ...PTU, ...GPT4O, sku: 'ProvisionedManaged', peakTokensPerMinute: peak }, { ...GPT41, ...GPT4O, sku: 'Standard' }, EMBEDDINGS];
      const [ptu] = parsedAi(withDeployments(deployments)).accounts[0].deployments;
      expect(ptu.capacity).toBe(ptus);
      expect(ptu.sizing).toMatchObject({ minimum: 50, increment: 50 });
    });

    test('keeps a given PTU capacity, without sizing', () => {
      const [ptu] = parsedAi(withDeployments([{ ...PTU, peakTokensPerMinute: undefined, capacity: 25 }, GPT41, EMBEDDINGS])).accounts[0].deployments;
      expect(ptu).toMatchObject({ capacity: 25, sizing: undefined, spilloverDeployment: 'gpt-4.1' });
    });

    test('a PTU capacity for a model without sizing data is accepted as given', () => {
      const deployments = [
        { name: 'o4-mini-ptu', model: 'o4-mini', version: '2025-04-16', sku: 'GlobalProvisionedManaged', capacity: 7, spilloverDeployment: 'o4-mini' },
        { name: 'o4-mini', model: 'o4-mini', version: '2025-04-16', sku: 'GlobalStandard', capacity: 10 },
        EMBEDDINGS,
      ];
      expect(parsedAi(withDeployments(deployments)).accounts[0].deployments[0]).toMatchObject({ capacity: 7, sizing: undefined });
    });

    test('keeps a given version upgrade option', () => {
      const [d] = parsedAi(withDeployments([{ ...GPT41, versionUpgradeOption: 'NoAutoUpgrade' }, EMBEDDINGS])).accounts[0].deployments;
      expect(d.versionUpgradeOption).toBe('NoAutoUpgrade');
    });

    test('flags text-embedding models as embeddings', () => {
      const deployments = [GPT41, EMBEDDINGS, { name: 'large', model: 'text-embedding-3-large', version: '1', sku: 'Standard', capacity: 10 }];
      expect(parsedAi(withDeployments(deployments)).accounts[0].deployments.map((d) => d.embeddings)).toEqual([false, true, true]);
    });

    test('the first account is the primary; a failover account keeps its own region', () => {
      const { accounts } = parsedAi(withAi({ accounts: [devAi().accounts[0], FAILOVER] }));
      expect(accounts.map((a) => [a.name, a.location, a.primary])).toEqual([
        ['primary', 'swedencentral', true],
        ['failover', 'germanywestcentral', false],
      ]);
    });

    test('an account\'s location defaults to the environment\'s', () => {
      expect(parsedAi(validInput({ location: 'westeurope' })).accounts[0].location).toBe('westeurope');
      expect(parsedAi(withPrimary({ location: 'francecentral' })).accounts[0].location).toBe('francecentral');
    });

    test('keeps the allowed outbound host names', () => {
      const fqdns = ['stgenaidevdocs.blob.core.windows.net', 'srch-genai-dev.search.windows.net'];
      expect(parsedAi(withPrimary({ allowedOutboundFqdns: fqdns })).accounts[0].allowedOutboundFqdns).toEqual(fqdns);
    });

    test('content filter threshold and semantic cache can be set', () => {
      const ai = parsedAi(withAi({ contentFilterThreshold: 'Medium', semanticCacheEnabled: false }));
      expect(ai).toMatchObject({ contentFilterThreshold: 'Medium', semanticCacheEnabled: false });
    });

    test('search and storage defaults outside production: standard, 2 replicas, 1 partition, LRS, one documents container', () => {
      const ai = parsedAi(withAi({ search: undefined, storage: undefined }));
      expect(ai.search).toEqual({ skuName: 'standard', replicaCount: 2, partitionCount: 1, sharedPrivateLinksEnabled: false });
      expect(ai.storage).toEqual({ replicationType: 'LRS', containerNames: ['documents'] });
    });

    test('search and storage defaults in production: 3 replicas, 1 partition, GZRS', () => {
      const ai = parsedAi(withAi({ search: undefined, storage: undefined }, { production: true }));
      expect(ai.search).toEqual({ skuName: 'standard', replicaCount: 3, partitionCount: 1, sharedPrivateLinksEnabled: false });
      expect(ai.storage).toEqual({ replicationType: 'GZRS', containerNames: ['documents'] });
    });

    test('keeps given search and storage settings', () => {
      const ai = parsedAi(withAi(
        { search: { skuName: 'standard2', replicaCount: 4, partitionCount: 6 }, storage: { replicationType: 'ZRS', containerNames: ['documents', 'images-2025'] } },
        { production: true },
      ));
      expect(ai.search).toMatchObject({ skuName: 'standard2', replicaCount: 4, partitionCount: 6 });
      expect(ai.storage).toEqual({ replicationType: 'ZRS', containerNames: ['documents', 'images-2025'] });
    });
  });

  describe('structure', () => {
    test('ai is required', () => {
      const input = validInput() as unknown as Obj;
      delete input.ai;
      expect(issuesOf(input)).toEqual([{ path: 'ai', message: 'is required' }]);
    });

    test('ai must be an object', () => {
      expect(issuesOf({ ...validInput(), ai: [] })).toEqual([issue('ai', /^must be an object, got a list$/)]);
    });

    test.each([
      ['ai', withAi({ models: [] }), 'ai.models', 'accounts, contentFilterThreshold, semanticCacheEnabled, search, storage'],
      ['an account', withPrimary({ kind: 'AIServices' }), 'ai.accounts[0].kind', 'name, location, deployments, allowedOutboundFqdns'],
      ['a deployment', withDeployments([{ ...GPT41, format: 'OpenAI' }, EMBEDDINGS]), `${P}[0].format`,
        'name, model, version, sku, capacity, peakTokensPerMinute, spilloverDeployment, versionUpgradeOption'],
      ['search', withAi({ search: { replicas: 3 } }), 'ai.search.replicas', 'skuName, replicaCount, partitionCount, sharedPrivateLinksEnabled'],
      ['storage', withAi({ storage: { containers: ['documents'] } }), 'ai.storage.containers', 'replicationType, containerNames'],
    ])('refuses an unknown key in %s', (_where, input, path, expected) => {
      expect(issuesOf(input)).toEqual([issue(path, new RegExp(`^is not a known field; expected one of: ${lit(expected)}$`))]);
    });

    test('accounts is required', () => {
      expect(issuesOf(withAi({ accounts: undefined }))).toEqual([{ path: 'ai.accounts', message: 'is required' }]);
    });

    test.each([
      [{ name: 'primary' }, /^must be a list, got an object$/],
      ['primary', /^must be a list, got 'primary'$/],
      [[], /^must list at least one model account$/],
    ])('accounts %j is refused', (accounts, message) => {
      expect(issuesOf(withAi({ accounts }))).toEqual([issue('ai.accounts', message)]);
    });

    test('an account must be an object', () => {
      expect(issuesOf(withAi({ accounts: ['primary'] }))).toEqual([issue('ai.accounts[0]', /^must be an object, got 'primary'$/)]);
    });

    test('an account needs deployments', () => {
      expect(issuesOf(withPrimary({ deployments: undefined }))).toEqual([issue('ai.accounts[0].deployments', /^is required \(a list\)$/)]);
      expect(issuesOf(withPrimary({ deployments: [] }))).toEqual([issue('ai.accounts[0].deployments', /^must list at least one deployment$/)]);
      // A value of the wrong type says so (it is there, just not a list).
      expect(issuesOf(withPrimary({ deployments: { gpt: GPT41 } }))).toEqual([issue('ai.accounts[0].deployments', /^must be a list of deployments, got an object$/)]);
    });

    test('a deployment must be an object', () => {
      expect(issuesOf(withDeployments([GPT41, 'gpt-4.1-mini', EMBEDDINGS]))).toEqual([issue(`${P}[1]`, /^must be an object, got 'gpt-4\.1-mini'$/)]);
    });

    test('reports every problem of the section at once', () => {
      const input = withAi({
        contentFilterThreshold: 'None',
        accounts: [
          { name: 'Primary', deployments: [{ ...GPT41, sku: 'Batch' }, EMBEDDINGS] },
          { name: 'failover', deployments: [MINI] },
        ],
        search: { partitionCount: 5 },
        storage: { replicationType: 'GRS' },
      });
      expect(issuesOf(input).map((i) => i.path)).toEqual([
        'ai.accounts[0].name',
        `${P}[0].sku`,
        'ai.contentFilterThreshold',
        'ai.search.partitionCount',
        'ai.storage.replicationType',
      ]);
    });

    test('an invalid primary account is not replaced by the failover in later checks', () => {
      // The failover has no embeddings deployment and sits in the environment's region; neither is
      // judged against it as if it were the primary.
      const input = withAi({ accounts: [{ name: 'Primary', deployments: [GPT41, EMBEDDINGS] }, { name: 'failover', location: 'germanywestcentral', deployments: [MINI] }] });
      expect(issuesOf(input)).toEqual([issue('ai.accounts[0].name', /must be 2-10 lowercase letters or digits/)]);
    });

    test('checks the failover region and the semantic cache once the primary is valid', () => {
      const input = withAi({ accounts: [{ name: 'primary', deployments: [GPT41] }, { name: 'failover', deployments: [GPT41, MINI, EMBEDDINGS] }] });
      expect(issuesOf(input)).toEqual([
        issue('ai.accounts[1].location', /^swedencentral is the primary account's region/),
        issue('ai.semanticCacheEnabled', /on the primary account 'primary'$/),
      ]);
    });
  });

  describe('accounts', () => {
    test.each(['Primary', 'p', 'primary-eu', '1primary', 'primaryacct', 'prim_ary', ''])('refuses the account name %j', (name) => {
      expect(issuesOf(withPrimary({ name }))).toEqual([
        issue('ai.accounts[0].name', new RegExp(`^'${lit(name)}' must be 2-10 lowercase letters or digits, starting with a letter$`)),
      ]);
    });

    test.each(['p1', 'primary', 'failover10'])('accepts the account name %j', (name) => {
      expect(parsedAi(withPrimary({ name })).accounts[0].name).toBe(name);
    });

    test('an account needs a name', () => {
      expect(issuesOf(withPrimary({ name: undefined }))).toEqual([{ path: 'ai.accounts[0].name', message: 'is required' }]);
    });

    test('refuses duplicate account names', () => {
      expect(issuesOf(withAi({ accounts: [devAi().accounts[0], { ...FAILOVER, name: 'primary' }] }))).toEqual([
        issue('ai.accounts[1].name', /^'primary' is used by another account$/),
      ]);
    });

    test('refuses a failover account in the primary\'s region, given or defaulted', () => {
      const expected = [issue('ai.accounts[1].location', /^swedencentral is the primary account's region; a failover account must be in another region$/)];
      expect(issuesOf(withAi({ accounts: [devAi().accounts[0], { ...FAILOVER, location: 'swedencentral' }] }))).toEqual(expected);
      expect(issuesOf(withAi({ accounts: [devAi().accounts[0], { ...FAILOVER, location: undefined }] }))).toEqual(expected);
    });

    test('refuses a failover account in the primary\'s explicitly given region', () => {
      const primary = { ...devAi().accounts[0], location: 'germanywestcentral' };
      expect(issuesOf(withAi({ accounts: [primary, FAILOVER] }))).toEqual([
        issue('ai.accounts[1].location', /^germanywestcentral is the primary account's region/),
      ]);
    });

    test('refuses an unknown region', () => {
      expect(issuesOf(withPrimary({ location: 'mars' }))).toEqual([
        issue('ai.accounts[0].location', new RegExp(`^'mars' is not an allowed region; allowed: ${lit(Object.keys(REGIONS).join(', '))}$`)),
      ]);
    });

    test('a location must be a string', () => {
      expect(issuesOf(withPrimary({ location: 7 }))).toEqual([issue('ai.accounts[0].location', /^must be a string, got number 7$/)]);
    });

    test.each(['*.blob.core.windows.net', 'Storage.blob.core.windows.net', 'https://x.blob.core.windows.net', 'localhost'])('refuses the outbound host %j', (fqdn) => {
      expect(issuesOf(withPrimary({ allowedOutboundFqdns: [fqdn] }))).toEqual([
        issue('ai.accounts[0].allowedOutboundFqdns[0]', /must be a lowercase host name$/),
      ]);
    });

    test('allowedOutboundFqdns must be a list', () => {
      expect(issuesOf(withPrimary({ allowedOutboundFqdns: 'x.blob.core.windows.net' }))).toEqual([
        issue('ai.accounts[0].allowedOutboundFqdns', /^must be a list/),
      ]);
    });
  });

  describe('deployments', () => {
    test.each(['a', '-gpt', '.gpt', 'gpt 4.1', 'gpt/4', 'x'.repeat(65)])('refuses the deployment name %j', (name) => {
      expect(issuesOf(withDeployments([{ ...GPT41, name }, EMBEDDINGS]))).toEqual([
        issue(`${P}[0].name`, /must be 2-64 letters, digits or \._-$/),
      ]);
    });

    test.each(['GPT-4.1', 'gpt_4.1', 'g', '-gpt', 'gpt 4'])('refuses the model %j', (model) => {
      expect(issuesOf(withDeployments([{ ...GPT41, model }, EMBEDDINGS]))).toEqual([
        issue(`${P}[0].model`, /must be a model name such as gpt-4\.1$/),
      ]);
    });

    test.each(['latest', '2025-4-14', '2025-04-14-preview', '12345', ''])('refuses the version %j', (version) => {
      expect(issuesOf(withDeployments([{ ...GPT41, version }, EMBEDDINGS]))).toEqual([
        issue(`${P}[0].version`, /must be a model version such as 2025-04-14$/),
      ]);
    });

    test.each(['name', 'model', 'version', 'sku'])('a deployment needs a %s', (key) => {
      expect(issuesOf(withDeployments([{ ...GPT41, [key]: undefined }, EMBEDDINGS]))).toEqual([{ path: `${P}[0].${key}`, message: 'is required' }]);
    });

    test.each(['Provisioned', 'globalstandard', 'GlobalBatch', 'PAYG'])('refuses the SKU %j', (sku) => {
      expect(issuesOf(withDeployments([{ ...GPT41, sku }, EMBEDDINGS]))).toEqual([
        issue(`${P}[0].sku`, new RegExp(`^'${sku}' is not one of: GlobalProvisionedManaged, DataZoneProvisionedManaged, ProvisionedManaged, GlobalStandard, DataZoneStandard, Standard$`)),
      ]);
    });

    test('refuses Data Zone SKUs in a region without a data zone', () => {
      const deployments = [{ ...PTU, capacity: 15, peakTokensPerMinute: undefined }, GPT41, EMBEDDINGS];
      expect(issuesOf(withDeployments(deployments, { location: 'australiaeast' }))).toEqual([
        issue(`${P}[0].sku`, /^DataZoneProvisionedManaged needs a region in a data zone \(EU or US\); australiaeast has none$/),
        issue(`${P}[1].sku`, /^DataZoneStandard needs a region in a data zone \(EU or US\); australiaeast has none$/),
      ]);
    });

    test('checks Data Zone SKUs against the account\'s own region', () => {
      const failover = { ...FAILOVER, location: 'uksouth' };
      expect(issuesOf(withAi({ accounts: [devAi().accounts[0], failover] }))).toEqual([
        issue('ai.accounts[1].deployments[0].sku', /^DataZoneStandard needs a region in a data zone \(EU or US\); uksouth has none$/),
        issue('ai.accounts[1].deployments[1].sku', /^DataZoneStandard needs a region in a data zone \(EU or US\); uksouth has none$/),
      ]);
      // Out of a data zone: Global Standard for gpt-4.1 (it has no regional Standard), Standard for the embeddings.
      const standard = failover.deployments.map((d) => ({ ...d, sku: d.model.startsWith('text-embedding') ? 'Standard' : 'GlobalStandard' }));
      expect(parsedAi(withAi({ accounts: [devAi().accounts[0], { ...failover, deployments: standard }] })).accounts[1].location).toBe('uksouth');
    });

    describe('model catalog (catalog/models.ts)', () => {
      const KNOWN = lit(MODEL_NAMES.join(', '));

      test('refuses an unknown model, naming the field and listing the known models', () => {
        expect(issuesOf(withDeployments([GPT41, { ...MINI, model: 'gpt-4.2-mini' }, EMBEDDINGS]))).toEqual([
          issue(`${P}[1].model`, new RegExp(`^'gpt-4\\.2-mini' is not in the model catalog \\(catalog/models\\.ts\\); known models: ${KNOWN}$`)),
        ]);
      });

      test('refuses an unknown version of a known model, listing its versions', () => {
        expect(issuesOf(withDeployments([GPT41, { ...MINI, version: '7' }, EMBEDDINGS]))).toEqual([
          issue(`${P}[1].version`, /^'7' is not a known version of gpt-4\.1-mini; known versions: 2025-04-14$/),
        ]);
        expect(issuesOf(withDeployments([{ ...GPT41, model: 'gpt-4o', version: '2024-05-13' }, EMBEDDINGS]))).toEqual([
          issue(`${P}[0].version`, /^'2024-05-13' is not a known version of gpt-4o; known versions: 2024-08-06, 2024-11-20$/),
        ]);
      });

      test.each([
        [GPT41, 'Standard', 'GlobalStandard, DataZoneStandard, GlobalProvisionedManaged, DataZoneProvisionedManaged, ProvisionedManaged'],
        [EMBEDDINGS, 'DataZoneStandard', 'GlobalStandard, Standard'],
      ])('refuses a SKU the model is not offered on: %o as %s', (deployment, sku, supported) => {
        expect(issuesOf(withDeployments([GPT41, { ...deployment, name: 'other', sku }, EMBEDDINGS]))).toEqual([
          issue(`${P}[1].sku`, new RegExp(`^${lit(`${deployment.model} ${deployment.version} is not offered as ${sku}; supported: ${supported}`)}$`)),
        ]);
      });

      test('reports every deployment at once, and an unknown model without PTU-sizing noise', () => {
        const deployments = [
          { ...PTU, model: 'constructor' }, { ...GPT41, version: '7' }, { ...MINI, model: 'gpt-4.2-mini', version: 'latest' }, { ...EMBEDDINGS, sku: 'GlobalProvisionedManaged', capacity: 15, spilloverDeployment: 'x' },
        ];
        const issues = issuesOf(withDeployments(deployments));
        expect(issues).toEqual(expect.arrayContaining([
          issue(`${P}[0].model`, /^'constructor' is not in the model catalog/),
          issue(`${P}[1].version`, /^'7' is not a known version of gpt-4\.1; known versions: 2025-04-14$/),
          issue(`${P}[2].model`, /^'gpt-4\.2-mini' is not in the model catalog/),
          issue(`${P}[2].version`, /must be a model version such as 2025-04-14$/),
          issue(`${P}[3].sku`, /^text-embedding-3-small 1 is not offered as GlobalProvisionedManaged; supported: GlobalStandard, Standard$/),
        ]));
        expect(issues.filter((i) => /no PTU sizing data/.test(i.message))).toEqual([]);
      });

      test('accepts a catalog model on a SKU it is offered on', () => {
        const deployments = [GPT41, { ...MINI, name: 'gpt-4o', ...GPT4O, sku: 'GlobalStandard' }, { ...EMBEDDINGS, model: 'text-embedding-3-large', sku: 'GlobalStandard' }];
        expect(parsedAi(withDeployments(deployments)).accounts[0].deployments.map((d) => [d.model, d.version, d.sku])).toEqual([
          ['gpt-4.1', '2025-04-14', 'DataZoneStandard'], ['gpt-4o', '2024-11-20', 'GlobalStandard'], ['text-embedding-3-large', '1', 'GlobalStandard'],
        ]);
      });

      test('the catalog: every version has SKUs and dates in order; every model with PTU data is in it', () => {
        for (const [model, facts] of Object.entries(MODELS)) {
          for (const v of facts.versions) {
            expect(v.skus.length).toBeGreaterThan(0);
            for (const sku of v.skus) expect(modelProblems(model, v.version, sku)).toEqual([]);
            if (v.deprecation && v.retirement) expect(v.deprecation < v.retirement).toBe(true);
          }
        }
        for (const model of Object.keys(PTU_MODELS)) expect(MODEL_NAMES).toContain(model);
        expect(modelProblems('constructor')).toEqual([{ field: 'model', message: expect.stringMatching(/not in the model catalog/) }]);
      });
    });

    test('refuses an unknown version upgrade option', () => {
      expect(issuesOf(withDeployments([{ ...GPT41, versionUpgradeOption: 'Always' }, EMBEDDINGS]))).toEqual([
        issue(`${P}[0].versionUpgradeOption`, /^'Always' is not one of: OnceNewDefaultVersionAvailable, OnceCurrentVersionExpired, NoAutoUpgrade$/),
      ]);
    });

    test.each([
      [0, /^must be between 1 and 100000, got 0$/],
      [100_001, /^must be between 1 and 100000, got 100001$/],
      [1.5, /^must be a whole number, got 1\.5$/],
      ['50', /^must be a number, got '50'$/],
    ])('refuses the capacity %j', (capacity, message) => {
      expect(issuesOf(withDeployments([{ ...GPT41, capacity }, EMBEDDINGS]))).toEqual([issue(`${P}[0].capacity`, message)]);
    });

    test.each([
      [0, /^must be between 1 and 1000000000, got 0$/],
      [1000.5, /^must be a whole number, got 1000\.5$/],
    ])('refuses the peak %j', (peakTokensPerMinute, message) => {
      expect(issuesOf(withDeployments([{ ...PTU, peakTokensPerMinute }, GPT41, EMBEDDINGS]))).toEqual([issue(`${P}[0].peakTokensPerMinute`, message)]);
    });

    test('refuses duplicate deployment names', () => {
      expect(issuesOf(withDeployments([GPT41, { ...MINI, name: 'gpt-4.1' }, EMBEDDINGS]))).toEqual([
        issue(`${P}[1].name`, /^'gpt-4\.1' is already a deployment of this account$/),
      ]);
    });

    test('the same deployment name on two accounts is fine', () => {
      expect(parsedAi(withAi({ accounts: [devAi().accounts[0], FAILOVER] })).accounts.map((a) => a.deployments[0].name)).toEqual(['gpt-4.1', 'gpt-4.1']);
    });

    describe('failover coverage (the gateway pools each deployment across the accounts that have it)', () => {
      test('refuses a failover account without every deployment of the primary, naming them all', () => {
        expect(issuesOf(withAi({ accounts: [devAi().accounts[0], { ...FAILOVER, deployments: [MINI] }] }))).toEqual([
          issue('ai.accounts[1].deployments', /^lacks 'gpt-4\.1', 'text-embedding-3-small' of the primary account 'primary'; a failover account serves every deployment of the primary under the same name .*else failed-over requests get 404$/),
        ]);
      });

      test('refuses a same-named deployment of another model or version', () => {
        const other = [{ ...GPT41, model: 'gpt-4o', version: '2024-11-20' }, MINI, EMBEDDINGS];
        expect(issuesOf(withAi({ accounts: [devAi().accounts[0], { ...FAILOVER, deployments: other }] }))).toEqual([
          issue('ai.accounts[1].deployments', /^'gpt-4\.1' serves gpt-4o 2024-11-20 here but gpt-4\.1 2025-04-14 on the primary account; failover needs the same model and version$/),
        ]);
      });

      test('a provisioned deployment of the primary is served pay-as-you-go on the failover account', () => {
        const primary = { name: 'primary', deployments: [PTU, GPT41, EMBEDDINGS] };
        const failover = { ...FAILOVER, deployments: [{ ...GPT41, name: 'gpt-4.1-ptu' }, GPT41, EMBEDDINGS] };
        expect(parsedAi(withAi({ accounts: [primary, failover] })).accounts[1].deployments.map((d) => [d.name, d.sku])).toEqual([
          ['gpt-4.1-ptu', 'DataZoneStandard'], ['gpt-4.1', 'DataZoneStandard'], ['text-embedding-3-small', 'Standard'],
        ]);
      });
    });

    describe('provisioned', () => {
      test('refuses both capacity and peakTokensPerMinute', () => {
        expect(issuesOf(withDeployments([{ ...PTU, capacity: 160 }, GPT41, EMBEDDINGS]))).toEqual([
          issue(`${P}[0]`, /^give capacity or peakTokensPerMinute, not both$/),
        ]);
      });

      test('needs capacity or peakTokensPerMinute', () => {
        expect(issuesOf(withDeployments([{ ...PTU, peakTokensPerMinute: undefined }, GPT41, EMBEDDINGS]))).toEqual([
          issue(`${P}[0]`, /^a DataZoneProvisionedManaged deployment needs capacity \(PTUs\) or peakTokensPerMinute$/),
        ]);
      });

      test('cannot size a catalog model without PTU data from a peak', () => {
        const model = 'o4-mini';
        const deployments = [{ ...PTU, model, version: '2025-04-16' }, { ...GPT41, model, version: '2025-04-16' }, EMBEDDINGS];
        expect(issuesOf(withDeployments(deployments))).toEqual([
          issue(`${P}[0].model`, new RegExp(`^'${model}' has no PTU sizing data \\(known: ${lit(Object.keys(PTU_MODELS).join(', '))}\\); give capacity in PTUs instead of peakTokensPerMinute$`)),
        ]);
      });

      test('refuses a capacity below the minimum', () => {
        expect(issuesOf(withDeployments([{ ...PTU, peakTokensPerMinute: undefined, capacity: 10 }, GPT41, EMBEDDINGS]))).toEqual([
          issue(`${P}[0].capacity`, /^10 PTUs is below the DataZoneProvisionedManaged minimum of 15 for gpt-4\.1$/),
        ]);
      });

      test('refuses a capacity off the increment', () => {
        expect(issuesOf(withDeployments([{ ...PTU, peakTokensPerMinute: undefined, capacity: 17 }, GPT41, EMBEDDINGS]))).toEqual([
          issue(`${P}[0].capacity`, /^17 PTUs is not a multiple of the DataZoneProvisionedManaged increment of 5 for gpt-4\.1$/),
        ]);
      });

      test('refuses a regional capacity below the minimum and off the increment', () => {
        const deployments = [{ ...PTU, ...GPT4O, sku: 'ProvisionedManaged', peakTokensPerMinute: undefined, capacity: 30 }, { ...GPT41, ...GPT4O, sku: 'Standard' }, EMBEDDINGS];
        expect(issuesOf(withDeployments(deployments))).toEqual([
          issue(`${P}[0].capacity`, /^30 PTUs is below the ProvisionedManaged minimum of 50 for gpt-4o$/),
          issue(`${P}[0].capacity`, /^30 PTUs is not a multiple of the ProvisionedManaged increment of 50 for gpt-4o$/),
        ]);
      });

      test('needs a spillover deployment', () => {
        expect(issuesOf(withDeployments([{ ...PTU, spilloverDeployment: undefined }, GPT41, EMBEDDINGS]))).toEqual([
          issue(`${P}[0].spilloverDeployment`, /^is required for DataZoneProvisionedManaged: name the DataZoneStandard deployment of the same model that takes the overflow$/),
        ]);
      });

      test('refuses a spillover to a deployment the account does not have', () => {
        expect(issuesOf(withDeployments([{ ...PTU, spilloverDeployment: 'gpt-4.1-payg' }, GPT41, EMBEDDINGS]))).toEqual([
          issue(`${P}[0].spilloverDeployment`, /^'gpt-4\.1-payg' is not a deployment of this account; spillover stays within one account$/),
        ]);
      });

      test('refuses a spillover to a deployment of another account', () => {
        const primary = { name: 'primary', deployments: [PTU, MINI, EMBEDDINGS] };
        const failover = { ...FAILOVER, deployments: [{ ...GPT41, name: 'gpt-4.1-ptu' }, GPT41, MINI, EMBEDDINGS] };
        expect(issuesOf(withAi({ accounts: [primary, failover] }))).toEqual([
          issue(`${P}[0].spilloverDeployment`, /^'gpt-4\.1' is not a deployment of this account; spillover stays within one account$/),
        ]);
      });

      test('refuses a spillover to another data-processing level', () => {
        expect(issuesOf(withDeployments([PTU, { ...GPT41, sku: 'GlobalStandard' }, EMBEDDINGS]))).toEqual([
          issue(`${P}[0].spilloverDeployment`, /^'gpt-4\.1' is GlobalStandard; spillover from DataZoneProvisionedManaged needs DataZoneStandard \(the same data-processing level\)$/),
        ]);
      });

      test('refuses a spillover to another provisioned deployment', () => {
        const other = { ...PTU, name: 'gpt-4.1-ptu-2' };
        expect(issuesOf(withDeployments([{ ...PTU, spilloverDeployment: 'gpt-4.1-ptu-2' }, other, GPT41, EMBEDDINGS]))).toEqual([
          issue(`${P}[0].spilloverDeployment`, /^'gpt-4\.1-ptu-2' is DataZoneProvisionedManaged; spillover from DataZoneProvisionedManaged needs DataZoneStandard/),
        ]);
      });

      test('refuses a spillover to another model', () => {
        expect(issuesOf(withDeployments([{ ...PTU, spilloverDeployment: 'gpt-4.1-mini' }, GPT41, MINI, EMBEDDINGS]))).toEqual([
          issue(`${P}[0].spilloverDeployment`, /^'gpt-4\.1-mini' serves gpt-4\.1-mini 2025-04-14; spillover needs the same model and version \(gpt-4\.1 2025-04-14\)$/),
        ]);
      });

      test('refuses a spillover to another version of the model', () => {
        expect(issuesOf(withDeployments([{ ...PTU, ...GPT4O }, { ...GPT41, model: 'gpt-4o', version: '2024-08-06' }, EMBEDDINGS]))).toEqual([
          issue(`${P}[0].spilloverDeployment`, /^'gpt-4\.1' serves gpt-4o 2024-08-06; spillover needs the same model and version \(gpt-4o 2024-11-20\)$/),
        ]);
      });

      test('names the right deployment when an earlier one is invalid', () => {
        const deployments = [{ ...MINI, model: 'GPT-4.1-MINI' }, { ...PTU, spilloverDeployment: 'gpt-4.1-payg' }, GPT41, EMBEDDINGS];
        expect(issuesOf(withDeployments(deployments))).toEqual([
          issue(`${P}[0].model`, /must be a model name such as gpt-4\.1$/),
          issue(`${P}[1].spilloverDeployment`, /^'gpt-4\.1-payg' is not a deployment of this account/),
        ]);
      });

      test.each([
        ['GlobalProvisionedManaged', 'GlobalStandard', 'swedencentral', {}],
        ['DataZoneProvisionedManaged', 'DataZoneStandard', 'swedencentral', {}],
        // gpt-4.1 has no regional Standard to spill over to; gpt-4o has.
        ['ProvisionedManaged', 'Standard', 'australiaeast', GPT4O],
      ])('%s spills over to %s', (sku, spillover, location, model) => {
        const deployments = [{ ...PTU, ...model, sku }, { ...GPT41, ...model, sku: spillover }, EMBEDDINGS];
        expect(parsedAi(withDeployments(deployments, { location })).accounts[0].deployments[0]).toMatchObject({ sku, spilloverDeployment: 'gpt-4.1' });
      });
    });

    describe('pay-as-you-go', () => {
      test('refuses peakTokensPerMinute', () => {
        expect(issuesOf(withDeployments([{ ...GPT41, peakTokensPerMinute: 100_000 }, EMBEDDINGS]))).toEqual([
          issue(`${P}[0].peakTokensPerMinute`, /^only provisioned deployments are sized from peak; give DataZoneStandard a capacity in thousands of tokens per minute$/),
        ]);
      });

      test('refuses a spillover deployment, and only says so once', () => {
        expect(issuesOf(withDeployments([{ ...MINI, spilloverDeployment: 'gpt-4.1' }, GPT41, EMBEDDINGS]))).toEqual([
          issue(`${P}[0].spilloverDeployment`, /^only provisioned deployments spill over; DataZoneStandard is already pay-as-you-go$/),
        ]);
        expect(issuesOf(withDeployments([{ ...MINI, spilloverDeployment: 'missing' }, GPT41, EMBEDDINGS]))).toEqual([
          issue(`${P}[0].spilloverDeployment`, /^only provisioned deployments spill over; DataZoneStandard is already pay-as-you-go$/),
        ]);
      });

      test('needs a capacity', () => {
        expect(issuesOf(withDeployments([GPT41, { ...EMBEDDINGS, capacity: undefined }]))).toEqual([
          issue(`${P}[1].capacity`, /^is required: thousands of tokens per minute for Standard$/),
        ]);
      });
    });
  });

  describe('semantic cache', () => {
    test('needs an embeddings deployment on the primary account', () => {
      expect(issuesOf(withDeployments([GPT41, MINI]))).toEqual([
        issue('ai.semanticCacheEnabled', /^the semantic cache needs an embeddings deployment \(e\.g\. text-embedding-3-small\) on the primary account 'primary'$/),
      ]);
    });

    test('an embeddings deployment on a failover account does not count', () => {
      const primary = { name: 'primary', deployments: [GPT41] };
      expect(issuesOf(withAi({ accounts: [primary, { ...FAILOVER, deployments: [GPT41, EMBEDDINGS] }] }))).toEqual([
        issue('ai.semanticCacheEnabled', /on the primary account 'primary'$/),
      ]);
    });

    test('no embeddings deployment is needed with the cache off', () => {
      expect(parsedAi(withAi({ semanticCacheEnabled: false, accounts: [{ name: 'primary', deployments: [GPT41] }] })).semanticCacheEnabled).toBe(false);
    });

    test('semanticCacheEnabled must be a boolean', () => {
      expect(issuesOf(withAi({ semanticCacheEnabled: 'yes' }))).toEqual([issue('ai.semanticCacheEnabled', /^must be true or false, got 'yes'$/)]);
    });
  });

  describe('content filter', () => {
    test.each(['High', 'low', 'Off'])('refuses the threshold %j', (contentFilterThreshold) => {
      expect(issuesOf(withAi({ contentFilterThreshold }))).toEqual([
        issue('ai.contentFilterThreshold', new RegExp(`^'${contentFilterThreshold}' is not one of: Low, Medium$`)),
      ]);
    });
  });

  describe('search', () => {
    test('refuses an unknown SKU', () => {
      expect(issuesOf(withAi({ search: { skuName: 'free' } }))).toEqual([
        issue('ai.search.skuName', /^'free' is not one of: basic, standard, standard2, standard3$/),
      ]);
    });

    test.each([
      [1, /^must be between 2 and 12, got 1$/],
      [13, /^must be between 2 and 12, got 13$/],
      [2.5, /^must be a whole number, got 2\.5$/],
    ])('refuses %j replicas', (replicaCount, message) => {
      expect(issuesOf(withAi({ search: { skuName: 'standard', replicaCount } }))).toEqual([issue('ai.search.replicaCount', message)]);
    });

    test.each([5, 7, 8, 9, 10, 11])('refuses %d partitions', (partitionCount) => {
      expect(issuesOf(withAi({ search: { skuName: 'standard', partitionCount } }))).toEqual([
        issue('ai.search.partitionCount', new RegExp(`^must be one of 1, 2, 3, 4, 6, 12, got ${partitionCount}$`)),
      ]);
    });

    test.each([0, 13])('refuses %d partitions (out of range)', (partitionCount) => {
      expect(issuesOf(withAi({ search: { skuName: 'standard', partitionCount } }))).toEqual([
        issue('ai.search.partitionCount', new RegExp(`^must be between 1 and 12, got ${partitionCount}$`)),
      ]);
    });

    test.each([1, 2, 3, 4, 6, 12])('accepts %d partitions', (partitionCount) => {
      expect(parsedAi(withAi({ search: { skuName: 'standard', partitionCount } })).search.partitionCount).toBe(partitionCount);
    });

    test('production refuses 2 replicas', () => {
      expect(issuesOf(withAi({ search: { replicaCount: 2 } }, { production: true }))).toEqual([
        issue('ai.search.replicaCount', /^2 is too few for production; at least 3 replicas give the read-write SLA$/),
      ]);
    });

    test('outside production 2 replicas are fine', () => {
      expect(parsedAi(withAi({ search: { replicaCount: 2 } })).search.replicaCount).toBe(2);
    });

    test('basic allows at most 3 replicas and 1 partition', () => {
      expect(issuesOf(withAi({ search: { skuName: 'basic', replicaCount: 4 } }))).toEqual([
        issue('ai.search.skuName', /^basic allows at most 3 replicas and 1 partition \(got 4 and 1\)$/),
      ]);
    });
  });

  describe('storage', () => {
    test.each(['GRS', 'RAGRS', 'zrs'])('refuses the replication type %j', (replicationType) => {
      expect(issuesOf(withAi({ storage: { replicationType } }))).toEqual([
        issue('ai.storage.replicationType', new RegExp(`^'${replicationType}' is not one of: LRS, ZRS, GZRS, RAGZRS$`)),
      ]);
    });

    test('production refuses LRS', () => {
      expect(issuesOf(withAi({ storage: { replicationType: 'LRS' } }, { production: true }))).toEqual([
        issue('ai.storage.replicationType', /^LRS keeps one datacenter's copy; production needs ZRS, GZRS or RAGZRS$/),
      ]);
    });

    test.each(['ZRS', 'GZRS', 'RAGZRS'])('production accepts %s', (replicationType) => {
      expect(parsedAi(withAi({ storage: { replicationType } }, { production: true })).storage.replicationType).toBe(replicationType);
    });

    test.each(['Documents', 'ab', 'a--b', '-docs', 'docs-', 'doc_s', 'x'.repeat(64)])('refuses the container name %j', (name) => {
      expect(issuesOf(withAi({ storage: { containerNames: ['documents', name] } }))).toEqual([
        issue('ai.storage.containerNames[1]', /must be 3-63 lowercase letters, digits and single hyphens$/),
      ]);
    });

    test('needs at least one container and no duplicates', () => {
      expect(issuesOf(withAi({ storage: { containerNames: [] } }))).toEqual([issue('ai.storage.containerNames', /^must list at least 1 item$/)]);
      expect(issuesOf(withAi({ storage: { containerNames: ['documents', 'documents'] } }))).toEqual([
        issue('ai.storage.containerNames[1]', /^'documents' is listed twice$/),
      ]);
    });
  });
});

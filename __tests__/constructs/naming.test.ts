import { NAME_RULES, Naming, REGIONS, ResourceKind, isKnownRegion, nameProblems } from '../../constructs/naming';
import { ENVIRONMENTS } from '../../environments';
import { testNaming } from '../helpers';

const ALL_KINDS = Object.keys(NAME_RULES) as ResourceKind[];
const naming = (props: Partial<ConstructorParameters<typeof Naming>[0]> = {}): Naming =>
  new Naming({ workload: 'genai', environment: 'test', location: 'swedencentral', ...props });

describe('Naming', () => {
  test('follows the CAF pattern <abbr>-<workload>-<env>-<region> for regional names', () => {
    expect(testNaming().name('virtualNetwork')).toBe('vnet-genai-test-sdc');
    expect(testNaming().name('resourceGroup')).toBe('rg-genai-test-sdc');
    expect(testNaming().name('logAnalyticsWorkspace')).toBe('log-genai-test-sdc');
  });

  test('appends the qualifier after the region', () => {
    expect(testNaming().name('subnet', 'apim')).toBe('snet-genai-test-sdc-apim');
    expect(testNaming().name('privateEndpoint', 'kv')).toBe('pe-genai-test-sdc-kv');
  });

  test('uses the short code of the region', () => {
    expect(testNaming().regionCode).toBe('sdc');
    expect(naming({ location: 'eastus2' }).name('virtualNetwork')).toBe('vnet-genai-test-eus2');
  });

  test('appends the suffix to globally unique kinds only, after the qualifier', () => {
    const n = naming({ uniqueSuffix: 'zz99' });
    for (const kind of ALL_KINDS) {
      const composed = n.compose(kind, 'q');
      if (NAME_RULES[kind].globallyUnique) {
        expect(composed.endsWith('qzz99') || composed.endsWith('q-zz99')).toBe(true);
      } else {
        expect(composed).not.toContain('zz99');
        expect(composed.endsWith('q')).toBe(true);
      }
    }
    expect(n.name('keyVault')).toBe('kv-genai-test-sdc-zz99');
    expect(n.name('aiServices', 'primary')).toBe('ais-genai-test-sdc-primary-zz99');
  });

  test('concatenates storage account and container registry names in lowercase without hyphens', () => {
    const n = naming({ uniqueSuffix: 'ab12' });
    expect(n.name('storageAccount')).toBe('stgenaitestsdcab12');
    expect(n.name('containerRegistry')).toBe('crgenaitestsdcab12');
    expect(n.name('storageAccount', 'docs')).toBe('stgenaitestsdcdocsab12');
  });

  test('concatenates a hyphenated name that would exceed the kind maximum', () => {
    const n = naming({ environment: 'staging' });
    const name = n.name('keyVault');
    expect(`kv-genai-staging-sdc-${n.uniqueSuffix}`.length).toBeGreaterThan(NAME_RULES.keyVault.maxLength);
    expect(name).toBe(`kvgenaistagingsdc${n.uniqueSuffix}`);
    expect(name).not.toContain('-');
    expect(name.length).toBeLessThanOrEqual(24);
  });

  test('keeps hyphens for a name that exactly fits the maximum', () => {
    // ca-genai-test-sdc- is 18 characters: a 14-character qualifier makes 32, the containerApp maximum.
    expect(testNaming().name('containerApp', 'orchestrator01')).toBe('ca-genai-test-sdc-orchestrator01');
    expect(testNaming().name('containerApp', 'orchestrator012')).toBe('cagenaitestsdcorchestrator012');
  });

  test('suffix is four base-36 characters', () => {
    for (let i = 0; i < 200; i++) {
      expect(Naming.hashSuffix(`input-${i}`)).toMatch(/^[0-9a-z]{4}$/);
    }
    expect(testNaming().uniqueSuffix).toMatch(/^[0-9a-z]{4}$/);
  });

  test('suffixes spread over the whole four-character space', () => {
    const suffixes = Array.from({ length: 200 }, (_, i) => Naming.hashSuffix(`input-${i}`));
    expect(new Set(suffixes).size).toBeGreaterThan(195);
    // Leading characters vary too: the hash is not squeezed into fewer than four digits.
    expect(new Set(suffixes.map((s) => s[0])).size).toBeGreaterThan(20);
  });

  test('suffix is deterministic: same inputs give the same suffix', () => {
    expect(testNaming().uniqueSuffix).toBe(testNaming().uniqueSuffix);
    expect(naming({ seed: 'sub-1' }).uniqueSuffix).toBe(naming({ seed: 'sub-1' }).uniqueSuffix);
    expect(testNaming().uniqueSuffix).toBe(Naming.hashSuffix('genai|test|swedencentral|'));
  });

  test('suffix changes with the seed, the environment and the region', () => {
    const base = testNaming().uniqueSuffix;
    expect(naming({ seed: 'sub-1' }).uniqueSuffix).not.toBe(base);
    expect(naming({ seed: 'sub-1' }).uniqueSuffix).not.toBe(naming({ seed: 'sub-2' }).uniqueSuffix);
    expect(naming({ environment: 'prod' }).uniqueSuffix).not.toBe(base);
    expect(naming({ location: 'westeurope' }).uniqueSuffix).not.toBe(base);
  });

  test('an explicit uniqueSuffix wins over the hash, whatever the seed', () => {
    const n = naming({ uniqueSuffix: 'x7k2', seed: 'sub-1' });
    expect(n.uniqueSuffix).toBe('x7k2');
    expect(n.name('keyVault')).toBe('kv-genai-test-sdc-x7k2');
  });

  test('name() throws a clear message for an illegal name; compose() returns it', () => {
    const n = naming({ workload: 'genaiplatformx', uniqueSuffix: 'ab12' });
    const composed = n.compose('storageAccount');
    expect(composed).toBe('stgenaiplatformxtestsdcab12');
    expect(composed.length).toBe(27);
    expect(() => n.name('storageAccount'))
      .toThrow(/Illegal generated name: storageAccount name 'stgenaiplatformxtestsdcab12' is 27 characters; allowed 3-24/);
  });

  test('name() throws for an illegal character in a concatenated kind', () => {
    const n = naming({ workload: 'GenAI', uniqueSuffix: 'ab12' });
    expect(() => n.name('storageAccount')).toThrow(/storageAccount name 'stGenAItestsdcab12' must use lowercase letters and digits/);
  });

  test('allProblems is empty for every shipped environment', () => {
    expect(ENVIRONMENTS.length).toBeGreaterThan(0);
    for (const env of ENVIRONMENTS) {
      const n = new Naming({
        workload: env.workload, environment: env.name, location: env.location,
        uniqueSuffix: env.naming?.uniqueSuffix, seed: env.naming?.seed,
      });
      expect({ environment: env.name, problems: n.allProblems() }).toEqual({ environment: env.name, problems: [] });
    }
  });

  test('allProblems is empty for the test naming', () => {
    expect(testNaming().allProblems()).toEqual([]);
  });

  test('allProblems reports every kind that a long workload breaks', () => {
    const problems = naming({ workload: 'genaiplatformx' }).allProblems();
    expect(problems.some((p) => p.startsWith('storageAccount name '))).toBe(true);
    expect(problems.some((p) => p.startsWith('virtualNetwork name '))).toBe(false);
  });
});

describe('nameProblems', () => {
  test('accepts a legal name', () => {
    expect(nameProblems('keyVault', 'kv-genai-test-sdc-ab12')).toEqual([]);
    expect(nameProblems('storageAccount', 'stgenaitestsdcab12')).toEqual([]);
  });

  test('reports a length problem alone, with the kind and the limits', () => {
    expect(nameProblems('keyVault', 'kv')).toEqual(["keyVault name 'kv' is 2 characters; allowed 3-24"]);
    expect(nameProblems('storageAccount', 'a'.repeat(25))).toEqual([`storageAccount name '${'a'.repeat(25)}' is 25 characters; allowed 3-24`]);
  });

  test('reports a charset problem alone, with the kind and the allowed characters', () => {
    expect(nameProblems('storageAccount', 'st-genai')).toEqual(["storageAccount name 'st-genai' must use lowercase letters and digits"]);
    expect(nameProblems('keyVault', 'kv--genai')).toEqual([
      "keyVault name 'kv--genai' must use lowercase letters, digits and single hyphens, starting with a letter",
    ]);
  });

  test('reports length and charset problems separately', () => {
    const name = `ST-${'A'.repeat(30)}`;
    const problems = nameProblems('storageAccount', name);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toBe(`storageAccount name '${name}' is 33 characters; allowed 3-24`);
    expect(problems[1]).toBe(`storageAccount name '${name}' must use lowercase letters and digits`);
  });

  test('refuses a Key Vault name starting with a digit or ending with a hyphen', () => {
    expect(nameProblems('keyVault', '1kv-genai')).toHaveLength(1);
    expect(nameProblems('keyVault', 'kv-genai-')).toHaveLength(1);
  });

  test('every rule accepts its own abbreviation as a name prefix', () => {
    for (const kind of ALL_KINDS) {
      expect(NAME_RULES[kind].pattern.test(`${NAME_RULES[kind].abbreviation}genai`)).toBe(true);
    }
  });
});

describe('REGIONS', () => {
  test('every region has a unique short code', () => {
    const codes = Object.values(REGIONS).map((r) => r.shortCode);
    expect(codes.length).toBeGreaterThan(0);
    expect(new Set(codes).size).toBe(codes.length);
  });

  test('short codes are lowercase letters and digits, usable in every name kind', () => {
    for (const { shortCode } of Object.values(REGIONS)) {
      expect(shortCode).toMatch(/^[a-z][a-z0-9]{1,4}$/);
    }
  });

  test('EU data zone regions include Sweden Central and West Europe', () => {
    expect(REGIONS.swedencentral.dataZone).toBe('EU');
    expect(REGIONS.westeurope.dataZone).toBe('EU');
    expect(REGIONS.eastus.dataZone).toBe('US');
    expect(REGIONS.japaneast.dataZone).toBeUndefined();
  });

  test('isKnownRegion accepts listed regions only', () => {
    expect(isKnownRegion('swedencentral')).toBe(true);
    expect(isKnownRegion('eastus2')).toBe(true);
    expect(isKnownRegion('SwedenCentral')).toBe(false);
    expect(isKnownRegion('mars')).toBe(false);
    expect(isKnownRegion('')).toBe(false);
    // Inherited object properties are not regions.
    expect(isKnownRegion('toString')).toBe(false);
    expect(isKnownRegion('constructor')).toBe(false);
  });
});

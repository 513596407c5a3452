import * as fs from 'fs';
import * as path from 'path';
import { ENVIRONMENTS } from '../../environments';
import { Cidr, overlaps, parseCidr } from '../../environments/cidr';
import { parseEnvironments } from '../../environments/schema';
import {
  BENCH_VNET_PREFIX, MAX_BENCH_ENVIRONMENTS, benchAddressSpace, benchEnvironmentName, generateEnvironments, relocate,
} from '../../tools/bench/environments';
import { TEMPLATE_ENVIRONMENT, copyAddressSpace, copyEnvironmentName, copyText } from '../../tools/bench/plan-copy';
import { descendants, parseStatus } from '../../tools/bench/process';
import { CpuProfile, moduleOf, summarizeProfile } from '../../tools/bench/profile';
import {
  BUDGETS, BenchResults, RESULTS_SCHEMA_VERSION, ReviewSize, evaluateBudgets, median, perAdditionalEnvironment, resultsProblems, reviewLinearity,
} from '../../tools/bench/results';

function cidr(text: string): Cidr {
  const parsed = parseCidr(text);
  if (typeof parsed === 'string') throw new Error(parsed);
  return parsed;
}

describe('bench environments', () => {
  const generated = generateEnvironments(50);

  test('have distinct names of 2-8 lowercase letters and digits, starting with a letter', () => {
    const names = generated.map((e) => e.name);
    expect(new Set(names).size).toBe(50);
    for (const name of names) expect(name).toMatch(/^[a-z][a-z0-9]{1,7}$/);
    expect(names.slice(0, 3)).toEqual(['b01', 'b02', 'b03']);
    expect(names[49]).toBe('b50');
  });

  test('have /21 VNets that parse and do not overlap each other or the shipped environments', () => {
    const vnets = generated.map((e) => cidr(e.network.addressSpace));
    for (const v of vnets) expect(v.prefix).toBe(BENCH_VNET_PREFIX);
    const shipped = ENVIRONMENTS.map((e) => cidr(e.network.addressSpace));
    vnets.forEach((a, i) => {
      for (const b of vnets.slice(i + 1)) expect(overlaps(a, b)).toBe(false);
      for (const s of shipped) expect(overlaps(a, s)).toBe(false);
    });
  });

  test('validate together with parseEnvironments (names legal in every derived Azure name)', () => {
    expect(parseEnvironments(generated).map((c) => c.name)).toEqual(generated.map((e) => e.name));
  });

  test('cycle through the shipped configs, keeping everything but the name and addresses', () => {
    generated.slice(0, 6).forEach((env, i) => {
      const template = ENVIRONMENTS[i % ENVIRONMENTS.length];
      expect({ ...env, name: template.name, network: template.network }).toEqual(template);
    });
  });

  test('move explicit subnets along with their VNet', () => {
    const prodIndex = ENVIRONMENTS.findIndex((e) => e.network.subnets !== undefined);
    const copy = generated[prodIndex];
    const vnet = cidr(copy.network.addressSpace);
    const subnets = Object.values(copy.network.subnets ?? {}).map((s) => cidr(s as string));
    expect(subnets).toHaveLength(Object.keys(ENVIRONMENTS[prodIndex].network.subnets ?? {}).length);
    for (const s of subnets) expect(s.base >= vnet.base && s.base + s.size <= vnet.base + vnet.size).toBe(true);
  });

  test('relocate renames, keeps subnet offsets and refuses subnets that do not fit', () => {
    const template = ENVIRONMENTS[0];
    const withSubnets = (addressSpace: string, apim: string) => ({
      ...template, network: { ...template.network, addressSpace, subnets: { privateEndpoints: '10.42.0.0/24', apim, apps: '10.42.2.0/23' } },
    });
    expect(relocate(withSubnets('10.42.0.0/21', '10.42.1.0/26'), 'x1', '10.128.8.0/21')).toEqual({
      ...template, name: 'x1', network: { ...template.network, addressSpace: '10.128.8.0/21', subnets: { privateEndpoints: '10.128.8.0/24', apim: '10.128.9.0/26', apps: '10.128.10.0/23' } },
    });
    expect(relocate(template, 'x2', '10.1.0.0/22')).toEqual({ ...template, name: 'x2', network: { ...template.network, addressSpace: '10.1.0.0/22' } });
    expect(() => relocate(withSubnets('10.42.0.0/21', '10.42.6.0/23'), 'x3', '10.1.0.0/22')).toThrow(/10\.42\.6\.0\/23 does not fit into 10\.1\.0\.0\/22/);
    expect(() => relocate(withSubnets('10.42.0.0/21', '10.42.1.0'), 'x4', '10.1.0.0/22')).toThrow(/not an IPv4 CIDR/);
  });

  test('reject counts and indexes out of range', () => {
    expect(() => generateEnvironments(0)).toThrow(RangeError);
    expect(() => generateEnvironments(1.5)).toThrow(RangeError);
    expect(() => generateEnvironments(MAX_BENCH_ENVIRONMENTS + 1)).toThrow(RangeError);
    expect(() => generateEnvironments(1, [])).toThrow(/template/);
    expect(() => benchAddressSpace(MAX_BENCH_ENVIRONMENTS)).toThrow(RangeError);
    expect(() => benchEnvironmentName(-1)).toThrow(RangeError);
    expect(benchAddressSpace(1)).toBe('10.128.8.0/21');
  });
});

describe('bench plan copies', () => {
  const addresses = new Set(['azurerm_key_vault.kv_ABC', 'azurerm_subnet.pe_1', 'azapi_resource.pool_2']);

  test('rename references to template addresses, and nothing else', () => {
    const text = JSON.stringify({
      key_vault_id: '${azurerm_key_vault.kv_ABC.id}',
      both: '${azurerm_subnet.pe_1.id}/${lower(azapi_resource.pool_2.name)}',
      depends_on: ['azurerm_key_vault.kv_ABC'],
      other: '${azurerm_key_vault.kv_ABCD.id} contoso.com',
    });
    expect(JSON.parse(copyText(text, 7, addresses))).toEqual({
      key_vault_id: '${azurerm_key_vault.kv_ABC_c7.id}',
      both: '${azurerm_subnet.pe_1_c7.id}/${lower(azapi_resource.pool_2_c7.name)}',
      depends_on: ['azurerm_key_vault.kv_ABC_c7'],
      other: '${azurerm_key_vault.kv_ABCD.id} contoso.com',
    });
  });

  test('give each copy its own environment name of the same length, and move its addresses', () => {
    expect(copyEnvironmentName(12)).toHaveLength(TEMPLATE_ENVIRONMENT.length);
    const text = JSON.stringify({ name: `kv-genai-${TEMPLATE_ENVIRONMENT}-sdc`, prefix: '10.0.1.0/26', dns: '10.0.7.255', hub: '10.0.8.4', other: '192.168.0.1' });
    expect(JSON.parse(copyText(text, 2, addresses))).toEqual({
      name: `kv-genai-${copyEnvironmentName(2)}-sdc`, prefix: '10.0.17.0/26', dns: '10.0.23.255', hub: '10.0.8.4', other: '192.168.0.1',
    });
    expect(copyAddressSpace(2)).toBe('10.0.16.0/21');
    expect(() => copyAddressSpace(8192)).toThrow(RangeError);
  });
});

describe('bench process helpers', () => {
  test('parseStatus reads the parent pid and resident set fields', () => {
    expect(parseStatus('Name:\tnode\nPPid:\t42\nVmHWM:\t  2048 kB\nVmRSS:\t  1024 kB\n')).toEqual({ ppid: 42, rssKb: 1024, hwmKb: 2048 });
    expect(parseStatus('Name:\tkthreadd\nPPid:\t0\n')).toEqual({ ppid: 0, rssKb: 0, hwmKb: 0 });
  });

  test('descendants walks the whole tree below the root and nothing else', () => {
    const processes = new Map([[1, { ppid: 0 }], [10, { ppid: 1 }], [11, { ppid: 10 }], [12, { ppid: 11 }], [13, { ppid: 10 }], [20, { ppid: 1 }]]);
    expect(descendants(10, processes).sort()).toEqual([10, 11, 12, 13]);
    expect(descendants(99, processes)).toEqual([]);
  });
});

describe('bench profile summary', () => {
  test('moduleOf groups by package, project file and V8 pseudo-frame', () => {
    expect(moduleOf('file:///p/node_modules/cdktf/lib/app.js', 'synth', '/p')).toBe('npm:cdktf');
    expect(moduleOf('file:///p/node_modules/@swc/core/index.js', 'x', '/p')).toBe('npm:@swc/core');
    expect(moduleOf('file:///p/policy/graph.ts', 'attribute', '/p')).toBe('policy/graph.ts');
    expect(moduleOf('node:internal/modules/cjs/loader', 'wrapSafe', '/p')).toBe('node:internal');
    expect(moduleOf('', '(garbage collector)', '/p')).toBe('(garbage collector)');
  });

  test('summarizeProfile sums self time per function and module, largest first', () => {
    const frame = (functionName: string, url: string) => ({ functionName, url, lineNumber: 0 });
    const profile: CpuProfile = {
      nodes: [
        { id: 1, callFrame: frame('(root)', '') },
        { id: 2, callFrame: frame('resolve', 'file:///p/node_modules/cdktf/lib/r.js') },
        { id: 3, callFrame: frame('review', 'file:///p/policy/engine.ts') },
      ],
      samples: [2, 3, 2, 2],
      timeDeltas: [1000, 1000, 1000, 1000],
      startTime: 0,
      endTime: 4000,
    };
    const summary = summarizeProfile(profile, '/p');
    expect(summary.totalMs).toBe(4);
    expect(summary.byModule).toEqual([{ name: 'npm:cdktf', selfMs: 3, percent: 75 }, { name: 'policy/engine.ts', selfMs: 1, percent: 25 }]);
    expect(summary.byFunction[0]).toEqual({ name: 'resolve npm:cdktf:1', selfMs: 3, percent: 75 });
  });
});

describe('bench budgets', () => {
  const size = (resources: number, ms: number, timedOut = false): ReviewSize => ({ resources, ms, msPer1k: ms / (resources / 1000), findings: 0, timedOut });
  const passing = {
    shippedSynthMs: 1500, baselineMs: 3000, perEnvironmentMs: 100,
    review: [size(1000, 100), size(10_000, 1000), size(50_000, 5500)], testsWallMs: 40_000, testsPeakMb: 900,
  };
  const verdicts = (inputs: Parameters<typeof evaluateBudgets>[0]) => Object.fromEntries(evaluateBudgets(inputs).map((b) => [b.id, b.verdict]));

  test('one verdict per budget, in order, all PASS within the limits', () => {
    const results = evaluateBudgets(passing);
    expect(results.map((b) => b.id)).toEqual(Object.keys(BUDGETS));
    expect(results.every((b) => b.verdict === 'PASS')).toBe(true);
    expect(results[0].measured).toBe(0.5);
  });

  test('limits are inclusive except the review of 10k (strictly under 2 s)', () => {
    expect(Object.entries(BUDGETS).filter(([, b]) => b.strict).map(([id]) => id)).toEqual(['review-10k']);
    expect(evaluateBudgets(passing).map((b) => [b.id, b.strict])).toEqual(Object.keys(BUDGETS).map((id) => [id, id === 'review-10k' ? true : undefined]));
    expect(verdicts({ ...passing, shippedSynthMs: 3000, perEnvironmentMs: 150, testsWallMs: 60_000, testsPeakMb: 1500 }))
      .toMatchObject({ 'synth-vs-baseline': 'PASS', 'per-environment': 'PASS', 'tests-wall': 'PASS', 'tests-memory': 'PASS' });
    expect(verdicts({ ...passing, review: [size(1000, 200), size(10_000, 2000)] })['review-10k']).toBe('FAIL');
    expect(verdicts({ ...passing, shippedSynthMs: 3001, perEnvironmentMs: 151, testsWallMs: 60_001, testsPeakMb: 1501 }))
      .toMatchObject({ 'synth-vs-baseline': 'FAIL', 'per-environment': 'FAIL', 'tests-wall': 'FAIL', 'tests-memory': 'FAIL' });
  });

  test('superlinear review fails linearity; a timed-out size fails as a lower bound', () => {
    expect(verdicts({ ...passing, review: [size(1000, 100), size(10_000, 1900), size(50_000, 20_000)] })).toMatchObject({ 'review-10k': 'PASS', 'review-linear': 'FAIL' });
    const timedOut = evaluateBudgets({ ...passing, review: [size(1000, 100), size(10_000, 90_000, true)] });
    expect(timedOut.find((b) => b.id === 'review-10k')).toMatchObject({ verdict: 'FAIL', lowerBound: true });
    expect(timedOut.find((b) => b.id === 'review-linear')).toMatchObject({ verdict: 'FAIL', lowerBound: true });
  });

  test('what was not measured is SKIP, not PASS', () => {
    expect(verdicts({ ...passing, testsWallMs: undefined, testsPeakMb: undefined, baselineMs: undefined, review: [size(1000, 100)] }))
      .toMatchObject({ 'synth-vs-baseline': 'SKIP', 'review-10k': 'SKIP', 'review-linear': 'SKIP', 'tests-wall': 'SKIP', 'tests-memory': 'SKIP', 'per-environment': 'PASS' });
  });

  test('median, per-additional-environment cost and linearity', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(() => median([])).toThrow(RangeError);
    expect(perAdditionalEnvironment([[50, 9000], [1, 1650], [5, 2200]])).toEqual({ ms: 150, from: [1, 50] });
    expect(perAdditionalEnvironment([[1, 1000]])).toBeUndefined();
    expect(reviewLinearity([size(10_000, 2000), size(1000, 100)])).toEqual({ ratio: 2, lowerBound: false, small: size(1000, 100), large: size(10_000, 2000) });
    expect(reviewLinearity([size(1000, 100)])).toBeUndefined();
  });
});

describe('bench results file', () => {
  const measured = { label: 'x', command: 'x', runs: [{ wallMs: 1, peakRssMb: 1 }], wallMs: 1, peakRssMb: 1 };
  const results: BenchResults = {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    generatedAt: '2025-01-01T00:00:00.000Z',
    quick: true,
    durationMs: 1,
    machine: { cpus: 2, cpuModel: 'cpu', memoryMb: 1, node: 'v20', platform: 'linux', loadAverageStart: [0], loadAverageEnd: [0] },
    baseline: measured,
    synth: [{ ...measured, environments: 'shipped', count: 3, phases: { startupMs: 1, loadMs: 1, synthMs: 1 } }],
    review: { rules: 1, timeLimitMs: 1, sizes: [{ resources: 1000, ms: 1, msPer1k: 1, findings: 0, timedOut: false }] },
    tests: { skipped: '--quick' },
    ratios: { shippedSynthOverBaseline: 1, perAdditionalEnvironmentMs: null, perAdditionalEnvironmentFrom: null, reviewLinearity: null },
    budgets: evaluateBudgets({}),
  };

  test('a well-formed result has no problems', () => {
    expect(resultsProblems(JSON.parse(JSON.stringify(results)))).toEqual([]);
  });

  test('malformed results are reported field by field', () => {
    expect(resultsProblems([])).toEqual(['results must be an object']);
    const broken = { ...results, schemaVersion: 0, synth: [], budgets: results.budgets.slice(1), ratios: { ...results.ratios, reviewLinearity: 'x' } };
    expect(resultsProblems(broken)).toEqual(expect.arrayContaining([
      'schemaVersion must be 1', 'synth must be a non-empty list', expect.stringMatching(/^budgets must be, in order/), 'ratios.reviewLinearity must be a finite number or null',
    ]));
  });

  const committed = path.join(__dirname, '../../bench/results.json');
  (fs.existsSync(committed) ? test : test.skip)('bench/results.json is well-formed', () => {
    expect(resultsProblems(JSON.parse(fs.readFileSync(committed, 'utf8')))).toEqual([]);
  });
});

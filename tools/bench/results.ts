/**
 * The benchmark's results (`bench/results.json`), its budgets and their verdicts. Pure: no I/O, no
 * clocks, so the verdict logic and the file's shape are unit-tested.
 */
import type { ProfileSummary } from './profile';

export const RESULTS_SCHEMA_VERSION = 1;

/** One measured child process. */
export interface Measurement {
  readonly wallMs: number;
  /** Peak resident set, MB (10^6 bytes): the larger of the polled process-tree sum and the child's own maxRSS. */
  readonly peakRssMb: number;
  /** Phases the synth driver reports from inside the child, ms since process start. */
  readonly child?: { readonly startupMs: number; readonly loadMs: number; readonly synthMs: number };
}

/** Repeated measurements of one case and their medians. */
export interface MeasuredCase {
  readonly label: string;
  readonly command: string;
  readonly runs: readonly Measurement[];
  /** Median over `runs`. */
  readonly wallMs: number;
  /** Median over `runs`. */
  readonly peakRssMb: number;
}

export interface SynthCase extends MeasuredCase {
  /** `shipped`: the shipped `ENVIRONMENTS`; otherwise that many generated environments. */
  readonly environments: 'shipped' | number;
  /** How many environments were synthesized and reviewed. */
  readonly count: number;
  /** Medians of the child's own phase times. */
  readonly phases: { readonly startupMs: number; readonly loadMs: number; readonly synthMs: number };
}

export interface ReviewSize {
  readonly resources: number;
  /** parsePlan + review, in-process after a warm-up; for a timed-out size, the time it had when stopped. */
  readonly ms: number;
  readonly msPer1k: number;
  readonly findings: number;
  /** The size did not finish within the review time limit: `ms` is a lower bound. */
  readonly timedOut: boolean;
}

export interface TestSuiteRun {
  readonly command: string;
  readonly wallMs: number;
  /** Peak of the resident sets summed over the process tree (npx, jest, its workers), MB. */
  readonly peakRssMb: number;
  /** Largest single process's peak (VmHWM), MB. */
  readonly peakProcessRssMb: number;
  readonly maxProcesses: number;
  readonly exitCode: number | null;
}

export type Verdict = 'PASS' | 'FAIL' | 'SKIP';

export interface BudgetResult {
  readonly id: BudgetId;
  readonly title: string;
  readonly limit: number;
  readonly unit: string;
  /** The measurement must be strictly under the limit (otherwise at or under it). */
  readonly strict?: true;
  /** null when not measured in this run (SKIP). */
  readonly measured: number | null;
  /** The measurement is a lower bound (a timed-out run). */
  readonly lowerBound: boolean;
  readonly verdict: Verdict;
  readonly detail: string;
}

export interface BenchResults {
  readonly schemaVersion: typeof RESULTS_SCHEMA_VERSION;
  readonly generatedAt: string;
  readonly quick: boolean;
  readonly durationMs: number;
  readonly machine: {
    readonly cpus: number;
    readonly cpuModel: string;
    readonly memoryMb: number;
    readonly node: string;
    readonly platform: string;
    readonly loadAverageStart: readonly number[];
    readonly loadAverageEnd: readonly number[];
  };
  readonly baseline: MeasuredCase;
  readonly synth: readonly SynthCase[];
  readonly review: { readonly rules: number; readonly timeLimitMs: number; readonly sizes: readonly ReviewSize[] };
  readonly tests: TestSuiteRun | { readonly skipped: string };
  readonly ratios: {
    /** Shipped-environment synth wall time / baseline wall time. */
    readonly shippedSynthOverBaseline: number | null;
    /** (t_max - t_1) / (max - 1) over generated-environment synth wall times. */
    readonly perAdditionalEnvironmentMs: number | null;
    /** The environment counts `perAdditionalEnvironmentMs` was computed from. */
    readonly perAdditionalEnvironmentFrom: readonly [number, number] | null;
    /** ms per 1k resources at the largest review size / at the smallest. 1.0 is perfectly linear. */
    readonly reviewLinearity: number | null;
  };
  readonly budgets: readonly BudgetResult[];
  /**
   * CPU profiles taken when a budget fails (or with --profile): a synth of the shipped environments
   * (synth budgets) and the review of 10k resources (review budgets).
   */
  readonly profiles?: {
    readonly synth?: ProfileSummary & { readonly target: string };
    readonly review?: ProfileSummary & { readonly target: string };
  };
}

export type BudgetId = 'synth-vs-baseline' | 'per-environment' | 'review-10k' | 'review-linear' | 'tests-wall' | 'tests-memory';

/** The budgets: a measurement passes at or under its limit, or strictly under it when `strict`. */
export const BUDGETS: Readonly<Record<BudgetId, { readonly title: string; readonly limit: number; readonly unit: string; readonly strict?: true }>> = {
  'synth-vs-baseline': { title: 'All shipped environments synthesize (review included) / bare provider require', limit: 1.0, unit: 'ratio' },
  'per-environment': { title: 'Each additional environment', limit: 150, unit: 'ms' },
  'review-10k': { title: 'Review of 10k resources', limit: 2000, unit: 'ms', strict: true },
  'review-linear': { title: 'Review linear in size (ms per 1k at largest / at smallest)', limit: 1.5, unit: 'ratio' },
  'tests-wall': { title: 'npm test wall time', limit: 60_000, unit: 'ms' },
  'tests-memory': { title: 'npm test peak memory (process tree)', limit: 1500, unit: 'MB' },
};

/** What the verdicts are computed from; undefined means not measured in this run. */
export interface BudgetInputs {
  readonly shippedSynthMs?: number;
  readonly baselineMs?: number;
  readonly perEnvironmentMs?: number;
  readonly review?: readonly ReviewSize[];
  readonly testsWallMs?: number;
  readonly testsPeakMb?: number;
}

/** Median of a non-empty list (mean of the middle two for even lengths). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of an empty list');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** (t_b - t_a) / (b - a) from [environments, wall ms] points: the cost of each environment beyond the first. */
export function perAdditionalEnvironment(points: readonly (readonly [number, number])[]): { ms: number; from: [number, number] } | undefined {
  const sorted = [...points].sort((a, b) => a[0] - b[0]);
  if (sorted.length < 2) return undefined;
  const [lo, hi] = [sorted[0], sorted[sorted.length - 1]];
  if (hi[0] === lo[0]) return undefined;
  return { ms: (hi[1] - lo[1]) / (hi[0] - lo[0]), from: [lo[0], hi[0]] };
}

/** What `reviewLinearity` compares: the ratio and the sizes it is taken from. */
export interface ReviewLinearity {
  readonly ratio: number;
  /** The largest size timed out: `ratio` is a lower bound. */
  readonly lowerBound: boolean;
  readonly small: ReviewSize;
  readonly large: ReviewSize;
}

/**
 * ms per 1k resources at the largest size over that at the smallest. A timed-out largest size gives
 * a lower bound. Undefined with fewer than two sizes.
 */
export function reviewLinearity(sizes: readonly ReviewSize[]): ReviewLinearity | undefined {
  const sorted = [...sizes].sort((a, b) => a.resources - b.resources);
  if (sorted.length < 2) return undefined;
  const [small, large] = [sorted[0], sorted[sorted.length - 1]];
  return { ratio: large.msPer1k / small.msPer1k, lowerBound: large.timedOut, small, large };
}

function verdict(id: BudgetId, measured: number | undefined, detail: string, lowerBound = false): BudgetResult {
  const { title, limit, unit, strict } = BUDGETS[id];
  const budget = { id, title, limit, unit, ...(strict && { strict }) };
  if (measured === undefined || !Number.isFinite(measured)) {
    return { ...budget, measured: null, lowerBound: false, verdict: 'SKIP', detail: detail || 'not measured in this run' };
  }
  // A lower bound above the limit fails; one at or below it proves nothing, so it fails too (the run did not finish).
  const pass = !lowerBound && (strict ? measured < limit : measured <= limit);
  return { ...budget, measured: Math.round(measured * 1000) / 1000, lowerBound, verdict: pass ? 'PASS' : 'FAIL', detail };
}

/** One verdict per budget, in `BUDGETS` order. */
export function evaluateBudgets(inputs: BudgetInputs): BudgetResult[] {
  const ratio = inputs.shippedSynthMs !== undefined && inputs.baselineMs !== undefined && inputs.baselineMs > 0
    ? inputs.shippedSynthMs / inputs.baselineMs
    : undefined;
  const review10k = inputs.review?.find((s) => s.resources === 10_000);
  const linearity = inputs.review ? reviewLinearity(inputs.review) : undefined;
  return [
    verdict('synth-vs-baseline', ratio, ratio === undefined ? '' : `${fmt(inputs.shippedSynthMs!)} ms / ${fmt(inputs.baselineMs!)} ms`),
    verdict('per-environment', inputs.perEnvironmentMs, ''),
    verdict('review-10k', review10k?.ms, review10k ? `${review10k.findings} findings${review10k.timedOut ? ', timed out' : ''}` : '', review10k?.timedOut),
    verdict('review-linear', linearity?.ratio, linearity ? linearityDetail(linearity) : '', linearity?.lowerBound),
    verdict('tests-wall', inputs.testsWallMs, ''),
    verdict('tests-memory', inputs.testsPeakMb, ''),
  ];
}

function linearityDetail({ small, large }: ReviewLinearity): string {
  return `ms per 1k: ${small.msPer1k} at ${small.resources}, ${large.timedOut ? '>= ' : ''}${large.msPer1k} at ${large.resources}`;
}

function fmt(n: number): string {
  return n.toFixed(0);
}

/** Problems with a parsed results file's shape (empty when it is well-formed). */
export function resultsProblems(value: unknown): string[] {
  const problems: string[] = [];
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  const num = (v: unknown, path: string, nullable = false): void => {
    if (nullable && v === null) return;
    if (typeof v !== 'number' || !Number.isFinite(v)) problems.push(`${path} must be a finite number${nullable ? ' or null' : ''}`);
  };
  if (!isObj(value)) return ['results must be an object'];
  if (value.schemaVersion !== RESULTS_SCHEMA_VERSION) problems.push(`schemaVersion must be ${RESULTS_SCHEMA_VERSION}`);
  if (typeof value.generatedAt !== 'string' || Number.isNaN(Date.parse(value.generatedAt))) problems.push('generatedAt must be an ISO date');
  if (typeof value.quick !== 'boolean') problems.push('quick must be a boolean');
  const measuredCase = (c: unknown, path: string): void => {
    if (!isObj(c)) { problems.push(`${path} must be an object`); return; }
    num(c.wallMs, `${path}.wallMs`);
    num(c.peakRssMb, `${path}.peakRssMb`);
    if (!Array.isArray(c.runs) || c.runs.length === 0) problems.push(`${path}.runs must be a non-empty list`);
  };
  measuredCase(value.baseline, 'baseline');
  if (!Array.isArray(value.synth) || value.synth.length === 0) problems.push('synth must be a non-empty list');
  else value.synth.forEach((c, i) => {
    measuredCase(c, `synth[${i}]`);
    if (isObj(c) && c.environments !== 'shipped' && !(typeof c.environments === 'number' && c.environments >= 1)) problems.push(`synth[${i}].environments must be 'shipped' or a positive number`);
  });
  if (!isObj(value.review) || !Array.isArray(value.review.sizes)) problems.push('review.sizes must be a list');
  else value.review.sizes.forEach((s: unknown, i: number) => {
    if (!isObj(s)) { problems.push(`review.sizes[${i}] must be an object`); return; }
    for (const k of ['resources', 'ms', 'msPer1k', 'findings']) num(s[k], `review.sizes[${i}].${k}`);
    if (typeof s.timedOut !== 'boolean') problems.push(`review.sizes[${i}].timedOut must be a boolean`);
  });
  if (!isObj(value.tests)) problems.push('tests must be an object');
  else if (typeof value.tests.skipped !== 'string') {
    num(value.tests.wallMs, 'tests.wallMs');
    num(value.tests.peakRssMb, 'tests.peakRssMb');
  }
  if (!isObj(value.ratios)) problems.push('ratios must be an object');
  else for (const k of ['shippedSynthOverBaseline', 'perAdditionalEnvironmentMs', 'reviewLinearity']) num(value.ratios[k], `ratios.${k}`, true);
  const ids = Object.keys(BUDGETS);
  if (!Array.isArray(value.budgets)) problems.push('budgets must be a list');
  else {
    const seen = value.budgets.map((b: unknown) => (isObj(b) ? b.id : undefined));
    if (JSON.stringify(seen) !== JSON.stringify(ids)) problems.push(`budgets must be, in order: ${ids.join(', ')}`);
    value.budgets.forEach((b: unknown, i: number) => {
      if (!isObj(b)) return;
      if (!['PASS', 'FAIL', 'SKIP'].includes(String(b.verdict))) problems.push(`budgets[${i}].verdict must be PASS, FAIL or SKIP`);
      num(b.measured, `budgets[${i}].measured`, true);
    });
  }
  return problems;
}

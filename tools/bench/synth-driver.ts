/**
 * Child-process driver of the synth benchmark: loads `main.ts` (so module loading is measured) and
 * synthesizes, review included, into a scratch directory. Run in a fresh process per measurement:
 *
 *   node -r ts-node/register tools/bench/synth-driver.ts <shipped|N> <outdir> <result.json>
 *
 * Writes `SynthChildReport` as JSON to the result file (`startupMs` counts from process start: `performance.now()`).
 */
import * as fs from 'fs';
import { performance } from 'perf_hooks';

/** What the driver reports about its own run. */
export interface SynthChildReport {
  readonly environments: number;
  /** Process start to the driver's first line: node + ts-node (+ swc) startup. */
  readonly startupMs: number;
  /** Loading `main.ts` and everything it imports (cdktf, the provider's resource classes, rules). */
  readonly loadMs: number;
  /** `synthesize()`: validate, build stacks, write Terraform JSON, review, write reports. */
  readonly synthMs: number;
  /** Peak resident set of this process, KiB (`process.resourceUsage().maxRSS`). */
  readonly maxRssKb: number;
}

function main(): void {
  const startupMs = performance.now();
  const [which, outdir, resultFile] = process.argv.slice(2);
  if (!which || !outdir || !resultFile) throw new Error('usage: synth-driver.ts <shipped|N> <outdir> <result.json>');

  const loadStarted = performance.now();
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- timed on purpose: this is the module loading cost.
  const { synthesize } = require('../../main') as typeof import('../../main');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { generateEnvironments } = require('./environments') as typeof import('./environments');
  const loadMs = performance.now() - loadStarted;

  const inputs = which === 'shipped' ? undefined : generateEnvironments(Number(which));
  const synthStarted = performance.now();
  const result = synthesize({ inputs, outdir });
  const synthMs = performance.now() - synthStarted;

  const report: SynthChildReport = {
    environments: result.environments.length,
    startupMs,
    loadMs,
    synthMs,
    maxRssKb: process.resourceUsage().maxRSS,
  };
  fs.writeFileSync(resultFile, JSON.stringify(report));
}

main();

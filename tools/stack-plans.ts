/**
 * The synthesized plan of each environment, for the tools that read one (cost, diagram): the stack
 * `npm run synth` wrote to `<fromDir>/stacks/<env>/cdk.tf.json`, else a fresh in-process synth into
 * a temporary directory that is removed once the plans are read.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Plan, loadPlan } from '../policy/plan';

export interface StackPlan {
  readonly environment: string;
  readonly plan: Plan;
  /** The `cdk.tf.json` read from `fromDir`; undefined when the stack was synthesized in-process. */
  readonly file?: string;
}

export interface StackPlansOptions {
  /** The cdktf output directory holding `stacks/<env>/cdk.tf.json` (usually `cdktf.out`). */
  readonly fromDir: string;
  /** Synthesize every environment in-process even when `fromDir` has its stack. @default false */
  readonly forceSynth?: boolean;
  /** Called with the environments about to be synthesized in-process, when there are any. */
  readonly beforeSynth?: (environments: readonly string[]) => void;
}

export interface StackPlans {
  /** One per environment asked for, in that order. */
  readonly plans: readonly StackPlan[];
  /** The environments synthesized in-process, in that order. */
  readonly synthesized: readonly string[];
  /**
   * The message of the `ReviewFailure` the in-process synth threw: a synthesized stack breaks an
   * unsuppressed error-level rule. Its plan is in `plans` all the same; the caller decides whether that fails.
   */
  readonly reviewFailure?: string;
}

/**
 * Each environment's plan, read from `fromDir` or synthesized in-process when its stack is missing
 * (or `forceSynth`). Throws a `PlanError` for a plan that cannot be read, and what `synthesize()`
 * throws other than a `ReviewFailure` (invalid config, a `UsageError`).
 */
export function stackPlans(environments: readonly string[], options: StackPlansOptions): StackPlans {
  const plans = new Map<string, StackPlan>();
  const missing: string[] = [];
  for (const environment of environments) {
    const file = stackFile(options.fromDir, environment);
    if (!options.forceSynth && fs.existsSync(file)) plans.set(environment, { environment, plan: loadPlan(file), file });
    else missing.push(environment);
  }
  let reviewFailure: string | undefined;
  if (missing.length > 0) {
    options.beforeSynth?.(missing);
    const synthesized = synthesizeInProcess(missing);
    for (const plan of synthesized.plans) plans.set(plan.environment, plan);
    reviewFailure = synthesized.reviewFailure;
  }
  return { plans: environments.map((e) => plans.get(e) as StackPlan), synthesized: missing, reviewFailure };
}

/** The environments `fromDir` has a synthesized stack of, in directory order. */
export function synthesizedEnvironments(fromDir: string): string[] {
  const stacks = path.join(fromDir, 'stacks');
  return fs.existsSync(stacks) ? fs.readdirSync(stacks).filter((env) => fs.existsSync(stackFile(fromDir, env))) : [];
}

function stackFile(fromDir: string, environment: string): string {
  return path.join(fromDir, 'stacks', environment, 'cdk.tf.json');
}

/** Synthesizes `environments` into a temporary directory and reads their plans; a stack that fails review is kept. */
function synthesizeInProcess(environments: readonly string[]): { plans: StackPlan[]; reviewFailure?: string } {
  const { results, reviewFailure } = withSynthesizedStacks(environments, (outdir, environment) => ({ environment, plan: loadPlan(stackFile(outdir, environment)) }));
  return { plans: results, reviewFailure };
}

/**
 * Synthesizes `environments` in-process into a temporary directory, reads each one with `read(outdir,
 * environment)` while the directory exists, and removes it. A stack that fails the policy review is read
 * all the same; `reviewFailure` then carries the review's message (the caller decides whether that fails).
 */
export function withSynthesizedStacks<T>(environments: readonly string[], read: (outdir: string, environment: string) => T): { results: T[]; reviewFailure?: string } {
  // main.ts loads cdktf and every azurerm construct (seconds): only pay for it when a stack has to be synthesized.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { synthesize, ReviewFailure } = require('../main') as typeof import('../main');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'stack-plans-'));
  try {
    let outdir: string;
    let reviewFailure: string | undefined;
    try {
      outdir = synthesize({ only: environments, outdir: path.join(tmp, 'cdktf.out') }).outdir;
    } catch (e) {
      if (!(e instanceof ReviewFailure)) throw e;
      outdir = e.result.outdir;
      reviewFailure = e.message;
    }
    return { results: environments.map((environment) => read(outdir, environment)), reviewFailure };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * Synthesis of the cdktf app: every environment config -> validated configs -> one PlatformStack each ->
 * Terraform JSON in `cdktf.out/stacks/<environment>/cdk.tf.json`. `main.ts` is the app and `npm run synth`
 * (its command line is `tools/synth.ts`); the tools synthesize in-process through `synthesize()`.
 *
 * Every config is validated before anything is written; under `npm run synth` the output is built
 * in a temporary directory and swapped in only when complete, so a failure leaves no partial output.
 * Synthesizing some environments replaces only theirs: the other stacks' directories, reviews and
 * manifest entries are copied from the current output into the new one, unchanged.
 * Each stack is then reviewed by the policy engine (reports in `cdktf.out/review/<env>.{json,md,sarif}`);
 * an unsuppressed error-level finding fails the synth, like a compiler error.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, IManifest, Manifest } from 'cdktf';
import { EnvironmentConfig, parseEnvironments } from '../environments/schema';
import { loadEnvironments } from '../environments/load';
import { ReviewFailure } from './synth-failures';
import { UsageError, selectEnvironments } from '../environments/select';
import { PlatformStack } from './platform-stack';
import { withoutTokenStackTraces } from './token-stack-traces';
import { STATE_STACK_ID, StateBootstrapOptions, StateStack, StateStackProps, stateBootstrapFromEnv, stateStackProps } from './state-stack';
import { ReviewReport, review } from '../policy/engine';
import { loadPlan } from '../policy/plan';
import { toJson, toMarkdown, toSarif } from '../policy/reporters';
import { Rule } from '../policy/rule';

export { UsageError } from '../environments/select';
export { EnvironmentLoadError, loadEnvironments } from '../environments/load';
export { ReviewFailure, failureMessage } from './synth-failures';

export interface SynthOptions {
  /** Environments to synthesize. @default all */
  readonly only?: readonly string[];
  /** Output directory. @default `$CDKTF_OUTDIR` (under the cdktf CLI) or `cdktf.out` */
  readonly outdir?: string;
  /** Environment inputs. @default the shipped `ENVIRONMENTS` */
  readonly inputs?: readonly unknown[];
  /** Rules to review with (a custom pack). @default every registered rule */
  readonly rules?: readonly Rule[];
  /**
   * Also synthesize the remote-state bootstrap stack (`state`, deployed once by an administrator).
   * @default from `STATE_REPOSITORY` and the other `STATE_*` variables (see `stateBootstrapFromEnv`); none when unset
   */
  readonly stateBootstrap?: StateBootstrapOptions;
}

export interface SynthResult {
  readonly outdir: string;
  readonly environments: readonly string[];
  /**
   * Stacks of the previous output kept as they were (a synth of some environments keeps the
   * others'; a full synth keeps none). Empty under the cdktf CLI, which owns its output directory.
   */
  readonly kept: readonly string[];
  /** Policy review of each synthesized environment. */
  readonly reviews: Readonly<Record<string, ReviewReport>>;
  /** Config warnings (legal but worth a look), prefixed with the environment. */
  readonly warnings: readonly string[];
}

/** Validates every environment, then synthesizes the selected ones into `outdir` atomically. */
export function synthesize(options: SynthOptions = {}): SynthResult {
  const configs = parseEnvironments(options.inputs ?? loadEnvironments());
  const selected = selectEnvironments(configs, options.only);
  const bootstrap = options.stateBootstrap ?? stateBootstrapFromEnv(process.env);
  const state = bootstrap ? stateStackProps(configs, bootstrap) : undefined;
  if (state && configs.some((c) => c.name === STATE_STACK_ID)) {
    throw new UsageError(`An environment is named '${STATE_STACK_ID}', the id of the state bootstrap stack; rename the environment`);
  }
  const underCli = options.outdir === undefined && process.env.CDKTF_OUTDIR !== undefined;
  const outdir = path.resolve(options.outdir ?? process.env.CDKTF_OUTDIR ?? 'cdktf.out');

  const environments = [...selected.map((c) => c.name), ...(state ? [STATE_STACK_ID] : [])];
  let reviews: Record<string, ReviewReport>;
  let kept: string[] = [];
  if (underCli) {
    // The cdktf CLI owns its output directory.
    withoutTokenStackTraces(() => buildApp(selected, outdir, state).synth());
    reviews = reviewStacks(selected, outdir, options.rules, state !== undefined);
  } else {
    const staging = `${outdir}.tmp-${process.pid}`;
    fs.rmSync(staging, { recursive: true, force: true });
    // cdktf creates the output directory itself, but not its parents (e.g. `.sandbox/out`).
    fs.mkdirSync(path.dirname(outdir), { recursive: true });
    try {
      withoutTokenStackTraces(() => buildApp(selected, staging, state).synth());
      reviews = reviewStacks(selected, staging, options.rules, state !== undefined);
      // A full synth replaces everything (an environment removed from the registry disappears).
      if (options.only !== undefined && options.only.length > 0) kept = keepOtherStacks(outdir, staging, environments);
      swapIn(staging, outdir);
    } finally {
      fs.rmSync(staging, { recursive: true, force: true });
    }
  }
  const warnings = selected.flatMap((c) => c.warnings.map((w) => `${c.name}: ${w}`));
  const result: SynthResult = { outdir, environments, kept, reviews, warnings };
  if (Object.values(reviews).some((r) => r.summary.blocking > 0)) throw new ReviewFailure(result);
  return result;
}

/** The review reports written for each stack (see `reviewStacks`). */
const REVIEW_EXTENSIONS = ['json', 'md', 'sarif'] as const;

/**
 * Copies into `staging` (which holds the stacks just synthesized) every other stack of the current
 * output in `outdir`, as it is: its directory under `stacks/`, its review reports and its entry in
 * `manifest.json`. Returns the names of the stacks kept. Nothing is kept without a current manifest.
 */
function keepOtherStacks(outdir: string, staging: string, synthesized: readonly string[]): string[] {
  const previousFile = path.join(outdir, Manifest.fileName);
  if (!fs.existsSync(previousFile)) return [];
  const previous = readManifest(previousFile);
  const kept = Object.keys(previous.stacks).filter((name) => !synthesized.includes(name)).sort();
  if (kept.length === 0) return [];
  const current = readManifest(path.join(staging, Manifest.fileName));
  // Written by cdktf's own writer, so the merged manifest is formatted like one it wrote itself.
  const manifest = new Manifest(current.version, staging, false);
  Object.assign(manifest.stacks, current.stacks);
  for (const name of kept) {
    manifest.stacks[name] = previous.stacks[name];
    const files = [path.join(Manifest.stacksFolder, name), ...REVIEW_EXTENSIONS.map((ext) => path.join('review', `${name}.${ext}`))];
    for (const file of files) {
      if (!fs.existsSync(path.join(outdir, file))) continue;
      fs.cpSync(path.join(outdir, file), path.join(staging, file), { recursive: true, preserveTimestamps: true, verbatimSymlinks: true, errorOnExist: true, force: false });
    }
  }
  manifest.writeToFile();
  return kept;
}

function readManifest(file: string): IManifest {
  let manifest: unknown;
  try {
    manifest = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UsageError(`Cannot keep the other environments' output: ${file} is not readable JSON (${(e as Error).message}); run a full \`npm run synth\``);
  }
  const stacks = (manifest as Partial<IManifest> | null)?.stacks;
  if (typeof stacks !== 'object' || stacks === null || typeof (manifest as IManifest).version !== 'string') {
    throw new UsageError(`Cannot keep the other environments' output: ${file} is not a cdktf manifest; run a full \`npm run synth\``);
  }
  const unsafe = Object.keys(stacks).filter((name) => name === '' || name === '.' || name === '..' || /[\\/]/.test(name));
  if (unsafe.length > 0) {
    throw new UsageError(`Cannot keep the other environments' output: ${file} names stacks that are not directory names (${unsafe.map((n) => `'${n}'`).join(', ')}); run a full \`npm run synth\``);
  }
  return manifest as IManifest;
}

/**
 * Replaces `outdir` with the complete `staging` tree: the current output is moved aside (not
 * deleted) first and moved back if the swap fails, so a failure never leaves it half removed.
 */
function swapIn(staging: string, outdir: string): void {
  const previous = `${outdir}.old-${process.pid}`;
  fs.rmSync(previous, { recursive: true, force: true });
  const hadPrevious = fs.existsSync(outdir);
  if (hadPrevious) fs.renameSync(outdir, previous);
  try {
    fs.renameSync(staging, outdir);
  } catch (e) {
    if (hadPrevious) fs.renameSync(previous, outdir);
    throw e;
  }
  fs.rmSync(previous, { recursive: true, force: true });
}

/**
 * Reviews each synthesized stack and writes its reports to `<outdir>/review/`. The state stack is
 * reviewed as production: it holds every environment's state.
 */
function reviewStacks(configs: readonly EnvironmentConfig[], outdir: string, rules: readonly Rule[] | undefined, withState: boolean): Record<string, ReviewReport> {
  const reportDir = path.join(outdir, 'review');
  fs.mkdirSync(reportDir, { recursive: true });
  const reviews: Record<string, ReviewReport> = {};
  const stacks = [...configs.map((c) => ({ name: c.name, production: c.production })), ...(withState ? [{ name: STATE_STACK_ID, production: true }] : [])];
  for (const { name, production } of stacks) {
    const file = path.join(outdir, 'stacks', name, 'cdk.tf.json');
    // Findings name the path the file will have once the output is in place.
    const report = review([{ ...loadPlan(file), file: `cdktf.out/stacks/${name}/cdk.tf.json` }], { production, rules });
    fs.writeFileSync(path.join(reportDir, `${name}.json`), toJson(report));
    fs.writeFileSync(path.join(reportDir, `${name}.md`), toMarkdown(report, `Policy review: ${name}`));
    fs.writeFileSync(path.join(reportDir, `${name}.sarif`), toSarif(report, { category: `gai-policy/${name}` }));
    reviews[name] = report;
  }
  return reviews;
}

function buildApp(configs: readonly EnvironmentConfig[], outdir: string, state: StateStackProps | undefined): App {
  // No construct stack traces either: no reviewer reads them (token traces: see withoutTokenStackTraces).
  const app = new App({ outdir, stackTraces: false });
  for (const config of configs) new PlatformStack(app, config.name, config);
  if (state) new StateStack(app, STATE_STACK_ID, state);
  return app;
}

/** One terminal line per unsuppressed warning that the plan breaks (errors fail the synth and are printed by the review). */
export function reviewWarningLines(report: ReviewReport): string[] {
  return report.findings
    .filter((f) => f.severity === 'warning' && f.status === 'fail' && !f.suppressed)
    .map((f) => `  warning ${f.ruleId} ${f.address}: ${f.message}`);
}

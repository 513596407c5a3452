/**
 * Monthly cost estimate of the synthesized environments, from the dated price table in data/prices.json.
 *
 *   npm run cost                                   every environment, text
 *   npm run cost -- --env prod --format markdown   one environment as a pull-request comment
 *   npm run cost -- --env prod --compare base.tf.json   what changes from base.tf.json to the current plan
 *
 * The plan is `cdktf.out/stacks/<env>/cdk.tf.json` (run `npm run synth` first to refresh it); when it is
 * missing, or with `--synth`, the environment is synthesized in-process into a temporary directory.
 * Exit codes: 0 done, 1 the in-process synth failed its review, 2 bad arguments, config or unreadable input.
 */
import * as path from 'path';
import { EnvironmentConfig, parseEnvironments } from '../environments/schema';
import { selectEnvironments } from '../environments/select';
import { loadPlan } from '../policy/plan';
import { loadEnvironments } from '../environments/load';
import { Io, UsageError, defineCommand, processIo, runCommand } from './command-line';
import { classifyFailure } from './failures';
import {
  Estimate, diff, estimate, loadPriceTable,
  renderDiffJson, renderDiffMarkdown, renderDiffText, renderJson, renderMarkdown, renderText, toJsonReport,
} from './cost/index';
import { stackPlans } from './stack-plans';

export const FORMATS = ['text', 'json', 'markdown'] as const;
export type Format = (typeof FORMATS)[number];

export const COST = defineCommand({
  name: 'cost',
  summary: 'Estimates the monthly cost of the synthesized environments from the dated price table (data/prices.json), or what a change costs against another plan.',
  synopsis: ['[--env NAME ...] [--format text|json|markdown] [--synth]', '--env NAME --compare OTHER.tf.json [--format text|json|markdown]'],
  flags: {
    env: { type: 'string', multiple: true, value: 'NAME', description: 'Estimate this environment (default: every environment).' },
    format: { type: 'string', choices: FORMATS, default: 'text', description: 'Output format (default text; markdown is a pull-request comment).' },
    compare: { type: 'string', value: 'FILE', description: 'Show what changes from this plan (cdk.tf.json or terraform show -json) to the environment\'s current plan; needs exactly one --env.' },
    synth: { type: 'boolean', description: 'Synthesize in-process even when cdktf.out has the plan.' },
  },
  failedMeans: 'the in-process synth failed its policy review',
});

export interface CostIo extends Io {
  /** Directory `cdktf.out` is looked up in. */
  readonly cwd: string;
}

/** The CLI: returns the exit code. */
export function runCost(argv: readonly string[], io: CostIo = { ...processIo, cwd: process.cwd() }): Promise<number> {
  return runCommand(COST, argv, io, classifyFailure, ({ values }) => {
    const { format } = values;
    const selected = selectEnvironments(parseEnvironments(loadEnvironments()), values.env);
    if (values.compare !== undefined && selected.length !== 1) throw new UsageError(`--compare needs exactly one --env (got ${selected.length} environments)`);
    return estimateCosts(selected, { format, compare: values.compare, synth: values.synth, singleEnv: values.env.length === 1 }, io);
  });
}

function estimateCosts(selected: readonly EnvironmentConfig[], args: { format: Format; compare?: string; synth: boolean; singleEnv: boolean }, io: CostIo): number {
  const prices = loadPriceTable();
  const before = args.compare !== undefined ? loadPlan(path.resolve(io.cwd, args.compare)) : undefined;
  const plans = stackPlans(selected.map((c) => c.name), {
    fromDir: path.join(io.cwd, 'cdktf.out'),
    forceSynth: args.synth,
    beforeSynth: (missing) => io.stderr(`Synthesizing ${missing.join(', ')} in-process (${args.synth ? '--synth' : `no cdktf.out/stacks/<env>/cdk.tf.json; run npm run synth to keep one`})...\n`),
  });
  if (plans.reviewFailure !== undefined) {
    io.stderr(`${plans.reviewFailure}\n`);
    return 1;
  }

  const estimates: Estimate[] = selected.map((c, i) => {
    const { environment, plan, file } = plans.plans[i];
    return estimate(plan, c, prices, { planLabel: file ? path.relative(io.cwd, file) : `${environment} synthesized in-process` });
  });

  if (before) {
    const d = diff(estimate(before, selected[0], prices, { planLabel: args.compare }), estimates[0]);
    io.stdout(args.format === 'json' ? renderDiffJson(d) : args.format === 'markdown' ? renderDiffMarkdown(d) : renderDiffText(d));
    return 0;
  }
  if (args.format === 'json') {
    io.stdout(args.singleEnv ? renderJson(estimates[0]) : `${JSON.stringify(estimates.map(toJsonReport), null, 2)}\n`);
  } else {
    const render = args.format === 'markdown' ? renderMarkdown : renderText;
    io.stdout(estimates.map(render).join('\n'));
  }
  return 0;
}

if (require.main === module) runCost(process.argv.slice(2)).then((code) => { process.exitCode = code; });

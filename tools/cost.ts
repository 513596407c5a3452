/**
 * Monthly cost estimate of the synthesized environments, from the dated price table in data/prices.json.
 *
 *   npm run cost                                   every environment, text
 *   npm run cost -- --env prod --format markdown   one environment as a pull-request comment
 *   npm run cost -- --env prod --compare base.tf.json   what changes from base.tf.json to the current plan
 *
 * The plan is `cdktf.out/stacks/<env>/cdk.tf.json` (run `npm run synth` first to refresh it); when it is
 * missing, or with `--synth`, the environment is synthesized in-process into a temporary directory.
 * Exit codes: 0 done, 1 invalid config or failed review, 2 bad arguments or unreadable input.
 */
import * as path from 'path';
import { ENVIRONMENTS } from '../environments';
import { ConfigError, ConfigErrors, EnvironmentConfig, parseEnvironments } from '../environments/schema';
import { UsageError, selectEnvironments } from '../environments/select';
import { Plan, PlanError, loadPlan } from '../policy/plan';
import {
  Estimate, PriceTable, PriceTableError, diff, estimate, loadPriceTable,
  renderDiffJson, renderDiffMarkdown, renderDiffText, renderJson, renderMarkdown, renderText, toJsonReport,
} from './cost/index';
import { StackPlans, stackPlans } from './stack-plans';

export const FORMATS = ['text', 'json', 'markdown'] as const;
export type Format = (typeof FORMATS)[number];

export interface CostArgs {
  /** Environments to estimate. @default every shipped environment */
  readonly envs: readonly string[];
  readonly format: Format;
  /** A plan (cdk.tf.json or `terraform show -json`) to compare the environment's plan against. */
  readonly compare?: string;
  /** Synthesize in-process even when `cdktf.out` has the plan. */
  readonly synth: boolean;
  readonly help: boolean;
}

export const USAGE = 'Usage: npm run cost -- [--env NAME] [--format text|json|markdown] [--compare OTHER.tf.json] [--synth]';

/** Bad arguments: exit code 2. */
export class CostUsageError extends Error {}

export function parseCostArgs(argv: readonly string[]): CostArgs {
  const envs: string[] = [];
  let format: Format | undefined;
  let compare: string | undefined;
  let synth = false;
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '' || (inline === undefined && v.startsWith('--'))) throw new CostUsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--env': envs.push(value()); break;
      case '--format': {
        if (format !== undefined) throw new CostUsageError('--format given twice');
        const f = value();
        if (!(FORMATS as readonly string[]).includes(f)) throw new CostUsageError(`Unknown format '${f}'; use one of ${FORMATS.join(', ')}`);
        format = f as Format;
        break;
      }
      case '--compare':
        if (compare !== undefined) throw new CostUsageError('--compare given twice');
        compare = value();
        break;
      case '--synth':
        if (inline !== undefined) throw new CostUsageError('--synth takes no value');
        synth = true;
        break;
      case '--help': case '-h': help = true; break;
      default: throw new CostUsageError(`Unknown argument '${arg}'`);
    }
  }
  return { envs, format: format ?? 'text', compare, synth, help };
}

export interface CostIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Directory `cdktf.out` is looked up in. */
  readonly cwd: string;
}

const processIo: CostIo = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  cwd: process.cwd(),
};

/** The CLI: returns the exit code. */
export async function runCost(argv: readonly string[], io: CostIo = processIo): Promise<number> {
  let args: CostArgs;
  try {
    args = parseCostArgs(argv);
  } catch (e) {
    if (!(e instanceof CostUsageError)) throw e;
    io.stderr(`${e.message}\n${USAGE}\n`);
    return 2;
  }
  if (args.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }

  let configs: EnvironmentConfig[];
  try {
    configs = parseEnvironments(ENVIRONMENTS);
  } catch (e) {
    if (e instanceof ConfigErrors || e instanceof ConfigError) {
      io.stderr(`${e.message}\n`);
      return 1;
    }
    throw e;
  }
  let selected: EnvironmentConfig[];
  try {
    selected = selectEnvironments(configs, args.envs);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr(`${e.message}\n${USAGE}\n`);
    return 2;
  }
  if (args.compare !== undefined && selected.length !== 1) {
    io.stderr(`--compare needs exactly one --env (got ${selected.length} environments)\n${USAGE}\n`);
    return 2;
  }

  let prices: PriceTable;
  let before: Plan | undefined;
  try {
    prices = loadPriceTable();
    if (args.compare !== undefined) before = loadPlan(path.resolve(io.cwd, args.compare));
  } catch (e) {
    if (e instanceof PriceTableError || e instanceof PlanError) {
      io.stderr(`${e.message}\n`);
      return 2;
    }
    throw e;
  }

  let plans: StackPlans;
  try {
    plans = stackPlans(selected.map((c) => c.name), {
      fromDir: path.join(io.cwd, 'cdktf.out'),
      forceSynth: args.synth,
      beforeSynth: (missing) => io.stderr(`Synthesizing ${missing.join(', ')} in-process (${args.synth ? '--synth' : `no cdktf.out/stacks/<env>/cdk.tf.json; run npm run synth to keep one`})...\n`),
    });
  } catch (e) {
    if (e instanceof PlanError) {
      io.stderr(`${e.message}\n`);
      return 2;
    }
    throw e;
  }
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
    io.stdout(args.envs.length === 1 ? renderJson(estimates[0]) : `${JSON.stringify(estimates.map(toJsonReport), null, 2)}\n`);
  } else {
    const render = args.format === 'markdown' ? renderMarkdown : renderText;
    io.stdout(estimates.map(render).join('\n'));
  }
  return 0;
}

if (require.main === module) {
  runCost(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
}

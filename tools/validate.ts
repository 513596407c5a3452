/**
 * Proves each synthesized stack with terraform itself: `terraform init -backend=false` and
 * `terraform validate -json` on a copy of `cdktf.out/stacks/<env>/cdk.tf.json` without its backend.
 *
 *   npm run validate                                 every environment, providers from the registry
 *   npm run validate -- --env prod --mirror DIR      one environment, providers from a filesystem mirror
 *
 * Every diagnostic is printed with the resource address and cdktf construct path of the line it points
 * at, then one summary line per stack. A stack that has not been synthesized is synthesized in-process
 * into a temporary directory (a stack that fails the policy review is validated all the same).
 * Exit codes: 0 every stack valid, 1 an error diagnostic, a failed init or an invalid config, 2 bad
 * arguments, unreadable input or no terraform on PATH (then nothing was validated).
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import { ENVIRONMENTS } from '../environments';
import { ConfigError, ConfigErrors } from '../environments/schema';
import { UsageError, selectEnvironments } from '../environments/select';
import { synthesizedEnvironments, withSynthesizedStacks } from './stack-plans';
import { PreparedStack, StackError, exitCode, findOnPath, formatResult, prepareStack } from './validate/index';
import { validateStacks } from './validate/terraform';

export const USAGE = [
  'Usage: npm run validate -- [--env NAME ...] [--mirror DIR] [--from CDKTF_OUT] [--help]',
  '  --env NAME        validate this environment (repeatable); default: every shipped environment',
  '  --mirror DIR      install providers from the filesystem mirror DIR, using DIR/terraformrc as TF_CLI_CONFIG_FILE; default: TF_CLI_CONFIG_FILE if set, else the registry',
  '  --from CDKTF_OUT  read CDKTF_OUT/stacks/<env>/cdk.tf.json (default cdktf.out); a missing stack is synthesized in-process',
  '  --help            print this help',
].join('\n');

export interface ValidateArgs {
  /** Environments to validate. @default every shipped environment */
  readonly envs: readonly string[];
  /** A filesystem mirror holding `terraformrc`. @default none: TF_CLI_CONFIG_FILE, else the registry */
  readonly mirror?: string;
  /** The cdktf output directory. @default cdktf.out */
  readonly from: string;
  readonly help: boolean;
}

/** Parses the arguments; throws a `UsageError` for an unknown flag, a missing or repeated value. */
export function parseValidateArgs(argv: readonly string[]): ValidateArgs {
  let values: { env?: string[]; mirror?: string[]; from?: string[]; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        env: { type: 'string', multiple: true },
        mirror: { type: 'string', multiple: true },
        from: { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    if (typeof (e as NodeJS.ErrnoException).code === 'string' && (e as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) throw new UsageError((e as Error).message);
    throw e;
  }
  const once = (flag: 'mirror' | 'from'): string | undefined => {
    const given = values[flag] ?? [];
    if (given.length > 1) throw new UsageError(`--${flag} given twice`);
    if (given.length === 1 && given[0] === '') throw new UsageError(`--${flag} needs a value`);
    return given[0];
  };
  const envs = values.env ?? [];
  if (envs.includes('')) throw new UsageError('--env needs a value');
  return { envs, mirror: once('mirror'), from: once('from') ?? 'cdktf.out', help: values.help ?? false };
}

export interface ValidateIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Directory relative paths (`cdktf.out`, `--mirror`) are resolved against. */
  readonly cwd: string;
  /** The environment: PATH finds terraform, TF_CLI_CONFIG_FILE may name a CLI configuration; terraform inherits it. */
  readonly env: NodeJS.ProcessEnv;
}

const processIo: ValidateIo = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  cwd: process.cwd(),
  env: process.env,
};

/** The CLI: returns the exit code. */
export async function runValidate(argv: readonly string[], io: ValidateIo = processIo): Promise<number> {
  let args: ValidateArgs;
  let environments: string[];
  const fromDir = (from: string) => path.resolve(io.cwd, from);
  try {
    args = parseValidateArgs(argv);
    if (args.help) {
      io.stdout(`${USAGE}\n`);
      return 0;
    }
    const shipped = ENVIRONMENTS.map((e) => e.name);
    // Any stack in the output directory can be named (the state bootstrap stack, a stack synthesized elsewhere).
    const known = [...new Set([...shipped, ...synthesizedEnvironments(fromDir(args.from))])];
    environments = args.envs.length > 0 ? selectEnvironments(known.map((name) => ({ name })), args.envs).map((e) => e.name) : shipped;
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr(`${e.message}\n${USAGE}\n`);
    return 2;
  }

  let cliConfigFile: string | undefined;
  if (args.mirror !== undefined) {
    cliConfigFile = path.join(path.resolve(io.cwd, args.mirror), 'terraformrc');
    if (!fs.existsSync(cliConfigFile)) {
      io.stderr(`--mirror ${args.mirror}: no terraformrc in it (the CLI configuration naming the mirror as a filesystem_mirror)\n${USAGE}\n`);
      return 2;
    }
  }
  const terraform = findOnPath('terraform', io.env.PATH);
  if (terraform === undefined) {
    io.stderr('validate: terraform not found on PATH; nothing was validated\n');
    return 2;
  }
  if (cliConfigFile !== undefined) {
    io.stderr(`validate: providers from the mirror in ${path.dirname(cliConfigFile)} (TF_CLI_CONFIG_FILE=${cliConfigFile})\n`);
  } else if (io.env.TF_CLI_CONFIG_FILE) {
    // terraform runs in a scratch directory: a relative path is made absolute here.
    cliConfigFile = path.resolve(io.cwd, io.env.TF_CLI_CONFIG_FILE);
    io.stderr(fs.existsSync(cliConfigFile)
      ? `validate: providers as TF_CLI_CONFIG_FILE=${io.env.TF_CLI_CONFIG_FILE} says\n`
      : `validate: warning: TF_CLI_CONFIG_FILE=${io.env.TF_CLI_CONFIG_FILE} does not exist; terraform uses the registry\n`);
  } else {
    io.stderr('validate: providers from the registry (no --mirror, no TF_CLI_CONFIG_FILE)\n');
  }

  let stacks: { environment: string; stack: PreparedStack }[];
  try {
    stacks = loadStacks(environments, fromDir(args.from), io);
  } catch (e) {
    if (e instanceof StackError) {
      io.stderr(`${e.message}\n`);
      return 2;
    }
    if (e instanceof ConfigErrors || e instanceof ConfigError || e instanceof UsageError) {
      io.stderr(`${e.message}\n`);
      return 1;
    }
    throw e;
  }

  const cache = io.env.TF_PLUGIN_CACHE_DIR;
  const results = await validateStacks(stacks, {
    terraform,
    env: cache ? { ...io.env, TF_PLUGIN_CACHE_DIR: path.resolve(io.cwd, cache) } : io.env,
    cliConfigFile,
    // Providers from the registry or a packed mirror are unzipped once instead of once per stack; an
    // unpacked mirror is linked either way. A cache of the caller's (TF_PLUGIN_CACHE_DIR) is kept.
    sharePluginCache: !cache,
    onResult: (result) => {
      io.stdout(`${formatResult(result).join('\n')}\n`);
      io.stderr(`validate ${result.environment}: terraform init ${seconds(result.initMs)}${result.initFailed ? ' (failed)' : `, validate ${seconds(result.validateMs)}`}\n`);
    },
  });
  return exitCode(results);
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/**
 * Each environment's stack from `fromDir/stacks/<env>/cdk.tf.json`, or synthesized in-process (into a
 * temporary directory) when missing. The stack is read as written: tools/stack-plans.ts yields parsed
 * plans, and terraform needs the whole document (providers, data sources, outputs).
 */
function loadStacks(environments: readonly string[], fromDir: string, io: ValidateIo): { environment: string; stack: PreparedStack }[] {
  const file = (dir: string, environment: string) => path.join(dir, 'stacks', environment, 'cdk.tf.json');
  const missing = environments.filter((e) => !fs.existsSync(file(fromDir, e)));
  const read = (dir: string, environment: string, label: string) => {
    let text: string;
    try {
      text = fs.readFileSync(file(dir, environment), 'utf8');
    } catch (e) {
      throw new StackError(`${label}: cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    return { environment, stack: prepareStack(text, label) };
  };
  const stacks = new Map(environments.filter((e) => !missing.includes(e)).map((e) => [e, read(fromDir, e, path.relative(io.cwd, file(fromDir, e)))]));
  if (missing.length > 0) {
    io.stderr(`Synthesizing ${missing.join(', ')} in-process (no ${path.relative(io.cwd, path.join(fromDir, 'stacks')) || '.'}/<env>/cdk.tf.json; run npm run synth to keep one)...\n`);
    const { results, reviewFailure } = withSynthesizedStacks(missing, (outdir, environment) => read(outdir, environment, `${environment} synthesized in-process`));
    if (reviewFailure) io.stderr('validate: the policy review fails (npm run synth reports it); validating with terraform all the same\n');
    results.forEach((result) => stacks.set(result.environment, result));
  }
  return environments.map((e) => stacks.get(e) as { environment: string; stack: PreparedStack });
}

if (require.main === module) {
  runValidate(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
}

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
 * Exit codes: 0 every stack valid, 1 an error diagnostic or a failed init, 2 bad arguments, config or
 * unreadable input, or no terraform on PATH (then nothing was validated).
 */
import * as fs from 'fs';
import * as path from 'path';
import { loadEnvironments } from '../environments/load';
import { selectEnvironments } from '../environments/select';
import { Io, UsageError, defineCommand, processIo, runCommand } from './command-line';
import { classifyFailure } from './failures';
import { synthesizedEnvironments, withSynthesizedStacks } from './stack-plans';
import { PreparedStack, StackError, exitCode, findOnPath, formatResult, prepareStack } from './validate/index';
import { validateStacks } from './validate/terraform';

export const VALIDATE = defineCommand({
  name: 'validate',
  summary: 'Proves each synthesized stack with terraform itself: terraform init -backend=false and terraform validate -json, diagnostics mapped to resource address and construct path.',
  synopsis: ['[--env NAME ...] [--mirror DIR] [--from CDKTF_OUT]'],
  flags: {
    env: { type: 'string', multiple: true, value: 'NAME', description: 'Validate this environment (default: every environment).' },
    mirror: { type: 'string', value: 'DIR', description: 'Install providers from the filesystem mirror DIR, with DIR/terraformrc as TF_CLI_CONFIG_FILE (default: TF_CLI_CONFIG_FILE if set, else the registry).' },
    from: { type: 'string', value: 'CDKTF_OUT', description: 'Read CDKTF_OUT/stacks/<env>/cdk.tf.json (default cdktf.out); a missing stack is synthesized in-process.' },
  },
  failedMeans: 'an error diagnostic or a failed terraform init',
  notes: ['Exit 2 also when terraform is not on PATH: then nothing was validated.'],
});

export interface ValidateIo extends Io {
  /** Directory relative paths (`cdktf.out`, `--mirror`) are resolved against. */
  readonly cwd: string;
  /** The environment: PATH finds terraform, TF_CLI_CONFIG_FILE may name a CLI configuration; terraform inherits it. */
  readonly env: NodeJS.ProcessEnv;
}

/** The CLI: returns the exit code. */
export function runValidate(argv: readonly string[], io: ValidateIo = { ...processIo, cwd: process.cwd(), env: process.env }): Promise<number> {
  const classify = (e: unknown) => (e instanceof StackError ? { exitCode: 2 as const, message: e.message } : classifyFailure(e));
  return runCommand(VALIDATE, argv, io, classify, ({ values }) => validate(values, io));
}

async function validate(args: { env: string[]; mirror?: string; from?: string }, io: ValidateIo): Promise<number> {
  const fromDir = path.resolve(io.cwd, args.from ?? 'cdktf.out');
  const shipped = loadEnvironments().map((e) => e.name);
  // Any stack in the output directory can be named (the state bootstrap stack, a stack synthesized elsewhere).
  const known = [...new Set([...shipped, ...synthesizedEnvironments(fromDir)])];
  const environments = args.env.length > 0 ? selectEnvironments(known.map((name) => ({ name })), args.env).map((e) => e.name) : shipped;

  let cliConfigFile: string | undefined;
  if (args.mirror !== undefined) {
    cliConfigFile = path.join(path.resolve(io.cwd, args.mirror), 'terraformrc');
    if (!fs.existsSync(cliConfigFile)) throw new UsageError(`--mirror ${args.mirror}: no terraformrc in it (the CLI configuration naming the mirror as a filesystem_mirror)`);
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

  const stacks = loadStacks(environments, fromDir, io);

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

if (require.main === module) runValidate(process.argv.slice(2)).then((code) => { process.exitCode = code; });

/**
 * Architecture diagrams from the synthesized plan (not from config):
 *
 *   npm run diagram                      every environment
 *   npm run diagram -- --env prod        one environment (repeatable)
 *   npm run diagram -- --out DIR         write somewhere other than docs/
 *   npm run diagram -- --from DIR        read stacks from DIR/stacks/<env>/cdk.tf.json (default cdktf.out)
 *   npm run diagram -- --synth           synthesize in-process even when a synthesized stack exists
 *
 * For each environment it writes `<out>/architecture-<env>.md` (legend, Mermaid flowchart, tables of
 * private endpoints and role assignments) and `<out>/architecture-<env>.svg` (the same graph laid out
 * by Graphviz compiled to WebAssembly, offline). A stack that has not been synthesized is synthesized
 * in-process into a temporary directory with `synthesize()` from main.ts.
 *
 * Exit codes: 0 written, 1 invalid config, 2 usage or unreadable plan.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ENVIRONMENTS } from '../environments';
import { ConfigError, ConfigErrors } from '../environments/schema';
import { Plan, PlanError, loadPlan } from '../policy/plan';
import { toDot } from './diagram/dot';
import { toMarkdown } from './diagram/markdown';
import { toMermaid } from './diagram/mermaid';
import { Architecture, buildArchitecture } from './diagram/model';
import { renderSvg } from './diagram/svg';

export { buildArchitecture } from './diagram/model';
export { toDot } from './diagram/dot';
export { toMermaid } from './diagram/mermaid';
export { renderSvg } from './diagram/svg';

const USAGE = 'Usage: npm run diagram -- [--env NAME ...] [--out DIR] [--from CDKTF_OUT_DIR] [--synth]';
const DEFAULT_OUT = path.join(__dirname, '..', 'docs');

export class UsageError extends Error {}

export interface DiagramArgs {
  /** Environments to draw. @default every shipped environment */
  readonly environments: readonly string[];
  /** Where the .md and .svg files go. @default docs/ */
  readonly outDir: string;
  /** The cdktf output directory holding `stacks/<env>/cdk.tf.json`. @default cdktf.out */
  readonly fromDir: string;
  /** Synthesize in-process even when a synthesized stack exists. @default false */
  readonly synth: boolean;
}

/** Everything generated for one environment, before anything is written. */
export interface Diagram {
  readonly architecture: Architecture;
  readonly mermaid: string;
  readonly dot: string;
  readonly markdown: string;
}

/** Builds the diagram of one plan. `source` is the plan's path as the reader should see it. */
export function diagram(plan: Plan, environment: string, source = `cdktf.out/stacks/${environment}/cdk.tf.json`): Diagram {
  const architecture = buildArchitecture(plan, environment);
  const mermaid = toMermaid(architecture);
  return {
    architecture,
    mermaid,
    dot: toDot(architecture),
    markdown: toMarkdown(architecture, { mermaid, svgFile: `architecture-${environment}.svg`, source }),
  };
}

export function parseArgs(argv: readonly string[]): DiagramArgs {
  const environments: string[] = [];
  let outDir = DEFAULT_OUT;
  let fromDir = 'cdktf.out';
  let synth = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${arg} needs a value. ${USAGE}`);
      return v;
    };
    if (arg === '--env') environments.push(value());
    else if (arg.startsWith('--env=')) environments.push(arg.slice('--env='.length));
    else if (arg === '--out') outDir = value();
    else if (arg === '--from') fromDir = value();
    else if (arg === '--synth') synth = true;
    else if (arg === '--help' || arg === '-h') throw new UsageError(USAGE);
    else throw new UsageError(`Unknown argument '${arg}'. ${USAGE}`);
  }
  return { environments, outDir: path.resolve(outDir), fromDir: path.resolve(fromDir), synth };
}

/** Runs the CLI; returns the exit code. */
export function run(argv: readonly string[], log: (line: string) => void = console.log, logError: (line: string) => void = console.error): number {
  let args: DiagramArgs;
  try {
    args = parseArgs(argv);
    const plans = loadPlans(args, log);
    const diagrams = plans.map(({ environment, plan }) => diagram(plan, environment));
    const svgs = renderSvg(diagrams.map((d) => d.dot));
    fs.mkdirSync(args.outDir, { recursive: true });
    diagrams.forEach((d, i) => {
      const env = d.architecture.environment;
      const md = path.join(args.outDir, `architecture-${env}.md`);
      const svg = path.join(args.outDir, `architecture-${env}.svg`);
      fs.writeFileSync(md, d.markdown);
      fs.writeFileSync(svg, svgs[i].endsWith('\n') ? svgs[i] : `${svgs[i]}\n`);
      const a = d.architecture;
      log(`Wrote ${display(md)} and ${display(svg)}: ${a.layers.length} layers, ${a.nodes.length} nodes, `
        + `${a.privateEndpoints.length} private endpoints, ${a.roleAssignments.length} role assignments, `
        + `${a.edges.filter((e) => e.kind === 'request').length} request-path edges`);
    });
    return 0;
  } catch (e) {
    if (e instanceof UsageError || e instanceof PlanError) {
      logError(e.message);
      return 2;
    }
    if (e instanceof ConfigError || e instanceof ConfigErrors) {
      logError(e.message);
      return 1;
    }
    throw e;
  }
}

/** The plan of each selected environment: the synthesized stack, or a fresh in-process synth. */
function loadPlans(args: DiagramArgs, log: (line: string) => void): { environment: string; plan: Plan }[] {
  const shipped = ENVIRONMENTS.map((e) => e.name);
  const stacksDir = path.join(args.fromDir, 'stacks');
  const synthesized = fs.existsSync(stacksDir) ? fs.readdirSync(stacksDir).filter((d) => fs.existsSync(path.join(stacksDir, d, 'cdk.tf.json'))) : [];
  const known = [...new Set([...shipped, ...synthesized])];
  const unknown = args.environments.filter((e) => !known.includes(e));
  if (unknown.length > 0) throw new UsageError(`Unknown environment ${unknown.map((e) => `'${e}'`).join(', ')}; known: ${known.join(', ')}`);
  const selected = args.environments.length > 0 ? [...new Set(args.environments)] : shipped;

  const files = new Map(selected.map((env) => [env, path.join(stacksDir, env, 'cdk.tf.json')]));
  const missing = selected.filter((env) => args.synth || !fs.existsSync(files.get(env) as string));
  let tmp: string | undefined;
  try {
    if (missing.length > 0) {
      tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'diagram-'));
      const outdir = synthesizeInto(tmp, missing);
      for (const env of missing) files.set(env, path.join(outdir, 'stacks', env, 'cdk.tf.json'));
      log(`Synthesized ${missing.join(', ')} in-process (${args.synth ? '--synth' : `no ${display(stacksDir)}/<env>/cdk.tf.json`})`);
    }
    return selected.map((environment) => ({ environment, plan: loadPlan(files.get(environment) as string) }));
  } finally {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** Synthesizes `environments` into `<dir>/cdktf.out`; a stack that fails policy review is still drawn. */
function synthesizeInto(dir: string, environments: string[]): string {
  // main.ts loads every azurerm construct: only pay for it when a stack has to be synthesized.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { synthesize, ReviewFailure, UsageError: SynthUsageError } = require('../main') as typeof import('../main');
  try {
    return synthesize({ only: environments, outdir: path.join(dir, 'cdktf.out') }).outdir;
  } catch (e) {
    if (e instanceof ReviewFailure) return e.result.outdir;
    if (e instanceof SynthUsageError) throw new UsageError(e.message);
    throw e;
  }
}

function display(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') ? relative : file;
}

if (require.main === module) {
  process.exitCode = run(process.argv.slice(2));
}

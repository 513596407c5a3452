/**
 * Forks an environment config:
 *
 *   npm run new-env -- --from prod --name uat --region germanywestcentral --cidr 10.60.0.0/22 [--state azurerm|local] [--root DIR]
 *
 * Writes `environments/<name>.ts`, a copy of the source config with `name`, `location` and
 * `network.addressSpace` replaced, subnets re-carved for the new address space, failover model
 * accounts moved off the new region, and its own state container (`tfstate-<name>`) when the state
 * is remote; then registers it in `environments/index.ts`. The new environment is validated with
 * every registered one (`parseEnvironments`) before anything is written. It never overwrites: an
 * existing file or name, a malformed or overlapping CIDR, an unknown region or an invalid result is
 * refused with the reason (exit 2) and nothing is written.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { REGIONS, isKnownRegion } from '../constructs/naming';
import { Cidr, carve, isPrivate, overlaps, parseCidr, rebase } from '../environments/cidr';
import { ConfigError, ConfigErrors, DEFAULT_LAYOUT, EnvironmentInput, NAME_PATTERN, parseEnvironments } from '../environments/schema';
import { CommandLine, Io, defineCommand, parseCommandLine, processIo, runCommand } from './command-line';
import { classifyFailure } from './failures';

export interface NewEnvOptions {
  /** Environment to fork (`environments/<from>.ts`). */
  readonly from: string;
  readonly name: string;
  readonly region: string;
  readonly cidr: string;
  /** @default the source's backend kind; remote state always gets the container `tfstate-<name>` */
  readonly state?: 'azurerm' | 'local';
  /** Repository root holding `environments/`. @default the repository this tool is in */
  readonly root?: string;
}

export interface NewEnvResult {
  /** Written files, relative to the root. */
  readonly written: readonly string[];
  /** The new config, as written. */
  readonly input: EnvironmentInput;
  /** What was changed beyond name, region and address space, one line each. */
  readonly changes: readonly string[];
  /** Things to look at before the first deploy. */
  readonly warnings: readonly string[];
}

/** A refusal: the message says why; nothing was written. */
export class NewEnvError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NewEnvError';
  }
}

const DEFAULT_ROOT = path.resolve(__dirname, '..');
/** Subnet layout for VNets smaller than /22 (the default layout's minimum): [offset in blocks of the VNet, prefix delta]. */
const COMPACT_LAYOUT = { privateEndpoints: [0, 2], apim: [1, 3], apps: [2, 1] } as const;
type SubnetKey = keyof typeof COMPACT_LAYOUT;

/** Forks `options.from` into `options.name`; throws `NewEnvError` (and writes nothing) when it cannot. */
export function newEnvironment(options: NewEnvOptions): NewEnvResult {
  const root = path.resolve(options.root ?? DEFAULT_ROOT);
  const dir = path.join(root, 'environments');
  const indexFile = path.join(dir, 'index.ts');
  const target = path.join(dir, `${options.name}.ts`);
  const rel = (file: string) => path.relative(root, file).split(path.sep).join('/');

  const problems: string[] = [];
  if (!NAME_PATTERN.test(options.name)) problems.push(`--name '${options.name}' must be 2-8 lowercase letters or digits, starting with a letter (it is part of every resource name)`);
  if (!isKnownRegion(options.region)) problems.push(`--region '${options.region}' is not an allowed region; allowed: ${Object.keys(REGIONS).join(', ')}`);
  const cidr = parseCidr(options.cidr);
  if (typeof cidr === 'string') problems.push(`--cidr ${cidr}`);
  else if (!isPrivate(cidr)) problems.push(`--cidr ${cidr.text} must be inside RFC 1918 private space (10/8, 172.16/12, 192.168/16)`);
  else if (cidr.prefix > 24) problems.push(`--cidr ${cidr.text} is too small for the platform's subnets; use /24 or larger (/22 or larger for the default layout)`);
  if (options.state !== undefined && options.state !== 'azurerm' && options.state !== 'local') problems.push(`--state must be 'azurerm' or 'local', got '${String(options.state)}'`);
  if (!NAME_PATTERN.test(options.from)) throw new NewEnvError(`--from '${options.from}' must name an environment file of environments/ (e.g. prod)`);
  const sourceFile = path.join(dir, `${options.from}.ts`);
  if (!fs.existsSync(sourceFile)) problems.push(`--from '${options.from}': ${rel(sourceFile)} does not exist`);
  if (fs.existsSync(target)) problems.push(`${rel(target)} already exists; new-env never overwrites (choose another --name, or delete the file first)`);
  if (!fs.existsSync(indexFile)) problems.push(`${rel(indexFile)} does not exist`);
  if (!fs.existsSync(sourceFile) || !fs.existsSync(indexFile)) throw new NewEnvError(list(problems));

  const loader = new ConfigLoader();
  const existing = loader.environments(indexFile);
  const source = loader.defaultExport(sourceFile) as EnvironmentInput;
  for (const other of typeof cidr === 'string' ? [] : existing) {
    const otherCidr = parseCidr(String(other.network?.addressSpace));
    if (typeof otherCidr !== 'string' && overlaps(cidr as Cidr, otherCidr)) {
      problems.push(`--cidr ${(cidr as Cidr).text} overlaps environment '${other.name}' (${otherCidr.text}); environments share one hub and must not overlap`);
    }
  }
  if (problems.length > 0) throw new NewEnvError(list(problems));
  const vnet = cidr as Cidr;

  const changes: string[] = [];
  const warnings: string[] = [];
  const input = fork(source, options, vnet, existing, changes, warnings);
  try {
    parseEnvironments([...existing, input]);
  } catch (e) {
    if (e instanceof ConfigErrors || e instanceof ConfigError) {
      throw new NewEnvError(`the forked environment would not validate:\n${e.message}`);
    }
    throw e;
  }

  const identifier = importName(options.name);
  const text = renderConfig(input, identifier, options.from, options.region, vnet.text);
  if (JSON.stringify(evaluateLiteral(text)) !== JSON.stringify(input)) {
    throw new NewEnvError(`internal error: the rendered ${rel(target)} does not reproduce the config`);
  }
  const index = register(fs.readFileSync(indexFile, 'utf8'), options.name, identifier, rel(indexFile));

  // Everything is known to be valid: write the config, then the registration (undone if it fails).
  const temporary = `${target}.tmp-${process.pid}`;
  fs.writeFileSync(temporary, text, { flag: 'wx' });
  try {
    fs.renameSync(temporary, target);
    fs.writeFileSync(indexFile, index);
  } catch (e) {
    fs.rmSync(temporary, { force: true });
    fs.rmSync(target, { force: true });
    throw e;
  }
  return { written: [rel(target), rel(indexFile)], input, changes, warnings };
}

function list(problems: readonly string[]): string {
  return problems.length === 1 ? problems[0] : `${problems.length} problems:${problems.map((p) => `\n  - ${p}`).join('')}`;
}

/** Every registered environment input of a repository root (`environments/index.ts`), read afresh. */
export function loadEnvironments(root: string = DEFAULT_ROOT): EnvironmentInput[] {
  return new ConfigLoader().environments(path.join(path.resolve(root), 'environments', 'index.ts'));
}

/** The source config with the new identity, region, network and state. */
function fork(source: EnvironmentInput, options: NewEnvOptions, vnet: Cidr, existing: readonly EnvironmentInput[], changes: string[], warnings: string[]): EnvironmentInput {
  const copy = structuredClone(source) as Mutable<EnvironmentInput>;
  copy.name = options.name;
  copy.location = options.region;
  const network = copy.network as Mutable<EnvironmentInput['network']>;
  network.addressSpace = vnet.text;
  const subnets = carveSubnets(source, vnet);
  if (subnets) {
    network.subnets = subnets;
    changes.push(`network.subnets: ${Object.entries(subnets).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  } else {
    delete network.subnets;
    if (source.network.subnets) changes.push(`network.subnets: dropped, the default layout applies (${defaultLayoutText()})`);
  }

  const accounts = (copy.ai.accounts as Mutable<EnvironmentInput['ai']['accounts'][number]>[]);
  accounts.forEach((account, i) => {
    if (i === 0) {
      if (account.location !== undefined && account.location === source.location) {
        account.location = options.region;
        changes.push(`ai.accounts[0].location: ${source.location} -> ${options.region} (the primary follows the environment)`);
      }
      return;
    }
    if (account.location === options.region) {
      const moved = failoverRegion(options.region, source.location);
      account.location = moved;
      changes.push(`ai.accounts[${i}].location: ${options.region} -> ${moved} (a failover account must be in another region than the primary)`);
    }
    const zone = REGIONS[account.location ?? options.region]?.dataZone;
    if (zone !== REGIONS[options.region].dataZone) {
      warnings.push(`ai.accounts[${i}] (${account.name}) is in ${account.location} (data zone ${zone ?? 'none'}) while the primary moves to ${options.region} (data zone ${REGIONS[options.region].dataZone ?? 'none'}): check data residency`);
    }
  });

  const kind = options.state ?? source.state?.backend ?? 'local';
  if (kind === 'local') {
    if (source.state?.backend === 'azurerm') changes.push('state: local backend (CI plans and deploys only environments with remote state)');
    delete copy.state;
  } else {
    const account = source.state?.backend === 'azurerm'
      ? source.state
      : existing.map((e) => e.state).find((s): s is Extract<NonNullable<EnvironmentInput['state']>, { backend: 'azurerm' }> => s?.backend === 'azurerm');
    if (!account) {
      throw new NewEnvError("--state azurerm: no registered environment names a state account to share; set `state` in the new file by hand (see docs/deploy.md)");
    }
    copy.state = {
      backend: 'azurerm',
      resourceGroupName: account.resourceGroupName,
      storageAccountName: account.storageAccountName,
      containerName: `tfstate-${options.name}`,
      ...(account.subscriptionId ? { subscriptionId: account.subscriptionId } : {}),
      ...(account.tenantId ? { tenantId: account.tenantId } : {}),
    };
    changes.push(`state: azurerm, container tfstate-${options.name} in ${account.storageAccountName} (re-apply the state stack to create it)`);
  }
  return copy as EnvironmentInput;
}

/**
 * Subnets for the new VNet: the source's explicit layout moved to the new address space when it fits;
 * otherwise none (the default layout) for /22 and larger, or a compact layout for /23 and /24.
 */
function carveSubnets(source: EnvironmentInput, vnet: Cidr): Record<SubnetKey, string> | undefined {
  const explicit = source.network.subnets;
  const sourceVnet = parseCidr(source.network.addressSpace);
  if (explicit && typeof sourceVnet !== 'string') {
    const moved: Partial<Record<SubnetKey, string>> = {};
    for (const key of ['privateEndpoints', 'apim', 'apps'] as const) {
      const subnet = explicit[key] === undefined ? undefined : parseCidr(explicit[key]!);
      const candidate = subnet === undefined || typeof subnet === 'string' ? undefined : rebase(subnet, sourceVnet, vnet);
      if (candidate === undefined) break;
      moved[key] = candidate;
    }
    if (Object.keys(moved).length === 3) return moved as Record<SubnetKey, string>;
  }
  if (vnet.prefix <= 22) return undefined;
  const block = vnet.size / 4;
  return Object.fromEntries((Object.entries(COMPACT_LAYOUT) as [SubnetKey, readonly [number, number]][])
    .map(([key, [blocks, delta]]) => [key, carve(vnet, blocks * block, vnet.prefix + delta)])) as Record<SubnetKey, string>;
}

/** The schema's default subnet prefixes, e.g. `privateEndpoints /24, apim /27, apps /23`. */
function defaultLayoutText(): string {
  return Object.entries(DEFAULT_LAYOUT).map(([key, [, prefix]]) => `${key} /${prefix}`).join(', ');
}

/** Another region for a failover account: the source's primary region when it shares the data zone, else the first that does. */
function failoverRegion(region: string, sourceRegion: string): string {
  const zone = REGIONS[region].dataZone;
  if (sourceRegion !== region && REGIONS[sourceRegion]?.dataZone === zone) return sourceRegion;
  return Object.keys(REGIONS).find((r) => r !== region && REGIONS[r].dataZone === zone)!;
}

/** `index.ts` with the new environment imported and appended to `ENVIRONMENTS`. */
function register(index: string, name: string, identifier: string, file: string): string {
  const list = /(export const ENVIRONMENTS\b[^=]*=\s*\[)([^\]]*)(\])/;
  const match = list.exec(index);
  const imports = [...index.matchAll(/^import\s+(?!type\b)\w+\s+from\s+'\.\/[^']+';[^\n]*\n/gm)];
  if (!match || imports.length === 0) {
    throw new NewEnvError(`cannot find the environment imports and the ENVIRONMENTS array in ${file}; register '${name}' by hand`);
  }
  const entries = match[2].split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  const withList = index.replace(list, `$1${[...entries, identifier].join(', ')}$3`);
  const last = imports[imports.length - 1];
  const at = (last.index ?? 0) + last[0].length;
  return `${withList.slice(0, at)}import ${identifier} from './${name}';\n${withList.slice(at)}`;
}

const RESERVED = new Set(['break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else', 'enum', 'export', 'extends', 'false', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof', 'new', 'null', 'return', 'super', 'switch', 'this', 'throw', 'true', 'try', 'typeof', 'var', 'void', 'while', 'with', 'yield', 'let', 'static', 'implements', 'interface', 'package', 'private', 'protected', 'public', 'await', 'as', 'async', 'of', 'type', 'eval', 'arguments']);

function importName(name: string): string {
  return RESERVED.has(name) ? `${name}Env` : name;
}

// ---------------------------------------------------------------------------------------------
// Rendering: a TypeScript object literal in the style of the shipped configs
// ---------------------------------------------------------------------------------------------

function renderConfig(input: EnvironmentInput, identifier: string, from: string, region: string, cidr: string): string {
  return [
    "import type { EnvironmentInput } from './schema';",
    '',
    '/**',
    ` * ${input.name}: forked from \`${from}\` with \`npm run new-env\` (${region}, VNet ${cidr}).`,
    ' * Before the first deploy, review owner, costCenter, budgets, monitoring.alertEmails, the gateway',
    ' * teams and the model capacity (docs/forking.md).',
    ' */',
    `const ${identifier}: EnvironmentInput = ${literal(input, '')};`,
    '',
    `export default ${identifier};`,
    '',
  ].join('\n');
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const INLINE_WIDTH = 110;

function literal(value: unknown, indent: string): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
  if (typeof value === 'number') return Number.isInteger(value) && Math.abs(value) >= 10_000 ? String(value).replace(/\B(?=(\d{3})+(?!\d))/g, '_') : String(value);
  if (typeof value === 'boolean') return String(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const flat = `[${value.map((v) => literal(v, inner)).join(', ')}]`;
    if (!flat.includes('\n') && flat.length + indent.length <= INLINE_WIDTH) return flat;
    return `[\n${value.map((v) => `${inner}${inlineOrBlock(v, inner)},`).join('\n')}\n${indent}]`;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return '{}';
    if (entries.every(([, v]) => v === null || typeof v !== 'object')) {
      const flat = `{ ${entries.map(([k, v]) => `${key(k)}: ${literal(v, inner)}`).join(', ')} }`;
      if (flat.length + indent.length <= INLINE_WIDTH - 30) return flat;
    }
    return `{\n${entries.map(([k, v]) => `${inner}${key(k)}: ${literal(v, inner)},`).join('\n')}\n${indent}}`;
  }
  throw new Error(`cannot render ${typeof value}`);
}

/** Objects in arrays (deployments, teams) on one line when they fit, as in the shipped configs. */
function inlineOrBlock(value: unknown, indent: string): string {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    const flat = `{ ${entries.map(([k, v]) => `${key(k)}: ${literal(v, indent)}`).join(', ')} }`;
    if (!flat.includes('\n') && flat.length + indent.length <= INLINE_WIDTH + 60) return flat;
  }
  return literal(value, indent);
}

function key(name: string): string {
  return IDENTIFIER.test(name) ? name : `'${name}'`;
}

/** The object literal of a rendered config, evaluated (to prove the text says what was validated). */
function evaluateLiteral(text: string): unknown {
  const start = text.indexOf('= {') + 2;
  const end = text.lastIndexOf('};') + 1;
  return new Function(`return (${text.slice(start, end)});`)();
}

// ---------------------------------------------------------------------------------------------
// Loading configs from any root, without the module cache (the files change under us)
// ---------------------------------------------------------------------------------------------

class ConfigLoader {
  private readonly cache = new Map<string, Record<string, unknown>>();

  /** `ENVIRONMENTS` of an index file. */
  environments(indexFile: string): EnvironmentInput[] {
    const list = this.load(indexFile).ENVIRONMENTS;
    if (!Array.isArray(list)) throw new NewEnvError(`${indexFile} does not export an ENVIRONMENTS array`);
    return list as EnvironmentInput[];
  }

  defaultExport(file: string): unknown {
    const value = this.load(file).default;
    if (value === null || typeof value !== 'object') throw new NewEnvError(`${file} has no default-exported config object`);
    return value;
  }

  private load(file: string): Record<string, unknown> {
    const cached = this.cache.get(file);
    if (cached) return cached;
    const source = fs.readFileSync(file, 'utf8');
    const { outputText } = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
      fileName: file,
    });
    const module = { exports: {} as Record<string, unknown> };
    this.cache.set(file, module.exports);
    const localRequire = (specifier: string): unknown => {
      // Configs are plain objects (DESIGN §5); they import only each other and types.
      if (!specifier.startsWith('.')) throw new NewEnvError(`${file}: imports '${specifier}'; new-env reads configs that import only other files of environments/`);
      const resolved = path.resolve(path.dirname(file), specifier);
      const candidate = [`${resolved}.ts`, path.join(resolved, 'index.ts')].find((f) => fs.existsSync(f));
      if (!candidate) throw new NewEnvError(`${file}: cannot resolve '${specifier}'`);
      return this.load(candidate);
    };
    new Function('exports', 'require', 'module', '__filename', '__dirname', outputText)(module.exports, localRequire, module, file, path.dirname(file));
    this.cache.set(file, module.exports);
    return module.exports;
  }
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

// ---------------------------------------------------------------------------------------------
// CLI
// ---------------------------------------------------------------------------------------------

export const NEW_ENV = defineCommand({
  name: 'new-env',
  summary: 'Forks an environment config into environments/<name>.ts (new name, region and address space; subnets, failover accounts and state moved with them) and registers it; validated with every environment before anything is written.',
  synopsis: ['--from ENV --name NAME --region REGION --cidr CIDR [--state azurerm|local] [--root DIR]'],
  flags: {
    from: { type: 'string', required: true, value: 'ENV', description: 'The environment to copy' },
    name: { type: 'string', required: true, value: 'NAME', description: 'The new environment\'s name: 2-8 lowercase letters or digits' },
    region: { type: 'string', required: true, value: 'REGION', description: 'Its Azure region, from the allowlist' },
    cidr: { type: 'string', required: true, value: 'CIDR', description: 'Its VNet address space: RFC 1918, /24 or larger, overlapping no other environment' },
    state: { type: 'string', choices: ['azurerm', 'local'], description: 'State backend (default: the source\'s; azurerm gets the container tfstate-<name>).' },
    root: { type: 'string', value: 'DIR', description: 'Repository root holding environments/ (default: this checkout).' },
  },
  atomic: true,
  failedMeans: 'never',
});

/** The options of `argv`; `undefined` for --help. Throws `UsageError` naming every problem. */
export function parseArgs(argv: readonly string[]): NewEnvOptions | undefined {
  const line = parseCommandLine(NEW_ENV, argv);
  return line && optionsOf(line);
}

function optionsOf({ values }: CommandLine<typeof NEW_ENV.flags>): NewEnvOptions {
  return { from: values.from, name: values.name, region: values.region, cidr: values.cidr, state: values.state, root: values.root };
}

/** Runs the CLI; returns the exit code (0 written, 2 refused: nothing written). */
export function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  const classify = (e: unknown) => (e instanceof NewEnvError ? { exitCode: 2 as const, message: `new-env: ${e.message}\nNothing was written.` } : classifyFailure(e));
  return runCommand(NEW_ENV, argv, io, classify, (line) => {
    const options = optionsOf(line);
    const result = newEnvironment(options);
    const out = (line: string) => io.stdout(`${line}\n`);
    out(`Wrote ${result.written[0]} (forked from ${options.from}: ${options.region}, VNet ${options.cidr}) and registered '${options.name}' in ${result.written[1]}.`);
    for (const change of result.changes) out(`  changed ${change}`);
    for (const warning of result.warnings) out(`  warning: ${warning}`);
    out('Next: review owner, costCenter, budgets, alert emails, teams and model capacity in the new file;');
    out(`  npm run synth -- --env ${options.name}   validates, synthesizes and reviews it;`);
    out('  then follow docs/forking.md (state container, deploy identity, GitHub environment with reviewers).');
    return 0;
  });
}

if (require.main === module) main(process.argv.slice(2)).then((code) => { process.exitCode = code; });

/**
 * The pure half of `npm run validate`: the stack terraform is given (backend removed), where a
 * diagnostic of `terraform validate -json` points (resource address and construct path), what a run
 * prints and its exit code. Running terraform is `./terraform.ts`; the CLI is `../validate.ts`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { blockPaths } from '../../policy/plan';

/** The file name terraform is given in each scratch directory (and names in its diagnostics). */
export const STACK_FILE = 'cdk.tf.json';

/** A stack that is not a readable cdktf `cdk.tf.json`: bad input, exit code 2. */
export class StackError extends Error {}

/** One diagnostic of `terraform validate -json` (format_version 1.0), as far as this tool reads it. */
export interface TerraformDiagnostic {
  readonly severity: 'error' | 'warning';
  readonly summary: string;
  readonly detail?: string;
  /** Terraform 1.9+ names the resource of some diagnostics itself. */
  readonly address?: string;
  readonly range?: { readonly filename: string; readonly start: { readonly line: number; readonly column?: number } };
  readonly snippet?: { readonly context?: string | null; readonly code?: string; readonly start_line?: number };
}

/** A diagnostic placed in the stack: the block its line is in and that block's cdktf construct path. */
export interface Finding {
  readonly severity: 'error' | 'warning';
  readonly summary: string;
  readonly detail: string;
  /** Where it came from: `terraform validate`, or a failed `terraform init` (counted as an error). */
  readonly phase: 'init' | 'validate';
  /** `azurerm_key_vault.key-vault_FE1F1979`, `data.azurerm_client_config.client`, `output.gateway_url`, `provider.azurerm`... */
  readonly address?: string;
  /** `prod/key-vault/vault`: the `//` metadata path cdktf records for the block. */
  readonly constructPath?: string;
  /** 1-based line in the stack file terraform validated. */
  readonly line?: number;
}

/** What happened to one stack. */
export interface StackResult {
  readonly environment: string;
  /** Resources (`resource.<type>.<name>`) in the stack. */
  readonly resources: number;
  readonly findings: readonly Finding[];
  /** `terraform init` failed: nothing was validated; its messages are the findings. */
  readonly initFailed: boolean;
  readonly initMs: number;
  readonly validateMs: number;
}

/** A stack ready for terraform: the JSON it is given and where each of its lines belongs. */
export interface PreparedStack {
  /** The stack without `terraform.backend`, pretty-printed with 2-space indentation like cdktf writes it. */
  readonly json: string;
  readonly resources: number;
  /** The backend that was removed (`azurerm`, `local`), if the stack named one. */
  readonly removedBackend?: string;
  /** The block a 1-based line of `json` belongs to; undefined outside any block (the braces of the document). */
  readonly locate: (line: number) => { readonly address: string; readonly constructPath?: string } | undefined;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The document without `terraform.backend`: validation needs no state, and an `azurerm` backend would
 * need credentials at init. The input is not changed.
 */
export function stripBackend(doc: Json): { readonly doc: Json; readonly removedBackend?: string } {
  const terraform = doc.terraform;
  if (!isObject(terraform) || !('backend' in terraform)) return { doc };
  const { backend, ...rest } = terraform;
  return { doc: { ...doc, terraform: rest }, removedBackend: isObject(backend) ? Object.keys(backend).join(', ') : undefined };
}

/** Parses a synthesized stack (`source` names it in errors), removes its backend and indexes its lines. */
export function prepareStack(text: string, source: string): PreparedStack {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new StackError(`${source}: not valid JSON: ${(e as Error).message}`);
  }
  if (!isObject(doc) || !('resource' in doc || 'terraform' in doc)) {
    throw new StackError(`${source}: not a cdktf stack (no "resource" or "terraform" key)`);
  }
  const { doc: stripped, removedBackend } = stripBackend(doc);
  const json = `${JSON.stringify(stripped, null, 2)}\n`;
  const resources = isObject(stripped.resource) ? Object.values(stripped.resource).reduce<number>((n, byName) => n + (isObject(byName) ? Object.keys(byName).length : 0), 0) : 0;
  const blocks = blockPaths(json);
  return {
    json,
    resources,
    removedBackend,
    locate: (line) => {
      const keys = blocks[line - 1];
      const address = keys && addressOf(keys);
      return address === undefined ? undefined : { address, constructPath: constructPathOf(stripped, keys as string[]) };
    },
  };
}

/** The Terraform address of the block `keys` leads into (`resource`, type, name...), or undefined. */
function addressOf(keys: readonly string[]): string | undefined {
  const [top, a, b] = keys;
  switch (top) {
    case 'resource': return b === undefined ? (a === undefined ? undefined : `resource.${a}`) : `${a}.${b}`;
    case 'data': return b === undefined ? (a === undefined ? undefined : `data.${a}`) : `data.${a}.${b}`;
    case 'output': return a === undefined ? 'output' : `output.${a}`;
    case 'variable': return a === undefined ? 'variable' : `var.${a}`;
    case 'locals': return a === undefined ? 'locals' : `local.${a}`;
    case 'module': return a === undefined ? 'module' : `module.${a}`;
    case 'provider': return a === undefined ? 'provider' : `provider.${a}`;
    case 'terraform': return 'terraform';
    default: return undefined;
  }
}

/** The `//` metadata path of the block (resource, data source, output, provider) `keys` leads into. */
function constructPathOf(doc: Json, keys: readonly string[]): string | undefined {
  const depth = keys[0] === 'resource' || keys[0] === 'data' ? 3 : 2;
  if (keys.length < depth) return undefined;
  let node: unknown = doc;
  for (const key of keys.slice(0, depth)) node = isObject(node) ? node[key] : undefined;
  // Providers are lists of configurations; cdktf writes one per provider unless aliased.
  if (Array.isArray(node) && node.length === 1) node = node[0];
  const meta = isObject(node) ? node['//'] : undefined;
  const constructPath = isObject(meta) && isObject(meta.metadata) ? meta.metadata.path : undefined;
  return typeof constructPath === 'string' ? constructPath : undefined;
}

/** The diagnostics of `terraform validate -json` stdout; throws a `StackError` when it is not that document. */
export function parseValidateOutput(stdout: string): TerraformDiagnostic[] {
  let doc: unknown;
  try {
    doc = JSON.parse(stdout);
  } catch {
    throw new StackError(`terraform validate -json printed no JSON document${stdout.trim() ? `: ${oneLine(stdout).slice(0, 500)}` : ''}`);
  }
  if (!isObject(doc) || !Array.isArray(doc.diagnostics)) throw new StackError('terraform validate -json printed JSON without "diagnostics"');
  return doc.diagnostics as TerraformDiagnostic[];
}

/** A validate diagnostic placed in the stack by its line (else by the address terraform gives). */
export function locateDiagnostic(diagnostic: TerraformDiagnostic, stack: Pick<PreparedStack, 'locate'>): Finding {
  const line = diagnostic.range?.start?.line ?? diagnostic.snippet?.start_line;
  const inStack = diagnostic.range === undefined || path.basename(diagnostic.range.filename) === STACK_FILE;
  const located = line !== undefined && inStack ? stack.locate(line) : undefined;
  const context = diagnostic.snippet?.context ?? undefined;
  return {
    severity: diagnostic.severity === 'warning' ? 'warning' : 'error',
    summary: diagnostic.summary ?? '',
    detail: diagnostic.detail ?? '',
    phase: 'validate',
    address: located?.address ?? diagnostic.address ?? (context ? context.replace(/^resource\./, '') : undefined),
    constructPath: located?.constructPath,
    line: inStack ? line : undefined,
  };
}

/**
 * The errors and warnings in terraform's human-readable output (`terraform init` writes its failures to
 * stderr as `Error: <summary>` then a paragraph; without -no-color inside `╷ │ ╵` boxes).
 */
export function parseTerraformMessages(output: string): { severity: 'error' | 'warning'; summary: string; detail: string }[] {
  const messages: { severity: 'error' | 'warning'; summary: string; lines: string[] }[] = [];
  for (const raw of output.split('\n')) {
    const line = raw.replace(/^[╷│╵]\s?/, '');
    const head = /^(Error|Warning): (.*)$/.exec(line.trim());
    if (head) messages.push({ severity: head[1] === 'Error' ? 'error' : 'warning', summary: head[2].trim(), lines: [] });
    else if (messages.length > 0) messages[messages.length - 1].lines.push(line);
  }
  return messages.map((m) => ({ severity: m.severity, summary: m.summary, detail: oneLine(m.lines.join('\n')) }));
}

/** What a failed `terraform init` reports: its errors, or its exit code and output when it printed none. */
export function initFindings(exitCode: number | null, stderr: string, stdout = ''): Finding[] {
  const errors = parseTerraformMessages(`${stdout}\n${stderr}`).filter((m) => m.severity === 'error');
  if (errors.length > 0) return errors.map((m) => ({ ...m, phase: 'init' }));
  const output = oneLine(stderr || stdout);
  return [{ severity: 'error', summary: `terraform init failed (exit ${exitCode ?? 'signal'})`, detail: output.slice(0, 2000), phase: 'init' }];
}

/** Text on one line: runs of whitespace (newlines included) become one space. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `prod: error azapi_resource.gateway_logger_3BD7F3D8 (prod/gateway/logger): <summary>: <detail>` */
export function formatFinding(environment: string, f: Finding): string {
  const where = f.phase === 'init' ? ' terraform init' : f.address ? ` ${f.address}${f.constructPath ? ` (${f.constructPath})` : ''}` : '';
  const detail = oneLine(f.detail);
  return `${environment}: ${f.severity}${where}: ${oneLine(f.summary)}${detail ? `: ${detail}` : ''}`;
}

/** `validate prod: ok (189 resources)`, `validate prod: ok (189 resources), 1 warning` or `validate prod: 2 errors, 1 warning`. */
export function formatSummary(result: StackResult): string {
  const errors = result.findings.filter((f) => f.severity === 'error').length;
  const warnings = result.findings.length - errors;
  if (result.initFailed) return `validate ${result.environment}: ${plural(errors, 'error')}, ${plural(warnings, 'warning')} (terraform init failed: not validated)`;
  if (errors === 0) return `validate ${result.environment}: ok (${plural(result.resources, 'resource')})${warnings > 0 ? `, ${plural(warnings, 'warning')}` : ''}`;
  return `validate ${result.environment}: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
}

/** Every line printed for a stack: one per finding, then its summary. */
export function formatResult(result: StackResult): string[] {
  return [...result.findings.map((f) => formatFinding(result.environment, f)), formatSummary(result)];
}

/** 0 when every stack initialized and validated without an error diagnostic, else 1 (warnings do not fail). */
export function exitCode(results: readonly StackResult[]): 0 | 1 {
  return results.some((r) => r.initFailed || r.findings.some((f) => f.severity === 'error')) ? 1 : 0;
}

/** The first executable `name` in the directories of `PATH` (and `PATHEXT` on Windows), or undefined. */
export function findOnPath(name: string, envPath: string | undefined, pathExt: string | undefined = process.platform === 'win32' ? process.env.PATHEXT : undefined): string | undefined {
  const exts = pathExt ? ['', ...pathExt.split(';').filter(Boolean)] : [''];
  for (const dir of (envPath ?? '').split(path.delimiter).filter(Boolean)) {
    for (const ext of exts) {
      const candidate = path.join(dir, name + ext);
      try {
        if (fs.statSync(candidate).isFile()) {
          fs.accessSync(candidate, fs.constants.X_OK);
          return candidate;
        }
      } catch {
        // not here, or not executable
      }
    }
  }
  return undefined;
}

/** Where terraform installs providers from, for the environment of its processes. */
export interface ProviderSource {
  /** A CLI configuration (`--mirror DIR` gives `DIR/terraformrc`); undefined keeps the caller's environment. */
  readonly cliConfigFile?: string;
  /** A plugin cache shared by the stacks of one run. */
  readonly pluginCacheDir?: string;
}

/**
 * The environment terraform runs with: the caller's, without checkpoint calls or prompts, with the
 * provider source applied. `TF_DATA_DIR` is dropped: each stack's `.terraform` stays in its scratch directory.
 */
export function terraformEnv(base: NodeJS.ProcessEnv, source: ProviderSource): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1', TF_INPUT: '0' };
  delete env.TF_DATA_DIR;
  if (source.cliConfigFile !== undefined) env.TF_CLI_CONFIG_FILE = source.cliConfigFile;
  if (source.pluginCacheDir !== undefined) {
    env.TF_PLUGIN_CACHE_DIR = source.pluginCacheDir;
    // The scratch directories have no lock file; without this terraform >= 1.4 ignores the cache.
    env.TF_PLUGIN_CACHE_MAY_BREAK_DEPENDENCY_LOCK_FILE = 'true';
  }
  return env;
}

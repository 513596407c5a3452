/**
 * Loads what the policy engine reviews: a cdktf `cdk.tf.json` or a `terraform show -json` plan, into
 * one normalized list of resources. Values Terraform cannot know before apply become the token
 * `UNKNOWN_VALUE` (cdktf already writes them as `${...}` expressions), so rules treat both alike.
 */
import * as fs from 'fs';

/** Stands in for a value known only after apply in plan JSON (`after_unknown`). */
export const UNKNOWN_VALUE = '${unknown-after-apply}';

/** A suppression recorded with a resource: in cdk.tf.json metadata, or from a suppressions file. */
export type { Suppression } from '../catalog/suppressions';
import type { Suppression } from '../catalog/suppressions';

export interface PlanResource {
  /** Terraform address, e.g. `azurerm_key_vault.key-vault_FE1F1979` (module-prefixed in plans). */
  readonly address: string;
  readonly type: string;
  readonly name: string;
  /** Attribute values; expressions and unknown values are strings containing `${`. */
  readonly values: Readonly<Record<string, unknown>>;
  /** Addresses of resources this one references. */
  readonly references: readonly string[];
  /** Addresses in its `depends_on` (cdk.tf.json values, or the plan's `configuration` section). */
  readonly dependsOn: readonly string[];
  /**
   * Its `local-exec` provisioner commands (cdk.tf.json `provisioner`, or the plan's `configuration`
   * section): an RBAC-propagation wait is a `terraform_data` that sleeps.
   */
  readonly localExecCommands: readonly string[];
  /**
   * Its `lifecycle` block (cdk.tf.json); undefined in `terraform show -json`, which does not carry it, so a
   * rule that needs it reports *unknown* there.
   */
  readonly lifecycle?: Lifecycle;
  /** Construct path in the cdktf app, when known. */
  readonly constructPath?: string;
  /** Suppressions written into the synthesized metadata. */
  readonly suppressions: readonly Suppression[];
  /** 1-based line of the resource in the file it was loaded from (pretty-printed plans read by `loadPlan`). */
  readonly line?: number;
}

export interface Lifecycle {
  /** `all`, or the listed attribute paths as written, without `${}` and spaces (`content_filter[3].severity_threshold`). */
  readonly ignoreChanges: 'all' | readonly string[];
  readonly preventDestroy: boolean;
}

/**
 * Whether the resource's `lifecycle.ignore_changes` covers `path`: `all`, the path itself, or a block or
 * element that contains it (`content_filter` and `content_filter[3]` cover `content_filter[3].severity_threshold`).
 * Undefined when the plan does not carry the lifecycle block.
 */
export function ignoresChangesTo(resource: PlanResource, path: string): boolean | undefined {
  const ignored = resource.lifecycle?.ignoreChanges;
  if (ignored === undefined) return undefined;
  return ignored === 'all' || ignored.some((p) => p === path || path.startsWith(`${p}.`) || path.startsWith(`${p}[`));
}

function readLifecycle(value: unknown): Lifecycle {
  const block = (Array.isArray(value) ? value[0] : value) as { ignore_changes?: unknown; prevent_destroy?: unknown } | undefined;
  const ignored = block?.ignore_changes;
  return {
    ignoreChanges: ignored === 'all' ? 'all'
      : Array.isArray(ignored) ? ignored.filter((p): p is string => typeof p === 'string').map((p) => p.replace(/^\$\{(.*)\}$/, '$1').replace(/\s+/g, '')) : [],
    preventDestroy: block?.prevent_destroy === true,
  };
}

export interface Plan {
  /** The file the plan came from (as given), for reports. */
  readonly file: string;
  readonly format: 'cdktf' | 'terraform-plan';
  readonly resources: readonly PlanResource[];
}

/** The input could not be read or is neither format; the CLI maps this to exit code 2. */
export class PlanError extends Error {}

const REFERENCE_PATTERN = /\$\{[^}]*?\b((?:data\.)?[a-z][a-z0-9_]*\.[A-Za-z0-9_-]+)\.[A-Za-z0-9_]/g;

/** Reads and parses a plan file of either format. */
export function loadPlan(file: string): Plan {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new PlanError(`${file}: cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new PlanError(`${file}: not valid JSON: ${(e as Error).message}`);
  }
  const plan = parsePlan(json, file);
  const lines = resourceLines(text);
  return { ...plan, resources: plan.resources.map((r) => (lines.has(r.address) ? { ...r, line: lines.get(r.address) } : r)) };
}

/**
 * Where each resource starts in a pretty-printed plan, in one pass: the line of its name under
 * `resource.<type>` (cdk.tf.json), or its first `"address"` line (`terraform show -json`).
 */
function resourceLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  const paths = blockPaths(text);
  text.split('\n').forEach((line, i) => {
    const keys = paths[i];
    const address = /^\s*"address": "([^"]+)"/.exec(line)?.[1]
      ?? (keys?.length === 3 && keys[0] === 'resource' ? `${keys[1]}.${keys[2]}` : undefined);
    if (address !== undefined && !lines.has(address)) lines.set(address, i + 1);
  });
  return lines;
}

/**
 * For each line of a pretty-printed JSON document (one property or array element per line, as
 * `JSON.stringify(doc, null, 2)` and cdktf write it), the keys of the objects it is inside, outermost
 * first, at most three deep (`resource`, type, name). A key line belongs to its own key, and a closing
 * brace to the block it closes: terraform points at either.
 */
export function blockPaths(text: string): (readonly string[] | undefined)[] {
  const open: { indent: number; key: string }[] = [];
  const keysOf = () => open.map((o) => o.key).slice(0, 3);
  return text.split('\n').map((line) => {
    const indent = line.length - line.trimStart().length;
    const body = line.trim();
    if (body === '') return undefined;
    const key = /^"((?:[^"\\]|\\.)*)":\s*(.*)$/.exec(body);
    if (key) {
      while (open.length > 0 && open[open.length - 1].indent >= indent) open.pop();
      // Most keys have no escapes: unescaping only those that do keeps a 50k-resource plan fast to index.
      open.push({ indent, key: key[1].includes('\\') ? JSON.parse(`"${key[1]}"`) as string : key[1] });
      const keys = keysOf();
      // A block opened on this line stays open until the line that closes it at the same indentation.
      if (!/^[{[]$/.test(key[2])) open.pop();
      return keys;
    }
    while (open.length > 0 && open[open.length - 1].indent > indent) open.pop();
    const keys = keysOf();
    if (/^[}\]],?$/.test(body) && open.length > 0 && open[open.length - 1].indent === indent) open.pop();
    return keys.length > 0 ? keys : undefined;
  });
}

/** A `terraform show -json` document (a plan's, or a state's), as opposed to a cdktf stack or other JSON. */
export function isTerraformShowJson(doc: Record<string, unknown>): boolean {
  return 'planned_values' in doc || 'resource_changes' in doc || 'format_version' in doc;
}

/** Parses an already-loaded plan document of either format. */
export function parsePlan(json: unknown, file: string): Plan {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new PlanError(`${file}: expected a JSON object (cdk.tf.json or terraform show -json output)`);
  }
  const doc = json as Record<string, unknown>;
  if (isTerraformShowJson(doc)) {
    return { file, format: 'terraform-plan', resources: fromTerraformPlan(doc, file) };
  }
  if ('resource' in doc || 'terraform' in doc || 'provider' in doc) {
    return { file, format: 'cdktf', resources: fromCdktf(doc, file) };
  }
  throw new PlanError(`${file}: neither a cdktf stack (no "resource"/"terraform" key) nor a terraform plan (no "planned_values")`);
}

function fromCdktf(doc: Record<string, unknown>, file: string): PlanResource[] {
  const resources: PlanResource[] = [];
  const byType = doc.resource ?? {};
  if (typeof byType !== 'object' || byType === null) throw new PlanError(`${file}: "resource" must be an object`);
  for (const [type, byName] of Object.entries(byType as Record<string, unknown>)) {
    if (typeof byName !== 'object' || byName === null) throw new PlanError(`${file}: resource.${type} must be an object`);
    for (const [name, raw] of Object.entries(byName as Record<string, unknown>)) {
      const { '//': meta, ...values } = (raw ?? {}) as Record<string, unknown>;
      const metadata = (meta ?? {}) as { metadata?: { path?: string }; suppressions?: unknown };
      resources.push({
        address: `${type}.${name}`,
        type,
        name,
        values,
        references: collectReferences(values),
        dependsOn: Array.isArray(values.depends_on) ? values.depends_on.filter((d): d is string => typeof d === 'string') : [],
        localExecCommands: cdktfLocalExecCommands(values.provisioner),
        lifecycle: readLifecycle(values.lifecycle),
        constructPath: metadata.metadata?.path,
        suppressions: readSuppressions(metadata.suppressions, `${file}: ${type}.${name}`),
      });
    }
  }
  return resources;
}

interface PlanModule {
  resources?: { address: string; mode?: string; type: string; name: string; values?: Record<string, unknown> }[];
  child_modules?: PlanModule[];
}

/** A resource of the plan's `configuration` section (Terraform's JSON output format, "Configuration Representation"). */
interface ConfigResource {
  address: string;
  expressions?: Record<string, unknown>;
  depends_on?: string[];
  provisioners?: { type?: string; expressions?: { command?: { constant_value?: unknown } } }[];
}

interface ConfigModule {
  resources?: ConfigResource[];
  module_calls?: Record<string, { module?: ConfigModule }>;
}

function fromTerraformPlan(doc: Record<string, unknown>, file: string): PlanResource[] {
  const unknownByAddress = new Map<string, unknown>();
  for (const change of (doc.resource_changes ?? []) as { address: string; change?: { after_unknown?: unknown } }[]) {
    if (change.change?.after_unknown !== undefined) unknownByAddress.set(change.address, change.change.after_unknown);
  }
  const referencesByConfigAddress = new Map<string, string[]>();
  const expressionsByConfigAddress = new Map<string, { expressions: unknown; prefix: string }>();
  const configByAddress = new Map<string, ConfigResource>();
  const walkConfig = (module: ConfigModule | undefined, prefix: string) => {
    for (const resource of module?.resources ?? []) {
      referencesByConfigAddress.set(prefix + resource.address, collectPlanReferences(resource.expressions, prefix));
      expressionsByConfigAddress.set(prefix + resource.address, { expressions: resource.expressions, prefix });
      configByAddress.set(prefix + resource.address, { ...resource, depends_on: (resource.depends_on ?? []).map((d) => prefix + d) });
    }
    for (const [name, call] of Object.entries(module?.module_calls ?? {})) walkConfig(call.module, `${prefix}module.${name}.`);
  };
  walkConfig((doc.configuration as { root_module?: ConfigModule } | undefined)?.root_module, '');

  const resources: PlanResource[] = [];
  const walk = (module: PlanModule | undefined) => {
    for (const resource of module?.resources ?? []) {
      if (resource.mode === 'data') continue;
      const configAddress = resource.address.replace(/\[[^\]]*\]/g, '');
      const config = expressionsByConfigAddress.get(configAddress);
      const values = markUnknown(resource.values ?? {}, unknownByAddress.get(resource.address), config?.expressions, config?.prefix ?? '') as Record<string, unknown>;
      resources.push({
        address: resource.address,
        type: resource.type,
        name: resource.name,
        values,
        references: referencesByConfigAddress.get(configAddress) ?? collectReferences(values),
        dependsOn: configByAddress.get(configAddress)?.depends_on ?? [],
        localExecCommands: (configByAddress.get(configAddress)?.provisioners ?? [])
          .filter((p) => p.type === 'local-exec').map((p) => p.expressions?.command?.constant_value).filter((c): c is string => typeof c === 'string'),
        suppressions: [],
      });
    }
    for (const child of module?.child_modules ?? []) walk(child);
  };
  const planned = doc.planned_values as { root_module?: PlanModule } | undefined;
  if (!planned?.root_module && !doc.resource_changes) throw new PlanError(`${file}: terraform plan has no planned_values.root_module`);
  walk(planned?.root_module);
  return resources;
}

/**
 * Replaces every leaf marked true in `after_unknown` with an expression: the configuration's
 * reference at the same path as `${<reference>}` (so graph rules see plans as they see cdk.tf.json),
 * else `UNKNOWN_VALUE`.
 */
function markUnknown(value: unknown, unknown: unknown, expression: unknown, prefix: string): unknown {
  if (unknown === true) {
    const refs = (expression as { references?: string[] } | undefined)?.references;
    const ref = refs?.find((r) => !r.startsWith('var.') && !r.startsWith('local.'));
    return ref ? `\${${prefix}${ref}}` : UNKNOWN_VALUE;
  }
  if (unknown === undefined || unknown === false || unknown === null) return value;
  if (Array.isArray(unknown)) {
    const list = Array.isArray(value) ? [...value] : [];
    // Nested blocks have one expression per element; a list attribute (`[a.id, b.id]`) one expression
    // whose references come in the order written: element i takes the i-th attribute reference.
    const exprs = Array.isArray(expression) ? expression : elementExpressions(expression, unknown.length);
    unknown.forEach((u, i) => { list[i] = markUnknown(list[i], u, exprs[i] ?? exprs[0], prefix); });
    return list;
  }
  if (typeof unknown === 'object') {
    const obj: Record<string, unknown> = { ...((value ?? {}) as Record<string, unknown>) };
    const exprs = (expression && typeof expression === 'object' && !Array.isArray(expression) ? expression : {}) as Record<string, unknown>;
    for (const [key, u] of Object.entries(unknown as Record<string, unknown>)) obj[key] = markUnknown(obj[key], u, exprs[key], prefix);
    return obj;
  }
  return value;
}

/** Per-element expressions of a list attribute written as one expression, when its references tell them apart. */
function elementExpressions(expression: unknown, length: number): unknown[] {
  const refs = (expression as { references?: string[] } | undefined)?.references ?? [];
  const attributes = refs.filter((r) => !r.startsWith('var.') && !r.startsWith('local.') && r.split('.').length >= 3);
  return attributes.length === length ? attributes.map((r) => ({ references: [r] })) : [];
}

/** Addresses referenced by `${type.name.attr}` expressions anywhere in `value`. */
export function collectReferences(value: unknown): string[] {
  const found = new Set<string>();
  const visit = (v: unknown) => {
    if (typeof v === 'string') {
      if (!v.includes('${')) return;
      for (const m of v.matchAll(REFERENCE_PATTERN)) found.add(m[1]);
    } else if (Array.isArray(v)) {
      v.forEach(visit);
    } else if (v && typeof v === 'object') {
      Object.values(v).forEach(visit);
    }
  };
  visit(value);
  return [...found];
}

/** Resource addresses from plan `configuration` expressions (`references: ["azurerm_x.y.id", "azurerm_x.y"]`). */
function collectPlanReferences(expressions: unknown, prefix: string): string[] {
  const found = new Set<string>();
  const visit = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') {
      for (const [key, child] of Object.entries(v)) {
        if (key === 'references' && Array.isArray(child)) {
          for (const ref of child as string[]) {
            const m = /^((?:data\.)?[a-z][a-z0-9_]*\.[A-Za-z0-9_-]+)(?:\[[^\]]*\])?/.exec(ref);
            if (m && !ref.startsWith('var.') && !ref.startsWith('local.') && !ref.startsWith('module.')) found.add(prefix + m[1]);
          }
        } else {
          visit(child);
        }
      }
    }
  };
  visit(expressions);
  return [...found];
}

function readSuppressions(value: unknown, where: string): Suppression[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new PlanError(`${where}: metadata suppressions must be a list`);
  return value.map((s, i) => {
    const { ruleId, reason } = (s ?? {}) as Record<string, unknown>;
    if (typeof ruleId !== 'string' || typeof reason !== 'string') {
      throw new PlanError(`${where}: suppression ${i + 1} needs a ruleId and a reason`);
    }
    return { ruleId, reason };
  });
}

/** `local-exec` commands of cdktf's `provisioner` list (`[{ "local-exec": { "command": ... } }]`). */
function cdktfLocalExecCommands(provisioners: unknown): string[] {
  const list = Array.isArray(provisioners) ? provisioners : provisioners ? [provisioners] : [];
  return list.flatMap((p) => {
    const exec = (p as Record<string, unknown> | null)?.['local-exec'];
    return (Array.isArray(exec) ? exec : [exec]).map((e) => (e as { command?: unknown } | undefined)?.command).filter((c): c is string => typeof c === 'string');
  });
}

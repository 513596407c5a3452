import { App, TerraformOutput, TerraformStack, Testing } from 'cdktf';
import { Naming } from '../constructs/naming';
import { ConfigError, ConfigIssue, EnvironmentInput, parseEnvironment } from '../environments/schema';
import dev from '../environments/dev';
import { ENVIRONMENTS } from '../environments';

/** Synthesized Terraform JSON of one stack. */
export interface SynthJson {
  readonly resource: Record<string, Record<string, Record<string, any>>>;
  readonly data?: Record<string, Record<string, Record<string, any>>>;
  readonly terraform: Record<string, any>;
  readonly provider?: Record<string, any>;
  readonly output?: Record<string, any>;
}

/** A bare stack to put one construct in. */
export function testStack(): TerraformStack {
  const app: App = Testing.app();
  return new TerraformStack(app, 'test');
}

/** Synthesizes (aspects included) and parses. */
export function synth(stack: TerraformStack): SynthJson {
  return JSON.parse(Testing.synth(stack));
}

/** Every resource of `type` in the synthesized stack (empty when none). */
export function resourcesOf(json: SynthJson, type: string): Record<string, any>[] {
  return Object.values(json.resource?.[type] ?? {});
}

/** The resources of `type` in a synthesized document, by Terraform key (empty when none). */
export function resourcesByKey(json: { readonly resource?: Record<string, Record<string, any>> }, type: string): Record<string, Record<string, any>> {
  return json.resource?.[type] ?? {};
}

/** The single resource of `type`; fails the test when there is not exactly one. */
export function onlyResource(json: SynthJson, type: string): Record<string, any> {
  const all = resourcesOf(json, type);
  if (all.length !== 1) throw new Error(`expected exactly one ${type}, found ${all.length}`);
  return all[0];
}

/**
 * The Terraform key (logical id) of the single resource of `type`, or of the single one whose `name` is
 * `name`; fails the test when there is not exactly one.
 */
export function keyOf(json: SynthJson, type: string, name?: string): string {
  const keys = Object.entries(json.resource?.[type] ?? {}).filter(([, r]) => name === undefined || r.name === name).map(([key]) => key);
  if (keys.length !== 1) throw new Error(`expected exactly one ${type}${name === undefined ? '' : ` named ${name}`}, found ${keys.length}`);
  return keys[0];
}

/** `${<type>.<key>.<attribute>}` of the single resource of `type` (or the single one named `name`): see keyOf. */
export function refOf(json: SynthJson, type: string, attribute = 'id', name?: string): string {
  return `\${${type}.${keyOf(json, type, name)}.${attribute}}`;
}

/** The single resource of `type` whose `name` is `name`; fails the test when there is not exactly one. */
export function resourceNamed(json: SynthJson, type: string, name: string): Record<string, any> {
  const matches = resourcesOf(json, type).filter((r) => r.name === name);
  if (matches.length !== 1) throw new Error(`expected exactly one ${type} named ${name}, found ${matches.length}`);
  return matches[0];
}

/** The single diagnostic setting whose target is `targetRef`; fails the test when there is not exactly one. */
export function diagnosticsFor(json: SynthJson, targetRef: string): Record<string, any> {
  const matches = resourcesOf(json, 'azurerm_monitor_diagnostic_setting').filter((d) => d.target_resource_id === targetRef);
  if (matches.length !== 1) throw new Error(`expected exactly one diagnostic setting for ${targetRef}, found ${matches.length}`);
  return matches[0];
}

/** Declares an output of `value` (a token), to read back the Terraform reference it synthesizes to. */
export function output(stack: TerraformStack, name: string, value: string | number): void {
  new TerraformOutput(stack, name, { value });
}

export const testNaming = (): Naming => new Naming({ workload: 'genai', environment: 'test', location: 'swedencentral' });

/** A valid environment input to derive invalid variants from (the shipped dev config, with the default local state). */
export function validInput(overrides: Record<string, unknown> = {}): EnvironmentInput {
  // Without dev's remote state: most tests exercise the defaults, and `state` defaults to local.
  const input: { -readonly [K in keyof EnvironmentInput]: EnvironmentInput[K] } = structuredClone(dev);
  delete input.state;
  return { ...input, ...overrides } as EnvironmentInput;
}

/** The `ConfigError` that `fn` throws; fails the test when it returns or throws something else. */
export function configErrorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('expected a ConfigError, but the configuration was accepted');
}

/** The issues `parseEnvironment` reports for `input` (labelled `label`); fails the test when it accepts the input. */
export function issuesOf(input: unknown, label?: string): readonly ConfigIssue[] {
  return configErrorOf(() => parseEnvironment(input, label)).issues;
}

/** An expected config issue, for `toContainEqual`/`toEqual`: exact path, message matching `pattern`. */
export const issue = (path: string, pattern: RegExp) => ({ path, message: expect.stringMatching(pattern) });

/** Escapes `text` for use inside a RegExp. */
export const lit = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * The registered environments' names, in registry order: the shipped dev, staging and prod first, then any
 * environment a forking team added with `npm run new-env`. Tests take environment lists from here, never from a literal.
 */
export const registeredNames = (): string[] => ENVIRONMENTS.map((e) => e.name);

/** `preferred` when no registered environment has that name, else the first `preferred<n>` that is free (a valid name). */
export function unregisteredName(preferred: string): string {
  const taken = new Set(registeredNames());
  if (!taken.has(preferred)) return preferred;
  for (let n = 1; ; n++) {
    const name = `${preferred.slice(0, 8 - String(n).length)}${n}`;
    if (!taken.has(name)) return name;
  }
}

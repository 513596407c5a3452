import { App, TerraformStack, Testing } from 'cdktf';
import { Naming } from '../constructs/naming';
import { EnvironmentInput } from '../environments/schema';
import dev from '../environments/dev';

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

/** The single resource of `type`; fails the test when there is not exactly one. */
export function onlyResource(json: SynthJson, type: string): Record<string, any> {
  const all = resourcesOf(json, type);
  if (all.length !== 1) throw new Error(`expected exactly one ${type}, found ${all.length}`);
  return all[0];
}

export const testNaming = (): Naming => new Naming({ workload: 'genai', environment: 'test', location: 'swedencentral' });

/** A valid environment input to derive invalid variants from (the shipped dev config, with the default local state). */
export function validInput(overrides: Record<string, unknown> = {}): EnvironmentInput {
  // Without dev's remote state: most tests exercise the defaults, and `state` defaults to local.
  const input: { -readonly [K in keyof EnvironmentInput]: EnvironmentInput[K] } = structuredClone(dev);
  delete input.state;
  return { ...input, ...overrides } as EnvironmentInput;
}

/**
 * Whole environments synthesized the way `main.ts` does it: the tests that need a complete plan (request
 * path, second plan, the review of the shipped stack, the tools' goldens, the service catalog) share this.
 * It is a module of its own, not part of __tests__/helpers.ts, so construct tests do not load the platform
 * stack.
 */
import { Testing } from 'cdktf';
import { ENVIRONMENTS } from '../../environments';
import { EnvironmentConfig, EnvironmentInput, parseEnvironment } from '../../environments/schema';
import { PlatformStack } from '../../stacks/platform-stack';
import type { SynthJson } from '../helpers';

/** One environment's resolved config and its synthesized Terraform JSON. */
export interface SynthesizedEnvironment {
  readonly config: EnvironmentConfig;
  /** `text`, parsed: the caller's own copy, free to mutate. */
  readonly json: SynthJson;
  /** The synthesized Terraform JSON as `Testing.synth` returns it (what `cdk.tf.json` holds). */
  readonly text: string;
}

/** The names of the shipped environments, in the registry's (promotion) order. */
export const SHIPPED_NAMES: readonly string[] = ENVIRONMENTS.map((e) => e.name);

/** The registry's input of the shipped environment `name`; throws when there is none. */
export function shippedInput(name: string): EnvironmentInput {
  const input = ENVIRONMENTS.find((e) => e.name === name);
  if (!input) throw new Error(`no shipped environment '${name}'; shipped: ${SHIPPED_NAMES.join(', ')}`);
  return input;
}

/**
 * Parses a deep copy of `environment` (a shipped environment's name, or an input) and synthesizes the
 * platform stack of it, with the environment's name as the stack id.
 */
export function synthEnvironment(environment: string | EnvironmentInput): SynthesizedEnvironment {
  const input = typeof environment === 'string' ? shippedInput(environment) : environment;
  const config = parseEnvironment(structuredClone(input));
  const text = Testing.synth(new PlatformStack(Testing.app(), config.name, config));
  return { config, json: JSON.parse(text), text };
}

/** Every shipped environment (the registry `environments/index.ts`) synthesized, by name, in registry order. */
export function shippedEnvironments(): Map<string, SynthesizedEnvironment> {
  return new Map(ENVIRONMENTS.map((input) => [input.name, synthEnvironment(input)]));
}

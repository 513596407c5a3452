/**
 * The failures of a synth that a command reports without a stack trace. Kept apart from the synthesis so
 * that the tools can recognise them without loading the cdktf app.
 */
import { ConfigError, ConfigErrors } from '../environments/schema';
import { EnvironmentLoadError } from '../environments/load';
import { UsageError } from '../environments/select';
import { ConstructValidationError } from '../constructs/validation';
import { toText } from '../policy/reporters';
import type { SynthResult } from './synthesize';

/** Invalid props or bootstrap options; the message lists every problem. */
export class StateStackError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StateStackError';
  }
}

/** The synthesized stacks break unsuppressed error-level rules; the output and reports are kept for inspection. */
export class ReviewFailure extends Error {
  constructor(readonly result: SynthResult) {
    super(Object.entries(result.reviews)
      .filter(([, r]) => r.summary.blocking > 0)
      .map(([env, r]) => `Policy review failed for environment '${env}':\n${toText({ ...r, findings: r.findings.filter((f) => f.severity === 'error' && f.status === 'fail' && !f.suppressed) })}`)
      .join('\n'));
    this.name = 'ReviewFailure';
  }
}

/**
 * What the CLI prints to stderr for a failure it expects (policy review, invalid config or construct
 * props, bad arguments): the message, without a stack trace, and for input errors "Nothing was
 * written.". `undefined` for anything else, which is a bug and keeps its stack trace.
 */
export function failureMessage(e: unknown): string | undefined {
  if (e instanceof ReviewFailure) return e.message;
  // A construct refused its props (e.g. a value the schema lets through but the resource cannot take).
  if (e instanceof ConstructValidationError) return `${e.describe()}\nNothing was written.`;
  if (e instanceof ConfigErrors || e instanceof ConfigError || e instanceof UsageError || e instanceof StateStackError || e instanceof EnvironmentLoadError) {
    return `${e.message}\nNothing was written.`;
  }
  return undefined;
}

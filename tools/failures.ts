/**
 * The failures every command expects and reports without a stack trace, with their exit code: a failed
 * policy review is 1 (findings); invalid config, construct props, plans and price tables are 2 (bad input).
 * Anything else is a bug and keeps its stack.
 */
import { PlanError } from '../policy/plan';
import { ReviewFailure, failureMessage } from '../stacks/synth-failures';
import { PriceTableError } from './cost/prices';
import { Failure } from './command-line';

export function classifyFailure(e: unknown): Failure | undefined {
  if (e instanceof ReviewFailure) return { exitCode: 1, message: e.message };
  const message = failureMessage(e);
  if (message !== undefined) return { exitCode: 2, message };
  if (e instanceof PlanError || e instanceof PriceTableError) return { exitCode: 2, message: e.message };
  return undefined;
}

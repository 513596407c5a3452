import { Token } from 'cdktf';

/**
 * The one validation convention of the constructs: collect every problem, skip values that are
 * unresolved tokens (Azure judges those at apply time), and throw once, naming the construct.
 */

/**
 * True when `value` is known only at apply: it is (or contains) an unresolved cdktf token, or it is a
 * string with a Terraform interpolation (`${...}`, e.g. a token already rendered into a template).
 * The one token test of the constructs.
 */
export function isToken(value: unknown): boolean {
  return Token.isUnresolved(value) || (typeof value === 'string' && value.includes('${'));
}

/** True when `value` is known at synth and can be checked (not an unresolved token). */
export function isKnown(value: unknown): boolean {
  return !isToken(value);
}

/** Every problem a construct found with its props, in one error. */
export class ConstructValidationError extends Error {
  constructor(
    /** Construct path, e.g. `prod/documents`. */
    readonly path: string,
    /** Every problem found, each a sentence without the path. */
    readonly problems: readonly string[],
  ) {
    super(`${path}: ${problems.join('; ')}`);
    this.name = 'ConstructValidationError';
  }

  /** The path and one problem a line, for people (the synth CLI prints this). */
  describe(): string {
    const count = `${this.problems.length} problem${this.problems.length === 1 ? '' : 's'}`;
    return `Invalid construct '${this.path}' (${count}):\n  - ${this.problems.join('\n  - ')}`;
  }
}

/** Throws a `ConstructValidationError` when `problems` is not empty. */
export function throwIfProblems(path: string, problems: readonly string[]): void {
  if (problems.length > 0) throw new ConstructValidationError(path, [...problems]);
}

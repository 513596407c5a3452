import type { EnvironmentInput } from './schema';

/** An environment file that cannot be loaded (a syntax error, say): its message is the compiler's code frame. */
export class EnvironmentLoadError extends Error {}

/**
 * The environment registry (`environments/index.ts`), loaded when it is needed rather than at import, so
 * that a syntax error in an environment file is reported like a config problem: the compiler's code frame,
 * without the compiler's or Node's stack.
 */
export function loadEnvironments(modulePath = './index'): readonly EnvironmentInput[] {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require(modulePath) as { ENVIRONMENTS: readonly EnvironmentInput[] }).ENVIRONMENTS;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const frame = message.split(/\n\s*\n\s*Caused by:|\nStack backtrace:|\n\s+at /)[0].trimEnd();
    const shown = modulePath === './index' ? 'environments/index.ts' : modulePath;
    throw new EnvironmentLoadError(`Cannot load the environment configs (${shown}):\n${frame}`);
  }
}

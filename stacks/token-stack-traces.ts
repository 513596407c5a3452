/**
 * cdktf records an unlimited-depth stack trace for every token it creates (over 40,000 per shipped
 * environment) and shows them only in its own debugging output. Capturing them cost ~0.7 s of a 3.5 s
 * synth under ts-node (each trace source-mapped), then ~40 % of each additional environment and half the
 * test suite's CPU time (--cpu-prof). Synth and tests skip the capture through this one switch.
 *
 * It replaces the export of cdktf's private module `lib/tokens/private/stack-trace`, which cdktf reads
 * at every call. Should a cdktf release move that module, nothing is switched off and synth only
 * runs slower: `tokenStackTracesSwitchable()` tells, and a test guards it.
 */
type StackTraceModule = { captureStackTrace: (below?: unknown) => string[] };

function stackTraceModule(): StackTraceModule | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the module object itself, to replace its export
    const module = require('cdktf/lib/tokens/private/stack-trace') as Partial<StackTraceModule>;
    return typeof module.captureStackTrace === 'function' ? (module as StackTraceModule) : undefined;
  } catch {
    return undefined;
  }
}

const noTrace = (): string[] => [];

/** Whether this cdktf version has the capture this module switches off. */
export function tokenStackTracesSwitchable(): boolean {
  return stackTraceModule() !== undefined;
}

/** Runs `work` without token stack traces, then restores the capture. */
export function withoutTokenStackTraces<T>(work: () => T): T {
  const module = stackTraceModule();
  if (!module) return work();
  const previous = module.captureStackTrace;
  module.captureStackTrace = noTrace;
  try {
    return work();
  } finally {
    module.captureStackTrace = previous;
  }
}

/** Switches token stack traces off for the rest of the process (each jest test file). */
export function disableTokenStackTraces(): void {
  const module = stackTraceModule();
  if (module) module.captureStackTrace = noTrace;
}

/**
 * Choosing environments by name (`--env NAME`), shared by the synth and the tools that read its
 * output. Loads nothing else: the tools check a name before deciding whether to load the cdktf app.
 */

/** Bad arguments or a name that is not an environment; the CLIs report the message without a stack trace. */
export class UsageError extends Error {}

/**
 * The environments named in `only`, in the order of `environments` (all of them when `only` is empty).
 * Throws a `UsageError` listing the names that are not environments, and the known ones.
 */
export function selectEnvironments<T extends { readonly name: string }>(environments: readonly T[], only: readonly string[] | undefined): T[] {
  if (!only || only.length === 0) return [...environments];
  const known = environments.map((e) => e.name);
  const unknown = only.filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    throw new UsageError(`Unknown environment${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => `'${n}'`).join(', ')}; known: ${known.join(', ')}`);
  }
  return environments.filter((e) => only.includes(e.name));
}

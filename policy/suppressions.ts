/**
 * Suppressions: accepted exceptions to a rule, each with a reason a reviewer can read.
 * - In code: `suppress(scope, ruleId, reason)` writes into the synthesized resource's metadata
 *   (`"//": { "suppressions": [...] }`), so the exception travels with the plan under review.
 * - For `terraform show -json` plans: a file given with `--suppressions`.
 * Suppressed findings stay in every report, marked suppressed, with the reason.
 */
import * as fs from 'fs';
import { Suppression, suppressionProblems } from '../catalog/suppressions';
import { PlanError } from './plan';

export { MIN_REASON_LENGTH, suppress } from '../catalog/suppressions';

/** A suppression from a file: one rule on the resources whose address matches (`*` wildcards). */
export interface FileSuppression extends Suppression {
  readonly address: string;
}

/**
 * Reads `{ "suppressions": [ { "ruleId", "address", "reason" } ] }`; every problem is reported at once.
 */
export function loadSuppressionsFile(file: string): FileSuppression[] {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new PlanError(`${file}: cannot read suppressions: ${(e as Error).message}`);
  }
  const list = (json as { suppressions?: unknown } | null)?.suppressions;
  if (!Array.isArray(list)) throw new PlanError(`${file}: expected { "suppressions": [ { "ruleId", "address", "reason" } ] }`);
  const problems: string[] = [];
  const out: FileSuppression[] = [];
  list.forEach((entry, i) => {
    const { ruleId, address, reason } = (entry ?? {}) as Record<string, unknown>;
    const here = [...suppressionProblems(String(ruleId), reason)];
    if (typeof address !== 'string' || address.length === 0) here.push('needs an "address" (Terraform address, * allowed)');
    if (here.length > 0) problems.push(`suppressions[${i}]: ${here.join('; ')}`);
    else out.push({ ruleId: ruleId as string, address: address as string, reason: (reason as string).trim() });
  });
  if (problems.length > 0) throw new PlanError(`${file}: ${problems.join('\n  ')}`);
  return out;
}

/** Whether a suppression address (with `*` wildcards) matches a Terraform address. */
export function matchesAddress(pattern: string, address: string): boolean {
  const regex = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return regex.test(address);
}

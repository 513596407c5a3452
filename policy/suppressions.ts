/**
 * Suppressions: accepted exceptions to a rule, each with a reason a reviewer can read.
 * - In code: `suppress(scope, ruleId, reason)` writes into the synthesized resource's metadata
 *   (`"//": { "suppressions": [...] }`), so the exception travels with the plan under review.
 * - For `terraform show -json` plans: a file given with `--suppressions`.
 * Suppressed findings stay in every report, marked suppressed, with the reason.
 */
import * as fs from 'fs';
import { TerraformResource } from 'cdktf';
import { IConstruct } from 'constructs';
import { PlanError, Suppression } from './plan';

export const MIN_REASON_LENGTH = 10;
const RULE_ID = /^GAI-[A-Z]+-\d{3}$/;

const recorded = new WeakMap<TerraformResource, Suppression[]>();

/**
 * Suppresses `ruleId` on every Terraform resource in `scope` (the resource itself, or all resources
 * of a construct). Returns how many resources it applies to; throws when there are none.
 */
export function suppress(scope: IConstruct, ruleId: string, reason: string): number {
  const problems = suppressionProblems(ruleId, reason);
  if (problems.length > 0) throw new Error(`${scope.node.path}: ${problems.join('; ')}`);
  const resources = scope.node.findAll().filter((c): c is TerraformResource => c instanceof TerraformResource);
  if (resources.length === 0) throw new Error(`${scope.node.path}: no Terraform resource to suppress ${ruleId} on`);
  for (const resource of resources) {
    const list = recorded.get(resource) ?? [];
    if (!list.some((s) => s.ruleId === ruleId)) list.push({ ruleId, reason: reason.trim() });
    recorded.set(resource, list);
    resource.addOverride('//.suppressions', list.map((s) => ({ ...s })));
  }
  return resources.length;
}

function suppressionProblems(ruleId: string, reason: unknown): string[] {
  const problems: string[] = [];
  if (!RULE_ID.test(ruleId)) problems.push(`'${ruleId}' is not a rule id (GAI-<AREA>-<NNN>)`);
  if (typeof reason !== 'string' || reason.trim().length < MIN_REASON_LENGTH) {
    problems.push(`a suppression of ${ruleId} needs a reason of at least ${MIN_REASON_LENGTH} characters`);
  }
  return problems;
}

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

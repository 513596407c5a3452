/**
 * Writing suppressions: `suppress(scope, ruleId, reason)` records an accepted exception to a rule in the
 * synthesized resource's metadata (`"//": { "suppressions": [...] }`), so it travels with the plan under
 * review. Below both the constructs (which suppress) and the policy engine (which reads the metadata and
 * suppression files, policy/suppressions.ts), so neither imports the other.
 */
import { TerraformResource } from 'cdktf';
import { IConstruct } from 'constructs';

/** A rule id and why it does not apply. */
export interface Suppression {
  readonly ruleId: string;
  readonly reason: string;
}

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

/** Why a suppression is refused: a malformed rule id, or a reason shorter than `MIN_REASON_LENGTH`. */
export function suppressionProblems(ruleId: string, reason: unknown): string[] {
  const problems: string[] = [];
  if (!RULE_ID.test(ruleId)) problems.push(`'${ruleId}' is not a rule id (GAI-<AREA>-<NNN>)`);
  if (typeof reason !== 'string' || reason.trim().length < MIN_REASON_LENGTH) {
    problems.push(`a suppression of ${ruleId} needs a reason of at least ${MIN_REASON_LENGTH} characters`);
  }
  return problems;
}

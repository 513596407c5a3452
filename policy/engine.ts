/**
 * Reviews plans against the rules: every rule on every resource of its types, unknown values
 * reported as unknown (never a pass), suppressions applied but kept in the findings with their reason.
 */
import { ResourceGraph } from './graph';
import { Plan, PlanResource, Suppression } from './plan';
import { Outcome, Rule, RuleContext, Severity } from './rule';
import { allRules } from './rules';
import { FileSuppression, matchesAddress } from './suppressions';
import { BaselineEntry, baselineKey } from './baseline';

export interface Finding {
  readonly ruleId: string;
  readonly title: string;
  readonly severity: Severity;
  /** `fail`: the plan breaks the rule; `unknown`: the plan cannot tell before apply. */
  readonly status: 'fail' | 'unknown';
  /** Terraform address, e.g. `azurerm_key_vault.key-vault_FE1F1979`. */
  readonly address: string;
  readonly message: string;
  readonly suppressed: boolean;
  /** The suppression's reason, when suppressed. */
  readonly reason?: string;
  /** The plan file the resource came from. */
  readonly file: string;
  /** 1-based line of the resource in that file, when the plan was loaded from a pretty-printed file. */
  readonly line?: number;
  /** cdktf construct path, when known. */
  readonly constructPath?: string;
}

export interface ReviewSummary {
  readonly files: number;
  readonly resources: number;
  readonly rules: number;
  readonly errors: number;
  readonly warnings: number;
  readonly notes: number;
  readonly unknown: number;
  readonly suppressed: number;
  /** Unsuppressed failures at or above the threshold (errors by default): the review fails when this is above zero. */
  readonly blocking: number;
  /** The severity at or above which a failure blocks. */
  readonly threshold: Severity;
  /** Findings left out because the baseline has them. */
  readonly baselined: number;
}

export interface ReviewReport {
  readonly findings: readonly Finding[];
  /** Findings the baseline has, left out of `findings` and of the counts (a refreshed baseline keeps them). */
  readonly baselinedFindings: readonly Finding[];
  readonly summary: ReviewSummary;
  readonly rules: readonly Rule[];
}

export interface ReviewOptions {
  /** @default every registered rule */
  readonly rules?: readonly Rule[];
  /** Suppressions from a file (for plan JSON, which carries no construct metadata). @default [] */
  readonly suppressions?: readonly FileSuppression[];
  /**
   * Review as a production environment. @default true when any resource carries the platform tag
   * `environment-tier = production`
   */
  readonly production?: boolean;
  /** Failures at or above this severity block. @default 'error' */
  readonly threshold?: Severity;
  /** Findings already known (see `policy/baseline.ts`): left out of the report. @default none */
  readonly baseline?: readonly BaselineEntry[];
}

export const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, note: 2 };

export function review(plans: readonly Plan[], options: ReviewOptions = {}): ReviewReport {
  const rules = options.rules ?? allRules();
  const findings: Finding[] = [];
  let resourceCount = 0;
  for (const plan of plans) {
    const graph = new ResourceGraph(plan);
    const context: RuleContext = { graph, production: options.production ?? isProduction(plan) };
    resourceCount += plan.resources.length;
    const rulesByType = new Map<string, Rule[]>();
    for (const rule of rules) {
      for (const type of rule.appliesTo) rulesByType.set(type, [...(rulesByType.get(type) ?? []), rule]);
    }
    for (const resource of plan.resources) {
      for (const rule of rulesByType.get(resource.type) ?? []) {
        for (const outcome of evaluate(rule, resource, context)) {
          if (outcome.status !== 'non-compliant' && outcome.status !== 'unknown') continue;
          const suppression = findSuppression(rule.id, resource, options.suppressions ?? []);
          findings.push({
            ruleId: rule.id,
            title: rule.title,
            severity: rule.severity,
            status: outcome.status === 'non-compliant' ? 'fail' : 'unknown',
            address: resource.address,
            message: outcome.message,
            suppressed: suppression !== undefined,
            reason: suppression?.reason,
            file: plan.file,
            line: resource.line,
            constructPath: resource.constructPath,
          });
        }
      }
    }
  }
  findings.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]
    || a.ruleId.localeCompare(b.ruleId) || a.address.localeCompare(b.address));
  const known = new Set((options.baseline ?? []).map(baselineKey));
  const reported = known.size > 0 ? findings.filter((f) => !known.has(baselineKey(f))) : findings;
  const threshold = options.threshold ?? 'error';
  const active = reported.filter((f) => !f.suppressed && f.status === 'fail');
  return {
    findings: reported,
    baselinedFindings: known.size > 0 ? findings.filter((f) => known.has(baselineKey(f))) : [],
    rules,
    summary: {
      files: plans.length,
      resources: resourceCount,
      rules: rules.length,
      errors: active.filter((f) => f.severity === 'error').length,
      warnings: active.filter((f) => f.severity === 'warning').length,
      notes: active.filter((f) => f.severity === 'note').length,
      unknown: reported.filter((f) => !f.suppressed && f.status === 'unknown').length,
      suppressed: reported.filter((f) => f.suppressed).length,
      blocking: active.filter((f) => SEVERITY_ORDER[f.severity] <= SEVERITY_ORDER[threshold]).length,
      threshold,
      baselined: findings.length - reported.length,
    },
  };
}

/** A rule that throws is reported as unknown with the reason, so one bad rule cannot hide the rest. */
function evaluate(rule: Rule, resource: PlanResource, context: RuleContext): readonly Outcome[] {
  try {
    const result = rule.check(resource, context);
    return Array.isArray(result) ? result : [result as Outcome];
  } catch (e) {
    return [{ status: 'unknown', message: `rule could not evaluate this resource: ${(e as Error).message}` }];
  }
}

function findSuppression(ruleId: string, resource: PlanResource, fileSuppressions: readonly FileSuppression[]): Suppression | undefined {
  return resource.suppressions.find((s) => s.ruleId === ruleId)
    ?? fileSuppressions.find((s) => s.ruleId === ruleId && matchesAddress(s.address, resource.address));
}

function isProduction(plan: Plan): boolean {
  return plan.resources.some((r) => (r.values.tags as Record<string, unknown> | undefined)?.['environment-tier'] === 'production');
}

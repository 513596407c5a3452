/**
 * Child-process driver of the review benchmark: generates a plan of SIZE resources, warms the engine
 * up with one review of a 1k plan, then times `parsePlan` + `review` of the big plan in-process.
 * One size per process, so the parent can stop a size that runs away without losing the others.
 *
 *   node -r ts-node/register tools/bench/review-driver.ts <size> <result.json> [profile.cpuprofile]
 *
 * Writes `{ startedAt }` (epoch ms, before the timed review) and then `ReviewChildReport` to the result file.
 * `prepare` and `timed` are the same measurement for in-process use (`tools/bench-review.ts`).
 */
import * as fs from 'fs';
import { Session } from 'inspector';
import { review } from '../../policy/engine';
import { parsePlan } from '../../policy/plan';
import type { Rule } from '../../policy/rule';
import { allRules } from '../../policy/rules';
import { PlanDocument, generatePlan, generatedPlan } from './plan';

export interface ReviewChildReport {
  readonly resources: number;
  readonly rules: number;
  readonly ms: number;
  readonly findings: number;
  /** Epoch ms when the timed review started. */
  readonly startedAt: number;
}

/** Everything the timed review needs, made before the clock starts. */
export interface PreparedReview {
  readonly size: number;
  /** Every rule, the engine warmed up with them. */
  readonly rules: readonly Rule[];
  /** The generated plan of `size` resources, not yet parsed (parsing is timed). */
  readonly document: PlanDocument;
}

/** Every rule, after one review of a generated 1k plan with them (the warm-up). */
export function warmUp(): readonly Rule[] {
  const rules = allRules();
  review([generatedPlan(1000)], { rules, production: true });
  return rules;
}

/** Warms up (unless given `rules` that are already warm) and generates the plan of `size` resources. */
export function prepare(size: number, rules: readonly Rule[] = warmUp()): PreparedReview {
  return { size, rules, document: generatePlan(size) };
}

/** Times `parsePlan` + `review` of the prepared plan. */
export function timed({ size, rules, document }: PreparedReview): { ms: number; findings: number } {
  const started = process.hrtime.bigint();
  const report = review([parsePlan(document, `generated-${size}.json`)], { rules, production: true });
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, findings: report.findings.length };
}

function childReport(prepared: PreparedReview, startedAt: number, { ms, findings }: { ms: number; findings: number }): ReviewChildReport {
  return { resources: prepared.size, rules: prepared.rules.length, ms, findings, startedAt };
}

function main(): void {
  const [sizeText, resultFile, profileFile] = process.argv.slice(2);
  const size = Number(sizeText);
  if (!(size > 0) || !resultFile) throw new Error('usage: review-driver.ts <size> <result.json> [profile.cpuprofile]');
  const prepared = prepare(size);
  if (!profileFile) {
    const startedAt = Date.now();
    fs.writeFileSync(resultFile, JSON.stringify({ startedAt }));
    fs.writeFileSync(resultFile, JSON.stringify(childReport(prepared, startedAt, timed(prepared))));
    return;
  }
  // Profile only what `timed` measures (parsePlan + review), not plan generation, warm-up or module loading.
  const session = new Session();
  session.connect();
  session.post('Profiler.enable', () => session.post('Profiler.start', () => {
    const startedAt = Date.now();
    const result = timed(prepared);
    session.post('Profiler.stop', (error, profile) => {
      if (error) throw error;
      fs.writeFileSync(profileFile, JSON.stringify(profile.profile));
      fs.writeFileSync(resultFile, JSON.stringify(childReport(prepared, startedAt, result)));
      session.disconnect();
    });
  }));
}

if (require.main === module) main();

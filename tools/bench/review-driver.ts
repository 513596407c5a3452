/**
 * Child-process driver of the review benchmark: generates a plan of SIZE resources, warms the engine
 * up with one review of a 1k plan, then times `parsePlan` + `review` of the big plan in-process.
 * One size per process, so the parent can stop a size that runs away without losing the others.
 *
 *   node -r ts-node/register tools/bench/review-driver.ts <size> <result.json> [profile.cpuprofile]
 *
 * Writes `{ startedAt }` (epoch ms, before the timed review) and then `ReviewChildReport` to the result file.
 */
import * as fs from 'fs';
import { Session } from 'inspector';
import { review } from '../../policy/engine';
import { parsePlan } from '../../policy/plan';
import { allRules } from '../../policy/rules';
import { generatePlan } from './plan';

export interface ReviewChildReport {
  readonly resources: number;
  readonly rules: number;
  readonly ms: number;
  readonly findings: number;
  /** Epoch ms when the timed review started. */
  readonly startedAt: number;
}

function timedReview(size: number, resultFile: string): ReviewChildReport {
  const rules = allRules();
  review([parsePlan(generatePlan(1000), 'warm-up.json')], { rules, production: true });
  const doc = generatePlan(size);
  const startedAt = Date.now();
  fs.writeFileSync(resultFile, JSON.stringify({ startedAt }));
  const started = process.hrtime.bigint();
  const report = review([parsePlan(doc, `generated-${size}.json`)], { rules, production: true });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  return { resources: size, rules: rules.length, ms, findings: report.findings.length, startedAt };
}

function main(): void {
  const [sizeText, resultFile, profileFile] = process.argv.slice(2);
  const size = Number(sizeText);
  if (!(size > 0) || !resultFile) throw new Error('usage: review-driver.ts <size> <result.json> [profile.cpuprofile]');
  if (!profileFile) {
    fs.writeFileSync(resultFile, JSON.stringify(timedReview(size, resultFile)));
    return;
  }
  // Profile only the timed review, not plan generation or module loading.
  const session = new Session();
  session.connect();
  const rules = allRules();
  review([parsePlan(generatePlan(1000), 'warm-up.json')], { rules, production: true });
  const plan = parsePlan(generatePlan(size), `generated-${size}.json`);
  session.post('Profiler.enable', () => session.post('Profiler.start', () => {
    const startedAt = Date.now();
    const report = review([plan], { rules, production: true });
    const ms = Date.now() - startedAt;
    session.post('Profiler.stop', (error, result) => {
      if (error) throw error;
      fs.writeFileSync(profileFile, JSON.stringify(result.profile));
      fs.writeFileSync(resultFile, JSON.stringify({ resources: size, rules: rules.length, ms, findings: report.findings.length, startedAt }));
      session.disconnect();
    });
  }));
}

main();

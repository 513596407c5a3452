/**
 * Times the policy review of large generated plans (see `tools/bench/plan.ts`), in-process after one
 * warm-up. Prints one line per size. `npm run bench` runs the same measurement, one size per child.
 *   npx ts-node tools/bench-review.ts [SIZE ...]   (default 1000 10000)
 */
import { review } from '../policy/engine';
import { parsePlan } from '../policy/plan';
import { allRules } from '../policy/rules';
import { generatePlan } from './bench/plan';

export { generatePlan };

function main(): void {
  const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
  const rules = allRules();
  review([parsePlan(generatePlan(1000), 'warm-up.json')], { rules, production: true });
  for (const size of sizes.length > 0 ? sizes : [1000, 10000]) {
    const doc = generatePlan(size);
    const started = process.hrtime.bigint();
    const plan = parsePlan(doc, `generated-${size}.json`);
    const report = review([plan], { rules, production: true });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    console.log(`review ${size} resources, ${rules.length} rules: ${ms.toFixed(0)} ms, ${(ms / (size / 1000)).toFixed(1)} ms per 1k (${report.findings.length} findings)`);
  }
}

if (require.main === module) main();

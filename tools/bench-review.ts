/**
 * Times the policy review of large generated plans (see `tools/bench/plan.ts`), in-process after one
 * warm-up. Prints one line per size. `npm run bench` runs the same measurement, one size per child.
 *   npx ts-node tools/bench-review.ts [SIZE ...]   (default 1000 10000)
 */
import { prepare, timed, warmUp } from './bench/review-driver';

function main(): void {
  const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
  const rules = warmUp();
  for (const size of sizes.length > 0 ? sizes : [1000, 10000]) {
    const { ms, findings } = timed(prepare(size, rules));
    console.log(`review ${size} resources, ${rules.length} rules: ${ms.toFixed(0)} ms, ${(ms / (size / 1000)).toFixed(1)} ms per 1k (${findings} findings)`);
  }
}

if (require.main === module) main();

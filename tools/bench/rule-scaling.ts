/**
 * Which rules grow faster than the plan: times every rule alone over generated plans of two sizes
 * (one shared graph per size) and prints the rules whose time per resource grows the most.
 *   npx ts-node tools/bench/rule-scaling.ts [SMALL LARGE]   (default 2000 10000)
 */
import { ResourceGraph } from '../../policy/graph';
import { allRules } from '../../policy/rules';
import { Rule } from '../../policy/rule';
import { generatedPlan } from './plan';

function timeRules(size: number, rules: readonly Rule[]): Map<string, number> {
  const plan = generatedPlan(size);
  const context = { graph: new ResourceGraph(plan), production: true };
  const times = new Map<string, number>();
  for (const rule of rules) {
    const targets = plan.resources.filter((r) => rule.appliesTo.includes(r.type));
    const started = process.hrtime.bigint();
    for (const resource of targets) {
      try {
        rule.check(resource, context);
      } catch {
        // evaluated as unknown by the engine; the time is what matters here
      }
    }
    times.set(rule.id, Number(process.hrtime.bigint() - started) / 1e6);
  }
  return times;
}

function main(): void {
  const [small, large] = process.argv.slice(2).map(Number);
  const sizes = [small || 2000, large || 10000];
  const rules = allRules();
  timeRules(1000, rules);
  const [a, b] = sizes.map((s) => timeRules(s, rules));
  const factor = sizes[1] / sizes[0];
  const rows = rules.map((r) => ({ id: r.id, small: a.get(r.id)!, large: b.get(r.id)! }))
    .map((r) => ({ ...r, growth: r.large / Math.max(r.small, 0.01) / factor }))
    .sort((x, y) => y.large - x.large);
  console.log(`rule            ${sizes[0]} ms  ${sizes[1]} ms  growth per resource (1 = linear)`);
  for (const r of rows.slice(0, 25)) {
    console.log(`${r.id.padEnd(14)} ${r.small.toFixed(1).padStart(8)} ${r.large.toFixed(1).padStart(9)}  ${r.growth.toFixed(2)}`);
  }
  const total = (m: Map<string, number>) => [...m.values()].reduce((x, y) => x + y, 0);
  console.log(`all rules      ${total(a).toFixed(1).padStart(8)} ${total(b).toFixed(1).padStart(9)}  ${(total(b) / total(a) / factor).toFixed(2)}`);
}

main();

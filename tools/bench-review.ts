/**
 * Times the policy review of large generated plans: the prod stack's resources replicated, with
 * renamed addresses and references, to N resources. Prints one line per size.
 *   npx ts-node tools/bench-review.ts [SIZE ...]   (default 1000 10000)
 */
import { Testing } from 'cdktf';
import prod from '../environments/prod';
import { parseEnvironment } from '../environments/schema';
import { review } from '../policy/engine';
import { parsePlan } from '../policy/plan';
import { allRules } from '../policy/rules';
import { PlatformStack } from '../stacks/platform-stack';

export function generatePlan(size: number): Record<string, unknown> {
  const stack = JSON.parse(Testing.synth(new PlatformStack(Testing.app(), 'prod', parseEnvironment(prod))));
  const template = Object.entries(stack.resource as Record<string, Record<string, unknown>>)
    .flatMap(([type, byName]) => Object.entries(byName).map(([name, values]) => ({ type, name, values: JSON.stringify(values) })));
  const resource: Record<string, Record<string, unknown>> = {};
  for (let copy = 0, n = 0; n < size; copy++) {
    for (const t of template) {
      if (n++ >= size) break;
      // Rename every resource of this copy and every reference to one, so copies form separate graphs.
      const values = JSON.parse(t.values.replace(/\$\{(azurerm_[a-z_]+)\.([A-Za-z0-9_-]+)\./g, `\${$1.$2_c${copy}.`));
      (resource[t.type] ??= {})[`${t.name}_c${copy}`] = values;
    }
  }
  return { resource };
}

function main(): void {
  const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
  const rules = allRules();
  for (const size of sizes.length > 0 ? sizes : [1000, 10000]) {
    const doc = generatePlan(size);
    const started = process.hrtime.bigint();
    const plan = parsePlan(doc, `generated-${size}.json`);
    const report = review([plan], { rules, production: true });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    console.log(`review ${size} resources, ${rules.length} rules: ${ms.toFixed(0)} ms (${report.findings.length} findings)`);
  }
}

if (require.main === module) main();

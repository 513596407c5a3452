/**
 * The rule registry: every `rules/<area>/GAI-<AREA>-<NNN>.ts` file, loaded by file name so that a
 * new rule is registered by creating its file. The id inside must equal the file name.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Rule } from '../rule';

const RULE_FILE = /^(GAI-[A-Z]+-\d{3})\.(ts|js)$/;

let cache: readonly Rule[] | undefined;

/** Every registered rule, sorted by id. */
export function allRules(): readonly Rule[] {
  cache ??= loadRules(__dirname);
  return cache;
}

/** Loads the rules under `dir`; throws on a file whose rule id does not match its name, or duplicates. */
export function loadRules(dir: string): Rule[] {
  const rules: Rule[] = [];
  for (const area of fs.readdirSync(dir, { withFileTypes: true })) {
    if (!area.isDirectory()) continue;
    for (const file of fs.readdirSync(path.join(dir, area.name)).sort()) {
      const m = RULE_FILE.exec(file);
      if (!m) continue;
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const rule = (require(path.join(dir, area.name, file)) as { default?: Rule }).default;
      if (!rule || rule.id !== m[1]) {
        throw new Error(`${area.name}/${file}: must default-export the rule ${m[1]} (found ${rule?.id ?? 'nothing'})`);
      }
      rules.push(rule);
    }
  }
  const seen = new Set<string>();
  for (const rule of rules) {
    if (seen.has(rule.id)) throw new Error(`Rule ${rule.id} is defined twice`);
    seen.add(rule.id);
  }
  return rules.sort((a, b) => a.id.localeCompare(b.id));
}

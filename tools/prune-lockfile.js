#!/usr/bin/env node
/**
 * Makes package-lock.json installable with `npm ci` here. npm records only this platform's optional
 * native packages (e.g. @swc/core-linux-x64-gnu) in the lockfile, while `npm ci` (npm 11) still
 * requires an entry for every optional dependency a package declares (npm/cli#4828, #8320). This
 * removes the declared-but-unrecorded optional edges. Run it after every `npm install`:
 *   npm install <pkg> && npm run lockfile
 */
const fs = require('fs');
const path = require('path');

function pruneLockfile(lock) {
  const recorded = new Set(Object.keys(lock.packages ?? {}).map((key) => key.replace(/^.*node_modules\//, '')));
  const pruned = [];
  for (const [key, entry] of Object.entries(lock.packages ?? {})) {
    if (!entry.optionalDependencies) continue;
    for (const dep of Object.keys(entry.optionalDependencies)) {
      if (!recorded.has(dep)) {
        delete entry.optionalDependencies[dep];
        pruned.push(`${key || '(root)'} -> ${dep}`);
      }
    }
    if (Object.keys(entry.optionalDependencies).length === 0) delete entry.optionalDependencies;
  }
  return pruned;
}

module.exports = { pruneLockfile };

if (require.main === module) {
  const file = path.join(__dirname, '..', 'package-lock.json');
  const lock = JSON.parse(fs.readFileSync(file, 'utf8'));
  const pruned = pruneLockfile(lock);
  fs.writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
  console.log(`package-lock.json: removed ${pruned.length} optional edge(s) to packages npm did not record`);
}

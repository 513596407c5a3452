'use strict';
/**
 * Runs one of the repository's TypeScript commands from a `gai-*` bin (`npx gai-review ...`): transpiled by
 * ts-node with SWC, as the npm scripts are, without npm's banner on stdout, so `--format json|sarif` output
 * parses as it is. Each command returns its exit code (see tools/command-line.ts).
 */
const path = require('path');

module.exports = function run(modulePath, exportName) {
  const root = path.join(__dirname, '..');
  // The cdktf CLI's telemetry call fails loudly offline; the platform's commands never need it.
  if (process.env.CHECKPOINT_DISABLE === undefined) process.env.CHECKPOINT_DISABLE = '1';
  require('ts-node').register({ project: path.join(root, 'tsconfig.json'), swc: true });
  const command = require(path.join(root, modulePath))[exportName];
  command(process.argv.slice(2)).then((code) => { process.exitCode = code; });
};

#!/usr/bin/env node
'use strict';
/**
 * The cdktf CLI with its HashiCorp checkpoint call switched off (`CHECKPOINT_DISABLE=1`): offline, or behind
 * a proxy, that call prints a red `getaddrinfo ENOTFOUND checkpoint-api.hashicorp.com` error on every
 * command. `npm run cdktf -- synth|deploy ENV|...` passes every argument through and exits with cdktf's code.
 * An explicit CHECKPOINT_DISABLE in the environment is kept.
 */
const { spawnSync } = require('child_process');
const path = require('path');

/** The environment cdktf runs in: the caller's, with the checkpoint call off unless the caller set it. */
function cdktfEnvironment(env) {
  return { ...env, CHECKPOINT_DISABLE: env.CHECKPOINT_DISABLE ?? '1' };
}

/** The cdktf CLI's entry script (`cdktf-cli`'s bin), or `override` (a stand-in, in tests). */
function cdktfEntry(override) {
  if (override) return override;
  const pkg = require.resolve('cdktf-cli/package.json');
  return path.join(path.dirname(pkg), require(pkg).bin.cdktf);
}

if (require.main === module) {
  const result = spawnSync(process.execPath, [cdktfEntry(process.env.GAI_CDKTF_ENTRY), ...process.argv.slice(2)], {
    stdio: 'inherit', env: cdktfEnvironment(process.env),
  });
  if (result.error) {
    console.error(`cdktf: ${result.error.message}`);
    process.exitCode = 2;
  } else {
    process.exitCode = result.status ?? 1;
  }
}

module.exports = { cdktfEnvironment, cdktfEntry };

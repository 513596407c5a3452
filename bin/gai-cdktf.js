#!/usr/bin/env node
'use strict';
/**
 * The cdktf CLI with its HashiCorp checkpoint call switched off (`CHECKPOINT_DISABLE=1`): offline, or behind
 * a proxy, that call prints a red `getaddrinfo ENOTFOUND checkpoint-api.hashicorp.com` error on every
 * command. `npm run cdktf -- synth|deploy ENV|...` passes every argument through and exits with cdktf's code.
 * An explicit CHECKPOINT_DISABLE in the environment is kept. A command on the state bootstrap stack without
 * STATE_REPOSITORY is refused with the variables to set (exit 2), before cdktf runs.
 */
const { spawnSync } = require('child_process');
const path = require('path');

/** The environment cdktf runs in: the caller's, with the checkpoint call off unless the caller set it. */
function cdktfEnvironment(env) {
  return { ...env, CHECKPOINT_DISABLE: env.CHECKPOINT_DISABLE ?? '1' };
}

/** cdktf commands that name stacks as arguments. */
const STACK_COMMANDS = new Set(['deploy', 'destroy', 'diff', 'plan', 'output', 'synth', 'watch']);

/**
 * Why the state bootstrap stack cannot be found, or undefined. The app adds the stack `state` only when
 * STATE_REPOSITORY is set, and the cdktf CLI tells the app nothing of the stack asked for: without this
 * check the CLI says only "Could not find stack: state".
 */
function missingStateVariables(args, env) {
  const [command, ...rest] = args.filter((a) => !a.startsWith('-'));
  if (!STACK_COMMANDS.has(command) || !rest.includes('state') || (env.STATE_REPOSITORY ?? '').trim() !== '') return undefined;
  return [
    `cdktf: the state bootstrap stack 'state' exists only with STATE_REPOSITORY set; it is not set. Set, then run again:`,
    '  STATE_REPOSITORY          owner/name of the GitHub repository whose workflows deploy (federated credentials)',
    '  STATE_PE_SUBNET_ID        the runners\' subnet for the state account\'s private endpoint, with',
    '  STATE_PE_DNS_ZONE_ID      their privatelink.blob.core.windows.net zone;',
    '  or STATE_ALLOWED_IP_RANGES with STATE_PUBLIC_ACCESS_REASON, when runners reach it over public ranges',
    'See docs/deploy.md, section 1. Nothing was run.',
  ].join('\n');
}

/** The cdktf CLI's entry script (`cdktf-cli`'s bin), or `override` (a stand-in, in tests). */
function cdktfEntry(override) {
  if (override) return override;
  const pkg = require.resolve('cdktf-cli/package.json');
  return path.join(path.dirname(pkg), require(pkg).bin.cdktf);
}

if (require.main === module) {
  const missing = missingStateVariables(process.argv.slice(2), process.env);
  if (missing) {
    console.error(missing);
    process.exit(2);
  }
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

module.exports = { cdktfEnvironment, cdktfEntry, missingStateVariables };

/**
 * Tries one environment for real on a sandbox subscription, from a workstation, without the remote state
 * or the CI identities the shipped configs point at:
 *
 *   npm run sandbox -- --env dev --subscription <id> --deployer-ip <your public IP> --image-source <image>
 *   npm run sandbox -- --env dev --subscription <id> --deployer-ip <your public IP> --destroy
 *
 * Every prerequisite is checked first, and all problems are listed at once in plain language, before
 * terraform runs: terraform 1.11+ and the Azure CLI on PATH, an `az login` that sees the subscription,
 * a role that may create role assignments, line of sight to Key Vault, and an orchestrator image to import.
 * The environment is then synthesized into `.sandbox/out` with local state in `.sandbox/state/<env>.tfstate`
 * (outside the synthesized tree, so a later synth keeps it), the sandbox subscription, and a naming seed
 * of its own (globally unique names cannot collide with the real environment's). The deploy applies the
 * container registry first, imports the orchestrator image into it (`az acr import`, server-side), then
 * applies the rest; every step is safe to run again.
 */
import * as fs from 'fs';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { parseCidr, parseIp } from '../environments/cidr';
import { loadEnvironments } from '../environments/load';
import { EnvironmentInput } from '../environments/schema';
import { selectEnvironments } from '../environments/select';
import { MINIMUM_TERRAFORM_VERSION } from '../constructs/azapi';
import { Io, UsageError, defineCommand, processIo, runCommand } from './command-line';
import { classifyFailure } from './failures';

export const SANDBOX = defineCommand({
  name: 'sandbox',
  summary: 'Deploys (or destroys) one environment on a sandbox subscription with local state, from a workstation: checks every prerequisite first, then synthesizes it into .sandbox/ and runs terraform.',
  synopsis: [
    '--env NAME --subscription ID (--deployer-ip IP | --inside-network) --image-source IMAGE [--check] [--auto-approve]',
    '--env NAME --subscription ID (--deployer-ip IP | --inside-network) --destroy [--auto-approve]',
  ],
  flags: {
    env: { type: 'string', required: true, value: 'NAME', description: 'The environment to try; its config is used as is, apart from state, subscription and naming seed.' },
    // Named, never inferred: a sandbox exists to stay apart from the real environment's subscription.
    subscription: { type: 'string', required: true, value: 'ID', description: 'The sandbox subscription (never taken from the config or the Azure CLI\'s current one).' },
    'deployer-ip': { type: 'string', multiple: true, value: 'IP', description: 'This machine\'s public IP or range, allowed through the Key Vault firewall so that terraform can create the keys (flagged in the review).' },
    'inside-network': { type: 'boolean', description: 'This machine reaches the environment\'s VNet (a peered jump host or runner): no Key Vault firewall exception.' },
    'image-source': { type: 'string', value: 'IMAGE', description: 'The orchestrator image to import into the environment\'s registry, e.g. myregistry.azurecr.io/orchestrator:0.9.0.' },
    check: { type: 'boolean', description: 'Check the prerequisites and synthesize, then print the commands instead of running them.' },
    destroy: { type: 'boolean', description: 'Destroy the sandbox (terraform destroy with the same state).' },
    'auto-approve': { type: 'boolean', description: 'Pass -auto-approve to terraform apply and destroy (default: terraform asks).' },
  },
  failedMeans: 'a prerequisite is missing, or a terraform or az step failed (the message names it; running again is safe)',
  notes: ['The state file is .sandbox/state/<env>.tfstate: keep it until the sandbox is destroyed.'],
});

/** The sandbox's files, under the working directory. */
export const SANDBOX_DIR = '.sandbox';

/** The result of running a program; `missing` when it is not on PATH. */
export interface ProgramRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly missing?: boolean;
}

export interface SandboxIo extends Io {
  /** Where `.sandbox/` is written. */
  readonly cwd: string;
  /** The environment the programs run in (PATH finds terraform and az). */
  readonly env: NodeJS.ProcessEnv;
  /**
   * Runs a program. `interactive` runs share this terminal (terraform's plan and its approval prompt);
   * the others are captured.
   */
  readonly exec: (program: string, args: readonly string[], interactive: boolean) => ProgramRun;
}

function spawnProgram(env: NodeJS.ProcessEnv) {
  return (program: string, args: readonly string[], interactive: boolean): ProgramRun => {
    const result = spawnSync(program, [...args], { env, encoding: 'utf8', stdio: interactive ? 'inherit' : 'pipe' });
    const missing = (result.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
    return { status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? (result.error?.message ?? ''), missing };
  };
}

const defaultIo = (): SandboxIo => {
  const env = { ...process.env, CHECKPOINT_DISABLE: process.env.CHECKPOINT_DISABLE ?? '1' };
  return { ...processIo, cwd: process.cwd(), env, exec: spawnProgram(env) };
};

/** The lowest terraform the stacks accept (`required_version`; azapi's write-only attributes need it). */
const MINIMUM_TERRAFORM = MINIMUM_TERRAFORM_VERSION.split('.').map(Number);
/** Roles that may create role assignments, which the deploy does (grants to the platform's identities). */
const ASSIGNING_ROLES = ['Owner', 'User Access Administrator', 'Role Based Access Control Administrator'];

interface Options {
  readonly env: string;
  readonly subscription: string;
  readonly deployerIps: readonly string[];
  readonly insideNetwork: boolean;
  readonly imageSource?: string;
  readonly check: boolean;
  readonly destroy: boolean;
  readonly autoApprove: boolean;
}

/** What the checks learned about the Azure CLI login. */
export interface AzureLogin {
  readonly subscriptionId: string;
  readonly subscriptionName: string;
  readonly tenantId: string;
  readonly user: string;
}

export function main(argv: readonly string[], io: SandboxIo = defaultIo()): Promise<number> {
  return runCommand(SANDBOX, argv, io, classifyFailure, ({ values }) => {
    const problems: string[] = [];
    if (values.check && values.destroy) problems.push('--check and --destroy exclude each other');
    if (values['inside-network'] && values['deployer-ip'].length > 0) problems.push('--deployer-ip and --inside-network exclude each other');
    if (values.destroy && values['image-source']) problems.push('--image-source is for a deploy, not --destroy');
    for (const ip of values['deployer-ip']) {
      const cidr = parseIp(ip) !== undefined ? parseCidr(`${ip}/32`) : parseCidr(ip);
      if (typeof cidr === 'string') problems.push(`--deployer-ip ${ip}: ${cidr}`);
    }
    if (problems.length > 0) throw new UsageError(problems.join('; '));
    return sandbox({
      env: values.env, subscription: values.subscription, deployerIps: values['deployer-ip'], insideNetwork: values['inside-network'],
      imageSource: values['image-source'], check: values.check, destroy: values.destroy, autoApprove: values['auto-approve'],
    }, io);
  });
}

function sandbox(options: Options, io: SandboxIo): number {
  const inputs = loadEnvironments();
  const [input] = selectEnvironments(inputs, [options.env]);
  const say = (line: string) => io.stderr(`${line}\n`);

  const { problems, login } = checkPrerequisites(options, input, io);
  if (problems.length > 0) {
    say(`sandbox ${options.env}: ${problems.length === 1 ? 'a prerequisite is' : `${problems.length} prerequisites are`} missing; nothing was run:`);
    for (const p of problems) say(`  - ${p}`);
    return 1;
  }
  const subscriptionId = login!.subscriptionId;
  say(`sandbox ${options.env}: subscription ${subscriptionId} (${login!.subscriptionName}), signed in as ${login!.user}`);

  const statePath = path.join(io.cwd, SANDBOX_DIR, 'state', `${input.name}.tfstate`);
  const sandboxInput = sandboxEnvironment(input, { subscriptionId, statePath, deployerIps: options.deployerIps, forDestroy: options.destroy });
  const outdir = path.join(io.cwd, SANDBOX_DIR, 'out');
  // Loaded here: the synthesis brings in the cdktf app, which a failed check does not need.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { synthesize } = require('../stacks/synthesize') as typeof import('../stacks/synthesize');
  // The stack a destroy runs on is reviewed by no rule: it is never applied, and its missing protections
  // are the point (see sandboxEnvironment).
  const result = synthesize({
    outdir, only: [input.name], inputs: inputs.map((i) => (i.name === input.name ? sandboxInput : i)), stateBootstrap: undefined,
    ...(options.destroy && { rules: [] }),
  });
  const stackDir = path.join(outdir, 'stacks', input.name);
  const s = result.reviews[input.name].summary;
  say(`sandbox ${options.env}: synthesized to ${path.relative(io.cwd, stackDir)} (review: ${s.errors} errors, ${s.warnings} warnings, ${s.suppressed} suppressed; ${path.relative(io.cwd, path.join(outdir, 'review', `${input.name}.md`))})`);

  const stack = JSON.parse(fs.readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8')) as { resource?: Record<string, Record<string, Record<string, unknown>>> };
  const approve = options.autoApprove ? ['-auto-approve'] : [];
  const terraform = (...args: string[]) => ({ program: 'terraform', args: [`-chdir=${stackDir}`, ...args] });
  const steps: { title: string; program: string; args: string[] }[] = [{ title: 'terraform init', ...terraform('init', '-input=false') }];
  if (options.destroy) {
    steps.push({ title: 'terraform destroy', ...terraform('destroy', ...approve) });
  } else {
    const registry = onlyResource(stack, 'azurerm_container_registry');
    const image = orchestratorImage(stack);
    steps.push(
      { title: 'terraform apply (the container registry first)', ...terraform('apply', `-target=azurerm_container_registry.${registry.key}`, ...approve) },
      // Import is server-side: the registry's public endpoint is not needed (Learn: "Import container images
      // to a container registry"); --force makes it repeatable.
      { title: 'az acr import (the orchestrator image)', program: 'az', args: ['acr', 'import', '--name', String(registry.values.name), '--subscription', subscriptionId, '--source', options.imageSource!, '--image', image, '--force'] },
      { title: 'terraform apply (everything else)', ...terraform('apply', ...approve) },
    );
  }
  if (options.check) {
    say(`sandbox ${options.env}: every prerequisite is met. The deploy would run:`);
    for (const step of steps) io.stdout(`${[step.program, ...step.args].map(quote).join(' ')}\n`);
    return 0;
  }
  for (const step of steps) {
    say(`sandbox ${options.env}: ${step.title}`);
    const run = io.exec(step.program, step.args, true);
    if (run.status !== 0) {
      say(`sandbox ${options.env}: ${step.title} failed (exit ${run.status ?? 'signal'}); nothing after it ran. Fix the cause and run the same command again: every step is repeatable, and the state in ${path.relative(io.cwd, statePath)} keeps what was made.`);
      return 1;
    }
  }
  if (options.destroy) {
    // AI Services accounts stay soft-deleted for 48 hours and their names cannot be reused until then
    // (Learn: "Recover or purge deleted Azure AI services resources"); the provider does not purge them
    // (`purge_soft_delete_on_destroy = false`). Purging is destructive, so it is printed, not run.
    const purges = cognitiveAccounts(stack).map((a) => ['az', 'cognitiveservices', 'account', 'purge', '--name', a.name, '--resource-group', a.resourceGroup, '--location', a.location, '--subscription', subscriptionId]);
    if (purges.length > 0) {
      say(`sandbox ${options.env}: the AI Services accounts stay soft-deleted for 48 hours, and a new deploy of this sandbox fails until they are gone. To deploy again sooner, purge them:`);
      for (const purge of purges) io.stdout(`${purge.map(quote).join(' ')}\n`);
    }
  }
  say(options.destroy
    ? `sandbox ${options.env}: destroyed. Key Vaults stay soft-deleted (purge protection) for ${input.keyVault?.softDeleteRetentionDays ?? 90} days; a new deploy to this subscription recovers them.`
    : `sandbox ${options.env}: deployed to subscription ${subscriptionId}. Destroy it with: npm run sandbox -- --env ${options.env} --subscription ${subscriptionId} ${options.insideNetwork ? '--inside-network' : options.deployerIps.map((ip) => `--deployer-ip ${ip}`).join(' ')} --destroy`);
  return 0;
}

/** The environment as the sandbox deploys it: local state, the sandbox subscription, names of its own. */
export function sandboxEnvironment(input: EnvironmentInput, sandbox: { subscriptionId: string; statePath: string; deployerIps: readonly string[]; forDestroy?: boolean }): EnvironmentInput {
  return {
    ...input,
    subscriptionId: sandbox.subscriptionId,
    state: { backend: 'local', path: sandbox.statePath },
    // Key Vault, storage, registry and account names are global: a seed of the sandbox's own keeps them
    // apart from the real environment's, and from another sandbox's. A fixed `uniqueSuffix` would override
    // the seed (Naming uses it as is), so the sandbox drops it.
    naming: { ...input.naming, uniqueSuffix: undefined, seed: `${input.naming?.seed ?? ''}sandbox-${sandbox.subscriptionId}` },
    // The deploy keeps the config's protections (and passes its review). `--destroy` synthesizes without
    // `prevent_destroy` and delete locks, which would make `terraform destroy` refuse for a production
    // config; that stack is never applied, only destroyed. Purge protection and soft delete stay.
    ...(sandbox.forDestroy && { governance: { ...input.governance, preventDestroyEnabled: false, deleteLocksEnabled: false } }),
    ...(sandbox.deployerIps.length > 0 && {
      keyVault: {
        ...input.keyVault,
        deployerIpRanges: [...sandbox.deployerIps],
        deployerAccessReason: 'npm run sandbox: terraform creates the keys from a workstation outside the VNet',
      },
    }),
  };
}

/**
 * Every prerequisite of a sandbox deploy, checked without changing anything. Returns every problem, in
 * plain language, and the login when the Azure CLI answered.
 */
export function checkPrerequisites(options: Options, input: EnvironmentInput, io: SandboxIo): { problems: string[]; login?: AzureLogin } {
  const problems: string[] = [];

  const version = io.exec('terraform', ['version', '-json'], false);
  if (version.missing) problems.push(`terraform is not on PATH: install Terraform ${MINIMUM_TERRAFORM.join('.')} or later (https://developer.hashicorp.com/terraform/install)`);
  else {
    const found = /"terraform_version"\s*:\s*"(\d+)\.(\d+)\.(\d+)/.exec(version.stdout);
    if (version.status !== 0 || !found) problems.push(`\`terraform version\` did not answer (${firstLine(version.stderr) || `exit ${version.status}`})`);
    else if (compareVersions(found.slice(1, 4).map(Number), MINIMUM_TERRAFORM) < 0) {
      problems.push(`terraform ${found.slice(1, 4).join('.')} is too old: the stacks need ${MINIMUM_TERRAFORM.join('.')} or later (azapi's write-only attributes)`);
    }
  }

  let login: AzureLogin | undefined;
  const account = io.exec('az', ['account', 'show', '--output', 'json'], false);
  if (account.missing) problems.push('the Azure CLI (az) is not on PATH: install it (https://learn.microsoft.com/cli/azure/install-azure-cli), then run `az login`');
  else if (account.status !== 0) problems.push(`you are not signed in to the Azure CLI: run \`az login\` (${firstLine(account.stderr) || `exit ${account.status}`})`);
  else {
    const current = parseAccount(account.stdout);
    const wanted = options.subscription;
    const target = wanted === current?.subscriptionId ? account : io.exec('az', ['account', 'show', '--subscription', wanted ?? '', '--output', 'json'], false);
    login = target.status === 0 ? parseAccount(target.stdout) : undefined;
    if (!login) {
      problems.push(`your Azure CLI login${current ? ` (${current.user})` : ''} cannot see subscription ${wanted}: check the id, or sign in to its tenant (\`az login --tenant <tenant>\`)`);
    } else {
      const roles = io.exec('az', ['role', 'assignment', 'list', '--assignee', login.user, '--scope', `/subscriptions/${login.subscriptionId}`, '--include-inherited', '--include-groups', '--output', 'json'], false);
      const names = roles.status === 0 ? roleNames(roles.stdout) : undefined;
      if (names === undefined) {
        problems.push(`cannot list your role assignments on subscription ${login.subscriptionId} (${firstLine(roles.stderr) || `exit ${roles.status}`}); the deploy needs Owner, or Contributor with User Access Administrator`);
      } else if (!names.includes('Owner') && !(names.includes('Contributor') && names.some((n) => ASSIGNING_ROLES.includes(n)))) {
        problems.push(`${login.user} holds ${names.length > 0 ? names.join(', ') : 'no role'} on subscription ${login.subscriptionId}; the deploy creates resources and role assignments, so it needs Owner, or Contributor with User Access Administrator`);
      }
    }
  }

  if (!options.insideNetwork && options.deployerIps.length === 0 && (input.keyVault?.deployerIpRanges ?? []).length === 0) {
    problems.push('terraform creates the customer-managed keys through the Key Vault\'s private endpoint, which this machine cannot reach from outside the VNet: '
      + 'pass --deployer-ip with this machine\'s public IP (a firewall exception the review shows), or --inside-network on a machine peered into the VNet');
  }
  const image = input.orchestrator?.image ?? 'the orchestrator image';
  const digest = /@(sha256:[0-9a-f]{64})$/.exec(image)?.[1];
  if (!options.destroy && !options.imageSource) {
    problems.push(`the orchestrator app pulls ${image} from the environment's own registry, which this deploy creates: name the image to import into it with --image-source (a registry Azure can reach, e.g. myregistry.azurecr.io/${image})`);
  } else if (!options.destroy && digest && !options.imageSource!.endsWith(`@${digest}`)) {
    // Import keeps the manifest, so the digest the app pins is found only if the source is that digest.
    problems.push(`${input.name} pins the orchestrator image by digest (${image}): --image-source must name that digest, e.g. myregistry.azurecr.io/${image}`);
  }
  return { problems, login };
}

function parseAccount(text: string): AzureLogin | undefined {
  try {
    const a = JSON.parse(text) as { id?: string; name?: string; tenantId?: string; user?: { name?: string } };
    return a.id ? { subscriptionId: a.id, subscriptionName: a.name ?? a.id, tenantId: a.tenantId ?? '', user: a.user?.name ?? 'unknown user' } : undefined;
  } catch {
    return undefined;
  }
}

function roleNames(text: string): string[] | undefined {
  try {
    const list = JSON.parse(text) as { roleDefinitionName?: string }[];
    return Array.isArray(list) ? [...new Set(list.map((r) => r.roleDefinitionName).filter((n): n is string => typeof n === 'string'))].sort() : undefined;
  } catch {
    return undefined;
  }
}

function onlyResource(stack: { resource?: Record<string, Record<string, Record<string, unknown>>> }, type: string): { key: string; values: Record<string, unknown> } {
  const entries = Object.entries(stack.resource?.[type] ?? {});
  if (entries.length !== 1) throw new Error(`expected one ${type} in the synthesized stack, found ${entries.length}`);
  return { key: entries[0][0], values: entries[0][1] };
}

/** The image the container app pulls, as `repository:tag` inside the registry. */
function orchestratorImage(stack: { resource?: Record<string, Record<string, Record<string, unknown>>> }): string {
  const app = onlyResource(stack, 'azurerm_container_app');
  const containers = ((app.values.template as { container?: { image?: string }[] } | undefined)?.container ?? []);
  const image = containers[0]?.image;
  if (typeof image !== 'string') throw new Error('the container app in the synthesized stack has no image');
  // `${registry.login_server}/orchestrator:0.9.0`: the part after the login server. `az acr import --image`
  // takes repository:tag; a digest-pinned app finds the imported manifest by its digest under any tag.
  const reference = image.replace(/^.*?\}\//, '').replace(/^[^/]+\.azurecr\.io\//, '');
  const pinned = /^(.+)@sha256:([0-9a-f]{12})[0-9a-f]{52}$/.exec(reference);
  return pinned ? `${pinned[1]}:sha256-${pinned[2]}` : reference;
}

/** The stack's AI Services accounts with literal name, resource group and location. */
function cognitiveAccounts(stack: { resource?: Record<string, Record<string, Record<string, unknown>>> }): { name: string; resourceGroup: string; location: string }[] {
  const groups = stack.resource?.azurerm_resource_group ?? {};
  const literal = (value: unknown): string => {
    const ref = /^\$\{azurerm_resource_group\.([^.}]+)\.(name|location)\}$/.exec(String(value));
    return ref ? String(groups[ref[1]]?.[ref[2]] ?? value) : String(value);
  };
  return Object.values(stack.resource?.azurerm_cognitive_account ?? {})
    .map((a) => ({ name: literal(a.name), resourceGroup: literal(a.resource_group_name), location: literal(a.location) }));
}

function compareVersions(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

const firstLine = (text: string): string => text.trim().split('\n')[0]?.replace(/^ERROR:\s*/, '') ?? '';
const quote = (arg: string): string => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, "'\\''")}'`);

if (require.main === module) main(process.argv.slice(2)).then((code) => { process.exitCode = code; });

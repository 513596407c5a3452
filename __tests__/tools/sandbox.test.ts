/**
 * `npm run sandbox`, with stand-ins for terraform and the Azure CLI on PATH (shell scripts that log each call
 * and answer as the real programs do): the prerequisites are checked before anything runs, and the deploy
 * runs its steps in order against a stack synthesized with local state and the sandbox subscription.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { SANDBOX_DIR, SandboxIo, main, sandboxEnvironment } from '../../tools/sandbox';
import { loadEnvironments } from '../../environments/load';
import { EnvironmentInput, parseEnvironments } from '../../environments/schema';
import { Naming } from '../../constructs/naming';

const SUBSCRIPTION = '11111111-2222-3333-4444-555555555555';
const OTHER_SUBSCRIPTION = '99999999-8888-7777-6666-555555555555';

/** terraform: logs its arguments; `version -json` answers $FAKE_TF_VERSION; `apply` fails when $FAKE_TF_FAIL_APPLY is set. */
const FAKE_TERRAFORM = `#!/bin/sh
echo "terraform $*" >> "$FAKE_LOG"
case "$1" in
  version) echo "{\\"terraform_version\\":\\"\${FAKE_TF_VERSION:-1.11.4}\\",\\"platform\\":\\"linux_amd64\\"}" ;;
  *) case "$2" in apply) [ -n "$FAKE_TF_FAIL_APPLY" ] && exit 1 ;; esac ;;
esac
exit 0
`;

/** az: logs its arguments; signed in to $SUBSCRIPTION unless $FAKE_AZ_LOGGED_OUT; roles from $FAKE_AZ_ROLES. */
const FAKE_AZ = `#!/bin/sh
echo "az $*" >> "$FAKE_LOG"
case "$1 $2" in
  "account show")
    if [ -n "$FAKE_AZ_LOGGED_OUT" ]; then echo "ERROR: Please run 'az login' to setup account." >&2; exit 1; fi
    case "$*" in *--subscription*${OTHER_SUBSCRIPTION}*) echo "ERROR: Subscription '${OTHER_SUBSCRIPTION}' not found." >&2; exit 1 ;; esac
    echo '{"id":"${SUBSCRIPTION}","name":"Sandbox","tenantId":"tttttttt-0000-0000-0000-000000000000","user":{"name":"ada@contoso.com","type":"user"}}'
    ;;
  "role assignment")
    roles="\${FAKE_AZ_ROLES:-}"
    [ -z "$roles" ] && roles='[{"roleDefinitionName":"Owner"}]'
    echo "$roles"
    ;;
  "acr import") ;;
  *) exit 64 ;;
esac
`;

let tmp: string;
let bin: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-'));
  bin = path.join(tmp, 'bin');
  fs.mkdirSync(bin);
  fs.writeFileSync(path.join(bin, 'terraform'), FAKE_TERRAFORM, { mode: 0o755 });
  fs.writeFileSync(path.join(bin, 'az'), FAKE_AZ, { mode: 0o755 });
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Runs the command; `--subscription` (required) is the fake login's subscription unless the test names one. */
async function run(given: string[], env: Record<string, string> = {}, withPrograms = true) {
  const argv = given.includes('--env') && !given.includes('--subscription') ? [...given, '--subscription', SUBSCRIPTION] : given;
  const cwd = fs.mkdtempSync(path.join(tmp, 'work-'));
  const log = path.join(cwd, 'calls.log');
  fs.writeFileSync(log, '');
  const processEnv = { PATH: withPrograms ? `${bin}${path.delimiter}/usr/bin${path.delimiter}/bin` : path.join(tmp, 'empty'), FAKE_LOG: log, ...env };
  let stdout = '';
  let stderr = '';
  const io: SandboxIo = {
    stdout: (t) => { stdout += t; },
    stderr: (t) => { stderr += t; },
    cwd,
    env: processEnv,
    // As the real runner, but captured: a test has no terminal to share.
    exec: (program, args) => {
      const r = spawnSync(program, [...args], { env: processEnv, encoding: 'utf8' });
      return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '', missing: (r.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT' };
    },
  };
  const code = await main(argv, io);
  const calls = fs.readFileSync(log, 'utf8').split('\n').filter(Boolean);
  return { code, stdout, stderr, calls, cwd };
}

const stackOf = (cwd: string, env = 'dev') => JSON.parse(fs.readFileSync(path.join(cwd, SANDBOX_DIR, 'out', 'stacks', env, 'cdk.tf.json'), 'utf8'));
const only = (stack: any, type: string) => Object.entries(stack.resource[type] as Record<string, any>)[0];

describe('npm run sandbox: prerequisites, before anything runs', () => {
  test('a bare machine: every missing prerequisite in plain language, exit 1, nothing synthesized', async () => {
    const { code, stderr, cwd } = await run(['--env', 'dev'], {}, false);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^sandbox dev: 4 prerequisites are missing; nothing was run:\n/);
    expect(stderr).toContain('- terraform is not on PATH: install Terraform 1.11.0 or later');
    expect(stderr).toContain('- the Azure CLI (az) is not on PATH');
    expect(stderr).toContain("- terraform creates the customer-managed keys through the Key Vault's private endpoint");
    expect(stderr).toContain('- the orchestrator app pulls orchestrator:0.9.0 from the environment\'s own registry, which this deploy creates: name the image to import into it with --image-source');
    expect(fs.existsSync(path.join(cwd, SANDBOX_DIR))).toBe(false);
  });

  test('an old terraform and a signed-out Azure CLI are named, and nothing runs', async () => {
    const { code, stderr, calls } = await run(['--env', 'dev', '--inside-network', '--image-source', 'mcr.microsoft.com/k8se/quickstart:latest'], { FAKE_TF_VERSION: '1.9.8', FAKE_AZ_LOGGED_OUT: '1' });
    expect(code).toBe(1);
    expect(stderr).toContain('- terraform 1.9.8 is too old: the stacks need 1.11.0 or later');
    expect(stderr).toContain("- you are not signed in to the Azure CLI: run `az login` (Please run 'az login' to setup account.)");
    expect(calls).toEqual(['terraform version -json', 'az account show --output json']);
  });

  test('a subscription the login cannot see, and a role that cannot assign roles', async () => {
    const hidden = await run(['--env', 'dev', '--subscription', OTHER_SUBSCRIPTION, '--inside-network', '--image-source', 'x.azurecr.io/o:1']);
    expect(hidden.code).toBe(1);
    expect(hidden.stderr).toContain(`- your Azure CLI login (ada@contoso.com) cannot see subscription ${OTHER_SUBSCRIPTION}: check the id, or sign in to its tenant`);
    const contributor = await run(['--env', 'dev', '--inside-network', '--image-source', 'x.azurecr.io/o:1'], { FAKE_AZ_ROLES: '[{"roleDefinitionName":"Contributor"},{"roleDefinitionName":"Reader"}]' });
    expect(contributor.code).toBe(1);
    expect(contributor.stderr).toContain(`- ada@contoso.com holds Contributor, Reader on subscription ${SUBSCRIPTION}; the deploy creates resources and role assignments, so it needs Owner, or Contributor with User Access Administrator`);
    const assigner = await run(['--env', 'dev', '--inside-network', '--image-source', 'x.azurecr.io/o:1', '--check'], { FAKE_AZ_ROLES: '[{"roleDefinitionName":"Contributor"},{"roleDefinitionName":"User Access Administrator"}]' });
    expect(assigner.code).toBe(0);
  }, 30_000);

  test('an environment that pins its image by digest needs that digest as the source, and imports it under a tag of the digest', async () => {
    const prodImage = loadEnvironments().find((i) => i.name === 'prod')!.orchestrator.image;
    const digest = /@(sha256:[0-9a-f]{64})$/.exec(prodImage)![1];
    const wrong = await run(['--env', 'prod', '--inside-network', '--image-source', 'x.azurecr.io/orchestrator:1.0.0']);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain(`- prod pins the orchestrator image by digest (${prodImage}): --image-source must name that digest`);
    const right = await run(['--env', 'prod', '--inside-network', '--image-source', `x.azurecr.io/orchestrator@${digest}`, '--check']);
    expect(right.code).toBe(0);
    expect(right.stdout).toContain(`--source x.azurecr.io/orchestrator@${digest} --image orchestrator:sha256-${digest.slice(7, 19)} --force`);
  }, 60_000);

  test('bad arguments exit 2 with the usage', async () => {
    let missing = '';
    expect((await run(['--env', 'dev', '--inside-network', '--check', '--subscription'])).stderr).toContain('--subscription needs a value');
    const noSubscription = await main(['--env', 'dev', '--inside-network', '--check'], { stdout: () => undefined, stderr: (t) => { missing += t; }, cwd: tmp, env: {}, exec: () => ({ status: 0, stdout: '', stderr: '' }) });
    expect(noSubscription).toBe(2);
    expect(missing).toContain('--subscription is required');
    for (const argv of [[], ['--env', 'dev', '--check', '--destroy'], ['--env', 'dev', '--deployer-ip', '10.0.0.300'], ['--env', 'dev', '--inside-network', '--deployer-ip', '203.0.113.7']]) {
      const { code, stderr, calls } = await run(argv);
      expect(code).toBe(2);
      expect(stderr).toContain('Usage: npm run -s sandbox --');
      expect(calls).toEqual([]);
    }
    expect((await run(['--env', 'nope'])).stderr).toMatch(/Unknown environment 'nope'; known: dev, staging, prod/);
  });
});

describe('npm run sandbox: the deploy', () => {
  let result: Awaited<ReturnType<typeof run>>;
  beforeAll(async () => {
    result = await run(['--env', 'dev', '--deployer-ip', '203.0.113.7', '--image-source', 'myregistry.azurecr.io/orchestrator:0.9.0', '--auto-approve']);
  }, 60_000);

  test('runs init, the registry, the image import and the rest, in that order, after the checks', () => {
    expect(result.code).toBe(0);
    const stack = stackOf(result.cwd);
    const [registryKey, registry] = only(stack, 'azurerm_container_registry');
    const dir = path.join(result.cwd, SANDBOX_DIR, 'out', 'stacks', 'dev');
    expect(result.calls).toEqual([
      'terraform version -json',
      'az account show --output json',
      `az role assignment list --assignee ada@contoso.com --scope /subscriptions/${SUBSCRIPTION} --include-inherited --include-groups --output json`,
      `terraform -chdir=${dir} init -input=false`,
      `terraform -chdir=${dir} apply -target=azurerm_container_registry.${registryKey} -auto-approve`,
      `az acr import --name ${registry.name} --subscription ${SUBSCRIPTION} --source myregistry.azurecr.io/orchestrator:0.9.0 --image orchestrator:0.9.0 --force`,
      `terraform -chdir=${dir} apply -auto-approve`,
    ]);
    expect(result.stderr).toContain(`sandbox dev: deployed to subscription ${SUBSCRIPTION}. Destroy it with: npm run sandbox -- --env dev --subscription ${SUBSCRIPTION} --deployer-ip 203.0.113.7 --destroy`);
  });

  test('the stack: local state outside the synthesized tree, the sandbox subscription, the deployer IP in the vault firewall', () => {
    const stack = stackOf(result.cwd);
    expect(stack.terraform.backend).toEqual({ local: { path: path.join(result.cwd, SANDBOX_DIR, 'state', 'dev.tfstate') } });
    expect(stack.provider.azurerm[0].subscription_id).toBe(SUBSCRIPTION);
    const vaults = Object.values(stack.resource.azurerm_key_vault as Record<string, any>);
    expect(vaults.map((v) => v.network_acls.ip_rules)).toEqual(vaults.map(() => ['203.0.113.7']));
    // The exception is visible: the review records it with its reason.
    const review = JSON.parse(fs.readFileSync(path.join(result.cwd, SANDBOX_DIR, 'out', 'review', 'dev.json'), 'utf8'));
    expect(review.findings).toContainEqual(expect.objectContaining({ ruleId: 'GAI-KV-004', suppressed: true, reason: expect.stringContaining('npm run sandbox') }));
  });

  test('globally unique names differ from the real environment\'s', () => {
    const namingOf = (input: EnvironmentInput) => {
      const c = parseEnvironments(loadEnvironments().map((i) => (i.name === 'dev' ? input : i))).find((e) => e.name === 'dev')!;
      return new Naming({ workload: c.workload, environment: c.name, location: c.location, uniqueSuffix: c.naming.uniqueSuffix, seed: c.naming.seed });
    };
    const shipped = loadEnvironments().find((i) => i.name === 'dev')!;
    const real = namingOf(shipped);
    const sandboxed = namingOf(sandboxEnvironment(shipped, { subscriptionId: SUBSCRIPTION, statePath: '/s/dev.tfstate', deployerIps: [] }));
    const stack = stackOf(result.cwd);
    expect(only(stack, 'azurerm_container_registry')[1].name).toBe(sandboxed.name('containerRegistry'));
    expect(sandboxed.name('containerRegistry')).not.toBe(real.name('containerRegistry'));
    expect(Object.values(stack.resource.azurerm_key_vault as Record<string, any>).map((v) => v.name)).toContain(sandboxed.name('keyVault'));
    expect(sandboxed.name('keyVault')).not.toBe(real.name('keyVault'));
  });

  test('a production config deploys with its protections, and --destroy runs on a stack without prevent_destroy or locks', async () => {
    const digest = /@(sha256:[0-9a-f]{64})$/.exec(loadEnvironments().find((i) => i.name === 'prod')!.orchestrator.image)![1];
    const stackText = (cwd: string) => fs.readFileSync(path.join(cwd, SANDBOX_DIR, 'out', 'stacks', 'prod', 'cdk.tf.json'), 'utf8');
    const deploy = await run(['--env', 'prod', '--inside-network', '--image-source', `x.azurecr.io/orchestrator@${digest}`, '--check']);
    expect(deploy.code).toBe(0);
    expect(stackText(deploy.cwd)).toContain('"prevent_destroy": true');
    expect(JSON.parse(stackText(deploy.cwd)).resource.azurerm_management_lock).toBeDefined();
    const destroy = await run(['--env', 'prod', '--inside-network', '--destroy']);
    expect(destroy.code).toBe(0);
    expect(stackText(destroy.cwd)).not.toContain('"prevent_destroy": true');
    expect(JSON.parse(stackText(destroy.cwd)).resource.azurerm_management_lock).toBeUndefined();
    expect(destroy.calls.filter((c) => c.startsWith('terraform -chdir')).map((c) => c.replace(/-chdir=\S+ /, ''))).toEqual(['terraform init -input=false', 'terraform destroy']);
  }, 60_000);

  test('a fixed naming.uniqueSuffix does not make the sandbox take the real environment\'s names', () => {
    const shipped = loadEnvironments().find((i) => i.name === 'dev')!;
    const pinned = { ...shipped, naming: { uniqueSuffix: 'acme1' } };
    const sandboxed = sandboxEnvironment(pinned, { subscriptionId: SUBSCRIPTION, statePath: '/s/dev.tfstate', deployerIps: [] });
    expect(sandboxed.naming).toEqual({ uniqueSuffix: undefined, seed: `sandbox-${SUBSCRIPTION}` });
    const nameOf = (input: EnvironmentInput) => {
      const c = parseEnvironments(loadEnvironments().map((i) => (i.name === 'dev' ? input : i))).find((e) => e.name === 'dev')!;
      return new Naming({ workload: c.workload, environment: c.name, location: c.location, uniqueSuffix: c.naming.uniqueSuffix, seed: c.naming.seed }).name('keyVault');
    };
    expect(nameOf(sandboxed)).not.toBe(nameOf(pinned));
  });

  test('a failed step stops the run, names the step and says that running again is safe', async () => {
    const failed = await run(['--env', 'dev', '--deployer-ip', '203.0.113.7', '--image-source', 'x.azurecr.io/o:1'], { FAKE_TF_FAIL_APPLY: '1' });
    expect(failed.code).toBe(1);
    expect(failed.calls.filter((c) => c.startsWith('az acr'))).toEqual([]);
    expect(failed.stderr).toContain('sandbox dev: terraform apply (the container registry first) failed (exit 1); nothing after it ran. Fix the cause and run the same command again');
  }, 60_000);

  test('--check synthesizes and prints the commands without running them; --destroy runs init and destroy only', async () => {
    const check = await run(['--env', 'dev', '--inside-network', '--image-source', 'x.azurecr.io/o:1', '--check']);
    expect(check.code).toBe(0);
    expect(check.calls.filter((c) => !/^(terraform version|az account|az role)/.test(c))).toEqual([]);
    expect(check.stdout.trimEnd().split('\n')).toEqual([
      expect.stringMatching(/^terraform -chdir=\S+ init -input=false$/),
      expect.stringMatching(/^terraform -chdir=\S+ apply -target=azurerm_container_registry\.\S+$/),
      expect.stringMatching(/^az acr import --name \S+ --subscription \S+ --source x\.azurecr\.io\/o:1 --image orchestrator:0\.9\.0 --force$/),
      expect.stringMatching(/^terraform -chdir=\S+ apply$/),
    ]);
    const destroy = await run(['--env', 'dev', '--inside-network', '--destroy']);
    expect(destroy.code).toBe(0);
    expect(destroy.calls.filter((c) => c.startsWith('terraform -chdir')).map((c) => c.replace(/-chdir=\S+ /, ''))).toEqual(['terraform init -input=false', 'terraform destroy']);
    // AI Services names stay taken for 48 hours: the purge commands are printed, never run.
    const account = Object.values(stackOf(destroy.cwd).resource.azurerm_cognitive_account as Record<string, any>)[0];
    expect(destroy.stdout).toMatch(new RegExp(`^az cognitiveservices account purge --name ${account.name} --resource-group rg-\\S+ --location swedencentral --subscription ${SUBSCRIPTION}$`, 'm'));
    expect(destroy.calls.filter((c) => c.includes('purge'))).toEqual([]);
  }, 60_000);
});

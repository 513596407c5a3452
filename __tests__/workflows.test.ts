import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse } from 'yaml';
import { synthesize } from '../main';
import { ENVIRONMENTS } from '../environments';
import { parseEnvironments } from '../environments/schema';
import { REQUIRED_TERRAFORM_VERSION } from '../constructs/azapi';
import { unregisteredName } from './helpers';

const DIR = path.join(__dirname, '..', '.github', 'workflows');
const FILES = fs.readdirSync(DIR).filter((f) => /\.ya?ml$/.test(f)).sort();
const raw: Record<string, string> = Object.fromEntries(FILES.map((f) => [f, fs.readFileSync(path.join(DIR, f), 'utf8')]));
const workflows: Record<string, any> = Object.fromEntries(FILES.map((f) => [f, parse(raw[f])]));

/**
 * Third-party actions and the commits they are pinned to. A bump changes this table on purpose.
 * The SHAs were checked against several independent public workflows pinning the same release.
 */
const PINNED: Record<string, { sha: string; version: string }> = {
  'actions/checkout': { sha: '11bd71901bbe5b1630ceea73d27597364c9af683', version: 'v4.2.2' },
  'actions/setup-node': { sha: '39370e3970a6d050c480ffad4ff0ed4d3fdee5af', version: 'v4.1.0' },
  'hashicorp/setup-terraform': { sha: 'b9cd54a3c349d3f38e8881555d616ced269862dd', version: 'v3.1.2' },
  'azure/login': { sha: 'a65d910e8af852a8061c627c456678983e180302', version: 'v2.2.0' },
  'github/codeql-action/upload-sarif': { sha: '48ab28a6f5dbc2a99bf1e0131198dd8f1df78169', version: 'v3.28.0' },
  'actions/upload-artifact': { sha: 'ea165f8d65b6e75b540449e92b4886f43607fa02', version: 'v4.6.2' },
  'actions/download-artifact': { sha: 'd3f86a106a0bac45b974a628896c90dbdf5c8093', version: 'v4.3.0' },
  'actions/github-script': { sha: '60a0d83039c74a4aee543508d2ffcb1c3799cdea', version: 'v7.0.1' },
};

interface JobRef { file: string; id: string; job: any }
const jobs: JobRef[] = FILES.flatMap((file) => Object.entries(workflows[file].jobs).map(([id, job]) => ({ file, id, job })));
const steps = (job: any): any[] => job.steps ?? [];
const runs = (job: any): string => steps(job).map((s) => s.run ?? '').join('\n');
const usesAction = (job: any, action: string) => steps(job).some((s) => typeof s.uses === 'string' && s.uses.startsWith(`${action}@`));
/** The jobs of a local reusable workflow a job calls. */
const called = (ref: JobRef): JobRef[] => (typeof ref.job.uses === 'string' && ref.job.uses.startsWith('./.github/workflows/')
  ? jobs.filter((j) => j.file === path.basename(ref.job.uses)) : []);
const loginsToAzure = (ref: JobRef): boolean => usesAction(ref.job, 'azure/login') || called(ref).some(loginsToAzure);
const job = (file: string, id: string): any => workflows[file].jobs[id];
/** Index of the first step of `job` matching `match` (its `run` or `uses`), -1 when none. */
const stepIndex = (job: any, match: RegExp): number => steps(job).findIndex((s) => match.test(s.run ?? s.uses ?? ''));

describe('workflows', () => {
  test('the expected workflows exist and parse', () => {
    expect(FILES).toEqual(['deploy.yml', 'drift.yml', 'pull-request.yml', 'synth.yml', 'terraform-apply.yml']);
  });

  test('triggers: plan on pull requests to main, deploy on push to main, drift nightly, the rest reusable', () => {
    expect(workflows['pull-request.yml'].on).toEqual({ pull_request: { branches: ['main'] } });
    expect(workflows['deploy.yml'].on).toEqual({ push: { branches: ['main'] }, workflow_dispatch: {} });
    // A manual re-apply runs from main only (and the GitHub environments accept only main).
    expect(workflows['deploy.yml'].jobs.synth.if).toBe("github.ref == 'refs/heads/main'");
    expect(Object.keys(workflows['drift.yml'].on).sort()).toEqual(['schedule', 'workflow_dispatch']);
    expect(workflows['drift.yml'].on.schedule).toEqual([{ cron: expect.stringMatching(/^\d+ \d+ \* \* \*$/) }]);
    expect(Object.keys(workflows['synth.yml'].on)).toEqual(['workflow_call']);
    expect(Object.keys(workflows['terraform-apply.yml'].on)).toEqual(['workflow_call']);
    // pull_request_target would run with write tokens on fork code.
    for (const file of FILES) expect(raw[file]).not.toMatch(/pull_request_target/);
  });
});

describe('terraform version', () => {
  test('every workflow that runs terraform pins a version the stacks\' required_version accepts (>= 1.11: azapi write-only sensitive_body)', () => {
    const [, floor] = /^>= (\d+\.\d+\.\d+), < 2\.0\.0$/.exec(REQUIRED_TERRAFORM_VERSION)!;
    const pinned = FILES.filter((f) => raw[f].includes('setup-terraform')).map((f) => [f, workflows[f].env?.TERRAFORM_VERSION]);
    expect(pinned.length).toBeGreaterThan(0);
    const numeric = (v: string) => v.split('.').map(Number).reduce((n, part) => n * 1000 + part, 0);
    for (const [file, version] of pinned) {
      expect({ file, version }).toEqual({ file, version: expect.stringMatching(/^1\.\d+\.\d+$/) });
      expect({ file, atLeastFloor: numeric(version) >= numeric(floor) }).toEqual({ file, atLeastFloor: true });
    }
  });
});

describe('permissions (least privilege)', () => {
  test('every workflow grants nothing at the top; every job declares its own', () => {
    for (const file of FILES) expect({ file, permissions: workflows[file].permissions }).toEqual({ file, permissions: {} });
    for (const ref of jobs) expect({ job: `${ref.file}#${ref.id}`, declared: typeof ref.job.permissions }).toEqual({ job: `${ref.file}#${ref.id}`, declared: 'object' });
  });

  test('only read access, except where a job needs exactly one write', () => {
    const writes = jobs.flatMap((ref) => Object.entries(ref.job.permissions as Record<string, string>)
      .filter(([, level]) => level === 'write').map(([scope]) => `${ref.file}#${ref.id}: ${scope}`)).sort();
    expect(writes).toEqual([
      'deploy.yml#dev: id-token',
      'deploy.yml#others: id-token',
      'deploy.yml#prod: id-token',
      'deploy.yml#staging: id-token',
      'drift.yml#drift: id-token',
      'drift.yml#report: issues',
      'pull-request.yml#code-scanning: security-events',
      'pull-request.yml#comment: pull-requests',
      'pull-request.yml#plan: id-token',
      'terraform-apply.yml#apply: id-token',
    ]);
    for (const ref of jobs) {
      for (const level of Object.values(ref.job.permissions as Record<string, string>)) expect(['read', 'write']).toContain(level);
    }
    for (const file of FILES) expect(raw[file]).not.toMatch(/write-all|read-all/);
  });

  test('id-token: write exactly where azure/login runs (directly or in the reusable workflow called)', () => {
    for (const ref of jobs) {
      expect({ job: `${ref.file}#${ref.id}`, idToken: ref.job.permissions['id-token'] === 'write' })
        .toEqual({ job: `${ref.file}#${ref.id}`, idToken: loginsToAzure(ref) });
    }
  });

  test('the jobs that run code of the pull request cannot write to it; the commenting job runs none', () => {
    const pr = workflows['pull-request.yml'].jobs;
    expect(pr.cost.permissions).toEqual({ contents: 'read' });
    expect(pr.comment.permissions).toEqual({ 'pull-requests': 'write' });
    expect(steps(pr.comment).map((s) => s.uses?.split('@')[0])).toEqual(['actions/download-artifact', 'actions/download-artifact', 'actions/github-script']);
  });

  test('every checkout leaves no credentials behind', () => {
    for (const ref of jobs) {
      for (const step of steps(ref.job).filter((s) => s.uses?.startsWith('actions/checkout@'))) {
        expect({ job: `${ref.file}#${ref.id}`, persist: step.with?.['persist-credentials'] }).toEqual({ job: `${ref.file}#${ref.id}`, persist: false });
      }
    }
  });
});

describe('OIDC and identifiers', () => {
  const azureJobs = jobs.filter((ref) => usesAction(ref.job, 'azure/login'));

  test('every job that logs in to Azure federates with OIDC and takes identifiers from variables', () => {
    expect(azureJobs.map((r) => `${r.file}#${r.id}`).sort()).toEqual(['drift.yml#drift', 'pull-request.yml#plan', 'terraform-apply.yml#apply']);
    for (const ref of azureJobs) {
      expect(ref.job.env.ARM_USE_OIDC).toBe('true');
      for (const name of ['ARM_CLIENT_ID', 'ARM_TENANT_ID', 'ARM_SUBSCRIPTION_ID']) expect(ref.job.env[name]).toMatch(/^\$\{\{ vars\.ARM_[A-Z_]+ \}\}$/);
      const login = steps(ref.job).find((s) => s.uses?.startsWith('azure/login@'));
      expect(Object.keys(login.with).sort()).toEqual(['client-id', 'subscription-id', 'tenant-id']);
      expect(login.with).toEqual({ 'client-id': ref.job.env.ARM_CLIENT_ID, 'tenant-id': ref.job.env.ARM_TENANT_ID, 'subscription-id': ref.job.env.ARM_SUBSCRIPTION_ID });
    }
  });

  test('plans and drift use the read-only plan identity; applies the environment\'s deploy identity', () => {
    expect(job('pull-request.yml', 'plan').env.ARM_CLIENT_ID).toBe('${{ vars.ARM_CLIENT_ID_PLAN }}');
    expect(job('drift.yml', 'drift').env.ARM_CLIENT_ID).toBe('${{ vars.ARM_CLIENT_ID_PLAN }}');
    expect(job('terraform-apply.yml', 'apply').env.ARM_CLIENT_ID).toBe('${{ vars.ARM_CLIENT_ID }}');
  });

  test('no secret but GITHUB_TOKEN is referenced; no client secret, certificate or credentials blob', () => {
    for (const file of FILES) {
      const references = [...raw[file].matchAll(/secrets\.([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]);
      expect({ file, references: references.filter((r) => r !== 'GITHUB_TOKEN') }).toEqual({ file, references: [] });
      expect(raw[file]).not.toMatch(/ARM_CLIENT_SECRET|ARM_CLIENT_CERTIFICATE|client-secret|creds:/);
    }
  });

  test('Terraform never phones home (CHECKPOINT_DISABLE) in any workflow that runs it', () => {
    for (const file of FILES.filter((f) => /terraform |npm run synth/.test(raw[f]))) expect({ file, value: workflows[file].env?.CHECKPOINT_DISABLE }).toEqual({ file, value: '1' });
  });
});

describe('third-party actions', () => {
  const uses = jobs.flatMap((ref) => steps(ref.job).map((s) => s.uses).filter((u): u is string => typeof u === 'string'));

  test('are pinned to a full commit SHA with the version in a comment', () => {
    expect(uses.length).toBeGreaterThan(0);
    for (const file of FILES) {
      for (const line of raw[file].split('\n').filter((l) => /^\s*(- )?uses: /.test(l))) {
        const value = line.replace(/^\s*(- )?uses: /, '');
        if (value.startsWith('./')) continue;
        expect(value).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+(\.\d+){0,2}$/);
        const [action, rest] = value.split('@');
        const [sha, version] = rest.split(' # ');
        expect({ action, sha, version }).toEqual({ action, ...PINNED[action] });
      }
    }
  });

  test('every action in the pin table is used, and nothing else', () => {
    const actions = new Set(uses.filter((u) => !u.startsWith('./')).map((u) => u.split('@')[0]));
    expect([...actions].sort()).toEqual(Object.keys(PINNED).sort());
  });

  test('reusable workflows are local', () => {
    for (const ref of jobs.filter((r) => r.job.uses)) expect(ref.job.uses).toMatch(/^\.\/\.github\/workflows\/[a-z-]+\.yml$/);
  });
});

describe('scripts', () => {
  test('no expression is interpolated into a shell script (values go through env)', () => {
    for (const ref of jobs) expect({ job: `${ref.file}#${ref.id}`, script: runs(ref.job).includes('${{') }).toEqual({ job: `${ref.file}#${ref.id}`, script: false });
  });

  test('nothing deploys with cdktf deploy (it plans again at apply time)', () => {
    for (const ref of jobs) expect(runs(ref.job)).not.toMatch(/cdktf (deploy|apply)/);
  });
});

describe('pull request', () => {
  const pr = workflows['pull-request.yml'].jobs;

  test('build: install, typecheck, lint, test, then synth with the policy review', () => {
    expect(pr.build).toMatchObject({ uses: './.github/workflows/synth.yml', with: { verify: true } });
    const synth = job('synth.yml', 'synth');
    const commands = steps(synth).map((s) => s.run).filter(Boolean);
    expect(commands.slice(0, 5)).toEqual(['npm ci --no-audit --no-fund', 'npm run typecheck', 'npm run lint', 'npm test', 'npm run synth']);
    expect(steps(synth).filter((s) => ['npm run typecheck', 'npm run lint', 'npm test'].includes(s.run)).map((s) => s.if)).toEqual(['inputs.verify', 'inputs.verify', 'inputs.verify']);
  });

  test('SARIF per environment to code scanning, over the synthesized reports', () => {
    expect(pr['code-scanning'].strategy.matrix.environment).toBe('${{ fromJSON(needs.build.outputs.reviewed) }}');
    const upload = steps(pr['code-scanning']).find((s) => s.uses.startsWith('github/codeql-action/upload-sarif@'));
    expect(upload.with).toEqual({ sarif_file: 'cdktf.out/review/${{ matrix.environment }}.sarif', category: 'gai-policy/${{ matrix.environment }}' });
  });

  test('plan: a matrix over the synthesized environments (not a list in the file), read-only, without the lock', () => {
    const plan = pr.plan;
    expect(plan.needs).toEqual(['build', 'validate']);
    expect(plan.strategy.matrix).toEqual({ environment: '${{ fromJSON(needs.build.outputs.environments) }}' });
    expect(plan['runs-on']).toEqual(['self-hosted', 'genai-platform-plan']);
    expect(runs(plan)).toMatch(/terraform plan -input=false -lock=false -no-color -out=tfplan/);
    expect(runs(plan)).not.toMatch(/terraform apply/);
    expect(plan.concurrency).toEqual({ group: 'plan-${{ matrix.environment }}-pr-${{ github.event.pull_request.number }}', 'cancel-in-progress': true });
    expect(plan.if).toContain('github.event.pull_request.head.repo.full_name == github.repository');
  });

  test('cost diff: the base commit synthesized in a second checkout, compared with npm run cost', () => {
    const cost = pr.cost;
    const base = steps(cost).find((s) => s.uses?.startsWith('actions/checkout@') && s.with?.path === 'base');
    expect(base.with.ref).toBe('${{ github.event.pull_request.base.sha }}');
    expect(steps(cost).find((s) => s.id === 'base')).toMatchObject({ 'working-directory': 'base', run: 'npm ci --no-audit --no-fund && npm run synth' });
    expect(runs(cost)).toContain('npm run -s cost -- --env "$env" --format markdown --compare "$base_plan"');
    expect(runs(cost)).toContain('base_plan="base/cdktf.out/stacks/${env}/cdk.tf.json"');
    expect(runs(cost)).toContain('cat "cdktf.out/review/${env}.md"');
  });

  test('one comment, updated in place, with the review, the cost diff and the plans', () => {
    const scripts = jobs.filter((r) => r.file === 'pull-request.yml').flatMap((r) => steps(r.job)).filter((s) => s.uses?.startsWith('actions/github-script@'));
    expect(scripts).toHaveLength(1);
    const script: string = scripts[0].with.script;
    expect(script).toContain("const marker = '<!-- genai-platform:pull-request-review -->'");
    expect(script).toMatch(/updateComment[\s\S]*createComment/);
    expect(runs(pr.cost)).toContain("echo '<!-- genai-platform:pull-request-review -->'");
    expect(pr.comment.needs).toEqual(['build', 'cost', 'validate', 'plan']);
    expect(script).toContain("process.env.VALIDATE_RESULT === 'failure'");
  });

  test('terraform validate per environment precedes the plan, in a job without Azure access or an OIDC token', () => {
    const validate = pr.validate;
    expect(validate.needs).toBe('build');
    expect(validate.strategy.matrix).toEqual(pr.plan.strategy.matrix);
    expect(validate.permissions).toEqual({ contents: 'read' });
    expect(validate['runs-on']).toBe('ubuntu-latest');
    expect(usesAction(validate, 'azure/login')).toBe(false);
    const step = steps(validate).find((s) => /npm run validate/.test(s.run ?? ''));
    expect(step).toMatchObject({ run: 'npm run validate -- --env "$ENVIRONMENT"', env: { ENVIRONMENT: '${{ matrix.environment }}' } });
    // On the synthesized artifact, with terraform and the dependencies installed first.
    const at = stepIndex(validate, /npm run validate/);
    for (const before of [/^npm ci\b/, /^actions\/download-artifact@/, /^hashicorp\/setup-terraform@/]) expect(stepIndex(validate, before)).toBeGreaterThan(-1);
    for (const before of [/^npm ci\b/, /^actions\/download-artifact@/, /^hashicorp\/setup-terraform@/]) expect(stepIndex(validate, before)).toBeLessThan(at);
    expect(steps(validate).find((s) => s.uses?.startsWith('actions/download-artifact@')).with).toEqual({ name: 'cdktf-out', path: 'cdktf.out' });
    expect(runs(validate)).not.toMatch(/npm run synth|terraform plan/);
    // The plan job waits for every environment to validate and installs nothing itself.
    expect(pr.plan.needs).toContain('validate');
    expect(pr.plan.if).not.toMatch(/always\(\)|!cancelled\(\)|failure\(\)/);
    expect(runs(pr.plan)).not.toMatch(/npm /);
  });
});

describe('deploy', () => {
  const deploy = workflows['deploy.yml'].jobs;
  const apply = job('terraform-apply.yml', 'apply');

  test('synthesizes once; every environment job uses that artifact', () => {
    expect(deploy.synth).toMatchObject({ uses: './.github/workflows/synth.yml', with: { 'explicit-environments': '["dev","staging","prod"]' } });
    expect(raw['terraform-apply.yml']).not.toMatch(/npm run synth/);
    expect(runs(apply)).not.toMatch(/npm /);
    expect(steps(apply).find((s) => s.uses?.startsWith('actions/download-artifact@')).with).toEqual({ name: 'cdktf-out', path: 'cdktf.out' });
  });

  test('each environment\'s stack is validated with terraform before it is planned, outside the job holding the deploy token', () => {
    const validate = job('terraform-apply.yml', 'validate');
    expect(apply.needs).toBe('validate');
    expect(validate.permissions).toEqual({ contents: 'read' });
    expect(validate.environment).toBeUndefined();
    expect(usesAction(validate, 'azure/login')).toBe(false);
    const step = steps(validate).find((s) => /npm run validate/.test(s.run ?? ''));
    expect(step).toMatchObject({ run: 'npm run validate -- --env "$ENVIRONMENT"', env: { ENVIRONMENT: '${{ inputs.environment }}' } });
    const at = stepIndex(validate, /npm run validate/);
    for (const before of [/^npm ci\b/, /^actions\/download-artifact@/, /^hashicorp\/setup-terraform@/]) {
      expect(stepIndex(validate, before)).toBeGreaterThan(-1);
      expect(stepIndex(validate, before)).toBeLessThan(at);
    }
    expect(steps(validate).find((s) => s.uses?.startsWith('actions/download-artifact@')).with).toEqual({ name: 'cdktf-out', path: 'cdktf.out' });
    expect(stepIndex(apply, /terraform plan\b/)).toBeGreaterThan(-1);
    // The reusable workflow's jobs get at most what the caller grants: checkout needs contents: read.
    for (const id of ['dev', 'staging', 'prod', 'others']) expect(deploy[id].permissions).toEqual({ contents: 'read', 'id-token': 'write' });
  });

  test('synthesis needs no terraform: only the validate and plan jobs install it', () => {
    expect(stepIndex(job('synth.yml', 'synth'), /^hashicorp\/setup-terraform@/)).toBe(-1);
    expect(stepIndex(workflows['pull-request.yml'].jobs.cost, /^hashicorp\/setup-terraform@/)).toBe(-1);
    expect(stepIndex(workflows['pull-request.yml'].jobs.validate, /^hashicorp\/setup-terraform@/)).toBeGreaterThan(-1);
  });

  test('dev -> staging -> prod -> others, in sequence', () => {
    expect(deploy.dev.needs).toBe('synth');
    expect(deploy.staging.needs).toEqual(['synth', 'dev']);
    expect(deploy.prod.needs).toEqual(['synth', 'staging']);
    expect(deploy.others.needs).toEqual(['synth', 'prod']);
    for (const [id, name] of [['dev', 'dev'], ['staging', 'staging'], ['prod', 'prod']]) {
      expect(deploy[id]).toMatchObject({ uses: './.github/workflows/terraform-apply.yml', with: { environment: name } });
      expect(deploy[id].if).toContain(`contains(fromJSON(needs.synth.outputs.environments), '${name}')`);
    }
    // A later stage never runs after an earlier one failed.
    for (const id of ['staging', 'prod', 'others']) expect(deploy[id].if).toContain('!failure()');
  });

  test('environments the order does not name are deployed after prod, one at a time, from the synthesized list', () => {
    expect(deploy.others).toMatchObject({
      uses: './.github/workflows/terraform-apply.yml',
      with: { environment: '${{ matrix.environment }}' },
      strategy: { 'max-parallel': 1, matrix: { environment: '${{ fromJSON(needs.synth.outputs.others) }}' } },
    });
  });

  test('each apply runs in its GitHub environment (required reviewers), on the self-hosted runner with line of sight', () => {
    expect(apply.environment).toEqual({ name: '${{ inputs.environment }}' });
    expect(apply['runs-on']).toEqual(['self-hosted', 'genai-platform']);
    expect(workflows['terraform-apply.yml'].on.workflow_call.inputs.environment).toMatchObject({ type: 'string', required: true });
  });

  test('the applied plan is the saved plan: plan -out=tfplan, show it, apply tfplan', () => {
    const commands = steps(apply).map((s) => s.run ?? '');
    const plan = commands.findIndex((c) => /terraform plan\b.*-out=tfplan/.test(c));
    const show = commands.findIndex((c) => /terraform show -no-color tfplan/.test(c));
    const applied = commands.findIndex((c) => /terraform apply\b/.test(c));
    expect(plan).toBeGreaterThan(-1);
    expect(show).toBeGreaterThan(plan);
    expect(applied).toBeGreaterThan(show);
    expect(commands[applied]).toMatch(/^terraform apply (-input=false )?(-auto-approve )?tfplan$/);
    for (const ref of jobs) {
      for (const m of runs(ref.job).matchAll(/terraform apply[^\n]*/g)) expect(m[0]).toMatch(/ tfplan$/);
    }
  });

  test('one Terraform run per environment at a time, shared with drift detection, never cancelled', () => {
    expect(apply.concurrency).toEqual({ group: 'terraform-${{ inputs.environment }}', 'cancel-in-progress': false });
    expect(job('drift.yml', 'drift').concurrency).toEqual({ group: 'terraform-${{ matrix.environment }}', 'cancel-in-progress': false });
  });
});

describe('drift', () => {
  const drift = workflows['drift.yml'].jobs;

  test('plans every synthesized environment with -detailed-exitcode and the plan identity', () => {
    expect(drift.drift.strategy.matrix).toEqual({ environment: '${{ fromJSON(needs.synth.outputs.environments) }}' });
    expect(runs(drift.drift)).toMatch(/terraform plan -input=false -lock=false -no-color -detailed-exitcode -out=tfplan/);
    expect(runs(drift.drift)).not.toMatch(/terraform apply/);
  });

  test('exit code 2 opens or updates an issue labelled drift; only that job may write issues', () => {
    const script: string = steps(drift.report).find((s) => s.uses?.startsWith('actions/github-script@')).with.script;
    expect(script).toContain("const label = 'drift'");
    expect(script).toContain('result.exitcode === 2');
    expect(script).toContain('github.rest.issues.create({ owner, repo, title, body, labels: [label] })');
    expect(script).toContain('github.rest.issues.update({ owner, repo, issue_number: existing.number, body })');
    expect(drift.report.permissions).toEqual({ issues: 'write' });
    expect(drift.report.needs).toBe('drift');
  });
});

describe('the environment list comes from the synthesized stacks', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'workflows-'));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const listStep = steps(job('synth.yml', 'synth')).find((s) => s.id === 'stacks');

  /** Runs the workflow's own listing step in `cwd`, as the runner would. */
  function list(cwd: string, explicit: string): Record<string, unknown> {
    const output = path.join(cwd, 'github-output');
    fs.writeFileSync(output, '');
    execFileSync('bash', ['-eo', 'pipefail', '-c', listStep.run], { cwd, env: { ...process.env, GITHUB_OUTPUT: output, EXPLICIT_ENVIRONMENTS: explicit }, stdio: 'pipe' });
    return Object.fromEntries(fs.readFileSync(output, 'utf8').trim().split('\n').map((l) => [l.split('=')[0], JSON.parse(l.slice(l.indexOf('=') + 1))]));
  }

  beforeAll(() => {
    synthesize({ outdir: path.join(tmp, 'cdktf.out') });
  });

  test('the matrix is exactly the registered environments with remote state; every environment is reviewed; others are those the caller does not name', () => {
    const configs = parseEnvironments(ENVIRONMENTS);
    const remote = configs.filter((c) => c.state.backend === 'azurerm').map((c) => c.name).sort();
    expect(remote).toEqual(expect.arrayContaining(['dev', 'staging', 'prod']));
    const outputs = list(tmp, '["dev","staging","prod"]');
    expect(outputs.environments).toEqual(remote);
    expect(outputs.reviewed).toEqual(configs.map((c) => c.name).sort());
    // Nothing besides the shipped three, unless a forking team registered more (deployed after prod).
    expect(outputs.others).toEqual(remote.filter((n) => !['dev', 'staging', 'prod'].includes(n)));
    expect(remote.length).toBeGreaterThan(0);
  });

  test('a new environment is picked up without editing a workflow, and deployed after prod', () => {
    const uat = unregisteredName('uat');
    const before = list(tmp, '["dev","staging","prod"]');
    const stacks = path.join(tmp, 'cdktf.out', 'stacks');
    const prod = JSON.parse(fs.readFileSync(path.join(stacks, 'prod', 'cdk.tf.json'), 'utf8'));
    fs.mkdirSync(path.join(stacks, uat));
    fs.writeFileSync(path.join(stacks, uat, 'cdk.tf.json'), JSON.stringify({ ...prod, terraform: { ...prod.terraform, backend: { azurerm: { container_name: `tfstate-${uat}` } } } }));
    fs.copyFileSync(path.join(tmp, 'cdktf.out', 'review', 'prod.sarif'), path.join(tmp, 'cdktf.out', 'review', `${uat}.sarif`));
    const outputs = list(tmp, '["dev","staging","prod"]');
    expect(outputs.environments).toContain(uat);
    expect(outputs.reviewed).toContain(uat);
    expect((outputs.others as string[]).slice().sort()).toEqual([...(before.others as string[]), uat].sort());
    for (const file of FILES) expect(raw[file]).not.toMatch(new RegExp(`\\b${uat}\\b`));
  });

  test('no workflow lists environments in a matrix by hand', () => {
    for (const ref of jobs.filter((r) => r.job.strategy?.matrix)) {
      for (const value of Object.values(ref.job.strategy.matrix)) expect(value).toMatch(/^\$\{\{ fromJSON\(needs\.\w+\.outputs\.\w+\) \}\}$/);
    }
  });

  test('with nothing synthesized the lists are empty (and the dependent jobs are skipped)', () => {
    const empty = fs.mkdtempSync(path.join(tmp, 'empty-'));
    expect(list(empty, '[]')).toEqual({ environments: [], reviewed: [], others: [] });
    expect(job('pull-request.yml', 'plan').if).toContain("needs.build.outputs.environments != '[]'");
    expect(job('drift.yml', 'drift').if).toContain("needs.synth.outputs.environments != '[]'");
    expect(job('deploy.yml', 'others').if).toContain("needs.synth.outputs.others != '[]'");
  });
});

import { spawnSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ConfigErrors } from '../../environments/schema';
import { ENVIRONMENTS } from '../../environments';
import { TerraformStack, Testing } from 'cdktf';
import { KeyVault } from '../../constructs/key-vault';
import { ConstructValidationError } from '../../constructs/validation';
import { UsageError, failureMessage, reviewWarningLines, synthesize } from '../../main';
import { ReviewReport } from '../../policy/engine';
import { Rule } from '../../policy/rule';
import { registeredNames, unregisteredName, validInput } from '../helpers';
import { shippedInput } from './synth';

const repoRoot = path.resolve(__dirname, '../..');
let workdir: string;

beforeEach(() => {
  workdir = fs.mkdtempSync(path.join(os.tmpdir(), 'synth-'));
});
afterEach(() => {
  fs.rmSync(workdir, { recursive: true, force: true });
});

describe('synthesize (main.ts)', () => {
  test('writes one Terraform JSON stack per shipped environment', () => {
    const outdir = path.join(workdir, 'out');
    const result = synthesize({ outdir });
    // Every registered environment, in registry order; the shipped three first.
    expect(result.environments).toEqual(registeredNames());
    expect(result.environments.slice(0, 3)).toEqual(['dev', 'staging', 'prod']);
    for (const name of registeredNames()) {
      const stack = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', name, 'cdk.tf.json'), 'utf8'));
      expect(Object.keys(stack.resource)).toContain('azurerm_key_vault');
    }
    const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
    expect(Object.keys(manifest.stacks).sort()).toEqual(registeredNames().sort());
  });

  test('needs no terraform binary: construct validations pass with nothing on PATH (the README quickstart on a fresh machine)', () => {
    // In a child process: jest gives each test file its own process.env, which child_process does not see.
    const outdir = path.join(workdir, 'out');
    const empty = fs.mkdtempSync(path.join(workdir, 'empty-path-'));
    const script = `require('./main').synthesize({ outdir: ${JSON.stringify(outdir)}, only: ['prod'] })`;
    const result = spawnSync(process.execPath, ['-r', 'ts-node/register', '-e', script], {
      cwd: repoRoot, encoding: 'utf8', env: { ...process.env, PATH: empty, CHECKPOINT_DISABLE: '1' },
    });
    expect(result.stderr).not.toMatch(/Could not determine version of terraform/);
    expect(result.status).toBe(0);
    const stack = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'prod', 'cdk.tf.json'), 'utf8'));
    expect(Object.keys(stack.resource.terraform_data).length).toBeGreaterThan(0);
  });

  test('with state bootstrap options, also synthesizes the state stack and reviews it clean as production', () => {
    const outdir = path.join(workdir, 'out');
    const result = synthesize({ outdir, stateBootstrap: { repository: 'contoso/genai-platform', allowedIpRanges: ['203.0.113.0/28'], publicAccessReason: 'hosted runners until the runner pool in the VNet exists' } });
    expect(result.environments).toEqual([...registeredNames(), 'state']);
    const state = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'state', 'cdk.tf.json'), 'utf8'));
    // One container per environment with remote state: the shipped three, and any forked one that has it.
    const remote = ENVIRONMENTS.filter((e) => e.state?.backend === 'azurerm').map((e) => `container-${e.name}`);
    expect(remote).toEqual(expect.arrayContaining(['container-dev', 'container-staging', 'container-prod']));
    expect(Object.keys(state.resource.azurerm_storage_container).sort()).toEqual(remote.sort());
    expect(state.terraform.backend).toHaveProperty('local');
    expect(result.reviews.state.summary).toMatchObject({ errors: 0, warnings: 0, blocking: 0 });
    expect(fs.existsSync(path.join(outdir, 'review', 'state.sarif'))).toBe(true);
  });

  test('refuses a state bootstrap when an environment is named like the state stack', () => {
    const inputs = [validInput({ name: 'state', state: { backend: 'azurerm', resourceGroupName: 'rg-genai-tfstate', storageAccountName: 'stgenaitfstate01', containerName: 'tfstate-state' } })];
    expect(() => synthesize({ outdir: path.join(workdir, 'out'), inputs, stateBootstrap: { repository: 'o/r' } }))
      .toThrow(new UsageError("An environment is named 'state', the id of the state bootstrap stack; rename the environment"));
  });

  test('SARIF results point at the line of the resource in the synthesized stack', () => {
    const outdir = path.join(workdir, 'out');
    synthesize({ outdir, only: ['prod'] });
    const sarif = JSON.parse(fs.readFileSync(path.join(outdir, 'review', 'prod.sarif'), 'utf8'));
    const lines = fs.readFileSync(path.join(outdir, 'stacks', 'prod', 'cdk.tf.json'), 'utf8').split('\n');
    const results = sarif.runs[0].results as { properties: { address: string }; locations: { physicalLocation: { region: { startLine: number } } }[] }[];
    expect(results.length).toBeGreaterThan(0);
    for (const r of results) {
      const line = r.locations[0].physicalLocation.region.startLine;
      expect(line).toBeGreaterThan(1);
      expect(lines[line - 1]).toContain(`"${r.properties.address.split('.').pop()}": {`);
    }
  });

  test('synthesizes only the selected environment', () => {
    const outdir = path.join(workdir, 'out');
    synthesize({ outdir, only: ['prod'] });
    expect(fs.readdirSync(path.join(outdir, 'stacks'))).toEqual(['prod']);
  });

  test('rejects an unknown environment by name, listing the known ones', () => {
    const qa = unregisteredName('qa');
    expect(() => synthesize({ outdir: path.join(workdir, 'out'), only: [qa] }))
      .toThrow(new UsageError(`Unknown environment '${qa}'; known: ${registeredNames().join(', ')}`));
  });

  test('validates every environment first and leaves previous output untouched on failure', () => {
    const outdir = path.join(workdir, 'out');
    fs.mkdirSync(outdir);
    fs.writeFileSync(path.join(outdir, 'previous.txt'), 'kept');
    const broken = validInput({ name: 'qa', location: 'mars-north' });
    let error: unknown;
    try {
      synthesize({ outdir, only: ['dev'], inputs: [validInput(), broken] });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigErrors);
    expect((error as Error).message).toMatch(/environment 'qa'.*\n.*location: 'mars-north' is not an allowed region/);
    expect(fs.readdirSync(workdir)).toEqual(['out']);
    expect(fs.readdirSync(outdir)).toEqual(['previous.txt']);
  });
});

/** Every file under `dir`, by path relative to it, with the SHA-256 of its bytes (byte-for-byte comparisons, short diffs). */
function tree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    files[path.relative(dir, file)] = createHash('sha256').update(fs.readFileSync(file)).digest('hex');
  }
  return files;
}

/** The files of `tree` that belong to the stack `name`: its directory and its review reports. */
const stackFiles = (files: Record<string, string>, name: string) => Object.fromEntries(Object.entries(files)
  .filter(([file]) => file.startsWith(`stacks${path.sep}${name}${path.sep}`) || file.startsWith(`review${path.sep}${name}.`)));

const readManifest = (outdir: string) => JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));

describe('synthesizing some environments (issue 14)', () => {
  test('replaces only theirs: the other stacks, reviews and manifest entries are kept byte for byte', () => {
    const outdir = path.join(workdir, 'out');
    synthesize({ outdir });
    const full = tree(outdir);
    // What a user may have next to a plan (terraform init), and a manifest entry a kept stack must keep as it is.
    fs.writeFileSync(path.join(outdir, 'stacks', 'dev', '.terraform.lock.hcl'), '# dev lock\n');
    const manifest = readManifest(outdir);
    manifest.stacks.dev.annotations = [{ constructPath: 'dev', level: '@cdktf/info', message: 'kept as it was' }];
    fs.writeFileSync(path.join(outdir, 'manifest.json'), JSON.stringify(manifest, null, 2));
    // Stale prod output, which the synth of prod must replace.
    fs.writeFileSync(path.join(outdir, 'stacks', 'prod', 'cdk.tf.json'), '{}');
    fs.writeFileSync(path.join(outdir, 'stacks', 'prod', 'stale.txt'), 'stale');
    fs.writeFileSync(path.join(outdir, 'review', 'prod.md'), 'stale');
    const before = tree(outdir);

    const result = synthesize({ outdir, only: ['prod'] });

    expect(result.environments).toEqual(['prod']);
    expect(result.kept).toEqual(registeredNames().filter((name) => name !== 'prod'));
    const after = tree(outdir);
    expect(Object.keys(stackFiles(after, 'dev')).sort()).toEqual([
      path.join('review', 'dev.json'), path.join('review', 'dev.md'), path.join('review', 'dev.sarif'),
      path.join('stacks', 'dev', '.terraform.lock.hcl'), path.join('stacks', 'dev', 'cdk.tf.json'),
    ]);
    for (const name of result.kept) expect(stackFiles(after, name)).toEqual(stackFiles(before, name));
    // prod is rewritten (synthesis is deterministic: the same bytes as the full synth), the stale file gone.
    expect(stackFiles(after, 'prod')).toEqual(stackFiles(full, 'prod'));
    const merged = readManifest(outdir);
    expect(Object.keys(merged.stacks).sort()).toEqual(registeredNames().sort());
    expect(merged.stacks.dev).toEqual(manifest.stacks.dev);
    expect(merged.stacks.staging).toEqual(manifest.stacks.staging);
    expect(merged.stacks.prod).toEqual(manifest.stacks.prod);
    expect(merged.version).toBe(manifest.version);
    expect(fs.readdirSync(workdir)).toEqual(['out']);
  });

  test('a full synth still replaces everything: an environment no longer in the registry disappears', () => {
    const outdir = path.join(workdir, 'out');
    synthesize({ outdir });
    fs.writeFileSync(path.join(outdir, 'stacks', 'dev', 'extra.txt'), 'gone after a full synth');
    const result = synthesize({ outdir, inputs: [shippedInput('dev'), shippedInput('prod')] });
    expect(result.kept).toEqual([]);
    expect(fs.readdirSync(path.join(outdir, 'stacks')).sort()).toEqual(['dev', 'prod']);
    expect(fs.readdirSync(path.join(outdir, 'stacks', 'dev'))).toEqual(['cdk.tf.json']);
    expect(fs.readdirSync(path.join(outdir, 'review')).filter((f) => f.startsWith('staging.'))).toEqual([]);
    expect(Object.keys(readManifest(outdir).stacks).sort()).toEqual(['dev', 'prod']);
  });

  test('a failing synth of one environment leaves every file of the output untouched', () => {
    const outdir = path.join(workdir, 'out');
    synthesize({ outdir });
    const before = tree(outdir);
    // Fails after prod is synthesized into the staging directory, while it is reviewed (the engine
    // catches a rule that throws in check(); not an outcome that throws when its finding is recorded).
    const broken: Rule = {
      id: 'GAI-TST-002', title: 'Throws', severity: 'error', rationale: 'test', remediation: 'test', references: {},
      appliesTo: ['azurerm_key_vault'],
      check: () => ({ status: 'non-compliant', get message(): string { throw new Error('rule crashed'); } }),
    };
    expect(() => synthesize({ outdir, only: ['prod'], rules: [broken] })).toThrow('rule crashed');
    expect(tree(outdir)).toEqual(before);
    // Fails validation, before anything is synthesized.
    const invalid = { ...shippedInput('prod'), location: 'mars-north' };
    expect(() => synthesize({ outdir, only: ['prod'], inputs: [shippedInput('dev'), shippedInput('staging'), invalid] })).toThrow(ConfigErrors);
    expect(tree(outdir)).toEqual(before);
    expect(fs.readdirSync(workdir)).toEqual(['out']);
  });

  test('refuses to guess from an unreadable manifest, and writes nothing', () => {
    const outdir = path.join(workdir, 'out');
    synthesize({ outdir, only: ['dev'] });
    fs.writeFileSync(path.join(outdir, 'manifest.json'), '{ "stacks": ');
    const before = tree(outdir);
    let error: unknown;
    try {
      synthesize({ outdir, only: ['prod'] });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect(failureMessage(error)).toMatch(/^Cannot keep the other environments' output: .*manifest\.json is not readable JSON .*run a full `npm run synth`\nNothing was written\.$/);
    expect(tree(outdir)).toEqual(before);
    expect(fs.readdirSync(workdir)).toEqual(['out']);
  });
});

describe('npm run synth (CLI)', () => {
  const run = (...args: string[]) => spawnSync(process.execPath, ['bin/gai-synth.js', ...args], {
    cwd: repoRoot, encoding: 'utf8', env: { ...process.env, CHECKPOINT_DISABLE: '1' },
  });

  test('exits 2 with a clear message and no stack trace on bad input', () => {
    const [qa, uat] = [unregisteredName('qa'), unregisteredName('uat')];
    const result = run('--env', qa, '--env', uat);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`Unknown environments '${qa}', '${uat}'; known: ${registeredNames().join(', ')}\n`);
    expect(result.stderr).toContain('Nothing was written.');
    expect(result.stderr).not.toMatch(/\bat .+\(.+:\d+:\d+\)/);
  });

  test('refuses unknown arguments', () => {
    const result = run('--environment', 'dev');
    expect(result.status).toBe(2);
    expect(result.stderr).toBe("synth: unknown option '--environment'; unexpected argument 'dev'\nNothing was written.\n"
      + 'Usage: npm run -s synth -- [--env NAME ...]\nRun with --help for every option.\n');
    expect(result.stdout).toBe('');
  });
});

describe('failureMessage (what the CLI prints)', () => {
  const vaultWithProblems = () => {
    const stack = new TerraformStack(Testing.app(), 'prod');
    new KeyVault(stack, 'key-vault', {
      name: 'kv-genai-prod', location: 'swedencentral', resourceGroupName: 'rg', tenantId: '00000000-0000-0000-0000-000000000000',
      softDeleteRetentionDays: 3, allowedIpRanges: ['203.0.113.0/24'],
      privateEndpoint: { name: 'pe-kv', subnetResourceId: '/subnets/pe', privateDnsZoneResourceIds: ['/zones/vault'] },
      diagnostics: { logAnalyticsWorkspaceResourceId: '/workspaces/log' },
    });
  };

  test('a construct validation error: the construct path and every problem, then "Nothing was written.", no stack trace', () => {
    let error: unknown;
    try {
      vaultWithProblems();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConstructValidationError);
    expect((error as ConstructValidationError).path).toBe('prod/key-vault');
    expect((error as ConstructValidationError).problems).toHaveLength(2);
    const message = failureMessage(error)!;
    expect(message).toBe([
      "Invalid construct 'prod/key-vault' (2 problems):",
      '  - softDeleteRetentionDays must be a whole number of days from 7 to 90, got 3',
      "  - allowedIpRanges opens the vault's public endpoint; give publicAccessReason (at least 10 characters), which is recorded in the plan",
      'Nothing was written.',
    ].join('\n'));
    expect(message).not.toMatch(/\bat .+\(.+:\d+:\d+\)/);
  });

  test('config and usage errors print their message and "Nothing was written."; unexpected errors are not handled', () => {
    expect(failureMessage(new UsageError('Unknown argument'))).toBe('Unknown argument\nNothing was written.');
    expect(failureMessage(new ConfigErrors([]))).toBe('\nNothing was written.');
    expect(failureMessage(new TypeError('a bug'))).toBeUndefined();
  });
});

describe('reviewWarningLines (the terminal summary)', () => {
  const finding = (overrides: Partial<ReviewReport['findings'][number]>): ReviewReport['findings'][number] => ({
    ruleId: 'GAI-ACA-015', title: 't', severity: 'warning', status: 'fail', address: 'azurerm_container_app.app', message: 'waits for nothing', suppressed: false, file: 'f', ...overrides,
  });
  const report = (findings: ReviewReport['findings']) => ({ findings, summary: {}, rules: [] }) as unknown as ReviewReport;

  test('prints each unsuppressed warning the plan breaks, one line each, and nothing else', () => {
    expect(reviewWarningLines(report([
      finding({}),
      finding({ ruleId: 'GAI-APIM-030', address: 'azurerm_api_management_api_policy.p', message: 'reads StatusReason' }),
      finding({ suppressed: true, reason: 'accepted' }),
      finding({ status: 'unknown' }),
      finding({ severity: 'note' }),
      finding({ severity: 'error' }),
    ]))).toEqual([
      '  warning GAI-ACA-015 azurerm_container_app.app: waits for nothing',
      '  warning GAI-APIM-030 azurerm_api_management_api_policy.p: reads StatusReason',
    ]);
  });
});

/**
 * The conventions every command follows (tools/command-line.ts), checked on every command the package
 * offers: each `gai-*` bin of package.json, its npm script, `--help`, unknown flags, exit codes and a
 * machine format that parses from stdout.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { Command, EXIT, Flag, Io, UsageError, defineCommand, helpText, parseCommandLine, usage } from '../../tools/command-line';

const root = path.resolve(__dirname, '../..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { bin: Record<string, string>; scripts: Record<string, string> };

/** Each TypeScript command behind a bin: its module, the function its bin calls and its declared `Command`. */
const commands = Object.entries(pkg.bin).filter(([name]) => name !== 'gai-cdktf').map(([bin, file]) => {
  const [, modulePath, exportName] = /require\('\.\/run'\)\('([^']+)', '([^']+)'\)/.exec(fs.readFileSync(path.join(root, file), 'utf8'))!;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(path.join(root, modulePath)) as Record<string, unknown>;
  const spec = Object.values(mod).find((v): v is Command<Record<string, Flag>> => typeof v === 'object' && v !== null && 'synopsis' in v && 'flags' in v)!;
  return { bin, file, name: bin.replace(/^gai-/, ''), spec, run: mod[exportName] as (argv: string[], io?: Io) => Promise<number> };
});

async function capture(run: (argv: string[], io?: Io) => Promise<number>, argv: string[], io: Record<string, unknown> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; }, ...io } as Io);
  return { code, stdout, stderr };
}

describe('every command', () => {
  test('the package offers the commands the issue names, each with a bin and an npm script that runs it', () => {
    expect(commands.map((c) => c.name)).toEqual(expect.arrayContaining(['synth', 'review', 'cost', 'diagram', 'new-env', 'bench', 'gateway', 'validate', 'sandbox']));
    for (const c of commands) {
      expect(c.spec?.name).toBe(c.name);
      expect(typeof c.run).toBe('function');
      expect(pkg.scripts[c.name]).toBe(`node ${c.file}`);
      expect(fs.statSync(path.join(root, c.file)).mode & 0o111).not.toBe(0);
      expect(fs.readFileSync(path.join(root, c.file), 'utf8')).toMatch(/^#!\/usr\/bin\/env node\n/);
    }
  });

  test.each(commands.map((c) => [c.name, c] as const))('%s --help: exit 0, the usage and one line per flag on stdout', async (_name, c) => {
    const { code, stdout, stderr } = await capture(c.run, ['--help']);
    expect(code).toBe(EXIT.ok);
    expect(stderr).toBe('');
    expect(stdout).toBe(`${helpText(c.spec)}\n`);
    expect(stdout).toMatch(new RegExp(`^Usage: npm run -s ${c.name} --`));
    for (const [flag, f] of Object.entries(c.spec.flags)) {
      const lines = stdout.split('\n').filter((l) => new RegExp(`^ {2}(-\\w, )?--${flag}\\b`).test(l));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(f.description);
    }
    expect(stdout).toMatch(/^ {2}-h, --help +Print this help and exit\.$/m);
    expect(stdout).toMatch(/^Exit codes: 0 ok; 1 .+; 2 bad input/m);
  });

  test.each(commands.map((c) => [c.name, c] as const))('%s --no-such-flag: exit 2, the usage on stderr, nothing on stdout', async (_name, c) => {
    const { code, stdout, stderr } = await capture(c.run, ['--no-such-flag']);
    expect(code).toBe(EXIT.badInput);
    expect(stdout).toBe('');
    expect(stderr).toContain(`${c.name}: unknown option '--no-such-flag'`);
    expect(stderr).toContain(usage(c.spec));
    expect(stderr).toMatch(/Run with --help for every option\.\n$/);
  });
});

describe('parseCommandLine', () => {
  const demo = defineCommand({
    name: 'demo',
    summary: 'A demo.',
    synopsis: ['[--env NAME ...] [--format F] [--dry-run] FILE...'],
    flags: {
      env: { type: 'string', multiple: true, value: 'NAME', description: 'An environment.' },
      format: { type: 'string', choices: ['text', 'json'], default: 'text', description: 'A format.' },
      mode: { type: 'string', description: 'A free value.' },
      region: { type: 'string', required: true, description: 'A required value.' },
      'dry-run': { type: 'boolean', description: 'Do nothing.' },
    },
    positionals: { name: 'file', min: 1, max: 2 },
    failedMeans: 'findings',
  });

  test('typed values, --flag=value, repeatable flags, defaults', () => {
    expect(parseCommandLine(demo, ['--env', 'dev', '--env=prod', '--format=json', '--region', 'eu', 'a.json'])).toEqual({
      values: { env: ['dev', 'prod'], format: 'json', mode: undefined, region: 'eu', 'dry-run': false }, positionals: ['a.json'],
    });
    // A flag not given takes its default; one without a default is undefined.
    expect(parseCommandLine(demo, ['a', '--dry-run', '--region', 'eu'])).toEqual({ values: { env: [], format: 'text', mode: undefined, region: 'eu', 'dry-run': true }, positionals: ['a'] });
    expect(helpText(demo)).toMatch(/^ {2}--format text\|json +A format\.$/m);
    expect(parseCommandLine(demo, ['-h'])).toBeUndefined();
  });

  test('every problem at once: unknown flags with the closest known one, missing values, repeats, positionals', () => {
    expect(() => parseCommandLine(demo, ['--fromat', 'json', '--dry-run=yes', '--format', 'text', '--format', 'json', '-x', '--env', '--dry-run', 'f']))
      .toThrow(new UsageError("unknown option '--fromat' (did you mean '--format'?); --dry-run takes no value; unknown option '-x'; --env needs a value, not the flag '--dry-run'; --format is given 2 times; give it once; --region is required"));
    expect(() => parseCommandLine(demo, ['f', '--env', '--region', 'eu'])).toThrow(new UsageError('--env needs a value, not the flag \'--region\'; --region is required'));
    expect(() => parseCommandLine(demo, ['--region', 'eu'])).toThrow(new UsageError('name at least one file'));
    expect(() => parseCommandLine(demo, ['a', '--format', 'xml', '--region', 'eu'])).toThrow(new UsageError("--format must be one of text, json, got 'xml'"));
    expect(() => parseCommandLine(demo, ['a', 'b', 'c', '--region', 'eu'])).toThrow(new UsageError('at most 2 file, got 3'));
    // --help with a mistake reports the mistake: a script that passes a wrong flag learns of it.
    expect(() => parseCommandLine(demo, ['--help', '--nope'])).toThrow(UsageError);
  });
});

describe('machine formats on stdout parse as they are', () => {
  let tmp: string;
  let plan: string;
  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-stdout-'));
    plan = path.join(tmp, 'plan.json');
    fs.writeFileSync(plan, JSON.stringify({ resource: { azurerm_key_vault: { kv: { name: 'kv', purge_protection_enabled: false } } } }));
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const env = { ...process.env, CHECKPOINT_DISABLE: '1', npm_config_update_notifier: 'false' };

  test('npx gai-review --format sarif and npm run -s review -- --format json: stdout is the report, exit 1 on the error finding', () => {
    const bin = spawnSync(process.execPath, ['bin/gai-review.js', '--format', 'sarif', plan], { cwd: root, encoding: 'utf8', env });
    expect(bin.status).toBe(EXIT.failed);
    expect(JSON.parse(bin.stdout).version).toBe('2.1.0');
    const npm = spawnSync('npm', ['run', '-s', 'review', '--', '--format', 'json', plan], { cwd: root, encoding: 'utf8', env });
    expect(npm.status).toBe(EXIT.failed);
    expect(JSON.parse(npm.stdout).findings).toContainEqual(expect.objectContaining({ ruleId: 'GAI-KV-001' }));
  }, 60_000);

  test('with --out the report goes to the file and the verdict to stderr', () => {
    const out = path.join(tmp, 'r.json');
    const run = spawnSync(process.execPath, ['bin/gai-review.js', '--format', 'json', '--out', out, plan], { cwd: root, encoding: 'utf8', env });
    expect(run.status).toBe(EXIT.failed);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^FAILED: \d+ errors, .* \(report: .*r\.json\)\n$/);
    expect(JSON.parse(fs.readFileSync(out, 'utf8')).summary.errors).toBeGreaterThan(0);
  }, 30_000);
});

describe('npm run cdktf: the cdktf CLI without its checkpoint call', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const shim = require('../../bin/gai-cdktf.js') as {
    cdktfEnvironment: (env: NodeJS.ProcessEnv) => NodeJS.ProcessEnv; cdktfEntry: (o?: string) => string;
    missingStateVariables: (args: string[], env: NodeJS.ProcessEnv) => string | undefined;
  };

  test('sets CHECKPOINT_DISABLE unless the caller did, and finds the installed cdktf CLI', () => {
    expect(shim.cdktfEnvironment({ PATH: '/bin' })).toEqual({ PATH: '/bin', CHECKPOINT_DISABLE: '1' });
    expect(shim.cdktfEnvironment({ CHECKPOINT_DISABLE: '' }).CHECKPOINT_DISABLE).toBe('');
    expect(fs.existsSync(shim.cdktfEntry())).toBe(true);
    expect(shim.cdktfEntry()).toMatch(/cdktf-cli[\\/]bundle[\\/]bin[\\/]cdktf$/);
  });

  test('the state stack without STATE_REPOSITORY: the variables to set, not "Could not find stack"', () => {
    const message = shim.missingStateVariables(['deploy', 'state', '--auto-approve'], {})!;
    expect(message).toMatch(/^cdktf: the state bootstrap stack 'state' exists only with STATE_REPOSITORY set/);
    for (const variable of ['STATE_REPOSITORY', 'STATE_PE_SUBNET_ID', 'STATE_PE_DNS_ZONE_ID', 'STATE_ALLOWED_IP_RANGES', 'STATE_PUBLIC_ACCESS_REASON']) expect(message).toContain(variable);
    expect(shim.missingStateVariables(['deploy', 'state'], { STATE_REPOSITORY: 'contoso/genai' })).toBeUndefined();
    expect(shim.missingStateVariables(['deploy', 'dev'], {})).toBeUndefined();
    expect(shim.missingStateVariables(['--help'], {})).toBeUndefined();
    const env: NodeJS.ProcessEnv = { ...process.env, GAI_CDKTF_ENTRY: '/nonexistent' };
    delete env.STATE_REPOSITORY;
    const run = spawnSync(process.execPath, ['bin/gai-cdktf.js', 'deploy', 'state'], { cwd: root, encoding: 'utf8', env });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('Nothing was run.');
  });

  test('passes every argument through and exits with the CLI\'s code', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdktf-shim-'));
    const fake = path.join(dir, 'cdktf.js');
    fs.writeFileSync(fake, 'process.stdout.write(JSON.stringify({ args: process.argv.slice(2), checkpoint: process.env.CHECKPOINT_DISABLE })); process.exit(3);');
    const env: NodeJS.ProcessEnv = { ...process.env, GAI_CDKTF_ENTRY: fake };
    delete env.CHECKPOINT_DISABLE;
    const run = spawnSync(process.execPath, ['bin/gai-cdktf.js', 'deploy', 'dev', '--auto-approve'], { cwd: root, encoding: 'utf8', env });
    fs.rmSync(dir, { recursive: true, force: true });
    expect(run.status).toBe(3);
    expect(JSON.parse(run.stdout)).toEqual({ args: ['deploy', 'dev', '--auto-approve'], checkpoint: '1' });
  });
});

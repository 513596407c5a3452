import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { EnvironmentLoadError, failureMessage, loadEnvironments } from '../../main';

describe('loading the environment configs (main.ts)', () => {
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'env-load-')); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('the shipped registry loads', () => {
    expect(loadEnvironments().map((e) => e.name)).toEqual(expect.arrayContaining(['dev', 'staging', 'prod']));
  });

  test('a syntax error in an environment file is the compiler\'s code frame, then "Nothing was written.", with no stack', () => {
    const file = path.join(dir, 'index.js');
    fs.writeFileSync(file, "exports.ENVIRONMENTS = [{\n  name: 'uat'\n  workload: 'genai',\n}];\n");
    let error: unknown;
    try {
      loadEnvironments(file);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EnvironmentLoadError);
    const message = failureMessage(error)!;
    expect(message).toMatch(new RegExp(`^Cannot load the environment configs \\(${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\):\\n`));
    expect(message).toMatch(/workload/);
    expect(message).toMatch(/Nothing was written\.$/);
    expect(message).not.toMatch(/^\s+at /m);
  });

  test('under ts-node (what npm run synth uses) the frame names the file and line, and the stack backtrace is dropped', () => {
    const file = path.join(dir, 'broken.ts');
    fs.writeFileSync(file, "const x = {\n  name: 'uat'\n  workload: 'genai',\n};\nexport const ENVIRONMENTS = [x];\n");
    const script = `try { require('./main').loadEnvironments(${JSON.stringify(file)}) } catch (e) { process.stdout.write(require('./main').failureMessage(e)) }`;
    const result = spawnSync(process.execPath, ['-r', 'ts-node/register', '-e', script], { cwd: path.resolve(__dirname, '../..'), encoding: 'utf8' });
    expect(result.stdout).toMatch(/broken\.ts:3:/);
    expect(result.stdout).toMatch(/workload: 'genai'/);
    expect(result.stdout).not.toMatch(/Stack backtrace|Caused by|^\s+at /m);
    expect(result.stdout).toMatch(/Nothing was written\.$/);
  });
});

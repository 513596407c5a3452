import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadEnvironments, main, newEnvironment } from '../../tools/new-env';
import { parseEnvironments } from '../../environments/schema';
import { synthesize } from '../../main';
import { MIN_REASON_LENGTH } from '../../policy/suppressions';

const REPO_ENVIRONMENTS = path.join(__dirname, '..', '..', 'environments');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'new-env-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

let count = 0;
/** A temporary root with a copy of the shipped environment configs and their index. */
function freshRoot(): string {
  const root = path.join(tmp, `root-${count++}`);
  fs.mkdirSync(path.join(root, 'environments'), { recursive: true });
  for (const file of ['dev.ts', 'staging.ts', 'prod.ts', 'index.ts']) {
    fs.copyFileSync(path.join(REPO_ENVIRONMENTS, file), path.join(root, 'environments', file));
  }
  return root;
}

/** Every file under `environments/` with its content. */
function contents(root: string): Record<string, string> {
  const dir = path.join(root, 'environments');
  return Object.fromEntries(fs.readdirSync(dir).sort().map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]));
}

function run(root: string, args: string): { code: number; out: string; err: string } {
  const out: string[] = [];
  const err: string[] = [];
  const code = main([...args.split(' ').filter((a) => a.length > 0), '--root', root], (l) => out.push(l), (l) => err.push(l));
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('new-env: fork prod into a new region', () => {
  let root: string;
  let result: ReturnType<typeof run>;
  beforeAll(() => {
    root = freshRoot();
    result = run(root, '--from prod --name uat --region germanywestcentral --cidr 10.60.0.0/22');
  });

  test('exits 0 and says what it wrote and changed', () => {
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toContain("Wrote environments/uat.ts (forked from prod: germanywestcentral, VNet 10.60.0.0/22) and registered 'uat' in environments/index.ts.");
    expect(result.out).toContain('changed ai.accounts[1].location: germanywestcentral -> swedencentral');
    expect(result.out).toContain('npm run synth -- --env uat');
  });

  test('writes a typed config: the source with name, region, address space, subnets, failover region and state container replaced', () => {
    const text = fs.readFileSync(path.join(root, 'environments', 'uat.ts'), 'utf8');
    expect(text).toMatch(/^import type \{ EnvironmentInput \} from '\.\/schema';\n/);
    expect(text).toContain('const uat: EnvironmentInput = {');
    expect(text).toMatch(/export default uat;\n$/);
    const [uat] = loadEnvironments(root).filter((e) => e.name === 'uat');
    const prod = loadEnvironments(root).find((e) => e.name === 'prod')!;
    expect(uat).toEqual({
      ...prod,
      name: 'uat',
      location: 'germanywestcentral',
      network: {
        ...prod.network,
        addressSpace: '10.60.0.0/22',
        // prod's layout (PE /24, APIM /26, apps /23) moved into the new space.
        subnets: { privateEndpoints: '10.60.0.0/24', apim: '10.60.1.0/26', apps: '10.60.2.0/23' },
      },
      ai: { ...prod.ai, accounts: [prod.ai.accounts[0], { ...prod.ai.accounts[1], location: 'swedencentral' }] },
      state: { backend: 'azurerm', resourceGroupName: 'rg-genai-tfstate', storageAccountName: 'stgenaitfstate01', containerName: 'tfstate-uat' },
    });
  });

  test('registers it in environments/index.ts: one import and the end of ENVIRONMENTS', () => {
    const index = fs.readFileSync(path.join(root, 'environments', 'index.ts'), 'utf8');
    const original = fs.readFileSync(path.join(REPO_ENVIRONMENTS, 'index.ts'), 'utf8');
    expect(index).toBe(original
      .replace("import prod from './prod';\n", "import prod from './prod';\nimport uat from './uat';\n")
      .replace('[dev, staging, prod]', '[dev, staging, prod, uat]'));
    expect(loadEnvironments(root).map((e) => e.name)).toEqual(['dev', 'staging', 'prod', 'uat']);
  });

  test('the new environment validates with the others, synthesizes and reviews clean', () => {
    const inputs = loadEnvironments(root);
    expect(parseEnvironments(inputs).map((c) => c.name)).toEqual(['dev', 'staging', 'prod', 'uat']);
    const synth = synthesize({ inputs, only: ['uat'], outdir: path.join(root, 'cdktf.out') });
    expect(fs.existsSync(path.join(root, 'cdktf.out', 'stacks', 'uat', 'cdk.tf.json'))).toBe(true);
    const findings = synth.reviews.uat.findings;
    expect(findings.filter((f) => !f.suppressed && f.status === 'fail' && f.severity !== 'note').map((f) => `${f.ruleId} ${f.address}: ${f.message}`)).toEqual([]);
    for (const f of findings.filter((x) => x.suppressed)) expect((f.reason ?? '').length).toBeGreaterThanOrEqual(MIN_REASON_LENGTH);
    const backend = JSON.parse(fs.readFileSync(path.join(root, 'cdktf.out', 'stacks', 'uat', 'cdk.tf.json'), 'utf8')).terraform.backend;
    expect(backend.azurerm).toMatchObject({ container_name: 'tfstate-uat', key: 'uat.tfstate', use_azuread_auth: true });
  });

  test('refuses to run again with the same name, and changes nothing', () => {
    const before = contents(root);
    const again = run(root, '--from prod --name uat --region westeurope --cidr 10.61.0.0/22');
    expect(again.code).toBe(2);
    expect(again.err).toContain('environments/uat.ts already exists; new-env never overwrites');
    expect(contents(root)).toEqual(before);
  });
});

describe('new-env: subnets and state', () => {
  test('a /24 gets a compact layout; --state azurerm shares the account with its own container', () => {
    const root = freshRoot();
    const result = newEnvironment({ root, from: 'dev', name: 'qa', region: 'westeurope', cidr: '10.70.0.0/24', state: 'azurerm' });
    expect(result.input.network.subnets).toEqual({ privateEndpoints: '10.70.0.0/26', apim: '10.70.0.64/27', apps: '10.70.0.128/25' });
    expect(result.input.state).toEqual({ backend: 'azurerm', resourceGroupName: 'rg-genai-tfstate', storageAccountName: 'stgenaitfstate01', containerName: 'tfstate-qa' });
    expect(parseEnvironments(loadEnvironments(root)).find((c) => c.name === 'qa')!.network.subnets).toEqual(result.input.network.subnets);
  });

  test('a /22 without explicit subnets in the source keeps the default layout; remote state follows the source, in a container of its own', () => {
    const root = freshRoot();
    const result = newEnvironment({ root, from: 'dev', name: 'sandbox', region: 'francecentral', cidr: '10.80.0.0/22' });
    expect(result.input.network).toEqual({ addressSpace: '10.80.0.0/22' });
    expect(result.input.state).toEqual({ backend: 'azurerm', resourceGroupName: 'rg-genai-tfstate', storageAccountName: 'stgenaitfstate01', containerName: 'tfstate-sandbox' });
  });

  test('prod\'s layout does not fit a /23: re-carved compactly', () => {
    const root = freshRoot();
    const result = newEnvironment({ root, from: 'prod', name: 'perf', region: 'swedencentral', cidr: '10.90.0.0/23', state: 'local' });
    expect(result.input.network.subnets).toEqual({ privateEndpoints: '10.90.0.0/25', apim: '10.90.0.128/26', apps: '10.90.1.0/24' });
    expect(result.input.state).toBeUndefined();
    expect(result.changes).toContain('state: local backend (CI plans and deploys only environments with remote state)');
  });

  test('warns when the failover account ends up in another data zone than the primary', () => {
    const root = freshRoot();
    const result = newEnvironment({ root, from: 'prod', name: 'useast', region: 'eastus', cidr: '10.100.0.0/22' });
    expect(result.warnings).toEqual([expect.stringMatching(/^ai\.accounts\[1\] \(failover\) is in germanywestcentral \(data zone EU\) while the primary moves to eastus \(data zone US\): check data residency$/)]);
  });
});

describe('new-env refusals (exit 2, nothing written)', () => {
  test.each([
    ['an existing name', '--from dev --name prod --region westeurope --cidr 10.61.0.0/22', 'environments/prod.ts already exists; new-env never overwrites'],
    ['a malformed CIDR', '--from prod --name uat --region westeurope --cidr 10.61.0.0/33', "--cidr '10.61.0.0/33' is not a valid IPv4 CIDR block"],
    ['a CIDR with host bits', '--from prod --name uat --region westeurope --cidr 10.61.0.1/22', "--cidr '10.61.0.1/22' has host bits set; the network address for /22 is 10.61.0.0/22"],
    ['a public CIDR', '--from prod --name uat --region westeurope --cidr 8.8.8.0/22', '--cidr 8.8.8.0/22 must be inside RFC 1918 private space'],
    ['a CIDR too small', '--from prod --name uat --region westeurope --cidr 10.61.0.0/25', '--cidr 10.61.0.0/25 is too small for the platform\'s subnets'],
    ['an overlapping CIDR', '--from prod --name uat --region westeurope --cidr 10.42.4.0/22', "--cidr 10.42.4.0/22 overlaps environment 'prod' (10.42.0.0/21); environments share one hub and must not overlap"],
    ['an unknown region', '--from prod --name uat --region mars --cidr 10.61.0.0/22', "--region 'mars' is not an allowed region; allowed: australiaeast"],
    ['an invalid name', '--from prod --name UAT-1 --region westeurope --cidr 10.61.0.0/22', "--name 'UAT-1' must be 2-8 lowercase letters or digits"],
    ['a missing source', '--from qa --name uat --region westeurope --cidr 10.61.0.0/22', "--from 'qa': environments/qa.ts does not exist"],
    ['an unknown argument', '--from prod --name uat --region westeurope --cidr 10.61.0.0/22 --force', "unknown argument '--force'"],
    ['a missing argument', '--from prod --name uat', 'missing --region, --cidr'],
    ['a region whose data zone the models need', '--from prod --name uat --region japaneast --cidr 10.61.0.0/22', 'the forked environment would not validate:\nInvalid configuration for environment \'uat\''],
  ])('%s', (_what, args, message) => {
    const root = freshRoot();
    const before = contents(root);
    const result = run(root, args);
    expect(result.code).toBe(2);
    expect(result.err).toContain(message);
    expect(result.err).toMatch(/Nothing was written\.$/);
    expect(result.out).toBe('');
    expect(contents(root)).toEqual(before);
  });

  test('reports every argument problem at once', () => {
    const root = freshRoot();
    const result = run(root, '--from prod --name x --region mars --cidr 10.42.1.0/24');
    expect(result.err).toMatch(/^new-env: 3 problems:\n {2}- --name 'x'[\s\S]*\n {2}- --region 'mars'[\s\S]*\n {2}- --cidr 10\.42\.1\.0\/24 overlaps environment 'prod'/);
  });

  test('a name registered from a file of another name is refused by validation', () => {
    const root = freshRoot();
    const dir = path.join(root, 'environments');
    fs.renameSync(path.join(dir, 'staging.ts'), path.join(dir, 'stage.ts'));
    fs.writeFileSync(path.join(dir, 'index.ts'), fs.readFileSync(path.join(dir, 'index.ts'), 'utf8').replace("from './staging'", "from './stage'"));
    const before = contents(root);
    const result = run(root, '--from prod --name staging --region westeurope --cidr 10.61.0.0/22');
    expect(result.code).toBe(2);
    expect(result.err).toContain("the forked environment would not validate:\nInvalid configuration for environment 'staging'");
    expect(result.err).toContain("name: 'staging' is used by another environment");
    expect(result.err).toMatch(/Nothing was written\.$/);
    expect(contents(root)).toEqual(before);
  });

  test('a DataZone model in a region without a data zone names the field', () => {
    const root = freshRoot();
    expect(run(root, '--from prod --name uat --region japaneast --cidr 10.61.0.0/22').err)
      .toMatch(/ai\.accounts\[0\]\.deployments\[0\]\.sku: DataZoneProvisionedManaged needs a region in a data zone \(EU or US\); japaneast has none/);
  });
});

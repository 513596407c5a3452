import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadEnvironments, main, newEnvironment } from '../../tools/new-env';
import { parseEnvironments } from '../../environments/schema';
import { synthesize } from '../../main';
import { MIN_REASON_LENGTH } from '../../policy/suppressions';
import { ENVIRONMENTS } from '../../environments';
import { registeredNames, unregisteredName } from '../helpers';

const REPO_ENVIRONMENTS = path.join(__dirname, '..', '..', 'environments');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'new-env-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/*
 * The tests fork into a copy of the registry as it is: the shipped dev, staging and prod, and any environment a
 * forking team has added since. So the names and address spaces they create must be free in it: a name is the
 * usual one (uat, qa, ...) unless registered, and `o(60)` is `10.60` unless a registered VNet overlaps the
 * 10.60-10.100 blocks used here, in which case every block moves up together.
 */
const UAT = unregisteredName('uat');
const QA = unregisteredName('qa');
const SANDBOX = unregisteredName('sandbox');
const PERF = unregisteredName('perf');
const USEAST = unregisteredName('useast');

const ip = (a: string): number => a.split('.').reduce((n, x) => n * 256 + Number(x), 0);
/** [first, last] address of a CIDR block. */
function range(cidr: string): [number, number] {
  const [address, bits] = cidr.split('/');
  const size = 2 ** (32 - Number(bits));
  const first = ip(address) - (ip(address) % size);
  return [first, first + size - 1];
}
const OCTETS = [60, 61, 70, 80, 90, 100];
const registered = ENVIRONMENTS.map((e) => range(e.network.addressSpace));
const SHIFT = [...Array(100).keys()].find((d) => OCTETS.every((x) => {
  const [first, last] = range(`10.${x + d}.0.0/16`);
  return registered.every(([a, b]) => b < first || a > last);
}))!;
/** The second octet `x` of a test block, moved clear of registered VNets: `10.${x}` when free. */
const o = (x: number): string => `10.${x + SHIFT}`;

let count = 0;
/** A temporary root with a copy of the registry: environments/index.ts and every config beside it. */
function freshRoot(): string {
  const root = path.join(tmp, `root-${count++}`);
  fs.mkdirSync(path.join(root, 'environments'), { recursive: true });
  for (const file of fs.readdirSync(REPO_ENVIRONMENTS).filter((f) => f.endsWith('.ts'))) {
    fs.copyFileSync(path.join(REPO_ENVIRONMENTS, file), path.join(root, 'environments', file));
  }
  return root;
}

/** Every file under `environments/` with its content. */
function contents(root: string): Record<string, string> {
  const dir = path.join(root, 'environments');
  return Object.fromEntries(fs.readdirSync(dir).sort().map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]));
}

async function run(root: string, args: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main([...args.split(' ').filter((a) => a.length > 0), '--root', root], { stdout: (l) => { out += l; }, stderr: (l) => { err += l; } });
  return { code, out: out.trimEnd(), err: err.trimEnd() };
}

describe('new-env: fork prod into a new region', () => {
  let root: string;
  let result: Awaited<ReturnType<typeof run>>;
  beforeAll(async () => {
    root = freshRoot();
    result = await run(root, `--from prod --name ${UAT} --region germanywestcentral --cidr ${o(60)}.0.0/22`);
  });

  test('exits 0 and says what it wrote and changed', () => {
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toContain(`Wrote environments/${UAT}.ts (forked from prod: germanywestcentral, VNet ${o(60)}.0.0/22) and registered '${UAT}' in environments/index.ts.`);
    expect(result.out).toContain('changed ai.accounts[1].location: germanywestcentral -> swedencentral');
    expect(result.out).toContain(`npm run synth -- --env ${UAT}`);
  });

  test('writes a typed config: the source with name, region, address space, subnets, failover region and state container replaced', () => {
    const text = fs.readFileSync(path.join(root, 'environments', `${UAT}.ts`), 'utf8');
    expect(text).toMatch(/^import type \{ EnvironmentInput \} from '\.\/schema';\n/);
    expect(text).toContain(`const ${UAT}: EnvironmentInput = {`);
    expect(text.endsWith(`export default ${UAT};\n`)).toBe(true);
    const [uat] = loadEnvironments(root).filter((e) => e.name === UAT);
    const prod = loadEnvironments(root).find((e) => e.name === 'prod')!;
    expect(uat).toEqual({
      ...prod,
      name: UAT,
      location: 'germanywestcentral',
      network: {
        ...prod.network,
        addressSpace: `${o(60)}.0.0/22`,
        // prod's layout (PE /24, APIM /26, apps /23) moved into the new space.
        subnets: { privateEndpoints: `${o(60)}.0.0/24`, apim: `${o(60)}.1.0/26`, apps: `${o(60)}.2.0/23` },
      },
      ai: { ...prod.ai, accounts: [prod.ai.accounts[0], { ...prod.ai.accounts[1], location: 'swedencentral' }] },
      state: { backend: 'azurerm', resourceGroupName: 'rg-genai-tfstate', storageAccountName: 'stgenaitfstate01', containerName: `tfstate-${UAT}` },
    });
  });

  test('registers it in environments/index.ts: one import and the end of ENVIRONMENTS', () => {
    const index = fs.readFileSync(path.join(root, 'environments', 'index.ts'), 'utf8');
    const original = fs.readFileSync(path.join(REPO_ENVIRONMENTS, 'index.ts'), 'utf8');
    // After the last import, at the end of the list: with only the shipped environments registered, after prod's.
    const imports = original.match(/^import \w+ from '\.\/\w+';\n/gm)!;
    const last = imports[imports.length - 1];
    expect(original).toContain('[dev, staging, prod');
    expect(index).toBe(original
      .replace(last, `${last}import ${UAT} from './${UAT}';\n`)
      .replace(/(export const ENVIRONMENTS\b[^=]*=\s*\[[^\]]*)\]/, `$1, ${UAT}]`));
    expect(loadEnvironments(root).map((e) => e.name)).toEqual([...registeredNames(), UAT]);
  });

  test('the new environment validates with the others, synthesizes and reviews clean', () => {
    const inputs = loadEnvironments(root);
    expect(parseEnvironments(inputs).map((c) => c.name)).toEqual([...registeredNames(), UAT]);
    const synth = synthesize({ inputs, only: [UAT], outdir: path.join(root, 'cdktf.out') });
    expect(fs.existsSync(path.join(root, 'cdktf.out', 'stacks', UAT, 'cdk.tf.json'))).toBe(true);
    const findings = synth.reviews[UAT].findings;
    expect(findings.filter((f) => !f.suppressed && f.status === 'fail' && f.severity !== 'note').map((f) => `${f.ruleId} ${f.address}: ${f.message}`)).toEqual([]);
    for (const f of findings.filter((x) => x.suppressed)) expect((f.reason ?? '').length).toBeGreaterThanOrEqual(MIN_REASON_LENGTH);
    const backend = JSON.parse(fs.readFileSync(path.join(root, 'cdktf.out', 'stacks', UAT, 'cdk.tf.json'), 'utf8')).terraform.backend;
    expect(backend.azurerm).toMatchObject({ container_name: `tfstate-${UAT}`, key: `${UAT}.tfstate`, use_azuread_auth: true });
  });

  test('refuses to run again with the same name, and changes nothing', async () => {
    const before = contents(root);
    const again = await run(root, `--from prod --name ${UAT} --region westeurope --cidr ${o(61)}.0.0/22`);
    expect(again.code).toBe(2);
    expect(again.err).toContain(`environments/${UAT}.ts already exists; new-env never overwrites`);
    expect(contents(root)).toEqual(before);
  });
});

describe('new-env: subnets and state', () => {
  test('a /24 gets a compact layout; --state azurerm shares the account with its own container', () => {
    const root = freshRoot();
    const result = newEnvironment({ root, from: 'dev', name: QA, region: 'westeurope', cidr: `${o(70)}.0.0/24`, state: 'azurerm' });
    expect(result.input.network.subnets).toEqual({ privateEndpoints: `${o(70)}.0.0/26`, apim: `${o(70)}.0.64/27`, apps: `${o(70)}.0.128/25` });
    expect(result.input.state).toEqual({ backend: 'azurerm', resourceGroupName: 'rg-genai-tfstate', storageAccountName: 'stgenaitfstate01', containerName: `tfstate-${QA}` });
    expect(parseEnvironments(loadEnvironments(root)).find((c) => c.name === QA)!.network.subnets).toEqual(result.input.network.subnets);
  });

  test('a /22 without explicit subnets in the source keeps the default layout; remote state follows the source, in a container of its own', () => {
    const root = freshRoot();
    const result = newEnvironment({ root, from: 'dev', name: SANDBOX, region: 'francecentral', cidr: `${o(80)}.0.0/22` });
    expect(result.input.network).toEqual({ addressSpace: `${o(80)}.0.0/22` });
    expect(result.input.state).toEqual({ backend: 'azurerm', resourceGroupName: 'rg-genai-tfstate', storageAccountName: 'stgenaitfstate01', containerName: `tfstate-${SANDBOX}` });
  });

  test('prod\'s layout does not fit a /23: re-carved compactly', () => {
    const root = freshRoot();
    const result = newEnvironment({ root, from: 'prod', name: PERF, region: 'swedencentral', cidr: `${o(90)}.0.0/23`, state: 'local' });
    expect(result.input.network.subnets).toEqual({ privateEndpoints: `${o(90)}.0.0/25`, apim: `${o(90)}.0.128/26`, apps: `${o(90)}.1.0/24` });
    expect(result.input.state).toBeUndefined();
    expect(result.changes).toContain('state: local backend (CI plans and deploys only environments with remote state)');
  });

  test('warns when the failover account ends up in another data zone than the primary', () => {
    const root = freshRoot();
    const result = newEnvironment({ root, from: 'prod', name: USEAST, region: 'eastus', cidr: `${o(100)}.0.0/22` });
    expect(result.warnings).toEqual([expect.stringMatching(/^ai\.accounts\[1\] \(failover\) is in germanywestcentral \(data zone EU\) while the primary moves to eastus \(data zone US\): check data residency$/)]);
  });
});

describe('new-env refusals (exit 2, nothing written)', () => {
  test.each([
    ['an existing name', `--from dev --name prod --region westeurope --cidr ${o(61)}.0.0/22`, 'environments/prod.ts already exists; new-env never overwrites'],
    ['a malformed CIDR', `--from prod --name ${UAT} --region westeurope --cidr ${o(61)}.0.0/33`, `--cidr '${o(61)}.0.0/33' is not a valid IPv4 CIDR block`],
    ['a CIDR with host bits', `--from prod --name ${UAT} --region westeurope --cidr ${o(61)}.0.1/22`, `--cidr '${o(61)}.0.1/22' has host bits set; the network address for /22 is ${o(61)}.0.0/22`],
    ['a public CIDR', `--from prod --name ${UAT} --region westeurope --cidr 8.8.8.0/22`, '--cidr 8.8.8.0/22 must be inside RFC 1918 private space'],
    ['a CIDR too small', `--from prod --name ${UAT} --region westeurope --cidr ${o(61)}.0.0/25`, `--cidr ${o(61)}.0.0/25 is too small for the platform's subnets`],
    ['an overlapping CIDR', `--from prod --name ${UAT} --region westeurope --cidr 10.42.4.0/22`, "--cidr 10.42.4.0/22 overlaps environment 'prod' (10.42.0.0/21); environments share one hub and must not overlap"],
    ['an unknown region', `--from prod --name ${UAT} --region mars --cidr ${o(61)}.0.0/22`, "--region 'mars' is not an allowed region; allowed: australiaeast"],
    ['an invalid name', `--from prod --name UAT-1 --region westeurope --cidr ${o(61)}.0.0/22`, "--name 'UAT-1' must be 2-8 lowercase letters or digits"],
    ['a missing source', `--from ${QA} --name ${UAT} --region westeurope --cidr ${o(61)}.0.0/22`, `--from '${QA}': environments/${QA}.ts does not exist`],
    ['an unknown argument', `--from prod --name ${UAT} --region westeurope --cidr ${o(61)}.0.0/22 --force`, "unknown option '--force'"],
    ['a missing argument', `--from prod --name ${UAT}`, '--region is required; --cidr is required'],
    ['a region whose data zone the models need', `--from prod --name ${UAT} --region japaneast --cidr ${o(61)}.0.0/22`, `the forked environment would not validate:\nInvalid configuration for environment '${UAT}'`],
  ])('%s', async (_what, args, message) => {
    const root = freshRoot();
    const before = contents(root);
    const result = await run(root, args);
    expect(result.code).toBe(2);
    expect(result.err).toContain(message);
    // An argument error is followed by the usage; any other refusal says that nothing was written.
    expect(result.err).toMatch(message.startsWith('unknown option') || message.includes('is required') ? /Run with --help for every option\.$/ : /Nothing was written\.$/);
    expect(result.out).toBe('');
    expect(contents(root)).toEqual(before);
  });

  test('reports every argument problem at once', async () => {
    const root = freshRoot();
    const result = await run(root, '--from prod --name x --region mars --cidr 10.42.1.0/24');
    expect(result.err).toMatch(/^new-env: 3 problems:\n {2}- --name 'x'[\s\S]*\n {2}- --region 'mars'[\s\S]*\n {2}- --cidr 10\.42\.1\.0\/24 overlaps environment 'prod'/);
  });

  test('a name registered from a file of another name is refused by validation', async () => {
    const root = freshRoot();
    const dir = path.join(root, 'environments');
    fs.renameSync(path.join(dir, 'staging.ts'), path.join(dir, 'stage.ts'));
    fs.writeFileSync(path.join(dir, 'index.ts'), fs.readFileSync(path.join(dir, 'index.ts'), 'utf8').replace("from './staging'", "from './stage'"));
    const before = contents(root);
    const result = await run(root, `--from prod --name staging --region westeurope --cidr ${o(61)}.0.0/22`);
    expect(result.code).toBe(2);
    expect(result.err).toContain("the forked environment would not validate:\nInvalid configuration for environment 'staging'");
    expect(result.err).toContain("name: 'staging' is used by another environment");
    expect(result.err).toMatch(/Nothing was written\.$/);
    expect(contents(root)).toEqual(before);
  });

  test('a DataZone model in a region without a data zone names the field', async () => {
    const root = freshRoot();
    expect((await run(root, `--from prod --name ${UAT} --region japaneast --cidr ${o(61)}.0.0/22`)).err)
      .toMatch(/ai\.accounts\[0\]\.deployments\[0\]\.sku: DataZoneProvisionedManaged needs a region in a data zone \(EU or US\); japaneast has none/);
  });
});

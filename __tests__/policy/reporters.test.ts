import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { review } from '../../policy/engine';
import { run } from '../../tools/review';
import { toJson, toMarkdown, toSarif, toText } from '../../policy/reporters';
import { Rule, attributeRule } from '../../policy/rule';
import { allRules } from '../../policy/rules';
import { planOf } from './harness';

const rule = (id: string, severity: Rule['severity'], refs: Rule['references'] = {}): Rule => attributeRule({
  id, title: `${id} title`, severity, rationale: `${id} rationale`, remediation: `${id} remediation`,
  references: refs, appliesTo: ['azurerm_test'], path: 'enabled', expected: true,
});
const RULES = [rule('GAI-TST-001', 'error', { checkov: ['CKV_AZURE_1'], mcsb: ['NS-2'] }), rule('GAI-TST-002', 'warning'), rule('GAI-TST-003', 'note')];

function sampleReport() {
  const plan = planOf([
    { type: 'azurerm_test', name: 'bad', values: { enabled: false } },
    { type: 'azurerm_test', name: 'later', values: { enabled: '${var.x}' } },
    { type: 'azurerm_test', name: 'excused', values: { enabled: false }, suppressions: [{ ruleId: 'GAI-TST-001', reason: 'approved exception SEC-7' }] },
  ], 'cdktf.out/stacks/dev/cdk.tf.json');
  return review([plan], { rules: RULES });
}

describe('reporters', () => {
  test('json follows the CLI contract', () => {
    const json = JSON.parse(toJson(sampleReport()));
    expect(Object.keys(json)).toEqual(['findings', 'summary']);
    expect(json.findings[0]).toEqual({
      ruleId: 'GAI-TST-001', severity: 'error', status: 'fail', address: 'azurerm_test.bad',
      message: '`enabled` is false; expected true', suppressed: false, reason: null, file: 'cdktf.out/stacks/dev/cdk.tf.json',
      title: 'GAI-TST-001 title', constructPath: null,
    });
    expect(json.findings.find((f: any) => f.address === 'azurerm_test.excused' && f.ruleId === 'GAI-TST-001'))
      .toMatchObject({ suppressed: true, reason: 'approved exception SEC-7' });
    expect(json.summary).toEqual({ files: 1, resources: 3, rules: 3, errors: 1, warnings: 2, notes: 2, unknown: 3, suppressed: 1, blocking: 1 });
  });

  test('text groups findings by rule and ends with the verdict', () => {
    const text = toText(sampleReport());
    expect(text).toMatch(/^ERROR {3}GAI-TST-001 GAI-TST-001 title\n {4}azurerm_test\.bad {2}\(fail\)\n {6}`enabled` is false; expected true\n/);
    expect(text).toContain('azurerm_test.excused  (suppressed: approved exception SEC-7)');
    expect(text).toContain('azurerm_test.later  (unknown until apply)');
    expect(text.trimEnd().split('\n').slice(-2)).toEqual([
      '3 resources in 1 file, 3 rules: 1 error, 2 warnings, 2 notes, 3 unknown, 1 suppressed', 'FAILED: 1 unsuppressed error',
    ]);
    expect(toText(review([planOf([])], { rules: RULES }))).toBe('0 resources in 1 file, 3 rules: 0 errors, 0 warnings, 0 notes, 0 unknown, 0 suppressed\nPASSED\n');
  });

  test('markdown is a pull-request comment with a table and folded suppressions', () => {
    const md = toMarkdown(sampleReport(), 'Policy review: dev');
    expect(md.split('\n')[0]).toBe('### Policy review: dev: ❌ 1 blocking error');
    expect(md).toContain('| Severity | Rule | Resource | Finding |');
    expect(md).toContain('| 🔴 error | `GAI-TST-001` GAI-TST-001 title | `azurerm_test.bad` | `enabled` is false; expected true |');
    expect(md).toContain('| 🔴 error (unknown) | `GAI-TST-001` GAI-TST-001 title | `azurerm_test.later` |');
    expect(md).toMatch(/<details><summary>1 suppressed finding<\/summary>[\s\S]*\| `GAI-TST-001` \| `azurerm_test.excused` \| approved exception SEC-7 \|[\s\S]*<\/details>/);
  });

  test('sarif is valid 2.1.0 for GitHub code scanning', () => {
    const sarif = JSON.parse(toSarif(sampleReport(), { root: process.cwd(), category: 'gai-policy/dev' }));
    expect(sarif.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs).toHaveLength(1);
    const { driver } = sarif.runs[0].tool;
    expect(driver.name).toBe('gai-policy');
    expect(driver.rules.map((r: any) => r.id)).toEqual(['GAI-TST-001', 'GAI-TST-002', 'GAI-TST-003']);
    for (const r of driver.rules) {
      expect(r.shortDescription.text).not.toBe('');
      expect(r.fullDescription.text).not.toBe('');
      expect(r.help.text).not.toBe('');
      expect(Number(r.properties['security-severity'])).toBeGreaterThan(0);
    }
    expect(driver.rules[0].help.text).toContain('References: Checkov: CKV_AZURE_1; MCSB: NS-2');
    expect(driver.rules[1].properties.tags).toContain('platform-specific');
    expect(driver.rules.map((r: any) => r.defaultConfiguration.level)).toEqual(['error', 'warning', 'note']);
    const results = sarif.runs[0].results;
    const bad = results.find((r: any) => r.ruleId === 'GAI-TST-001' && r.properties.address === 'azurerm_test.bad');
    expect(bad).toMatchObject({
      ruleIndex: 0, level: 'error', message: { text: 'azurerm_test.bad: `enabled` is false; expected true' },
      locations: [{ physicalLocation: { artifactLocation: { uri: 'cdktf.out/stacks/dev/cdk.tf.json' }, region: { startLine: 1, startColumn: 1 } } }],
    });
    expect(bad.partialFingerprints.primaryLocationLineHash).toMatch(/^[0-9a-f]{32}$/);
    expect(results.find((r: any) => r.properties.address === 'azurerm_test.later').level).toBe('note');
    expect(results.find((r: any) => r.properties.address === 'azurerm_test.excused' && r.ruleId === 'GAI-TST-001').suppressions)
      .toEqual([{ kind: 'inSource', justification: 'approved exception SEC-7' }]);
    expect(sarif.runs[0].automationDetails.id).toBe('gai-policy/dev/');
  });
});

describe('review CLI', () => {
  let tmp: string;
  beforeEach(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-')); });
  afterEach(() => { fs.rmSync(tmp, { recursive: true, force: true }); });

  const cli = async (...argv: string[]) => {
    let out = '';
    let err = '';
    const code = await run(argv, { stdout: (s) => { out += s; }, stderr: (s) => { err += s; } });
    return { code, out, err };
  };
  const writePlan = (name: string, resources: Record<string, unknown>) => {
    const file = path.join(tmp, name);
    fs.writeFileSync(file, JSON.stringify({ resource: resources }));
    return file;
  };
  const badVault = { azurerm_key_vault: { kv: { name: 'kv', purge_protection_enabled: false } } };

  test('exit 0 on a clean plan, 1 on an unsuppressed error, with the JSON contract', async () => {
    const tags = { environment: 'dev', 'environment-tier': 'non-production', workload: 'genai', owner: 'a@contoso.com', 'cost-center': 'CC1', 'data-classification': 'internal' };
    expect(await cli(writePlan('ok.json', { azurerm_resource_group: { rg: { name: 'rg-genai-dev-sdc-network', location: 'swedencentral', tags } } }))).toMatchObject({ code: 0 });
    const result = await cli('--format', 'json', writePlan('bad.json', badVault));
    expect(result.code).toBe(1);
    expect(JSON.parse(result.out).findings).toContainEqual(expect.objectContaining({ ruleId: 'GAI-KV-001', address: 'azurerm_key_vault.kv', suppressed: false }));
  });

  test('a suppressions file turns the error into a suppressed finding', async () => {
    const suppressions = path.join(tmp, 'suppressions.json');
    fs.writeFileSync(suppressions, JSON.stringify({ suppressions: allRules().map((r) => ({ ruleId: r.id, address: 'azurerm_key_vault.kv', reason: 'fixture vault, reviewed' })) }));
    const result = await cli('--format', 'json', '--suppressions', suppressions, writePlan('bad.json', badVault));
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out).findings.find((f: any) => f.ruleId === 'GAI-KV-001')).toMatchObject({ suppressed: true, reason: 'fixture vault, reviewed' });
  });

  test('exit 2 with a clear message, never a stack trace, on unreadable or invalid input', async () => {
    for (const result of await Promise.all([
      cli(path.join(tmp, 'nope.json')),
      cli(writePlan('weird.json', {}), '--format', 'yaml'),
      cli(),
      cli('--suppressions', path.join(tmp, 'missing.json'), writePlan('x.json', {})),
      cli('--list-rules', '--format', 'sarif'),
    ])) {
      expect(result.code).toBe(2);
      expect(result.err).not.toMatch(/\bat .+:\d+:\d+/);
    }
    expect((await cli(path.join(tmp, 'nope.json'))).err).toMatch(/nope\.json: cannot read: ENOENT/);
    expect((await cli('x.json', '--format', 'yaml')).err).toMatch(/--format must be one of text, json, markdown, sarif, got 'yaml'/);
    const notJson = path.join(tmp, 'plain.txt');
    fs.writeFileSync(notJson, 'hello');
    expect(await cli(notJson)).toMatchObject({ code: 2, err: expect.stringMatching(/plain\.txt: not valid JSON/) });
  });

  test('--out writes the report to a file; --list-rules lists every rule', async () => {
    const out = path.join(tmp, 'report.sarif');
    const written = await cli('--format', 'sarif', '--out', out, writePlan('bad.json', badVault));
    expect(written).toMatchObject({ code: 1, out: '' });
    expect(JSON.parse(fs.readFileSync(out, 'utf8')).version).toBe('2.1.0');
    // The report is in the file; the verdict is still in the log.
    expect(written.err).toMatch(/^FAILED: [1-9]\d* errors, \d+ warnings, \d+ notes, \d+ unknown, 0 suppressed in 1 resources \(report: .*report\.sarif\)\n$/);
    const list = await cli('--list-rules');
    expect(list.code).toBe(0);
    expect(list.out.trimEnd().split('\n').pop()).toBe(`${allRules().length} rules`);
    expect(list.out).toMatch(/^GAI-KV-001 {5}error {4}Key Vault has purge protection$/m);
    const asJson = JSON.parse((await cli('--list-rules', '--format', 'json')).out);
    expect(asJson.find((r: any) => r.id === 'GAI-KV-001')).toMatchObject({ severity: 'error', appliesTo: ['azurerm_key_vault'], platformSpecific: false });
  });
});

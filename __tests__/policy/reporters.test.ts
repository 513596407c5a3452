import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { review } from '../../policy/engine';
import { run } from '../../tools/review';
import { docsUrlFromEnvironment, toJson, toMarkdown, toSarif, toText } from '../../policy/reporters';
import { escape } from '../../policy/reporters/markdown';
import { toBaseline } from '../../policy/baseline';
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
    expect(json.summary).toEqual({ files: 1, resources: 3, rules: 3, errors: 1, warnings: 2, notes: 2, unknown: 3, suppressed: 1, blocking: 1, threshold: 'error', baselined: 0 });
  });

  test('text: unsuppressed failures first by severity, then UNKNOWN (never ERROR), then suppressed with reasons, then the verdict', () => {
    const text = toText(sampleReport());
    expect(text).toMatch(/^ERRORS \(1\)\n {2}GAI-TST-001 GAI-TST-001 title\n {4}azurerm_test\.bad\n {6}`enabled` is false; expected true\n\nWARNINGS \(2\)\n/);
    const order = ['ERRORS (1)', 'WARNINGS (2)', 'NOTES (2)', 'UNKNOWN until apply (3)', 'SUPPRESSED (1)'].map((h) => text.indexOf(`${h}`));
    expect(order.every((i, k) => i >= 0 && (k === 0 || i > order[k - 1]))).toBe(true);
    const unknownSection = text.slice(text.indexOf('UNKNOWN until apply'), text.indexOf('SUPPRESSED'));
    expect(unknownSection).toContain('GAI-TST-001 GAI-TST-001 title (error if it fails)\n    azurerm_test.later\n');
    expect(unknownSection).not.toMatch(/ERROR/);
    expect(text).toContain('SUPPRESSED (1): accepted exceptions, with their reasons\n  GAI-TST-001 GAI-TST-001 title (error)\n    azurerm_test.excused\n      reason: approved exception SEC-7\n');
    expect(text.trimEnd().split('\n').slice(-2)).toEqual([
      '3 resources in 1 file, 3 rules: 1 error, 2 warnings, 2 notes, 3 unknown, 1 suppressed', 'FAILED: 1 unsuppressed error',
    ]);
    expect(toText(review([planOf([])], { rules: RULES }))).toBe('0 resources in 1 file, 3 rules: 0 errors, 0 warnings, 0 notes, 0 unknown, 0 suppressed\nPASSED\n');
  });

  test('severity threshold: warnings block at warning, notes at note; the verdict says so', () => {
    const plan = planOf([{ type: 'azurerm_test', name: 'bad', values: { enabled: false } }]);
    const only = (t: Rule['severity'], rules = RULES.slice(1)) => review([plan], { rules, threshold: t }).summary;
    expect(only('error')).toMatchObject({ blocking: 0, threshold: 'error' });
    expect(only('warning')).toMatchObject({ blocking: 1 });
    expect(only('note')).toMatchObject({ blocking: 2 });
    expect(toText(review([plan], { rules: RULES.slice(1), threshold: 'warning' })).trimEnd().split('\n').pop()).toBe('FAILED: 1 unsuppressed finding at or above warning');
  });

  test('a baseline leaves out the findings it has, by rule and address, and counts them', () => {
    const report = sampleReport();
    const written = toBaseline(report.findings);
    const baseline = JSON.parse(written.text);
    expect(baseline.version).toBe(1);
    expect(written.count).toBe(baseline.findings.length);
    expect(baseline.findings).toContainEqual({ file: 'cdktf.out/stacks/dev/cdk.tf.json', ruleId: 'GAI-TST-001', address: 'azurerm_test.bad', status: 'fail', message: '`enabled` is false; expected true' });
    expect(baseline.findings.some((f: any) => f.address === 'azurerm_test.excused' && f.ruleId === 'GAI-TST-001')).toBe(false);
    const plan = planOf([
      { type: 'azurerm_test', name: 'bad', values: { enabled: false } },
      { type: 'azurerm_test', name: 'new', values: { enabled: false } },
      // Was unknown when the baseline was written; a failure now is new.
      { type: 'azurerm_test', name: 'later', values: { enabled: false } },
    ], 'cdktf.out/stacks/dev/cdk.tf.json');
    const again = review([plan], { rules: RULES, baseline: baseline.findings });
    expect(again.findings.map((f) => `${f.ruleId} ${f.address}`)).toEqual([
      'GAI-TST-001 azurerm_test.later', 'GAI-TST-001 azurerm_test.new', 'GAI-TST-002 azurerm_test.later', 'GAI-TST-002 azurerm_test.new',
      'GAI-TST-003 azurerm_test.later', 'GAI-TST-003 azurerm_test.new',
    ]);
    expect(again.summary).toMatchObject({ baselined: 3, blocking: 2 });
    expect(again.baselinedFindings.map((f) => `${f.ruleId} ${f.address}`)).toEqual(['GAI-TST-001 azurerm_test.bad', 'GAI-TST-002 azurerm_test.bad', 'GAI-TST-003 azurerm_test.bad']);
    // The same address in another environment's plan is not in the baseline.
    const prod = planOf([{ type: 'azurerm_test', name: 'bad', values: { enabled: false } }], 'cdktf.out/stacks/prod/cdk.tf.json');
    expect(review([prod], { rules: RULES, baseline: baseline.findings }).summary).toMatchObject({ baselined: 0, blocking: 1 });
  });

  test('markdown is a pull-request comment with a table and folded suppressions', () => {
    const md = toMarkdown(sampleReport(), 'Policy review: dev');
    expect(md.split('\n')[0]).toBe('### Policy review: dev: ❌ 1 blocking error');
    expect(md).toContain('| Severity | Rule | Resource | Finding |');
    expect(md).toContain('| 🔴 error | `GAI-TST-001` GAI-TST-001 title | `azurerm_test.bad` | `enabled` is false; expected true |');
    expect(md).toContain('| ❔ unknown (error if it fails) | `GAI-TST-001` GAI-TST-001 title | `azurerm_test.later` |');
    expect(md).not.toMatch(/🔴 error[^|]*\| `GAI-TST-001` GAI-TST-001 title \| `azurerm_test\.later`/);
    expect(md).toMatch(/<details><summary>1 suppressed finding<\/summary>[\s\S]*\| `GAI-TST-001` \| `azurerm_test.excused` \| approved exception SEC-7 \|[\s\S]*<\/details>/);
  });

  test('markdown escapes < and > outside code spans, so policy elements survive in a pull-request comment', () => {
    expect(escape('<inbound> has no <base />: dropped')).toBe('&lt;inbound&gt; has no &lt;base /&gt;: dropped');
    expect(escape('set `<base />` in `a|b` & more')).toBe('set `<base />` in `a\\|b` &amp; more');
    const tagged = attributeRule({
      id: 'GAI-TST-009', title: 'Policies keep <base />', severity: 'error', rationale: 'r', remediation: 'f', references: {},
      appliesTo: ['azurerm_test'], path: 'enabled', expected: true, whenAbsent: '<inbound> has no <base />',
    });
    const md = toMarkdown(review([planOf([{ type: 'azurerm_test', name: 'x', values: {} }])], { rules: [tagged] }));
    expect(md).toContain('| 🔴 error | `GAI-TST-009` Policies keep &lt;base /&gt; | `azurerm_test.x` | &lt;inbound&gt; has no &lt;base /&gt; |');
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

  test('sarif links to the project\'s own rule docs: from GitHub Actions\' variables, else no link at all', () => {
    const withDocs = JSON.parse(toSarif(sampleReport(), { docsUrl: 'https://github.com/contoso/genai/blob/HEAD/docs/security-review.md' })).runs[0].tool.driver;
    expect(withDocs.informationUri).toBe('https://github.com/contoso/genai/blob/HEAD/docs/security-review.md');
    expect(withDocs.rules[0].helpUri).toBe('https://github.com/contoso/genai/blob/HEAD/docs/security-review.md#gai-tst-001');
    expect(docsUrlFromEnvironment({ GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'contoso/genai' })).toBe('https://github.com/contoso/genai/blob/HEAD/docs/security-review.md');
    expect(docsUrlFromEnvironment({})).toBeUndefined();
    const saved = process.env.GITHUB_REPOSITORY;
    delete process.env.GITHUB_REPOSITORY;
    try {
      const driver = JSON.parse(toSarif(sampleReport())).runs[0].tool.driver;
      expect(driver.informationUri).toBeUndefined();
      expect(driver.rules[0].helpUri).toBeUndefined();
    } finally {
      if (saved !== undefined) process.env.GITHUB_REPOSITORY = saved;
    }
    // Every rule has the anchor the links point at.
    const doc = fs.readFileSync(path.join(__dirname, '../../docs/security-review.md'), 'utf8');
    for (const r of allRules()) expect(doc).toContain(`<a id="${r.id.toLowerCase()}"></a>`);
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

  test('--severity-threshold: exit 1 only at or above it', async () => {
    const warnOnly = writePlan('warn.json', { azurerm_key_vault: { kv: { name: 'kv', purge_protection_enabled: true, soft_delete_retention_days: 30 } } });
    const args = ['--rule', 'GAI-KV-002', warnOnly];
    const severity = allRules().find((r) => r.id === 'GAI-KV-002')!.severity;
    expect(severity).not.toBe('error');
    expect((await cli(...args)).code).toBe(0);
    expect((await cli('--severity-threshold', severity, ...args)).code).toBe(1);
    expect((await cli('--severity-threshold', 'note', ...args)).code).toBe(1);
    expect(await cli('--severity-threshold', 'critical', warnOnly)).toMatchObject({ code: 2, err: expect.stringContaining("--severity-threshold must be one of error, warning, note, got 'critical'") });
  });

  test('--rule and --skip-rule select rules; an unknown id is refused with the closest one', async () => {
    const plan = writePlan('bad.json', badVault);
    const only = JSON.parse((await cli('--format', 'json', '--rule', 'GAI-KV-001', plan)).out);
    expect(new Set(only.findings.map((f: any) => f.ruleId))).toEqual(new Set(['GAI-KV-001']));
    expect(only.summary.rules).toBe(1);
    const skipped = JSON.parse((await cli('--format', 'json', '--skip-rule', 'GAI-KV-001', plan)).out);
    expect(skipped.findings.some((f: any) => f.ruleId === 'GAI-KV-001')).toBe(false);
    expect(skipped.summary.rules).toBe(allRules().length - 1);
    expect(await cli('--rule', 'GAI-KV-01', '--skip-rule', 'GAI-XX-999', plan)).toMatchObject({
      code: 2, out: '', err: expect.stringContaining('review: --rule GAI-KV-01: no such rule (did you mean GAI-KV-001?); --skip-rule GAI-XX-999: no such rule'),
    });
  });

  test('--explain: rationale, remediation, references and examples; exit 2 for an unknown id', async () => {
    const { code, out } = await cli('--explain', 'GAI-KV-001');
    expect(code).toBe(0);
    expect(out).toMatch(/^GAI-KV-001: Key Vault has purge protection\nSeverity: error {4}Applies to: azurerm_key_vault\n\nWhy:\n/);
    expect(out).toContain('\nFix:\n  Set `purge_protection_enabled = true`');
    expect(out).toMatch(/\nReferences:\n( {2}.+\n)+/);
    // Each audited citation says how it relates and what the cited control checks (policy/cross-references.ts).
    expect(out).toContain('\n  Checkov CKV_AZURE_110 (same): `purge_protection_enabled` must be true');
    expect(out).toContain('\n  MCSB DP-8\n');
    expect(out).toContain('Examples:\n  passes:\n    resource "azurerm_key_vault" "example" {\n      purge_protection_enabled = true\n    }\n  fails:\n    resource "azurerm_key_vault" "example" {\n      purge_protection_enabled = false\n    }\n');
    expect(JSON.parse((await cli('--explain', 'GAI-KV-001', '--format', 'json')).out)).toMatchObject({ id: 'GAI-KV-001', severity: 'error', examples: { compliant: expect.any(String) } });
    expect(await cli('--explain', 'GAI-KV-01')).toMatchObject({ code: 2, err: expect.stringContaining('--explain GAI-KV-01: no such rule (did you mean GAI-KV-001?)') });
    expect(await cli('--explain', 'GAI-KV-001', '--skip-rule', 'GAI-KV-001')).toMatchObject({ code: 2, err: expect.stringContaining('--explain GAI-KV-001: the rule is left out by --rule or --skip-rule') });
    expect((await cli('--explain', 'GAI-KV-001', plan())).err).toContain('--explain takes no plan file');
    function plan() { return writePlan('p.json', {}); }
  });

  test('a directory: every plan under it (cdk.tf.json, *.tf.json, terraform show -json), other JSON skipped', async () => {
    const dir = path.join(tmp, 'cdktf.out');
    fs.mkdirSync(path.join(dir, 'stacks', 'dev'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'review'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'stacks', 'dev', 'cdk.tf.json'), JSON.stringify({ resource: badVault }));
    fs.writeFileSync(path.join(dir, 'review', 'dev.json'), JSON.stringify({ findings: [], summary: {} }));
    fs.writeFileSync(path.join(dir, 'plan.json'), JSON.stringify({
      format_version: '1.2', terraform_version: '1.11.4',
      planned_values: { root_module: { resources: [{ address: 'azurerm_key_vault.other', mode: 'managed', type: 'azurerm_key_vault', name: 'other', values: { name: 'kv2', purge_protection_enabled: false } }] } },
    }));
    const result = await cli('--format', 'json', '--rule', 'GAI-KV-001', dir);
    expect(result.code).toBe(1);
    const json = JSON.parse(result.out);
    expect(json.summary.files).toBe(2);
    expect(json.findings.map((f: any) => f.address).sort()).toEqual(['azurerm_key_vault.kv', 'azurerm_key_vault.other']);
    // Several plans: each finding names its file (addresses repeat across environments).
    const text = (await cli('--rule', 'GAI-KV-001', dir)).out;
    expect(text).toContain(`azurerm_key_vault.kv  (${path.join(dir, 'stacks', 'dev', 'cdk.tf.json')})`);
    expect((await cli('--format', 'markdown', '--rule', 'GAI-KV-001', dir)).out).toContain(`| \`azurerm_key_vault.other\` (${path.join(dir, 'plan.json')}) |`);
    const empty = path.join(tmp, 'empty');
    fs.mkdirSync(empty);
    expect(await cli(empty)).toMatchObject({ code: 2, err: expect.stringContaining('empty: no plan under it') });
  });

  test('--write-baseline, then --baseline: only new findings are reported and block', async () => {
    const baseline = path.join(tmp, 'baseline.json');
    const first = await cli('--write-baseline', baseline, '--rule', 'GAI-KV-001', writePlan('estate.json', badVault));
    expect(first.code).toBe(1);
    expect(first.err).toMatch(/Wrote the baseline .*baseline\.json: 1 findings/);
    expect(await cli('--baseline', baseline, '--rule', 'GAI-KV-001', writePlan('estate.json', badVault))).toMatchObject({ code: 0, out: expect.stringContaining('1 in the baseline (not shown)') });
    const grown = { azurerm_key_vault: { ...badVault.azurerm_key_vault, kv2: { name: 'kv2', purge_protection_enabled: false } } };
    const second = JSON.parse((await cli('--format', 'json', '--baseline', baseline, '--rule', 'GAI-KV-001', writePlan('estate.json', grown))).out);
    expect(second.findings.map((f: any) => f.address)).toEqual(['azurerm_key_vault.kv2']);
    expect(second.summary).toMatchObject({ baselined: 1, blocking: 1 });
    // Refreshing a baseline keeps what it already had, and says how many entries it wrote.
    const refreshed = await cli('--baseline', baseline, '--write-baseline', baseline, '--rule', 'GAI-KV-001', writePlan('estate.json', grown));
    expect(refreshed.err).toMatch(/Wrote the baseline .*: 2 findings/);
    expect(JSON.parse(fs.readFileSync(baseline, 'utf8')).findings.map((f: any) => f.address)).toEqual(['azurerm_key_vault.kv', 'azurerm_key_vault.kv2']);
    expect((await cli('--baseline', baseline, '--rule', 'GAI-KV-001', writePlan('estate.json', grown))).code).toBe(0);
    // A file that cannot be written is bad input, and no report is printed.
    expect(await cli('--write-baseline', path.join(tmp, 'no-such-dir', 'b.json'), writePlan('v4.json', badVault))).toMatchObject({ code: 2, out: '', err: expect.stringMatching(/no-such-dir\/b\.json: cannot write: ENOENT/) });
    expect(await cli('--out', path.join(tmp, 'no-such-dir', 'r.json'), writePlan('v4.json', badVault))).toMatchObject({ code: 2, err: expect.stringMatching(/cannot write: ENOENT/) });
    fs.writeFileSync(path.join(tmp, 'not-a-baseline.json'), '{"findings": 3}');
    expect(await cli('--baseline', path.join(tmp, 'not-a-baseline.json'), writePlan('v3.json', {}))).toMatchObject({ code: 2, err: expect.stringContaining('not a baseline') });
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

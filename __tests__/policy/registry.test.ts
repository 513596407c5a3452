import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { isPlatformSpecific } from '../../policy/rule';
import { allRules, loadRules } from '../../policy/rules';
import { SECURITY_REVIEW_DOC, renderSecurityReview } from '../../tools/security-review-doc';

const rules = allRules();
const catalog = fs.readFileSync(path.join(__dirname, '../../docs/policy-catalog.md'), 'utf8');
const catalogIds = new Set(catalog.match(/GAI-[A-Z]+-\d{3}/g));

describe('rule registry', () => {
  test('registers at least 120 rules, each once', () => {
    expect(rules.length).toBeGreaterThanOrEqual(120);
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
  });

  test('every rule file is registered under its own id, in its area folder', () => {
    const dir = path.join(__dirname, '../../policy/rules');
    const files = fs.readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory())
      .flatMap((d) => fs.readdirSync(path.join(dir, d.name)).filter((f) => /^GAI-.*\.ts$/.test(f)).map((f) => [d.name, f.replace(/\.ts$/, '')]));
    expect(files.map(([, id]) => id).sort()).toEqual(rules.map((r) => r.id).sort());
    for (const [area, id] of files) expect(id.split('-')[1].toLowerCase()).toBe(area);
  });

  test.each(rules.map((r) => [r.id, r] as const))('%s is documented and cross-referenced', (id, rule) => {
    expect(catalogIds.has(id)).toBe(true);
    expect(rule.title.length).toBeGreaterThan(10);
    expect(rule.rationale.length).toBeGreaterThan(30);
    expect(rule.remediation.length).toBeGreaterThan(20);
    expect(['error', 'warning', 'note']).toContain(rule.severity);
    expect(rule.appliesTo.length).toBeGreaterThan(0);
    for (const type of rule.appliesTo) expect(type).toMatch(/^(azurerm|azapi)_[a-z_]+$/);
    const refs = rule.references;
    for (const c of refs.checkov ?? []) expect(c).toMatch(/^CKV2?_AZURE_\d+$/);
    for (const p of refs.psrule ?? []) expect(p).toMatch(/^Azure\.[A-Za-z]+\.[A-Za-z0-9]+$/);
    for (const a of refs.azurePolicy ?? []) expect(a).toMatch(/^[0-9a-f]{8}/);
    for (const m of refs.mcsb ?? []) expect(m).toMatch(/^(v[12] )?[A-Z]{2}-\d+( \(analogy\))?$/);
    expect(typeof isPlatformSpecific(rule)).toBe('boolean');
  });

  test('every rule is exercised by a test that names it', () => {
    const testDir = path.join(__dirname, 'rules');
    const tests = fs.readdirSync(testDir).map((f) => fs.readFileSync(path.join(testDir, f), 'utf8')).join('\n');
    expect(rules.map((r) => r.id).filter((id) => !tests.includes(id))).toEqual([]);
  });

  test('loading refuses a file whose rule id differs from its name', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rules-'));
    fs.mkdirSync(path.join(dir, 'kv'));
    fs.writeFileSync(path.join(dir, 'kv', 'GAI-KV-099.js'), "module.exports = { default: { id: 'GAI-KV-098' } };");
    expect(() => loadRules(dir)).toThrow('kv/GAI-KV-099.js: must default-export the rule GAI-KV-099 (found GAI-KV-098)');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('docs/security-review.md is generated from the registry (run `npm run docs` after changing a rule)', () => {
    expect(fs.readFileSync(SECURITY_REVIEW_DOC, 'utf8')).toBe(renderSecurityReview(rules));
  });
});

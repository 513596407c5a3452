import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { SynthResult, synthesize } from '../../main';
import { Finding } from '../../policy/engine';
import { MIN_REASON_LENGTH } from '../../policy/suppressions';
import { ReviewFailure } from '../../main';
import { attributeRule } from '../../policy/rule';
import { validInput } from '../helpers';

let outdir: string;
let result: SynthResult;
beforeAll(() => {
  outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'review-'));
  result = synthesize({ outdir: path.join(outdir, 'out') });
});
afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

const describeFinding = (f: Finding) => `${f.ruleId} ${f.address}: ${f.message}`;

describe('policy review of the shipped environments', () => {
  test.each(['dev', 'staging', 'prod'])('%s has no unsuppressed error or warning', (env) => {
    const open = result.reviews[env].findings.filter((f) => !f.suppressed && f.status === 'fail' && f.severity !== 'note');
    expect(open.map(describeFinding)).toEqual([]);
  });

  test.each(['dev', 'staging', 'prod'])('%s justifies every suppression', (env) => {
    for (const f of result.reviews[env].findings.filter((x) => x.suppressed)) {
      expect({ finding: describeFinding(f), reasonLength: (f.reason ?? '').trim().length >= MIN_REASON_LENGTH }).toEqual({ finding: describeFinding(f), reasonLength: true });
    }
  });

  test('writes json, markdown and sarif reports per environment', () => {
    for (const env of ['dev', 'staging', 'prod']) {
      const dir = path.join(outdir, 'out', 'review');
      expect(JSON.parse(fs.readFileSync(path.join(dir, `${env}.json`), 'utf8')).summary.blocking).toBe(0);
      expect(fs.readFileSync(path.join(dir, `${env}.md`), 'utf8')).toMatch(new RegExp(`^### Policy review: ${env}: ✅ passed`));
      expect(JSON.parse(fs.readFileSync(path.join(dir, `${env}.sarif`), 'utf8')).runs[0].automationDetails.id).toBe(`gai-policy/${env}/`);
    }
  });

  test('reviews prod as production and dev as non-production (production-only rules)', () => {
    const ids = (env: string) => result.reviews[env].findings.map((f) => f.ruleId);
    expect(ids('prod')).toContain('GAI-LAW-006');
    expect(ids('dev')).not.toContain('GAI-LAW-006');
  });
});

describe('synth-time enforcement', () => {
  test('an unsuppressed error fails the synth like a compiler error, keeping the reports for inspection', () => {
    const failing = attributeRule({
      id: 'GAI-TST-001', title: 'Vaults are standard', severity: 'error', rationale: 'test', remediation: 'test',
      references: {}, appliesTo: ['azurerm_key_vault'], path: 'sku_name', expected: 'none',
    });
    const out = path.join(outdir, 'failing');
    let error: unknown;
    try {
      synthesize({ outdir: out, inputs: [validInput()], rules: [failing] });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ReviewFailure);
    expect((error as Error).message).toMatch(/^Policy review failed for environment 'dev':\nERRORS \(1\)\n {2}GAI-TST-001 Vaults are standard\n {4}azurerm_key_vault\./);
    expect(JSON.parse(fs.readFileSync(path.join(out, 'review', 'dev.json'), 'utf8')).summary.blocking).toBe(1);
  });

  test('deployer IP ranges pass review only through the reason recorded in the plan', () => {
    const reason = 'hosted runners until the VNet runner pool exists';
    const out = path.join(outdir, 'deployer');
    const reviewed = synthesize({ outdir: out, inputs: [validInput({ keyVault: { deployerIpRanges: ['203.0.113.0/28'], deployerAccessReason: reason } })] });
    const suppressed = reviewed.reviews.dev.findings.filter((f) => f.suppressed && f.ruleId.match(/^GAI-(KV|PE)-/)).map((f) => [f.ruleId, f.reason]);
    expect(suppressed).toEqual([
      ['GAI-KV-004', `deployer IP ranges 203.0.113.0/28: ${reason}`],
      ['GAI-PE-005', `deployer IP ranges 203.0.113.0/28: ${reason}`],
    ]);
    const stack = JSON.parse(fs.readFileSync(path.join(out, 'stacks', 'dev', 'cdk.tf.json'), 'utf8'));
    const vault = Object.values(stack.resource.azurerm_key_vault as Record<string, any>)[0];
    expect(vault['//'].suppressions.map((s: any) => s.ruleId)).toEqual(['GAI-KV-004', 'GAI-PE-005']);
  });
});

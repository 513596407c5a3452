import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { SynthResult, synthesize } from '../../main';
import { Finding } from '../../policy/engine';
import { MIN_REASON_LENGTH } from '../../policy/suppressions';

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

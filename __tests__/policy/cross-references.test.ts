/**
 * Every cross-reference of every rule is classified against the cited control as read from its source
 * (policy/cross-references.ts), and nothing is cited that the audit dropped.
 */
import { AZURE_POLICY, CHECKOV, CROSS_REFERENCES, DROPPED, PSRULE } from '../../policy/cross-references';
import { allRules } from '../../policy/rules';

const SCHEMES = ['checkov', 'psrule', 'azurePolicy'] as const;
const CONTROLS = { checkov: CHECKOV, psrule: PSRULE, azurePolicy: AZURE_POLICY };

describe('cross-references', () => {
  const rules = allRules();

  test('each rule\'s citations are exactly the ones classified for it', () => {
    for (const rule of rules) {
      for (const scheme of SCHEMES) {
        const cited = [...(rule.references[scheme] ?? [])].sort();
        const classified = Object.keys(CROSS_REFERENCES[rule.id]?.[scheme] ?? {}).sort();
        expect({ rule: rule.id, scheme, ids: cited }).toEqual({ rule: rule.id, scheme, ids: classified });
      }
    }
    const known = new Set(rules.map((r) => r.id));
    expect(Object.keys(CROSS_REFERENCES).filter((id) => !known.has(id))).toEqual([]);
  });

  test('each classification is same, stricter or related, says what the control checks, and explains any difference', () => {
    for (const [ruleId, byScheme] of Object.entries(CROSS_REFERENCES)) {
      for (const scheme of SCHEMES) {
        for (const [id, ref] of Object.entries(byScheme[scheme] ?? {})) {
          const where = `${ruleId} ${scheme} ${id}`;
          expect({ where, relation: ['same', 'stricter', 'related'].includes(ref.relation) }).toEqual({ where, relation: true });
          expect({ where, checks: ref.checks.length > 10 }).toEqual({ where, checks: true });
          if (ref.relation !== 'same') expect({ where, note: (ref.note ?? '').length > 10 }).toEqual({ where, note: true });
          expect({ where, read: CONTROLS[scheme][id] !== undefined }).toEqual({ where, read: true });
        }
      }
    }
  });

  test('a cited Checkov check judges a resource type the rule applies to', () => {
    for (const rule of rules) {
      for (const id of rule.references.checkov ?? []) {
        const types = CHECKOV[id]?.resources ?? [];
        expect({ rule: rule.id, id, overlaps: types.some((t) => rule.appliesTo.includes(t)) || CROSS_REFERENCES[rule.id]?.checkov?.[id]?.relation === 'related' })
          .toEqual({ rule: rule.id, id, overlaps: true });
      }
    }
  });

  test('every control was read at a recorded source', () => {
    for (const scheme of SCHEMES) {
      for (const [id, control] of Object.entries(CONTROLS[scheme])) {
        expect({ id, source: /@[0-9a-f]{7,40}/.test(control.source), name: control.name.length > 0 }).toEqual({ id, source: true, name: true });
      }
    }
  });

  test('nothing the audit dropped is cited again; GAI-ST-005 no longer cites the check that wants bypass AzureServices', () => {
    for (const d of DROPPED) {
      const rule = rules.find((r) => r.id === d.ruleId);
      expect({ dropped: `${d.ruleId} ${d.id}`, cited: rule?.references[d.scheme]?.includes(d.id) ?? false }).toEqual({ dropped: `${d.ruleId} ${d.id}`, cited: false });
    }
    expect(DROPPED).toContainEqual(expect.objectContaining({ ruleId: 'GAI-ST-005', scheme: 'checkov', id: 'CKV_AZURE_36' }));
    const st005 = rules.find((r) => r.id === 'GAI-ST-005')!;
    expect(st005.remediation).toContain('bypass = ["None"]');
    expect(st005.remediation).not.toMatch(/bypass = \["AzureServices"\]/);
  });
});

import acr001 from '../../../policy/rules/acr/GAI-ACR-001';
import acr002 from '../../../policy/rules/acr/GAI-ACR-002';
import acr003 from '../../../policy/rules/acr/GAI-ACR-003';
import acr004 from '../../../policy/rules/acr/GAI-ACR-004';
import acr005 from '../../../policy/rules/acr/GAI-ACR-005';
import acr006 from '../../../policy/rules/acr/GAI-ACR-006';
import acr007 from '../../../policy/rules/acr/GAI-ACR-007';
import { messagesOf, statusOf } from '../harness';

const registry = (values: Record<string, unknown>) => [{ type: 'azurerm_container_registry', values: { name: 'crgenai', sku: 'Premium', ...values } }];

describe.each([
  ['GAI-ACR-001 admin user', acr001, 'admin_enabled', false, true, 'compliant'],
  ['GAI-ACR-002 anonymous pull', acr002, 'anonymous_pull_enabled', false, true, 'compliant'],
  ['GAI-ACR-003 export policy', acr003, 'export_policy_enabled', false, true, 'non-compliant'],
  ['GAI-ACR-005 dedicated data endpoints', acr005, 'data_endpoint_enabled', true, false, 'non-compliant'],
  ['GAI-ACR-007 Docker Content Trust', acr007, 'trust_policy_enabled', false, true, 'compliant'],
] as const)('%s', (_name, rule, attribute, good, bad, whenMissing) => {
  test.each([
    ['the platform\'s value', { [attribute]: good }, 'compliant'],
    ['the opposite', { [attribute]: bad }, 'non-compliant'],
    ['missing (judged by the azurerm 4.55 default)', {}, whenMissing],
    ['unknown until apply', { [attribute]: '${var.x}' }, 'unknown'],
  ])('%s', (_case, values, expected) => {
    expect(statusOf(rule, registry(values))).toBe(expected);
  });

  test('names the attribute and the expected value', () => {
    expect(messagesOf(rule, registry({ [attribute]: bad }))).toEqual([`\`${attribute}\` is ${bad}; expected ${good}`]);
  });

  test('--explain shows a passing and a failing snippet', () => {
    expect(rule.examples?.compliant).toContain(`${attribute} = ${good}`);
    expect(rule.examples?.nonCompliant).toMatch(new RegExp(`${attribute} (= ${bad}|not set)`));
  });
});

describe('GAI-ACR-004 zone redundancy (production)', () => {
  test.each([
    ['on, no replicas', { zone_redundancy_enabled: true }, 'compliant'],
    ['off', { zone_redundancy_enabled: false }, 'non-compliant'],
    ['missing (provider default false)', {}, 'non-compliant'],
    ['on, a replica with zone redundancy', { zone_redundancy_enabled: true, georeplications: [{ location: 'germanywestcentral', zone_redundancy_enabled: true }] }, 'compliant'],
    ['on, a replica without (its default false)', { zone_redundancy_enabled: true, georeplications: [{ location: 'germanywestcentral' }] }, 'non-compliant'],
    ['unknown until apply', { zone_redundancy_enabled: '${var.zr}' }, 'unknown'],
  ])('%s', (_case, values, expected) => {
    expect(statusOf(acr004, registry(values), { production: true })).toBe(expected);
  });

  test('a replica is named by its location; non-production plans are not judged', () => {
    expect(messagesOf(acr004, registry({ zone_redundancy_enabled: true, georeplications: [{ location: 'germanywestcentral', zone_redundancy_enabled: false }] }), { production: true }))
      .toEqual(['the replica in germanywestcentral: `zone_redundancy_enabled` is false; expected true']);
    expect(statusOf(acr004, registry({ zone_redundancy_enabled: false }), { production: false })).toBe('not-applicable');
  });
});

describe('GAI-ACR-006 retention of untagged manifests', () => {
  test.each([
    ['30 days', { retention_policy_in_days: 30 }, 'compliant'],
    ['0 days (the provider sends no policy)', { retention_policy_in_days: 0 }, 'non-compliant'],
    ['missing', {}, 'non-compliant'],
    ['unknown until apply', { retention_policy_in_days: '${var.days}' }, 'unknown'],
  ])('%s', (_case, values, expected) => {
    expect(statusOf(acr006, registry(values))).toBe(expected);
  });

  test('says why 0 is not a retention policy', () => {
    expect(messagesOf(acr006, registry({ retention_policy_in_days: 0 }))).toEqual(['`retention_policy_in_days` is 0; expected 1-365 (0 disables retention)']);
    expect(messagesOf(acr006, registry({}))).toEqual(['`retention_policy_in_days` is not set, so untagged manifests are kept for ever; expected 1-365']);
  });
});

import rai001 from '../../../policy/rules/rai/GAI-RAI-001';
import rai002 from '../../../policy/rules/rai/GAI-RAI-002';
import rai003 from '../../../policy/rules/rai/GAI-RAI-003';
import rai004 from '../../../policy/rules/rai/GAI-RAI-004';
import rai005 from '../../../policy/rules/rai/GAI-RAI-005';
import { FixtureResource, messagesOf, statusOf } from '../harness';
import rai006 from '../../../policy/rules/rai/GAI-RAI-006';
import { parsePlan } from '../../../policy/plan';
import { ResourceGraph } from '../../../policy/graph';

type Filter = Record<string, unknown>;

const filter = (name: string, source: string, overrides: Filter = {}): Filter => ({
  name, source, filter_enabled: true, block_enabled: true, severity_threshold: 'Medium', ...overrides,
});

const HARM = ['Hate', 'Sexual', 'Violence', 'Selfharm'].flatMap((name) => ['Prompt', 'Completion'].map((source) => filter(name, source)));
const SHIELDS = [
  filter('Jailbreak', 'Prompt'), filter('Indirect Attack', 'Prompt'),
  filter('Protected Material Text', 'Completion'), filter('Protected Material Code', 'Completion'),
];

const policy = (values: Record<string, unknown>): FixtureResource[] => [{
  type: 'azurerm_cognitive_account_rai_policy', name: 'strict',
  values: { name: 'strict', cognitive_account_id: '${azurerm_cognitive_account.a.id}', base_policy_name: 'Microsoft.DefaultV2', content_filter: [...HARM, ...SHIELDS], ...values },
}];

/** The baseline filters with one replaced (or removed when `replacement` is undefined). */
const withFilter = (name: string, source: string, replacement?: Filter): Filter[] => [...HARM, ...SHIELDS]
  .flatMap((f) => (f.name === name && f.source === source ? (replacement ? [replacement] : []) : [f]));

describe('GAI-RAI-001 harm categories filtered and blocking', () => {
  test.each([
    ['all eight enabled and blocking', {}, 'compliant'],
    ['names in other spellings (SelfHarm)', { content_filter: [...withFilter('Selfharm', 'Prompt', filter('SelfHarm', 'Prompt')), ...SHIELDS] }, 'compliant'],
    ['a category missing on completions', { content_filter: withFilter('Violence', 'Completion') }, 'non-compliant'],
    ['a category not blocking', { content_filter: withFilter('Hate', 'Prompt', filter('Hate', 'Prompt', { block_enabled: false })) }, 'non-compliant'],
    ['a category disabled', { content_filter: withFilter('Sexual', 'Prompt', filter('Sexual', 'Prompt', { filter_enabled: false })) }, 'non-compliant'],
    ['no content filters', { content_filter: [] }, 'non-compliant'],
    ['blocking from a variable', { content_filter: withFilter('Hate', 'Prompt', filter('Hate', 'Prompt', { block_enabled: '${var.block}' })) }, 'unknown'],
    ['filter list from a variable', { content_filter: '${var.filters}' }, 'unknown'],
  ])('%s', (_case, values, expected) => {
    expect(statusOf(rai001, policy(values))).toBe(expected);
  });
  test('names every missing filter', () => {
    expect(messagesOf(rai001, policy({ content_filter: [] }))[0]).toMatch(/Hate \(Prompt\) is missing; .*Selfharm \(Completion\) is missing/);
  });
});

describe('GAI-RAI-002 harm severity threshold', () => {
  test.each([
    ['all Medium', {}, 'compliant'],
    ['Low is stricter and fine', { content_filter: withFilter('Hate', 'Prompt', filter('Hate', 'Prompt', { severity_threshold: 'Low' })) }, 'compliant'],
    ['High lets medium content through', { content_filter: withFilter('Violence', 'Completion', filter('Violence', 'Completion', { severity_threshold: 'High' })) }, 'non-compliant'],
    ['threshold from a variable', { content_filter: withFilter('Hate', 'Prompt', filter('Hate', 'Prompt', { severity_threshold: '${var.t}' })) }, 'unknown'],
    ['no harm filters to judge (GAI-RAI-001 reports them)', { content_filter: SHIELDS }, 'not-applicable'],
  ])('%s', (_case, values, expected) => {
    expect(statusOf(rai002, policy(values))).toBe(expected);
  });
});

describe('GAI-RAI-003 prompt shields and protected material', () => {
  test.each([
    ['all four enabled and blocking', {}, 'compliant'],
    ['no-space spelling (IndirectAttack)', { content_filter: withFilter('Indirect Attack', 'Prompt', filter('IndirectAttack', 'Prompt')) }, 'compliant'],
    ['jailbreak missing', { content_filter: withFilter('Jailbreak', 'Prompt') }, 'non-compliant'],
    ['indirect attack only annotating', { content_filter: withFilter('Indirect Attack', 'Prompt', filter('Indirect Attack', 'Prompt', { block_enabled: false })) }, 'non-compliant'],
    ['protected material on the wrong source', { content_filter: withFilter('Protected Material Code', 'Completion', filter('Protected Material Code', 'Prompt')) }, 'non-compliant'],
    ['filter name from a variable', { content_filter: [...HARM, ...SHIELDS.slice(1), filter('${var.name}', 'Prompt')] }, 'unknown'],
    ['filter list from a variable', { content_filter: '${var.filters}' }, 'unknown'],
  ])('%s', (_case, values, expected) => {
    expect(statusOf(rai003, policy(values))).toBe(expected);
  });
});

describe('GAI-RAI-004 synchronous filtering mode', () => {
  test.each([
    ['Default', { mode: 'Default' }, 'compliant'],
    ['Blocking', { mode: 'Blocking' }, 'compliant'],
    ['missing (service default Default)', {}, 'compliant'],
    ['Asynchronous_filter', { mode: 'Asynchronous_filter' }, 'non-compliant'],
    ['Deferred', { mode: 'Deferred' }, 'non-compliant'],
    ['from a variable', { mode: '${var.mode}' }, 'unknown'],
  ])('%s', (_case, values, expected) => {
    expect(statusOf(rai004, policy(values))).toBe(expected);
  });
});

describe('GAI-RAI-005 approved base policy', () => {
  test.each([
    ['Microsoft.DefaultV2', { base_policy_name: 'Microsoft.DefaultV2' }, 'compliant'],
    ['Microsoft.Default (no prompt shields)', { base_policy_name: 'Microsoft.Default' }, 'non-compliant'],
    ['missing', { base_policy_name: undefined }, 'non-compliant'],
    ['from a variable', { base_policy_name: '${var.base}' }, 'unknown'],
  ])('%s', (_case, values, expected) => {
    expect(statusOf(rai005, policy(values))).toBe(expected);
  });
});

describe('GAI-RAI-006 filters without a severity', () => {
  const IGNORED = [8, 9, 10, 11].map((i) => `content_filter[${i}].severity_threshold`);
  const withoutThreshold = SHIELDS.map(({ severity_threshold: _dropped, ...rest }) => rest);
  test.each([
    ['placeholder thresholds with their read-back ignored (shipped, azurerm 4.55)', policy({ content_filter: [...HARM, ...SHIELDS], lifecycle: { ignore_changes: [...IGNORED] } }), 'compliant'],
    ['no threshold on the shields (azurerm 5.x)', policy({ content_filter: [...HARM, ...withoutThreshold] }), 'compliant'],
    ['content_filter ignored as a whole', policy({ content_filter: [...HARM, ...SHIELDS], lifecycle: { ignore_changes: ['content_filter'] } }), 'compliant'],
    ['thresholds on the shields, nothing ignored (the old shipped shape)', policy({ content_filter: [...HARM, ...SHIELDS] }), 'non-compliant'],
    ['ignore paths at the wrong indices', policy({ content_filter: [...SHIELDS, ...HARM], lifecycle: { ignore_changes: [...IGNORED] } }), 'non-compliant'],
    ['harm categories only', policy({ content_filter: HARM }), 'not-applicable'],
  ] as const)('%s', (_, resources, expected) => {
    expect(statusOf(rai006, resources)).toBe(expected);
  });

  test('names the filters', () => {
    expect(messagesOf(rai006, policy({ content_filter: [...HARM, SHIELDS[0]] }))[0]).toMatch(/^content_filter\[8\] "Jailbreak" set `severity_threshold`/);
  });

  test('plan JSON cannot show lifecycle: unknown, not a pass', () => {
    const plan = parsePlan({ format_version: '1.2', planned_values: { root_module: { resources: [
      { address: 'azurerm_cognitive_account_rai_policy.p', mode: 'managed', type: 'azurerm_cognitive_account_rai_policy', name: 'p', values: { content_filter: [...HARM, ...SHIELDS] } },
    ] } } }, 'plan.json');
    const graph = new ResourceGraph(plan);
    expect(rai006.check(plan.resources[0], { graph, production: false })).toEqual([expect.objectContaining({ status: 'unknown' })]);
  });
});

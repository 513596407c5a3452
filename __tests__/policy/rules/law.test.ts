import law001 from '../../../policy/rules/law/GAI-LAW-001';
import law002 from '../../../policy/rules/law/GAI-LAW-002';
import law003 from '../../../policy/rules/law/GAI-LAW-003';
import law004 from '../../../policy/rules/law/GAI-LAW-004';
import law005 from '../../../policy/rules/law/GAI-LAW-005';
import law006 from '../../../policy/rules/law/GAI-LAW-006';
import { FixtureResource, messagesOf, statusOf, Values } from '../harness';


/** The platform workspace `w` (Monitoring construct), overridable; `undefined` removes an attribute. */
const workspace = (values: Values = {}, extra: FixtureResource[] = []): FixtureResource[] => [
  {
    type: 'azurerm_log_analytics_workspace',
    name: 'w',
    values: Object.fromEntries(Object.entries({
      name: 'log-genai-prod-sdc', location: 'swedencentral', sku: 'PerGB2018', retention_in_days: 365, daily_quota_gb: 5,
      local_authentication_enabled: false, internet_ingestion_enabled: false, internet_query_enabled: false, ...values,
    }).filter(([, v]) => v !== undefined)),
  },
  ...extra,
];
const ampls: FixtureResource = { type: 'azurerm_monitor_private_link_scope', name: 'ampls', values: { name: 'ampls-genai', ingestion_access_mode: 'PrivateOnly', query_access_mode: 'PrivateOnly' } };
const cluster: FixtureResource = { type: 'azurerm_log_analytics_cluster', name: 'c', values: { name: 'log-cluster', identity: { type: 'SystemAssigned' } } };

describe('GAI-LAW-001 retention', () => {
  test.each([
    ['365 days', { retention_in_days: 365 }, 'compliant'],
    ['90 days', { retention_in_days: 90 }, 'compliant'],
    ['30 days (dev config)', { retention_in_days: 30 }, 'non-compliant'],
    ['missing (provider default 30)', { retention_in_days: undefined }, 'non-compliant'],
    ['unknown until apply', { retention_in_days: '${var.retention}' }, 'unknown'],
  ])('%s', (_case, values, expected) => {
    expect(statusOf(law001, workspace(values))).toBe(expected);
  });
  test('explains the provider default', () => {
    expect(messagesOf(law001, workspace({ retention_in_days: undefined }))).toEqual(['`retention_in_days` is not set, so the provider default 30 applies; expected at least 90']);
  });
});

describe('GAI-LAW-002 local authentication', () => {
  test.each([
    ['local_authentication_enabled false', {}, 'compliant'],
    ['deprecated local_authentication_disabled true', { local_authentication_enabled: undefined, local_authentication_disabled: true }, 'compliant'],
    ['plan JSON: new name known, deprecated one unknown', { local_authentication_disabled: '${unknown-after-apply}' }, 'compliant'],
    ['local_authentication_enabled true', { local_authentication_enabled: true }, 'non-compliant'],
    ['deprecated local_authentication_disabled false', { local_authentication_enabled: undefined, local_authentication_disabled: false }, 'non-compliant'],
    ['missing (provider default: enabled)', { local_authentication_enabled: undefined }, 'non-compliant'],
    ['unknown until apply', { local_authentication_enabled: '${var.local}' }, 'unknown'],
  ])('%s', (_case, values, expected) => {
    expect(statusOf(law002, workspace(values))).toBe(expected);
  });
});

describe('GAI-LAW-003 private-only ingestion and query with AMPLS', () => {
  test.each([
    ['both off', {}, 'compliant'],
    ['ingestion on', { internet_ingestion_enabled: true }, 'non-compliant'],
    ['query missing (provider default true)', { internet_query_enabled: undefined }, 'non-compliant'],
    ['ingestion unknown', { internet_ingestion_enabled: '${var.public}' }, 'unknown'],
  ])('%s', (_case, values, expected) => {
    expect(statusOf(law003, workspace(values, [ampls]))).toBe(expected);
  });
  test('not applicable without a private link scope in the plan', () => {
    expect(statusOf(law003, workspace({ internet_ingestion_enabled: true, internet_query_enabled: true }))).toBe('not-applicable');
  });
  test('one finding per public path', () => {
    expect(messagesOf(law003, workspace({ internet_ingestion_enabled: undefined, internet_query_enabled: true }, [ampls]))).toEqual([
      '`internet_ingestion_enabled` is not set, so the provider default true applies; expected false',
      '`internet_query_enabled` is true; expected false',
    ]);
  });
});

describe('GAI-LAW-004 daily cap outside production', () => {
  test.each([
    ['5 GB cap', {}, 'compliant'],
    ['-1 (unlimited)', { daily_quota_gb: -1 }, 'non-compliant'],
    ['missing (provider default -1)', { daily_quota_gb: undefined }, 'non-compliant'],
    ['unknown until apply', { daily_quota_gb: '${var.quota}' }, 'unknown'],
  ])('%s', (_case, values, expected) => {
    expect(statusOf(law004, workspace(values), { production: false })).toBe(expected);
  });
  test('not applicable in production', () => {
    expect(statusOf(law004, workspace({ daily_quota_gb: undefined }), { production: true })).toBe('not-applicable');
  });
});

describe('GAI-LAW-005 CMK for queries with a dedicated cluster', () => {
  test.each([
    ['forced', { cmk_for_query_forced: true }, 'compliant'],
    ['not forced', { cmk_for_query_forced: false }, 'non-compliant'],
    ['missing (provider default false)', {}, 'non-compliant'],
    ['unknown until apply', { cmk_for_query_forced: '${var.cmk}' }, 'unknown'],
  ])('%s', (_case, values, expected) => {
    expect(statusOf(law005, workspace(values, [cluster]))).toBe(expected);
  });
  test('not applicable without a cluster in the plan', () => {
    expect(statusOf(law005, workspace())).toBe('not-applicable');
  });
});

describe('GAI-LAW-006 replication or a recorded DR decision in production', () => {
  const update = (body: unknown, target = 'w'): FixtureResource => ({
    type: 'azapi_update_resource', name: 'replication',
    values: { type: 'Microsoft.OperationalInsights/workspaces@2025-02-01', resource_id: `\${azurerm_log_analytics_workspace.${target}.id}`, body },
  });
  test.each([
    ['azapi update enabling replication (object body)', [update({ properties: { replication: { enabled: true, location: 'norwayeast' } } })], 'compliant'],
    ['azapi update enabling replication (JSON string body)', [update(JSON.stringify({ properties: { replication: { enabled: true, location: 'norwayeast' } } }))], 'compliant'],
    ['azapi update with replication off', [update({ properties: { replication: { enabled: false } } })], 'non-compliant'],
    ['azapi update body only known after apply', [update('${jsonencode(local.replication)}')], 'unknown'],
    ['replication of another workspace', [update({ properties: { replication: { enabled: true } } }, 'other')], 'non-compliant'],
    ['no replication', [], 'non-compliant'],
  ])('%s', (_case, extra, expected) => {
    expect(statusOf(law006, workspace({}, extra as FixtureResource[]), { production: true })).toBe(expected);
  });
  test('asks for the DR decision as a suppression', () => {
    expect(messagesOf(law006, workspace(), { production: true })[0]).toContain('a suppression recording the DR decision');
  });
  test('not applicable outside production', () => {
    expect(statusOf(law006, workspace(), { production: false })).toBe('not-applicable');
  });
});

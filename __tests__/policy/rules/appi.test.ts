import appi001 from '../../../policy/rules/appi/GAI-APPI-001';
import appi002 from '../../../policy/rules/appi/GAI-APPI-002';
import appi003 from '../../../policy/rules/appi/GAI-APPI-003';
import appi004 from '../../../policy/rules/appi/GAI-APPI-004';
import appi005 from '../../../policy/rules/appi/GAI-APPI-005';
import { parsePlan } from '../../../policy/plan';
import { ResourceGraph } from '../../../policy/graph';
import { FixtureResource, messagesOf, statusOf, Values } from '../harness';


const law = (values: Values = {}): FixtureResource => ({ type: 'azurerm_log_analytics_workspace', name: 'w', values: { name: 'log-genai', retention_in_days: 90, ...values } });
const ampls: FixtureResource = { type: 'azurerm_monitor_private_link_scope', name: 'ampls', values: { name: 'ampls-genai' } };

/** The platform's Application Insights `ai` (Monitoring construct), overridable; `undefined` removes an attribute. */
const component = (values: Values = {}, extra: FixtureResource[] = [law()]): FixtureResource[] => [
  {
    type: 'azurerm_application_insights',
    name: 'ai',
    values: Object.fromEntries(Object.entries({
      name: 'appi-genai', location: 'swedencentral', application_type: 'web', workspace_id: '${azurerm_log_analytics_workspace.w.id}',
      local_authentication_disabled: true, disable_ip_masking: false, internet_ingestion_enabled: false, internet_query_enabled: false, ...values,
    }).filter(([, v]) => v !== undefined)),
  },
  ...extra,
];

describe('GAI-APPI-001 workspace-based on the platform workspace', () => {
  test.each([
    ['platform workspace', {}, [law()], 'compliant'],
    ['classic (no workspace_id)', { workspace_id: undefined }, [law()], 'non-compliant'],
    ['workspace reference outside the plan', { workspace_id: '${data.azurerm_log_analytics_workspace.shared.id}' }, [law()], 'unknown'],
    ['points at something that is not a workspace', { workspace_id: '${azurerm_storage_account.sa.id}' }, [law(), { type: 'azurerm_storage_account', name: 'sa', values: {} }], 'non-compliant'],
    ['literal id while the plan has its own workspace', { workspace_id: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/other' }, [law()], 'non-compliant'],
    ['literal id and no workspace in the plan', { workspace_id: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/shared' }, [], 'unknown'],
    ['variable', { workspace_id: '${var.workspace_id}' }, [law()], 'unknown'],
  ])('%s', (_case, values, extra, expected) => {
    expect(statusOf(appi001, component(values, extra as FixtureResource[]))).toBe(expected);
  });

  test('plan JSON: a literal id matching the workspace of the plan', () => {
    const id = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/log-genai';
    const plan = parsePlan({ format_version: '1.2', planned_values: { root_module: { resources: [
      { address: 'azurerm_log_analytics_workspace.w', mode: 'managed', type: 'azurerm_log_analytics_workspace', name: 'w', values: { id, name: 'log-genai' } },
      { address: 'azurerm_application_insights.ai', mode: 'managed', type: 'azurerm_application_insights', name: 'ai', values: { name: 'appi', workspace_id: id } },
    ] } } }, 'plan.json');
    const graph = new ResourceGraph(plan);
    expect(appi001.check(graph.get('azurerm_application_insights.ai')!, { graph, production: false })).toEqual({ status: 'compliant' });
  });
});

describe('GAI-APPI-002 Entra ID ingestion only', () => {
  test.each([
    ['local auth disabled', {}, 'compliant'],
    ['local auth enabled', { local_authentication_disabled: false }, 'non-compliant'],
    ['missing (provider default false)', { local_authentication_disabled: undefined }, 'non-compliant'],
    ['unknown until apply', { local_authentication_disabled: '${var.local}' }, 'unknown'],
  ])('%s', (_case, values, expected) => {
    expect(statusOf(appi002, component(values))).toBe(expected);
  });
});

describe('GAI-APPI-003 private-only ingestion and query with AMPLS', () => {
  test.each([
    ['both off', {}, 'compliant'],
    ['query on', { internet_query_enabled: true }, 'non-compliant'],
    ['ingestion missing (provider default true)', { internet_ingestion_enabled: undefined }, 'non-compliant'],
    ['query unknown', { internet_query_enabled: '${var.public}' }, 'unknown'],
  ])('%s', (_case, values, expected) => {
    expect(statusOf(appi003, component(values, [law(), ampls]))).toBe(expected);
  });
  test('not applicable without a private link scope in the plan', () => {
    expect(statusOf(appi003, component({ internet_ingestion_enabled: true }))).toBe('not-applicable');
  });
});

describe('GAI-APPI-004 IP masking', () => {
  test.each([
    ['masking on', {}, 'compliant'],
    ['missing (provider default false)', { disable_ip_masking: undefined }, 'compliant'],
    ['masking disabled', { disable_ip_masking: true }, 'non-compliant'],
    ['unknown until apply', { disable_ip_masking: '${var.ip}' }, 'unknown'],
  ])('%s', (_case, values, expected) => {
    expect(statusOf(appi004, component(values))).toBe(expected);
  });
});

describe('GAI-APPI-005 bounded ingestion', () => {
  test.each([
    ['daily cap on the component', { daily_data_cap_in_gb: 10 }, [law()], 'compliant'],
    ['sampling below 100 %', { sampling_percentage: 25 }, [law()], 'compliant'],
    ['daily quota on the linked workspace', {}, [law({ daily_quota_gb: 5 })], 'compliant'],
    ['nothing bounds ingestion', {}, [law()], 'non-compliant'],
    ['100 % sampling and an unlimited workspace', { sampling_percentage: 100 }, [law({ daily_quota_gb: -1 })], 'non-compliant'],
    ['cap only known after apply', { daily_data_cap_in_gb: '${var.cap}' }, [law()], 'unknown'],
    ['workspace quota only known after apply', {}, [law({ daily_quota_gb: '${var.quota}' })], 'unknown'],
  ])('%s', (_case, values, extra, expected) => {
    expect(statusOf(appi005, component(values, extra as FixtureResource[]))).toBe(expected);
  });
  test('says what would bound it', () => {
    expect(messagesOf(appi005, component())).toEqual([
      'neither `daily_data_cap_in_gb`, `sampling_percentage` below 100, nor a `daily_quota_gb` on the linked workspace is set; expected a bound on ingestion',
    ]);
  });
});

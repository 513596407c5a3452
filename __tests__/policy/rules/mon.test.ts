import mon001 from '../../../policy/rules/mon/GAI-MON-001';
import mon002 from '../../../policy/rules/mon/GAI-MON-002';
import mon003 from '../../../policy/rules/mon/GAI-MON-003';
import { FixtureResource, messagesOf, ref, statusOf, Values } from '../harness';
import mon008 from '../../../policy/rules/mon/GAI-MON-008';
import mon009 from '../../../policy/rules/mon/GAI-MON-009';
import { parsePlan } from '../../../policy/plan';
import { ResourceGraph } from '../../../policy/graph';


const law: FixtureResource = { type: 'azurerm_log_analytics_workspace', name: 'w', values: { name: 'log-genai' } };
const resources: Record<string, FixtureResource> = {
  kv: { type: 'azurerm_key_vault', name: 'kv', values: { name: 'kv-genai' } },
  nsg: { type: 'azurerm_network_security_group', name: 'nsg', values: { name: 'nsg-genai' } },
  ng: { type: 'azurerm_nat_gateway', name: 'ng', values: { name: 'ng-genai' } },
  sa: { type: 'azurerm_storage_account', name: 'sa', values: { name: 'stgenai' } },
  cog: { type: 'azurerm_cognitive_account', name: 'cog', values: { name: 'ais-genai' } },
  amr: { type: 'azurerm_managed_redis', name: 'amr', values: { name: 'amr-genai' } },
};
const allLogs = [{ category_group: 'allLogs' }];
const allMetrics = [{ category: 'AllMetrics' }];

/** A diagnostic setting (the DiagnosticSetting construct's shape) on `target`, with the workspace and the target in the plan. */
const setting = (target: string, values: Values = {}, extra: FixtureResource[] = [law]): FixtureResource[] => [
  {
    type: 'azurerm_monitor_diagnostic_setting',
    name: 'diag',
    values: Object.fromEntries(Object.entries({
      name: 'diag-to-platform-workspace',
      target_resource_id: `\${${resources[target]?.type ?? 'azurerm_x'}.${target}.id}`,
      log_analytics_workspace_id: '${azurerm_log_analytics_workspace.w.id}',
      enabled_log: allLogs,
      enabled_metric: allMetrics,
      ...values,
    }).filter(([, v]) => v !== undefined)),
  },
  ...(resources[target] ? [resources[target]] : []),
  ...extra,
];

describe('GAI-MON-001 all logs and metrics to the platform workspace', () => {
  test.each([
    ['key vault: allLogs and AllMetrics', 'kv', {}, 'compliant'],
    ['audit category group', 'kv', { enabled_log: [{ category_group: 'audit' }] }, 'compliant'],
    ['deprecated metric block', 'kv', { enabled_metric: undefined, metric: [{ category: 'AllMetrics', enabled: true }] }, 'compliant'],
    ['individual log categories', 'kv', { enabled_log: [{ category: 'AuditEvent' }] }, 'non-compliant'],
    ['no logs for a type that has them', 'kv', { enabled_log: undefined }, 'non-compliant'],
    ['no metrics for a type that has them', 'cog', { enabled_metric: undefined }, 'non-compliant'],
    ['a disabled deprecated metric block', 'kv', { enabled_metric: undefined, metric: [{ category: 'AllMetrics', enabled: false }] }, 'non-compliant'],
    ['NSG without metrics (it has none)', 'nsg', { enabled_metric: undefined }, 'compliant'],
    ['NAT gateway without logs (it has none)', 'ng', { enabled_log: undefined }, 'compliant'],
    ['storage account root without logs (logs are on its services)', 'sa', { enabled_log: undefined }, 'compliant'],
    ['no workspace', 'kv', { log_analytics_workspace_id: undefined, storage_account_id: '${azurerm_storage_account.logs.id}' }, 'non-compliant'],
    ['category group only known after apply', 'kv', { enabled_log: [{ category_group: '${var.group}' }] }, 'unknown'],
    ['workspace only known after apply', 'kv', { log_analytics_workspace_id: '${var.workspace}' }, 'unknown'],
    ['no metrics and a target outside the plan', 'ext', { enabled_metric: undefined }, 'unknown'],
  ])('%s', (_case, target, values, expected) => {
    expect(statusOf(mon001, setting(target, values))).toBe(expected);
  });

  test('the blob service of a storage account emits logs', () => {
    const resources = setting('sa', { target_resource_id: '${azurerm_storage_account.sa.id}/blobServices/default', enabled_log: undefined });
    expect(statusOf(mon001, resources)).toBe('non-compliant');
  });

  test('managed redis: metrics on the cluster, connection logs on its database', () => {
    expect(statusOf(mon001, setting('amr', { enabled_log: undefined }))).toBe('compliant');
    expect(statusOf(mon001, setting('amr', { target_resource_id: '${azurerm_managed_redis.amr.id}/databases/default', enabled_metric: undefined }))).toBe('compliant');
    expect(statusOf(mon001, setting('amr', { target_resource_id: '${azurerm_managed_redis.amr.id}/databases/default', enabled_log: undefined }))).toBe('non-compliant');
  });

  test('names the categories it found', () => {
    expect(messagesOf(mon001, setting('kv', { enabled_log: [{ category: 'AuditEvent' }], enabled_metric: [{ category: 'Latency' }] }))).toEqual([
      '`enabled_log` lists categories "AuditEvent"; expected `category_group` "allLogs" (or "audit")',
      '`enabled_metric` lists "Latency"; expected "AllMetrics"',
    ]);
  });
});

describe('GAI-MON-002 resource-specific tables', () => {
  test.each([
    ['key vault, Dedicated', 'kv', { log_analytics_destination_type: 'Dedicated' }, 'compliant'],
    ['key vault, AzureDiagnostics', 'kv', { log_analytics_destination_type: 'AzureDiagnostics' }, 'non-compliant'],
    ['key vault, missing (AzureDiagnostics)', 'kv', {}, 'non-compliant'],
    ['key vault, unknown', 'kv', { log_analytics_destination_type: '${var.destination}' }, 'unknown'],
    ['cognitive account (AzureDiagnostics only)', 'cog', {}, 'not-applicable'],
    ['key vault, metrics only', 'kv', { enabled_log: undefined }, 'not-applicable'],
    ['target outside the plan', 'ext', {}, 'not-applicable'],
  ])('%s', (_case, target, values, expected) => {
    expect(statusOf(mon002, setting(target, values))).toBe(expected);
  });

  test('an unknown destination names the resource whose logs it decides', () => {
    expect(messagesOf(mon002, setting('kv', { log_analytics_destination_type: '${var.d}' })))
      .toEqual(['`log_analytics_destination_type` is only known after apply (${var.d}); expected "Dedicated" for azurerm_key_vault.kv']);
  });
});

describe('GAI-MON-003 metric alert hygiene', () => {
  const alert = (values: Values = {}): FixtureResource[] => [{
    type: 'azurerm_monitor_metric_alert',
    name: 'a',
    values: Object.fromEntries(Object.entries({
      name: 'alert-aoai-429', scopes: ['${azurerm_cognitive_account.cog.id}'], severity: 2, enabled: true, auto_mitigate: true,
      criteria: [{ metric_namespace: 'Microsoft.CognitiveServices/accounts', metric_name: 'AzureOpenAIRequests', aggregation: 'Total', operator: 'GreaterThan', threshold: 10 }],
      action: [{ action_group_id: '${azurerm_monitor_action_group.ag.id}' }],
      ...values,
    }).filter(([, v]) => v !== undefined)),
  }];
  test.each([
    ['complete', {}, 'compliant'],
    ['enabled and auto_mitigate missing (provider defaults true)', { enabled: undefined, auto_mitigate: undefined }, 'compliant'],
    ['single action block (cdk.tf.json object)', { action: { action_group_id: '${azurerm_monitor_action_group.ag.id}' } }, 'compliant'],
    ['disabled', { enabled: false }, 'non-compliant'],
    ['no action group', { action: undefined }, 'non-compliant'],
    ['severity not set', { severity: undefined }, 'non-compliant'],
    ['auto_mitigate off', { auto_mitigate: false }, 'non-compliant'],
    ['severity unknown', { severity: '${var.severity}' }, 'unknown'],
    ['action unknown', { action: '${var.actions}' }, 'unknown'],
  ])('%s', (_case, values, expected) => {
    expect(statusOf(mon003, alert(values))).toBe(expected);
  });
  test('one finding per problem', () => {
    expect(messagesOf(mon003, alert({ action: undefined, severity: undefined }))).toEqual([
      'no `action.action_group_id` is set, so the alert notifies nobody; expected at least one action group',
      '`severity` is not set, so the provider default 3 applies; expected an explicit severity 0-4',
    ]);
  });
});

describe('GAI-MON-008 Azure Monitor privatelink zones only with a Private Link Scope', () => {
  const zone = (name: string, resourceName = 'zone'): FixtureResource => ({ type: 'azurerm_private_dns_zone', name: resourceName, values: { name, resource_group_name: 'rg-net' } });
  const link = (zoneRef: string): FixtureResource => ({ type: 'azurerm_private_dns_zone_virtual_network_link', name: 'link', values: { name: 'link-vnet', private_dns_zone_name: zoneRef, virtual_network_id: '${azurerm_virtual_network.vnet.id}', registration_enabled: false } });
  const scope: FixtureResource = { type: 'azurerm_monitor_private_link_scope', name: 'ampls', values: { name: 'ampls-genai', ingestion_access_mode: 'PrivateOnly', query_access_mode: 'PrivateOnly' } };
  test.each([
    ['monitor zone linked, no scope (the old dev plan)', [zone('privatelink.monitor.azure.com'), link('${azurerm_private_dns_zone.zone.name}')], 'non-compliant'],
    ['ods zone linked by literal name, no scope', [zone('privatelink.ods.opinsights.azure.com'), link('privatelink.ods.opinsights.azure.com')], 'non-compliant'],
    ['agentsvc zone linked, no scope', [zone('privatelink.agentsvc.azure-automation.net'), link('${azurerm_private_dns_zone.zone.name}')], 'non-compliant'],
    ['monitor zone linked with a scope (prod)', [zone('privatelink.monitor.azure.com'), link('${azurerm_private_dns_zone.zone.name}'), scope], 'compliant'],
    ['monitor zone not linked anywhere', [zone('privatelink.monitor.azure.com')], 'compliant'],
    ['blob zone without a scope (storage needs it)', [zone('privatelink.blob.core.windows.net'), link('${azurerm_private_dns_zone.zone.name}')], 'not-applicable'],
  ] as const)('%s', (_, resources, expected) => {
    expect(statusOf(mon008, resources as unknown as FixtureResource[])).toBe(expected);
  });

  test('reads plan JSON', () => {
    const plan = parsePlan({ format_version: '1.2', planned_values: { root_module: { resources: [
      { address: 'azurerm_private_dns_zone.z', mode: 'managed', type: 'azurerm_private_dns_zone', name: 'z', values: { name: 'privatelink.oms.opinsights.azure.com' } },
      { address: 'azurerm_private_dns_zone_virtual_network_link.l', mode: 'managed', type: 'azurerm_private_dns_zone_virtual_network_link', name: 'l', values: { private_dns_zone_name: 'privatelink.oms.opinsights.azure.com' } },
    ] } } }, 'plan.json');
    const graph = new ResourceGraph(plan);
    expect(mon008.check(graph.get('azurerm_private_dns_zone.z')!, { graph, production: false })).toMatchObject({ status: 'non-compliant' });
  });
});

const r = (type: string, name: string, values: Values): FixtureResource => ({ type, name, values });
const WORKSPACE_RESOURCE = r('azurerm_log_analytics_workspace', 'law', { name: 'law-genai', sku: 'PerGB2018' });
const WORKSPACE = ref('azurerm_log_analytics_workspace.law');
const diagnosticOn = (name: string, target: string, values: Values = {}) => r('azurerm_monitor_diagnostic_setting', name, {
  name: `diag-${name}`, target_resource_id: target, log_analytics_workspace_id: WORKSPACE, enabled_log: [{ category_group: 'allLogs' }], ...values,
});

describe('GAI-MON-009 logs where they live: storage blobServices/default', () => {
  const ST = 'azurerm_storage_account.st';
  const account = r('azurerm_storage_account', 'st', { name: 'stgenai' });
  const accountLevel = diagnosticOn('account', ref(ST), { enabled_log: undefined, enabled_metric: [{ category: 'AllMetrics' }] });
  test.each([
    ['a setting on blobServices/default with allLogs', [diagnosticOn('blob', `${ref(ST)}/blobServices/default`)], 'compliant'],
    ['only the account-level setting (metrics only)', [accountLevel], 'non-compliant'],
    ['no setting at all', [], 'non-compliant'],
    ['blobServices/default with one category only', [diagnosticOn('blob', `${ref(ST)}/blobServices/default`, { enabled_log: [{ category: 'StorageWrite' }] })], 'non-compliant'],
    ['blobServices/default without logs', [diagnosticOn('blob', `${ref(ST)}/blobServices/default`, { enabled_log: undefined })], 'non-compliant'],
    ['blobServices/default to a workspace outside the plan', [diagnosticOn('blob', `${ref(ST)}/blobServices/default`, { log_analytics_workspace_id: '/subscriptions/x/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/central' })], 'non-compliant'],
    ['a queue service setting does not stand in for the blob service', [diagnosticOn('queue', `${ref(ST)}/queueServices/default`)], 'non-compliant'],
  ])('%s', (_case, extra, expected) => {
    expect(statusOf(mon009, [account, WORKSPACE_RESOURCE, accountLevel, ...extra].filter((x, i, a) => a.indexOf(x) === i), { address: ST })).toBe(expected);
  });

  test('says where the logs are', () => {
    expect(messagesOf(mon009, [account, WORKSPACE_RESOURCE, accountLevel], { address: ST })).toEqual([
      'no diagnostic setting targets `azurerm_storage_account.st.id/blobServices/default`, where its resource logs are (a setting on the resource itself carries metrics only); expected one with `enabled_log { category_group = "allLogs" }` to the platform workspace',
    ]);
  });
});

describe('GAI-MON-009 logs where they live: Managed Redis databases/default', () => {
  const AMR = 'azurerm_managed_redis.cache';
  const cache = r('azurerm_managed_redis', 'cache', { name: 'amr-genai' });
  test.each([
    ['a setting on databases/default', [diagnosticOn('db', `${ref(AMR)}/databases/default`)], 'compliant'],
    ['only a setting on the cache', [diagnosticOn('cache', ref(AMR))], 'non-compliant'],
    ['databases/default with a log group only known after apply', [diagnosticOn('db', `${ref(AMR)}/databases/default`, { enabled_log: [{ category_group: '${var.group}' }] })], 'unknown'],
  ])('%s', (_case, extra, expected) => {
    expect(statusOf(mon009, [cache, WORKSPACE_RESOURCE, ...extra], { address: AMR })).toBe(expected);
  });

  test('applies to the types the service catalog lists, and nothing else', () => {
    expect([...mon009.appliesTo].sort()).toEqual(['azurerm_managed_redis', 'azurerm_storage_account']);
  });
});

describe('GAI-MON-009 on terraform show -json plans', () => {
  const ST = 'azurerm_storage_account.st';
  const ACCOUNT_ID = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/stgenai';
  const LAW_ID = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/law-genai';
  const workspace = r('azurerm_log_analytics_workspace', 'law', { name: 'law-genai', sku: 'PerGB2018', id: LAW_ID });
  const onBlob = (target: string, workspaceId: string) => r('azurerm_monitor_diagnostic_setting', 'blob', {
    name: 'diag-blob', target_resource_id: target, log_analytics_workspace_id: workspaceId, enabled_log: [{ category_group: 'allLogs' }],
  });

  test('a new account: the target is only known after apply and plan JSON drops the path after the reference, so unknown, never failed', () => {
    const fixture = [r('azurerm_storage_account', 'st', { name: 'stgenai' }), workspace, onBlob(`${ref(ST)}/blobServices/default`, ref('azurerm_log_analytics_workspace.law'))];
    expect(statusOf(mon009, fixture, { address: ST, format: 'terraform-plan' })).toBe('unknown');
    // The same plan as cdk.tf.json keeps the path, and passes.
    expect(statusOf(mon009, fixture, { address: ST })).toBe('compliant');
  });

  test('an existing account: the literal sub-resource id is resolved', () => {
    const account = r('azurerm_storage_account', 'st', { name: 'stgenai', id: ACCOUNT_ID });
    expect(statusOf(mon009, [account, workspace, onBlob(`${ACCOUNT_ID}/blobServices/default`, LAW_ID)], { address: ST, format: 'terraform-plan' })).toBe('compliant');
    expect(statusOf(mon009, [account, workspace, onBlob(ACCOUNT_ID, LAW_ID)], { address: ST, format: 'terraform-plan' })).toBe('non-compliant');
  });
});

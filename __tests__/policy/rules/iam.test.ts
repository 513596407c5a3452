import iam001 from '../../../policy/rules/iam/GAI-IAM-001';
import iam002 from '../../../policy/rules/iam/GAI-IAM-002';
import iam003 from '../../../policy/rules/iam/GAI-IAM-003';
import iam004 from '../../../policy/rules/iam/GAI-IAM-004';
import iam005 from '../../../policy/rules/iam/GAI-IAM-005';
import iam006 from '../../../policy/rules/iam/GAI-IAM-006';
import iam007 from '../../../policy/rules/iam/GAI-IAM-007';
import { FORBIDDEN_ROLES, assignmentsNaming, assignmentsOf, principalOf, roleOf } from '../../../policy/rules/iam/_principals';
import { parsePlan } from '../../../policy/plan';
import { ResourceGraph, attribute, refersTo } from '../../../policy/graph';
import { FixtureResource, messagesOf, planOf, statusOf, Values } from '../harness';


const APP = '${azurerm_user_assigned_identity.app.principal_id}';
const identity = (name = 'app', values: Values = {}): FixtureResource => ({
  type: 'azurerm_user_assigned_identity', name, values: { name: `id-genai-dev-sdc-${name}`, location: 'swedencentral', resource_group_name: 'rg', ...values },
});

/** A role assignment `ra` to the `app` identity on key vault `kv`, plus other resources. */
const assignment = (values: Values, ...others: FixtureResource[]): FixtureResource[] => [
  {
    type: 'azurerm_role_assignment', name: 'ra',
    values: {
      role_definition_name: 'Key Vault Secrets User', principal_id: APP, principal_type: 'ServicePrincipal',
      skip_service_principal_aad_check: true, scope: '${azurerm_key_vault.kv.id}', ...values,
    },
  },
  identity(), { type: 'azurerm_key_vault', name: 'kv', values: { name: 'kv' } }, ...others,
];

describe('GAI-IAM-001 no Owner / Contributor / access administration', () => {
  test.each([
    ['data-plane role', {}, 'compliant'],
    ['Owner by name', { role_definition_name: 'Owner' }, 'non-compliant'],
    ['Contributor in another case', { role_definition_name: 'contributor' }, 'non-compliant'],
    ['User Access Administrator', { role_definition_name: 'User Access Administrator' }, 'non-compliant'],
    ['RBAC Administrator by id', { role_definition_name: undefined, role_definition_id: '/subscriptions/s/providers/Microsoft.Authorization/roleDefinitions/f58310d9-a9f6-439a-9e8d-f62e7b41a168' }, 'non-compliant'],
    ['Owner by id granted to the deployer', { role_definition_name: undefined, role_definition_id: '/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635', principal_id: '${data.azurerm_client_config.client.object_id}' }, 'non-compliant'],
    ['other role by id', { role_definition_name: undefined, role_definition_id: '/providers/Microsoft.Authorization/roleDefinitions/4633458b-17de-408a-b874-0445c86b69e6' }, 'compliant'],
    ['role from a variable', { role_definition_name: '${var.role}' }, 'unknown'],
  ])('%s', (_case, values, expected) => {
    expect(statusOf(iam001, assignment(values))).toBe(expected);
  });
  test('names the principal', () => {
    expect(messagesOf(iam001, assignment({ role_definition_name: 'Owner' }))[0]).toMatch(/"Owner" to managed identity of azurerm_user_assigned_identity\.app/);
  });
});

describe('GAI-IAM-002 scope is a resource or resource group', () => {
  test.each([
    ['reference to a resource', {}, 'compliant'],
    ['reference to a resource group', { scope: '${azurerm_resource_group.rg.id}' }, 'compliant'],
    ['data source of a resource', { scope: '${data.azurerm_key_vault.shared.id}' }, 'compliant'],
    ['literal resource id', { scope: '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv' }, 'compliant'],
    ['templated resource group id', { scope: '/subscriptions/${var.subscription}/resourceGroups/rg-genai' }, 'compliant'],
    ['tenant root', { scope: '/' }, 'non-compliant'],
    ['literal subscription', { scope: '/subscriptions/00000000-0000-0000-0000-000000000000' }, 'non-compliant'],
    ['templated subscription', { scope: '/subscriptions/${var.subscription}' }, 'non-compliant'],
    ['subscription data source', { scope: '${data.azurerm_subscription.current.id}' }, 'non-compliant'],
    ['management group', { scope: '/providers/Microsoft.Management/managementGroups/corp' }, 'non-compliant'],
    ['management group resource', { scope: '${azurerm_management_group.corp.id}' }, 'non-compliant'],
    ['variable', { scope: '${var.scope}' }, 'unknown'],
  ])('%s', (_case, values, expected) => {
    expect(statusOf(iam002, assignment(values, { type: 'azurerm_resource_group', name: 'rg', values: { name: 'rg' } }))).toBe(expected);
  });
  test('a scope known only after apply in plan JSON is a resource this plan creates', () => {
    const plan = parsePlan({
      format_version: '1.2',
      planned_values: { root_module: { resources: [{ address: 'azurerm_role_assignment.ra', mode: 'managed', type: 'azurerm_role_assignment', name: 'ra', values: { role_definition_name: 'Key Vault Secrets User' } }] } },
      resource_changes: [{ address: 'azurerm_role_assignment.ra', change: { after_unknown: { scope: true, principal_id: true } } }],
      configuration: { root_module: { resources: [{ address: 'azurerm_role_assignment.ra', expressions: { scope: { references: ['azurerm_key_vault.kv.id', 'azurerm_key_vault.kv'] } } }] } },
    }, 'plan.json');
    const graph = new ResourceGraph(plan);
    expect(iam002.check(graph.get('azurerm_role_assignment.ra')!, { graph, production: false })).toEqual({ status: 'compliant' });
  });
  test('an unknown scope without configuration references in plan JSON is still created by this plan', () => {
    const plan = parsePlan({
      format_version: '1.2',
      planned_values: { root_module: { resources: [{ address: 'azurerm_role_assignment.ra', mode: 'managed', type: 'azurerm_role_assignment', name: 'ra', values: {} }] } },
      resource_changes: [{ address: 'azurerm_role_assignment.ra', change: { after_unknown: { scope: true } } }],
    }, 'plan.json');
    const graph = new ResourceGraph(plan);
    expect(iam002.check(graph.get('azurerm_role_assignment.ra')!, { graph, production: false })).toEqual({ status: 'compliant' });
  });
});

describe('GAI-IAM-003 least-privilege data roles for workload identities', () => {
  test.each([
    ['Key Vault Secrets User', {}, 'compliant'],
    ['Cognitive Services OpenAI User', { role_definition_name: 'Cognitive Services OpenAI User' }, 'compliant'],
    ['Cognitive Services OpenAI Contributor', { role_definition_name: 'Cognitive Services OpenAI Contributor' }, 'non-compliant'],
    ['Cognitive Services Contributor by id', { role_definition_name: undefined, role_definition_id: '/providers/Microsoft.Authorization/roleDefinitions/25fbc0a9-bd7c-42a3-aa1a-3b75d497ee68' }, 'non-compliant'],
    ['Storage Blob Data Owner', { role_definition_name: 'Storage Blob Data Owner' }, 'non-compliant'],
    ['Storage Queue Data Owner (any data owner)', { role_definition_name: 'Storage Queue Data Owner' }, 'non-compliant'],
    ['Key Vault Crypto Officer to a resource identity', { role_definition_name: 'Key Vault Crypto Officer', principal_id: '${azurerm_search_service.s.identity[0].principal_id}' }, 'non-compliant'],
    ['Key Vault Crypto Officer to the deployer', { role_definition_name: 'Key Vault Crypto Officer', principal_id: '${data.azurerm_client_config.client.object_id}' }, 'not-applicable'],
    ['role to a literal principal', { role_definition_name: 'Key Vault Administrator', principal_id: '11111111-2222-3333-4444-555555555555' }, 'not-applicable'],
    ['officer role to a principal from a variable', { role_definition_name: 'Key Vault Secrets Officer', principal_id: '${var.principal}' }, 'unknown'],
    ['role from a variable', { role_definition_name: '${var.role}' }, 'unknown'],
  ])('%s', (_case, values, expected) => {
    expect(statusOf(iam003, assignment(values, { type: 'azurerm_search_service', name: 's', values: { name: 's' } }))).toBe(expected);
  });
});

describe('GAI-IAM-004 one identity per workload tier', () => {
  const grant = (name: string, principal: string, scope: string, role = 'Reader'): FixtureResource => ({
    type: 'azurerm_role_assignment', name, values: { role_definition_name: role, principal_id: principal, scope },
  });
  const resources: FixtureResource[] = [
    { type: 'azurerm_key_vault', name: 'kv', values: { name: 'kv' } },
    { type: 'azurerm_cognitive_account', name: 'aoai', values: { name: 'aoai' } },
    { type: 'azurerm_search_service', name: 'search', values: { name: 'search' } },
    { type: 'azurerm_storage_account', name: 'docs', values: { name: 'docs' } },
    { type: 'azurerm_api_management', name: 'apim', values: { name: 'apim' } },
  ];
  const kv = grant('kv', APP, '${azurerm_key_vault.kv.id}', 'Key Vault Secrets User');
  const aoai = grant('aoai', APP, '${azurerm_cognitive_account.aoai.id}', 'Cognitive Services OpenAI User');
  const search = grant('search', APP, '${azurerm_search_service.search.id}', 'Search Index Data Reader');
  const storage = grant('storage', APP, '${azurerm_storage_account.docs.id}', 'Storage Blob Data Reader');
  test.each([
    ['model tier plus Key Vault (shared)', [identity(), ...resources, kv, aoai], 'compliant'],
    ['retrieval tier only (search and storage)', [identity(), ...resources, search, storage], 'compliant'],
    ['model and retrieval tiers', [identity(), ...resources, kv, aoai, search], 'non-compliant'],
    ['gateway and model tiers', [identity(), ...resources, aoai, grant('apim', APP, '${azurerm_api_management.apim.id}')], 'non-compliant'],
    ['literal ARM ids of two tiers', [identity(), grant('a', APP, '/subscriptions/s/resourceGroups/r/providers/Microsoft.CognitiveServices/accounts/x'), grant('b', APP, '/subscriptions/s/resourceGroups/r/providers/Microsoft.Search/searchServices/y')], 'non-compliant'],
    ['a Foundry hub identity spans model and retrieval by design', [identity(), ...resources, aoai, search,
      { type: 'azurerm_ai_foundry', name: 'hub', values: { name: 'hub', identity: { type: 'UserAssigned', identity_ids: ['${azurerm_user_assigned_identity.app.id}'] } } }], 'compliant'],
    ['a search service identity reads documents and embeds with a model (integrated vectorization)', [identity(), ...resources, aoai, storage,
      { type: 'azurerm_search_service', name: 'indexer', values: { name: 'indexer', identity: { type: 'UserAssigned', identity_ids: ['${azurerm_user_assigned_identity.app.id}'] } } }], 'compliant'],
    ['a search service identity still may not hold gateway roles', [identity(), ...resources, aoai, grant('apim', APP, '${azurerm_api_management.apim.id}'),
      { type: 'azurerm_search_service', name: 'indexer', values: { name: 'indexer', identity: { type: 'UserAssigned', identity_ids: ['${azurerm_user_assigned_identity.app.id}'] } } }], 'non-compliant'],
    ['pulling its image (AcrPull) does not make an app a second tier', [identity(), ...resources, search, storage,
      { type: 'azurerm_container_registry', name: 'cr', values: { name: 'cr' } }, grant('pull', APP, '${azurerm_container_registry.cr.id}', 'AcrPull')], 'compliant'],
    ['a registry push role does', [identity(), ...resources, search,
      { type: 'azurerm_container_registry', name: 'cr', values: { name: 'cr' } }, grant('push', APP, '${azurerm_container_registry.cr.id}', 'AcrPush')], 'non-compliant'],
    ['roles of another identity do not count', [identity(), identity('other'), ...resources, aoai, grant('s', '${azurerm_user_assigned_identity.other.principal_id}', '${azurerm_search_service.search.id}')], 'compliant'],
    ['a data source of another tier', [identity(), ...resources, aoai, grant('d', APP, '${data.azurerm_search_service.shared.id}')], 'non-compliant'],
    ['a data source Key Vault (shared)', [identity(), ...resources, aoai, grant('d', APP, '${data.azurerm_key_vault.shared.id}')], 'compliant'],
    ['one tier known, one scope from a variable', [identity(), ...resources, aoai, grant('v', APP, '${var.scope}')], 'unknown'],
    ['identity without roles', [identity(), ...resources], 'not-applicable'],
  ])('%s', (_case, fixture, expected) => {
    expect(statusOf(iam004, fixture)).toBe(expected);
  });
  test('explains the tiers found', () => {
    expect(messagesOf(iam004, [identity(), ...resources, kv, aoai, search])[0])
      .toBe('the identity holds roles in 2 workload tiers (model: azurerm_cognitive_account.aoai; retrieval: azurerm_search_service.search); expected one identity per tier');
  });
});

describe('GAI-IAM-005 principal type for managed identities', () => {
  test.each([
    ['ServicePrincipal with the AAD check skipped', {}, 'compliant'],
    ['principal type missing', { principal_type: undefined }, 'non-compliant'],
    ['principal type User', { principal_type: 'User' }, 'non-compliant'],
    ['AAD check not skipped', { skip_service_principal_aad_check: undefined }, 'non-compliant'],
    ['resource identity without principal type', { principal_type: undefined, principal_id: '${azurerm_search_service.s.identity[0].principal_id}' }, 'non-compliant'],
    ['principal type from a variable', { principal_type: '${var.type}' }, 'unknown'],
    ['the deployer', { principal_type: undefined, principal_id: '${data.azurerm_client_config.client.object_id}' }, 'not-applicable'],
    ['a literal principal', { principal_type: undefined, principal_id: '11111111-2222-3333-4444-555555555555' }, 'not-applicable'],
  ])('%s', (_case, values, expected) => {
    expect(statusOf(iam005, assignment(values, { type: 'azurerm_search_service', name: 's', values: { name: 's' } }))).toBe(expected);
  });
});

describe('GAI-IAM-006 custom roles without wildcard or permission management', () => {
  const definition = (actions: unknown): FixtureResource[] => [{
    type: 'azurerm_role_definition', name: 'custom',
    values: { name: 'custom', scope: '${azurerm_resource_group.rg.id}', permissions: [{ actions, not_actions: [] }] },
  }];
  test.each([
    ['specific actions', ['Microsoft.CognitiveServices/accounts/deployments/read'], 'compliant'],
    ['wildcard', ['*'], 'non-compliant'],
    ['authorization write wildcard', ['Microsoft.Authorization/*/write'], 'non-compliant'],
    ['role assignment write', ['Microsoft.Authorization/roleAssignments/write'], 'non-compliant'],
    ['actions from a variable', '${var.actions}', 'unknown'],
  ])('%s', (_case, actions, expected) => {
    expect(statusOf(iam006, definition(actions))).toBe(expected);
  });
  test('no permissions block', () => {
    expect(statusOf(iam006, [{ type: 'azurerm_role_definition', name: 'custom', values: { name: 'custom', scope: '/' } }])).toBe('compliant');
  });
});

describe('GAI-IAM-007 identity naming and region', () => {
  test.each([
    ['CAF name in an approved region', {}, 'compliant'],
    ['name without the id- prefix', { name: 'app-identity' }, 'non-compliant'],
    ['name with illegal characters', { name: 'id-genai.app' }, 'non-compliant'],
    ['unapproved region', { location: 'chinanorth' }, 'non-compliant'],
    ['name from a variable', { name: '${var.name}' }, 'unknown'],
  ])('%s', (_case, values, expected) => {
    expect(statusOf(iam007, [identity('app', values)])).toBe(expected);
  });
});

describe('shared principal and role readings (iam/_principals)', () => {
  const plan = planOf([
    identity('app', { principal_id: 'pid-app' }),
    identity('other', { principal_id: 'pid-other', id: '/subscriptions/s/uami/other' }),
    { type: 'azurerm_search_service', name: 's', values: { identity: { type: 'SystemAssigned', principal_id: 'spid-s' } } },
    ...[
      '${azurerm_user_assigned_identity.app.principal_id}', '${azurerm_user_assigned_identity.app.id}', 'PID-APP', 'spid-s', '/SUBSCRIPTIONS/S/UAMI/OTHER',
      '${azurerm_search_service.s.identity[0].principal_id}', '${azurerm_search_service.s.identity[0].tenant_id}', '${lower(azurerm_user_assigned_identity.other.principal_id)}',
      '${data.azurerm_client_config.c.object_id}', '${azurerm_key_vault.kv.id}/${azurerm_user_assigned_identity.other.principal_id}', '${var.p}',
    ].map((principal, i): FixtureResource => ({ type: 'azurerm_role_assignment', name: `ra${i}`, values: { principal_id: principal, scope: '/subscriptions/s/rg/x', role_definition_name: 'Reader' } })),
  ]);
  const graph = new ResourceGraph(plan);
  const assignments = graph.ofType('azurerm_role_assignment');

  test.each(['declared', 'resolved'] as const)('assignmentsOf (%s) finds what a scan of every assignment finds', (reading) => {
    for (const holder of plan.resources) {
      const scanned = assignments.filter((a) => {
        const p = principalOf(graph, a, reading);
        return p.kind === 'managed-identity' && p.holder === holder;
      });
      expect(assignmentsOf(graph, holder, reading)).toEqual(scanned);
    }
    expect(assignmentsOf(graph, graph.get('azurerm_user_assigned_identity.app')!, reading).length).toBeGreaterThan(0);
  });

  test('assignmentsNaming holds every assignment that refers to a principal', () => {
    for (const holder of plan.resources) {
      const naming = assignmentsNaming(graph, holder);
      for (const a of assignments) if (refersTo(attribute(a, 'principal_id'), holder)) expect(naming).toContain(a);
    }
  });

  test('the readings differ only where the two rule families always did', () => {
    const kinds = (reading: 'declared' | 'resolved') => assignments.map((a) => {
      const p = principalOf(graph, a, reading);
      return p.kind === 'managed-identity' ? p.holder.address : p.kind;
    });
    expect(kinds('declared')).toEqual([
      'azurerm_user_assigned_identity.app', 'azurerm_user_assigned_identity.app', 'azurerm_user_assigned_identity.app', 'other', 'other',
      'azurerm_search_service.s', 'unknown', 'azurerm_user_assigned_identity.other', 'deployer', 'unknown', 'unknown',
    ]);
    expect(kinds('resolved')).toEqual([
      'azurerm_user_assigned_identity.app', 'other', 'azurerm_user_assigned_identity.app', 'azurerm_search_service.s', 'other',
      'azurerm_search_service.s', 'azurerm_search_service.s', 'azurerm_user_assigned_identity.other', 'other', 'unknown', 'unknown',
    ]);
  });

  test('roleOf: one table of built-in roles; the declared reading trims names, the resolved one keeps unmapped ids', () => {
    const role = (values: Values, reading: 'declared' | 'resolved') => roleOf(new ResourceGraph(planOf([{ type: 'azurerm_role_assignment', name: 'r', values }])).ofType('azurerm_role_assignment')[0], reading);
    const owner = `/providers/Microsoft.Authorization/roleDefinitions/${FORBIDDEN_ROLES.Owner}`;
    expect(FORBIDDEN_ROLES.Owner).toBe('8e3af657-a8ff-443c-a75c-2fe8c4bcb635');
    expect(Object.keys(FORBIDDEN_ROLES)).toEqual(['Owner', 'Contributor', 'User Access Administrator', 'Role Based Access Control Administrator']);
    expect(role({ role_definition_id: owner }, 'declared')).toEqual({ name: 'Owner', guid: FORBIDDEN_ROLES.Owner });
    expect(role({ role_definition_id: owner }, 'resolved')).toEqual({ name: 'Owner', guid: FORBIDDEN_ROLES.Owner });
    expect(role({ role_definition_name: ' Owner ' }, 'declared')).toEqual({ name: 'Owner' });
    expect(role({ role_definition_name: ' Owner ' }, 'resolved')).toEqual({ name: ' Owner ' });
    expect(role({ role_definition_id: '/x/y' }, 'resolved').name).toBe('/x/y');
    expect(role({ role_definition_id: '/x/y' }, 'declared').name).toBeUndefined();
    expect(role({ role_definition_name: '${var.r}' }, 'declared')).toEqual({ unknown: '${var.r}' });
    expect(role({}, 'declared')).toEqual({});
    expect(role({}, 'resolved').unknown).toBe('no role_definition_name or role_definition_id');
  });
});

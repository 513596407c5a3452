import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, TerraformStack } from 'cdktf';
import {
  StateStack, StateStackProps, constrainedRoleAssignmentCondition, deployerRoleAssignment,
  StateStackError, stateBootstrapFromEnv, stateStackProps,
} from '../../stacks/state-stack';
import { FORBIDDEN_ROLES } from '../../policy/rules/iam/_helpers';
import { BUILT_IN_ROLES } from '../../policy/rules/iam/_principals';
import { ReviewReport, review } from '../../policy/engine';
import { parsePlan } from '../../policy/plan';
import { MIN_REASON_LENGTH } from '../../policy/suppressions';
import { PLATFORM_ROLE_IDS } from '../../constructs/identity';
import { deployIdentityName } from '../../constructs/naming';
import { parseEnvironments } from '../../environments/schema';
import { ENVIRONMENTS } from '../../environments';
import { resourcesByKey, validInput } from '../helpers';

const RUNNER_PE = {
  subnetResourceId: '/subscriptions/00000000-0000-0000-0000-00000000c0de/resourceGroups/rg-runners/providers/Microsoft.Network/virtualNetworks/vnet-runners/subnets/snet-pe',
  privateDnsZoneResourceIds: ['/subscriptions/00000000-0000-0000-0000-00000000c0de/resourceGroups/rg-connectivity-dns/providers/Microsoft.Network/privateDnsZones/privatelink.blob.core.windows.net'],
};
const PROD_SUBSCRIPTION = '11111111-2222-3333-4444-555555555555';
const deployIdentities = ['deploy-identity-dev', 'deploy-identity-prod', 'deploy-identity-staging'];
const PROPS: StateStackProps = {
  repository: 'contoso/genai-platform',
  environments: ['dev', 'staging', { name: 'prod', subscriptionId: PROD_SUBSCRIPTION }],
  location: 'swedencentral',
  resourceGroupName: 'rg-genai-tfstate',
  storageAccountName: 'stgenaitfstate01',
  owner: 'genai-platform@contoso.com',
  costCenter: 'CC-4711',
  budget: { monthlyAmount: 50, contactEmails: ['finops@contoso.com'] },
  privateEndpoint: RUNNER_PE,
};

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'state-stack-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

let counter = 0;
/** A real App synth: suppressions live in resource metadata, which Testing.synth strips. */
function synthState(props: StateStackProps = PROPS): any {
  const outdir = path.join(tmp, `out-${counter++}`);
  const app = new App({ outdir, stackTraces: false });
  new StateStack(app, 'state', props);
  app.synth();
  return JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'state', 'cdk.tf.json'), 'utf8'));
}

const reviewOf = (json: any): ReviewReport => review([parsePlan(json, 'cdktf.out/stacks/state/cdk.tf.json')], { production: true });
const open = (report: ReviewReport) => report.findings
  .filter((f) => !f.suppressed && f.status === 'fail' && f.severity !== 'note')
  .map((f) => `${f.ruleId} ${f.address}: ${f.message}`);
const assignmentsTo = (json: any, identity: string) => Object.entries(resourcesByKey(json, 'azurerm_role_assignment'))
  .filter(([, a]) => a.principal_id === `\${azurerm_user_assigned_identity.${identity}.principal_id}`)
  .map(([, a]) => ({ role: a.role_definition_name, scope: a.scope }));

let json: any;
beforeAll(() => {
  json = synthState();
});

describe('StateStack', () => {
  test('runs with the local backend: it creates the remote state everything else uses', () => {
    // Outside cdktf.out, which every `npm run synth` replaces.
    expect(json.terraform.backend).toEqual({ local: { path: '../../../terraform.state.tfstate' } });
    expect(json.provider.azurerm[0]).toMatchObject({ storage_use_azuread: true, features: [{ storage: [{ data_plane_available: false }] }] });
  });

  test('the state account is Entra-only, private, versioned, soft-deleted, double-encrypted and geo-zone-redundant', () => {
    const account = resourcesByKey(json, 'azurerm_storage_account').account;
    expect(account).toMatchObject({
      name: 'stgenaitfstate01',
      account_kind: 'StorageV2',
      account_replication_type: 'GZRS',
      shared_access_key_enabled: false,
      default_to_oauth_authentication: true,
      local_user_enabled: false,
      sftp_enabled: false,
      allow_nested_items_to_be_public: false,
      min_tls_version: 'TLS1_2',
      https_traffic_only_enabled: true,
      public_network_access_enabled: false,
      network_rules: { default_action: 'Deny', bypass: ['None'] },
      cross_tenant_replication_enabled: false,
      infrastructure_encryption_enabled: true,
      blob_properties: {
        versioning_enabled: true,
        change_feed_enabled: true,
        delete_retention_policy: { days: 30 },
        container_delete_retention_policy: { days: 30 },
      },
      lifecycle: { prevent_destroy: true },
    });
    expect(account.network_rules.ip_rules).toBeUndefined();
    expect(Object.values(resourcesByKey(json, 'azurerm_management_lock')).map((l) => [l.scope, l.lock_level]))
      .toContainEqual(['${azurerm_storage_account.account.id}', 'CanNotDelete']);
  });

  test('the account\'s lock covers its private endpoint too (the only way CI reaches state)', () => {
    const [endpointKey] = Object.keys(resourcesByKey(json, 'azurerm_private_endpoint'));
    expect(Object.values(resourcesByKey(json, 'azurerm_management_lock')).map((l) => [l.scope, l.lock_level]))
      .toContainEqual([`\${azurerm_private_endpoint.${endpointKey}.id}`, 'CanNotDelete']);
  });

  test('CI reaches the account through a private endpoint in the runners\' network, and every blob access is logged', () => {
    const endpoint = Object.values(resourcesByKey(json, 'azurerm_private_endpoint'))[0];
    expect(endpoint).toMatchObject({
      subnet_id: RUNNER_PE.subnetResourceId,
      private_service_connection: { private_connection_resource_id: '${azurerm_storage_account.account.id}', subresource_names: ['blob'], is_manual_connection: false },
      private_dns_zone_group: { private_dns_zone_ids: RUNNER_PE.privateDnsZoneResourceIds },
    });
    const targets = Object.values(resourcesByKey(json, 'azurerm_monitor_diagnostic_setting')).map((d) => d.target_resource_id);
    expect(targets).toEqual(expect.arrayContaining(['${azurerm_storage_account.account.id}/blobServices/default', '${azurerm_log_analytics_workspace.workspace.id}']));
  });

  test('one private container per environment, created through Resource Manager', () => {
    const containers = Object.values(resourcesByKey(json, 'azurerm_storage_container'));
    expect(containers.map((c) => c.name).sort()).toEqual(['tfstate-dev', 'tfstate-prod', 'tfstate-staging']);
    for (const c of containers) expect(c).toMatchObject({ storage_account_id: '${azurerm_storage_account.account.id}', container_access_type: 'private' });
  });

  test('a read-only plan identity and one deploy identity per environment, CAF-named and findable by name', () => {
    const names = Object.fromEntries(Object.entries(resourcesByKey(json, 'azurerm_user_assigned_identity')).map(([k, v]) => [k, v.name]));
    expect(names).toEqual({
      'plan-identity': 'id-genai-ci-plan',
      'deploy-identity-dev': 'id-genai-dev-deploy',
      'deploy-identity-staging': 'id-genai-staging-deploy',
      'deploy-identity-prod': 'id-genai-prod-deploy',
    });
    expect(deployIdentityName('genai', 'prod')).toBe('id-genai-prod-deploy');
  });

  test('federated credentials: GitHub issuer and audience; deploy per GitHub environment, plan for pull requests and main, one write at a time', () => {
    const credentials = Object.values(resourcesByKey(json, 'azurerm_federated_identity_credential'));
    for (const c of credentials) {
      expect(c.issuer).toBe('https://token.actions.githubusercontent.com');
      expect(c.audience).toEqual(['api://AzureADTokenExchange']);
    }
    const subjects = Object.fromEntries(credentials.map((c) => [c.subject, c.parent_id]));
    expect(subjects).toEqual({
      'repo:contoso/genai-platform:environment:dev': '${azurerm_user_assigned_identity.deploy-identity-dev.id}',
      'repo:contoso/genai-platform:environment:staging': '${azurerm_user_assigned_identity.deploy-identity-staging.id}',
      'repo:contoso/genai-platform:environment:prod': '${azurerm_user_assigned_identity.deploy-identity-prod.id}',
      'repo:contoso/genai-platform:pull_request': '${azurerm_user_assigned_identity.plan-identity.id}',
      'repo:contoso/genai-platform:ref:refs/heads/main': '${azurerm_user_assigned_identity.plan-identity.id}',
    });
    // Entra ID refuses concurrent federated credential writes on one identity.
    expect(resourcesByKey(json, 'azurerm_federated_identity_credential')['plan-identity-branch-main'].depends_on)
      .toEqual(['azurerm_federated_identity_credential.plan-identity-pull-request']);
  });

  test('the plan identity reads: Reader and Key Vault Reader per subscription, Storage Blob Data Reader on state', () => {
    expect(assignmentsTo(json, 'plan-identity')).toEqual(expect.arrayContaining([
      { role: 'Reader', scope: '${data.azurerm_subscription.current.id}' },
      { role: 'Key Vault Reader', scope: '${data.azurerm_subscription.current.id}' },
      { role: 'Reader', scope: `/subscriptions/${PROD_SUBSCRIPTION}` },
      { role: 'Key Vault Reader', scope: `/subscriptions/${PROD_SUBSCRIPTION}` },
      { role: 'Storage Blob Data Reader', scope: '${azurerm_storage_account.account.id}' },
      // The platform stacks look the deploy identities up by name (Key Vault Crypto Officer): read them, and nothing else here.
      ...deployIdentities.map((d) => ({ role: 'Reader', scope: `\${azurerm_user_assigned_identity.${d}.id}` })),
    ]));
    expect(assignmentsTo(json, 'plan-identity')).toHaveLength(5 + deployIdentities.length);
  });

  test('each deploy identity: Contributor and conditioned RBAC Administrator on its subscription, blob writes on its own container only', () => {
    expect(assignmentsTo(json, 'deploy-identity-prod')).toEqual([
      { role: 'Contributor', scope: `/subscriptions/${PROD_SUBSCRIPTION}` },
      { role: 'Reader', scope: '${azurerm_user_assigned_identity.deploy-identity-prod.id}' },
      { role: 'Role Based Access Control Administrator', scope: `/subscriptions/${PROD_SUBSCRIPTION}` },
      { role: 'Storage Blob Data Contributor', scope: '${azurerm_storage_container.container-prod.id}' },
    ]);
    expect(assignmentsTo(json, 'deploy-identity-dev')).toContainEqual({ role: 'Contributor', scope: '${data.azurerm_subscription.current.id}' });
    const rbac = resourcesByKey(json, 'azurerm_role_assignment')['deploy-rbac-admin-prod'];
    expect(rbac.condition_version).toBe('2.0');
    expect(rbac.condition).toBe(constrainedRoleAssignmentCondition(Object.values(PLATFORM_ROLE_IDS)));
    for (const a of Object.values(resourcesByKey(json, 'azurerm_role_assignment'))) {
      expect({ principal_type: a.principal_type, skip: a.skip_service_principal_aad_check }).toEqual({ principal_type: 'ServicePrincipal', skip: true });
    }
  });

  test('a budget on the state resource group and the platform tags on every taggable resource', () => {
    const budget = Object.values(resourcesByKey(json, 'azurerm_consumption_budget_resource_group'))[0];
    expect(budget).toMatchObject({ resource_group_id: '${azurerm_resource_group.resource-group.id}', amount: 50, time_grain: 'Monthly' });
    expect(budget.notification.map((n: any) => n.threshold)).toEqual([50, 80, 100, 110]);
    expect(resourcesByKey(json, 'azurerm_resource_group')['resource-group'].tags).toEqual({
      environment: 'shared', 'environment-tier': 'production', workload: 'genai', owner: 'genai-platform@contoso.com',
      'cost-center': 'CC-4711', 'data-classification': 'confidential', purpose: 'terraform-state',
    });
  });

  test('outputs the identifiers GitHub needs as variables (no secret exists)', () => {
    expect(json.output.github_variables.value).toEqual({
      ARM_CLIENT_ID_PLAN: '${azurerm_user_assigned_identity.plan-identity.client_id}',
      ARM_TENANT_ID: '${azurerm_user_assigned_identity.plan-identity.tenant_id}',
      ARM_CLIENT_ID: {
        dev: '${azurerm_user_assigned_identity.deploy-identity-dev.client_id}',
        staging: '${azurerm_user_assigned_identity.deploy-identity-staging.client_id}',
        prod: '${azurerm_user_assigned_identity.deploy-identity-prod.client_id}',
      },
      ARM_SUBSCRIPTION_ID: { dev: '${data.azurerm_subscription.current.subscription_id}', staging: '${data.azurerm_subscription.current.subscription_id}', prod: PROD_SUBSCRIPTION },
    });
  });
});

describe('policy review of the state stack', () => {
  test('reviews clean as production: no unsuppressed error or warning', () => {
    expect(open(reviewOf(json))).toEqual([]);
  });

  test('every suppression has a reason, and they are exactly the deliberate exceptions', () => {
    const suppressed = reviewOf(json).findings.filter((f) => f.suppressed);
    for (const f of suppressed) expect((f.reason ?? '').trim().length).toBeGreaterThanOrEqual(MIN_REASON_LENGTH);
    const byRule = (id: string) => suppressed.filter((f) => f.ruleId === id).map((f) => f.address.replace(/^azurerm_[a-z_]+\./, '')).sort();
    expect(byRule('GAI-IAM-001')).toEqual(['deploy-contributor-dev', 'deploy-contributor-prod', 'deploy-contributor-staging', 'deploy-rbac-admin-dev', 'deploy-rbac-admin-prod', 'deploy-rbac-admin-staging']);
    expect(byRule('GAI-IAM-008')).toEqual(byRule('GAI-IAM-001'));
    expect(byRule('GAI-IAM-002')).toEqual([...byRule('GAI-IAM-001'), 'plan-key-vault-reader', 'plan-key-vault-reader-11111111', 'plan-reader', 'plan-reader-11111111'].sort());
    expect(new Set(suppressed.map((f) => f.ruleId))).toEqual(new Set(['GAI-IAM-001', 'GAI-IAM-002', 'GAI-IAM-008', 'GAI-ST-010', 'GAI-LAW-006']));
  });

  test('a public path for listed runner ranges is flagged unless its reason is recorded in the plan', () => {
    const ranges = ['203.0.113.0/28', '198.51.100.7'];
    const reason = 'hosted runners until the runner VNet is peered';
    const withRanges = synthState({ ...PROPS, allowedIpRanges: ranges, publicAccessReason: reason });
    const account = resourcesByKey(withRanges, 'azurerm_storage_account').account;
    expect(account).toMatchObject({ public_network_access_enabled: true, network_rules: { default_action: 'Deny', bypass: ['None'], ip_rules: ranges } });
    const report = reviewOf(withRanges);
    expect(open(report)).toEqual([]);
    expect(report.findings.filter((f) => f.suppressed && ['GAI-ST-004', 'GAI-PE-005'].includes(f.ruleId)).map((f) => [f.ruleId, f.reason])).toEqual([
      ['GAI-PE-005', `state account public path for ${ranges.join(', ')} (firewall default Deny): ${reason}`],
      ['GAI-ST-004', `state account public path for ${ranges.join(', ')} (firewall default Deny): ${reason}`],
    ]);
  });

  test('ranges alone (no private endpoint) are a legal, flagged path', () => {
    const report = reviewOf(synthState({ ...PROPS, privateEndpoint: undefined, allowedIpRanges: ['203.0.113.0/28'], publicAccessReason: 'no runner VNet in this tenant yet' }));
    expect(open(report)).toEqual([]);
    expect(report.findings.filter((f) => f.suppressed).map((f) => f.ruleId)).toContain('GAI-ST-004');
  });
});

describe('StateStack validation', () => {
  const build = (overrides: Partial<StateStackProps>) => () => new StateStack(new App({ outdir: path.join(tmp, 'unused') }), 'state', { ...PROPS, ...overrides });

  test('reports every problem at once', () => {
    expect(build({ repository: 'genai-platform', location: 'mars', environments: ['dev', 'dev'], owner: 'nobody' })).toThrow(
      /4 problems[\s\S]*repository must be 'owner\/name'[\s\S]*location 'mars' is not an allowed region[\s\S]*environment 'dev' is listed twice[\s\S]*owner must be an email/,
    );
  });

  test('CI needs a path to the state: a private endpoint or listed ranges', () => {
    expect(build({ privateEndpoint: undefined })).toThrow(/CI cannot reach the state account: give privateEndpoint/);
  });

  test('a public path needs a reason', () => {
    expect(build({ allowedIpRanges: ['203.0.113.0/28'] })).toThrow(/a public path to the state account needs publicAccessReason/);
    expect(build({ publicNetworkAccessEnabled: true })).toThrow(/needs publicAccessReason/);
  });

  test('ranges must be public, /30 or wider, and need public access', () => {
    const reason = { publicAccessReason: 'hosted runners for now' };
    expect(build({ ...reason, allowedIpRanges: ['10.0.0.0/24'] })).toThrow(/'10.0.0.0\/24' includes non-public addresses/);
    expect(build({ ...reason, allowedIpRanges: ['203.0.113.7/32'] })).toThrow(/takes \/30 or wider; write a single address/);
    expect(build({ ...reason, allowedIpRanges: ['192.168.1.1'] })).toThrow(/'192.168.1.1' is not a public address/);
    expect(build({ ...reason, allowedIpRanges: ['203.0.113.0/28'], publicNetworkAccessEnabled: false })).toThrow(/allowedIpRanges only take effect with public network access/);
  });

  test('containers are unique per environment', () => {
    expect(build({ environments: [{ name: 'dev', containerName: 'tfstate' }, { name: 'prod', containerName: 'tfstate' }] }))
      .toThrow(/container 'tfstate' is used by two environments/);
  });

  test('names are checked against the Azure rules', () => {
    expect(build({ storageAccountName: 'st-genai-tfstate' })).toThrow(/storageAccountName: /);
  });
});

describe('deployerRoleAssignment', () => {
  test('refuses Role Based Access Control Administrator without a condition', () => {
    const stack = new TerraformStack(new App({ outdir: path.join(tmp, 'unused') }), 's');
    expect(() => deployerRoleAssignment(stack, 'x', {
      principalId: 'p', role: 'Role Based Access Control Administrator', subscriptionResourceId: '/subscriptions/x', reason: 'a reason that is long', description: 'd',
    })).toThrow(/needs a condition restricting the roles it may assign/);
  });

  test('needs a reason (through suppress)', () => {
    const stack = new TerraformStack(new App({ outdir: path.join(tmp, 'unused') }), 's');
    expect(() => deployerRoleAssignment(stack, 'x', {
      principalId: 'p', role: 'Reader', subscriptionResourceId: '/subscriptions/x', reason: 'short', description: 'd',
    })).toThrow(/needs a reason of at least 10 characters/);
  });
});

describe('PLATFORM_ROLE_IDS', () => {
  test('are distinct built-in role GUIDs, none of them a privileged role', () => {
    const ids = Object.values(PLATFORM_ROLE_IDS);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(ids.length);
    for (const forbidden of Object.values(FORBIDDEN_ROLES)) expect(ids).not.toContain(forbidden);
  });

  test('agree with the policy engine\'s table of built-in roles', () => {
    for (const [guid, name] of Object.entries(BUILT_IN_ROLES)) {
      if (name in PLATFORM_ROLE_IDS) expect([name, PLATFORM_ROLE_IDS[name as keyof typeof PLATFORM_ROLE_IDS]]).toEqual([name, guid]);
    }
  });

  test('the condition constrains both creating and deleting assignments', () => {
    const condition = constrainedRoleAssignmentCondition(['B', 'a']);
    expect(condition).toContain("!(ActionMatches{'Microsoft.Authorization/roleAssignments/write'})");
    expect(condition).toContain('@Request[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals {a, b}');
    expect(condition).toContain("!(ActionMatches{'Microsoft.Authorization/roleAssignments/delete'})");
    expect(condition).toContain('@Resource[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals {a, b}');
  });
});

describe('stateStackProps (from the environment configs)', () => {
  test('takes the account from the azurerm configs and one container per remote environment', () => {
    const props = stateStackProps(parseEnvironments(ENVIRONMENTS), { repository: 'contoso/genai-platform', privateEndpoint: RUNNER_PE });
    const remote = parseEnvironments(ENVIRONMENTS).filter((c) => c.state.backend === 'azurerm');
    expect(props).toMatchObject({
      repository: 'contoso/genai-platform',
      resourceGroupName: 'rg-genai-tfstate',
      storageAccountName: 'stgenaitfstate01',
      location: 'swedencentral',
      owner: 'genai-platform@contoso.com',
      dataClassification: 'confidential',
      budget: { monthlyAmount: 50 },
    });
    expect(props.environments).toEqual(remote.map((c) => ({ name: c.name, containerName: (c.state as { containerName: string }).containerName, subscriptionId: c.subscriptionId })));
    expect(() => synthState(props)).not.toThrow();
  });

  test('refuses environments that disagree on the state account, or none on azurerm', () => {
    const state = (account: string) => ({ backend: 'azurerm', resourceGroupName: 'rg-genai-tfstate', storageAccountName: account, containerName: 'tfstate-x' });
    const configs = parseEnvironments([
      validInput({ state: state('stgenaitfstate01') }),
      validInput({ name: 'test', network: { addressSpace: '10.50.0.0/22' }, state: { ...state('stother01'), containerName: 'tfstate-test' } }),
    ]);
    expect(() => stateStackProps(configs, { repository: 'o/r' })).toThrow(/name different state accounts \(rg-genai-tfstate\/stgenaitfstate01, rg-genai-tfstate\/stother01\)/);
    expect(() => stateStackProps(parseEnvironments([validInput()]), { repository: 'o/r' })).toThrow(/no environment uses the 'azurerm' state backend/);
  });
});

describe('stateBootstrapFromEnv', () => {
  test('off without STATE_REPOSITORY', () => {
    expect(stateBootstrapFromEnv({})).toBeUndefined();
  });

  test('reads the repository, the private endpoint and the ranges', () => {
    expect(stateBootstrapFromEnv({
      STATE_REPOSITORY: 'contoso/genai-platform',
      STATE_PE_SUBNET_ID: RUNNER_PE.subnetResourceId,
      STATE_PE_DNS_ZONE_ID: RUNNER_PE.privateDnsZoneResourceIds[0],
      STATE_ALLOWED_IP_RANGES: '203.0.113.0/28, 198.51.100.7',
      STATE_PUBLIC_ACCESS_REASON: 'administrators bootstrap from the office',
    })).toEqual({
      repository: 'contoso/genai-platform',
      privateEndpoint: RUNNER_PE,
      allowedIpRanges: ['203.0.113.0/28', '198.51.100.7'],
      publicAccessReason: 'administrators bootstrap from the office',
      mainBranch: undefined,
    });
  });

  test('a private endpoint needs both the subnet and the zone', () => {
    expect(() => stateBootstrapFromEnv({ STATE_REPOSITORY: 'o/r', STATE_PE_SUBNET_ID: RUNNER_PE.subnetResourceId })).toThrow(/go together/);
  });

  test('names the variables to set, every problem at once (not the code\'s property names)', () => {
    expect(() => stateBootstrapFromEnv({ STATE_REPOSITORY: 'genai-platform' })).toThrow(new StateStackError([
      'Invalid state bootstrap variables (2 problems):',
      "  - STATE_REPOSITORY must be 'owner/name' as GitHub spells it, got 'genai-platform'",
      "  - CI cannot reach the state account: set STATE_PE_SUBNET_ID and STATE_PE_DNS_ZONE_ID (a private endpoint in the runners' network), or STATE_ALLOWED_IP_RANGES with STATE_PUBLIC_ACCESS_REASON",
    ].join('\n')));
    expect(() => stateBootstrapFromEnv({ STATE_REPOSITORY: 'o/r', STATE_ALLOWED_IP_RANGES: '203.0.113.0/28' }))
      .toThrow(/STATE_ALLOWED_IP_RANGES opens a public path to the state account: set STATE_PUBLIC_ACCESS_REASON \(at least 10 characters\)/);
  });
});

import { TerraformOutput, TerraformStack, TerraformVariable } from 'cdktf';
import { LogAnalyticsWorkspace } from '@cdktf/provider-azurerm/lib/log-analytics-workspace';
import { PrivateDnsZone } from '@cdktf/provider-azurerm/lib/private-dns-zone';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { Subnet } from '@cdktf/provider-azurerm/lib/subnet';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network';
import { ModelAccount, ModelAccountProps, ModelDeploymentSpec } from '../../constructs/ai-models';
import { COGNITIVE_DEPLOYMENT_TYPE } from '../../constructs/azapi/models';
import { AzapiProvider } from '../../constructs/azapi';
import { ManagedIdentity } from '../../constructs/identity';
import { DiagnosticSetting } from '../../constructs/monitoring/diagnostic-setting';
import { review } from '../../policy/engine';
import { parsePlan } from '../../policy/plan';
import { SynthJson, keyOf, onlyResource, refOf, resourcesOf, synth, testStack } from '../helpers';
import { expectEndpointLocked, lockOn } from './locks';
import rai006 from '../../policy/rules/rai/GAI-RAI-006';
import { ResourceGraph } from '../../policy/graph';

const ZONE = (zone: string) => `/subscriptions/0000/resourceGroups/rg-hub-dns/providers/Microsoft.Network/privateDnsZones/${zone}`;
const AI_ZONES = ['privatelink.cognitiveservices.azure.com', 'privatelink.openai.azure.com', 'privatelink.services.ai.azure.com'];
const CMK_IDENTITY_ID = '/subscriptions/0000/resourceGroups/rg-sec/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-cmk';
const KEY_ID = 'https://kv-genai-test.vault.azure.net/keys/cmk-ai';

const PAYG_41: ModelDeploymentSpec = { name: 'gpt-4.1', model: 'gpt-4.1', version: '2025-04-14', sku: 'DataZoneStandard', capacity: 100 };
const PTU_41: ModelDeploymentSpec = {
  name: 'gpt-4.1-ptu', model: 'gpt-4.1', version: '2025-04-14', sku: 'DataZoneProvisionedManaged', capacity: 15, spilloverDeployment: 'gpt-4.1',
};
const MINI: ModelDeploymentSpec = { name: 'gpt-4.1-mini', model: 'gpt-4.1-mini', version: '2025-04-14', sku: 'DataZoneStandard', capacity: 50 };
const EMBEDDINGS: ModelDeploymentSpec = { name: 'text-embedding-3-large', model: 'text-embedding-3-large', version: '1', sku: 'Standard', capacity: 50 };

const baseProps: ModelAccountProps = {
  name: 'ais-genai-test-sdc-primary',
  location: 'swedencentral',
  resourceGroupName: 'rg-genai-test-sdc-ai',
  customerManagedKey: { keyVaultKeyResourceId: KEY_ID, identity: { resourceId: CMK_IDENTITY_ID, clientId: '11111111-2222-3333-4444-555555555555' } },
  privateEndpoint: {
    name: 'pe-genai-test-sdc-ais-primary',
    subnetResourceId: '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/pe',
    privateDnsZoneResourceIds: AI_ZONES.map(ZONE),
  },
  diagnostics: { logAnalyticsWorkspaceResourceId: '/workspaces/log-genai-test-sdc' },
  deployments: [PAYG_41, MINI, EMBEDDINGS],
};

/** A stack (with the azapi provider spillover needs) holding one model account built from `baseProps` with `overrides`. */
function modelStack(overrides: Partial<ModelAccountProps> = {}): { stack: TerraformStack; account: ModelAccount } {
  const stack = testStack();
  new AzapiProvider(stack, 'azapi');
  const account = new ModelAccount(stack, 'models', { ...baseProps, ...overrides });
  return { stack, account };
}

const synthOf = (overrides: Partial<ModelAccountProps> = {}): SynthJson => synth(modelStack(overrides).stack);

const accountRef = (json: SynthJson, attribute = 'id') => refOf(json, 'azurerm_cognitive_account', attribute);
const deploymentAddress = (json: SynthJson, name: string) => `azurerm_cognitive_deployment.${keyOf(json, 'azurerm_cognitive_deployment', name)}`;

function deployment(json: SynthJson, name: string): Record<string, any> {
  return json.resource.azurerm_cognitive_deployment[keyOf(json, 'azurerm_cognitive_deployment', name)];
}

/** Synthesizes `stack` with each of `tokens` as an output, and returns the JSON and what each token became. */
function resolved(stack: TerraformStack, tokens: Record<string, string>): { json: SynthJson; values: Record<string, unknown> } {
  for (const [name, token] of Object.entries(tokens)) new TerraformOutput(stack, name, { value: token });
  const json = synth(stack);
  return { json, values: Object.fromEntries(Object.keys(tokens).map((name) => [name, json.output?.[name]?.value])) };
}

const build = (overrides: Partial<ModelAccountProps>) => () => modelStack(overrides);

describe('ModelAccount', () => {
  describe('account', () => {
    test('an AIServices (Foundry) account on S0 whose custom subdomain is its name', () => {
      const account = onlyResource(synthOf(), 'azurerm_cognitive_account');
      expect(account).toMatchObject({
        name: 'ais-genai-test-sdc-primary',
        location: 'swedencentral',
        resource_group_name: 'rg-genai-test-sdc-ai',
        kind: 'AIServices',
        sku_name: 'S0',
        custom_subdomain_name: 'ais-genai-test-sdc-primary',
      });
    });

    test('an OpenAI account when asked', () => {
      expect(onlyResource(synthOf({ kind: 'OpenAI' }), 'azurerm_cognitive_account').kind).toBe('OpenAI');
    });

    test('keyless and private: local auth off, public access off, network ACLs deny without a bypass', () => {
      const account = onlyResource(synthOf(), 'azurerm_cognitive_account');
      expect(account.local_auth_enabled).toBe(false);
      expect(account.public_network_access_enabled).toBe(false);
      expect(account.network_acls).toEqual({ default_action: 'Deny', bypass: 'None' });
    });

    test('trusted Azure services pass the ACLs only when enabled', () => {
      const account = onlyResource(synthOf({ trustedServicesBypassEnabled: true }), 'azurerm_cognitive_account');
      expect(account.network_acls).toEqual({ default_action: 'Deny', bypass: 'AzureServices' });
      expect(onlyResource(synthOf({ trustedServicesBypassEnabled: false }), 'azurerm_cognitive_account').network_acls.bypass).toBe('None');
    });

    test('outbound access is restricted to an empty allowlist by default', () => {
      const account = onlyResource(synthOf(), 'azurerm_cognitive_account');
      expect(account.outbound_network_access_restricted).toBe(true);
      expect(account.fqdns).toEqual([]);
    });

    test('outbound access is restricted to the given host names', () => {
      const fqdns = ['stgenaitestsdcdocs.blob.core.windows.net', 'srch-genai-test-sdc.search.windows.net'];
      const account = onlyResource(synthOf({ allowedOutboundFqdns: fqdns }), 'azurerm_cognitive_account');
      expect(account.outbound_network_access_restricted).toBe(true);
      expect(account.fqdns).toEqual(fqdns);
    });

    test('encrypted with the customer-managed key through the user-assigned CMK identity', () => {
      const account = onlyResource(synthOf(), 'azurerm_cognitive_account');
      expect(account.identity).toEqual({ type: 'UserAssigned', identity_ids: [CMK_IDENTITY_ID] });
      expect(account.customer_managed_key).toEqual({ key_vault_key_id: KEY_ID, identity_client_id: '11111111-2222-3333-4444-555555555555' });
      expect(account).not.toHaveProperty('depends_on');
    });

    test('waits for the key access grant when given', () => {
      const stack = testStack();
      new AzapiProvider(stack, 'azapi');
      const grant = new RoleAssignment(stack, 'cmk-grant', {
        scope: '/subscriptions/0000/resourceGroups/rg-sec/providers/Microsoft.KeyVault/vaults/kv', roleDefinitionName: 'Key Vault Crypto Service Encryption User', principalId: 'p',
      });
      new ModelAccount(stack, 'models', { ...baseProps, customerManagedKey: { ...baseProps.customerManagedKey, accessGrant: grant } });
      const json = synth(stack);
      const grantKey = Object.keys(json.resource.azurerm_role_assignment).find((k) => k.startsWith('cmk-grant'));
      expect(onlyResource(json, 'azurerm_cognitive_account').depends_on).toEqual([`azurerm_role_assignment.${grantKey}`]);
    });
  });

  describe('private endpoint', () => {
    test('sub-resource account, in the three AI zones, in the account\'s region by default', () => {
      const json = synthOf();
      const endpoint = onlyResource(json, 'azurerm_private_endpoint');
      expect(endpoint).toMatchObject({
        name: 'pe-genai-test-sdc-ais-primary',
        location: 'swedencentral',
        resource_group_name: 'rg-genai-test-sdc-ai',
        subnet_id: baseProps.privateEndpoint.subnetResourceId,
        private_service_connection: { private_connection_resource_id: accountRef(json), subresource_names: ['account'], is_manual_connection: false },
        private_dns_zone_group: { private_dns_zone_ids: AI_ZONES.map(ZONE) },
      });
    });

    test('a failover account\'s endpoint stays in the platform VNet\'s region', () => {
      const json = synthOf({ location: 'germanywestcentral', privateEndpoint: { ...baseProps.privateEndpoint, location: 'swedencentral' } });
      expect(onlyResource(json, 'azurerm_cognitive_account').location).toBe('germanywestcentral');
      expect(onlyResource(json, 'azurerm_private_endpoint').location).toBe('swedencentral');
    });
  });

  describe('diagnostics', () => {
    test('all logs and all metrics of the account to the workspace', () => {
      const json = synthOf();
      expect(onlyResource(json, 'azurerm_monitor_diagnostic_setting')).toMatchObject({
        target_resource_id: accountRef(json),
        log_analytics_workspace_id: '/workspaces/log-genai-test-sdc',
        enabled_log: [{ category_group: 'allLogs' }],
        enabled_metric: [{ category: 'AllMetrics' }],
      });
    });
  });

  describe('content filter (RAI policy)', () => {
    // The order Azure returns them in (spec example GetRaiPolicy.json): ignore_changes addresses filters by position.
    const HARMS = ['Hate', 'Sexual', 'Selfharm', 'Violence'];
    const harmFilters = (threshold: string) => HARMS.flatMap((name) => ['Prompt', 'Completion'].map((source) => ({
      name, source, filter_enabled: true, block_enabled: true, severity_threshold: threshold,
    })));

    test('platform-strict, on the account, based on Microsoft.DefaultV2, blocking', () => {
      const json = synthOf();
      expect(onlyResource(json, 'azurerm_cognitive_account_rai_policy')).toMatchObject({
        name: 'platform-strict',
        cognitive_account_id: accountRef(json),
        base_policy_name: 'Microsoft.DefaultV2',
        mode: 'Blocking',
      });
    });

    test('blocks the four harm categories on prompts and completions from Low severity by default', () => {
      const filters: Record<string, unknown>[] = onlyResource(synthOf(), 'azurerm_cognitive_account_rai_policy').content_filter;
      expect(filters).toHaveLength(12);
      expect(filters.slice(0, 8)).toEqual(harmFilters('Low'));
    });

    test('blocks from Medium severity when configured', () => {
      const filters: Record<string, unknown>[] = onlyResource(synthOf({ contentFilterThreshold: 'Medium' }), 'azurerm_cognitive_account_rai_policy').content_filter;
      expect(filters.slice(0, 8)).toEqual(harmFilters('Medium'));
    });

    test.each(['Low', 'Medium'] as const)('prompt shields and protected material are always enabled and blocking (threshold %s)', (threshold) => {
      const filters: Record<string, any>[] = onlyResource(synthOf({ contentFilterThreshold: threshold }), 'azurerm_cognitive_account_rai_policy').content_filter;
      const shields = filters.slice(8);
      expect(shields.map((f) => [f.name, f.source])).toEqual([
        ['Jailbreak', 'Prompt'],
        ['Indirect Attack', 'Prompt'],
        ['Protected Material Text', 'Completion'],
        ['Protected Material Code', 'Completion'],
      ]);
      for (const shield of shields) expect(shield).toMatchObject({ filter_enabled: true, block_enabled: true });
    });

    test('ignores the read-back of the shields\' placeholder thresholds, which Azure returns empty (GAI-RAI-006)', () => {
      const policy: Record<string, any> = onlyResource(synthOf(), 'azurerm_cognitive_account_rai_policy');
      const shieldIndices = policy.content_filter.map((f: Record<string, any>, i: number) => (['Jailbreak', 'Indirect Attack', 'Protected Material Text', 'Protected Material Code'].includes(f.name) ? i : -1)).filter((i: number) => i >= 0);
      expect(policy.lifecycle.ignore_changes).toEqual(shieldIndices.map((i: number) => `content_filter[${i}].severity_threshold`));
      // The harm categories' thresholds stay under management.
      expect(policy.lifecycle.ignore_changes.join()).not.toMatch(/content_filter\[[0-7]\]/);
      expect(rai006.check(parsePlan({ resource: { azurerm_cognitive_account_rai_policy: { p: policy } } }, 't').resources[0], { graph: new ResourceGraph(parsePlan({ resource: {} }, 't')), production: false }))
        .toEqual({ status: 'compliant' });
    });

    test('exposes the policy name', () => {
      const { stack, account } = modelStack();
      const { json, values } = resolved(stack, { policy: account.contentFilterName });
      expect(values.policy).toBe(refOf(json, 'azurerm_cognitive_account_rai_policy', 'name'));
    });
  });

  describe('deployments', () => {
    test('one per spec, on the account, with the model, SKU and capacity', () => {
      const json = synthOf();
      expect(resourcesOf(json, 'azurerm_cognitive_deployment')).toHaveLength(3);
      expect(deployment(json, 'gpt-4.1')).toMatchObject({
        cognitive_account_id: accountRef(json),
        model: { format: 'OpenAI', name: 'gpt-4.1', version: '2025-04-14' },
        sku: { name: 'DataZoneStandard', capacity: 100 },
      });
      expect(deployment(json, 'text-embedding-3-large')).toMatchObject({
        model: { format: 'OpenAI', name: 'text-embedding-3-large', version: '1' },
        sku: { name: 'Standard', capacity: 50 },
      });
    });

    test('every deployment uses the platform content filter', () => {
      const json = synthOf({ deployments: [PTU_41, PAYG_41, MINI, EMBEDDINGS] });
      const policyName = refOf(json, 'azurerm_cognitive_account_rai_policy', 'name');
      const all = resourcesOf(json, 'azurerm_cognitive_deployment');
      expect(all).toHaveLength(4);
      for (const d of all) expect(d.rai_policy_name).toBe(policyName);
    });

    test('version upgrades wait until the current version expires by default', () => {
      for (const d of resourcesOf(synthOf(), 'azurerm_cognitive_deployment')) expect(d.version_upgrade_option).toBe('OnceCurrentVersionExpired');
    });

    test('a deployment\'s format and version upgrade option can be set', () => {
      const json = synthOf({ deployments: [{ ...MINI, versionUpgradeOption: 'NoAutoUpgrade', format: 'OpenAI-Custom' }] });
      expect(deployment(json, 'gpt-4.1-mini')).toMatchObject({ version_upgrade_option: 'NoAutoUpgrade', model: { format: 'OpenAI-Custom' } });
    });

    test('are created one after another, after the content filter, in config order', () => {
      const json = synthOf();
      const policy = `azurerm_cognitive_account_rai_policy.${keyOf(json, 'azurerm_cognitive_account_rai_policy')}`;
      expect(deployment(json, 'gpt-4.1').depends_on).toEqual([policy]);
      expect(deployment(json, 'gpt-4.1-mini').depends_on).toEqual([deploymentAddress(json, 'gpt-4.1')]);
      expect(deployment(json, 'text-embedding-3-large').depends_on).toEqual([deploymentAddress(json, 'gpt-4.1-mini')]);
    });

    test('pay-as-you-go deployments come before provisioned ones, whatever the config order', () => {
      const json = synthOf({ deployments: [PTU_41, PAYG_41, EMBEDDINGS] });
      const policy = `azurerm_cognitive_account_rai_policy.${keyOf(json, 'azurerm_cognitive_account_rai_policy')}`;
      expect(deployment(json, 'gpt-4.1').depends_on).toEqual([policy]);
      expect(deployment(json, 'text-embedding-3-large').depends_on).toEqual([deploymentAddress(json, 'gpt-4.1')]);
      expect(deployment(json, 'gpt-4.1-ptu').depends_on).toEqual([deploymentAddress(json, 'text-embedding-3-large')]);
    });

    test('exposes each deployment by name', () => {
      const { stack, account } = modelStack({ deployments: [PTU_41, PAYG_41] });
      expect([...account.deployments.keys()]).toEqual(['gpt-4.1', 'gpt-4.1-ptu']);
      expect(account.deployments.get('gpt-4.1-ptu')!.spec).toEqual(PTU_41);
      const { json, values } = resolved(stack, { ptu: account.deployments.get('gpt-4.1-ptu')!.resourceId });
      expect(values.ptu).toBe(`\${${deploymentAddress(json, 'gpt-4.1-ptu')}.id}`);
    });
  });

  describe('spillover', () => {
    test('a provisioned deployment spills over to its pay-as-you-go deployment through the ARM API', () => {
      const json = synthOf({ deployments: [PTU_41, PAYG_41] });
      const update = onlyResource(json, 'azapi_update_resource');
      expect(update).toEqual({
        // The first stable API version with spilloverDeploymentName is 2025-06-01; 2024-10-01 dropped it silently.
        type: 'Microsoft.CognitiveServices/accounts/deployments@2025-09-01',
        resource_id: `\${${deploymentAddress(json, 'gpt-4.1-ptu')}.id}`,
        body: { properties: { spilloverDeploymentName: 'gpt-4.1' } },
        depends_on: [deploymentAddress(json, 'gpt-4.1-ptu'), deploymentAddress(json, 'gpt-4.1')],
      });
      expect(COGNITIVE_DEPLOYMENT_TYPE).toBe(update.type);
    });

    test('the update runs after every deployment of the account (azapi is not serialized with azurerm\'s deployment operations)', () => {
      const mini: ModelDeploymentSpec = { ...PAYG_41, name: 'gpt-4.1-mini', model: 'gpt-4.1-mini' };
      const json = synthOf({ deployments: [PTU_41, PAYG_41, mini] });
      expect(onlyResource(json, 'azapi_update_resource').depends_on).toEqual([
        deploymentAddress(json, 'gpt-4.1-ptu'), deploymentAddress(json, 'gpt-4.1'), deploymentAddress(json, 'gpt-4.1-mini'),
      ]);
    });

    test('one update per provisioned deployment', () => {
      const globalPayg: ModelDeploymentSpec = { ...PAYG_41, name: 'gpt-4.1-global', sku: 'GlobalStandard' };
      const globalPtu: ModelDeploymentSpec = { ...PTU_41, name: 'gpt-4.1-global-ptu', sku: 'GlobalProvisionedManaged', spilloverDeployment: 'gpt-4.1-global' };
      const json = synthOf({ deployments: [PTU_41, PAYG_41, globalPtu, globalPayg] });
      const bodies = resourcesOf(json, 'azapi_update_resource').map((u) => [u.resource_id, u.body.properties.spilloverDeploymentName]);
      expect(bodies).toEqual(expect.arrayContaining([
        [`\${${deploymentAddress(json, 'gpt-4.1-ptu')}.id}`, 'gpt-4.1'],
        [`\${${deploymentAddress(json, 'gpt-4.1-global-ptu')}.id}`, 'gpt-4.1-global'],
      ]));
      expect(bodies).toHaveLength(2);
    });

    test('no azapi resource without a provisioned deployment', () => {
      expect(resourcesOf(synthOf(), 'azapi_update_resource')).toEqual([]);
      expect(resourcesOf(synthOf(), 'azapi_resource')).toEqual([]);
    });
  });

  describe('alerts', () => {
    const alerts = { actionGroupResourceId: '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Insights/actionGroups/ag-platform' };
    const alertNamed = (json: SynthJson, suffix: string) => resourcesOf(json, 'azurerm_monitor_metric_alert').find((a) => a.name === `alert-ais-genai-test-sdc-primary-${suffix}`);

    test('none without an action group', () => {
      expect(resourcesOf(synthOf({ deployments: [PTU_41, PAYG_41] }), 'azurerm_monitor_metric_alert')).toEqual([]);
    });

    test('throttling and server errors for a pay-as-you-go account, no PTU utilization', () => {
      const json = synthOf({ alerts });
      expect(resourcesOf(json, 'azurerm_monitor_metric_alert').map((a) => a.name).sort()).toEqual([
        'alert-ais-genai-test-sdc-primary-server-errors',
        'alert-ais-genai-test-sdc-primary-throttling',
      ]);
    });

    test('throttling: HTTP 429 on AzureOpenAIRequests', () => {
      const json = synthOf({ alerts });
      expect(alertNamed(json, 'throttling')).toMatchObject({
        resource_group_name: 'rg-genai-test-sdc-ai',
        scopes: [accountRef(json)],
        auto_mitigate: true,
        enabled: true,
        criteria: [{
          metric_namespace: 'Microsoft.CognitiveServices/accounts',
          metric_name: 'AzureOpenAIRequests',
          aggregation: 'Total',
          operator: 'GreaterThan',
          dimension: [{ name: 'StatusCode', operator: 'Include', values: ['429'] }],
        }],
        action: [{ action_group_id: alerts.actionGroupResourceId }],
      });
    });

    test('server errors: HTTP 500, 502, 503 and 504 on AzureOpenAIRequests', () => {
      const json = synthOf({ alerts });
      expect(alertNamed(json, 'server-errors')).toMatchObject({
        scopes: [accountRef(json)],
        auto_mitigate: true,
        enabled: true,
        criteria: [{
          metric_namespace: 'Microsoft.CognitiveServices/accounts',
          metric_name: 'AzureOpenAIRequests',
          aggregation: 'Total',
          operator: 'GreaterThan',
          dimension: [{ name: 'StatusCode', operator: 'Include', values: ['500', '502', '503', '504'] }],
        }],
        action: [{ action_group_id: alerts.actionGroupResourceId }],
      });
    });

    test('PTU utilization above 90 % when a provisioned deployment exists', () => {
      const json = synthOf({ alerts, deployments: [PTU_41, PAYG_41] });
      expect(resourcesOf(json, 'azurerm_monitor_metric_alert')).toHaveLength(3);
      const ptu = alertNamed(json, 'ptu-utilization')!;
      expect(ptu).toMatchObject({
        scopes: [accountRef(json)],
        auto_mitigate: true,
        enabled: true,
        criteria: [{
          metric_namespace: 'Microsoft.CognitiveServices/accounts',
          metric_name: 'AzureOpenAIProvisionedManagedUtilizationV2',
          aggregation: 'Average',
          operator: 'GreaterThan',
          threshold: 90,
        }],
        action: [{ action_group_id: alerts.actionGroupResourceId }],
      });
      expect(ptu.criteria[0]).not.toHaveProperty('dimension');
    });
  });

  describe('protection', () => {
    test('a CanNotDelete lock on the account and its private endpoint, and prevent_destroy, by default', () => {
      const json = synthOf();
      expect(lockOn(json, accountRef(json))).toMatchObject({ scope: accountRef(json), lock_level: 'CanNotDelete', name: 'lock-ais-genai-test-sdc-primary' });
      expectEndpointLocked(json, 'pe-genai-test-sdc-ais-primary');
      expect(onlyResource(json, 'azurerm_cognitive_account').lifecycle).toEqual({ prevent_destroy: true });
    });

    test('none when turned off', () => {
      const json = synthOf({ lock: 'none', preventDestroy: false });
      expect(resourcesOf(json, 'azurerm_management_lock')).toEqual([]);
      expect(onlyResource(json, 'azurerm_cognitive_account')).not.toHaveProperty('lifecycle');
    });
  });

  describe('attributes', () => {
    test('resource id, name, location and the OpenAI endpoint', () => {
      const { stack, account } = modelStack({ location: 'germanywestcentral' });
      const { json, values } = resolved(stack, { id: account.resourceId, name: account.name });
      expect(values.id).toBe(accountRef(json));
      expect(values.name).toBe(accountRef(json, 'name'));
      expect(account.location).toBe('germanywestcentral');
      expect(account.openAiEndpoint).toBe('https://ais-genai-test-sdc-primary.openai.azure.com/');
    });
  });

  describe('grantOpenAiUser', () => {
    test('Cognitive Services OpenAI User on the account, and nothing broader', () => {
      const { stack, account } = modelStack();
      const gateway = new ManagedIdentity(stack, 'gateway', { name: 'id-gateway', location: 'swedencentral', resourceGroupName: 'rg', workload: 'gateway' });
      const returned = account.grantOpenAiUser(gateway);
      const json = synth(stack);
      const assignment = onlyResource(json, 'azurerm_role_assignment');
      expect(assignment).toMatchObject({
        role_definition_name: 'Cognitive Services OpenAI User',
        scope: accountRef(json),
        principal_id: `\${azurerm_user_assigned_identity.${keyOf(json, 'azurerm_user_assigned_identity')}.principal_id}`,
        principal_type: 'ServicePrincipal',
      });
      expect(resolved(stack, { grant: returned.id }).values.grant).toBe(refOf(json, 'azurerm_role_assignment', 'id'));
    });

    test('one assignment per grantee', () => {
      const { stack, account } = modelStack();
      account.grantOpenAiUser({ principalId: 'p-gateway', principalType: 'ServicePrincipal', label: 'gateway' });
      account.grantOpenAiUser({ principalId: 'p-search', principalType: 'ServicePrincipal', label: 'search' });
      expect(resourcesOf(synth(stack), 'azurerm_role_assignment').map((a) => a.principal_id).sort()).toEqual(['p-gateway', 'p-search']);
    });
  });

  describe('validation', () => {
    test('needs at least one deployment', () => {
      expect(build({ deployments: [] })).toThrow(/^test\/models: an account needs at least one deployment$/);
    });

    test('refuses duplicate deployment names', () => {
      expect(build({ deployments: [PAYG_41, { ...MINI, name: 'gpt-4.1' }] })).toThrow(/deployment 'gpt-4\.1' is declared twice/);
    });

    test('refuses PTUs below the minimum', () => {
      expect(build({ deployments: [{ ...PTU_41, capacity: 10 }, PAYG_41] }))
        .toThrow(/deployment 'gpt-4\.1-ptu': 10 PTUs is below the DataZoneProvisionedManaged minimum of 15 for gpt-4\.1/);
    });

    test('refuses PTUs off the increment', () => {
      expect(build({ deployments: [{ ...PTU_41, capacity: 17 }, PAYG_41] }))
        .toThrow(/deployment 'gpt-4\.1-ptu': 17 PTUs is not a multiple of the DataZoneProvisionedManaged increment of 5 for gpt-4\.1/);
    });

    test('checks regional PTUs against the regional minimum', () => {
      const regional: ModelDeploymentSpec[] = [{ ...PTU_41, sku: 'ProvisionedManaged', capacity: 15 }, { ...PAYG_41, sku: 'Standard' }];
      expect(build({ deployments: regional })).toThrow(/15 PTUs is below the ProvisionedManaged minimum of 50 for gpt-4\.1/);
      expect(build({ deployments: [{ ...regional[0], capacity: 50 }, regional[1]] })).not.toThrow();
    });

    test('refuses a provisioned deployment without a spillover', () => {
      expect(build({ deployments: [{ ...PTU_41, spilloverDeployment: undefined }, PAYG_41] }))
        .toThrow(/deployment 'gpt-4\.1-ptu' is provisioned and needs a spilloverDeployment/);
    });

    test('refuses a spillover to a deployment the account does not have', () => {
      expect(build({ deployments: [{ ...PTU_41, spilloverDeployment: 'gpt-4.1-payg' }, PAYG_41] }))
        .toThrow(/deployment 'gpt-4\.1-ptu' spills over to 'gpt-4\.1-payg', which is not a deployment of this account/);
    });

    test('refuses a spillover to another data-processing level', () => {
      expect(build({ deployments: [PTU_41, { ...PAYG_41, sku: 'GlobalStandard' }] }))
        .toThrow(/deployment 'gpt-4\.1-ptu' spills over to 'gpt-4\.1', which must be DataZoneStandard gpt-4\.1 2025-04-14/);
    });

    test('refuses a spillover to another provisioned deployment', () => {
      const other: ModelDeploymentSpec = { ...PTU_41, name: 'gpt-4.1-ptu-2', spilloverDeployment: 'gpt-4.1' };
      expect(build({ deployments: [{ ...PTU_41, spilloverDeployment: 'gpt-4.1-ptu-2' }, other, PAYG_41] }))
        .toThrow(/deployment 'gpt-4\.1-ptu' spills over to 'gpt-4\.1-ptu-2', which must be DataZoneStandard gpt-4\.1 2025-04-14/);
    });

    test('refuses a spillover to another model', () => {
      expect(build({ deployments: [{ ...PTU_41, spilloverDeployment: 'gpt-4.1-mini' }, PAYG_41, MINI] }))
        .toThrow(/deployment 'gpt-4\.1-ptu' spills over to 'gpt-4\.1-mini', which must be DataZoneStandard gpt-4\.1 2025-04-14/);
    });

    test('refuses a spillover to another version of the model', () => {
      expect(build({ deployments: [PTU_41, { ...PAYG_41, version: '2025-01-01' }] }))
        .toThrow(/deployment 'gpt-4\.1-ptu' spills over to 'gpt-4\.1', which must be DataZoneStandard gpt-4\.1 2025-04-14/);
    });

    test('refuses a spillover on a pay-as-you-go deployment', () => {
      expect(build({ deployments: [{ ...MINI, spilloverDeployment: 'gpt-4.1' }, PAYG_41] }))
        .toThrow(/deployment 'gpt-4\.1-mini' is pay-as-you-go and cannot spill over/);
    });

    test('accepts every SKU pair with the same data-processing level', () => {
      const pairs = [['GlobalProvisionedManaged', 'GlobalStandard', 15], ['DataZoneProvisionedManaged', 'DataZoneStandard', 15], ['ProvisionedManaged', 'Standard', 50]] as const;
      for (const [ptuSku, paygSku, capacity] of pairs) {
        expect(build({ deployments: [{ ...PTU_41, sku: ptuSku, capacity }, { ...PAYG_41, sku: paygSku }] })).not.toThrow();
      }
    });

    test('a model without PTU data is not checked for minimum or increment', () => {
      const custom: ModelDeploymentSpec[] = [
        { name: 'o4-mini-ptu', model: 'o4-mini', version: '2025-04-16', sku: 'GlobalProvisionedManaged', capacity: 7, spilloverDeployment: 'o4-mini' },
        { name: 'o4-mini', model: 'o4-mini', version: '2025-04-16', sku: 'GlobalStandard', capacity: 10 },
      ];
      expect(build({ deployments: custom })).not.toThrow();
    });

    test('reports every problem in one error', () => {
      let message = '';
      try {
        modelStack({
          deployments: [
            { ...PTU_41, capacity: 12 },
            { ...PAYG_41, version: '2025-01-01' },
            { ...MINI, spilloverDeployment: 'gpt-4.1' },
            { ...EMBEDDINGS, name: 'gpt-4.1-mini' },
            { ...PTU_41, name: 'gpt-4o-ptu', model: 'gpt-4o', version: '2024-11-20', spilloverDeployment: undefined },
          ],
        });
      } catch (e) {
        message = (e as Error).message;
      }
      expect(message.startsWith('test/models: ')).toBe(true);
      expect(message.split('; ')).toEqual([
        'test/models: deployment \'gpt-4.1-ptu\': 12 PTUs is below the DataZoneProvisionedManaged minimum of 15 for gpt-4.1',
        'deployment \'gpt-4.1-ptu\': 12 PTUs is not a multiple of the DataZoneProvisionedManaged increment of 5 for gpt-4.1',
        'deployment \'gpt-4.1-ptu\' spills over to \'gpt-4.1\', which must be DataZoneStandard gpt-4.1 2025-04-14',
        'deployment \'gpt-4.1-mini\' is pay-as-you-go and cannot spill over',
        'deployment \'gpt-4.1-mini\' is declared twice',
        'deployment \'gpt-4o-ptu\' is provisioned and needs a spilloverDeployment',
      ]);
    });

    describe('a capacity known only at apply', () => {
      const tokenCapacity = (stack: TerraformStack) => new TerraformVariable(stack, 'ptus', { type: 'number' }).numberValue;

      test('skips the PTU minimum and increment checks', () => {
        const stack = testStack();
        new AzapiProvider(stack, 'azapi');
        expect(() => new ModelAccount(stack, 'models', { ...baseProps, deployments: [{ ...PTU_41, capacity: tokenCapacity(stack) }, PAYG_41] })).not.toThrow();
        const json = synth(stack);
        expect(deployment(json, 'gpt-4.1-ptu').sku.capacity).toBe('${var.ptus}');
        expect(onlyResource(json, 'azapi_update_resource').body).toEqual({ properties: { spilloverDeploymentName: 'gpt-4.1' } });
      });

      test.each([
        [{ spilloverDeployment: undefined }, /deployment 'gpt-4\.1-ptu' is provisioned and needs a spilloverDeployment/],
        [{ spilloverDeployment: 'missing' }, /deployment 'gpt-4\.1-ptu' spills over to 'missing', which is not a deployment of this account/],
        [{ spilloverDeployment: 'gpt-4.1-mini' }, /which must be DataZoneStandard gpt-4\.1 2025-04-14/],
      ])('still checks the spillover (%j)', (patch, message) => {
        const stack = testStack();
        new AzapiProvider(stack, 'azapi');
        expect(() => new ModelAccount(stack, 'models', {
          ...baseProps, deployments: [{ ...PTU_41, ...patch, capacity: tokenCapacity(stack) }, PAYG_41, MINI],
        })).toThrow(message);
      });
    });
  });

  describe('policy review', () => {
    /** Rules this construct answers for: cognitive accounts, deployments, RAI policies, PTU fallback, content filter per deployment. */
    const OWN_RULES = /^GAI-(COG|DEP|RAI)-|^GAI-GEN-00[67]$/;

    /**
     * The construct with an in-plan workspace (itself diagnosed), CMK identity, subnet and the three AI
     * private DNS zones passed by id, reviewed as production.
     */
    function reviewed(overrides: Partial<ModelAccountProps> = {}) {
      const stack = testStack();
      new AzapiProvider(stack, 'azapi');
      const workspace = new LogAnalyticsWorkspace(stack, 'workspace', {
        name: 'log-genai-test-sdc', location: 'swedencentral', resourceGroupName: 'rg', sku: 'PerGB2018', retentionInDays: 90, localAuthenticationEnabled: false,
      });
      new DiagnosticSetting(stack, 'workspace-diagnostics', { logAnalyticsWorkspaceResourceId: workspace.id, targetResourceId: workspace.id });
      const vnet = new VirtualNetwork(stack, 'vnet', { name: 'vnet-genai-test-sdc', location: 'swedencentral', resourceGroupName: 'rg', addressSpace: ['10.40.0.0/22'] });
      const subnet = new Subnet(stack, 'pe-subnet', { name: 'snet-pe', resourceGroupName: 'rg', virtualNetworkName: vnet.name, addressPrefixes: ['10.40.0.0/24'] });
      const zones = AI_ZONES.map((zone, i) => new PrivateDnsZone(stack, `zone-${i}`, { name: zone, resourceGroupName: 'rg' }));
      const cmk = new UserAssignedIdentity(stack, 'cmk-identity', { name: 'id-cmk', location: 'swedencentral', resourceGroupName: 'rg' });
      new ModelAccount(stack, 'models', {
        ...baseProps,
        customerManagedKey: { keyVaultKeyResourceId: KEY_ID, identity: { resourceId: cmk.id, clientId: cmk.clientId } },
        privateEndpoint: { ...baseProps.privateEndpoint, subnetResourceId: subnet.id, privateDnsZoneResourceIds: zones.map((z) => z.id) },
        diagnostics: { logAnalyticsWorkspaceResourceId: workspace.id },
        alerts: { actionGroupResourceId: '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Insights/actionGroups/ag' },
        ...overrides,
      });
      return review([parsePlan(synth(stack), 'test')], { production: true }).findings.filter((f) => OWN_RULES.test(f.ruleId));
    }
    const show = (findings: ReturnType<typeof reviewed>) => findings.map((f) => `${f.ruleId} ${f.severity} ${f.status} ${f.address}: ${f.message}`);
    const errors = (findings: ReturnType<typeof reviewed>) => show(findings.filter((f) => f.status === 'fail' && f.severity === 'error'));

    test('pay-as-you-go deployments pass the account, deployment and content-filter rules without any finding', () => {
      const findings = reviewed();
      expect(errors(findings)).toEqual([]);
      expect(show(findings)).toEqual([]);
    });

    test('a PTU deployment with its spillover passes, including GAI-GEN-006, without any finding', () => {
      const findings = reviewed({ deployments: [{ ...PTU_41, capacity: 160 }, PAYG_41, MINI, EMBEDDINGS] });
      expect(errors(findings)).toEqual([]);
      expect(show(findings)).toEqual([]);
    });

    test('the Medium threshold and an OpenAI account pass; the trusted-services bypass is only a warning without a trusted caller', () => {
      const findings = reviewed({ contentFilterThreshold: 'Medium', kind: 'OpenAI', trustedServicesBypassEnabled: true });
      expect(errors(findings)).toEqual([]);
      expect(show(findings)).toEqual([expect.stringMatching(/^GAI-COG-003 warning fail azurerm_cognitive_account\..*`network_acls\.bypass` is "AzureServices"/)]);
    });

    test('the review sees the construct (the rules are not vacuous)', () => {
      const stack = testStack();
      new AzapiProvider(stack, 'azapi');
      new ModelAccount(stack, 'models', { ...baseProps, deployments: [PTU_41, PAYG_41] });
      const json = synth(stack);
      // Drop the spillover update and the pay-as-you-go deployment: GAI-GEN-006 must now fail.
      delete (json.resource as Record<string, unknown>).azapi_update_resource;
      const payg = keyOf(json, 'azurerm_cognitive_deployment', 'gpt-4.1');
      delete json.resource.azurerm_cognitive_deployment[payg];
      delete json.resource.azurerm_cognitive_deployment[keyOf(json, 'azurerm_cognitive_deployment', 'gpt-4.1-ptu')].depends_on;
      const findings = review([parsePlan(json, 'test')], { production: true }).findings;
      expect(findings.filter((f) => f.status === 'fail' && f.ruleId === 'GAI-GEN-006')).toHaveLength(1);
    });
  });
});

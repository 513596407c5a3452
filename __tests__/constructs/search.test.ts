import { TerraformStack, TerraformVariable } from 'cdktf';
import { LogAnalyticsWorkspace } from '@cdktf/provider-azurerm/lib/log-analytics-workspace';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { ManagedIdentity } from '../../constructs/identity';
import { DiagnosticSetting } from '../../constructs/monitoring/diagnostic-setting';
import { SearchService, SearchServiceProps, SharedPrivateLink } from '../../constructs/search';
import { review } from '../../policy/engine';
import { parsePlan } from '../../policy/plan';
import { SynthJson, onlyResource, output, refOf, resourcesOf, synth, testStack } from '../helpers';
import { expectEndpointLocked, lockOn } from './locks';

const baseProps: SearchServiceProps = {
  name: 'srch-genai-test-sdc-ab12',
  location: 'swedencentral',
  resourceGroupName: 'rg-genai-test-sdc-data',
  privateEndpoint: {
    name: 'pe-genai-test-sdc-srch',
    subnetResourceId: '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/pe',
    privateDnsZoneResourceIds: ['/zones/privatelink.search.windows.net'],
  },
  diagnostics: { logAnalyticsWorkspaceResourceId: '/workspaces/log-genai-test-sdc' },
};

const HUB_SEARCH_ZONE = '/subscriptions/0000/resourceGroups/rg-hub-dns/providers/Microsoft.Network/privateDnsZones/privatelink.search.windows.net';

const storageLink: SharedPrivateLink = {
  name: 'spl-documents',
  targetResourceId: '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/stdocs',
  subresourceName: 'blob',
  requestMessage: 'AI Search indexer reads the document store',
};
const openAiLink: SharedPrivateLink = {
  name: 'spl-models',
  targetResourceId: '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/ais',
  subresourceName: 'openai_account',
  requestMessage: 'AI Search vectorizer calls the embeddings deployment',
};

/** A stack holding one search service built from `baseProps` with `overrides`. */
function searchStack(overrides: Partial<SearchServiceProps> = {}): { stack: TerraformStack; search: SearchService } {
  const stack = testStack();
  const search = new SearchService(stack, 'search', { ...baseProps, ...overrides });
  return { stack, search };
}

/** `${azurerm_search_service.<key>.<attribute>}` of the single service in `json`. */
const serviceRef = (json: SynthJson, attribute = 'id'): string => refOf(json, 'azurerm_search_service', attribute);

describe('SearchService', () => {
  describe('secure defaults', () => {
    test('standard SKU, 2 replicas, 1 partition and the standard semantic ranker', () => {
      const { stack } = searchStack();
      const service = onlyResource(synth(stack), 'azurerm_search_service');
      expect(service.name).toBe('srch-genai-test-sdc-ab12');
      expect(service.location).toBe('swedencentral');
      expect(service.resource_group_name).toBe('rg-genai-test-sdc-data');
      expect(service.sku).toBe('standard');
      expect(service.replica_count).toBe(2);
      expect(service.partition_count).toBe(1);
      expect(service.semantic_search_sku).toBe('standard');
    });

    test('Entra ID only: API keys off and no authentication_failure_mode', () => {
      const { stack } = searchStack();
      const service = onlyResource(synth(stack), 'azurerm_search_service');
      expect(service.local_authentication_enabled).toBe(false);
      expect(service).not.toHaveProperty('authentication_failure_mode');
    });

    test('no public network access, no IP allowlist and no trusted-service bypass', () => {
      const { stack } = searchStack();
      const service = onlyResource(synth(stack), 'azurerm_search_service');
      expect(service.public_network_access_enabled).toBe(false);
      expect(service.allowed_ips).toEqual([]);
      expect(service.network_rule_bypass_option).toBe('None');
    });

    test('enforces customer-managed keys', () => {
      const { stack } = searchStack();
      expect(onlyResource(synth(stack), 'azurerm_search_service').customer_managed_key_enforcement_enabled).toBe(true);
    });

    test('a system-assigned identity', () => {
      const { stack } = searchStack();
      expect(onlyResource(synth(stack), 'azurerm_search_service').identity).toEqual({ type: 'SystemAssigned' });
    });

    test('makes no role assignment and no shared private link without being asked', () => {
      const { stack } = searchStack();
      const json = synth(stack);
      expect(resourcesOf(json, 'azurerm_role_assignment')).toEqual([]);
      expect(resourcesOf(json, 'azurerm_search_shared_private_link_service')).toEqual([]);
    });
  });

  test('exposes resourceId, name, endpoint and the system identity as references to the service', () => {
    const { stack, search } = searchStack();
    output(stack, 'resource_id', search.resourceId);
    output(stack, 'name', search.name);
    output(stack, 'endpoint', search.endpoint);
    output(stack, 'principal_id', search.principalId);
    const json = synth(stack);
    const [key] = Object.keys(json.resource.azurerm_search_service);
    expect(json.output?.resource_id.value).toBe(`\${azurerm_search_service.${key}.id}`);
    expect(json.output?.name.value).toBe(`\${azurerm_search_service.${key}.name}`);
    expect(json.output?.endpoint.value).toBe(`https://\${azurerm_search_service.${key}.name}.search.windows.net`);
    expect(json.output?.principal_id.value).toBe(`\${azurerm_search_service.${key}.identity[0].principal_id}`);
    expect(search.identity.label).toBe('search');
    expect(search.identity.principalType).toBe('ServicePrincipal');
    expect(search.identity.principalId).toBe(search.principalId);
  });

  describe('managedIdentity', () => {
    test('assigns the user-assigned identity and grants go to its principal', () => {
      const stack = testStack();
      const uai = new ManagedIdentity(stack, 'uai', { name: 'id-genai-test-sdc-search', location: 'swedencentral', resourceGroupName: 'rg', workload: 'search' });
      const search = new SearchService(stack, 'search', { ...baseProps, managedIdentity: uai });
      output(stack, 'principal_id', search.identity.principalId);
      const json = synth(stack);
      const [uaiKey] = Object.keys(json.resource.azurerm_user_assigned_identity);
      expect(onlyResource(json, 'azurerm_search_service').identity).toEqual({
        type: 'UserAssigned',
        identity_ids: [`\${azurerm_user_assigned_identity.${uaiKey}.id}`],
      });
      expect(json.output?.principal_id.value).toBe(`\${azurerm_user_assigned_identity.${uaiKey}.principal_id}`);
      expect(search.principalId).toBe(search.identity.principalId);
      expect(search.identity.label).toBe('search');
    });
  });

  test('connects a private endpoint to the searchService sub-resource in the zone it is given', () => {
    const { stack } = searchStack();
    const json = synth(stack);
    const endpoint = onlyResource(json, 'azurerm_private_endpoint');
    expect(endpoint.name).toBe('pe-genai-test-sdc-srch');
    expect(endpoint.location).toBe('swedencentral');
    expect(endpoint.resource_group_name).toBe('rg-genai-test-sdc-data');
    expect(endpoint.subnet_id).toBe(baseProps.privateEndpoint.subnetResourceId);
    expect(endpoint.private_service_connection.private_connection_resource_id).toBe(serviceRef(json));
    expect(endpoint.private_service_connection.subresource_names).toEqual(['searchService']);
    expect(endpoint.private_service_connection.is_manual_connection).toBe(false);
    expect(endpoint.private_dns_zone_group.private_dns_zone_ids).toEqual(['/zones/privatelink.search.windows.net']);
  });

  test('sends all logs and all metrics of the service to the workspace it is given', () => {
    const { stack } = searchStack();
    const json = synth(stack);
    const setting = onlyResource(json, 'azurerm_monitor_diagnostic_setting');
    expect(setting.target_resource_id).toBe(serviceRef(json));
    expect(setting.log_analytics_workspace_id).toBe('/workspaces/log-genai-test-sdc');
    expect(setting.enabled_log).toEqual([{ category_group: 'allLogs' }]);
    expect(setting.enabled_metric).toEqual([{ category: 'AllMetrics' }]);
  });

  describe('protection', () => {
    test('a CanNotDelete lock on the service and its private endpoint, and prevent_destroy, by default', () => {
      const { stack } = searchStack();
      const json = synth(stack);
      const lock = lockOn(json, serviceRef(json));
      expect(lock.lock_level).toBe('CanNotDelete');
      expect(lock.scope).toBe(serviceRef(json));
      expect(lock.name).toBe('lock-srch-genai-test-sdc-ab12');
      expectEndpointLocked(json, 'pe-genai-test-sdc-srch');
      expect(onlyResource(json, 'azurerm_search_service').lifecycle).toEqual({ prevent_destroy: true });
    });

    test("lock 'none' removes the locks (resource and endpoint) but keeps prevent_destroy", () => {
      const { stack } = searchStack({ lock: 'none' });
      const json = synth(stack);
      expect(resourcesOf(json, 'azurerm_management_lock')).toEqual([]);
      expect(onlyResource(json, 'azurerm_search_service').lifecycle).toEqual({ prevent_destroy: true });
    });

    test('preventDestroy false removes prevent_destroy but keeps the lock', () => {
      const { stack } = searchStack({ preventDestroy: false });
      const json = synth(stack);
      expect(onlyResource(json, 'azurerm_search_service').lifecycle?.prevent_destroy).toBeUndefined();
      expect(resourcesOf(json, 'azurerm_management_lock')).toHaveLength(2);
    });
  });

  describe('options', () => {
    test.each(['basic', 'standard2', 'standard3', 'storage_optimized_l1', 'storage_optimized_l2'] as const)('skuName %s', (skuName) => {
      const { stack } = searchStack({ skuName });
      expect(onlyResource(synth(stack), 'azurerm_search_service').sku).toBe(skuName);
    });

    test.each([2, 3, 12])('accepts replicaCount %d', (replicaCount) => {
      const { stack } = searchStack({ replicaCount });
      expect(onlyResource(synth(stack), 'azurerm_search_service').replica_count).toBe(replicaCount);
    });

    test.each([1, 2, 3, 4, 6, 12])('accepts partitionCount %d', (partitionCount) => {
      const { stack } = searchStack({ partitionCount });
      expect(onlyResource(synth(stack), 'azurerm_search_service').partition_count).toBe(partitionCount);
    });

    test('basic allows 3 replicas and 1 partition', () => {
      const { stack } = searchStack({ skuName: 'basic', replicaCount: 3, partitionCount: 1 });
      const service = onlyResource(synth(stack), 'azurerm_search_service');
      expect(service.replica_count).toBe(3);
      expect(service.partition_count).toBe(1);
    });

    test('semanticSearchSku free', () => {
      const { stack } = searchStack({ semanticSearchSku: 'free' });
      expect(onlyResource(synth(stack), 'azurerm_search_service').semantic_search_sku).toBe('free');
    });

    test('customerManagedKeyEnforcementEnabled false', () => {
      const { stack } = searchStack({ customerManagedKeyEnforcementEnabled: false });
      expect(onlyResource(synth(stack), 'azurerm_search_service').customer_managed_key_enforcement_enabled).toBe(false);
    });

    test('replica and partition counts from Terraform variables are left to Azure', () => {
      const stack = testStack();
      const replicas = new TerraformVariable(stack, 'replicas', { type: 'number' });
      const partitions = new TerraformVariable(stack, 'partitions', { type: 'number' });
      new SearchService(stack, 'search', { ...baseProps, replicaCount: replicas.numberValue, partitionCount: partitions.numberValue });
      const service = onlyResource(synth(stack), 'azurerm_search_service');
      expect(service.replica_count).toBe('${var.replicas}');
      expect(service.partition_count).toBe('${var.partitions}');
    });
  });

  describe('sharedPrivateLinks', () => {
    test('one shared private link per entry, from the service to its target', () => {
      const { stack } = searchStack({ sharedPrivateLinks: [storageLink, openAiLink] });
      const json = synth(stack);
      const links = resourcesOf(json, 'azurerm_search_shared_private_link_service');
      expect(links).toHaveLength(2);
      expect(links).toEqual(expect.arrayContaining([
        { name: 'spl-documents', search_service_id: serviceRef(json), target_resource_id: storageLink.targetResourceId, subresource_name: 'blob', request_message: storageLink.requestMessage },
        { name: 'spl-models', search_service_id: serviceRef(json), target_resource_id: openAiLink.targetResourceId, subresource_name: 'openai_account', request_message: openAiLink.requestMessage },
      ]));
    });

    test('keep the firewall bypass None (outbound links need no inbound exception)', () => {
      const { stack } = searchStack({ sharedPrivateLinks: [storageLink] });
      expect(onlyResource(synth(stack), 'azurerm_search_service').network_rule_bypass_option).toBe('None');
    });
  });

  describe('validation', () => {
    test.each([0, 13, 2.5, NaN])('refuses replicaCount %d', (replicaCount) => {
      expect(() => searchStack({ replicaCount })).toThrow(`search: replicaCount must be a whole number from 1 to 12, got ${replicaCount}`);
    });

    test('refuses a single replica (no SLA)', () => {
      expect(() => searchStack({ replicaCount: 1 })).toThrow(/replicaCount must be at least 2 \(the query SLA needs 2 replicas\), got 1/);
    });

    test('refuses more than 3 replicas on basic', () => {
      expect(() => searchStack({ skuName: 'basic', replicaCount: 4 })).toThrow(/replicaCount must be at most 3 on the basic SKU, got 4/);
    });

    test.each([0, 5, 7, 13, 1.5])('refuses partitionCount %d', (partitionCount) => {
      expect(() => searchStack({ partitionCount })).toThrow(`partitionCount must be one of 1, 2, 3, 4, 6, 12, got ${partitionCount}`);
    });

    test('refuses more than 1 partition on basic', () => {
      expect(() => searchStack({ skuName: 'basic', partitionCount: 2 })).toThrow(/partitionCount must be 1 on the basic SKU, got 2/);
    });

    test('refuses the free SKU and unknown semantic plans (values from untyped config)', () => {
      expect(() => searchStack({ skuName: 'free' as never })).toThrow(/skuName must be one of basic, standard, standard2, standard3, storage_optimized_l1, storage_optimized_l2, got 'free'/);
      expect(() => searchStack({ semanticSearchSku: 'disabled' as never })).toThrow(/semanticSearchSku must be 'free' or 'standard', got 'disabled'/);
    });

    test.each(['S', 'Srch-genai', '-srch', 'srch-', 'srch--genai', 'a'.repeat(61)])('refuses name %s', (name) => {
      expect(() => searchStack({ name })).toThrow(/name must be 2-60 lowercase letters, digits or single hyphens/);
    });

    test('refuses duplicate, empty-named and message-less shared private links', () => {
      expect(() => searchStack({ sharedPrivateLinks: [storageLink, { ...openAiLink, name: storageLink.name }] }))
        .toThrow(/sharedPrivateLinks\[1\]\.name 'spl-documents' is used more than once/);
      expect(() => searchStack({ sharedPrivateLinks: [{ ...storageLink, name: ' ' }] })).toThrow(/sharedPrivateLinks\[0\]\.name must not be empty/);
      expect(() => searchStack({ sharedPrivateLinks: [{ ...storageLink, requestMessage: '' }] })).toThrow(/sharedPrivateLinks\[0\]\.requestMessage must not be empty/);
    });

    test('reports every problem at once', () => {
      expect(() => searchStack({ name: 'Bad', replicaCount: 1, partitionCount: 5, semanticSearchSku: 'x' as never }))
        .toThrow(/search: name must be .*; replicaCount must be at least 2 .*; partitionCount must be one of .*; semanticSearchSku must be/);
    });
  });

  describe('grants', () => {
    test.each([
      ['grantIndexDataReader', 'Search Index Data Reader'],
      ['grantIndexDataContributor', 'Search Index Data Contributor'],
    ] as const)('%s assigns %s on the service to the identity and returns the assignment', (method, role) => {
      const stack = testStack();
      const search = new SearchService(stack, 'search', baseProps);
      const identity = new ManagedIdentity(stack, 'orchestrator', { name: 'id-genai-test-sdc-orch', location: 'swedencentral', resourceGroupName: 'rg', workload: 'orchestrator' });
      const assignment = search[method](identity);
      expect(assignment).toBeInstanceOf(RoleAssignment);
      const json = synth(stack);
      const [identityKey] = Object.keys(json.resource.azurerm_user_assigned_identity);
      const synthesized = json.resource.azurerm_role_assignment[assignment.friendlyUniqueId];
      expect(resourcesOf(json, 'azurerm_role_assignment')).toHaveLength(1);
      expect(synthesized.role_definition_name).toBe(role);
      expect(synthesized.scope).toBe(serviceRef(json));
      expect(synthesized.principal_id).toBe(`\${azurerm_user_assigned_identity.${identityKey}.principal_id}`);
      expect(synthesized.principal_type).toBe('ServicePrincipal');
    });

    test('the search identity can be granted roles elsewhere (its principal id is the service identity)', () => {
      const stack = testStack();
      const search = new SearchService(stack, 'search', baseProps);
      const other = new SearchService(stack, 'other', { ...baseProps, name: 'srch-other' });
      other.grantIndexDataReader(search.identity);
      const json = synth(stack);
      const assignment = onlyResource(json, 'azurerm_role_assignment');
      const searchKey = Object.keys(json.resource.azurerm_search_service).find((k) => json.resource.azurerm_search_service[k].name === baseProps.name);
      expect(assignment.principal_id).toBe(`\${azurerm_search_service.${searchKey}.identity[0].principal_id}`);
      expect(assignment.description).toBe('Search Index Data Reader for search (platform grant)');
    });
  });

  describe('policy review', () => {
    /**
     * The construct with an in-plan workspace (itself diagnosed) and a hub DNS zone given by id (linked by
     * the hub, outside the plan), reviewed as production.
     */
    function reviewed(overrides: Partial<SearchServiceProps> = {}, configure?: (stack: TerraformStack, search: SearchService) => void) {
      const stack = testStack();
      const workspace = new LogAnalyticsWorkspace(stack, 'workspace', {
        name: 'log-genai-test-sdc', location: 'swedencentral', resourceGroupName: 'rg', sku: 'PerGB2018', retentionInDays: 90, localAuthenticationEnabled: false,
      });
      new DiagnosticSetting(stack, 'workspace-diagnostics', { logAnalyticsWorkspaceResourceId: workspace.id, targetResourceId: workspace.id });
      const search = new SearchService(stack, 'search', {
        ...baseProps,
        privateEndpoint: { ...baseProps.privateEndpoint, privateDnsZoneResourceIds: [HUB_SEARCH_ZONE] },
        diagnostics: { logAnalyticsWorkspaceResourceId: workspace.id },
        ...overrides,
      });
      configure?.(stack, search);
      return review([parsePlan(synth(stack), 'test')], { production: true }).findings;
    }
    const blocking = (findings: ReturnType<typeof reviewed>) => findings
      .filter((f) => f.status === 'fail' && (f.severity === 'error' || f.severity === 'warning') && /^GAI-(SRCH|ST|PE|MON)-/.test(f.ruleId))
      .map((f) => `${f.ruleId} ${f.address}: ${f.message}`);

    test('the defaults pass the search, private endpoint and monitoring rules', () => {
      expect(blocking(reviewed())).toEqual([]);
    });

    test('with shared private links, a user-assigned identity and 3 replicas for an index writer', () => {
      const findings = reviewed({ sharedPrivateLinks: [storageLink, openAiLink], replicaCount: 3 }, (stack, search) => {
        const writer = new ManagedIdentity(stack, 'ingest', { name: 'id-ingest', location: 'swedencentral', resourceGroupName: 'rg', workload: 'ingest' });
        search.grantIndexDataContributor(writer);
      });
      expect(blocking(findings)).toEqual([]);
    });

    test('GAI-SRCH-005 still asks for 3 replicas when a workload writes to the indexes', () => {
      const findings = reviewed({}, (stack, search) => {
        const writer = new ManagedIdentity(stack, 'ingest', { name: 'id-ingest', location: 'swedencentral', resourceGroupName: 'rg', workload: 'ingest' });
        search.grantIndexDataContributor(writer);
      });
      expect(blocking(findings)).toEqual([expect.stringMatching(/^GAI-SRCH-005 .*expected 3 or more/)]);
    });
  });
});

import { createHash } from 'crypto';
import { Testing } from 'cdktf';
import { ENVIRONMENTS } from '../../environments';
import { EnvironmentConfig, PLATFORM_TAG_KEYS, parseEnvironment } from '../../environments/schema';
import { FORBIDDEN_ROLES } from '../../constructs/identity';
import { PRIVATE_DNS_ZONES } from '../../constructs/network';
import { PlatformStack } from '../../stacks/platform-stack';
import { SynthJson, onlyResource, resourcesOf, validInput } from '../helpers';

function synthEnvironment(config: EnvironmentConfig): { json: SynthJson; text: string } {
  const stack = new PlatformStack(Testing.app(), config.name, config);
  const text = Testing.synth(stack);
  return { json: JSON.parse(text), text };
}

const shipped = new Map(ENVIRONMENTS.map((input) => {
  const config = parseEnvironment(input);
  return [config.name, { config, ...synthEnvironment(config) }] as const;
}));
const env = (name: string) => shipped.get(name)!;

/** The environments this repository ships, the only ones with snapshots. */
const SNAPSHOT_ENVIRONMENTS = ['dev', 'staging', 'prod'];

/** Per top-level construct (layer): its resource addresses and a SHA-256 of their synthesized configuration. */
function layerInventory(json: SynthJson): Record<string, { resources: string[]; sha256: string }> {
  const layers = new Map<string, [string, unknown][]>();
  for (const [type, byName] of Object.entries(json.resource ?? {})) {
    for (const [id, resource] of Object.entries(byName as Record<string, unknown>)) {
      // Logical ids start with the construct path below the stack: `gateway_backend-pool-..._<hash>`.
      const layer = id.split('_')[0];
      const list = layers.get(layer) ?? [];
      list.push([`${type}.${id}`, resource]);
      layers.set(layer, list);
    }
  }
  return Object.fromEntries([...layers].sort(([a], [b]) => a.localeCompare(b)).map(([layer, entries]) => {
    const sorted = entries.sort(([a], [b]) => a.localeCompare(b));
    return [layer, { resources: sorted.map(([address]) => address), sha256: createHash('sha256').update(JSON.stringify(sorted)).digest('hex') }];
  }));
}
const allResources = (json: SynthJson) => Object.entries(json.resource)
  .flatMap(([type, byName]) => Object.entries(byName).map(([name, values]) => ({ type, name, values })));

/** Resource types that take tags in azurerm 4.55 among those the core layers declare. */
const TAGGABLE = [
  'azurerm_resource_group', 'azurerm_virtual_network', 'azurerm_network_security_group', 'azurerm_public_ip',
  'azurerm_nat_gateway', 'azurerm_private_dns_zone', 'azurerm_private_dns_zone_virtual_network_link',
  'azurerm_private_endpoint', 'azurerm_user_assigned_identity', 'azurerm_key_vault', 'azurerm_key_vault_key',
  'azurerm_log_analytics_workspace', 'azurerm_application_insights', 'azurerm_monitor_action_group',
  'azurerm_monitor_private_link_scope', 'azurerm_cognitive_account', 'azurerm_cognitive_account_rai_policy',
  'azurerm_search_service', 'azurerm_storage_account', 'azurerm_monitor_metric_alert',
];

describe('PlatformStack', () => {
  describe.each([...shipped.keys()])('%s', (name) => {
    test('pins the azurerm provider and Terraform version', () => {
      const { json } = env(name);
      expect(json.terraform.required_providers.azurerm).toEqual({ source: 'azurerm', version: '4.55.0' });
      expect(json.terraform.required_version).toBe('>= 1.11.0, < 2.0.0');
    });

    test('configures the provider for Entra storage auth and safe destroy behaviour', () => {
      const provider = env(name).json.provider!.azurerm[0];
      expect(provider.storage_use_azuread).toBe(true);
      const features = provider.features[0];
      expect(features.key_vault[0]).toMatchObject({ purge_soft_delete_on_destroy: false, purge_soft_deleted_keys_on_destroy: false, recover_soft_deleted_key_vaults: true });
      expect(features.resource_group[0].prevent_deletion_if_contains_resources).toBe(true);
      expect(features.cognitive_account[0].purge_soft_delete_on_destroy).toBe(false);
      expect(features.log_analytics_workspace[0].permanently_delete_on_destroy).toBe(false);
    });

    test('tags every taggable resource with the platform tags from config', () => {
      const { json, config } = env(name);
      const taggable = allResources(json).filter((r) => TAGGABLE.includes(r.type));
      expect(taggable.length).toBeGreaterThan(30);
      for (const resource of taggable) {
        for (const key of PLATFORM_TAG_KEYS) {
          expect({ address: `${resource.type}.${resource.name}`, value: resource.values.tags?.[key] })
            .toEqual({ address: `${resource.type}.${resource.name}`, value: config.tags[key] });
        }
      }
    });

    test('sends diagnostics of every resource that supports them to the workspace', () => {
      const { json } = env(name);
      const settings = resourcesOf(json, 'azurerm_monitor_diagnostic_setting');
      const targets = settings.map((s) => s.target_resource_id as string);
      const expectTarget = (type: string) => {
        for (const resourceName of Object.keys(json.resource[type] ?? {})) {
          expect(targets).toContain(`\${${type}.${resourceName}.id}`);
        }
      };
      ['azurerm_virtual_network', 'azurerm_network_security_group', 'azurerm_key_vault', 'azurerm_log_analytics_workspace',
        'azurerm_application_insights', 'azurerm_public_ip', 'azurerm_nat_gateway', 'azurerm_cognitive_account',
        'azurerm_search_service', 'azurerm_storage_account'].forEach(expectTarget);
      const workspace = Object.keys(json.resource.azurerm_log_analytics_workspace)[0];
      const blob = Object.keys(json.resource.azurerm_storage_account)[0];
      expect(targets).toContain(`\${azurerm_storage_account.${blob}.id}/blobServices/default`);
      for (const setting of settings) {
        expect(setting.log_analytics_workspace_id).toBe(`\${azurerm_log_analytics_workspace.${workspace}.id}`);
      }
    });

    test('grants roles only through grant methods: no broad role, always resource-scoped', () => {
      for (const assignment of resourcesOf(env(name).json, 'azurerm_role_assignment')) {
        expect(FORBIDDEN_ROLES).not.toContain(assignment.role_definition_name);
        expect(assignment.scope).toMatch(/^\$\{azurerm_[a-z_]+\.[^.]+\.id\}$/);
      }
    });

    test('the CMK identity may use the vault keys for encryption, and nothing more: one grant per vault (a regional vault per extra model region)', () => {
      const { json, config } = env(name);
      const identity = Object.keys(json.resource.azurerm_user_assigned_identity).find((k) => k.startsWith('cmk-identity'))!;
      const grants = resourcesOf(json, 'azurerm_role_assignment').filter((a) => a.principal_id === `\${azurerm_user_assigned_identity.${identity}.principal_id}`);
      const regions = new Set([config.location, ...config.ai.accounts.map((a) => a.location)]);
      expect(grants.map((g) => g.role_definition_name)).toEqual([...regions].map(() => 'Key Vault Crypto Service Encryption User'));
      expect(grants.map((g) => g.scope).sort()).toEqual(Object.keys(json.resource.azurerm_key_vault).map((k) => `\${azurerm_key_vault.${k}.id}`).sort());
    });

    test('keeps every Key Vault private, one per region that hosts a CMK consumer, each with its endpoint in the private-endpoint subnet', () => {
      const { json, config } = env(name);
      const vaults = resourcesOf(json, 'azurerm_key_vault');
      expect(vaults.map((v) => v.location).sort()).toEqual([...new Set([config.location, ...config.ai.accounts.map((a) => a.location)])].sort());
      for (const vault of vaults) expect(vault.public_network_access_enabled).toBe(false);
      const endpoints = resourcesOf(json, 'azurerm_private_endpoint').filter((e) => e.private_service_connection.subresource_names[0] === 'vault');
      expect(endpoints).toHaveLength(vaults.length);
      for (const endpoint of endpoints) {
        expect(endpoint.subnet_id).toMatch(/^\$\{azurerm_subnet\.network_subnet-privateEndpoints_[A-F0-9]+\.id\}$/);
        // Endpoints live in the platform VNet's region, whichever region their vault is in.
        expect(endpoint.location).toBe(config.location);
      }
    });

    test('writes no secret into the plan: key material appears only as references resolved by Terraform', () => {
      const { text, json } = env(name);
      expect(text).not.toMatch(/AccountKey=[^$]|client_secret|BEGIN (RSA )?PRIVATE KEY|password=[^$]/i);
      const secretish = /(access_key|connection_string|password|client_secret)$/i;
      const literals: string[] = [];
      const visit = (value: unknown, path: string) => {
        if (typeof value === 'string') {
          if (secretish.test(path) && value.length > 0 && !value.includes('${')) literals.push(`${path}=${value}`);
        } else if (value && typeof value === 'object') {
          for (const [k, v] of Object.entries(value)) visit(v, `${path}.${k}`);
        }
      };
      visit(json.resource, 'resource');
      expect(literals).toEqual([]);
      expect(Object.values(json.output ?? {}).map((o: any) => String(o.value))).not.toContainEqual(expect.stringMatching(/_key\b|access_key|connection_string/i));
    });

  });

  // Small snapshots, one entry per layer (the stack's top-level constructs): which resources it declares,
  // and a digest of their configuration, so an unintended change names its layer. The assertions above
  // carry the meaning. Only the shipped environments have snapshots: a forked one adds none.
  describe.each(SNAPSHOT_ENVIRONMENTS.filter((n) => shipped.has(n)))('%s layers', (name) => {
    test('match the snapshot (a complement to the assertions above)', () => {
      expect(layerInventory(env(name).json)).toMatchSnapshot();
    });
  });

  /** Each private endpoint of the plan has exactly one lock, on it, named after it (AVM: the resource's lock covers its endpoints). */
  function expectEveryEndpointLocked(json: SynthJson): void {
    const locks = resourcesOf(json, 'azurerm_management_lock');
    for (const [key, endpoint] of Object.entries(json.resource.azurerm_private_endpoint as Record<string, any>)) {
      expect(locks.filter((l) => l.scope === `\${azurerm_private_endpoint.${key}.id}`)).toEqual([
        expect.objectContaining({ name: `lock-${endpoint.name}`, lock_level: 'CanNotDelete' }),
      ]);
    }
  }

  test('prod protects stateful resources and their private endpoints with delete locks, and prevent_destroy; dev does not', () => {
    const prod = env('prod').json;
    const locks = resourcesOf(prod, 'azurerm_management_lock');
    expect(locks.map((l) => l.scope.replace(/^\$\{(azurerm_[a-z_]+)\..*$/, '$1')).sort()).toEqual([
      'azurerm_cognitive_account', 'azurerm_cognitive_account', 'azurerm_container_registry', 'azurerm_key_vault', 'azurerm_key_vault',
      'azurerm_log_analytics_workspace', 'azurerm_managed_redis',
      ...Array<string>(9).fill('azurerm_private_endpoint'),
      'azurerm_search_service', 'azurerm_storage_account',
    ]);
    expectEveryEndpointLocked(prod);
    for (const type of ['azurerm_key_vault', 'azurerm_log_analytics_workspace', 'azurerm_cognitive_account', 'azurerm_search_service', 'azurerm_storage_account']) {
      for (const resource of resourcesOf(prod, type)) expect(resource.lifecycle).toEqual({ prevent_destroy: true });
    }
    expect(locks.every((l) => l.lock_level === 'CanNotDelete')).toBe(true);

    const dev = env('dev').json;
    expect(resourcesOf(dev, 'azurerm_management_lock')).toHaveLength(0);
    expect(onlyResource(dev, 'azurerm_key_vault').lifecycle).toBeUndefined();
  });

  test('staging opts into delete locks without prevent_destroy', () => {
    const staging = env('staging').json;
    // Seven stateful resources and their seven private endpoints.
    expect(resourcesOf(staging, 'azurerm_management_lock')).toHaveLength(14);
    expectEveryEndpointLocked(staging);
    expect(onlyResource(staging, 'azurerm_key_vault').lifecycle).toBeUndefined();
  });

  test('prod and staging keep Monitor ingestion and query private; dev uses public ingestion', () => {
    for (const name of ['prod', 'staging']) {
      const { json } = env(name);
      expect(onlyResource(json, 'azurerm_monitor_private_link_scope')).toMatchObject({ ingestion_access_mode: 'PrivateOnly', query_access_mode: 'PrivateOnly' });
      expect(onlyResource(json, 'azurerm_log_analytics_workspace')).toMatchObject({ internet_ingestion_enabled: false, internet_query_enabled: false });
      expect(onlyResource(json, 'azurerm_application_insights')).toMatchObject({ internet_ingestion_enabled: false, internet_query_enabled: false });
    }
    const dev = env('dev').json;
    expect(resourcesOf(dev, 'azurerm_monitor_private_link_scope')).toHaveLength(0);
    expect(onlyResource(dev, 'azurerm_log_analytics_workspace').internet_ingestion_enabled).toBe(true);
  });

  test('prod uses the hub zones it names and creates the others', () => {
    const { json, config } = env('prod');
    const zones = resourcesOf(json, 'azurerm_private_dns_zone').map((z) => z.name).sort();
    expect(zones).not.toContain(PRIVATE_DNS_ZONES.keyVault);
    expect(zones).not.toContain(PRIVATE_DNS_ZONES.blob);
    // Besides the privatelink zones: APIM's internal zone and the Container Apps environment's default domain.
    expect(zones.filter((z) => z.startsWith('privatelink.'))).toHaveLength(Object.keys(PRIVATE_DNS_ZONES).length - 2);
    expect(zones).toContain('azure-api.net');
    const vaultEndpoint = resourcesOf(json, 'azurerm_private_endpoint').find((e) => e.private_service_connection.subresource_names[0] === 'vault')!;
    expect(vaultEndpoint.private_dns_zone_group.private_dns_zone_ids).toEqual([config.network.hubPrivateDnsZoneResourceIds.keyVault]);
    const amplsEndpoint = resourcesOf(json, 'azurerm_private_endpoint').find((e) => e.private_service_connection.subresource_names[0] === 'azuremonitor')!;
    expect(amplsEndpoint.private_dns_zone_group.private_dns_zone_ids).toContain(config.network.hubPrivateDnsZoneResourceIds.blob);
  });

  test('prod is zone-redundant at the egress, premium in the vault, with HSM keys', () => {
    const { json } = env('prod');
    expect(onlyResource(json, 'azurerm_public_ip').zones).toEqual(['1', '2', '3']);
    expect(resourcesOf(json, 'azurerm_key_vault').map((v) => v.sku_name)).toEqual(['premium', 'premium']);
    // AI services take RSA 2048 only; storage and the cache keep 3072. The failover region has its own cmk-ai.
    expect(resourcesOf(json, 'azurerm_key_vault_key').map((k) => [k.name, k.key_type, k.key_size]).sort()).toEqual([
      ['cmk-ai', 'RSA-HSM', 2048], ['cmk-ai', 'RSA-HSM', 2048], ['cmk-cache', 'RSA-HSM', 3072], ['cmk-storage', 'RSA-HSM', 3072],
    ]);
    expect(onlyResource(env('dev').json, 'azurerm_key_vault').sku_name).toBe('standard');
    expect(resourcesOf(env('dev').json, 'azurerm_key_vault_key').map((k) => [k.name, k.key_type, k.key_size]).sort()).toEqual([
      ['cmk-ai', 'RSA', 2048], ['cmk-cache', 'RSA', 3072], ['cmk-storage', 'RSA', 3072],
    ]);
  });

  test('budgets every resource group with the configured amount, to the action group', () => {
    const { json, config } = env('prod');
    const budgets = resourcesOf(json, 'azurerm_consumption_budget_resource_group');
    expect(budgets.map((b) => b.amount).sort((a, b) => a - b))
      .toEqual(Object.values(config.budgets.monthlyAmounts).sort((a, b) => a - b));
    const actionGroup = Object.keys(json.resource.azurerm_monitor_action_group)[0];
    for (const budget of budgets) {
      for (const notification of budget.notification) {
        expect(notification.contact_groups).toEqual([`\${azurerm_monitor_action_group.${actionGroup}.id}`]);
        expect(notification.contact_emails).toEqual(config.budgets.contactEmails);
      }
    }
  });

  test('state: local backend by default, azurerm with Entra auth when configured', () => {
    const local = synthEnvironment(parseEnvironment(validInput({ name: 'qa', network: { addressSpace: '10.70.0.0/22' } }))).json;
    expect(local.terraform.backend).toEqual({ local: { path: 'terraform.qa.tfstate' } });
    for (const name of ['dev', 'staging', 'prod']) {
      expect(env(name).json.terraform.backend).toEqual({
        azurerm: {
          resource_group_name: 'rg-genai-tfstate', storage_account_name: 'stgenaitfstate01', container_name: `tfstate-${name}`,
          key: `${name}.tfstate`, use_azuread_auth: true,
        },
      });
    }
  });

  describe.each(['dev', 'prod'])('first apply ordering: %s', (name) => {
    const { json } = env(name);
    const addressOf = (type: string, prefix: string) => `${type}.${Object.keys(json.resource[type]).find((k) => k.startsWith(prefix))}`;
    const waits = json.resource.terraform_data as Record<string, { depends_on: string[]; provisioner: { 'local-exec': { command: string } }[]; triggers_replace: unknown }>;

    test('the orchestrator waits for its registry endpoint, the registry zone\'s VNet link and a propagation wait after its grants', () => {
      const app = onlyResource(json, 'azurerm_container_app');
      expect(app.depends_on).toEqual(expect.arrayContaining([
        addressOf('azurerm_private_endpoint', 'registry_private-endpoint'),
        addressOf('azurerm_private_dns_zone_virtual_network_link', 'network_dns-containerRegistry-link'),
      ]));
      const wait = app.depends_on.find((d: string) => d.startsWith('terraform_data.'))!.replace('terraform_data.', '');
      expect(waits[wait].provisioner).toEqual([{ 'local-exec': { command: 'sleep 120' } }]);
      const grants = waits[wait].depends_on.map((d) => json.resource.azurerm_role_assignment[d.replace('azurerm_role_assignment.', '')].role_definition_name);
      expect(grants.sort()).toEqual(['AcrPull', 'Key Vault Secrets User']);
    });

    test('every customer-managed-key consumer waits for a propagation wait after the CMK identity\'s grant, never for the grant alone', () => {
      const consumers = [
        ...resourcesOf(json, 'azurerm_cognitive_account'), ...resourcesOf(json, 'azurerm_storage_account'), ...resourcesOf(json, 'azurerm_managed_redis'),
      ];
      expect(consumers.length).toBeGreaterThan(2);
      for (const consumer of consumers) {
        const wait = (consumer.depends_on as string[]).find((d) => d.startsWith('terraform_data.'));
        expect(wait).toBeDefined();
        expect(waits[wait!.replace('terraform_data.', '')].depends_on).toEqual([expect.stringMatching(/^azurerm_role_assignment\./)]);
      }
    });
  });

  describe('key management on the vault (Key Vault Crypto Officer)', () => {
    const cryptoOfficer = (json: SynthJson) => Object.values(resourcesOf(json, 'azurerm_role_assignment'))
      .filter((a) => a.role_definition_name === 'Key Vault Crypto Officer');

    test('with remote state: the environment\'s CI deploy identity, looked up by name, so plan and deploy identities plan the same', () => {
      const { json } = env('prod');
      expect(json.data!.azurerm_user_assigned_identity['deploy-identity']).toEqual({ name: 'id-genai-prod-deploy', resource_group_name: 'rg-genai-tfstate' });
      // On each vault: the main one and prod's regional vault for the failover account's key.
      expect(cryptoOfficer(json)).toEqual([1, 2].map(() => expect.objectContaining({ principal_id: '${data.azurerm_user_assigned_identity.deploy-identity.principal_id}' })));
    });

    test('with local state: whoever runs the deploy', () => {
      const { json } = synthEnvironment(parseEnvironment(validInput()));
      expect(json.data?.azurerm_user_assigned_identity).toBeUndefined();
      expect(cryptoOfficer(json)).toEqual([expect.objectContaining({ principal_id: '${data.azurerm_client_config.client.object_id}' })]);
    });

    test('state in another subscription: the lookup goes through a provider for that subscription', () => {
      const stateSubscription = '99999999-8888-7777-6666-555555555555';
      const config = parseEnvironment(validInput({
        subscriptionId: '11111111-2222-3333-4444-555555555555',
        state: { backend: 'azurerm', resourceGroupName: 'rg-genai-tfstate', storageAccountName: 'stgenaitfstate01', containerName: 'tfstate-dev', subscriptionId: stateSubscription },
      }));
      const { json } = synthEnvironment(config);
      expect(json.provider!.azurerm).toEqual(expect.arrayContaining([expect.objectContaining({ alias: 'state', subscription_id: stateSubscription })]));
      expect(json.data!.azurerm_user_assigned_identity['deploy-identity'].provider).toBe('azurerm.state');
    });
  });

  test('deployer IP ranges open the vault firewall to exactly those ranges', () => {
    const config = parseEnvironment(validInput({ keyVault: { deployerIpRanges: ['203.0.113.0/28'], deployerAccessReason: 'hosted runners until the VNet pool exists' } }));
    const vault = onlyResource(synthEnvironment(config).json, 'azurerm_key_vault');
    expect(vault.public_network_access_enabled).toBe(true);
    expect(vault.network_acls).toEqual({ default_action: 'Deny', bypass: 'AzureServices', ip_rules: ['203.0.113.0/28'] });
  });

  test('hub egress leaves out the NAT gateway', () => {
    const config = parseEnvironment(validInput({ network: { addressSpace: '10.40.0.0/22', egress: 'hub' } }));
    const { json } = synthEnvironment(config);
    expect(resourcesOf(json, 'azurerm_nat_gateway')).toHaveLength(0);
    expect(resourcesOf(json, 'azurerm_public_ip')).toHaveLength(0);
  });

  describe('operations: alerts and the token-usage workbook', () => {
    const alertsOf = (json: SynthJson) => Object.values(resourcesOf(json, 'azurerm_monitor_metric_alert')).map((a) => {
      const criteria = Array.isArray(a.criteria) ? a.criteria[0] : a.criteria;
      return { name: a.name as string, metric: criteria.metric_name as string, namespace: criteria.metric_namespace as string, actions: a.action };
    });
    const expected: Record<string, string[]> = {
      dev: [
        'Microsoft.ApiManagement/service Capacity', 'Microsoft.ApiManagement/service Requests', 'Microsoft.App/containerApps RestartCount',
        'Microsoft.CognitiveServices/accounts AzureOpenAIRequests', 'Microsoft.CognitiveServices/accounts AzureOpenAIRequests',
        'Microsoft.KeyVault/vaults Availability',
      ],
    };
    // staging and prod add the PTU alerts of the primary account (utilization, spillover); prod its failover account's.
    expected.staging = [...expected.dev, 'Microsoft.CognitiveServices/accounts AzureOpenAIProvisionedManagedUtilizationV2', 'Microsoft.CognitiveServices/accounts AzureOpenAIRequests'];
    expected.prod = [...expected.staging, 'Microsoft.CognitiveServices/accounts AzureOpenAIRequests', 'Microsoft.CognitiveServices/accounts AzureOpenAIRequests'];

    test.each(['dev', 'staging', 'prod'])('%s: every alert and its metric, all to the environment\'s action group', (name) => {
      const { json } = env(name);
      const alerts = alertsOf(json);
      expect(alerts.map((a) => `${a.namespace} ${a.metric}`).sort()).toEqual([...expected[name]].sort());
      const actionGroups = Object.keys(json.resource.azurerm_monitor_action_group);
      expect(actionGroups).toHaveLength(1);
      for (const a of alerts) expect(a.actions).toEqual([{ action_group_id: `\${azurerm_monitor_action_group.${actionGroups[0]}.id}` }]);
      expect(alerts.map((a) => a.name)).toEqual(expect.arrayContaining([
        `alert-genai-${name}-apim-backend-failures`, `alert-genai-${name}-ca-orchestrator-restarts`, `alert-genai-${name}-kv-availability`,
      ]));
    });

    test.each(['dev', 'staging', 'prod'])('%s: the workbook reads the metric namespace, dimensions and API the gateway emits', (name) => {
      const { json } = env(name);
      const workbook = onlyResource(json, 'azurerm_application_insights_workbook');
      const queries = (JSON.parse(workbook.data_json).items as { content?: { query?: string } }[])
        .map((i) => i.content?.query).filter((q): q is string => typeof q === 'string');
      const modelApiPolicy = Object.values(resourcesOf(json, 'azurerm_api_management_api_policy'))[0].xml_content as string;
      const emit = /<llm-emit-token-metric namespace="([^"]+)">([\s\S]*?)<\/llm-emit-token-metric>/.exec(modelApiPolicy)!;
      const dimensions = [...emit[2].matchAll(/<dimension name="([^"]+)"/g)].map((m) => m[1]);
      const api = onlyResource(json, 'azurerm_api_management_api');
      const tokenQueries = queries.filter((q) => q.includes('customMetrics'));
      expect(tokenQueries.length).toBeGreaterThan(0);
      for (const q of tokenQueries) {
        expect(q).toContain(`"_MS.MetricNamespace"]) in ("${emit[1]}"`);
        for (const dimension of ['Team', 'Model', 'Deployment']) {
          expect(dimensions).toContain(dimension);
          expect(q).toContain(`customDimensions["${dimension}"]`);
        }
      }
      for (const q of queries.filter((q) => q.includes('requests'))) expect(q).toContain(`operation_Name startswith "${api.name};"`);
      expect(workbook.source_id).toMatch(/^\$\{lower\(azurerm_application_insights\.monitoring_app-insights_[0-9A-F]+\.id\)\}$/);
    });
  });

  describe('AI services layer', () => {
    const grantsOf = (json: SynthJson, identityPrefix: string) => {
      const identity = Object.keys(json.resource.azurerm_user_assigned_identity).find((k) => k.startsWith(identityPrefix))!;
      return resourcesOf(json, 'azurerm_role_assignment')
        .filter((a) => a.principal_id === `\${azurerm_user_assigned_identity.${identity}.principal_id}`)
        .map((a) => `${a.role_definition_name} on ${String(a.scope).replace(/^\$\{(azurerm_[a-z_]+)\.([^.]+)\.id\}$/, '$1.$2')}`)
        .sort();
    };

    test('least privilege: the gateway calls every model account; search embeds and reads; the orchestrator never calls models', () => {
      const { json } = env('prod');
      const accounts = Object.keys(json.resource.azurerm_cognitive_account).map((k) => `azurerm_cognitive_account.${k}`).sort();
      const primary = accounts.find((a) => a.includes('primary'))!;
      const search = `azurerm_search_service.${Object.keys(json.resource.azurerm_search_service)[0]}`;
      const storage = `azurerm_storage_account.${Object.keys(json.resource.azurerm_storage_account)[0]}`;
      // The platform's main vault (the regional ones hold only the failover accounts' keys).
      const vault = `azurerm_key_vault.${Object.keys(json.resource.azurerm_key_vault).find((k) => k.startsWith('key-vault_'))}`;
      expect(grantsOf(json, 'gateway-identity')).toEqual([
        ...accounts.map((a) => `Cognitive Services OpenAI User on ${a}`), `Cognitive Services User on ${primary}`,
        // The gateway's logger authenticates to App Insights with this identity (local auth is off).
        `Monitoring Metrics Publisher on azurerm_application_insights.${Object.keys(json.resource.azurerm_application_insights)[0]}`,
      ].sort());
      expect(grantsOf(json, 'search-identity')).toEqual([
        `Cognitive Services OpenAI User on ${primary}`, `Key Vault Crypto Service Encryption User on ${vault}`, `Storage Blob Data Reader on ${storage}`,
      ]);
      const registry = `azurerm_container_registry.${Object.keys(json.resource.azurerm_container_registry)[0]}`;
      expect(grantsOf(json, 'orchestrator-identity')).toEqual([
        `AcrPull on ${registry}`, `Key Vault Secrets User on ${vault}`, `Search Index Data Reader on ${search}`, `Storage Blob Data Reader on ${storage}`,
      ]);
    });

    test('prod sizes gpt-4.1 PTU from peak and spills over natively to its pay-as-you-go twin', () => {
      const { json } = env('prod');
      const deployments = resourcesOf(json, 'azurerm_cognitive_deployment');
      const ptu = deployments.find((d) => d.name === 'gpt-4.1-ptu' && String(d.cognitive_account_id).includes('primary'))!;
      expect(ptu.sku).toEqual({ name: 'DataZoneProvisionedManaged', capacity: 160 });
      const spillover = resourcesOf(json, 'azapi_update_resource').find((u) => String(u.type).startsWith('Microsoft.CognitiveServices'))!;
      expect(spillover.resource_id).toMatch(/^\$\{azurerm_cognitive_deployment\.model-account-primary_deployment-gpt-41-ptu_[A-F0-9]+\.id\}$/);
      expect(spillover.body).toEqual({ properties: { spilloverDeploymentName: 'gpt-4.1' } });
      expect(json.terraform.required_providers.azapi).toEqual({ source: 'Azure/azapi', version: '2.8.0' });
    });

    test('prod has a pay-as-you-go failover account in a second region, private through the platform VNet', () => {
      const { json } = env('prod');
      const accounts = resourcesOf(json, 'azurerm_cognitive_account');
      expect(accounts.map((a) => a.location).sort()).toEqual(['germanywestcentral', 'swedencentral']);
      const failoverEndpoint = resourcesOf(json, 'azurerm_private_endpoint').find((e) => e.name.includes('ais-failover'))!;
      expect(failoverEndpoint.location).toBe('swedencentral');
      const failoverDeployments = resourcesOf(json, 'azurerm_cognitive_deployment').filter((d) => String(d.cognitive_account_id).includes('failover'));
      expect(failoverDeployments.every((d) => !String(d.sku.name).includes('Provisioned'))).toBe(true);
    });

    test('dev is pay-as-you-go only; staging runs the minimum PTU', () => {
      const skus = (name: string) => resourcesOf(env(name).json, 'azurerm_cognitive_deployment').map((d) => d.sku);
      expect(skus('dev').some((s) => String(s.name).includes('Provisioned'))).toBe(false);
      expect(resourcesOf(env('dev').json, 'azapi_update_resource').filter((u) => String(u.type).startsWith('Microsoft.CognitiveServices'))).toHaveLength(0);
      expect(skus('staging')).toContainEqual({ name: 'DataZoneProvisionedManaged', capacity: 15 });
    });

    test('search and documents follow the environment: replicas, SKU, replication', () => {
      expect(onlyResource(env('prod').json, 'azurerm_search_service')).toMatchObject({ sku: 'standard', replica_count: 3, partition_count: 2 });
      expect(onlyResource(env('dev').json, 'azurerm_search_service')).toMatchObject({ sku: 'basic', replica_count: 2 });
      expect(onlyResource(env('prod').json, 'azurerm_storage_account').account_replication_type).toBe('GZRS');
      expect(onlyResource(env('dev').json, 'azurerm_storage_account').account_replication_type).toBe('LRS');
    });
  });
});

import aca001 from '../../../policy/rules/aca/GAI-ACA-001';
import aca002 from '../../../policy/rules/aca/GAI-ACA-002';
import aca003 from '../../../policy/rules/aca/GAI-ACA-003';
import aca004 from '../../../policy/rules/aca/GAI-ACA-004';
import aca005 from '../../../policy/rules/aca/GAI-ACA-005';
import aca006 from '../../../policy/rules/aca/GAI-ACA-006';
import aca007 from '../../../policy/rules/aca/GAI-ACA-007';
import aca008 from '../../../policy/rules/aca/GAI-ACA-008';
import aca009 from '../../../policy/rules/aca/GAI-ACA-009';
import aca010 from '../../../policy/rules/aca/GAI-ACA-010';
import aca011 from '../../../policy/rules/aca/GAI-ACA-011';
import aca012 from '../../../policy/rules/aca/GAI-ACA-012';
import aca013 from '../../../policy/rules/aca/GAI-ACA-013';
import aca014 from '../../../policy/rules/aca/GAI-ACA-014';
import { parsePlan } from '../../../policy/plan';
import { ResourceGraph } from '../../../policy/graph';
import { bothFormats, FixtureResource, messagesOf, statusOf, Values } from '../harness';
import aca015 from '../../../policy/rules/aca/GAI-ACA-015';


const environment = (values: Values, name = 'env'): FixtureResource => ({
  type: 'azurerm_container_app_environment',
  name,
  values: { name: 'cae-genai', location: 'swedencentral', resource_group_name: 'rg', ...values },
});

const probe = { transport: 'HTTP', port: 8080, path: '/healthz' };
const goodContainer = {
  name: 'orchestrator',
  image: 'acrgenai.azurecr.io/orchestrator@sha256:' + 'a'.repeat(64),
  cpu: 0.5,
  memory: '1Gi',
  liveness_probe: [probe],
  readiness_probe: [probe],
  env: [{ name: 'GATEWAY_URL', value: 'https://apim.internal/openai' }, { name: 'AZURE_OPENAI_API_KEY', secret_name: 'aoai-key' }],
};

/** A compliant container app; `template`/`values` override parts of it. */
const app = (values: Values = {}, template: Values = {}, extra: FixtureResource[] = []): FixtureResource[] => [
  {
    type: 'azurerm_container_app',
    name: 'app',
    values: {
      name: 'ca-orchestrator',
      container_app_environment_id: '${azurerm_container_app_environment.env.id}',
      resource_group_name: 'rg',
      revision_mode: 'Single',
      identity: { type: 'UserAssigned', identity_ids: ['${azurerm_user_assigned_identity.orchestrator.id}'] },
      ingress: { external_enabled: false, allow_insecure_connections: false, target_port: 8080, traffic_weight: [{ latest_revision: true, percentage: 100 }] },
      registry: [{ server: 'acrgenai.azurecr.io', identity: '${azurerm_user_assigned_identity.orchestrator.id}' }],
      secret: [{ name: 'aoai-key', key_vault_secret_id: '${azurerm_key_vault_secret.k.versionless_id}', identity: '${azurerm_user_assigned_identity.orchestrator.id}' }],
      template: { min_replicas: 3, max_replicas: 10, container: [goodContainer], ...template },
      ...values,
    },
  },
  ...extra,
];

describe('GAI-ACA-001 environment is VNet-injected', () => {
  test.each([
    ['a subnet reference', { infrastructure_subnet_id: '${azurerm_subnet.apps.id}' }, 'compliant'],
    ['a literal subnet id', { infrastructure_subnet_id: '/subscriptions/x/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/apps' }, 'compliant'],
    ['plan JSON unknown-after-apply', { infrastructure_subnet_id: '${unknown-after-apply}' }, 'compliant'],
    ['missing', {}, 'non-compliant'],
  ])('%s', (_case, values, expected) => {
    expect(statusOf(aca001, [environment(values)])).toBe(expected);
  });
});

describe('GAI-ACA-002 internal load balancer', () => {
  test.each([
    ['internal', { internal_load_balancer_enabled: true }, 'compliant'],
    ['external', { internal_load_balancer_enabled: false }, 'non-compliant'],
    ['missing (provider default false)', {}, 'non-compliant'],
    ['unknown until apply', { internal_load_balancer_enabled: '${var.internal}' }, 'unknown'],
  ])('%s', (_case, values, expected) => {
    expect(statusOf(aca002, [environment(values)])).toBe(expected);
  });
});

describe('GAI-ACA-003 public network access disabled', () => {
  test.each([
    ['Disabled', { public_network_access: 'Disabled' }, 'compliant'],
    ['Enabled', { public_network_access: 'Enabled' }, 'non-compliant'],
    ['Enabled even when internal', { public_network_access: 'Enabled', internal_load_balancer_enabled: true }, 'non-compliant'],
    ['unset on an internal environment (no public endpoint)', { internal_load_balancer_enabled: true }, 'compliant'],
    ['unset on an external environment', { internal_load_balancer_enabled: false }, 'non-compliant'],
    ['unset with the default (external)', {}, 'non-compliant'],
    ['unknown until apply', { public_network_access: '${var.pna}' }, 'unknown'],
    ['unset and internal mode unknown', { internal_load_balancer_enabled: '${var.internal}' }, 'unknown'],
  ])('%s', (_case, values, expected) => {
    expect(statusOf(aca003, [environment(values)])).toBe(expected);
  });
});

describe('GAI-ACA-004 zone redundancy (production only)', () => {
  test.each([
    ['zone redundant', { zone_redundancy_enabled: true }, 'compliant'],
    ['not zone redundant', { zone_redundancy_enabled: false }, 'non-compliant'],
    ['missing (provider default false)', {}, 'non-compliant'],
    ['unknown until apply', { zone_redundancy_enabled: '${var.zr}' }, 'unknown'],
  ])('production: %s', (_case, values, expected) => {
    expect(statusOf(aca004, [environment(values)], { production: true })).toBe(expected);
  });
  test('not applicable outside production', () => {
    expect(statusOf(aca004, [environment({})], { production: false })).toBe('not-applicable');
  });
});

describe('GAI-ACA-005 application logs destination', () => {
  const workspace = '${azurerm_log_analytics_workspace.law.id}';
  test.each([
    ['log-analytics with a workspace', { logs_destination: 'log-analytics', log_analytics_workspace_id: workspace }, 'compliant'],
    ['workspace only (provider infers log-analytics)', { log_analytics_workspace_id: workspace }, 'compliant'],
    ['log-analytics without a workspace', { logs_destination: 'log-analytics' }, 'non-compliant'],
    ['nothing set (streamed only)', {}, 'non-compliant'],
    ['azure-monitor without a diagnostic setting', { logs_destination: 'azure-monitor' }, 'non-compliant'],
    ['destination unknown until apply', { logs_destination: '${var.dest}' }, 'unknown'],
  ])('%s', (_case, values, expected) => {
    expect(statusOf(aca005, [environment(values)])).toBe(expected);
  });
  test('azure-monitor with a diagnostic setting targeting the environment', () => {
    expect(statusOf(aca005, [environment({ logs_destination: 'azure-monitor' }), {
      type: 'azurerm_monitor_diagnostic_setting',
      values: { target_resource_id: '${azurerm_container_app_environment.env.id}', log_analytics_workspace_id: workspace },
    }])).toBe('compliant');
  });
  test('a diagnostic setting on another resource does not count', () => {
    expect(statusOf(aca005, [environment({ logs_destination: 'azure-monitor' }), {
      type: 'azurerm_monitor_diagnostic_setting',
      values: { target_resource_id: '${azurerm_key_vault.kv.id}', log_analytics_workspace_id: workspace },
    }])).toBe('non-compliant');
  });
});

describe('GAI-ACA-006 mutual TLS', () => {
  test.each([
    ['enabled', { mutual_tls_enabled: true }, 'compliant'],
    ['disabled', { mutual_tls_enabled: false }, 'non-compliant'],
    ['missing (provider default false)', {}, 'non-compliant'],
    ['unknown until apply', { mutual_tls_enabled: '${var.mtls}' }, 'unknown'],
  ])('%s', (_case, values, expected) => {
    expect(statusOf(aca006, [environment(values)])).toBe(expected);
  });
});

describe('GAI-ACA-007 internal ingress', () => {
  const ingress = (values: Values) => ({ ingress: { target_port: 8080, ...values } });
  test.each([
    ['internal', ingress({ external_enabled: false }), 'compliant'],
    ['missing (provider default false)', ingress({}), 'compliant'],
    ['external', ingress({ external_enabled: true }), 'non-compliant'],
    ['unknown until apply', ingress({ external_enabled: '${var.external}' }), 'unknown'],
  ])('%s', (_case, values, expected) => {
    expect(statusOf(aca007, app(values))).toBe(expected);
  });
  test('not applicable without ingress', () => {
    expect(statusOf(aca007, app({ ingress: undefined }))).toBe('not-applicable');
  });
  test('reads the plan JSON list form of the block', () => {
    expect(statusOf(aca007, app({ ingress: [{ external_enabled: true, target_port: 80 }] }))).toBe('non-compliant');
  });
});

describe('GAI-ACA-008 no insecure connections', () => {
  const ingress = (values: Values) => ({ ingress: { target_port: 8080, ...values } });
  test.each([
    ['refused', ingress({ allow_insecure_connections: false }), 'compliant'],
    ['missing (provider default false)', ingress({}), 'compliant'],
    ['allowed', ingress({ allow_insecure_connections: true }), 'non-compliant'],
    ['unknown until apply', ingress({ allow_insecure_connections: '${var.insecure}' }), 'unknown'],
  ])('%s', (_case, values, expected) => {
    expect(statusOf(aca008, app(values))).toBe(expected);
  });
  test('not applicable without ingress', () => {
    expect(statusOf(aca008, app({ ingress: undefined }))).toBe('not-applicable');
  });
});

describe('GAI-ACA-009 managed identity for registries and secrets', () => {
  test('compliant: identity, identity-based registry, Key Vault reference secrets', () => {
    expect(statusOf(aca009, app())).toBe('compliant');
  });
  test('compliant without registries or secrets', () => {
    expect(statusOf(aca009, app({ registry: undefined, secret: undefined }))).toBe('compliant');
  });
  test('non-compliant without an identity', () => {
    expect(messagesOf(aca009, app({ identity: undefined }))).toEqual(['`identity` is not set; expected a managed identity (user-assigned for the workload)']);
  });
  test('non-compliant: a registry with a password', () => {
    expect(messagesOf(aca009, app({ registry: [{ server: 'acrgenai.azurecr.io', username: 'admin', password_secret_name: 'acr-pw' }] })))
      .toEqual(['registry acrgenai.azurecr.io authenticates with `password_secret_name`; expected `identity` (AcrPull) and no password']);
  });
  test('non-compliant: a registry with neither identity nor password', () => {
    expect(statusOf(aca009, app({ registry: [{ server: 'acrgenai.azurecr.io' }] }))).toBe('non-compliant');
  });
  test('non-compliant: a secret with a literal value (even an expression)', () => {
    expect(messagesOf(aca009, app({ secret: [{ name: 'aoai-key', value: '${azurerm_cognitive_account.aoai.primary_access_key}' }] })))
      .toEqual(['secret aoai-key holds a `value` in the app configuration; expected a Key Vault reference (`key_vault_secret_id` + `identity`)']);
  });
  test('non-compliant: a Key Vault reference without an identity', () => {
    expect(messagesOf(aca009, app({ secret: [{ name: 's', key_vault_secret_id: '${azurerm_key_vault_secret.k.versionless_id}' }] })))
      .toEqual(['secret s is missing `identity`; expected a Key Vault reference read with a managed identity']);
  });
  test('reports every problem', () => {
    expect(messagesOf(aca009, app({ identity: undefined, registry: [{ server: 'r.azurecr.io', password_secret_name: 'p' }], secret: [{ name: 'p', value: 'x' }] }))).toHaveLength(3);
  });
});

describe('GAI-ACA-010 minimum replicas (production only)', () => {
  const env = (values: Values) => environment(values);
  test.each([
    ['3 in a zone-redundant environment', 3, { zone_redundancy_enabled: true }, 'compliant'],
    ['2 in a non-zonal environment', 2, { zone_redundancy_enabled: false }, 'compliant'],
    ['2 with zone redundancy unset (default false)', 2, {}, 'compliant'],
    ['2 in a zone-redundant environment', 2, { zone_redundancy_enabled: true }, 'non-compliant'],
    ['1', 1, {}, 'non-compliant'],
    ['missing (default 0, scale to zero)', undefined, {}, 'non-compliant'],
    ['unknown until apply', '${var.min}', {}, 'unknown'],
    ['2 with zone redundancy unknown', 2, { zone_redundancy_enabled: '${var.zr}' }, 'unknown'],
  ])('%s', (_case, min, envValues, expected) => {
    expect(statusOf(aca010, app({}, { min_replicas: min }, [env(envValues)]), { production: true })).toBe(expected);
  });
  test('2 with the environment outside the plan is unknown', () => {
    expect(statusOf(aca010, app({ container_app_environment_id: '/subscriptions/x/.../managedEnvironments/e' }, { min_replicas: 2 }), { production: true })).toBe('unknown');
  });
  test('not applicable outside production', () => {
    expect(statusOf(aca010, app({}, { min_replicas: 0 }), { production: false })).toBe('not-applicable');
  });
  test('explains the default', () => {
    expect(messagesOf(aca010, app({}, { min_replicas: undefined }, [env({})]), { production: true }))
      .toEqual(['`template.min_replicas` is not set (the provider default 0 applies); expected at least 2']);
  });
});

describe('GAI-ACA-011 IP restrictions are an allowlist', () => {
  const restrictions = (...actions: unknown[]) => ({
    ingress: { target_port: 8080, ip_security_restriction: actions.map((action, i) => ({ name: `r${i}`, action, ip_address_range: '10.0.0.0/8' })) },
  });
  test.each([
    ['all Allow', restrictions('Allow', 'Allow'), 'compliant'],
    ['a Deny entry', restrictions('Allow', 'Deny'), 'non-compliant'],
    ['an action unknown until apply', restrictions('${var.action}'), 'unknown'],
  ])('%s', (_case, values, expected) => {
    expect(statusOf(aca011, app(values))).toBe(expected);
  });
  test('not applicable without restrictions', () => {
    expect(statusOf(aca011, app())).toBe('not-applicable');
  });
});

describe('GAI-ACA-012 no secrets in environment variables', () => {
  const withEnv = (...env: Values[]) => app({}, { container: [{ ...goodContainer, env }] });
  test.each([
    ['plain settings and secret_name references', [{ name: 'GATEWAY_URL', value: 'https://apim' }, { name: 'API_KEY', secret_name: 'k' }, { name: 'KEY_VAULT_URI', value: 'https://kv.vault.azure.net/' }], 'compliant'],
    ['an identity client id reference', [{ name: 'AZURE_CLIENT_ID', value: '${azurerm_user_assigned_identity.o.client_id}' }], 'compliant'],
    ['a literal API key', [{ name: 'AZURE_OPENAI_API_KEY', value: '0123456789abcdef' }], 'non-compliant'],
    ['a literal password', [{ name: 'DB_PASSWORD', value: 'hunter2' }], 'non-compliant'],
    // A placeholder, not a key: the rule matches the `AccountKey=` shape whatever follows it.
    ['a storage connection string under any name', [{ name: 'DOCS', value: 'DefaultEndpointsProtocol=https;AccountName=a;AccountKey=<placeholder>' }], 'non-compliant'],
    ['a SAS URL', [{ name: 'UPLOAD_URL', value: 'https://a.blob.core.windows.net/c?sv=2022&sig=abc' }], 'non-compliant'],
    ['a key attribute copied from another resource', [{ name: 'SEARCH', value: '${azurerm_search_service.s.primary_key}' }], 'non-compliant'],
    ['a secret-like name with a value unknown until apply', [{ name: 'GATEWAY_SUBSCRIPTION_KEY', value: '${var.apim_key}' }], 'unknown'],
  ])('%s', (_case, env, expected) => {
    expect(statusOf(aca012, withEnv(...env))).toBe(expected);
  });
  test('init containers are checked too', () => {
    expect(statusOf(aca012, app({}, { init_container: [{ name: 'init', image: 'x', env: [{ name: 'TOKEN', value: 'abc' }] }] }))).toBe('non-compliant');
  });
  test('names the container and variable', () => {
    expect(messagesOf(aca012, withEnv({ name: 'DB_PASSWORD', value: 'hunter2' })))
      .toEqual(['container orchestrator: env DB_PASSWORD looks like a credential and has a literal `value`; expected `secret_name` referencing a Key Vault secret']);
  });
});

describe('GAI-ACA-013 approved, pinned images', () => {
  const image = (img: unknown, registry: unknown = [{ server: 'acrgenai.azurecr.io', identity: 'System' }], extra: FixtureResource[] = []) =>
    app({ registry }, { container: [{ ...goodContainer, image: img }] }, extra);
  const digest = 'sha256:' + 'b'.repeat(64);
  test.each([
    ['a digest from the declared registry', image(`acrgenai.azurecr.io/orchestrator@${digest}`), 'compliant'],
    ['a version tag from the declared registry', image('acrgenai.azurecr.io/orchestrator:1.4.2'), 'compliant'],
    ['latest', image('acrgenai.azurecr.io/orchestrator:latest'), 'non-compliant'],
    ['no tag', image('acrgenai.azurecr.io/orchestrator'), 'non-compliant'],
    ['Docker Hub', image(`nginx@${digest}`), 'non-compliant'],
    ['an undeclared registry', image(`ghcr.io/someone/app@${digest}`), 'non-compliant'],
    ['the whole image unknown until apply', image('${var.image}'), 'unknown'],
    ['a tag unknown until apply', image('acrgenai.azurecr.io/orchestrator:${var.tag}'), 'unknown'],
    ['a digest unknown until apply', image('acrgenai.azurecr.io/orchestrator@${var.digest}'), 'unknown'],
  ])('%s', (_case, resources, expected) => {
    expect(statusOf(aca013, resources)).toBe(expected);
  });
  test('an in-plan container registry login server is approved', () => {
    expect(statusOf(aca013, image(`\${azurerm_container_registry.acr.login_server}/orchestrator@${digest}`, [{ server: '${azurerm_container_registry.acr.login_server}', identity: 'System' }], [
      { type: 'azurerm_container_registry', name: 'acr', values: { name: 'acrgenai', sku: 'Premium' } },
    ]))).toBe('compliant');
  });
  test('an in-plan registry is approved even when the app declares it by expression only in the image', () => {
    expect(statusOf(aca013, image(`\${azurerm_container_registry.acr.login_server}/orchestrator:2.0.0`, [], [
      { type: 'azurerm_container_registry', name: 'acr', values: { name: 'acrgenai', sku: 'Premium' } },
    ]))).toBe('compliant');
  });
});

describe('GAI-ACA-014 health probes', () => {
  test.each([
    ['both probes', {}, 'compliant'],
    ['no liveness probe', { liveness_probe: undefined }, 'non-compliant'],
    ['no readiness probe', { readiness_probe: [] }, 'non-compliant'],
  ])('%s', (_case, container, expected) => {
    expect(statusOf(aca014, app({}, { container: [{ ...goodContainer, ...container }] }))).toBe(expected);
  });
  test('names the missing probes', () => {
    expect(messagesOf(aca014, app({}, { container: [{ ...goodContainer, liveness_probe: undefined, readiness_probe: undefined }] })))
      .toEqual(['container orchestrator has no `liveness_probe` or `readiness_probe`; expected both']);
  });
});

describe('container app rules read plan JSON', () => {
  test('single nested blocks as one-element lists and unknown-after-apply values', () => {
    const plan = parsePlan({
      format_version: '1.2',
      planned_values: { root_module: { resources: [{
        address: 'azurerm_container_app.app', mode: 'managed', type: 'azurerm_container_app', name: 'app',
        values: { ingress: [{ external_enabled: false, allow_insecure_connections: true }], template: [{ min_replicas: 2, container: [{ name: 'c', image: 'x' }] }] },
      }] } },
      resource_changes: [],
    }, 'plan.json');
    const graph = new ResourceGraph(plan);
    const [resource] = plan.resources;
    expect(aca007.check(resource, { graph, production: false })).toEqual({ status: 'compliant' });
    expect(aca008.check(resource, { graph, production: false })).toMatchObject({ status: 'non-compliant' });
  });
});

describe('GAI-ACA-015 pulls from a private registry wait for its private endpoint', () => {
  const registry = (values: Record<string, unknown> = {}): FixtureResource => ({ type: 'azurerm_container_registry', name: 'acr', values: { name: 'crgenai', sku: 'Premium', public_network_access_enabled: false, ...values } });
  const endpoint: FixtureResource = {
    type: 'azurerm_private_endpoint', name: 'pe',
    values: { name: 'pe-cr', private_service_connection: { private_connection_resource_id: '${azurerm_container_registry.acr.id}', subresource_names: ['registry'] }, private_dns_zone_group: { name: 'default', private_dns_zone_ids: ['${azurerm_private_dns_zone.acr.id}'] } },
  };
  const app = (dependsOn?: string[], server = '${azurerm_container_registry.acr.login_server}'): FixtureResource => ({
    type: 'azurerm_container_app', name: 'app',
    values: { name: 'ca-orch', registry: [{ server, identity: '${azurerm_user_assigned_identity.app.id}' }], ...(dependsOn ? { depends_on: dependsOn } : {}) },
  });
  const wait: FixtureResource = { type: 'terraform_data', name: 'wait', values: { triggers_replace: { pe: '${azurerm_private_endpoint.pe.id}' } } };
  test.each([
    ['depends on the endpoint (shipped)', [app(['azurerm_role_assignment.pull', 'azurerm_private_endpoint.pe']), registry(), endpoint], 'compliant'],
    ['waits for it through another resource', [app(['terraform_data.wait']), registry(), endpoint, wait], 'compliant'],
    ['depends only on the pull grant (the old shipped shape)', [app(['azurerm_role_assignment.pull']), registry(), endpoint], 'non-compliant'],
    ['no ordering at all', [app(), registry(), endpoint], 'non-compliant'],
    ['private registry without an endpoint', [app(), registry()], 'non-compliant'],
    ['literal login server of a private registry', [app(undefined, 'crgenai.azurecr.io'), registry({ login_server: 'crgenai.azurecr.io' }), endpoint], 'non-compliant'],
    ['public registry', [app(), registry({ public_network_access_enabled: true }), endpoint], 'compliant'],
    ['registry not in the plan', [app(undefined, 'mcr.microsoft.com')], 'compliant'],
    ['no registry block', [{ type: 'azurerm_container_app', name: 'app', values: { name: 'ca' } }], 'not-applicable'],
  ] as const)('%s', (_, resources, expected) => {
    expect(statusOf(aca015, resources as unknown as FixtureResource[])).toBe(expected);
  });

  const zone: FixtureResource = { type: 'azurerm_private_dns_zone', name: 'acr', values: { name: 'privatelink.azurecr.io' } };
  const link: FixtureResource = { type: 'azurerm_private_dns_zone_virtual_network_link', name: 'link', values: { private_dns_zone_name: '${azurerm_private_dns_zone.acr.name}', virtual_network_id: '${azurerm_virtual_network.v.id}' } };
  test.each([
    ['the zone is linked in this plan and the app waits for the link too (shipped)', [app(['azurerm_private_endpoint.pe', 'azurerm_private_dns_zone_virtual_network_link.link']), registry(), endpoint, zone, link], 'compliant'],
    ['the zone is linked in this plan but the app waits only for the endpoint', [app(['azurerm_private_endpoint.pe']), registry(), endpoint, zone, link], 'non-compliant'],
    ['a hub zone (no link in this plan): the endpoint is enough', [app(['azurerm_private_endpoint.pe']), registry(), endpoint, zone], 'compliant'],
  ] as const)('DNS link: %s', (_, resources, expected) => {
    expect(bothFormats(aca015, resources as unknown as FixtureResource[])).toEqual([expected, expected]);
  });

  test.each([
    ['depends on the endpoint', [app(['azurerm_role_assignment.pull', 'azurerm_private_endpoint.pe']), registry(), endpoint], 'compliant'],
    ['depends only on the pull grant (the old shipped shape)', [app(['azurerm_role_assignment.pull']), registry(), endpoint], 'non-compliant'],
  ] as const)('plan JSON (depends_on from its configuration section): %s', (_, resources, expected) => {
    expect(statusOf(aca015, resources as unknown as FixtureResource[], { format: 'terraform-plan' })).toBe(expected);
  });
});

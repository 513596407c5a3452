/**
 * Graph / relationship rules (research/policy-catalog.md §8): private endpoints and DNS (PE),
 * orphan NSGs (NET-008), diagnostics and alerts (MON-004..007), CMK keys (KEY-006/007), workload
 * identities (IAM-008..010) and budgets (COST-003/004). Fixtures wire resources with
 * `${type.name.attr}` references exactly as cdktf writes them.
 */
import pe001 from '../../../policy/rules/pe/GAI-PE-001';
import pe002 from '../../../policy/rules/pe/GAI-PE-002';
import pe003 from '../../../policy/rules/pe/GAI-PE-003';
import pe004 from '../../../policy/rules/pe/GAI-PE-004';
import pe005 from '../../../policy/rules/pe/GAI-PE-005';
import net008 from '../../../policy/rules/net/GAI-NET-008';
import mon004 from '../../../policy/rules/mon/GAI-MON-004';
import mon005 from '../../../policy/rules/mon/GAI-MON-005';
import mon006 from '../../../policy/rules/mon/GAI-MON-006';
import mon007 from '../../../policy/rules/mon/GAI-MON-007';
import key006 from '../../../policy/rules/key/GAI-KEY-006';
import key007 from '../../../policy/rules/key/GAI-KEY-007';
import iam008 from '../../../policy/rules/iam/GAI-IAM-008';
import iam009 from '../../../policy/rules/iam/GAI-IAM-009';
import iam010 from '../../../policy/rules/iam/GAI-IAM-010';
import cost003 from '../../../policy/rules/cost/GAI-COST-003';
import cost004 from '../../../policy/rules/cost/GAI-COST-004';
import { ResourceGraph } from '../../../policy/graph';
import { parsePlan } from '../../../policy/plan';
import { Outcome, Rule } from '../../../policy/rule';
import { synthEnvironment } from '../../stacks/synth';
import { check, FixtureResource, messagesOf, ref, statusOf, Values } from '../harness';


const r = (type: string, name: string, values: Values): FixtureResource => ({ type, name, values });

/** A copy of `resources` with `values` merged into the resource at `address` (undefined removes a key). */
function patch(resources: readonly FixtureResource[], address: string, values: Values): FixtureResource[] {
  let found = false;
  const out = resources.map((res) => {
    if (`${res.type}.${res.name}` !== address) return res;
    found = true;
    const merged: Values = { ...res.values, ...values };
    for (const [k, v] of Object.entries(values)) if (v === undefined) delete merged[k];
    return { ...res, values: merged };
  });
  if (!found) throw new Error(`no ${address} in the fixture`);
  return out;
}

const without = (resources: readonly FixtureResource[], ...addresses: string[]) =>
  resources.filter((res) => !addresses.includes(`${res.type}.${res.name}`));

const HUB = '/subscriptions/00000000-0000-0000-0000-00000000c0de/resourceGroups/rg-connectivity-dns/providers/Microsoft.Network/privateDnsZones';

// --- Private endpoint fixtures -------------------------------------------------------------------

/** The workload VNet, its private-endpoint subnet (with NSG) and the given zones, each linked. */
function network(zones: Record<string, string> = {}): FixtureResource[] {
  return [
    r('azurerm_virtual_network', 'vnet', { name: 'vnet-genai', resource_group_name: 'rg-net', address_space: ['10.0.0.0/16'] }),
    r('azurerm_subnet', 'pe', {
      name: 'snet-pe', resource_group_name: 'rg-net', virtual_network_name: ref('azurerm_virtual_network.vnet', 'name'),
      address_prefixes: ['10.0.0.0/24'], private_endpoint_network_policies: 'Enabled',
    }),
    r('azurerm_network_security_group', 'pe', { name: 'nsg-pe', resource_group_name: 'rg-net' }),
    r('azurerm_subnet_network_security_group_association', 'pe', {
      subnet_id: ref('azurerm_subnet.pe'), network_security_group_id: ref('azurerm_network_security_group.pe'),
    }),
    ...Object.entries(zones).flatMap(([key, zone]) => [
      r('azurerm_private_dns_zone', key, { name: zone, resource_group_name: 'rg-net' }),
      r('azurerm_private_dns_zone_virtual_network_link', key, {
        name: 'link-vnet-genai', resource_group_name: 'rg-net', private_dns_zone_name: ref(`azurerm_private_dns_zone.${key}`, 'name'),
        virtual_network_id: ref('azurerm_virtual_network.vnet'), registration_enabled: false,
      }),
    ]),
  ];
}

/** A private endpoint to `target` on `subresource`, registering in the given zone ids. */
function endpoint(name: string, target: string, subresource: string, zoneIds: string[], connection: Values = {}): FixtureResource {
  return r('azurerm_private_endpoint', name, {
    name: `pe-${name}`, location: 'swedencentral', resource_group_name: 'rg', subnet_id: ref('azurerm_subnet.pe'),
    private_service_connection: {
      name: `pe-${name}`, private_connection_resource_id: ref(target), subresource_names: [subresource], is_manual_connection: false, ...connection,
    },
    private_dns_zone_group: { name: 'default', private_dns_zone_ids: zoneIds },
  });
}

const KV = 'azurerm_key_vault.kv';
const KV_PE = 'azurerm_private_endpoint.kv';
/** A private-only Key Vault behind an endpoint in the PE subnet, registered in a linked vault zone. */
const vaultFixture = (): FixtureResource[] => [
  ...network({ kv: 'privatelink.vaultcore.azure.net' }),
  r('azurerm_key_vault', 'kv', { name: 'kv-genai', public_network_access_enabled: false, network_acls: { default_action: 'Deny', bypass: 'AzureServices' } }),
  endpoint('kv', KV, 'vault', [ref('azurerm_private_dns_zone.kv')]),
];

const AI_ZONES = {
  cog: 'privatelink.cognitiveservices.azure.com',
  oai: 'privatelink.openai.azure.com',
  ais: 'privatelink.services.ai.azure.com',
};
const account = (kind: unknown, values: Values = {}) =>
  r('azurerm_cognitive_account', 'aoai', { name: 'aoai-genai', kind, sku_name: 'S0', location: 'swedencentral', public_network_access_enabled: false, ...values });
const accountFixture = (kind: unknown, zoneKeys: (keyof typeof AI_ZONES)[]): FixtureResource[] => [
  ...network(AI_ZONES),
  account(kind),
  endpoint('aoai', 'azurerm_cognitive_account.aoai', 'account', zoneKeys.map((k) => ref(`azurerm_private_dns_zone.${k}`))),
];

describe('GAI-PE-001 private-only resources have an approved private endpoint', () => {
  test('compliant: private vault with an auto-approved endpoint on "vault"', () => {
    expect(statusOf(pe001, vaultFixture(), { address: KV })).toBe('compliant');
  });
  test('non-compliant: private vault without an endpoint', () => {
    expect(messagesOf(pe001, without(vaultFixture(), KV_PE), { address: KV }))
      .toEqual(['public access is disabled (`public_network_access_enabled` is false) but no `azurerm_private_endpoint` connects to it; expected one with sub-resource "vault"']);
  });
  test.each([
    ['public access on', { public_network_access_enabled: true }],
    ['public access unset (provider default true)', { public_network_access_enabled: undefined }],
  ])('not applicable without an endpoint when %s', (_case, values) => {
    expect(statusOf(pe001, patch(without(vaultFixture(), KV_PE), KV, values), { address: KV })).toBe('not-applicable');
  });
  test('unknown: public access unknown and no endpoint', () => {
    expect(statusOf(pe001, patch(without(vaultFixture(), KV_PE), KV, { public_network_access_enabled: '${var.public}' }), { address: KV })).toBe('unknown');
  });
  test('non-compliant: endpoint on the wrong sub-resource', () => {
    const resources = [...without(vaultFixture(), KV_PE), endpoint('kv', KV, 'blob', [ref('azurerm_private_dns_zone.kv')])];
    expect(messagesOf(pe001, resources, { address: KV })).toEqual([
      'azurerm_private_endpoint.kv: `private_service_connection.subresource_names` is ["blob"]; expected "vault" (valid for azurerm_key_vault: vault)',
      'no private endpoint connects to sub-resource "vault"; expected one',
    ]);
  });
  test('non-compliant: manual connection awaiting approval', () => {
    const resources = [...without(vaultFixture(), KV_PE), endpoint('kv', KV, 'vault', [], { is_manual_connection: true })];
    expect(statusOf(pe001, resources, { address: KV })).toBe('non-compliant');
  });
  test.each([
    ['is_manual_connection', { is_manual_connection: '${var.manual}' }],
    ['subresource_names', { subresource_names: '${var.groups}' }],
  ])('unknown: %s only known after apply', (_case, connection) => {
    const resources = [...without(vaultFixture(), KV_PE), endpoint('kv', KV, 'vault', [], connection)];
    expect(statusOf(pe001, resources, { address: KV })).toBe('unknown');
  });
  test('storage: a file endpoint alone misses the expected blob endpoint; blob plus file is fine', () => {
    const storage = r('azurerm_storage_account', 'st', { name: 'stgenai', public_network_access_enabled: false });
    const fileOnly = [...network(), storage, endpoint('file', 'azurerm_storage_account.st', 'file', [`${HUB}/privatelink.file.core.windows.net`])];
    expect(statusOf(pe001, fileOnly, { address: 'azurerm_storage_account.st' })).toBe('non-compliant');
    const both = [...fileOnly, endpoint('blob', 'azurerm_storage_account.st', 'blob', [`${HUB}/privatelink.blob.core.windows.net`])];
    expect(statusOf(pe001, both, { address: 'azurerm_storage_account.st' })).toBe('compliant');
  });
  test('APIM is PE-fronted only optionally: not applicable without an endpoint, judged with one', () => {
    const apim = r('azurerm_api_management', 'apim', { name: 'apim-genai', sku_name: 'Premium_1', public_network_access_enabled: false });
    expect(statusOf(pe001, [...network(), apim], { address: 'azurerm_api_management.apim' })).toBe('not-applicable');
    expect(statusOf(pe001, [...network(), apim, endpoint('apim', 'azurerm_api_management.apim', 'Gateway', [])], { address: 'azurerm_api_management.apim' })).toBe('compliant');
  });
  test('a Monitor private link scope always needs its endpoint', () => {
    const ampls = r('azurerm_monitor_private_link_scope', 'ampls', { name: 'ampls', ingestion_access_mode: 'PrivateOnly', query_access_mode: 'PrivateOnly' });
    expect(statusOf(pe001, [...network(), ampls], { address: 'azurerm_monitor_private_link_scope.ampls' })).toBe('non-compliant');
  });
  test('managed redis with public_network_access "Disabled" and a redisEnterprise endpoint', () => {
    const redis = r('azurerm_managed_redis', 'amr', { name: 'amr-genai', sku_name: 'Balanced_B1', public_network_access: 'Disabled' });
    expect(statusOf(pe001, [...network(), redis, endpoint('amr', 'azurerm_managed_redis.amr', 'redisEnterprise', [])], { address: 'azurerm_managed_redis.amr' })).toBe('compliant');
    expect(statusOf(pe001, [...network(), redis], { address: 'azurerm_managed_redis.amr' })).toBe('non-compliant');
  });
  test('plan JSON: literal ids connect the endpoint to the vault', () => {
    const id = '/subscriptions/x/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv-genai';
    const resources = patch(patch(vaultFixture(), KV, { id }), KV_PE, {
      private_service_connection: [{ name: 'pe-kv', private_connection_resource_id: id, subresource_names: ['vault'], is_manual_connection: false }],
    });
    expect(statusOf(pe001, resources, { address: KV })).toBe('compliant');
    expect(statusOf(pe001, patch(resources, KV, { id: `${id}-other` }), { address: KV })).toBe('non-compliant');
  });
  test('reads the plan JSON list form of the connection block', () => {
    const resources = patch(vaultFixture(), KV_PE, {
      private_service_connection: [{ name: 'pe-kv', private_connection_resource_id: ref(KV), subresource_names: ['vault'], is_manual_connection: false }],
    });
    expect(statusOf(pe001, resources, { address: KV })).toBe('compliant');
  });
});

describe('GAI-PE-002 private endpoint registers in the right zones', () => {
  test('compliant: vault endpoint in privatelink.vaultcore.azure.net', () => {
    expect(statusOf(pe002, vaultFixture())).toBe('compliant');
  });
  test('non-compliant: vault endpoint in the blob zone', () => {
    const resources = [...network({ blob: 'privatelink.blob.core.windows.net' }), ...without(vaultFixture(), KV_PE).filter((x) => x.type === 'azurerm_key_vault'),
      endpoint('kv', KV, 'vault', [ref('azurerm_private_dns_zone.blob')])];
    expect(messagesOf(pe002, resources)).toEqual([
      '`private_dns_zone_group.private_dns_zone_ids` has privatelink.blob.core.windows.net; missing privatelink.vaultcore.azure.net for sub-resource "vault" of azurerm_key_vault.kv',
    ]);
  });
  test('non-compliant: no DNS zone group', () => {
    expect(statusOf(pe002, patch(vaultFixture(), KV_PE, { private_dns_zone_group: undefined }))).toBe('non-compliant');
  });
  test.each([
    ['right zone', `${HUB}/privatelink.vaultcore.azure.net`, 'compliant'],
    ['wrong zone', `${HUB}/privatelink.blob.core.windows.net`, 'non-compliant'],
  ])('a literal hub zone id is judged by its last segment: %s', (_case, id, expected) => {
    expect(statusOf(pe002, patch(vaultFixture(), KV_PE, { private_dns_zone_group: { name: 'default', private_dns_zone_ids: [id] } }))).toBe(expected);
  });
  test.each([
    ['AIServices with all three AI zones', 'AIServices', ['cog', 'oai', 'ais'], 'compliant'],
    ['AIServices without services.ai', 'AIServices', ['cog', 'oai'], 'non-compliant'],
    ['OpenAI with openai and cognitiveservices', 'OpenAI', ['oai', 'cog'], 'compliant'],
    ['OpenAI with openai only', 'OpenAI', ['oai'], 'non-compliant'],
    ['ContentSafety with cognitiveservices', 'ContentSafety', ['cog'], 'compliant'],
    ['ContentSafety with openai only', 'ContentSafety', ['oai'], 'non-compliant'],
    ['kind unknown until apply', '${var.kind}', ['cog'], 'unknown'],
  ])('cognitive account: %s', (_case, kind, zones, expected) => {
    expect(statusOf(pe002, accountFixture(kind, zones as (keyof typeof AI_ZONES)[]))).toBe(expected);
  });
  test('names the missing AI zone', () => {
    expect(messagesOf(pe002, accountFixture('AIServices', ['cog', 'oai']))[0]).toContain('missing privatelink.services.ai.azure.com');
  });
  test('unknown: an in-plan zone whose name is only known after apply', () => {
    expect(statusOf(pe002, patch(vaultFixture(), 'azurerm_private_dns_zone.kv', { name: '${var.zone}' }))).toBe('unknown');
  });
  test('unknown: a zone read through a data source', () => {
    expect(statusOf(pe002, patch(vaultFixture(), KV_PE, { private_dns_zone_group: { name: 'default', private_dns_zone_ids: ['${data.azurerm_private_dns_zone.kv.id}'] } }))).toBe('unknown');
  });
  test('a target outside the plan is judged by an unambiguous sub-resource', () => {
    const external = '/subscriptions/x/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv-shared';
    const resources = patch(without(vaultFixture(), KV), KV_PE, {
      private_service_connection: { name: 'pe', private_connection_resource_id: external, subresource_names: ['vault'], is_manual_connection: false },
    });
    expect(statusOf(pe002, resources)).toBe('compliant');
  });
  test('unknown: a target outside the plan on the ambiguous "account" sub-resource', () => {
    const resources = patch(without(accountFixture('AIServices', ['cog']), 'azurerm_cognitive_account.aoai'), 'azurerm_private_endpoint.aoai', {
      private_service_connection: { name: 'pe', private_connection_resource_id: '/subscriptions/x/.../accounts/a', subresource_names: ['account'], is_manual_connection: false },
    });
    expect(statusOf(pe002, resources)).toBe('unknown');
  });
  test('Monitor private link scope: four linked zones and the hub blob zone', () => {
    const zones = { mon: 'privatelink.monitor.azure.com', oms: 'privatelink.oms.opinsights.azure.com', ods: 'privatelink.ods.opinsights.azure.com', agent: 'privatelink.agentsvc.azure-automation.net' };
    const ids = Object.keys(zones).map((k) => ref(`azurerm_private_dns_zone.${k}`));
    const ampls = r('azurerm_monitor_private_link_scope', 'ampls', { name: 'ampls' });
    const target = 'azurerm_monitor_private_link_scope.ampls';
    expect(statusOf(pe002, [...network(zones), ampls, endpoint('ampls', target, 'azuremonitor', [...ids, `${HUB}/privatelink.blob.core.windows.net`])])).toBe('compliant');
    expect(statusOf(pe002, [...network(zones), ampls, endpoint('ampls', target, 'azuremonitor', ids)])).toBe('non-compliant');
  });
  test('Container Apps environment: the regional zone', () => {
    const env = r('azurerm_container_app_environment', 'cae', { name: 'cae', location: 'swedencentral' });
    const zone = `${HUB}/privatelink.swedencentral.azurecontainerapps.io`;
    expect(statusOf(pe002, [...network(), env, endpoint('cae', 'azurerm_container_app_environment.cae', 'managedEnvironments', [zone])])).toBe('compliant');
  });
  test('not applicable to an endpoint of a type outside the zone map', () => {
    const other = r('azurerm_eventhub_namespace', 'eh', { name: 'eh' });
    expect(statusOf(pe002, [...network(), other, endpoint('eh', 'azurerm_eventhub_namespace.eh', 'namespace', [])])).toBe('not-applicable');
  });
});

describe('GAI-PE-003 endpoint zones are linked to its VNet', () => {
  test('compliant: the in-plan zone is linked to the endpoint subnet\'s VNet', () => {
    expect(statusOf(pe003, vaultFixture())).toBe('compliant');
  });
  test('compliant: a literal hub zone id (the hub links it, outside the plan)', () => {
    expect(statusOf(pe003, patch(vaultFixture(), KV_PE, { private_dns_zone_group: { name: 'default', private_dns_zone_ids: [`${HUB}/privatelink.vaultcore.azure.net`] } }))).toBe('compliant');
  });
  test('compliant: a hub zone read through a data source', () => {
    expect(statusOf(pe003, patch(vaultFixture(), KV_PE, { private_dns_zone_group: { name: 'default', private_dns_zone_ids: ['${data.azurerm_private_dns_zone.kv.id}'] } }))).toBe('compliant');
  });
  test('non-compliant: the zone has no link', () => {
    expect(messagesOf(pe003, without(vaultFixture(), 'azurerm_private_dns_zone_virtual_network_link.kv')))
      .toEqual(['zone privatelink.vaultcore.azure.net has no `azurerm_private_dns_zone_virtual_network_link`; expected one to the endpoint\'s VNet']);
  });
  test('non-compliant: the zone is linked to another VNet only', () => {
    const resources = [...patch(vaultFixture(), 'azurerm_private_dns_zone_virtual_network_link.kv', { virtual_network_id: ref('azurerm_virtual_network.hub') }),
      r('azurerm_virtual_network', 'hub', { name: 'vnet-hub' })];
    expect(statusOf(pe003, resources)).toBe('non-compliant');
  });
  test('non-compliant: auto-registration on the link', () => {
    expect(statusOf(pe003, patch(vaultFixture(), 'azurerm_private_dns_zone_virtual_network_link.kv', { registration_enabled: true }))).toBe('non-compliant');
  });
  test('compliant: registration_enabled unset (provider default false)', () => {
    expect(statusOf(pe003, patch(vaultFixture(), 'azurerm_private_dns_zone_virtual_network_link.kv', { registration_enabled: undefined }))).toBe('compliant');
  });
  test('unknown: registration_enabled only known after apply', () => {
    expect(statusOf(pe003, patch(vaultFixture(), 'azurerm_private_dns_zone_virtual_network_link.kv', { registration_enabled: '${var.reg}' }))).toBe('unknown');
  });
  test('unknown: the endpoint subnet is outside the plan', () => {
    expect(statusOf(pe003, patch(vaultFixture(), KV_PE, { subnet_id: '/subscriptions/x/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/s' }))).toBe('unknown');
  });
  test('a link naming the zone by literal name in the same resource group counts', () => {
    expect(statusOf(pe003, patch(vaultFixture(), 'azurerm_private_dns_zone_virtual_network_link.kv', { private_dns_zone_name: 'privatelink.vaultcore.azure.net' }))).toBe('compliant');
  });
  test('one outcome per zone', () => {
    const outcomes = check(pe003, [...accountFixture('AIServices', ['cog', 'oai', 'ais']), ...[]]);
    expect(outcomes.map((o) => o.status)).toEqual(['compliant', 'compliant', 'compliant']);
  });
});

describe('GAI-PE-004 dedicated private endpoint subnet', () => {
  const SUBNET = 'azurerm_subnet.pe';
  test('compliant: undelegated, policies enabled, NSG associated, nothing else in it', () => {
    expect(statusOf(pe004, vaultFixture())).toBe('compliant');
  });
  test.each([
    ['policies unset (provider default Disabled)', { private_endpoint_network_policies: undefined }, 'non-compliant'],
    ['policies Disabled', { private_endpoint_network_policies: 'Disabled' }, 'non-compliant'],
    ['policies NetworkSecurityGroupEnabled', { private_endpoint_network_policies: 'NetworkSecurityGroupEnabled' }, 'compliant'],
    ['policies only known after apply', { private_endpoint_network_policies: '${var.policies}' }, 'unknown'],
    ['a delegated subnet', { delegation: [{ name: 'aca', service_delegation: { name: 'Microsoft.App/environments' } }] }, 'non-compliant'],
  ])('%s', (_case, values, expected) => {
    expect(statusOf(pe004, patch(vaultFixture(), SUBNET, values))).toBe(expected);
  });
  test('non-compliant: no NSG association', () => {
    expect(messagesOf(pe004, without(vaultFixture(), 'azurerm_subnet_network_security_group_association.pe')))
      .toEqual(['azurerm_subnet.pe has no NSG association; expected an `azurerm_subnet_network_security_group_association`']);
  });
  test('non-compliant: the subnet also hosts a Container Apps environment', () => {
    const resources = [...vaultFixture(), r('azurerm_container_app_environment', 'cae', { name: 'cae', infrastructure_subnet_id: ref(SUBNET) })];
    expect(messagesOf(pe004, resources)).toEqual(['azurerm_subnet.pe also hosts azurerm_container_app_environment.cae; expected a subnet dedicated to private endpoints']);
  });
  test('unknown: the subnet is outside the plan', () => {
    expect(statusOf(pe004, patch(vaultFixture(), KV_PE, { subnet_id: '${var.subnet_id}' }))).toBe('unknown');
  });
  test('every endpoint in a subnet gets the subnet\'s verdict', () => {
    const resources = [...patch(vaultFixture(), SUBNET, { private_endpoint_network_policies: 'Disabled' }), endpoint('second', KV, 'vault', [])];
    expect(statusOf(pe004, resources, { address: KV_PE })).toBe('non-compliant');
    expect(statusOf(pe004, resources, { address: 'azurerm_private_endpoint.second' })).toBe('non-compliant');
  });
  test('plan JSON: a literal subnet id and a literal association', () => {
    const id = '/subscriptions/x/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/snet-pe';
    const resources = patch(patch(patch(vaultFixture(), SUBNET, { id }), KV_PE, { subnet_id: id }), 'azurerm_subnet_network_security_group_association.pe', { subnet_id: id });
    expect(statusOf(pe004, resources)).toBe('compliant');
  });
});

describe('GAI-PE-005 public path closed behind a private endpoint', () => {
  test('not applicable without an endpoint', () => {
    expect(statusOf(pe005, patch(without(vaultFixture(), KV_PE), KV, { public_network_access_enabled: true }), { address: KV })).toBe('not-applicable');
  });
  test('compliant: public access off', () => {
    expect(statusOf(pe005, vaultFixture(), { address: KV })).toBe('compliant');
  });
  test('non-compliant: public access on, even behind a Deny firewall', () => {
    expect(messagesOf(pe005, patch(vaultFixture(), KV, { public_network_access_enabled: true }), { address: KV })).toEqual([
      'a private endpoint (azurerm_private_endpoint.kv) exists but the public path is open: `public_network_access_enabled` is true (`network_acls.default_action` is "Deny": restricted, but still a public path); expected it closed',
    ]);
  });
  test('non-compliant: public access unset (provider default true)', () => {
    expect(statusOf(pe005, patch(vaultFixture(), KV, { public_network_access_enabled: undefined, network_acls: undefined }), { address: KV })).toBe('non-compliant');
  });
  test('unknown: public access only known after apply', () => {
    expect(statusOf(pe005, patch(vaultFixture(), KV, { public_network_access_enabled: '${var.public}' }), { address: KV })).toBe('unknown');
  });
  test.each([
    ['both PrivateOnly', { ingestion_access_mode: 'PrivateOnly', query_access_mode: 'PrivateOnly' }, 'compliant'],
    ['query Open', { ingestion_access_mode: 'PrivateOnly', query_access_mode: 'Open' }, 'non-compliant'],
    ['modes unset (provider default Open)', {}, 'non-compliant'],
  ])('Monitor private link scope: %s', (_case, values, expected) => {
    const ampls = r('azurerm_monitor_private_link_scope', 'ampls', { name: 'ampls', ...values });
    const resources = [...network(), ampls, endpoint('ampls', 'azurerm_monitor_private_link_scope.ampls', 'azuremonitor', [])];
    expect(statusOf(pe005, resources, { address: 'azurerm_monitor_private_link_scope.ampls' })).toBe(expected);
  });
  test.each([
    ['Disabled', 'Disabled', 'compliant'],
    ['Enabled', 'Enabled', 'non-compliant'],
    ['unset (provider default Enabled)', undefined, 'non-compliant'],
  ])('managed redis public_network_access %s', (_case, access, expected) => {
    const redis = r('azurerm_managed_redis', 'amr', { name: 'amr', public_network_access: access });
    const resources = [...network(), redis, endpoint('amr', 'azurerm_managed_redis.amr', 'redisEnterprise', [])];
    expect(statusOf(pe005, resources, { address: 'azurerm_managed_redis.amr' })).toBe(expected);
  });
  test('an internal Container Apps environment has no public path', () => {
    const env = r('azurerm_container_app_environment', 'cae', { name: 'cae', internal_load_balancer_enabled: true });
    const resources = [...network(), env, endpoint('cae', 'azurerm_container_app_environment.cae', 'managedEnvironments', [])];
    expect(statusOf(pe005, resources, { address: 'azurerm_container_app_environment.cae' })).toBe('compliant');
  });
});

// --- NET-008 --------------------------------------------------------------------------------------

describe('GAI-NET-008 no orphan NSGs', () => {
  const nsg = r('azurerm_network_security_group', 'n', { name: 'nsg-apps' });
  test.each([
    ['a subnet association', [r('azurerm_subnet_network_security_group_association', 'a', { subnet_id: ref('azurerm_subnet.s'), network_security_group_id: ref('azurerm_network_security_group.n') })], 'compliant'],
    ['a NIC association', [r('azurerm_network_interface_security_group_association', 'a', { network_interface_id: ref('azurerm_network_interface.nic'), network_security_group_id: ref('azurerm_network_security_group.n') })], 'compliant'],
    ['no association', [], 'non-compliant'],
    ['an association of another NSG only', [r('azurerm_subnet_network_security_group_association', 'a', { subnet_id: ref('azurerm_subnet.s'), network_security_group_id: ref('azurerm_network_security_group.other') })], 'non-compliant'],
  ])('%s', (_case, extra, expected) => {
    expect(statusOf(net008, [nsg, ...extra])).toBe(expected);
  });
  test('names the NSG', () => {
    expect(messagesOf(net008, [nsg])[0]).toMatch(/^NSG nsg-apps is associated with no subnet or network interface/);
  });
});

// --- MON-004..007 -------------------------------------------------------------------------------

const LAW = r('azurerm_log_analytics_workspace', 'law', { name: 'law-genai', sku: 'PerGB2018' });
const diag = (target: string, workspace: unknown, name = 'diag') =>
  r('azurerm_monitor_diagnostic_setting', name, { name: 'diag-to-platform-workspace', target_resource_id: target, log_analytics_workspace_id: workspace, enabled_log: [{ category_group: 'allLogs' }] });

describe('GAI-MON-004 diagnostics to the platform workspace', () => {
  const vault = r('azurerm_key_vault', 'kv', { name: 'kv' });
  test.each([
    ['a setting to the in-plan workspace', [diag(ref(KV), ref('azurerm_log_analytics_workspace.law'))], 'compliant'],
    ['no setting', [], 'non-compliant'],
    ['a setting on another resource only', [diag(ref('azurerm_key_vault.other'), ref('azurerm_log_analytics_workspace.law'))], 'non-compliant'],
    ['a setting to a workspace outside the plan', [diag(ref(KV), '/subscriptions/x/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/central')], 'non-compliant'],
    ['a setting to a data-source workspace', [diag(ref(KV), '${data.azurerm_log_analytics_workspace.central.id}')], 'non-compliant'],
    ['a setting without a workspace (storage only)', [diag(ref(KV), undefined)], 'non-compliant'],
    ['a setting whose workspace is only known after apply', [diag(ref(KV), '${var.workspace_id}')], 'unknown'],
  ])('%s', (_case, extra, expected) => {
    expect(statusOf(mon004, [vault, LAW, ...extra], { address: KV })).toBe(expected);
  });
  test('one good setting among several is enough', () => {
    expect(statusOf(mon004, [vault, LAW, diag(ref(KV), undefined, 'a'), diag(ref(KV), ref('azurerm_log_analytics_workspace.law'), 'b')], { address: KV })).toBe('compliant');
  });
  test('storage: a setting on `<account id>/blobServices/default` counts', () => {
    const storage = r('azurerm_storage_account', 'st', { name: 'st' });
    expect(statusOf(mon004, [storage, LAW, diag('${azurerm_storage_account.st.id}/blobServices/default', ref('azurerm_log_analytics_workspace.law'))])).toBe('compliant');
  });
  test('plan JSON: literal ids on both ends', () => {
    const id = '/subscriptions/x/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv';
    const lawId = '/subscriptions/x/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/law';
    expect(statusOf(mon004, [r('azurerm_key_vault', 'kv', { name: 'kv', id }), r('azurerm_log_analytics_workspace', 'law', { id: lawId }), diag(id, lawId)], { address: KV })).toBe('compliant');
  });
  test('explains a missing setting', () => {
    expect(messagesOf(mon004, [vault, LAW], { address: KV }))
      .toEqual(['no `azurerm_monitor_diagnostic_setting` has a `target_resource_id` referring to it; expected one sending logs to the platform Log Analytics workspace']);
  });
});

describe('GAI-MON-005 single observability plane', () => {
  const appi = (workspace: unknown) => r('azurerm_application_insights', 'appi', { name: 'appi', application_type: 'web', workspace_id: workspace });
  test.each([
    ['in-plan workspace', ref('azurerm_log_analytics_workspace.law'), 'compliant'],
    ['no workspace (classic)', undefined, 'non-compliant'],
    ['a literal workspace id outside the plan', '/subscriptions/x/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/other', 'non-compliant'],
    ['a data-source workspace', '${data.azurerm_log_analytics_workspace.central.id}', 'non-compliant'],
    ['a variable', '${var.workspace_id}', 'unknown'],
  ])('Application Insights: %s', (_case, workspace, expected) => {
    expect(statusOf(mon005, [LAW, appi(workspace)])).toBe(expected);
  });
  test('Container Apps environment: in-plan workspace is compliant, none is left to GAI-ACA-005', () => {
    const env = (values: Values) => r('azurerm_container_app_environment', 'cae', { name: 'cae', ...values });
    expect(statusOf(mon005, [LAW, env({ log_analytics_workspace_id: ref('azurerm_log_analytics_workspace.law') })])).toBe('compliant');
    expect(statusOf(mon005, [LAW, env({})])).toBe('not-applicable');
  });
  test('AI Foundry: Application Insights in the plan', () => {
    const hub = r('azurerm_ai_foundry', 'hub', { name: 'hub', application_insights_id: ref('azurerm_application_insights.appi') });
    expect(statusOf(mon005, [appi(ref('azurerm_log_analytics_workspace.law')), LAW, hub], { address: 'azurerm_ai_foundry.hub' })).toBe('compliant');
  });
});

const metricAlert = (name: string, scope: string, metric: string, dimensions: string[] = [], actionGroup = ref('azurerm_monitor_action_group.ag')) =>
  r('azurerm_monitor_metric_alert', name, {
    name, resource_group_name: 'rg', scopes: [scope], severity: 2,
    criteria: [{ metric_namespace: 'x', metric_name: metric, aggregation: 'Total', operator: 'GreaterThan', threshold: 1, dimension: dimensions.map((d) => ({ name: d, operator: 'Include', values: ['*'] })) }],
    action: [{ action_group_id: actionGroup }],
  });

describe('GAI-MON-006 model account alerts', () => {
  const AOAI = 'azurerm_cognitive_account.aoai';
  const deployment = (sku: unknown, name = 'gpt') => r('azurerm_cognitive_deployment', name, {
    name, cognitive_account_id: ref(AOAI), model: { format: 'OpenAI', name: 'gpt-4o', version: '2024-08-06' }, sku: { name: sku, capacity: 50 },
  });
  const throttling = metricAlert('throttling', ref(AOAI), 'AzureOpenAIRequests', ['StatusCode']);
  const ptu = metricAlert('ptu', ref(AOAI), 'AzureOpenAIProvisionedManagedUtilizationV2');
  test.each([
    ['no deployments', 'OpenAI', [], 'not-applicable'],
    ['a standard deployment with a throttling alert', 'OpenAI', [deployment('GlobalStandard'), throttling], 'compliant'],
    ['a standard deployment without alerts', 'AIServices', [deployment('GlobalStandard')], 'non-compliant'],
    ['a PTU deployment with both alerts', 'OpenAI', [deployment('ProvisionedManaged'), throttling, ptu], 'compliant'],
    ['a PTU deployment without a utilization alert', 'OpenAI', [deployment('GlobalProvisionedManaged'), throttling], 'non-compliant'],
    ['a throttling alert on another account only', 'OpenAI', [deployment('Standard'), metricAlert('other', ref('azurerm_cognitive_account.other'), 'AzureOpenAIRequests')], 'non-compliant'],
    ['a ContentSafety account', 'ContentSafety', [deployment('Standard')], 'not-applicable'],
    ['kind only known after apply', '${var.kind}', [deployment('Standard')], 'unknown'],
    ['a deployment sku only known after apply', 'OpenAI', [deployment('${var.sku}'), throttling], 'unknown'],
  ])('%s', (_case, kind, extra, expected) => {
    expect(statusOf(mon006, [account(kind), ...(extra as FixtureResource[])], { address: AOAI })).toBe(expected);
  });
});

describe('GAI-MON-007 gateway and orchestrator alerts', () => {
  const APIM = 'azurerm_api_management.apim';
  const apim = (sku: unknown) => r('azurerm_api_management', 'apim', { name: 'apim', sku_name: sku });
  const capacity = metricAlert('capacity', ref(APIM), 'Capacity');
  const backend = metricAlert('backend', ref(APIM), 'Requests', ['BackendResponseCodeCategory']);
  test.each([
    ['Premium with capacity and backend alerts', 'Premium_2', [capacity, backend], 'compliant'],
    ['Premium without alerts', 'Premium_2', [], 'non-compliant'],
    ['Premium without a capacity alert', 'Developer_1', [backend], 'non-compliant'],
    ['a Requests alert without the backend dimension', 'StandardV2_1', [metricAlert('req', ref(APIM), 'Requests')], 'non-compliant'],
    ['a v2 tier needs no capacity alert', 'StandardV2_1', [backend], 'compliant'],
    ['sku only known after apply, no capacity alert', '${var.sku}', [backend], 'unknown'],
  ])('APIM: %s', (_case, sku, extra, expected) => {
    expect(statusOf(mon007, [apim(sku), ...extra], { address: APIM })).toBe(expected);
  });
  test.each([
    ['a RestartCount alert', [metricAlert('restarts', ref('azurerm_container_app.app'), 'RestartCount')], 'compliant'],
    ['a Replicas alert', [metricAlert('replicas', ref('azurerm_container_app.app'), 'Replicas')], 'compliant'],
    ['no alert', [], 'non-compliant'],
  ])('container app: %s', (_case, extra, expected) => {
    expect(statusOf(mon007, [r('azurerm_container_app', 'app', { name: 'ca' }), ...extra])).toBe(expected);
  });
  test('plan JSON: an alert scoped by the app\'s literal id', () => {
    const id = '/subscriptions/x/resourceGroups/rg/providers/Microsoft.App/containerApps/ca';
    expect(statusOf(mon007, [r('azurerm_container_app', 'app', { name: 'ca', id }), metricAlert('restarts', id, 'RestartCount')])).toBe('compliant');
  });
});

// --- KEY-006/007 -------------------------------------------------------------------------------

const KEY = 'azurerm_key_vault_key.cmk';
const UAMI = 'azurerm_user_assigned_identity.cmk';
const cmkKey = (values: Values = {}) => r('azurerm_key_vault_key', 'cmk', {
  name: 'cmk-platform', key_vault_id: ref(KV), key_type: 'RSA-HSM', key_size: 3072, key_opts: ['wrapKey', 'unwrapKey'],
  rotation_policy: { automatic: { time_after_creation: 'P180D' }, expire_after: 'P365D', notify_before_expiry: 'P30D' },
  expiration_date: '${timeadd(plantimestamp(), "8760h")}',
  ...values,
});
const cmkVault = (values: Values = {}) => r('azurerm_key_vault', 'kv', { name: 'kv', purge_protection_enabled: true, rbac_authorization_enabled: true, ...values });
const uami = r('azurerm_user_assigned_identity', 'cmk', { name: 'id-cmk' });
const cmkAccount = (cmk: Values | undefined) => account('AIServices', {
  identity: { type: 'UserAssigned', identity_ids: [ref(UAMI)] },
  customer_managed_key: cmk,
});
const cryptoUser = (principal: string, scope = ref(KV), role: Values = { role_definition_name: 'Key Vault Crypto Service Encryption User' }) =>
  r('azurerm_role_assignment', 'crypto', { scope, principal_id: principal, principal_type: 'ServicePrincipal', ...role });
/** A cognitive account encrypting with the vault key through the CMK identity, which holds the role. */
const cmkFixture = (): FixtureResource[] => [
  cmkVault(), cmkKey(), uami,
  cmkAccount({ key_vault_key_id: ref(KEY, 'versionless_id'), identity_client_id: ref(UAMI, 'client_id') }),
  cryptoUser(ref(UAMI, 'principal_id')),
];

describe('GAI-KEY-006 CMK keys rotate, expire and live in a purge-protected vault', () => {
  test('not applicable to a key no service uses', () => {
    expect(statusOf(key006, [cmkVault(), cmkKey({ rotation_policy: undefined })])).toBe('not-applicable');
  });
  test('compliant: rotation, expiry, purge protection', () => {
    expect(statusOf(key006, cmkFixture())).toBe('compliant');
  });
  test.each([
    ['no rotation policy', { rotation_policy: undefined }, 1],
    ['no rotation policy and no expiry', { rotation_policy: undefined, expiration_date: undefined }, 2],
    ['no automatic rotation', { rotation_policy: { expire_after: 'P365D' } }, 1],
    ['expire_after only: the first version never expires', { expiration_date: undefined }, 1],
    ['no expiry at all', { rotation_policy: { automatic: { time_before_expiry: 'P30D' } }, expiration_date: undefined }, 1],
  ])('non-compliant: %s', (_case, values, findings) => {
    const outcomes = check(key006, patch(cmkFixture(), KEY, values), { address: KEY });
    expect(outcomes.filter((o) => o.status === 'non-compliant')).toHaveLength(findings);
  });
  test('names the gap of expire_after alone', () => {
    expect(messagesOf(key006, patch(cmkFixture(), KEY, { expiration_date: undefined }), { address: KEY }).join('\n'))
      .toMatch(/has no `expiration_date`: `rotation_policy.expire_after` dates only the versions rotation creates, so the first version never expires/);
  });
  test('compliant: expiration_date instead of expire_after', () => {
    expect(statusOf(key006, patch(cmkFixture(), KEY, { rotation_policy: { automatic: { time_after_creation: 'P90D' } }, expiration_date: '2027-01-01T00:00:00Z' }))).toBe('compliant');
  });
  test.each([
    ['purge protection off', { purge_protection_enabled: false }, 'non-compliant'],
    ['purge protection unset (provider default false)', { purge_protection_enabled: undefined }, 'non-compliant'],
    ['purge protection only known after apply', { purge_protection_enabled: '${var.purge}' }, 'unknown'],
  ])('the vault: %s', (_case, values, expected) => {
    expect(statusOf(key006, patch(cmkFixture(), KV, values), { address: KEY })).toBe(expected);
  });
  test('unknown: the vault is outside the plan', () => {
    expect(statusOf(key006, patch(cmkFixture(), KEY, { key_vault_id: '${data.azurerm_key_vault.shared.id}' }), { address: KEY })).toBe('unknown');
  });
  test.each([
    ['an inline storage customer_managed_key', r('azurerm_storage_account', 'st', { name: 'st', customer_managed_key: { key_vault_key_id: ref(KEY, 'versionless_id'), user_assigned_identity_id: ref(UAMI) } })],
    ['an azurerm_storage_account_customer_managed_key by key name', r('azurerm_storage_account_customer_managed_key', 'st', { storage_account_id: ref('azurerm_storage_account.st'), key_vault_id: ref(KV), key_name: ref(KEY, 'name') })],
    ['an azurerm_cognitive_account_customer_managed_key', r('azurerm_cognitive_account_customer_managed_key', 'c', { cognitive_account_id: ref('azurerm_cognitive_account.x'), key_vault_key_id: ref(KEY) })],
  ])('a key used through %s is judged', (_case, consumer) => {
    expect(statusOf(key006, [cmkVault(), cmkKey({ rotation_policy: undefined }), consumer])).toBe('non-compliant');
  });
});

describe('GAI-KEY-007 the CMK identity holds Crypto Service Encryption User', () => {
  const AOAI = 'azurerm_cognitive_account.aoai';
  test('compliant: user-assigned identity granted on the vault', () => {
    expect(statusOf(key007, cmkFixture(), { address: AOAI })).toBe('compliant');
  });
  test('compliant: role given by role_definition_id, scoped to the key', () => {
    const resources = [...without(cmkFixture(), 'azurerm_role_assignment.crypto'),
      cryptoUser(ref(UAMI, 'principal_id'), ref(KEY, 'resource_versionless_id'), { role_definition_id: '/providers/Microsoft.Authorization/roleDefinitions/e147488a-f6f5-4113-8e2d-b22465e65bf6' })];
    expect(statusOf(key007, resources, { address: AOAI })).toBe('compliant');
  });
  test('non-compliant: no role assignment', () => {
    expect(messagesOf(key007, without(cmkFixture(), 'azurerm_role_assignment.crypto'), { address: AOAI }))
      .toEqual(['azurerm_user_assigned_identity.cmk unwraps azurerm_key_vault_key.cmk but has no "Key Vault Crypto Service Encryption User" role assignment scoped to azurerm_key_vault.kv or the key; expected one']);
  });
  test.each([
    ['another role', cryptoUser(ref(UAMI, 'principal_id'), ref(KV), { role_definition_name: 'Key Vault Crypto User' })],
    ['another vault', cryptoUser(ref(UAMI, 'principal_id'), ref('azurerm_key_vault.other'))],
    ['another principal', cryptoUser(ref('azurerm_user_assigned_identity.other', 'principal_id'))],
  ])('non-compliant: the assignment names %s', (_case, assignment) => {
    expect(statusOf(key007, [...without(cmkFixture(), 'azurerm_role_assignment.crypto'), assignment], { address: AOAI })).toBe('non-compliant');
  });
  test('unknown: the role is only known after apply', () => {
    const resources = [...without(cmkFixture(), 'azurerm_role_assignment.crypto'), cryptoUser(ref(UAMI, 'principal_id'), ref(KV), { role_definition_name: '${var.role}' })];
    expect(statusOf(key007, resources, { address: AOAI })).toBe('unknown');
  });
  test('compliant: system-assigned identity (no identity_client_id) granted through identity[0].principal_id', () => {
    const resources = [cmkVault(), cmkKey(),
      account('AIServices', { identity: { type: 'SystemAssigned' }, customer_managed_key: { key_vault_key_id: ref(KEY, 'versionless_id') } }),
      cryptoUser('${azurerm_cognitive_account.aoai.identity[0].principal_id}')];
    expect(statusOf(key007, resources, { address: AOAI })).toBe('compliant');
  });
  test('not applicable without a customer-managed key', () => {
    expect(statusOf(key007, [cmkAccount(undefined)])).toBe('not-applicable');
  });
  test('unknown: the key is outside the plan', () => {
    expect(statusOf(key007, [uami, cmkAccount({ key_vault_key_id: 'https://kv-shared.vault.azure.net/keys/cmk', identity_client_id: ref(UAMI, 'client_id') })])).toBe('unknown');
  });
  test('unknown: the identity is outside the plan', () => {
    expect(statusOf(key007, patch(cmkFixture(), AOAI, { customer_managed_key: { key_vault_key_id: ref(KEY, 'versionless_id'), identity_client_id: '00000000-0000-0000-0000-000000000001' } }), { address: AOAI })).toBe('unknown');
  });
  test('azurerm_storage_account_customer_managed_key with a user-assigned identity', () => {
    const consumer = r('azurerm_storage_account_customer_managed_key', 'st', {
      storage_account_id: ref('azurerm_storage_account.st'), key_vault_id: ref(KV), key_name: ref(KEY, 'name'), user_assigned_identity_id: ref(UAMI),
    });
    const base = [cmkVault(), cmkKey(), uami, r('azurerm_storage_account', 'st', { name: 'st' }), consumer];
    const address = 'azurerm_storage_account_customer_managed_key.st';
    expect(statusOf(key007, [...base, cryptoUser(ref(UAMI, 'principal_id'))], { address })).toBe('compliant');
    expect(statusOf(key007, base, { address })).toBe('non-compliant');
  });
});

// --- IAM-008..010 -----------------------------------------------------------------------------

const assignment = (principal: unknown, role: Values, name = 'ra', scope = ref('azurerm_resource_group.rg')) =>
  r('azurerm_role_assignment', name, { scope, principal_id: principal, ...role });
const orchestrator = r('azurerm_user_assigned_identity', 'orchestrator', { name: 'id-orchestrator' });

describe('GAI-IAM-008 no privileged roles for the stack\'s managed identities', () => {
  const app = r('azurerm_container_app', 'app', { name: 'ca', identity: { type: 'SystemAssigned' } });
  test.each([
    ['Contributor to a user-assigned identity', [orchestrator, assignment(ref('azurerm_user_assigned_identity.orchestrator', 'principal_id'), { role_definition_name: 'Contributor' })], 'non-compliant'],
    ['Owner by role id to a system-assigned identity', [app, assignment('${azurerm_container_app.app.identity[0].principal_id}', { role_definition_id: '/subscriptions/x/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635' })], 'non-compliant'],
    ['RBAC Administrator (case-insensitive)', [orchestrator, assignment(ref('azurerm_user_assigned_identity.orchestrator', 'principal_id'), { role_definition_name: 'role based access control administrator' })], 'non-compliant'],
    ['a data-plane role to a user-assigned identity', [orchestrator, assignment(ref('azurerm_user_assigned_identity.orchestrator', 'principal_id'), { role_definition_name: 'Key Vault Secrets User' })], 'compliant'],
    ['Owner to the deployer', [assignment('${data.azurerm_client_config.client.object_id}', { role_definition_name: 'Owner' })], 'not-applicable'],
    ['Owner to a principal outside the plan', [assignment('11111111-1111-1111-1111-111111111111', { role_definition_name: 'Owner' })], 'not-applicable'],
    ['a role only known after apply to a managed identity', [orchestrator, assignment(ref('azurerm_user_assigned_identity.orchestrator', 'principal_id'), { role_definition_name: '${var.role}' })], 'unknown'],
    ['Owner to a principal only known after apply', [assignment('${var.principal_id}', { role_definition_name: 'Owner' })], 'unknown'],
  ])('%s', (_case, resources, expected) => {
    expect(statusOf(iam008, resources as FixtureResource[], { address: 'azurerm_role_assignment.ra' })).toBe(expected);
  });
  test('plan JSON: a literal principal id equal to an in-plan identity\'s principal', () => {
    const principal = '22222222-2222-2222-2222-222222222222';
    const resources = [r('azurerm_user_assigned_identity', 'orchestrator', { name: 'id', principal_id: principal }), assignment(principal, { role_definition_name: 'Owner' })];
    expect(messagesOf(iam008, resources, { address: 'azurerm_role_assignment.ra' }))
      .toEqual(['grants Owner to azurerm_user_assigned_identity.orchestrator; a managed identity may hold none of Owner, Contributor, User Access Administrator, Role Based Access Control Administrator']);
  });
});

describe('GAI-IAM-009 callers of model accounts hold their data-plane role', () => {
  const AOAI = 'azurerm_cognitive_account.aoai';
  const GATEWAY = 'azurerm_user_assigned_identity.gateway';
  const apim = (identity: unknown = { type: 'UserAssigned', identity_ids: [ref(GATEWAY)] }) =>
    r('azurerm_api_management', 'apim', { name: 'apim-genai', resource_group_name: 'rg', sku_name: 'Premium_1', identity });
  const backend = (values: Values = {}) => r('azurerm_api_management_backend', 'aoai', {
    name: 'aoai', resource_group_name: 'rg', api_management_name: ref('azurerm_api_management.apim', 'name'), protocol: 'http',
    url: `${ref(AOAI, 'endpoint')}openai`, ...values,
  });
  const gateway = r('azurerm_user_assigned_identity', 'gateway', { name: 'id-gateway' });
  const openAiUser = (principal = ref(GATEWAY, 'principal_id'), scope = ref(AOAI), role = 'Cognitive Services OpenAI User') =>
    assignment(principal, { role_definition_name: role }, 'aoai-user', scope);
  const base = (kind: unknown = 'AIServices') => [account(kind), gateway, apim(), backend()];

  test('not applicable to an account nobody calls', () => {
    expect(statusOf(iam009, [account('OpenAI')], { address: AOAI })).toBe('not-applicable');
  });
  test('compliant: the gateway identity holds Cognitive Services OpenAI User on the account', () => {
    expect(statusOf(iam009, [...base(), openAiUser()], { address: AOAI })).toBe('compliant');
  });
  test('non-compliant: no role assignment', () => {
    expect(messagesOf(iam009, base(), { address: AOAI }))
      .toEqual(['azurerm_api_management.apim calls the account but none of its identities (azurerm_user_assigned_identity.gateway) has "Cognitive Services OpenAI User" scoped to it; expected a role assignment']);
  });
  test('non-compliant: the role is scoped to another account', () => {
    expect(statusOf(iam009, [...base(), openAiUser(ref(GATEWAY, 'principal_id'), ref('azurerm_cognitive_account.secondary'))], { address: AOAI })).toBe('non-compliant');
  });
  test('compliant: a system-assigned gateway identity', () => {
    const resources = [account('OpenAI'), apim({ type: 'SystemAssigned' }), backend(), openAiUser('${azurerm_api_management.apim.identity[0].principal_id}')];
    expect(statusOf(iam009, resources, { address: AOAI })).toBe('compliant');
  });
  test('non-compliant: a gateway without any identity', () => {
    expect(statusOf(iam009, [account('OpenAI'), apim(null), backend()], { address: AOAI })).toBe('non-compliant');
  });
  test('Content Safety needs Cognitive Services User, not the OpenAI role', () => {
    expect(statusOf(iam009, [...base('ContentSafety'), openAiUser()], { address: AOAI })).toBe('non-compliant');
    expect(statusOf(iam009, [...base('ContentSafety'), openAiUser(ref(GATEWAY, 'principal_id'), ref(AOAI), 'Cognitive Services User')], { address: AOAI })).toBe('compliant');
  });
  test('a backend naming the service by literal name and resource group', () => {
    expect(statusOf(iam009, [account('OpenAI'), gateway, apim(), backend({ api_management_name: 'apim-genai' })], { address: AOAI })).toBe('non-compliant');
  });
  test('an app that references the account endpoint is a caller too', () => {
    const app = r('azurerm_container_app', 'app', {
      name: 'ca', identity: { type: 'UserAssigned', identity_ids: [ref('azurerm_user_assigned_identity.orchestrator')] },
      template: { container: [{ name: 'c', env: [{ name: 'AOAI_ENDPOINT', value: ref(AOAI, 'endpoint') }] }] },
    });
    expect(statusOf(iam009, [account('OpenAI'), orchestrator, app], { address: AOAI })).toBe('non-compliant');
  });
  test('unknown: kind only known after apply', () => {
    expect(statusOf(iam009, base('${var.kind}'), { address: AOAI })).toBe('unknown');
  });
  test('unknown: the matching assignment\'s role is only known after apply', () => {
    expect(statusOf(iam009, [...base(), openAiUser(ref(GATEWAY, 'principal_id'), ref(AOAI), '${var.role}')], { address: AOAI })).toBe('unknown');
  });
});

describe('GAI-IAM-010 search uses its identity for vectorization, never keys', () => {
  const SEARCH = 'azurerm_search_service.srch';
  const search = (values: Values = {}) => r('azurerm_search_service', 'srch', { name: 'srch', sku: 'standard', identity: { type: 'SystemAssigned' }, ...values });
  const storage = r('azurerm_storage_account', 'docs', { name: 'stdocs' });
  const searchPrincipal = '${azurerm_search_service.srch.identity[0].principal_id}';
  const roles = [
    assignment(searchPrincipal, { role_definition_name: 'Cognitive Services OpenAI User' }, 'srch-aoai', ref('azurerm_cognitive_account.aoai')),
    assignment(searchPrincipal, { role_definition_name: 'Storage Blob Data Reader' }, 'srch-blob', ref('azurerm_storage_account.docs')),
  ];
  test('not applicable without model or storage accounts', () => {
    expect(statusOf(iam010, [search()])).toBe('not-applicable');
  });
  test('compliant: both roles for the search identity', () => {
    expect(statusOf(iam010, [search(), account('AIServices'), storage, ...roles])).toBe('compliant');
  });
  test('non-compliant: no storage role', () => {
    expect(messagesOf(iam010, [search(), account('AIServices'), storage, roles[0]]))
      .toEqual(['the search identity (azurerm_search_service.srch) has no "Storage Blob Data Reader" on any storage account (azurerm_storage_account.docs); expected a role assignment for integrated vectorization']);
  });
  test('non-compliant: no identity', () => {
    expect(statusOf(iam010, [search({ identity: undefined }), account('OpenAI'), storage])).toBe('non-compliant');
  });
  test('non-compliant: a search key copied into an app secret', () => {
    const app = r('azurerm_container_app', 'app', { name: 'ca', secret: [{ name: 'search-key', value: '${azurerm_search_service.srch.primary_key}' }] });
    expect(messagesOf(iam010, [search(), account('AIServices'), storage, ...roles, app]))
      .toEqual(['azurerm_container_app.app copies a search key (`primary_key`, `secondary_key` or `query_keys`); expected Entra ID access with a role assignment']);
  });
  test('unknown: a role only known after apply', () => {
    const unknownRole = assignment(searchPrincipal, { role_definition_name: '${var.role}' }, 'srch-blob', ref('azurerm_storage_account.docs'));
    expect(statusOf(iam010, [search(), storage, unknownRole])).toBe('unknown');
  });
  test('a user-assigned search identity counts', () => {
    const id = r('azurerm_user_assigned_identity', 'search', { name: 'id-search' });
    const s = search({ identity: { type: 'UserAssigned', identity_ids: [ref('azurerm_user_assigned_identity.search')] } });
    const blob = assignment(ref('azurerm_user_assigned_identity.search', 'principal_id'), { role_definition_name: 'Storage Blob Data Reader' }, 'blob', ref('azurerm_storage_account.docs'));
    expect(statusOf(iam010, [s, id, storage, blob], { address: SEARCH })).toBe('compliant');
  });
});

// --- COST-003/004 -------------------------------------------------------------------------------

const rg = (name = 'app') => r('azurerm_resource_group', name, { name: `rg-genai-${name}`, location: 'swedencentral' });
const budget = (group: string, contactGroups: unknown = [ref('azurerm_monitor_action_group.ag')], name = group) =>
  r('azurerm_consumption_budget_resource_group', name, {
    name: `budget-${group}`, resource_group_id: ref(`azurerm_resource_group.${group}`), amount: 1000, time_grain: 'Monthly',
    time_period: { start_date: '2026-01-01T00:00:00Z' },
    notification: [{ enabled: true, threshold: 80, operator: 'GreaterThanOrEqualTo', contact_emails: ['finops@contoso.com'], contact_groups: contactGroups }],
  });

describe('GAI-COST-003 every resource group that holds resources has a budget', () => {
  const held = r('azurerm_key_vault', 'kv', { name: 'kv', resource_group_name: ref('azurerm_resource_group.app', 'name') });
  test.each([
    ['a budget on the group', [held, budget('app')], 'compliant'],
    ['no budget', [held], 'non-compliant'],
    ['a budget on another group only', [held, budget('other')], 'non-compliant'],
    ['an empty group', [], 'not-applicable'],
    ['a resource naming the group literally', [r('azurerm_key_vault', 'kv', { name: 'kv', resource_group_name: 'rg-genai-app' })], 'non-compliant'],
  ])('%s', (_case, extra, expected) => {
    expect(statusOf(cost003, [rg(), ...extra], { address: 'azurerm_resource_group.app' })).toBe(expected);
  });
});

describe('GAI-COST-004 budgets and alerts share the on-call action group', () => {
  const ag = r('azurerm_monitor_action_group', 'ag', { name: 'ag-genai', short_name: 'genai' });
  const other = r('azurerm_monitor_action_group', 'finops', { name: 'ag-finops', short_name: 'finops' });
  const alert = metricAlert('restarts', ref('azurerm_container_app.app'), 'RestartCount');
  test.each([
    ['the action group the alerts use', [ag, alert, budget('app')], 'compliant'],
    ['no alerts in the plan', [ag, budget('app')], 'compliant'],
    ['no contact groups', [ag, alert, budget('app', [])], 'non-compliant'],
    ['another action group', [ag, other, alert, budget('app', [ref('azurerm_monitor_action_group.finops')])], 'non-compliant'],
    ['contact groups only known after apply', [ag, alert, budget('app', '${var.groups}')], 'unknown'],
  ])('%s', (_case, resources, expected) => {
    expect(statusOf(cost004, [rg(), ...resources], { address: 'azurerm_consumption_budget_resource_group.app' })).toBe(expected);
  });
  test('plan JSON: literal action group ids that match', () => {
    const id = '/subscriptions/x/resourceGroups/rg/providers/Microsoft.Insights/actionGroups/ag-genai';
    const resources = [rg(), r('azurerm_monitor_action_group', 'ag', { name: 'ag', id }), metricAlert('a', 'x', 'Capacity', [], id), budget('app', [id.toUpperCase()])];
    expect(statusOf(cost004, resources, { address: 'azurerm_consumption_budget_resource_group.app' })).toBe('compliant');
  });
});

// --- The real platform stack ---------------------------------------------------------------------

describe('graph rules on the synthesized prod stack', () => {
  const plan = parsePlan(synthEnvironment('prod').json, 'prod');
  const graph = new ResourceGraph(plan);
  const run = (rule: Rule) => plan.resources
    .filter((resource) => rule.appliesTo.includes(resource.type))
    .flatMap((resource) => {
      const result = rule.check(resource, { graph, production: true });
      return (Array.isArray(result) ? result : [result as Outcome]).map((outcome) => ({ address: resource.address, ...outcome }));
    });

  test.each([pe001, pe002, pe003, pe004, pe005, net008, mon004])('$id finds nothing non-compliant', (rule) => {
    const outcomes = run(rule);
    expect(outcomes.length).toBeGreaterThan(0);
    expect(outcomes.filter((o) => o.status === 'non-compliant')).toEqual([]);
  });

  test('the Key Vault endpoint uses the hub vault zone and the Monitor scope endpoint all five zones', () => {
    const statuses = [...run(pe002), ...run(pe003)].map((o) => o.status);
    expect(statuses.every((s) => s === 'compliant')).toBe(true);
    expect(run(pe001).map((o) => o.address).sort()).toEqual(plan.resources
      .filter((x) => ['azurerm_key_vault', 'azurerm_monitor_private_link_scope', 'azurerm_cognitive_account', 'azurerm_search_service',
        'azurerm_storage_account', 'azurerm_api_management', 'azurerm_container_app_environment', 'azurerm_container_registry', 'azurerm_managed_redis'].includes(x.type))
      .map((x) => x.address).sort());
  });
});

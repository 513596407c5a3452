import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { review } from '../../policy/engine';
import { ResourceGraph, attribute, blocks, referencedResource, refersTo, valueOf } from '../../policy/graph';
import { PlanError, UNKNOWN_VALUE, ignoresChangesTo, loadPlan, parsePlan } from '../../policy/plan';
import { Rule, attributeRule, compliant, expectAttribute, expectAttributes, nonCompliant, unknown } from '../../policy/rule';
import { loadSuppressionsFile, matchesAddress, suppress } from '../../policy/suppressions';
import kv001 from '../../policy/rules/kv/GAI-KV-001';
import { planOf } from './harness';

const FIXTURE = path.join(__dirname, 'fixtures', 'terraform-plan.json');
let tmp: string;
beforeEach(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-')); });
afterEach(() => { fs.rmSync(tmp, { recursive: true, force: true }); });

const testRule = (overrides: Partial<Rule> = {}): Rule => attributeRule({
  id: 'GAI-TST-001', title: 'Test resource is enabled', severity: 'error', rationale: 'r', remediation: 'fix it',
  references: {}, appliesTo: ['azurerm_test'], path: 'enabled', expected: true, ...overrides,
});

describe('plan model: cdk.tf.json', () => {
  const doc = {
    resource: {
      azurerm_key_vault: {
        'kv_ABC': {
          '//': { metadata: { path: 'prod/key-vault/vault' }, suppressions: [{ ruleId: 'GAI-KV-004', reason: 'opened for the migration window' }] },
          name: 'kv', network_acls: { default_action: 'Deny' }, resource_group_name: '${azurerm_resource_group.rg.name}',
        },
      },
      azurerm_resource_group: { rg: { name: 'rg' } },
    },
  };

  test('reads addresses, values without metadata, references, construct paths and suppressions', () => {
    const plan = parsePlan(doc, 'stack.json');
    expect(plan.format).toBe('cdktf');
    const vault = plan.resources.find((r) => r.type === 'azurerm_key_vault')!;
    expect(vault.address).toBe('azurerm_key_vault.kv_ABC');
    expect(vault.values).not.toHaveProperty('//');
    expect(vault.references).toEqual(['azurerm_resource_group.rg']);
    expect(vault.constructPath).toBe('prod/key-vault/vault');
    expect(vault.suppressions).toEqual([{ ruleId: 'GAI-KV-004', reason: 'opened for the migration window' }]);
  });

  test.each([
    [[], /expected a JSON object/],
    [{ hello: 1 }, /neither a cdktf stack .* nor a terraform plan/],
    [{ resource: { azurerm_x: { a: { '//': { suppressions: [{ ruleId: 'GAI-X-001' }] } } } } }, /suppression 1 needs a ruleId and a reason/],
  ])('refuses invalid documents with a clear message (%#)', (input, message) => {
    expect(() => parsePlan(input, 'bad.json')).toThrow(PlanError);
    expect(() => parsePlan(input, 'bad.json')).toThrow(message);
  });

  test('reports unreadable and non-JSON files', () => {
    expect(() => loadPlan(path.join(tmp, 'missing.json'))).toThrow(/missing\.json: cannot read: ENOENT/);
    fs.writeFileSync(path.join(tmp, 'broken.json'), '{ "resource": ');
    expect(() => loadPlan(path.join(tmp, 'broken.json'))).toThrow(/broken\.json: not valid JSON/);
  });
});

describe('plan model: resource lines', () => {
  test('loadPlan records where each resource starts in a pretty-printed cdk.tf.json, by type and name', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-lines-'));
    const file = path.join(dir, 'cdk.tf.json');
    // The same name under two types: each resource gets the line under its own type.
    fs.writeFileSync(file, JSON.stringify({ terraform: { backend: { local: {} } }, resource: { azurerm_a: { x: { name: 'a' } }, azurerm_b: { x: { name: 'b', tags: { x: {} } } } } }, null, 2));
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    const plan = loadPlan(file);
    for (const r of plan.resources) {
      expect(lines[r.line! - 1]).toBe(`      "${r.name}": {`);
      expect(lines.slice(0, r.line! - 1).reverse().find((l) => /^ {4}"/.test(l))).toBe(`    "${r.type}": {`);
    }
    expect(parsePlan(JSON.parse(fs.readFileSync(file, 'utf8')), file).resources.every((r) => r.line === undefined)).toBe(true);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('a terraform plan: the first line naming the address', () => {
    const lines = fs.readFileSync(FIXTURE, 'utf8').split('\n');
    for (const r of loadPlan(FIXTURE).resources) expect(lines[r.line! - 1]).toContain(`"address": "${r.address}"`);
  });
});

describe('plan model: terraform show -json', () => {
  const plan = loadPlan(FIXTURE);

  test('reads managed resources of every module, skipping data sources', () => {
    expect(plan.format).toBe('terraform-plan');
    expect(plan.resources.map((r) => r.address).sort()).toEqual([
      'azurerm_key_vault.vault', 'azurerm_private_endpoint.vault', 'azurerm_subnet.pe', 'module.dns.azurerm_private_dns_zone.vault',
    ]);
  });

  test('unknown-after-apply values become the configuration reference, or the unknown token', () => {
    const endpoint = plan.resources.find((r) => r.address === 'azurerm_private_endpoint.vault')!;
    expect(attribute(endpoint, 'private_service_connection.private_connection_resource_id'))
      .toEqual({ kind: 'unknown', expression: '${azurerm_key_vault.vault.id}' });
    expect(attribute(endpoint, 'private_service_connection.private_ip_address')).toEqual({ kind: 'unknown', expression: UNKNOWN_VALUE });
    expect(attribute(endpoint, 'private_service_connection.subresource_names')).toEqual({ kind: 'known', value: ['vault'] });
    expect([...endpoint.references].sort()).toEqual(['azurerm_key_vault.vault', 'azurerm_subnet.pe']);
  });

  test('an unknown element of a list attribute takes its own reference from the list\'s expression; depends_on and local-exec come from the configuration', () => {
    const parsed = parsePlan({
      format_version: '1.2',
      planned_values: { root_module: { resources: [
        { address: 'azurerm_private_endpoint.pe', mode: 'managed', type: 'azurerm_private_endpoint', name: 'pe', values: { private_dns_zone_group: [{ private_dns_zone_ids: [null, null] }] } },
        { address: 'terraform_data.wait', mode: 'managed', type: 'terraform_data', name: 'wait', values: {} },
      ] } },
      resource_changes: [{ address: 'azurerm_private_endpoint.pe', change: { after_unknown: { private_dns_zone_group: [{ private_dns_zone_ids: [true, true] }] } } }],
      configuration: { root_module: { resources: [
        { address: 'azurerm_private_endpoint.pe', expressions: { private_dns_zone_group: [{ private_dns_zone_ids: { references: ['azurerm_private_dns_zone.a.id', 'azurerm_private_dns_zone.a', 'azurerm_private_dns_zone.b.id', 'azurerm_private_dns_zone.b'] } }] }, depends_on: ['terraform_data.wait'] },
        { address: 'terraform_data.wait', provisioners: [{ type: 'local-exec', expressions: { command: { constant_value: 'sleep 120' } } }] },
      ] } },
    }, 'plan.json');
    const [endpoint, wait] = parsed.resources;
    expect(attribute(endpoint, 'private_dns_zone_group.private_dns_zone_ids')).toEqual({ kind: 'known', value: ['${azurerm_private_dns_zone.a.id}', '${azurerm_private_dns_zone.b.id}'] });
    expect(endpoint.dependsOn).toEqual(['terraform_data.wait']);
    expect(wait.localExecCommands).toEqual(['sleep 120']);
  });

  test('the lifecycle block is read once into the plan model: cdk.tf.json has it, plan JSON does not', () => {
    const [key, filter, plain] = parsePlan({ resource: {
      azurerm_key_vault_key: { k: { name: 'cmk', lifecycle: { ignore_changes: ['${expiration_date}'], prevent_destroy: true } } },
      azurerm_cognitive_account_rai_policy: { p: { name: 'rai', lifecycle: { ignore_changes: ['content_filter[3]', 'content_filter [4].severity_threshold'] } } },
      azurerm_key_vault: { v: { name: 'kv' } },
    } }, 'cdk.tf.json').resources;
    expect(key.lifecycle).toEqual({ ignoreChanges: ['expiration_date'], preventDestroy: true });
    expect(ignoresChangesTo(key, 'expiration_date')).toBe(true);
    expect(ignoresChangesTo(key, 'expiration')).toBe(false);
    expect(ignoresChangesTo(filter, 'content_filter[3].severity_threshold')).toBe(true);
    expect(ignoresChangesTo(filter, 'content_filter[4].severity_threshold')).toBe(true);
    expect(ignoresChangesTo(filter, 'content_filter[30].severity_threshold')).toBe(false);
    expect(plain.lifecycle).toEqual({ ignoreChanges: [], preventDestroy: false });
    expect(ignoresChangesTo({ ...plain, lifecycle: { ignoreChanges: 'all', preventDestroy: false } }, 'anything')).toBe(true);
    for (const r of plan.resources) {
      expect(r.lifecycle).toBeUndefined();
      expect(ignoresChangesTo(r, 'tags')).toBeUndefined();
    }
  });

  test('graph relations work on plans as on cdk.tf.json', () => {
    const graph = new ResourceGraph(plan);
    const vault = graph.get('azurerm_key_vault.vault')!;
    expect(graph.referrersAt(vault, 'azurerm_private_endpoint', 'private_service_connection.private_connection_resource_id').map((r) => r.address))
      .toEqual(['azurerm_private_endpoint.vault']);
  });

  test('a rule fails on a real plan value and production is inferred from the environment-tier tag', () => {
    const report = review([plan], { rules: [kv001] });
    expect(report.findings).toEqual([expect.objectContaining({
      ruleId: 'GAI-KV-001', address: 'azurerm_key_vault.vault', status: 'fail', file: FIXTURE,
      message: '`purge_protection_enabled` is false; expected true',
    })]);
    const seen: boolean[] = [];
    review([plan], { rules: [{ ...testRule({ appliesTo: ['azurerm_key_vault'] }), check: (_r, ctx) => { seen.push(ctx.production); return compliant; } }] });
    expect(seen).toEqual([true]);
  });
});

describe('graph attribute access', () => {
  const plan = planOf([
    { type: 'azurerm_thing', name: 'a', values: { id: '/subscriptions/s/thing/a', acl: { mode: 'Deny' }, list: [{ x: 1 }, { x: 2 }], ref: '${azurerm_other.b.id}', empty: [] } },
    { type: 'azurerm_other', name: 'b', values: { target: '/SUBSCRIPTIONS/S/THING/A' } },
  ]);
  const graph = new ResourceGraph(plan);
  const a = graph.get('azurerm_thing.a')!;

  test('steps through single blocks given as objects or one-element lists, and indexes lists', () => {
    expect(attribute(a, 'acl.mode')).toEqual({ kind: 'known', value: 'Deny' });
    expect(attribute(a, 'list.1.x')).toEqual({ kind: 'known', value: 2 });
    expect(attribute(a, 'list.x')).toEqual({ kind: 'known', value: 1 });
    expect(attribute(a, 'missing.deep')).toEqual({ kind: 'absent' });
    expect(attribute(a, 'empty.x')).toEqual({ kind: 'absent' });
    expect(attribute(a, 'ref.anything')).toEqual({ kind: 'unknown', expression: '${azurerm_other.b.id}' });
    expect(blocks(a, 'list')).toHaveLength(2);
    expect(blocks(a, 'acl')).toEqual([{ mode: 'Deny' }]);
  });

  test('references resolve by expression and by literal id (case-insensitive)', () => {
    const b = graph.get('azurerm_other.b')!;
    expect(graph.resolve(attribute(a, 'ref'))).toBe(b);
    expect(refersTo(attribute(b, 'target'), a)).toBe(true);
    expect(graph.referrersOf(b).map((r) => r.address)).toEqual(['azurerm_thing.a']);
  });

  test('targetsOf finds exactly what a refersTo scan finds: references anywhere, literal ids, lists', () => {
    const multi = planOf([
      { type: 'azurerm_thing', name: 'a', values: { id: '/subscriptions/s/thing/a' } },
      { type: 'azurerm_thing', name: 'b', values: {} },
      { type: 'azurerm_other', name: 'c', values: {} },
      { type: 'data.azurerm_client_config', name: 'd', values: {} },
      { type: 'azurerm_user', name: 'u', values: {
        list: ['${azurerm_thing.b.id}', '/SUBSCRIPTIONS/S/THING/A', 'unrelated'],
        joined: 'x-${azurerm_other.c.name}-${azurerm_thing.b}-${lower(azurerm_thing.a.id)}',
        missing: '${azurerm_thing.zz.id}',
      } },
    ]);
    const g = new ResourceGraph(multi);
    const user = g.get('azurerm_user.u')!;
    for (const path of ['list', 'joined', 'missing']) {
      const value = attribute(user, path);
      const scanned = g.resources.filter((r) => refersTo(value, r)).map((r) => r.address).sort();
      expect(g.targetsOf(value).map((r) => r.address).sort()).toEqual(scanned);
    }
    expect(g.targetsOf(attribute(user, 'list')).map((r) => r.address).sort()).toEqual(['azurerm_thing.a', 'azurerm_thing.b']);
    expect(g.targetsOf(attribute(user, 'joined')).map((r) => r.address).sort()).toEqual(['azurerm_other.c', 'azurerm_thing.b']);
  });

  test('targetsOf and referrersAt follow module addresses and every resource sharing a literal id, in plan order', () => {
    const id = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/pe';
    const g = new ResourceGraph(planOf([
      { type: 'azurerm_subnet', name: 'pe', values: { id } },
      { type: 'azurerm_subnet_network_security_group_association', name: 'pe', values: { id } },
      { type: 'module.hub.azurerm_key_vault', name: 'kv', values: {} },
      { type: 'azurerm_private_endpoint', name: 'a', values: { subnet_id: id.toUpperCase(), target: '${module.hub.azurerm_key_vault.kv.id}' } },
      { type: 'azurerm_private_endpoint', name: 'b', values: { subnet_id: '${azurerm_subnet.pe.id}' } },
    ]));
    const endpoint = g.get('azurerm_private_endpoint.a')!;
    expect(g.targetsOf(attribute(endpoint, 'subnet_id')).map((r) => r.address))
      .toEqual(['azurerm_subnet.pe', 'azurerm_subnet_network_security_group_association.pe']);
    expect(g.targetsOf(attribute(endpoint, 'subnet_id'), 'azurerm_subnet').map((r) => r.address)).toEqual(['azurerm_subnet.pe']);
    expect(g.targetsOf(attribute(endpoint, 'target')).map((r) => r.address)).toEqual(['module.hub.azurerm_key_vault.kv']);
    const subnet = g.get('azurerm_subnet.pe')!;
    expect(g.referrersAt(subnet, 'azurerm_private_endpoint', 'subnet_id').map((r) => r.address))
      .toEqual(['azurerm_private_endpoint.a', 'azurerm_private_endpoint.b']);
    expect(g.referrersAt(subnet, 'azurerm_private_endpoint', 'subnet_id'))
      .toEqual(g.ofType('azurerm_private_endpoint').filter((r) => refersTo(attribute(r, 'subnet_id'), subnet)));
    // A shared literal id names the resource itself first; a type picks the one asked for.
    expect(g.byId(id.toUpperCase())).toBe(subnet);
    expect(g.byId(id, 'azurerm_subnet_network_security_group_association')?.address).toBe('azurerm_subnet_network_security_group_association.pe');
    expect(referencedResource(g, endpoint, 'subnet_id', 'azurerm_subnet')).toBe(subnet);
    // A reference to another type points at nothing, unless the caller asks for whatever it names.
    const b = g.get('azurerm_private_endpoint.b')!;
    expect(referencedResource(g, b, 'subnet_id', 'azurerm_key_vault')).toBeUndefined();
    expect(referencedResource(g, b, 'subnet_id', 'azurerm_key_vault', { anyType: true })).toBe(subnet);
  });

  test('identityOf: a reference and the literal id of one resource share a key; other values are lowercased', () => {
    expect(graph.identityOf('${azurerm_thing.a.id}')).toBe('azurerm_thing.a');
    expect(graph.identityOf('/SUBSCRIPTIONS/S/THING/A')).toBe('azurerm_thing.a');
    expect(graph.identityOf('/subscriptions/s/Elsewhere')).toBe('/subscriptions/s/elsewhere');
  });

  test('memo computes once per graph and key', () => {
    let calls = 0;
    const compute = () => ++calls;
    expect([graph.memo('k', compute), graph.memo('k', compute), graph.memo('other', compute)]).toEqual([1, 1, 2]);
    expect(new ResourceGraph(plan).memo('k', compute)).toBe(3);
  });

  test('groupBy indexes resources of the given types (all without) by none, one or several keys, once per graph and key', () => {
    const g = new ResourceGraph(planOf([
      { type: 'azurerm_x', name: 'a', values: { tags: ['red', 'blue', 'red'], name: 'one' } },
      { type: 'azurerm_y', name: 'b', values: { tags: ['blue'], name: 'two' } },
      { type: 'azurerm_x', name: 'c', values: { name: 'one' } },
      { type: 'azurerm_z', name: 'd', values: { name: 'one' } },
    ]));
    const addresses = (list: readonly { address: string }[] | undefined) => (list ?? []).map((r) => r.address);
    let calls = 0;
    const byTag = g.groupBy('test/by-tag', ['azurerm_y', 'azurerm_x'], (r) => {
      calls++;
      return Array.isArray(r.values.tags) ? (r.values.tags as string[]) : undefined;
    });
    // Types in the order given, plan order within a type; a resource listed once however often it gives a key.
    expect(addresses(byTag.get('blue'))).toEqual(['azurerm_y.b', 'azurerm_x.a']);
    expect(addresses(byTag.get('red'))).toEqual(['azurerm_x.a']);
    expect(byTag.has('green')).toBe(false);
    expect(g.groupBy('test/by-tag', 'azurerm_x', () => 'ignored')).toBe(byTag);
    expect(calls).toBe(3);
    // A string is one key, not its characters; undefined types mean every resource, in plan order.
    const byName = g.groupBy('test/by-name', undefined, (r) => String(r.values.name));
    expect(addresses(byName.get('one'))).toEqual(['azurerm_x.a', 'azurerm_x.c', 'azurerm_z.d']);
    expect(byName.has('o')).toBe(false);
    // Resources are keys too; withValue is a groupBy of known strings.
    const a = g.get('azurerm_x.a')!;
    expect(addresses(g.groupBy('test/self', 'azurerm_x', (r) => r).get(a))).toEqual(['azurerm_x.a']);
    expect(addresses(g.withValue('azurerm_x', 'name', 'one'))).toEqual(['azurerm_x.a', 'azurerm_x.c']);
  });

  test('target: a reference (of the type asked for), else the first resource a literal id names; an unresolved expression names nothing', () => {
    const id = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/pe';
    const g = new ResourceGraph(planOf([
      { type: 'azurerm_subnet', name: 'pe', values: { id } },
      { type: 'azurerm_subnet_network_security_group_association', name: 'pe', values: { id } },
      { type: 'module.hub.azurerm_key_vault', name: 'kv', values: {} },
      { type: 'azurerm_user', name: 'u', values: {
        ref: '${azurerm_subnet.pe.id}', literal: id.toUpperCase(), list: ['/x', id], module: '${module.hub.azurerm_key_vault.kv.id}', other: '/x',
      } },
    ]));
    const user = g.get('azurerm_user.u')!;
    const subnet = g.get('azurerm_subnet.pe')!;
    expect(g.target(attribute(user, 'ref'))).toBe(subnet);
    expect(g.target(attribute(user, 'ref'), 'azurerm_subnet')).toBe(subnet);
    expect(g.target(attribute(user, 'ref'), 'azurerm_key_vault')).toBeUndefined();
    expect(g.target(attribute(user, 'literal'))).toBe(subnet);
    expect(g.target(attribute(user, 'literal'), 'azurerm_subnet_network_security_group_association')?.address).toBe('azurerm_subnet_network_security_group_association.pe');
    expect(g.target(attribute(user, 'list'))).toBe(subnet);
    // `resolve` reads no module address, and an expression is no literal id: nothing (targetsOf still names it).
    expect(g.target(attribute(user, 'module'))).toBeUndefined();
    expect(g.targetsOf(attribute(user, 'module')).map((r) => r.address)).toEqual(['module.hub.azurerm_key_vault.kv']);
    expect(g.target(attribute(user, 'other'))).toBeUndefined();
    expect(g.target(attribute(user, 'missing'))).toBeUndefined();
  });

  test('valueOf reads a raw value as attribute does', () => {
    expect(valueOf('${azurerm_thing.a.id}')).toEqual({ kind: 'unknown', expression: '${azurerm_thing.a.id}' });
    expect(valueOf('/subscriptions/s/thing/a')).toEqual({ kind: 'known', value: '/subscriptions/s/thing/a' });
    expect(valueOf(3)).toEqual({ kind: 'known', value: 3 });
    expect(valueOf(undefined)).toEqual({ kind: 'absent' });
    expect(valueOf(null)).toEqual({ kind: 'absent' });
    expect(graph.resolve(valueOf('${azurerm_other.b.id}'))).toBe(graph.get('azurerm_other.b'));
    expect(graph.target(valueOf('/SUBSCRIPTIONS/S/THING/A'))).toBe(a);
    const raw = { ...a.values };
    for (const key of Object.keys(raw)) expect(valueOf(raw[key])).toEqual(attribute(a, key));
  });
});

describe('expectAttribute', () => {
  const resource = (values: Record<string, unknown>) => planOf([{ type: 'azurerm_thing', name: 'a', values }]).resources[0];

  test('judges by `expected`, the provider default when absent, unknown when only known after apply', () => {
    expect(expectAttribute(resource({ flag: false }), 'flag', { expected: false })).toEqual(compliant);
    expect(expectAttribute(resource({ flag: true }), 'flag', { expected: false })).toEqual(nonCompliant('`flag` is true; expected false'));
    expect(expectAttribute(resource({}), 'flag', { expected: false })).toEqual(nonCompliant('`flag` is not set; expected false'));
    expect(expectAttribute(resource({}), 'flag', { expected: false, providerDefault: false })).toEqual(compliant);
    expect(expectAttribute(resource({}), 'flag', { expected: false, providerDefault: true }))
      .toEqual(nonCompliant('`flag` is not set, so the provider default true applies; expected false'));
    expect(expectAttribute(resource({ flag: '${var.x}' }), 'flag', { expected: false }))
      .toEqual(unknown('`flag` is only known after apply (${var.x}); expected false'));
  });

  test('a `test` with the `wanted` wording, and a message of its own for a missing attribute', () => {
    const options = { test: (v: unknown) => typeof v === 'string' && /^[a-z]+$/.test(v), wanted: 'lowercase letters', whenAbsent: 'no `name`: the service picks one; expected lowercase letters' };
    expect(expectAttribute(resource({ name: 'abc' }), 'name', options)).toEqual(compliant);
    expect(expectAttribute(resource({ name: 'A-1' }), 'name', options)).toEqual(nonCompliant('`name` is "A-1"; expected lowercase letters'));
    expect(expectAttribute(resource({}), 'name', options)).toEqual(nonCompliant('no `name`: the service picks one; expected lowercase letters'));
    expect(expectAttribute(resource({ name: '${var.n}' }), 'name', options)).toEqual(unknown('`name` is only known after apply (${var.n}); expected lowercase letters'));
  });

  test('expectAttributes: one finding per attribute that is not compliant, in order, else compliant', () => {
    const options = { expected: false, providerDefault: false, wanted: 'false or unset' };
    expect(expectAttributes(resource({ a: false }), ['a', 'b'], options)).toEqual(compliant);
    expect(expectAttributes(resource({ a: true, b: '${var.b}' }), ['a', 'b'], options)).toEqual([
      nonCompliant('`a` is true; expected false or unset'),
      unknown('`b` is only known after apply (${var.b}); expected false or unset'),
    ]);
  });
});

describe('review engine', () => {
  test('an unknown value is reported as unknown, never as a pass, and does not block', () => {
    const report = review([planOf([{ type: 'azurerm_test', values: { enabled: '${var.enabled}' } }])], { rules: [testRule()] });
    expect(report.findings).toEqual([expect.objectContaining({ status: 'unknown', severity: 'error' })]);
    expect(report.summary).toMatchObject({ errors: 0, unknown: 1, blocking: 0 });
  });

  test('a failing error rule blocks; warnings and notes do not', () => {
    const plan = planOf([{ type: 'azurerm_test', values: { enabled: false } }]);
    expect(review([plan], { rules: [testRule()] }).summary).toMatchObject({ errors: 1, blocking: 1 });
    expect(review([plan], { rules: [testRule({ severity: 'warning' })] }).summary).toMatchObject({ warnings: 1, blocking: 0 });
    expect(review([plan], { rules: [testRule({ severity: 'note' })] }).summary).toMatchObject({ notes: 1, blocking: 0 });
  });

  test('a rule that throws becomes an unknown finding with the reason', () => {
    const broken: Rule = { ...testRule(), check: () => { throw new Error('boom'); } };
    const report = review([planOf([{ type: 'azurerm_test', values: {} }])], { rules: [broken] });
    expect(report.findings[0]).toMatchObject({ status: 'unknown', message: 'rule could not evaluate this resource: boom' });
  });

  test('several outcomes make several findings, sorted by severity then rule then address', () => {
    const multi: Rule = { ...testRule({ id: 'GAI-TST-002', severity: 'warning' }), check: () => [nonCompliant('one'), nonCompliant('two'), compliant] };
    const report = review([planOf([{ type: 'azurerm_test', name: 'b', values: { enabled: false } }, { type: 'azurerm_test', name: 'a', values: { enabled: false } }])],
      { rules: [multi, testRule()] });
    expect(report.findings.map((f) => `${f.ruleId} ${f.address} ${f.message.slice(0, 3)}`)).toEqual([
      'GAI-TST-001 azurerm_test.a `en', 'GAI-TST-001 azurerm_test.b `en',
      'GAI-TST-002 azurerm_test.a one', 'GAI-TST-002 azurerm_test.a two', 'GAI-TST-002 azurerm_test.b one', 'GAI-TST-002 azurerm_test.b two',
    ]);
  });

  test('suppressions from metadata and from a file keep the finding, with its reason, and stop it blocking', () => {
    const plan = planOf([
      { type: 'azurerm_test', name: 'meta', values: { enabled: false }, suppressions: [{ ruleId: 'GAI-TST-001', reason: 'accepted by the security board' }] },
      { type: 'azurerm_test', name: 'filed', values: { enabled: false } },
      { type: 'azurerm_test', name: 'open', values: { enabled: false } },
    ]);
    const report = review([plan], { rules: [testRule()], suppressions: [{ ruleId: 'GAI-TST-001', address: 'azurerm_test.fil*', reason: 'tracked in ticket SEC-42' }] });
    expect(report.findings.map((f) => [f.address, f.suppressed, f.reason])).toEqual([
      ['azurerm_test.filed', true, 'tracked in ticket SEC-42'],
      ['azurerm_test.meta', true, 'accepted by the security board'],
      ['azurerm_test.open', false, undefined],
    ]);
    expect(report.summary).toMatchObject({ errors: 1, suppressed: 2, blocking: 1 });
  });
});

describe('suppress() in constructs', () => {
  function synthWith(configure: (stack: TerraformStack) => void): Record<string, any> {
    const app = new App({ outdir: tmp, skipValidation: true });
    const stack = new TerraformStack(app, 's');
    configure(stack);
    app.synth();
    return JSON.parse(fs.readFileSync(path.join(tmp, 'stacks', 's', 'cdk.tf.json'), 'utf8'));
  }

  test('writes the suppression with its reason into every resource of the scope, visible in the plan', () => {
    const json = synthWith((stack) => {
      const layer = new Construct(stack, 'layer');
      new ResourceGroup(layer, 'rg', { name: 'rg', location: 'swedencentral' });
      new UserAssignedIdentity(layer, 'id', { name: 'id', location: 'swedencentral', resourceGroupName: 'rg' });
      new ResourceGroup(stack, 'other', { name: 'other', location: 'swedencentral' });
      expect(suppress(layer, 'GAI-GOV-001', 'tags are applied by the landing zone policy')).toBe(2);
      suppress(layer, 'GAI-GOV-001', 'tags are applied by the landing zone policy');
    });
    const expected = [{ ruleId: 'GAI-GOV-001', reason: 'tags are applied by the landing zone policy' }];
    expect(Object.values(json.resource.azurerm_resource_group as Record<string, any>).find((r) => r.name === 'rg')['//'].suppressions).toEqual(expected);
    expect(Object.values(json.resource.azurerm_user_assigned_identity as Record<string, any>)[0]['//'].suppressions).toEqual(expected);
    expect(Object.values(json.resource.azurerm_resource_group as Record<string, any>).find((r) => r.name === 'other')['//'].suppressions).toBeUndefined();
    const plan = parsePlan(json, 's.json');
    expect(plan.resources.find((r) => r.values.name === 'rg')!.suppressions).toEqual(expected);
  });

  test('refuses a short reason, a malformed rule id, and a scope without resources', () => {
    const app = new App({ outdir: tmp, skipValidation: true });
    const stack = new TerraformStack(app, 's');
    const rg = new ResourceGroup(stack, 'rg', { name: 'rg', location: 'swedencentral' });
    expect(() => suppress(rg, 'GAI-KV-001', 'because')).toThrow(/needs a reason of at least 10 characters/);
    expect(() => suppress(rg, 'KV1', 'a long enough reason')).toThrow(/'KV1' is not a rule id/);
    expect(() => suppress(new Construct(stack, 'empty'), 'GAI-KV-001', 'a long enough reason')).toThrow(/no Terraform resource to suppress GAI-KV-001/);
  });
});

describe('suppressions file', () => {
  test('loads entries and matches addresses with wildcards', () => {
    const file = path.join(tmp, 's.json');
    fs.writeFileSync(file, JSON.stringify({ suppressions: [{ ruleId: 'GAI-KV-004', address: 'module.kv.azurerm_key_vault.*', reason: 'break-glass vault, reviewed 2026-11' }] }));
    expect(loadSuppressionsFile(file)).toEqual([{ ruleId: 'GAI-KV-004', address: 'module.kv.azurerm_key_vault.*', reason: 'break-glass vault, reviewed 2026-11' }]);
    expect(matchesAddress('module.kv.azurerm_key_vault.*', 'module.kv.azurerm_key_vault.main')).toBe(true);
    expect(matchesAddress('azurerm_key_vault.a', 'azurerm_key_vault.ab')).toBe(false);
  });

  test('lists every bad entry at once', () => {
    const file = path.join(tmp, 's.json');
    fs.writeFileSync(file, JSON.stringify({ suppressions: [{ ruleId: 'GAI-KV-004', address: 'x', reason: 'short' }, { ruleId: 'nope', reason: 'long enough reason' }] }));
    expect(() => loadSuppressionsFile(file)).toThrow(/suppressions\[0\]: a suppression of GAI-KV-004 needs a reason of at least 10 characters\n\s+suppressions\[1\]: 'nope' is not a rule id .*; needs an "address"/);
  });
});

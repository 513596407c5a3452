/**
 * The service catalog (catalog/services.ts) covers every resource type the shipped environments
 * synthesize and every type a rule applies to, and agrees with the tables that still hold their own
 * copy of its facts (the PE rules' private-link targets, the KEY rules' CMK consumers) and with the
 * data it names (naming rules, CMK constraints, the price table, the pricers).
 */
import { NAME_RULES, ResourceKind } from '../../catalog/naming-rules';
import { CMK_CONSTRAINTS } from '../../catalog/customer-managed-keys';
import { SERVICES, cmkConsumers, privateLinkTargets, service, typesWhere } from '../../catalog/services';
import { ENVIRONMENTS } from '../../environments';
import { allRules } from '../../policy/rules';
import { CMK_CONSUMERS } from '../../policy/rules/key/_cmk';
import { PRIVATE_LINK_TARGETS } from '../../policy/rules/pe/_zones';
import { KIND_BY_TYPE } from '../../policy/rules/gov/GAI-GOV-003';
import { PRICERS } from '../../tools/cost/estimate';
import { loadPriceTable } from '../../tools/cost/prices';
import { shippedEnvironments } from '../stacks/synth';

/** Resource types of each shipped environment's synthesized plan. */
const planTypes = new Map<string, string[]>();
const planResources = new Map<string, { type: string; values: Record<string, unknown> }[]>();
beforeAll(() => {
  for (const [name, { json }] of shippedEnvironments()) {
    const resource: Record<string, Record<string, Record<string, unknown>>> = json.resource ?? {};
    planTypes.set(name, Object.keys(resource).sort());
    planResources.set(name, Object.entries(resource).flatMap(([type, byName]) => Object.values(byName).map((values) => ({ type, values }))));
  }
}, 120_000);

describe('coverage', () => {
  test('every shipped environment was synthesized', () => {
    expect([...planTypes.keys()]).toEqual(ENVIRONMENTS.map((e) => e.name));
    for (const types of planTypes.values()) expect(types.length).toBeGreaterThan(20);
  });

  test('every resource type of every shipped plan has a catalog entry', () => {
    const missing = [...planTypes].flatMap(([env, types]) => types.filter((t) => !service(t)).map((t) => `${env}: ${t}`));
    expect(missing).toEqual([]);
  });

  test('every type a rule applies to has a catalog entry', () => {
    const missing = allRules().flatMap((rule) => rule.appliesTo.filter((t) => !service(t)).map((t) => `${rule.id}: ${t}`));
    expect(missing).toEqual([]);
  });

  test('one entry per type', () => {
    const types = SERVICES.map((e) => e.type);
    expect(types.filter((t, i) => types.indexOf(t) !== i)).toEqual([]);
    for (const t of types) expect(t).toMatch(/^(azurerm|azapi)_[a-z0-9_]+$|^terraform_data$/);
  });
});

describe('consistency with the tables that remain', () => {
  test('each naming-rule kind belongs to exactly one type, and GAI-GOV-003 covers them in the naming rules\' order', () => {
    const kinds = Object.keys(NAME_RULES) as ResourceKind[];
    for (const kind of kinds) expect(typesWhere((e) => e.naming === kind)).toHaveLength(1);
    expect(Object.values(KIND_BY_TYPE)).toEqual(kinds);
  });

  test('policy/rules/pe/_zones.ts PRIVATE_LINK_TARGETS is the catalog\'s privateLink', () => {
    expect(privateLinkTargets()).toEqual(PRIVATE_LINK_TARGETS);
  });

  test('policy/rules/key/_cmk.ts CMK_CONSUMERS is the catalog\'s cmk', () => {
    expect(cmkConsumers()).toEqual(CMK_CONSUMERS);
  });

  test('the CMK constraints an entry carries are catalog/customer-managed-keys.ts\', for exactly its types', () => {
    const constrained = SERVICES.filter((e) => e.cmk?.constraint);
    expect(constrained.map((e) => e.type).sort()).toEqual(Object.keys(CMK_CONSTRAINTS).sort());
    for (const e of constrained) expect(e.cmk?.constraint).toBe(CMK_CONSTRAINTS[e.type]);
  });

  test('cost: `free` types are those data/prices.json gives a reason for, `priced` those with a pricer, groups exist', () => {
    const table = loadPriceTable();
    const freeTypes = Object.keys(table.free).filter((k) => !k.startsWith('$') && !k.startsWith('azapi:'));
    expect(typesWhere((e) => e.cost.kind === 'free').sort()).toEqual(freeTypes.sort());
    expect(typesWhere((e) => e.cost.kind === 'priced').sort()).toEqual(Object.keys(PRICERS).sort());
    for (const e of SERVICES) {
      if (e.cost.kind === 'priced') for (const group of e.cost.groups) expect(Object.keys(table.groups)).toContain(group);
    }
    expect(typesWhere((e) => e.cost.kind === 'per-arm-type')).toEqual(['azapi_resource']);
  });

  test('an ARM type has one tier', () => {
    const tiers = new Map<string, Set<string>>();
    for (const e of SERVICES) if (e.tier && e.armType) tiers.set(e.armType.toLowerCase(), new Set([...(tiers.get(e.armType.toLowerCase()) ?? []), e.tier]));
    expect([...tiers].filter(([, set]) => set.size > 1)).toEqual([]);
  });

  test('diagram node kinds: private endpoints and user-assigned identities', () => {
    expect(service('azurerm_private_endpoint')?.diagram?.node).toBe('private-endpoint');
    expect(service('azurerm_user_assigned_identity')?.diagram?.node).toBe('identity');
    expect(SERVICES.filter((e) => e.diagram?.node).length).toBe(2);
  });

  test('`tags` matches the shipped plans: taggable resources carry tags, and none with `location: false` has a location', () => {
    const problems = [...planResources].flatMap(([env, resources]) => resources.flatMap(({ type, values }) => {
      const tags = service(type)?.tags;
      if (!tags) return [];
      const out: string[] = [];
      if (values.tags === undefined) out.push(`${env}: ${type} has no tags`);
      if (!tags.location && values.location !== undefined) out.push(`${env}: ${type} has a location`);
      return out;
    }));
    expect(problems).toEqual([]);
  });
});

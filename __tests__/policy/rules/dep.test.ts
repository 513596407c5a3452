import dep001 from '../../../policy/rules/dep/GAI-DEP-001';
import dep002 from '../../../policy/rules/dep/GAI-DEP-002';
import dep003 from '../../../policy/rules/dep/GAI-DEP-003';
import dep004 from '../../../policy/rules/dep/GAI-DEP-004';
import dep005 from '../../../policy/rules/dep/GAI-DEP-005';
import dep006 from '../../../policy/rules/dep/GAI-DEP-006';
import { APPROVED_MODELS, RETIRED_MODELS } from '../../../policy/rules/dep/_models';
import { parsePlan } from '../../../policy/plan';
import { ResourceGraph } from '../../../policy/graph';
import { FixtureResource, messagesOf, statusOf, Values } from '../harness';
import dep007 from '../../../policy/rules/dep/GAI-DEP-007';


const accountA: FixtureResource = { type: 'azurerm_cognitive_account', name: 'a', values: { name: 'ais-a', kind: 'OpenAI', location: 'swedencentral' } };
const accountB: FixtureResource = { type: 'azurerm_cognitive_account', name: 'b', values: { name: 'ais-b', kind: 'OpenAI', location: 'swedencentral' } };

const raiPolicy = (name: string, account: string, resourceName = 'policy'): FixtureResource => ({
  type: 'azurerm_cognitive_account_rai_policy', name: resourceName,
  values: { name, cognitive_account_id: `\${azurerm_cognitive_account.${account}.id}`, base_policy_name: 'Microsoft.DefaultV2' },
});

/** A deployment `chat` on account `a` (gpt-4.1 2025-04-14, Standard, 50K TPM) plus other resources. */
const deployment = (values: Values, ...others: FixtureResource[]): FixtureResource[] => [
  {
    type: 'azurerm_cognitive_deployment', name: 'chat',
    values: {
      name: 'chat', cognitive_account_id: '${azurerm_cognitive_account.a.id}',
      model: { format: 'OpenAI', name: 'gpt-4.1', version: '2025-04-14' }, sku: { name: 'Standard', capacity: 50 }, ...values,
    },
  },
  accountA, accountB, ...others,
];

describe('GAI-DEP-001 RAI policy', () => {
  test.each([
    ['built-in policy', deployment({ rai_policy_name: 'Microsoft.DefaultV2' }), 'compliant'],
    ['reference to a policy of the same account', deployment({ rai_policy_name: '${azurerm_cognitive_account_rai_policy.policy.name}' }, raiPolicy('strict', 'a')), 'compliant'],
    ['literal name of a policy of the same account', deployment({ rai_policy_name: 'strict' }, raiPolicy('strict', 'a')), 'compliant'],
    ['reference to a policy of another account', deployment({ rai_policy_name: '${azurerm_cognitive_account_rai_policy.policy.name}' }, raiPolicy('strict', 'b')), 'non-compliant'],
    ['literal name only defined on another account', deployment({ rai_policy_name: 'strict' }, raiPolicy('strict', 'b')), 'non-compliant'],
    ['literal name of a policy not in the plan', deployment({ rai_policy_name: 'managed-elsewhere' }), 'non-compliant'],
    ['not set', deployment({}), 'non-compliant'],
    ['variable', deployment({ rai_policy_name: '${var.rai_policy}' }), 'unknown'],
    ['policy whose account is a variable', deployment({ rai_policy_name: '${azurerm_cognitive_account_rai_policy.policy.name}' },
      { ...raiPolicy('strict', 'a'), values: { name: 'strict', cognitive_account_id: '${var.account_id}' } }), 'unknown'],
  ])('%s', (_case, resources, expected) => {
    expect(statusOf(dep001, resources)).toBe(expected);
  });

  test('with two same-named policies, the one on the deployment\'s account counts', () => {
    expect(statusOf(dep001, deployment({ rai_policy_name: 'strict' }, raiPolicy('strict', 'b', 'pb'), raiPolicy('strict', 'a', 'pa')))).toBe('compliant');
  });

  test('resolves accounts by literal id in plan JSON', () => {
    const plan = parsePlan({
      format_version: '1.2',
      planned_values: {
        root_module: {
          resources: [
            { address: 'azurerm_cognitive_account.a', mode: 'managed', type: 'azurerm_cognitive_account', name: 'a', values: { id: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/a' } },
            { address: 'azurerm_cognitive_account_rai_policy.p', mode: 'managed', type: 'azurerm_cognitive_account_rai_policy', name: 'p', values: { name: 'strict', cognitive_account_id: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/a' } },
            { address: 'azurerm_cognitive_deployment.d', mode: 'managed', type: 'azurerm_cognitive_deployment', name: 'd', values: { rai_policy_name: 'strict', cognitive_account_id: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/A' } },
          ],
        },
      },
    }, 'plan.json');
    const graph = new ResourceGraph(plan);
    expect(dep001.check(graph.get('azurerm_cognitive_deployment.d')!, { graph, production: false })).toEqual({ status: 'compliant' });
  });
});

describe('GAI-DEP-002 approved model with pinned version', () => {
  test.each([
    ['approved model and version', {}, 'compliant'],
    ['approved embedding model', { model: { format: 'OpenAI', name: 'text-embedding-3-large', version: '1' } }, 'compliant'],
    ['model not on the list', { model: { format: 'OpenAI', name: 'gpt-35-turbo', version: '0125' } }, 'non-compliant'],
    ['approved model, unapproved version', { model: { format: 'OpenAI', name: 'gpt-4o', version: '2024-05-13' } }, 'non-compliant'],
    ['version not pinned', { model: { format: 'OpenAI', name: 'gpt-4.1' } }, 'non-compliant'],
    ['other model format', { model: { format: 'Cohere', name: 'gpt-4.1', version: '2025-04-14' } }, 'non-compliant'],
    ['version from a variable', { model: { format: 'OpenAI', name: 'gpt-4.1', version: '${var.version}' } }, 'unknown'],
    ['name from a variable', { model: { format: 'OpenAI', name: '${var.model}', version: '1' } }, 'unknown'],
  ])('%s', (_case, values, expected) => {
    expect(statusOf(dep002, deployment(values))).toBe(expected);
  });
  test('every approved entry pins versions and no approved version is retired', () => {
    for (const entry of APPROVED_MODELS) {
      expect(entry.versions?.length).toBeGreaterThan(0);
      const retired = RETIRED_MODELS.filter((r) => r.name === entry.name);
      for (const version of entry.versions ?? []) expect(retired.some((r) => r.versions === undefined || r.versions.includes(version))).toBe(false);
    }
  });
});

describe('GAI-DEP-003 data residency of the deployment type', () => {
  test.each([
    ['Standard', { sku: { name: 'Standard' } }, 'compliant'],
    ['ProvisionedManaged', { sku: { name: 'ProvisionedManaged' } }, 'compliant'],
    ['DataZoneStandard in an EU region', { sku: { name: 'DataZoneStandard' } }, 'compliant'],
    ['GlobalStandard', { sku: { name: 'GlobalStandard' } }, 'non-compliant'],
    ['GlobalProvisionedManaged', { sku: { name: 'GlobalProvisionedManaged' } }, 'non-compliant'],
    ['GlobalBatch', { sku: { name: 'GlobalBatch' } }, 'non-compliant'],
    ['unrecognised type', { sku: { name: 'DeveloperTier' } }, 'non-compliant'],
    ['from a variable', { sku: { name: '${var.sku}' } }, 'unknown'],
  ])('%s', (_case, values, expected) => {
    expect(statusOf(dep003, deployment(values))).toBe(expected);
  });
  test('DataZone type in a region without a data zone', () => {
    const japan: FixtureResource = { ...accountA, values: { ...accountA.values, location: 'japaneast' } };
    expect(statusOf(dep003, [deployment({ sku: { name: 'DataZoneStandard' } })[0], japan])).toBe('non-compliant');
  });
  test('says how to record an accepted exception', () => {
    expect(messagesOf(dep003, deployment({ sku: { name: 'GlobalStandard' } }))[0]).toMatch(/suppression/);
  });
});

describe('GAI-DEP-004 no automatic version upgrade in production', () => {
  test.each([
    ['NoAutoUpgrade', { version_upgrade_option: 'NoAutoUpgrade' }, 'compliant'],
    ['OnceCurrentVersionExpired', { version_upgrade_option: 'OnceCurrentVersionExpired' }, 'compliant'],
    ['OnceNewDefaultVersionAvailable', { version_upgrade_option: 'OnceNewDefaultVersionAvailable' }, 'non-compliant'],
    ['missing (provider default OnceNewDefaultVersionAvailable)', {}, 'non-compliant'],
    ['from a variable', { version_upgrade_option: '${var.upgrade}' }, 'unknown'],
  ])('%s', (_case, values, expected) => {
    expect(statusOf(dep004, deployment(values), { production: true })).toBe(expected);
  });
  test('not applicable outside production', () => {
    expect(statusOf(dep004, deployment({}), { production: false })).toBe('not-applicable');
  });
});

describe('GAI-DEP-005 explicit capacity', () => {
  test.each([
    ['set', { sku: { name: 'Standard', capacity: 50 } }, 'compliant'],
    ['missing (provider default 1)', { sku: { name: 'Standard' } }, 'non-compliant'],
    ['zero', { sku: { name: 'Standard', capacity: 0 } }, 'non-compliant'],
    ['from a variable', { sku: { name: 'Standard', capacity: '${var.tpm}' } }, 'unknown'],
    ['plan JSON list shape', { sku: [{ name: 'Standard', capacity: 10 }] }, 'compliant'],
  ])('%s', (_case, values, expected) => {
    expect(statusOf(dep005, deployment(values))).toBe(expected);
  });
});

describe('GAI-DEP-006 no retired model', () => {
  test.each([
    ['current model', {}, 'compliant'],
    ['retired model (every version)', { model: { format: 'OpenAI', name: 'gpt-35-turbo', version: '0125' } }, 'non-compliant'],
    ['retired version', { model: { format: 'OpenAI', name: 'text-embedding-ada-002', version: '1' } }, 'non-compliant'],
    ['gpt-4 turbo-2024-04-09', { model: { format: 'OpenAI', name: 'gpt-4', version: 'turbo-2024-04-09' } }, 'non-compliant'],
    ['current version of a model with retired versions', { model: { format: 'OpenAI', name: 'text-embedding-ada-002', version: '2' } }, 'compliant'],
    ['version not pinned on a model with retired versions', { model: { format: 'OpenAI', name: 'gpt-4o' } }, 'unknown'],
    ['model name from a variable', { model: { format: 'OpenAI', name: '${var.model}' } }, 'unknown'],
  ])('%s', (_case, values, expected) => {
    expect(statusOf(dep006, deployment(values))).toBe(expected);
  });
});

describe('GAI-DEP-007 PTU spillover target', () => {
  const dep = (name: string, sku: string, values: Values = {}): FixtureResource => ({
    type: 'azurerm_cognitive_deployment', name,
    values: { name, cognitive_account_id: '${azurerm_cognitive_account.a.id}', model: { format: 'OpenAI', name: 'gpt-4.1', version: '2025-04-14' }, sku: { name: sku, capacity: 50 }, ...values },
  });
  const spill = (target: unknown, values: Values = {}): FixtureResource => ({
    type: 'azapi_update_resource', name: 'spill',
    values: { type: 'Microsoft.CognitiveServices/accounts/deployments@2025-09-01', resource_id: '${azurerm_cognitive_deployment.ptu.id}', body: { properties: { spilloverDeploymentName: target } }, ...values },
  });
  test.each([
    ['GlobalProvisionedManaged -> GlobalStandard of the same model and version (shipped)', [dep('ptu', 'GlobalProvisionedManaged'), dep('payg', 'GlobalStandard'), spill('payg'), accountA], 'compliant'],
    ['DataZone -> DataZoneStandard, target by reference', [dep('ptu', 'DataZoneProvisionedManaged'), dep('payg', 'DataZoneStandard'), spill('${azurerm_cognitive_deployment.payg.name}'), accountA], 'compliant'],
    ['by parent_id and name', [dep('ptu', 'ProvisionedManaged'), dep('payg', 'Standard'), spill('payg', { resource_id: undefined, parent_id: '${azurerm_cognitive_account.a.id}', name: 'ptu' }), accountA], 'compliant'],
    ['other data-processing level (Global PTU -> DataZoneStandard)', [dep('ptu', 'GlobalProvisionedManaged'), dep('payg', 'DataZoneStandard'), spill('payg'), accountA], 'non-compliant'],
    ['other model version', [dep('ptu', 'GlobalProvisionedManaged'), dep('payg', 'GlobalStandard', { model: { format: 'OpenAI', name: 'gpt-4.1', version: '2024-11-20' } }), spill('payg'), accountA], 'non-compliant'],
    ['other model', [dep('ptu', 'GlobalProvisionedManaged'), dep('payg', 'GlobalStandard', { model: { format: 'OpenAI', name: 'gpt-4o', version: '2025-04-14' } }), spill('payg'), accountA], 'non-compliant'],
    ['target on another account', [dep('ptu', 'GlobalProvisionedManaged'), dep('payg', 'GlobalStandard', { cognitive_account_id: '${azurerm_cognitive_account.b.id}' }), spill('payg'), accountA, accountB], 'non-compliant'],
    ['target missing', [dep('ptu', 'GlobalProvisionedManaged'), spill('payg'), accountA], 'non-compliant'],
    ['spilling a pay-as-you-go deployment', [dep('ptu', 'GlobalStandard'), dep('payg', 'GlobalStandard'), spill('payg'), accountA], 'non-compliant'],
    ['patched deployment not in the plan', [spill('payg', { resource_id: '/subscriptions/s/x' }), accountA], 'unknown'],
    ['another update of a deployment', [dep('ptu', 'GlobalProvisionedManaged'), { type: 'azapi_update_resource', name: 'spill', values: { type: 'Microsoft.CognitiveServices/accounts/deployments@2025-09-01', resource_id: '${azurerm_cognitive_deployment.ptu.id}', body: { properties: { raiPolicyName: 'x' } } } }], 'not-applicable'],
  ] as const)('%s', (_, resources, expected) => {
    expect(statusOf(dep007, resources as unknown as FixtureResource[], { address: 'azapi_update_resource.spill' })).toBe(expected);
  });

  test('says what the target must be', () => {
    expect(messagesOf(dep007, [dep('ptu', 'GlobalProvisionedManaged'), dep('payg', 'DataZoneStandard'), spill('payg'), accountA], { address: 'azapi_update_resource.spill' }))
      .toEqual(['spillover target azurerm_cognitive_deployment.payg of azurerm_cognitive_deployment.ptu (GlobalProvisionedManaged): `sku.name` is "DataZoneStandard", expected "GlobalStandard"']);
  });

  test('reads plan JSON (literal ids)', () => {
    const id = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/a';
    const resource = (type: string, name: string, values: Values) => ({ address: `${type}.${name}`, mode: 'managed', type, name, values });
    const plan = parsePlan({ format_version: '1.2', planned_values: { root_module: { resources: [
      resource('azurerm_cognitive_account', 'a', { id, name: 'a' }),
      resource('azurerm_cognitive_deployment', 'ptu', { id: `${id}/deployments/ptu`, name: 'ptu', cognitive_account_id: id, model: [{ name: 'gpt-4.1', version: '2025-04-14' }], sku: [{ name: 'GlobalProvisionedManaged' }] }),
      resource('azurerm_cognitive_deployment', 'payg', { id: `${id}/deployments/payg`, name: 'payg', cognitive_account_id: id, model: [{ name: 'gpt-4.1', version: '2025-04-14' }], sku: [{ name: 'Standard' }] }),
      resource('azapi_update_resource', 'spill', { type: 'Microsoft.CognitiveServices/accounts/deployments@2025-09-01', resource_id: `${id}/deployments/ptu`, body: { properties: { spilloverDeploymentName: 'payg' } } }),
    ] } } }, 'plan.json');
    const graph = new ResourceGraph(plan);
    expect(dep007.check(graph.get('azapi_update_resource.spill')!, { graph, production: false })).toMatchObject({ status: 'non-compliant', message: expect.stringContaining('expected "GlobalStandard"') });
  });
});

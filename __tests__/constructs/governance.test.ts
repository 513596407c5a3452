import { Aspects, TerraformOutput, TerraformStack } from 'cdktf';
import { ManagementLock } from '@cdktf/provider-azurerm/lib/management-lock';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { StorageAccount } from '@cdktf/provider-azurerm/lib/storage-account';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { BudgetOptions, Governance, RequiredTags, lockPrivateEndpoint, protectStatefulResource } from '../../constructs/governance';
import { PrivateEndpoint } from '../../constructs/private-endpoint';
import { SynthJson, onlyResource, resourceNamed, resourcesOf, synth, testNaming, testStack } from '../helpers';

const ROLES = ['network', 'monitoring', 'ai'] as const;
const ACTION_GROUP_ID = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-mon/providers/Microsoft.Insights/actionGroups/ag';

function governance(stack: TerraformStack = testStack()): Governance {
  return new Governance(stack, 'governance', { naming: testNaming(), location: 'swedencentral', resourceGroupRoles: ROLES });
}

const budgetOptions = (overrides: Partial<BudgetOptions> = {}): BudgetOptions => ({
  monthlyAmounts: { network: 100, monitoring: 200, ai: 5000 },
  contactEmails: ['finops@example.com', 'owner@example.com'],
  actionGroupResourceId: ACTION_GROUP_ID,
  ...overrides,
});

function budgets(overrides: Partial<BudgetOptions> = {}): SynthJson {
  const stack = testStack();
  governance(stack).addBudgets(budgetOptions(overrides));
  return synth(stack);
}

/** The budget whose resource group is the group named `groupName`. */
function budgetOf(json: SynthJson, groupName: string): Record<string, any> {
  const [groupId] = Object.entries(json.resource.azurerm_resource_group).find(([, g]) => g.name === groupName) ?? [];
  if (!groupId) throw new Error(`no resource group named ${groupName}`);
  const matches = resourcesOf(json, 'azurerm_consumption_budget_resource_group')
    .filter((b) => b.resource_group_id === `\${azurerm_resource_group.${groupId}.id}`);
  if (matches.length !== 1) throw new Error(`expected one budget on ${groupName}, found ${matches.length}`);
  return matches[0];
}

describe('Governance', () => {
  describe('resource groups', () => {
    test('creates one resource group per role, with CAF names, in the location', () => {
      const stack = testStack();
      governance(stack);
      const groups = resourcesOf(synth(stack), 'azurerm_resource_group');
      expect(groups.map((g) => g.name).sort()).toEqual(['rg-genai-test-sdc-ai', 'rg-genai-test-sdc-monitoring', 'rg-genai-test-sdc-network']);
      expect(groups.every((g) => g.location === 'swedencentral')).toBe(true);
    });

    test('creates no resource group without roles', () => {
      const stack = testStack();
      new Governance(stack, 'governance', { naming: testNaming(), location: 'swedencentral', resourceGroupRoles: [] });
      expect(resourcesOf(synth(stack), 'azurerm_resource_group')).toEqual([]);
    });

    test('returns the name and id of a role\'s group', () => {
      const stack = testStack();
      const group = governance(stack).resourceGroup('monitoring');
      new TerraformOutput(stack, 'name', { value: group.name });
      new TerraformOutput(stack, 'id', { value: group.resourceId });
      const json = synth(stack);
      const [logicalId] = Object.entries(json.resource.azurerm_resource_group).find(([, g]) => g.name === 'rg-genai-test-sdc-monitoring')!;
      expect(json.output?.name.value).toBe(`\${azurerm_resource_group.${logicalId}.name}`);
      expect(json.output?.id.value).toBe(`\${azurerm_resource_group.${logicalId}.id}`);
    });

    test('refuses an unknown role, listing the known ones', () => {
      expect(() => governance().resourceGroup('data')).toThrow(/No resource group with role 'data'; roles: network, monitoring, ai/);
    });
  });

  describe('addBudgets', () => {
    test('puts one monthly budget, named after it, on each resource group', () => {
      const json = budgets();
      expect(resourcesOf(json, 'azurerm_consumption_budget_resource_group')).toHaveLength(ROLES.length);
      for (const role of ROLES) {
        const budget = budgetOf(json, `rg-genai-test-sdc-${role}`);
        expect(budget.name).toBe(`budget-\${azurerm_resource_group.${budget.resource_group_id.split('.')[1]}.name}`);
        expect(budget.time_grain).toBe('Monthly');
      }
    });

    test('uses the amount of each role', () => {
      const json = budgets();
      expect(budgetOf(json, 'rg-genai-test-sdc-network').amount).toBe(100);
      expect(budgetOf(json, 'rg-genai-test-sdc-monitoring').amount).toBe(200);
      expect(budgetOf(json, 'rg-genai-test-sdc-ai').amount).toBe(5000);
    });

    test('notifies at 50, 80 and 100 % of actual and 110 % of forecast spend, by email and action group', () => {
      const json = budgets();
      for (const role of ROLES) {
        const notifications = budgetOf(json, `rg-genai-test-sdc-${role}`).notification;
        expect(notifications.map((n: any) => [n.threshold, n.threshold_type])).toEqual([
          [50, 'Actual'], [80, 'Actual'], [100, 'Actual'], [110, 'Forecasted'],
        ]);
        for (const notification of notifications) {
          expect(notification).toEqual({
            enabled: true,
            operator: 'GreaterThanOrEqualTo',
            threshold: expect.any(Number),
            threshold_type: expect.any(String),
            contact_emails: ['finops@example.com', 'owner@example.com'],
            contact_groups: [ACTION_GROUP_ID],
          });
        }
      }
    });

    test('starts in the month of creation by default and then ignores the period', () => {
      const budget = budgetOf(budgets(), 'rg-genai-test-sdc-ai');
      expect(budget.time_period).toEqual({ start_date: '${formatdate("YYYY-MM-01\'T\'00:00:00Z", timestamp())}' });
      expect(budget.lifecycle).toEqual({ ignore_changes: ['time_period'] });
    });

    test('starts on an explicit date, and then follows it', () => {
      const budget = budgetOf(budgets({ startDate: '2026-01-01' }), 'rg-genai-test-sdc-ai');
      expect(budget.time_period).toEqual({ start_date: '2026-01-01T00:00:00Z' });
      expect(budget).not.toHaveProperty('lifecycle');
    });

    test('returns the budgets it made', () => {
      const stack = testStack();
      const made = governance(stack).addBudgets(budgetOptions());
      expect(made).toHaveLength(ROLES.length);
    });

    test('refuses budgets when a role has no amount, naming every missing role', () => {
      expect(() => governance().addBudgets(budgetOptions({ monthlyAmounts: { network: 100 } })))
        .toThrow(/Budget amounts missing for resource groups: monitoring, ai/);
    });

    test('makes no budget without a call', () => {
      const stack = testStack();
      governance(stack);
      expect(resourcesOf(synth(stack), 'azurerm_consumption_budget_resource_group')).toEqual([]);
    });
  });
});

describe('protectStatefulResource', () => {
  function protectedGroup(options?: Parameters<typeof protectStatefulResource>[3]): { json: SynthJson; lock: ManagementLock | undefined } {
    const stack = testStack();
    const group = new ResourceGroup(stack, 'data', { name: 'rg-data', location: 'swedencentral' });
    const lock = protectStatefulResource(stack, group, 'rg-data', options);
    return { json: synth(stack), lock };
  }

  test('adds a CanNotDelete lock on the resource and prevent_destroy by default', () => {
    const { json, lock } = protectedGroup();
    expect(lock).toBeInstanceOf(ManagementLock);
    expect(onlyResource(json, 'azurerm_management_lock')).toMatchObject({
      name: 'lock-rg-data',
      lock_level: 'CanNotDelete',
      scope: `\${azurerm_resource_group.${Object.keys(json.resource.azurerm_resource_group)[0]}.id}`,
      notes: expect.stringContaining('remove this lock deliberately'),
    });
    expect(onlyResource(json, 'azurerm_resource_group').lifecycle).toEqual({ prevent_destroy: true });
  });

  test('explicit defaults give the same protection', () => {
    const { json } = protectedGroup({ lock: 'CanNotDelete', preventDestroy: true });
    expect(resourcesOf(json, 'azurerm_management_lock')).toHaveLength(1);
    expect(onlyResource(json, 'azurerm_resource_group').lifecycle).toEqual({ prevent_destroy: true });
  });

  test('adds no lock with lock none, and returns none', () => {
    const { json, lock } = protectedGroup({ lock: 'none' });
    expect(lock).toBeUndefined();
    expect(resourcesOf(json, 'azurerm_management_lock')).toEqual([]);
    expect(onlyResource(json, 'azurerm_resource_group').lifecycle).toEqual({ prevent_destroy: true });
  });

  test('leaves destroy allowed with preventDestroy false', () => {
    const { json } = protectedGroup({ preventDestroy: false });
    expect(resourcesOf(json, 'azurerm_management_lock')).toHaveLength(1);
    expect(onlyResource(json, 'azurerm_resource_group')).not.toHaveProperty('lifecycle');
  });

  test('keeps the resource\'s other lifecycle settings', () => {
    const stack = testStack();
    const group = new ResourceGroup(stack, 'data', { name: 'rg-data', location: 'swedencentral', lifecycle: { ignoreChanges: ['tags'] } });
    protectStatefulResource(stack, group, 'rg-data');
    expect(onlyResource(synth(stack), 'azurerm_resource_group').lifecycle).toEqual({ ignore_changes: ['tags'], prevent_destroy: true });
  });

  test('keeps lock names within the 90 characters Azure allows', () => {
    const stack = testStack();
    const group = new ResourceGroup(stack, 'data', { name: 'rg-data', location: 'swedencentral' });
    protectStatefulResource(stack, group, 'x'.repeat(100));
    const name: string = onlyResource(synth(stack), 'azurerm_management_lock').name;
    expect(name).toBe(`lock-${'x'.repeat(85)}`);
  });
});

describe('lockPrivateEndpoint', () => {
  function endpointStack(name = 'pe-genai-test-sdc-kv'): { stack: ReturnType<typeof testStack>; endpoint: PrivateEndpoint } {
    const stack = testStack();
    const endpoint = new PrivateEndpoint(stack, 'pe', {
      name, location: 'swedencentral', resourceGroupName: 'rg-data', subnetResourceId: '/subnets/pe',
      privateDnsZoneResourceIds: ['/zones/privatelink.vaultcore.azure.net'], targetResourceId: '/vaults/kv', subresourceName: 'vault',
    });
    return { stack, endpoint };
  }

  test('by default puts a CanNotDelete lock named after the endpoint on it, with notes saying why', () => {
    const { stack, endpoint } = endpointStack();
    expect(lockPrivateEndpoint(endpoint)).toBeInstanceOf(ManagementLock);
    const json = synth(stack);
    expect(onlyResource(json, 'azurerm_management_lock')).toEqual({
      name: 'lock-pe-genai-test-sdc-kv',
      scope: `\${azurerm_private_endpoint.${Object.keys(json.resource.azurerm_private_endpoint)[0]}.id}`,
      lock_level: 'CanNotDelete',
      notes: expect.stringMatching(/^Private endpoint of a locked platform resource.*remove this lock deliberately/),
    });
  });

  test('follows the resource\'s lock only: none adds no lock; preventDestroy does not matter', () => {
    const unlocked = endpointStack();
    expect(lockPrivateEndpoint(unlocked.endpoint, { lock: 'none', preventDestroy: true })).toBeUndefined();
    expect(resourcesOf(synth(unlocked.stack), 'azurerm_management_lock')).toEqual([]);
    const locked = endpointStack();
    lockPrivateEndpoint(locked.endpoint, { lock: 'CanNotDelete', preventDestroy: false });
    const json = synth(locked.stack);
    expect(resourcesOf(json, 'azurerm_management_lock')).toHaveLength(1);
    expect(onlyResource(json, 'azurerm_private_endpoint')).not.toHaveProperty('lifecycle');
  });

  test('keeps lock names within the 90 characters Azure allows', () => {
    const { stack, endpoint } = endpointStack('p'.repeat(100));
    lockPrivateEndpoint(endpoint);
    expect(onlyResource(synth(stack), 'azurerm_management_lock').name).toBe(`lock-${'p'.repeat(85)}`);
  });
});

describe('RequiredTags', () => {
  const platformTags = { environment: 'test', workload: 'genai', owner: 'platform-team', costCenter: 'cc-42', dataClassification: 'confidential' };

  function taggedStack(): SynthJson {
    const stack = testStack();
    const group = new ResourceGroup(stack, 'rg', { name: 'rg-test', location: 'swedencentral' });
    new ResourceGroup(stack, 'rg-own', { name: 'rg-own', location: 'swedencentral', tags: { team: 'search', owner: 'someone-else' } });
    const identity = new UserAssignedIdentity(stack, 'identity', { name: 'id-test', location: 'swedencentral', resourceGroupName: 'rg-test' });
    new StorageAccount(stack, 'storage', {
      name: 'sttest', location: 'swedencentral', resourceGroupName: 'rg-test', accountTier: 'Standard', accountReplicationType: 'ZRS',
    });
    new RoleAssignment(stack, 'role', { scope: group.id, roleDefinitionName: 'Storage Blob Data Reader', principalId: identity.principalId });
    new ManagementLock(stack, 'lock', { name: 'lock-rg', scope: group.id, lockLevel: 'CanNotDelete' });
    Aspects.of(stack).add(new RequiredTags(platformTags));
    return synth(stack);
  }

  test('tags every taggable resource', () => {
    const json = taggedStack();
    expect(resourceNamed(json, 'azurerm_resource_group', 'rg-test').tags).toEqual(platformTags);
    expect(onlyResource(json, 'azurerm_user_assigned_identity').tags).toEqual(platformTags);
    expect(onlyResource(json, 'azurerm_storage_account').tags).toEqual(platformTags);
  });

  test('leaves resources without tags untouched', () => {
    const json = taggedStack();
    expect(onlyResource(json, 'azurerm_role_assignment')).not.toHaveProperty('tags');
    expect(onlyResource(json, 'azurerm_management_lock')).not.toHaveProperty('tags');
  });

  test('keeps a resource\'s own tags, but the platform tags win a conflict', () => {
    expect(resourceNamed(taggedStack(), 'azurerm_resource_group', 'rg-own').tags).toEqual({ ...platformTags, team: 'search' });
  });

  test('tags resources inside nested constructs', () => {
    const stack = testStack();
    const governance = new Governance(stack, 'governance', { naming: testNaming(), location: 'swedencentral', resourceGroupRoles: ['ai'] });
    governance.addBudgets(budgetOptions({ monthlyAmounts: { ai: 10 } }));
    Aspects.of(stack).add(new RequiredTags({ owner: 'platform-team' }));
    const json = synth(stack);
    expect(onlyResource(json, 'azurerm_resource_group').tags).toEqual({ owner: 'platform-team' });
    // Consumption budgets have no tags argument.
    expect(onlyResource(json, 'azurerm_consumption_budget_resource_group')).not.toHaveProperty('tags');
  });

  test('adds nothing without the aspect', () => {
    const stack = testStack();
    new ResourceGroup(stack, 'rg', { name: 'rg-test', location: 'swedencentral' });
    expect(onlyResource(synth(stack), 'azurerm_resource_group')).not.toHaveProperty('tags');
  });
});

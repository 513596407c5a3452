import { TerraformStack } from 'cdktf';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import {
  DEFAULT_RBAC_PROPAGATION_SECONDS, FORBIDDEN_ROLES, IGrantee, MAX_RBAC_PROPAGATION_SECONDS, ManagedIdentity, RbacPropagationWait, grantResourceRole, grantRole, idSlug,
} from '../../constructs/identity';
import { onlyResource, output, resourcesOf, synth, testStack } from '../helpers';

const identityProps = { name: 'id-genai-test-sdc-gateway', location: 'swedencentral', resourceGroupName: 'rg-genai-test-sdc-ai', workload: 'gateway' };
const vaultId = '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv-genai-test-sdc-ab12';
const deployer: IGrantee = { principalId: '11111111-2222-3333-4444-555555555555', label: 'deployer' };

describe('ManagedIdentity', () => {
  test('synthesizes a user-assigned identity with the name, location and resource group', () => {
    const stack = testStack();
    new ManagedIdentity(stack, 'gateway', identityProps);
    const identity = onlyResource(synth(stack), 'azurerm_user_assigned_identity');
    expect(identity.name).toBe('id-genai-test-sdc-gateway');
    expect(identity.location).toBe('swedencentral');
    expect(identity.resource_group_name).toBe('rg-genai-test-sdc-ai');
  });

  test('exposes principalId, clientId and resourceId as references to the identity', () => {
    const stack = testStack();
    const identity = new ManagedIdentity(stack, 'gateway', identityProps);
    output(stack, 'principal_id', identity.principalId);
    output(stack, 'client_id', identity.clientId);
    output(stack, 'resource_id', identity.resourceId);
    const json = synth(stack);
    const [key] = Object.keys(json.resource.azurerm_user_assigned_identity);
    expect(json.output?.principal_id.value).toBe(`\${azurerm_user_assigned_identity.${key}.principal_id}`);
    expect(json.output?.client_id.value).toBe(`\${azurerm_user_assigned_identity.${key}.client_id}`);
    expect(json.output?.resource_id.value).toBe(`\${azurerm_user_assigned_identity.${key}.id}`);
  });

  test('is a ServicePrincipal grantee labelled by its workload', () => {
    const identity = new ManagedIdentity(testStack(), 'gateway', identityProps);
    expect(identity.principalType).toBe('ServicePrincipal');
    expect(identity.label).toBe('gateway identity');
  });
});

describe('grantRole', () => {
  test('assigns the role to a managed identity on the resource, skipping the Entra replication check', () => {
    const stack = testStack();
    const identity = new ManagedIdentity(stack, 'gateway', identityProps);
    grantRole(stack, 'grant', { grantee: identity, roleDefinitionName: 'Key Vault Secrets User', scopeResourceId: vaultId });
    const json = synth(stack);
    const [identityKey] = Object.keys(json.resource.azurerm_user_assigned_identity);
    const assignment = onlyResource(json, 'azurerm_role_assignment');
    expect(assignment.scope).toBe(vaultId);
    expect(assignment.role_definition_name).toBe('Key Vault Secrets User');
    expect(assignment.principal_id).toBe(`\${azurerm_user_assigned_identity.${identityKey}.principal_id}`);
    expect(assignment.principal_type).toBe('ServicePrincipal');
    expect(assignment.skip_service_principal_aad_check).toBe(true);
  });

  test('leaves principal type and the replication check alone for a grantee without a principal type', () => {
    const stack = testStack();
    grantRole(stack, 'grant', { grantee: deployer, roleDefinitionName: 'Key Vault Crypto Officer', scopeResourceId: vaultId });
    const assignment = onlyResource(synth(stack), 'azurerm_role_assignment');
    expect(assignment.principal_id).toBe(deployer.principalId);
    expect(assignment).not.toHaveProperty('principal_type');
    expect(assignment).not.toHaveProperty('skip_service_principal_aad_check');
  });

  test('does not skip the replication check for a User grantee', () => {
    const stack = testStack();
    grantRole(stack, 'grant', { grantee: { ...deployer, principalType: 'User' }, roleDefinitionName: 'Key Vault Crypto Officer', scopeResourceId: vaultId });
    const assignment = onlyResource(synth(stack), 'azurerm_role_assignment');
    expect(assignment.principal_type).toBe('User');
    expect(assignment).not.toHaveProperty('skip_service_principal_aad_check');
  });

  test('describes the assignment with the role and the grantee', () => {
    const stack = testStack();
    const identity = new ManagedIdentity(stack, 'gateway', identityProps);
    grantRole(stack, 'grant', { grantee: identity, roleDefinitionName: 'AcrPull', scopeResourceId: vaultId });
    expect(onlyResource(synth(stack), 'azurerm_role_assignment').description).toBe('AcrPull for gateway identity (platform grant)');
  });

  test('returns the role assignment it made', () => {
    const stack = testStack();
    const assignment = grantRole(stack, 'grant', { grantee: deployer, roleDefinitionName: 'AcrPull', scopeResourceId: vaultId });
    expect(assignment).toBeInstanceOf(RoleAssignment);
    expect(Object.keys(synth(stack).resource.azurerm_role_assignment)).toEqual([assignment.friendlyUniqueId]);
  });

  test('accepts a resource group scope', () => {
    const stack = testStack();
    grantRole(stack, 'grant', { grantee: deployer, roleDefinitionName: 'AcrPull', scopeResourceId: '/subscriptions/0000/resourceGroups/rg-genai' });
    expect(resourcesOf(synth(stack), 'azurerm_role_assignment')).toHaveLength(1);
  });

  test.each(FORBIDDEN_ROLES.map((role) => [role]))('refuses the forbidden role %s', (role) => {
    const stack = testStack();
    expect(() => grantRole(stack, 'grant', { grantee: deployer, roleDefinitionName: role as any, scopeResourceId: vaultId }))
      .toThrow(new RegExp(`role '${role}' is too broad for a platform grant`));
  });

  test('refuses a forbidden role whatever its case', () => {
    expect(() => grantRole(testStack(), 'grant', { grantee: deployer, roleDefinitionName: 'owner' as any, scopeResourceId: vaultId }))
      .toThrow(/role 'owner' is too broad/);
    expect(() => grantRole(testStack(), 'grant', { grantee: deployer, roleDefinitionName: ' CONTRIBUTOR ' as any, scopeResourceId: vaultId }))
      .toThrow(/is too broad/);
  });

  test('names the construct path in the refusal', () => {
    expect(() => grantRole(testStack(), 'grant', { grantee: deployer, roleDefinitionName: 'Owner' as any, scopeResourceId: vaultId }))
      .toThrow(/^test: role 'Owner'/);
  });

  test.each([
    ['/subscriptions/00000000-0000-0000-0000-000000000000'],
    ['/subscriptions/00000000-0000-0000-0000-000000000000/'],
    ['/SUBSCRIPTIONS/00000000-0000-0000-0000-000000000000'],
  ])('refuses the subscription scope %s', (scopeResourceId) => {
    expect(() => grantRole(testStack(), 'grant', { grantee: deployer, roleDefinitionName: 'AcrPull', scopeResourceId }))
      .toThrow(`grant 'AcrPull' on a resource, not on '${scopeResourceId}'`);
  });

  test.each([
    ['/providers/Microsoft.Management/managementGroups/mg-platform'],
    ['/providers/microsoft.management/managementgroups/mg-platform'],
  ])('refuses the management group scope %s', (scopeResourceId) => {
    expect(() => grantRole(testStack(), 'grant', { grantee: deployer, roleDefinitionName: 'AcrPull', scopeResourceId }))
      .toThrow(`grant 'AcrPull' on a resource, not on '${scopeResourceId}'`);
  });

  test('refuses the root scope', () => {
    expect(() => grantRole(testStack(), 'grant', { grantee: deployer, roleDefinitionName: 'AcrPull', scopeResourceId: '/' }))
      .toThrow("grant 'AcrPull' on a resource, not on '/'");
  });

  test('makes no role assignment when it refuses', () => {
    const stack = testStack();
    expect(() => grantRole(stack, 'grant', { grantee: deployer, roleDefinitionName: 'Owner' as any, scopeResourceId: vaultId })).toThrow();
    expect(() => grantRole(stack, 'grant2', { grantee: deployer, roleDefinitionName: 'AcrPull', scopeResourceId: '/subscriptions/0000' })).toThrow();
    expect(resourcesOf(synth(stack), 'azurerm_role_assignment')).toEqual([]);
  });
});

describe('RbacPropagationWait', () => {
  const grantIn = (stack: TerraformStack, id = 'grant') => grantRole(stack, id, {
    grantee: { principalId: '22222222-0000-0000-0000-000000000000', principalType: 'ServicePrincipal', label: 'cmk identity' },
    roleDefinitionName: 'Key Vault Crypto Service Encryption User', scopeResourceId: vaultId,
  });

  test('a terraform_data that sleeps 120 s after the grants and sleeps again when one is replaced', () => {
    const stack = testStack();
    const grant = grantIn(stack);
    const wait = new RbacPropagationWait(stack, 'wait', { roleAssignments: [grant] });
    expect(wait.seconds).toBe(DEFAULT_RBAC_PROPAGATION_SECONDS);
    expect(DEFAULT_RBAC_PROPAGATION_SECONDS).toBe(120);
    const json = synth(stack);
    const data = onlyResource(json, 'terraform_data');
    const [grantKey] = Object.keys(json.resource.azurerm_role_assignment);
    expect(data.provisioner).toEqual([{ 'local-exec': { command: 'sleep 120' } }]);
    expect(data.triggers_replace).toEqual({ role_assignment_ids: [`\${azurerm_role_assignment.${grantKey}.id}`] });
    expect(data.depends_on).toEqual([`azurerm_role_assignment.${grantKey}`]);
    // No provider beyond azurerm/azapi: terraform_data is built in, time_sleep would need hashicorp/time.
    expect(Object.keys(json.resource)).not.toContain('time_sleep');
  });

  test('consumers depend on the wait, not on the grant', () => {
    const stack = testStack();
    const wait = new RbacPropagationWait(stack, 'wait', { roleAssignments: [grantIn(stack)], seconds: 300 });
    new UserAssignedIdentity(stack, 'consumer', { name: 'id-consumer', location: 'swedencentral', resourceGroupName: 'rg', dependsOn: [wait.dependable] });
    const json = synth(stack);
    const [waitKey] = Object.keys(json.resource.terraform_data);
    expect(onlyResource(json, 'terraform_data').provisioner[0]['local-exec'].command).toBe('sleep 300');
    expect(onlyResource(json, 'azurerm_user_assigned_identity').depends_on).toEqual([`terraform_data.${waitKey}`]);
  });

  test.each([0, 601, 1.5, NaN])('refuses %d seconds', (seconds) => {
    const stack = testStack();
    expect(() => new RbacPropagationWait(stack, 'wait', { roleAssignments: [grantIn(stack)], seconds }))
      .toThrow(`seconds must be a whole number from 1 to ${MAX_RBAC_PROPAGATION_SECONDS}, got ${seconds}`);
  });

  test('refuses an empty list of grants, with every problem at once', () => {
    expect(() => new RbacPropagationWait(testStack(), 'wait', { roleAssignments: [], seconds: 0 }))
      .toThrow(/roleAssignments is empty: there is nothing to wait for; seconds must be a whole number/);
  });
});

describe('grantResourceRole (the grant funnel of the grantXxx methods)', () => {
  test('construct id role-<role slug>-<grantee label slug>, scoped to the resource', () => {
    const stack = testStack();
    const identity = new ManagedIdentity(stack, 'gateway', identityProps);
    const assignment = grantResourceRole(stack, vaultId, identity, 'Key Vault Secrets User');
    expect(assignment.node.id).toBe(`role-key-vault-secrets-user-${idSlug(identity.label)}`);
    const json = synth(stack);
    expect(onlyResource(json, 'azurerm_role_assignment').scope).toBe(vaultId);
    expect(onlyResource(json, 'azurerm_role_assignment').role_definition_name).toBe('Key Vault Secrets User');
  });

  test('an explicit id stem keeps a shorter id (role-openai-user-...)', () => {
    const stack = testStack();
    const assignment = grantResourceRole(stack, vaultId, { principalId: 'p', label: 'Search identity' }, 'Cognitive Services OpenAI User', 'openai-user');
    expect(assignment.node.id).toBe('role-openai-user-search-identity');
  });

  test('goes through grantRole: broad scopes are refused', () => {
    expect(() => grantResourceRole(testStack(), '/subscriptions/0000', { principalId: 'p', label: 'x' }, 'AcrPull')).toThrow(/grant 'AcrPull' on a resource/);
  });
});

import { Aspects, TerraformOutput, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import {
  AZAPI_PROVIDER_VERSION, AzapiProvider, AzapiResource, AzapiResourceAction, AzapiResourceActionProps, AzapiResourceProps, AzapiTrackedResource,
  AzapiUpdateResource, AzapiUpdateResourceProps,
} from '../../constructs/azapi';
import { RequiredTags } from '../../constructs/governance';
import { onlyResource, resourcesOf, synth, testStack } from '../helpers';

const APIM_ID = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-gw/providers/Microsoft.ApiManagement/service/apim-genai';
const ACCOUNT_ID = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-ai/providers/Microsoft.CognitiveServices/accounts/ais-genai';
const IDENTITY_ID = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-id/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-gw';

const poolProps = (overrides: Partial<AzapiResourceProps> = {}): AzapiResourceProps => ({
  type: 'Microsoft.ApiManagement/service/backends@2024-06-01-preview',
  name: 'openai-pool',
  parentId: APIM_ID,
  body: {
    properties: {
      type: 'Pool',
      pool: { services: [{ id: '/backends/primary', priority: 1 }, { id: '/backends/secondary', priority: 2 }] },
    },
  },
  ...overrides,
});

const spilloverProps = (overrides: Partial<AzapiUpdateResourceProps> = {}): AzapiUpdateResourceProps => ({
  type: 'Microsoft.CognitiveServices/accounts/deployments@2025-06-01',
  resourceId: `${ACCOUNT_ID}/deployments/gpt-4.1-ptu`,
  body: { properties: { spilloverDeploymentName: 'gpt-4.1-payg' } },
  ...overrides,
});

const credentialsProps = (overrides: Partial<AzapiResourceActionProps> = {}): AzapiResourceActionProps => ({
  type: 'Microsoft.ApiManagement/service/backends@2024-06-01-preview',
  resourceId: `${APIM_ID}/backends/content-safety`,
  method: 'PATCH',
  headers: { 'If-Match': '*' },
  body: { properties: { credentials: { managedIdentity: { resource: 'https://cognitiveservices.azure.com' } } } },
  ...overrides,
});

/** A synthesized resource without cdktf's `//` metadata entry. */
function withoutMetadata(resource: Record<string, any>): Record<string, any> {
  return Object.fromEntries(Object.entries(resource).filter(([key]) => key !== '//'));
}

describe('AzapiProvider', () => {
  test('pins Azure/azapi to the exact version in required_providers', () => {
    const stack = testStack();
    new AzapiProvider(stack, 'azapi');
    const json = synth(stack);
    expect(json.terraform.required_providers.azapi).toEqual({ source: 'Azure/azapi', version: AZAPI_PROVIDER_VERSION });
    expect(AZAPI_PROVIDER_VERSION).toMatch(/^2\.\d+\.\d+$/);
  });

  test('writes an empty provider block by default', () => {
    const stack = testStack();
    new AzapiProvider(stack, 'azapi');
    expect(synth(stack).provider?.azapi).toEqual([{}]);
  });

  test('writes subscription_id, use_oidc and enable_preflight in snake_case', () => {
    const stack = testStack();
    new AzapiProvider(stack, 'azapi', { subscriptionId: '00000000-0000-0000-0000-000000000001', useOidc: true, enablePreflight: false });
    expect(synth(stack).provider?.azapi).toEqual([{
      subscription_id: '00000000-0000-0000-0000-000000000001',
      use_oidc: true,
      enable_preflight: false,
    }]);
  });

  test('an aliased provider is written with its alias and chosen by a resource provider meta-argument', () => {
    const stack = testStack();
    new AzapiProvider(stack, 'azapi');
    const secondary = new AzapiProvider(stack, 'azapi-secondary', { alias: 'secondary', subscriptionId: 'sub-2' });
    new AzapiResource(stack, 'pool', poolProps({ provider: secondary }));
    const json = synth(stack);
    expect(json.provider?.azapi).toEqual([{}, { alias: 'secondary', subscription_id: 'sub-2' }]);
    expect(onlyResource(json, 'azapi_resource').provider).toBe('azapi.secondary');
  });

  test('ensure() returns the existing default provider, else creates exactly one', () => {
    const stack = testStack();
    new AzapiProvider(stack, 'aliased', { alias: 'other' });
    const first = AzapiProvider.ensure(stack, { subscriptionId: 'sub-1' });
    const second = AzapiProvider.ensure(new AzapiResource(stack, 'pool', poolProps()));
    expect(second).toBe(first);
    expect(synth(stack).provider?.azapi).toEqual([{ alias: 'other' }, { subscription_id: 'sub-1' }]);
  });

  test("cdktf's provider-presence validation accepts azapi resources with an AzapiProvider, and flags them without", () => {
    const withProvider = testStack();
    AzapiProvider.ensure(withProvider);
    new AzapiResource(withProvider, 'pool', poolProps());
    expect(() => Testing.synth(withProvider, true)).not.toThrow();

    const without = testStack();
    new AzapiResource(without, 'pool', poolProps());
    expect(() => Testing.synth(without, true)).toThrow(/providers: azapi/);
  });
});

describe('AzapiResource', () => {
  test('synthesizes the azapi 2.x attribute names in snake_case', () => {
    const stack = testStack();
    new AzapiResource(stack, 'pool', poolProps({
      location: 'swedencentral',
      responseExportValues: ['properties.url'],
      ignoreMissingProperty: false,
      locks: [APIM_ID],
    }));
    const resource = onlyResource(synth(stack), 'azapi_resource');
    expect(resource).toMatchObject({
      type: 'Microsoft.ApiManagement/service/backends@2024-06-01-preview',
      name: 'openai-pool',
      parent_id: APIM_ID,
      location: 'swedencentral',
      response_export_values: ['properties.url'],
      ignore_missing_property: false,
      locks: [APIM_ID],
    });
  });

  test('leaves out every optional attribute that is not set', () => {
    const stack = testStack();
    new AzapiResource(stack, 'pool', poolProps({ body: undefined }));
    const attributes = withoutMetadata(onlyResource(synth(stack), 'azapi_resource'));
    expect(Object.keys(attributes).sort()).toEqual(['name', 'parent_id', 'type']);
  });

  test('passes body through as an object with its keys unchanged (not snake_cased, not a JSON string)', () => {
    const stack = testStack();
    const body = {
      properties: {
        spilloverDeploymentName: 'gpt-4.1-payg',
        circuitBreaker: { rules: [{ name: 'trip-on-429', acceptRetryAfter: true, failureCondition: { statusCodeRanges: [{ min: 429, max: 429 }] } }] },
      },
      sku: { name: 'GlobalProvisionedManaged', capacity: 50 },
    };
    new AzapiResource(stack, 'pool', poolProps({ body }));
    const resource = onlyResource(synth(stack), 'azapi_resource');
    expect(typeof resource.body).toBe('object');
    expect(resource.body).toEqual(body);
    expect(resource.body.properties.spilloverDeploymentName).toBe('gpt-4.1-payg');
    expect(resource.body.properties.circuitBreaker.rules[0].acceptRetryAfter).toBe(true);
  });

  test('resolves references inside body', () => {
    const stack = testStack();
    const group = new ResourceGroup(stack, 'rg', { name: 'rg-gw', location: 'swedencentral' });
    new AzapiResource(stack, 'pool', poolProps({ body: { properties: { resourceId: group.id } } }));
    expect(onlyResource(synth(stack), 'azapi_resource').body.properties.resourceId).toBe('${azurerm_resource_group.rg.id}');
  });

  test('accepts responseExportValues as a map of JMESPath queries', () => {
    const stack = testStack();
    new AzapiResource(stack, 'pool', poolProps({ responseExportValues: { gateway_url: 'properties.gatewayUrl' } }));
    expect(onlyResource(synth(stack), 'azapi_resource').response_export_values).toEqual({ gateway_url: 'properties.gatewayUrl' });
  });

  test('writes the identity block with identity_ids', () => {
    const stack = testStack();
    new AzapiResource(stack, 'pool', poolProps({ identity: { type: 'SystemAssigned, UserAssigned', identityIds: [IDENTITY_ID] } }));
    expect(onlyResource(synth(stack), 'azapi_resource').identity).toEqual({ type: 'SystemAssigned, UserAssigned', identity_ids: [IDENTITY_ID] });
  });

  test('writes a system-assigned identity without identity_ids', () => {
    const stack = testStack();
    new AzapiResource(stack, 'pool', poolProps({ identity: { type: 'SystemAssigned' } }));
    expect(onlyResource(synth(stack), 'azapi_resource').identity).toEqual({ type: 'SystemAssigned' });
  });

  test('supports the depends_on and lifecycle meta-arguments', () => {
    const stack = testStack();
    const group = new ResourceGroup(stack, 'rg', { name: 'rg-gw', location: 'swedencentral' });
    new AzapiResource(stack, 'pool', poolProps({ dependsOn: [group], lifecycle: { preventDestroy: true, ignoreChanges: ['body'] } }));
    const resource = onlyResource(synth(stack), 'azapi_resource');
    expect(resource.depends_on).toEqual(['azurerm_resource_group.rg']);
    expect(resource.lifecycle).toEqual({ prevent_destroy: true, ignore_changes: ['body'] });
  });

  test('exposes id, name and output as references', () => {
    const stack = testStack();
    const pool = new AzapiResource(stack, 'pool', poolProps());
    new TerraformOutput(stack, 'id', { value: pool.id });
    new TerraformOutput(stack, 'name', { value: pool.name });
    new TerraformOutput(stack, 'output', { value: pool.output });
    new TerraformOutput(stack, 'url', { value: pool.outputAttribute('properties.url') });
    const outputs = synth(stack).output ?? {};
    expect(outputs.id.value).toBe('${azapi_resource.pool.id}');
    expect(outputs.name.value).toBe('${azapi_resource.pool.name}');
    expect(outputs.output.value).toBe('${azapi_resource.pool.output}');
    expect(outputs.url.value).toBe('${azapi_resource.pool.output.properties.url}');
  });

  test('a child resource has no tags: the RequiredTags aspect leaves it alone (its API has none: a perpetual diff)', () => {
    const stack = testStack();
    const pool = new AzapiResource(stack, 'pool', poolProps());
    Aspects.of(stack).add(new RequiredTags({ environment: 'test' }));
    expect('tagsInput' in pool).toBe(false);
    expect(onlyResource(synth(stack), 'azapi_resource')).not.toHaveProperty('tags');
  });

  test('never writes schema_validation_enabled: azapi validates every body against the API schema', () => {
    const stack = testStack();
    new AzapiResource(stack, 'pool', poolProps());
    expect(onlyResource(synth(stack), 'azapi_resource')).not.toHaveProperty('schema_validation_enabled');
  });

  test('sensitive_body and its version are written for write-only properties', () => {
    const stack = testStack();
    new AzapiResource(stack, 'logger', poolProps({
      sensitiveBody: { properties: { credentials: { identityClientId: 'abc' } } }, sensitiveBodyVersion: { 'properties.credentials': '1' },
    }));
    expect(onlyResource(synth(stack), 'azapi_resource')).toMatchObject({
      sensitive_body: { properties: { credentials: { identityClientId: 'abc' } } }, sensitive_body_version: { 'properties.credentials': '1' },
    });
  });

  test('a tracked resource is tagged by the RequiredTags aspect; its own tags are kept but cannot override the required ones', () => {
    const stack = testStack();
    new AzapiTrackedResource(stack, 'pool', { ...poolProps(), tags: { component: 'gateway', owner: 'someone-else' } });
    Aspects.of(stack).add(new RequiredTags({ environment: 'test', owner: 'platform-team' }));
    expect(onlyResource(synth(stack), 'azapi_resource').tags).toEqual({ component: 'gateway', environment: 'test', owner: 'platform-team' });
  });

  test('a tracked resource exposes tags and tagsInput like the generated classes', () => {
    const stack = testStack();
    const pool = new AzapiTrackedResource(stack, 'pool', { ...poolProps(), tags: { a: 'b' } });
    expect(pool.tagsInput).toEqual({ a: 'b' });
    pool.tags = { c: 'd' };
    expect(pool.tagsInput).toEqual({ c: 'd' });
    expect(onlyResource(synth(stack), 'azapi_resource').tags).toEqual({ c: 'd' });
  });

  test('rejects a type without an API version', () => {
    const stack = testStack();
    expect(() => new AzapiResource(stack, 'pool', poolProps({ type: 'Microsoft.ApiManagement/service/backends' })))
      .toThrow(/test\/pool: type 'Microsoft.ApiManagement\/service\/backends' must be '<resource type>@<api version>'/);
  });

  test('rejects a malformed API version', () => {
    const stack = testStack();
    expect(() => new AzapiResource(stack, 'pool', poolProps({ type: 'Microsoft.ApiManagement/service/backends@2024-06-01-beta' })))
      .toThrow(/must be '<resource type>@<api version>'/);
  });

  test('rejects a body given as a JSON string', () => {
    const stack = testStack();
    expect(() => new AzapiResource(stack, 'pool', poolProps({ body: JSON.stringify({ properties: {} }) as unknown as Record<string, unknown> })))
      .toThrow(/body must be an object, not a JSON string/);
  });

  test('rejects a user-assigned identity without identityIds, and identityIds on a system-assigned identity', () => {
    expect(() => new AzapiResource(testStack(), 'pool', poolProps({ identity: { type: 'UserAssigned' } })))
      .toThrow(/identity type 'UserAssigned' needs identityIds/);
    expect(() => new AzapiResource(testStack(), 'pool', poolProps({ identity: { type: 'SystemAssigned', identityIds: [IDENTITY_ID] } })))
      .toThrow(/identityIds are only allowed with a 'UserAssigned' identity type/);
  });

  test('reports every problem at once', () => {
    const stack = testStack();
    expect(() => new AzapiResource(stack, 'pool', poolProps({ type: 'backends', body: '{}' as unknown as Record<string, unknown>, identity: { type: 'UserAssigned' } })))
      .toThrow(/type 'backends' .*; body must be an object.*; identity type 'UserAssigned' needs identityIds/);
  });

  test('skips validation of unresolved tokens', () => {
    const stack = testStack();
    const type = new TerraformVariable(stack, 'type', { type: 'string' });
    const body = new TerraformVariable(stack, 'body', { type: 'any' });
    new AzapiResource(stack, 'pool', poolProps({ type: type.stringValue, body: body.value }));
    const resource = onlyResource(synth(stack), 'azapi_resource');
    expect(resource.type).toBe('${var.type}');
    expect(resource.body).toBe('${var.body}');
  });
});

describe('AzapiUpdateResource', () => {
  test('synthesizes type, resource_id and body (keys unchanged)', () => {
    const stack = testStack();
    new AzapiUpdateResource(stack, 'spillover', spilloverProps({ responseExportValues: ['properties.provisioningState'], locks: [ACCOUNT_ID], ignoreMissingProperty: true }));
    const attributes = withoutMetadata(onlyResource(synth(stack), 'azapi_update_resource'));
    expect(attributes).toEqual({
      type: 'Microsoft.CognitiveServices/accounts/deployments@2025-06-01',
      resource_id: `${ACCOUNT_ID}/deployments/gpt-4.1-ptu`,
      body: { properties: { spilloverDeploymentName: 'gpt-4.1-payg' } },
      response_export_values: ['properties.provisioningState'],
      locks: [ACCOUNT_ID],
      ignore_missing_property: true,
    });
  });

  test('addresses the resource by parent_id and name instead of resource_id', () => {
    const stack = testStack();
    new AzapiUpdateResource(stack, 'spillover', spilloverProps({ resourceId: undefined, parentId: ACCOUNT_ID, name: 'gpt-4.1-ptu' }));
    const resource = onlyResource(synth(stack), 'azapi_update_resource');
    expect(resource).toMatchObject({ parent_id: ACCOUNT_ID, name: 'gpt-4.1-ptu' });
    expect(resource).not.toHaveProperty('resource_id');
  });

  test('supports depends_on and exposes id and output', () => {
    const stack = testStack();
    const group = new ResourceGroup(stack, 'rg', { name: 'rg-ai', location: 'swedencentral' });
    const update = new AzapiUpdateResource(stack, 'spillover', spilloverProps({ dependsOn: [group] }));
    new TerraformOutput(stack, 'state', { value: update.outputAttribute('properties.provisioningState') });
    const json = synth(stack);
    expect(onlyResource(json, 'azapi_update_resource').depends_on).toEqual(['azurerm_resource_group.rg']);
    expect(json.output?.state.value).toBe('${azapi_update_resource.spillover.output.properties.provisioningState}');
    expect(update.id).toMatch(/^\$\{TfToken/);
  });

  test('has no tags: the RequiredTags aspect leaves it alone', () => {
    const stack = testStack();
    const update = new AzapiUpdateResource(stack, 'spillover', spilloverProps());
    Aspects.of(stack).add(new RequiredTags({ environment: 'test' }));
    expect('tagsInput' in update).toBe(false);
    expect(onlyResource(synth(stack), 'azapi_update_resource')).not.toHaveProperty('tags');
  });

  test('needs resourceId, or parentId and name', () => {
    expect(() => new AzapiUpdateResource(testStack(), 'spillover', spilloverProps({ resourceId: undefined })))
      .toThrow(/test\/spillover: the resource to update needs resourceId, or both parentId and name/);
    expect(() => new AzapiUpdateResource(testStack(), 'spillover', spilloverProps({ resourceId: undefined, parentId: ACCOUNT_ID })))
      .toThrow(/needs resourceId, or both parentId and name/);
  });

  test('rejects resourceId together with parentId or name', () => {
    expect(() => new AzapiUpdateResource(testStack(), 'spillover', spilloverProps({ parentId: ACCOUNT_ID, name: 'gpt-4.1-ptu' })))
      .toThrow(/give either resourceId, or parentId and name, not both/);
    expect(() => new AzapiUpdateResource(testStack(), 'spillover', spilloverProps({ name: 'gpt-4.1-ptu' })))
      .toThrow(/not both/);
  });

  test('rejects a bad type and a string body in one error', () => {
    expect(() => new AzapiUpdateResource(testStack(), 'spillover', spilloverProps({ type: 'deployments@latest', body: '{"properties":{}}' as unknown as Record<string, unknown> })))
      .toThrow(/type 'deployments@latest' .*; body must be an object, not a JSON string/);
  });

  test('skips validation of an unresolved resource id and type', () => {
    const stack = testStack();
    const type = new TerraformVariable(stack, 'type', { type: 'string' });
    const group = new ResourceGroup(stack, 'rg', { name: 'rg-ai', location: 'swedencentral' });
    new AzapiUpdateResource(stack, 'spillover', spilloverProps({ type: type.stringValue, resourceId: group.id }));
    expect(onlyResource(synth(stack), 'azapi_update_resource')).toMatchObject({ type: '${var.type}', resource_id: '${azurerm_resource_group.rg.id}' });
  });
});

describe('AzapiResourceAction', () => {
  test('synthesizes type, resource_id, method, headers and body (keys unchanged); no action: the request goes to the resource', () => {
    const stack = testStack();
    new AzapiResourceAction(stack, 'credentials', credentialsProps({ when: 'apply', responseExportValues: ['properties.credentials'], locks: [APIM_ID] }));
    expect(withoutMetadata(onlyResource(synth(stack), 'azapi_resource_action'))).toEqual({
      type: 'Microsoft.ApiManagement/service/backends@2024-06-01-preview',
      resource_id: `${APIM_ID}/backends/content-safety`,
      method: 'PATCH',
      headers: { 'If-Match': '*' },
      body: { properties: { credentials: { managedIdentity: { resource: 'https://cognitiveservices.azure.com' } } } },
      when: 'apply',
      response_export_values: ['properties.credentials'],
      locks: [APIM_ID],
    });
  });

  test('writes a named action and leaves out every optional attribute that is not set', () => {
    const stack = testStack();
    new AzapiResourceAction(stack, 'keys', { type: 'Microsoft.CognitiveServices/accounts@2025-09-01', resourceId: ACCOUNT_ID, action: 'listKeys' });
    expect(withoutMetadata(onlyResource(synth(stack), 'azapi_resource_action')))
      .toEqual({ type: 'Microsoft.CognitiveServices/accounts@2025-09-01', resource_id: ACCOUNT_ID, action: 'listKeys' });
  });

  test('replace_triggered_by a resource is written as its bare address (Terraform JSON refuses `${...}` there); strings are kept', () => {
    const stack = testStack();
    const backend = new AzapiResource(stack, 'backend', poolProps({ name: 'content-safety' }));
    const group = new ResourceGroup(stack, 'rg', { name: 'rg-ai', location: 'swedencentral' });
    new AzapiResourceAction(stack, 'credentials', credentialsProps({
      resourceId: backend.id, dependsOn: [group], lifecycle: { replaceTriggeredBy: [backend, 'azurerm_resource_group.rg.name'] },
    }));
    const action = onlyResource(synth(stack), 'azapi_resource_action');
    expect(action.resource_id).toBe('${azapi_resource.backend.id}');
    expect(action.depends_on).toEqual(['azurerm_resource_group.rg']);
    expect(action.lifecycle).toEqual({ replace_triggered_by: ['azapi_resource.backend', 'azurerm_resource_group.rg.name'] });
  });

  test('exposes id and output as references; has no tags', () => {
    const stack = testStack();
    const action = new AzapiResourceAction(stack, 'credentials', credentialsProps());
    Aspects.of(stack).add(new RequiredTags({ environment: 'test' }));
    new TerraformOutput(stack, 'sent', { value: action.outputAttribute('properties.credentials') });
    const json = synth(stack);
    expect(json.output?.sent.value).toBe('${azapi_resource_action.credentials.output.properties.credentials}');
    expect('tagsInput' in action).toBe(false);
    expect(onlyResource(json, 'azapi_resource_action')).not.toHaveProperty('tags');
  });

  test('rejects a bad type, a string body, a malformed action and a body on DELETE, all at once', () => {
    expect(() => new AzapiResourceAction(testStack(), 'a', credentialsProps({ type: 'backends@latest', body: '{}' as unknown as object })))
      .toThrow(/type 'backends@latest' .*; body must be an object, not a JSON string/);
    expect(() => new AzapiResourceAction(testStack(), 'a', credentialsProps({ action: '/listKeys' }))).toThrow(/action '\/listKeys' must be an action name/);
    expect(() => new AzapiResourceAction(testStack(), 'a', credentialsProps({ method: 'DELETE' }))).toThrow(/a DELETE request has no body/);
  });

  test('skips validation of an unresolved type and resource id', () => {
    const stack = testStack();
    const type = new TerraformVariable(stack, 'type', { type: 'string' });
    new AzapiResourceAction(stack, 'a', credentialsProps({ type: type.stringValue }));
    expect(onlyResource(synth(stack), 'azapi_resource_action').type).toBe('${var.type}');
  });
});

describe('azapi bindings in one stack', () => {
  test('a resource and an update resource synthesize side by side with one provider', () => {
    const stack: TerraformStack = testStack();
    AzapiProvider.ensure(stack);
    new AzapiResource(stack, 'pool', poolProps());
    new AzapiUpdateResource(stack, 'spillover', spilloverProps());
    const json = synth(stack);
    expect(resourcesOf(json, 'azapi_resource')).toHaveLength(1);
    expect(resourcesOf(json, 'azapi_update_resource')).toHaveLength(1);
    expect(json.provider?.azapi).toHaveLength(1);
  });

  test('HCL synthesis is refused with a clear message instead of writing empty resources', () => {
    const stack = testStack();
    const pool = new AzapiResource(stack, 'pool', poolProps());
    expect(() => pool.toHclTerraform()).toThrow(/test\/pool: the hand-written azapi bindings synthesize JSON only/);
  });
});

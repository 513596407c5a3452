/**
 * Minimal hand-written cdktf bindings for the Azure/azapi Terraform provider: the provider itself,
 * `azapi_resource`, `azapi_update_resource` and `azapi_resource_action`.
 *
 * Why they exist: azurerm 4.55 cannot declare some things the platform needs:
 * - the API Management backend **pool** (`Microsoft.ApiManagement/service/backends`, `type = Pool`)
 *   used for cross-region failover;
 * - the Application Insights diagnostic's `metrics = true` flag on API Management, without which
 *   `llm-emit-token-metric` emits nothing;
 * - the PTU deployment's native **spillover** property (`spilloverDeploymentName`);
 * - backend credentials by managed identity (the content-safety backend) and the identity-based
 *   Application Insights logger.
 * azapi sends any ARM request body, so these become small azapi resources. Bodies are typed with the
 * models of Microsoft's JavaScript SDKs (`./models.ts`), and azapi's schema validation is always on:
 * a property the model or the API version lacks fails at compile time or at `terraform validate`.
 *
 * Why hand-written: a generated package (`cdktf get`) needs network access at build time and adds a
 * large dependency for two resources. These classes follow the generated ones
 * (`@cdktf/provider-azurerm/lib/provider`, `.../lib/resource-group`): `terraformGeneratorMetadata`
 * (so cdktf's provider-presence validation knows the resources need an `AzapiProvider`),
 * `synthesizeAttributes` with the provider's snake_case attribute names. Only `AzapiTrackedResource`
 * (a top-level resource, whose ARM API has `tags`) has `tags` / `tagsInput` accessors, so the
 * `RequiredTags` aspect tags it and leaves child resources (backends, loggers), which have no tags, alone:
 * tags on those are not part of their API and come back as a perpetual diff.
 *
 * Attribute names are those of azapi 2.x (docs/resources/resource.md, update_resource.md and
 * resource_action.md of Azure/terraform-provider-azapi). In 2.x `body` is an HCL object (a dynamic attribute), not a JSON
 * string: it is synthesized as the object given, keys untouched (ARM property names are camelCase).
 *
 * Only JSON synthesis (`cdk.tf.json`, what this project produces) is supported.
 */
import { IResolvable, ITerraformDependable, TerraformMetaArguments, TerraformProvider, TerraformResource, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { isKnown, isToken, throwIfProblems } from '../validation';

/**
 * The exact Azure/azapi provider version the platform is tested against. Pinned exactly, like
 * azurerm (4.55.0): a new azapi release changes its embedded ARM schemas, which can change plans.
 */
export const AZAPI_PROVIDER_VERSION = '2.8.0';

/**
 * The Terraform versions every stack accepts (`terraform.required_version`). 1.11 is the floor because
 * azapi's `sensitive_body` is a write-only attribute, which terraform-plugin-framework refuses on older
 * Terraform ("WriteOnly Attribute Not Allowed ... only supported in Terraform 1.11 and later"); it also
 * covers `terraform_data` (1.4) and `plantimestamp()` (1.5). The workflows pin a version inside it.
 */
export const MINIMUM_TERRAFORM_VERSION = '1.11.0';
export const REQUIRED_TERRAFORM_VERSION = `>= ${MINIMUM_TERRAFORM_VERSION}, < 2.0.0`;

const GENERATOR_METADATA = {
  providerName: 'azapi',
  providerVersion: AZAPI_PROVIDER_VERSION,
  providerVersionConstraint: AZAPI_PROVIDER_VERSION,
} as const;

/** `<namespace>/<type>[/<child type>...]@<api-version>`, e.g. `Microsoft.ApiManagement/service/backends@2024-05-01`. */
const RESOURCE_TYPE_PATTERN = /^[A-Za-z0-9.]+\/[A-Za-z0-9/]+@\d{4}-\d{2}-\d{2}(-preview)?$/;

export interface AzapiProviderProps {
  /**
   * Alias of this provider configuration, for a second configuration in the same stack (another
   * subscription, say); resources choose it with their `provider` meta-argument.
   * @default the default (unaliased) azapi configuration
   */
  readonly alias?: string;
  /**
   * Subscription the provider works in.
   * @default `ARM_SUBSCRIPTION_ID`, else the Azure CLI's current subscription
   */
  readonly subscriptionId?: string;
  /**
   * Authenticate with an OIDC federated credential (workload identity in CI).
   * @default false (`ARM_USE_OIDC` can turn it on)
   */
  readonly useOidc?: boolean;
  /**
   * Validate each create/update request with ARM's preflight (deployment validation) API during
   * `terraform plan`. It needs write permission at plan time.
   * @default false (`ARM_ENABLE_PRE_FLIGHT` can turn it on)
   */
  readonly enablePreflight?: boolean;
}

/**
 * The `azapi` provider configuration: `terraform.required_providers.azapi` pinned to
 * {@link AZAPI_PROVIDER_VERSION} from `Azure/azapi`, and a `provider.azapi` block.
 */
export class AzapiProvider extends TerraformProvider {
  static readonly tfResourceType = 'azapi';

  /**
   * The stack's default (unaliased) azapi provider, created with `props` if there is none yet. Each
   * layer that uses azapi calls this, so the stack gets exactly one default configuration.
   */
  static ensure(scope: Construct, props: Omit<AzapiProviderProps, 'alias'> = {}): AzapiProvider {
    const stack = TerraformStack.of(scope);
    const existing = stack.node.findAll().find((c): c is AzapiProvider => c instanceof AzapiProvider && c.alias === undefined);
    return existing ?? new AzapiProvider(stack, 'azapi', props);
  }

  readonly subscriptionId?: string;
  readonly useOidc?: boolean;
  readonly enablePreflight?: boolean;
  private aliasValue?: string;

  constructor(scope: Construct, id: string, props: AzapiProviderProps = {}) {
    super(scope, id, {
      terraformResourceType: 'azapi',
      terraformGeneratorMetadata: GENERATOR_METADATA,
      terraformProviderSource: 'Azure/azapi',
    });
    this.aliasValue = props.alias;
    this.subscriptionId = props.subscriptionId;
    this.useOidc = props.useOidc;
    this.enablePreflight = props.enablePreflight;
  }

  override get alias(): string | undefined {
    return this.aliasValue;
  }

  override set alias(value: string | undefined) {
    this.aliasValue = value;
  }

  protected override synthesizeAttributes(): { [name: string]: unknown } {
    return {
      subscription_id: this.subscriptionId,
      use_oidc: this.useOidc,
      enable_preflight: this.enablePreflight,
    };
  }
}

/** Managed identities of an `azapi_resource` (its `identity` block). */
export interface AzapiIdentity {
  readonly type: 'SystemAssigned' | 'UserAssigned' | 'SystemAssigned, UserAssigned';
  /**
   * Resource ids of the user-assigned identities; required when `type` includes `UserAssigned`.
   * @default none
   */
  readonly identityIds?: readonly string[];
}

/** A request body: a plain object in the ARM resource's own shape (camelCase property names). */
export type AzapiBody = object;

/** What `response_export_values` accepts: response paths, or result names mapped to JMESPath queries. */
export type AzapiResponseExportValues = readonly string[] | Readonly<Record<string, string>>;

export interface AzapiResourceProps<TBody extends AzapiBody = AzapiBody> extends TerraformMetaArguments {
  /**
   * `<resource type>@<api version>`, e.g. `Microsoft.ApiManagement/service/backends@2024-05-01`; build
   * it with `azapiType()` from the api-version constant of the model that types `body`.
   */
  readonly type: string;
  /** Name of the Azure resource (changing it replaces the resource). */
  readonly name: string;
  /** Resource id of the parent: a resource group for top-level resources, else the parent resource. */
  readonly parentId: string;
  /**
   * Azure region, for tracked (top-level) resources.
   * @default none: child resources have no location
   */
  readonly location?: string;
  /**
   * The request body as an object (never a JSON string: azapi 2.x takes an HCL object), typed with the
   * SDK model of the API version in `type`. Synthesized unchanged, so keys keep the ARM spelling.
   * @default none
   */
  readonly body?: TBody;
  /**
   * Write-only parts of the body (secrets, values Azure returns masked): merged into the request,
   * never stored in state nor compared with the response, so they cause no perpetual diff. Changing
   * them alone does not update the resource; bump `sensitiveBodyVersion` for that.
   * (azapi 2.x `sensitive_body`, docs/resources/resource.md.)
   * @default none
   */
  readonly sensitiveBody?: object;
  /**
   * Version of `sensitiveBody`: a change sends it again.
   * @default none
   */
  readonly sensitiveBodyVersion?: Readonly<Record<string, string>>;
  /**
   * Managed identities of the resource.
   * @default none
   */
  readonly identity?: AzapiIdentity;
  /**
   * Response paths (or named JMESPath queries) exported to `output`.
   * @default none: `output` is empty
   */
  readonly responseExportValues?: AzapiResponseExportValues;
  /**
   * Ignore properties Azure does not return (secrets) when diffing `body`.
   * @default true (the provider's default)
   */
  readonly ignoreMissingProperty?: boolean;
  /**
   * Resource ids to serialize on: azapi resources sharing a lock id are not changed concurrently.
   * @default none
   */
  readonly locks?: readonly string[];
}

/** A tracked (top-level) resource: its ARM API has `tags`. */
export interface AzapiTrackedResourceProps<TBody extends AzapiBody = AzapiBody> extends AzapiResourceProps<TBody> {
  /**
   * Tags of the Azure resource (the `RequiredTags` aspect adds the platform's).
   * @default none
   */
  readonly tags?: Readonly<Record<string, string>>;
}

/** `<resource type>@<api version>` for `AzapiResource.type`. */
export function azapiType(resourceType: string, apiVersion: string): string {
  return `${resourceType}@${apiVersion}`;
}

/** Shared by both resources: the computed `id` and `output`, and the JSON-only synthesis guard. */
abstract class AzapiResourceBase extends TerraformResource {
  /** The Azure resource id. */
  get id(): string {
    return this.getStringAttribute('id');
  }

  /** The `output` object (what `responseExportValues` selected from the response). */
  get output(): IResolvable {
    return this.interpolationForAttribute('output');
  }

  /** A string in `output`, by path, e.g. `outputAttribute('properties.gatewayUrl')`. */
  outputAttribute(path: string): string {
    return this.getStringAttribute(`output.${path}`);
  }

  override toHclTerraform(): never {
    throw new Error(`${this.node.path}: the hand-written azapi bindings synthesize JSON only, not HCL`);
  }
}

/**
 * An `azapi_resource`: any Azure Resource Manager resource, by type and API version, with its body
 * typed by `TBody`. Schema validation is always on (azapi's default): turning it off would let a
 * property the API version does not know be dropped silently before the PUT. It has no tags; use
 * `AzapiTrackedResource` for a top-level resource whose API has them.
 */
export class AzapiResource<TBody extends AzapiBody = AzapiBody> extends AzapiResourceBase {
  static readonly tfResourceType = 'azapi_resource';
  /** As given: the attributes are written from them at synth. */
  private readonly props: AzapiResourceProps<TBody>;

  constructor(scope: Construct, id: string, props: AzapiResourceProps<TBody>) {
    super(scope, id, {
      terraformResourceType: 'azapi_resource',
      terraformGeneratorMetadata: GENERATOR_METADATA,
      ...metaArguments(props),
    });
    const problems = [...typeProblems(props.type), ...bodyProblems(props.body), ...bodyProblems(props.sensitiveBody), ...identityProblems(props.identity)];
    throwIfProblems(this.node.path, problems);
    this.props = props;
  }

  /** The resource's name (a reference, resolved by Terraform). */
  get name(): string {
    return this.getStringAttribute('name');
  }

  protected override synthesizeAttributes(): { [name: string]: unknown } {
    return {
      type: this.props.type,
      name: this.props.name,
      parent_id: this.props.parentId,
      location: this.props.location,
      body: this.props.body,
      sensitive_body: this.props.sensitiveBody,
      sensitive_body_version: this.props.sensitiveBodyVersion ? { ...this.props.sensitiveBodyVersion } : undefined,
      identity: this.props.identity && {
        type: this.props.identity.type,
        identity_ids: this.props.identity.identityIds ? [...this.props.identity.identityIds] : undefined,
      },
      response_export_values: exportValuesToTerraform(this.props.responseExportValues),
      ignore_missing_property: this.props.ignoreMissingProperty,
      locks: this.props.locks ? [...this.props.locks] : undefined,
    };
  }
}

/** An `azapi_resource` for a tracked (top-level) resource: it has `tags`, which the `RequiredTags` aspect sets. */
export class AzapiTrackedResource<TBody extends AzapiBody = AzapiBody> extends AzapiResource<TBody> {
  private tagsValue?: Record<string, string>;

  constructor(scope: Construct, id: string, props: AzapiTrackedResourceProps<TBody>) {
    super(scope, id, props);
    this.tagsValue = props.tags ? { ...props.tags } : undefined;
  }

  /** The tags (a reference); setting them replaces the configured tags. */
  get tags(): Record<string, string> {
    return this.getStringMapAttribute('tags');
  }

  set tags(value: Record<string, string>) {
    this.tagsValue = value;
  }

  /** The configured tags, as given (what aspects read). */
  get tagsInput(): Record<string, string> | undefined {
    return this.tagsValue;
  }

  protected override synthesizeAttributes(): { [name: string]: unknown } {
    return { ...super.synthesizeAttributes(), tags: this.tagsValue };
  }
}

export interface AzapiUpdateResourceProps<TBody extends AzapiBody = AzapiBody> extends TerraformMetaArguments {
  /** `<resource type>@<api version>` of the resource being updated. */
  readonly type: string;
  /**
   * Id of the existing resource to update. Give either this, or `parentId` and `name`.
   * @default from `parentId` and `name`
   */
  readonly resourceId?: string;
  /**
   * Id of the parent of the resource to update (with `name`, instead of `resourceId`).
   * @default none: `resourceId` names the resource
   */
  readonly parentId?: string;
  /**
   * Name of the resource to update (with `parentId`, instead of `resourceId`).
   * @default none: `resourceId` names the resource
   */
  readonly name?: string;
  /**
   * The properties to set, as an object in the ARM shape; synthesized unchanged. Deleting the
   * `azapi_update_resource` does not undo them.
   */
  readonly body: TBody;
  /**
   * Response paths (or named JMESPath queries) exported to `output`.
   * @default none: `output` is empty
   */
  readonly responseExportValues?: AzapiResponseExportValues;
  /**
   * Resource ids to serialize on: azapi resources sharing a lock id are not changed concurrently.
   * @default none
   */
  readonly locks?: readonly string[];
  /**
   * Ignore properties Azure does not return (secrets) when diffing `body`.
   * @default true (the provider's default)
   */
  readonly ignoreMissingProperty?: boolean;
}

/**
 * An `azapi_update_resource`: sets some properties of a resource another provider manages (e.g. a
 * flag azurerm cannot set). It has no tags: the resource's owner tags it.
 */
export class AzapiUpdateResource<TBody extends AzapiBody = AzapiBody> extends AzapiResourceBase {
  static readonly tfResourceType = 'azapi_update_resource';
  /** As given: the attributes are written from them at synth. */
  private readonly props: AzapiUpdateResourceProps<TBody>;

  constructor(scope: Construct, id: string, props: AzapiUpdateResourceProps<TBody>) {
    super(scope, id, {
      terraformResourceType: 'azapi_update_resource',
      terraformGeneratorMetadata: GENERATOR_METADATA,
      ...metaArguments(props),
    });
    const problems = [...typeProblems(props.type), ...targetProblems(props), ...bodyProblems(props.body)];
    throwIfProblems(this.node.path, problems);
    this.props = props;
  }

  protected override synthesizeAttributes(): { [name: string]: unknown } {
    return {
      type: this.props.type,
      resource_id: this.props.resourceId,
      parent_id: this.props.parentId,
      name: this.props.name,
      body: this.props.body,
      response_export_values: exportValuesToTerraform(this.props.responseExportValues),
      locks: this.props.locks ? [...this.props.locks] : undefined,
      ignore_missing_property: this.props.ignoreMissingProperty,
    };
  }
}

/** HTTP methods `azapi_resource_action` sends (azapi 2.x docs/resources/resource_action.md). */
export type AzapiActionMethod = 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface AzapiResourceActionProps<TBody extends AzapiBody = AzapiBody> extends TerraformMetaArguments {
  /** `<resource type>@<api version>` of the resource acted on: the api-version of the request. */
  readonly type: string;
  /** Id of the existing resource the request goes to. */
  readonly resourceId: string;
  /**
   * Name of the resource action (`<resourceId>/<action>`), e.g. `listKeys`.
   * @default none: the request goes to the resource itself (a PATCH of the resource, say)
   */
  readonly action?: string;
  /**
   * HTTP method.
   * @default 'POST' (the provider's default)
   */
  readonly method?: AzapiActionMethod;
  /**
   * Request body as an object (never a JSON string), sent as written: unlike `azapi_resource`, the
   * action's body is not checked against the API schema, so type it with a model that says where its
   * shape comes from.
   * @default none
   */
  readonly body?: TBody;
  /**
   * Request headers, e.g. `{ 'If-Match': '*' }` for an API that requires one on PATCH.
   * @default none
   */
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * When to send the request: on create (`apply`) or when the action is destroyed (`destroy`).
   * Deleting an `apply` action sends nothing, so it does not undo what it did.
   * @default 'apply' (the provider's default)
   */
  readonly when?: 'apply' | 'destroy';
  /**
   * Response paths (or named JMESPath queries) exported to `output`.
   * @default none: `output` is empty
   */
  readonly responseExportValues?: AzapiResponseExportValues;
  /**
   * Resource ids to serialize on: azapi resources sharing a lock id are not changed concurrently.
   * @default none
   */
  readonly locks?: readonly string[];
}

/**
 * An `azapi_resource_action`: one request to an existing resource (an action such as `listKeys`, or
 * with no action a PATCH of the resource itself), sent when the action is created, or replaced (see
 * `lifecycle.replaceTriggeredBy`). It keeps nothing of the resource in state, so it never plans to undo
 * what it set. It has no tags.
 */
export class AzapiResourceAction<TBody extends AzapiBody = AzapiBody> extends AzapiResourceBase {
  static readonly tfResourceType = 'azapi_resource_action';
  /** As given: the attributes are written from them at synth. */
  private readonly props: AzapiResourceActionProps<TBody>;

  constructor(scope: Construct, id: string, props: AzapiResourceActionProps<TBody>) {
    super(scope, id, {
      terraformResourceType: 'azapi_resource_action',
      terraformGeneratorMetadata: GENERATOR_METADATA,
      ...metaArguments(props),
    });
    const problems = [...typeProblems(props.type), ...bodyProblems(props.body)];
    if (props.action !== undefined && isKnown(props.action) && !/^[A-Za-z0-9][A-Za-z0-9/._-]*$/.test(props.action)) {
      problems.push(`action '${props.action}' must be an action name such as 'listKeys' (omit it to send the request to the resource itself)`);
    }
    if (props.method === 'DELETE' && props.body !== undefined) problems.push('a DELETE request has no body');
    throwIfProblems(this.node.path, problems);
    this.props = props;
  }

  protected override synthesizeAttributes(): { [name: string]: unknown } {
    return {
      type: this.props.type,
      resource_id: this.props.resourceId,
      action: this.props.action,
      method: this.props.method,
      body: this.props.body,
      headers: this.props.headers ? { ...this.props.headers } : undefined,
      when: this.props.when,
      response_export_values: exportValuesToTerraform(this.props.responseExportValues),
      locks: this.props.locks ? [...this.props.locks] : undefined,
    };
  }
}

/** The meta-arguments every azapi resource passes on to `TerraformResource`, `replace_triggered_by` as Terraform takes it. */
function metaArguments(props: TerraformMetaArguments): TerraformMetaArguments {
  return {
    provider: props.provider,
    dependsOn: props.dependsOn,
    count: props.count,
    lifecycle: props.lifecycle && { ...props.lifecycle, replaceTriggeredBy: props.lifecycle.replaceTriggeredBy?.map(resourceAddress) },
    provisioners: props.provisioners,
    connection: props.connection,
    forEach: props.forEach,
  };
}

/**
 * A `replace_triggered_by` entry as Terraform's JSON syntax takes it: a bare address
 * (`azapi_resource.name`). cdktf 0.21 writes a resource given as a dependable as `${azapi_resource.name}`,
 * which `terraform init` refuses ("Invalid character"); strings are kept as given.
 */
function resourceAddress(item: ITerraformDependable | string): ITerraformDependable | string {
  return item instanceof TerraformResource ? `${item.terraformResourceType}.${item.friendlyUniqueId}` : item;
}

function typeProblems(type: string): string[] {
  if (isToken(type) || RESOURCE_TYPE_PATTERN.test(type)) return [];
  return [`type '${type}' must be '<resource type>@<api version>', e.g. 'Microsoft.ApiManagement/service/backends@2024-05-01'`];
}

function bodyProblems(body: unknown): string[] {
  if (body === undefined || isToken(body)) return [];
  if (typeof body === 'string') return ['body must be an object, not a JSON string (azapi 2.x takes the object itself: no jsonencode)'];
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return ['body must be an object'];
  return [];
}

function identityProblems(identity: AzapiIdentity | undefined): string[] {
  if (!identity) return [];
  const ids = identity.identityIds ?? [];
  const userAssigned = identity.type.includes('UserAssigned');
  if (userAssigned && ids.length === 0) return [`identity type '${identity.type}' needs identityIds`];
  if (!userAssigned && ids.length > 0) return [`identityIds are only allowed with a 'UserAssigned' identity type, not '${identity.type}'`];
  return [];
}

function targetProblems(props: AzapiUpdateResourceProps<AzapiBody>): string[] {
  const byParent = props.parentId !== undefined || props.name !== undefined;
  if (props.resourceId !== undefined && byParent) return ['give either resourceId, or parentId and name, not both'];
  if (props.resourceId === undefined && !(props.parentId !== undefined && props.name !== undefined)) {
    return ['the resource to update needs resourceId, or both parentId and name'];
  }
  return [];
}

function exportValuesToTerraform(values: AzapiResponseExportValues | undefined): unknown {
  if (values === undefined) return undefined;
  return Array.isArray(values) ? [...values] : { ...values };
}

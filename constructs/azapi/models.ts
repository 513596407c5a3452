/**
 * Request bodies of the platform's azapi resources, typed with the model interfaces of Microsoft's
 * JavaScript SDKs (type-only imports: no runtime cost), each beside the API version those models
 * describe. A property that is not in the model fails to compile; a property the API version does not
 * know fails `terraform validate` (azapi's schema validation, always on), instead of being dropped
 * silently before the PUT.
 *
 * Where the SDK's API version lacks a property the platform needs, a hand type names the newer API
 * version that has it and links the spec file. Where no published spec has it at all (the backend's
 * managed-identity credentials, {@link ApimBackendManagedIdentityCredentialsPatch}), the hand type cites
 * the service's own documentation and samples, and the platform sends it with an action (a PATCH that
 * azapi sends as written), never by turning schema validation off.
 */
import type { BackendContractProperties, DiagnosticContract, LoggerContract } from '@azure/arm-apimanagement';
import type { DeploymentProperties } from '@azure/arm-cognitiveservices';
import { azapiType } from './index';

/** ARM wire shape of a proxy (child) resource body: everything under `properties`. */
export interface ArmPropertiesBody<TProperties> {
  readonly properties: TProperties;
}

/** What the SDKs' flattened proxy-resource models carry besides `properties` (server-set, never sent). */
type ProxyResourceFields = 'id' | 'name' | 'type';

// --- API Management -----------------------------------------------------------------------------

/**
 * API version of `@azure/arm-apimanagement` 10.0.0's models (`ApiManagementClient`'s default
 * `apiVersion`, dist/commonjs/apiManagementClient.js), present in azapi 2.8.0's embedded schemas.
 */
export const APIM_API_VERSION = '2024-05-01';

/** A single backend or a pool (`type: 'Pool'`), API 2024-05-01 (`BackendContractProperties`). */
export type ApimBackendBody = ArmPropertiesBody<BackendContractProperties>;
/**
 * A load-balanced pool (`type: 'Pool'`): the SDK marks `url` and `protocol` required, but a pool has
 * neither (its members do); azapi's 2024-05-01 schema accepts the body without them.
 */
export type ApimBackendPoolBody = ArmPropertiesBody<Omit<BackendContractProperties, 'url' | 'protocol'>>;
/** An API Management logger, API 2024-05-01 (`LoggerContract` without its resource fields). */
export type ApimLoggerBody = ArmPropertiesBody<Omit<LoggerContract, ProxyResourceFields>>;
/** Part of an API Management diagnostic, API 2024-05-01 (`azapi_update_resource` merges it into the resource). */
export type ApimDiagnosticPatch = ArmPropertiesBody<Partial<Omit<DiagnosticContract, ProxyResourceFields>>>;

/**
 * The logger's public part: everything but `credentials`, which Azure returns masked (a perpetual diff
 * if kept in `body`); send those with {@link ApimLoggerCredentialsBody} as azapi's `sensitive_body`.
 */
export type ApimLoggerPublicBody = ArmPropertiesBody<Omit<LoggerContract, ProxyResourceFields | 'credentials'>>;
/** The logger's write-only part (`sensitive_body`): its `credentials`, API 2024-05-01. */
export type ApimLoggerCredentialsBody = ArmPropertiesBody<Required<Pick<LoggerContract, 'credentials'>>>;

/**
 * A backend's managed-identity credentials: API Management gets a token for `resource` with the
 * service's identity (the user-assigned one whose `clientId` is given, else the system-assigned one)
 * and sends it to the backend. `llm-content-safety` needs this on its backend (Learn: "Enforce content
 * safety checks on LLM requests" (llm-content-safety policy), prerequisites: "Managed identity with
 * Cognitive Services User role is recommended").
 *
 * The service accepts it: Microsoft's own sample sets `credentials.managedIdentity.resource` on
 * `Microsoft.ApiManagement/service/backends@2024-06-01-preview` (Azure-Samples/AI-Gateway,
 * labs/content-safety/main.bicep, with `#disable-next-line BCP037` because Bicep's types lack it). But
 * it is in no published API spec yet: `BackendCredentialsContract` has only `certificateIds`,
 * `certificate`, `query`, `header` and `authorization` in every Microsoft.ApiManagement API version up to
 * 2025-09-01-preview (Azure/azure-rest-api-specs, specification/apimanagement), nor in the SDK's
 * `BackendCredentialsContract`; so no validated schema can carry it: azapi 2.8.0 rejects it in an
 * `azapi_resource` body at every API version it knows, and schema validation stays on. Hence a PATCH
 * through `azapi_resource_action` (whose body azapi sends as written), typed here by hand.
 */
export interface ApimBackendManagedIdentityCredentials {
  /** Client id of the user-assigned identity to use. @default the service's system-assigned identity */
  readonly clientId?: string;
  /** Audience of the token, e.g. `https://cognitiveservices.azure.com`. */
  readonly resource: string;
}

/** PATCH body setting a backend's managed-identity credentials (see {@link ApimBackendManagedIdentityCredentials}). */
export type ApimBackendManagedIdentityCredentialsPatch = ArmPropertiesBody<{
  readonly credentials: { readonly managedIdentity: ApimBackendManagedIdentityCredentials };
}>;

/**
 * API version of the managed-identity credentials PATCH: the one Microsoft's sample deploys them with
 * (Azure-Samples/AI-Gateway labs/content-safety/main.bicep); azapi 2.8.0 knows the backend type at it.
 */
export const APIM_BACKEND_CREDENTIALS_API_VERSION = '2024-06-01-preview';
export const APIM_BACKEND_CREDENTIALS_TYPE = azapiType('Microsoft.ApiManagement/service/backends', APIM_BACKEND_CREDENTIALS_API_VERSION);

export const APIM_BACKEND_TYPE = azapiType('Microsoft.ApiManagement/service/backends', APIM_API_VERSION);
export const APIM_LOGGER_TYPE = azapiType('Microsoft.ApiManagement/service/loggers', APIM_API_VERSION);
export const APIM_DIAGNOSTIC_TYPE = azapiType('Microsoft.ApiManagement/service/diagnostics', APIM_API_VERSION);

// --- Cognitive Services (AI Services / Azure OpenAI) ----------------------------------------------

/**
 * API version of `@azure/arm-cognitiveservices` 8.1.0's models (`CognitiveServicesManagementClient`'s
 * default `apiVersion`), present in azapi 2.8.0's embedded schemas. `spilloverDeploymentName` first
 * appears in 2025-06-01 (specification/cognitiveservices/resource-manager/Microsoft.CognitiveServices/
 * stable/2025-06-01/cognitiveservices.json, `DeploymentProperties`); 2024-10-01 does not have it.
 */
export const COGNITIVE_SERVICES_API_VERSION = '2025-09-01';

/** Part of a model deployment (`azapi_update_resource` merges it into the deployment azurerm manages). */
export type CognitiveDeploymentPatch = ArmPropertiesBody<Pick<DeploymentProperties, 'spilloverDeploymentName'>>;

export const COGNITIVE_DEPLOYMENT_TYPE = azapiType('Microsoft.CognitiveServices/accounts/deployments', COGNITIVE_SERVICES_API_VERSION);

/**
 * Request bodies of the platform's azapi resources, typed with the model interfaces of Microsoft's
 * JavaScript SDKs (type-only imports: no runtime cost), each beside the API version those models
 * describe. A property that is not in the model fails to compile; a property the API version does not
 * know fails `terraform validate` (azapi's schema validation, always on), instead of being dropped
 * silently before the PUT.
 *
 * Where the SDK's API version lacks a property the platform needs, a hand type names the newer API
 * version that has it and links the spec file (see `ApimBackendWithManagedIdentityBody`).
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

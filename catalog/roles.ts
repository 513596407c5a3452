/**
 * Azure built-in roles the platform assigns or its review names, by name, with their role definition ids
 * (the same in every tenant). Source: Microsoft Learn, "Azure built-in roles" (ids cross-checked against
 * public templates). The constructs assign only `PlatformRole`s; the review reads role ids back to names.
 */

/** Roles the platform may assign. Broad control-plane roles are deliberately absent (`FORBIDDEN_ROLE_NAMES`). */
export type PlatformRole =
  | 'Key Vault Crypto Service Encryption User'
  | 'Key Vault Crypto Officer'
  | 'Key Vault Secrets User'
  | 'Cognitive Services OpenAI User'
  | 'Cognitive Services User'
  | 'Search Index Data Reader'
  | 'Search Index Data Contributor'
  | 'Search Service Contributor'
  | 'Storage Blob Data Reader'
  | 'Storage Blob Data Contributor'
  | 'AcrPull'
  | 'Monitoring Metrics Publisher'
  | 'Redis Cache Contributor';

/**
 * Role definition ids of the platform's roles. Typed as a record over `PlatformRole`, so adding a role
 * without its id does not compile. The CI deploy identity's Role Based Access Control Administrator
 * assignment is conditioned to exactly these.
 */
export const PLATFORM_ROLE_IDS: Readonly<Record<PlatformRole, string>> = {
  'Key Vault Crypto Service Encryption User': 'e147488a-f6f5-4113-8e2d-b22465e65bf6',
  'Key Vault Crypto Officer': '14b46e9e-c2b7-41b4-b07b-48a6ebf60603',
  'Key Vault Secrets User': '4633458b-17de-408a-b874-0445c86b69e6',
  'Cognitive Services OpenAI User': '5e0bd9bd-7b93-4f28-af87-19fc36ad61bd',
  'Cognitive Services User': 'a97b65f3-24c7-4388-baec-2e87135dc908',
  'Search Index Data Reader': '1407120a-92aa-4202-b7e9-c0e197c71c8f',
  'Search Index Data Contributor': '8ebe5a00-799e-43f5-93ac-243d3dce84a7',
  'Search Service Contributor': '7ca78c08-252a-4471-8644-bb5ff32d4ba0',
  'Storage Blob Data Reader': '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1',
  'Storage Blob Data Contributor': 'ba92f5b4-2d11-453d-a403-e96b0029c9fe',
  'AcrPull': '7f951dda-4ed3-4680-a7ca-43fe172d538d',
  'Monitoring Metrics Publisher': '3913510d-42f4-4e42-8a64-420c390055eb',
  'Redis Cache Contributor': 'e0f68234-74aa-48ed-b826-c38b57376e17',
};

/** Broad control-plane roles no workload identity may hold. */
export const FORBIDDEN_ROLE_NAMES: readonly string[] = ['Owner', 'Contributor', 'User Access Administrator', 'Role Based Access Control Administrator'];

/** Other built-in roles the review names when it reads a role id (the broad ones and the "too much" alternatives). */
export const OTHER_BUILT_IN_ROLE_IDS: Readonly<Record<string, string>> = {
  'Owner': '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
  'Contributor': 'b24988ac-6180-42a0-ab88-20f7382dd24c',
  'User Access Administrator': '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9',
  'Role Based Access Control Administrator': 'f58310d9-a9f6-439a-9e8d-f62e7b41a168',
  'Cognitive Services OpenAI Contributor': 'a001fd3d-188f-4b5d-821b-7da978bf7442',
  'Cognitive Services Contributor': '25fbc0a9-bd7c-42a3-aa1a-3b75d497ee68',
  'Storage Blob Data Owner': 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b',
  'Key Vault Administrator': '00482a5a-887f-4fb3-b363-3b7fe8e74483',
  'Key Vault Secrets Officer': 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7',
  'Key Vault Crypto User': '12338af0-0e69-4776-bea7-57ae8d297424',
};

/**
 * What each Azure service accepts as a customer-managed key (CMK), as data: key types and sizes, whether
 * the key's vault must be in the service's region, whether it takes a versionless key id. Used by the
 * constructs (KeyVault.addCustomerManagedKey picks a key every consumer accepts; consumers refuse a key
 * they cannot use) and by the policy rules (GAI-KEY-008/009), so both read one source. Below both: it
 * imports nothing from constructs/ or policy/.
 *
 * Every fact names its source; `unverified` lists what the source does not state and how this catalog
 * reads it. Checked against Microsoft Learn (MicrosoftDocs/azure-ai-docs, MicrosoftDocs/azure-docs) and the
 * hashicorp/terraform-provider-azurerm v4.55.0 sources.
 */
import { normalizeRegion } from './regions';

/** Key Vault key types a CMK can have (Key Vault also has EC keys, which no CMK consumer here accepts). */
export type CmkKeyType = 'RSA' | 'RSA-HSM';

/** RSA sizes Key Vault creates (Learn: "About keys": "Key Vault supports RSA keys of sizes 2048, 3072 and 4096"). */
export const KEY_VAULT_RSA_SIZES: readonly number[] = [2048, 3072, 4096];

export interface CmkConstraint {
  /** The service, as a reviewer names it. */
  readonly service: string;
  /** Key types the service can encrypt with. */
  readonly keyTypes: readonly CmkKeyType[];
  /** RSA key sizes (bits) the service accepts. */
  readonly keySizes: readonly number[];
  /** The key's vault must be in the consumer's Azure region. */
  readonly vaultInConsumerRegion: boolean;
  /**
   * The consumer's key attribute takes a versionless key id (`https://<vault>/keys/<name>`). False: a
   * versioned id only, so a rotated key is picked up by a change to the id.
   */
  readonly versionlessKeyIdAccepted: boolean;
  /** With a versionless id, the service starts using a rotated key version by itself. */
  readonly followsRotation: boolean;
  /** Where the facts come from (Microsoft Learn first; provider source for what the provider accepts). */
  readonly sources: readonly string[];
  /** What the sources do not state, and how this entry reads it. */
  readonly unverified?: readonly string[];
  /** Documented constraints outside this entry's fields that the platform should know about. */
  readonly notes?: readonly string[];
}

const AI_SERVICES: CmkConstraint = {
  service: 'Azure AI services (Foundry / Azure OpenAI account)',
  keyTypes: ['RSA', 'RSA-HSM'],
  keySizes: [2048],
  vaultInConsumerRegion: true,
  // azurerm 4.55 cognitive_account: `key_vault_key_id` is validated with keyvault.VersionTypeAny and sent
  // as keyName/keyVersion/keyVaultUri (an empty version for a versionless id).
  versionlessKeyIdAccepted: true,
  followsRotation: false,
  sources: [
    'https://learn.microsoft.com/azure/ai-services/openai/encrypt-data-at-rest ("Only RSA and RSA-HSM keys of size 2048 are supported"; "The Azure OpenAI resource and the key vault must be in the same region and in the same Microsoft Entra tenant"; "When the key is rotated, you must update the Azure OpenAI resource to use the new key URI")',
    'https://learn.microsoft.com/azure/ai-foundry/concepts/encryption-keys-portal ("Your Azure resources and the Key Vault resources must be in the same region"; "only RSA and RSA-HSM keys of size 2048 are supported"; "When the key is rotated, you must update the Azure AI Foundry resource to use the new key URI")',
    'hashicorp/terraform-provider-azurerm v4.55.0 internal/services/cognitive/cognitive_account_resource.go (customer_managed_key.key_vault_key_id: ValidateNestedItemID(VersionTypeAny, ...))',
  ],
  notes: [
    'The Azure OpenAI page (2025-04-17) also says the vault must use legacy access policies and that CMK works with system-assigned identities only; the platform uses an RBAC vault and a user-assigned identity (azurerm documents identity_client_id for this). Not verifiable without a subscription: see docs/adr/0006-regional-key-vaults.md.',
  ],
};

const STORAGE: CmkConstraint = {
  service: 'Azure Storage account',
  keyTypes: ['RSA', 'RSA-HSM'],
  keySizes: [2048, 3072, 4096],
  vaultInConsumerRegion: false,
  versionlessKeyIdAccepted: true,
  followsRotation: true,
  sources: [
    'https://learn.microsoft.com/azure/storage/common/customer-managed-keys-overview ("Azure storage encryption supports RSA and RSA-HSM keys of sizes 2048, 3072 and 4096"; "The storage account and the key vault or managed HSM can be in different Microsoft Entra tenants, regions, and subscriptions"; a key id without a version is updated automatically)',
  ],
};

const MANAGED_REDIS: CmkConstraint = {
  service: 'Azure Managed Redis',
  keyTypes: ['RSA', 'RSA-HSM'],
  keySizes: KEY_VAULT_RSA_SIZES,
  vaultInConsumerRegion: true,
  versionlessKeyIdAccepted: false,
  followsRotation: false,
  sources: [
    'https://learn.microsoft.com/azure/redis/how-to-encryption ("The Azure Key Vault resource containing the customer managed key must be in the same region as the cache resource"; "Only RSA keys are supported"; "Only user assigned managed identity is supported")',
    'Microsoft.Cache redisEnterprise API, keyEncryptionKeyUrl: "Key encryption key Url, versioned only" (Azure.ResourceManager.RedisEnterprise RedisEnterpriseCustomerManagedKeyEncryption)',
    'hashicorp/terraform-provider-azurerm v4.55.0 internal/services/managedredis/managed_redis_resource.go (customer_managed_key.key_vault_key_id: keyVaultValidate.NestedItemId, which requires a version)',
  ],
  unverified: [
    'Learn says "Only RSA keys" without sizes or naming RSA-HSM: read as the RSA algorithm in either protection (RSA or RSA-HSM) at any Key Vault RSA size.',
  ],
};

/** Constraints per Terraform resource type that consumes a customer-managed key. */
export const CMK_CONSTRAINTS: Readonly<Record<string, CmkConstraint>> = {
  azurerm_cognitive_account: AI_SERVICES,
  azurerm_cognitive_account_customer_managed_key: AI_SERVICES,
  azurerm_storage_account: STORAGE,
  azurerm_storage_account_customer_managed_key: STORAGE,
  azurerm_managed_redis: MANAGED_REDIS,
};

/** Resource types with an entry in `CMK_CONSTRAINTS`. */
export const CONSTRAINED_CMK_CONSUMER_TYPES: readonly string[] = Object.keys(CMK_CONSTRAINTS);

/** The constraint of a resource type; throws for a type the catalog does not know. */
export function cmkConstraint(resourceType: string): CmkConstraint {
  const constraint = CMK_CONSTRAINTS[resourceType];
  if (!constraint) {
    throw new Error(`no customer-managed-key constraints for '${resourceType}'; add an entry with its sources to catalog/customer-managed-keys.ts (known: ${CONSTRAINED_CMK_CONSUMER_TYPES.join(', ')})`);
  }
  return constraint;
}

/** Why a consumer cannot use a key of this type and size (empty: it can). */
export function keyProblems(resourceType: string, key: { readonly keyType: string; readonly keySize?: number }): string[] {
  const c = cmkConstraint(resourceType);
  const problems: string[] = [];
  if (!(c.keyTypes as readonly string[]).includes(key.keyType)) {
    problems.push(`${c.service} (${resourceType}) accepts key types ${c.keyTypes.join(', ')}, not ${key.keyType}`);
  }
  if (key.keySize === undefined || !c.keySizes.includes(key.keySize)) {
    problems.push(`${c.service} (${resourceType}) accepts RSA key sizes ${c.keySizes.join(', ')}, not ${key.keySize ?? 'an unset size'}`);
  }
  return problems;
}

/** Why a consumer in `consumerLocation` cannot use a key from a vault in `vaultLocation` (empty: it can). */
export function regionProblems(resourceType: string, vaultLocation: string, consumerLocation: string): string[] {
  const c = cmkConstraint(resourceType);
  if (!c.vaultInConsumerRegion || normalizeRegion(vaultLocation) === normalizeRegion(consumerLocation)) return [];
  return [`${c.service} (${resourceType}) needs the key's vault in its own region ${consumerLocation}, but the vault is in ${vaultLocation}`];
}


/** The platform's preference among acceptable RSA sizes: 3072 (GAI-KEY-004), then larger, then the 2048 floor. */
export const PREFERRED_RSA_SIZES: readonly number[] = [3072, 4096, 2048];

/**
 * The key type and size every consumer accepts: `preferredType` if all accept it (else the other RSA type
 * if all accept that), and `requestedSize`, or else the first size of `PREFERRED_RSA_SIZES` all accept.
 * When there is none, returns every problem instead, one per consumer and reason.
 */
export function chooseKey(consumerTypes: readonly string[], preferredType: CmkKeyType, requestedSize?: number):
  { readonly keyType: CmkKeyType; readonly keySize: number } | { readonly problems: readonly string[] } {
  const unknownTypes = consumerTypes.filter((t) => !CMK_CONSTRAINTS[t]);
  if (unknownTypes.length > 0) {
    return { problems: unknownTypes.map((t) => `no customer-managed-key constraints for '${t}'; add an entry with its sources to catalog/customer-managed-keys.ts`) };
  }
  const constraints = consumerTypes.map((t) => CMK_CONSTRAINTS[t]);
  const types: CmkKeyType[] = preferredType === 'RSA-HSM' ? ['RSA-HSM', 'RSA'] : ['RSA', 'RSA-HSM'];
  const keyType = types.find((t) => constraints.every((c) => c.keyTypes.includes(t)));
  const sizes = requestedSize !== undefined ? [requestedSize] : PREFERRED_RSA_SIZES;
  const keySize = sizes.find((s) => constraints.every((c) => c.keySizes.includes(s)));
  if (keyType !== undefined && keySize !== undefined) return { keyType, keySize };
  const problems: string[] = [];
  if (keyType === undefined) {
    problems.push(...consumerTypes.flatMap((t) => keyProblems(t, { keyType: preferredType, keySize: CMK_CONSTRAINTS[t].keySizes[0] })));
  }
  if (keySize === undefined) {
    problems.push(requestedSize !== undefined
      ? consumerTypes.flatMap((t) => keyProblems(t, { keyType: CMK_CONSTRAINTS[t].keyTypes[0], keySize: requestedSize })).join('; ')
      : `no RSA size is accepted by every consumer: ${consumerTypes.map((t) => `${t} accepts ${CMK_CONSTRAINTS[t].keySizes.join('/')}`).join(', ')}`);
  }
  return { problems: problems.filter((p) => p.length > 0) };
}

/** What a consumer needs to know of its key to judge it (`KeyVault.addCustomerManagedKey` returns these). */
export interface CmkKeyFacts {
  readonly keyType: string;
  readonly keySize?: number;
  /** Region of the key's vault. */
  readonly vaultLocation?: string;
}

const unresolved = (value: unknown): boolean => typeof value === 'string' && value.includes('${');

/**
 * Everything that stops a consumer of `resourceType` in `consumerLocation` from using `key`: type, size and
 * vault region. Values that are unresolved tokens are left to Azure.
 */
export function customerManagedKeyProblems(resourceType: string, key: CmkKeyFacts, consumerLocation?: string): string[] {
  const problems: string[] = [];
  if (!unresolved(key.keyType) && !unresolved(key.keySize)) problems.push(...keyProblems(resourceType, key));
  if (key.vaultLocation !== undefined && consumerLocation !== undefined && !unresolved(key.vaultLocation) && !unresolved(consumerLocation)) {
    problems.push(...regionProblems(resourceType, key.vaultLocation, consumerLocation));
  }
  return problems;
}

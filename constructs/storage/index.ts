import { Construct } from 'constructs';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { StorageAccount, StorageAccountConfig } from '@cdktf/provider-azurerm/lib/storage-account';
import { StorageContainer } from '@cdktf/provider-azurerm/lib/storage-container';
import { customerManagedKeyProblems } from '../../catalog/customer-managed-keys';
import { protectStatefulResource } from '../governance/protection';
import { IGrantee, grantResourceRole } from '../identity';
import { CustomerManagedKeyOptions, DiagnosticsOptions, PrivateEndpointOptions, ProtectionOptions } from '../interfaces';
import { DiagnosticSetting } from '../monitoring/diagnostic-setting';
import { resourcePrivateEndpoint } from '../private-endpoint';
import { isKnown, throwIfProblems } from '../validation';

/** Replication types the document store may use: zone-redundant, or locally redundant for dev. */
export type DocumentStorageReplication = 'LRS' | 'ZRS' | 'GZRS' | 'RAGZRS';

const REPLICATION_TYPES: readonly DocumentStorageReplication[] = ['LRS', 'ZRS', 'GZRS', 'RAGZRS'];
/** Storage account names: 3-24 lowercase letters and digits. */
const ACCOUNT_NAME = /^[a-z0-9]{3,24}$/;
/** Container names: 3-63 lowercase letters, digits and single hyphens, starting with a letter or digit. */
const CONTAINER_NAME = /^(?=.{3,63}$)[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** A Key Vault key id without a version: `https://<vault>.vault.azure.net/keys/<name>`. */
const VERSIONLESS_KEY_ID = /^https:\/\/[^/]+\/keys\/[^/]+\/?$/i;
const MIN_SOFT_DELETE_DAYS = 7;
const MAX_SOFT_DELETE_DAYS = 365;

export interface LockedDownStorageAccountProps {
  readonly name: string;
  readonly location: string;
  readonly resourceGroupName: string;
  readonly replicationType: string;
  /** Days deleted blobs and containers stay recoverable. */
  readonly softDeleteDays: { readonly blobs: number; readonly containers: number };
}

/**
 * The settings every platform storage account shares (documents, Terraform state): StorageV2, Entra ID
 * only (no account keys, SAS or local users; the portal defaults to Entra ID too), no public blobs,
 * TLS 1.2, HTTPS only, public network access off with the firewall denying all and no trusted-service
 * bypass, no cross-tenant replication, infrastructure encryption, versioning, change feed and soft delete.
 * Callers spread it and add what is theirs (keys, copy scope, a recorded firewall exception).
 */
export function lockedDownStorageAccount(props: LockedDownStorageAccountProps): StorageAccountConfig {
  return {
    name: props.name,
    location: props.location,
    resourceGroupName: props.resourceGroupName,
    accountKind: 'StorageV2',
    accountTier: 'Standard',
    accountReplicationType: props.replicationType,
    isHnsEnabled: false,
    sharedAccessKeyEnabled: false,
    defaultToOauthAuthentication: true,
    localUserEnabled: false,
    sftpEnabled: false,
    allowNestedItemsToBePublic: false,
    minTlsVersion: 'TLS1_2',
    httpsTrafficOnlyEnabled: true,
    publicNetworkAccessEnabled: false,
    // Valid bypass values: AzureServices, Logging, Metrics, None.
    networkRules: { defaultAction: 'Deny', bypass: ['None'] },
    crossTenantReplicationEnabled: false,
    infrastructureEncryptionEnabled: true,
    blobProperties: {
      versioningEnabled: true,
      changeFeedEnabled: true,
      deleteRetentionPolicy: { days: props.softDeleteDays.blobs },
      containerDeleteRetentionPolicy: { days: props.softDeleteDays.containers },
    },
  };
}

export interface DocumentStorageProps extends ProtectionOptions {
  /** Account name (3-24 lowercase letters and digits, globally unique). */
  readonly name: string;
  readonly location: string;
  readonly resourceGroupName: string;
  /**
   * Redundancy. ZRS or GZRS/RAGZRS in production (policy GAI-ST-009); LRS only for dev. Changing between
   * LRS and the zone-redundant types recreates the account.
   * @default 'ZRS'
   */
  readonly replicationType?: DocumentStorageReplication;
  /** Private blob containers to create (3-63 lowercase letters, digits and single hyphens). @default ['documents'] */
  readonly containerNames?: readonly string[];
  /** Days a deleted or overwritten blob stays recoverable, 7-365. @default 30 */
  readonly blobSoftDeleteDays?: number;
  /** Days a deleted container stays recoverable, 7-365. @default 30 */
  readonly containerSoftDeleteDays?: number;
  /**
   * Customer-managed key for the account's data at rest (required: the document store is always CMK-encrypted).
   * `keyVaultKeyResourceId` must be versionless (`KeyVault.addCustomerManagedKey(...).versionlessId`), so the
   * account follows the key's automatic rotation.
   */
  readonly customerManagedKey: CustomerManagedKeyOptions;
  /** Private endpoint (sub-resource `blob`, zone `privatelink.blob.core.windows.net`). */
  readonly privateEndpoint: PrivateEndpointOptions;
  readonly diagnostics: DiagnosticsOptions;
}

/**
 * The document store of the RAG pipeline: a StorageV2 account reachable only through a private blob
 * endpoint, Entra ID authentication only (no shared keys, no SAS, no local users or SFTP), no public
 * blobs, TLS 1.2, a customer-managed key with infrastructure (double) encryption, versioning, change
 * feed and soft delete, copies limited to private links, metrics and blob logs to the workspace, a
 * delete lock and prevent-destroy by default.
 *
 * Containers are created through Azure Resource Manager, and the account sets nothing that lives on the
 * data plane (queue properties, static website). azurerm 4.x still reads those two over the data plane
 * unless the provider sets `features { storage { data_plane_available = false } }`: a runner without line
 * of sight to the private endpoint needs that feature (a stack-level setting).
 */
export class DocumentStorage extends Construct {
  readonly resourceId: string;
  readonly name: string;
  /** `https://<name>.blob.core.windows.net/` (resolves to the private endpoint inside the VNet). */
  readonly primaryBlobEndpoint: string;
  /** Names of the containers created. */
  readonly containerNames: readonly string[];

  private readonly account: StorageAccount;

  constructor(scope: Construct, id: string, props: DocumentStorageProps) {
    super(scope, id);
    const replicationType = props.replicationType ?? 'ZRS';
    const containerNames = [...(props.containerNames ?? ['documents'])];
    const blobSoftDeleteDays = props.blobSoftDeleteDays ?? 30;
    const containerSoftDeleteDays = props.containerSoftDeleteDays ?? 30;
    const problems = validate({
      name: props.name, replicationType, containerNames, blobSoftDeleteDays, containerSoftDeleteDays,
      keyVaultKeyResourceId: props.customerManagedKey.keyVaultKeyResourceId,
    });
    if (props.customerManagedKey.key) {
      problems.push(...customerManagedKeyProblems('azurerm_storage_account', props.customerManagedKey.key, props.location).map((m) => `customerManagedKey: ${m}`));
    }
    throwIfProblems(this.node.path, problems);
    const cmk = props.customerManagedKey;

    this.account = new StorageAccount(this, 'account', {
      ...lockedDownStorageAccount({
        name: props.name, location: props.location, resourceGroupName: props.resourceGroupName, replicationType,
        softDeleteDays: { blobs: blobSoftDeleteDays, containers: containerSoftDeleteDays },
      }),
      // Copies only from accounts reached through private endpoints of the same tenant.
      allowedCopyScope: 'PrivateLink',
      // Queue and table data under the account's (customer-managed) key too; fixed at creation.
      queueEncryptionKeyType: 'Account',
      tableEncryptionKeyType: 'Account',
      identity: { type: 'UserAssigned', identityIds: [cmk.identity.resourceId] },
      customerManagedKey: {
        keyVaultKeyId: cmk.keyVaultKeyResourceId,
        userAssignedIdentityId: cmk.identity.resourceId,
      },
      dependsOn: cmk.accessGrant ? [cmk.accessGrant] : undefined,
    });
    this.resourceId = this.account.id;
    this.name = this.account.name;
    this.primaryBlobEndpoint = this.account.primaryBlobEndpoint;
    this.containerNames = containerNames;
    protectStatefulResource(this, this.account, props.name, props);

    for (const containerName of containerNames) {
      // `storage_account_id` (not `storage_account_name`) makes azurerm 4.x create the container through
      // the Resource Manager API instead of the blob data plane, so it works with shared keys disabled and
      // the account closed to public networks (azurerm 4.55 storage_container docs).
      new StorageContainer(this, `container-${containerName}`, {
        name: containerName,
        storageAccountId: this.account.id,
        containerAccessType: 'private',
      });
    }

    resourcePrivateEndpoint(this, {
      privateEndpoint: props.privateEndpoint, location: props.location, resourceGroupName: props.resourceGroupName,
      targetResourceId: this.account.id, subresourceName: 'blob', protection: props,
    });
    // The account emits metrics only; resource logs come from its services (blob here).
    new DiagnosticSetting(this, 'diagnostics', { ...props.diagnostics, targetResourceId: this.account.id, logs: false });
    new DiagnosticSetting(this, 'blob-diagnostics', { ...props.diagnostics, targetResourceId: `${this.account.id}/blobServices/default` });
  }

  /** Lets a workload read blobs (the search indexer, the orchestrator). */
  grantBlobDataReader(grantee: IGrantee): RoleAssignment {
    return grantResourceRole(this, this.account.id, grantee, 'Storage Blob Data Reader');
  }

  /** Lets a workload write and delete blobs (an ingestion job). */
  grantBlobDataContributor(grantee: IGrantee): RoleAssignment {
    return grantResourceRole(this, this.account.id, grantee, 'Storage Blob Data Contributor');
  }
}

interface ResolvedSettings {
  readonly name: string;
  readonly replicationType: string;
  readonly containerNames: readonly string[];
  readonly blobSoftDeleteDays: number;
  readonly containerSoftDeleteDays: number;
  readonly keyVaultKeyResourceId: string;
}

/** Every problem with the settings; values that are tokens are judged by Azure at apply time. */
function validate(s: ResolvedSettings): string[] {
  const problems: string[] = [];
  if (isKnown(s.name) && !ACCOUNT_NAME.test(s.name)) {
    problems.push(`name must be 3-24 lowercase letters and digits, got '${s.name}'`);
  }
  if (isKnown(s.replicationType) && !(REPLICATION_TYPES as readonly string[]).includes(s.replicationType)) {
    problems.push(`replicationType must be one of ${REPLICATION_TYPES.join(', ')}, got '${s.replicationType}'`);
  }
  const seen = new Set<string>();
  for (const container of s.containerNames) {
    if (!isKnown(container)) continue;
    if (!CONTAINER_NAME.test(container)) {
      problems.push(`container name '${container}' must be 3-63 lowercase letters, digits or single hyphens, starting and ending with a letter or digit`);
    } else if (seen.has(container)) {
      problems.push(`container name '${container}' is listed more than once`);
    }
    seen.add(container);
  }
  for (const [field, days] of [['blobSoftDeleteDays', s.blobSoftDeleteDays], ['containerSoftDeleteDays', s.containerSoftDeleteDays]] as const) {
    if (isKnown(days) && (!Number.isInteger(days) || days < MIN_SOFT_DELETE_DAYS || days > MAX_SOFT_DELETE_DAYS)) {
      problems.push(`${field} must be a whole number of days from ${MIN_SOFT_DELETE_DAYS} to ${MAX_SOFT_DELETE_DAYS}, got ${days}`);
    }
  }
  if (isKnown(s.keyVaultKeyResourceId) && !VERSIONLESS_KEY_ID.test(s.keyVaultKeyResourceId)) {
    problems.push(`customerManagedKey.keyVaultKeyResourceId must be a versionless key id (https://<vault>.vault.azure.net/keys/<name>) so the account follows key rotation, got '${s.keyVaultKeyResourceId}'`);
  }
  return problems;
}

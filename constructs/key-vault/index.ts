import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { KeyVault as AzurermKeyVault } from '@cdktf/provider-azurerm/lib/key-vault';
import { KeyVaultKey } from '@cdktf/provider-azurerm/lib/key-vault-key';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { ProtectionOptions, protectStatefulResource } from '../governance/protection';
import { IGrantee, PlatformRole, grantRole } from '../identity';
import { DiagnosticSetting, DiagnosticsOptions } from '../monitoring/diagnostic-setting';
import { PrivateEndpoint, PrivateEndpointOptions } from '../private-endpoint';
import { suppress } from '../../policy/suppressions';

export interface KeyVaultProps extends ProtectionOptions {
  /** Vault name (3-24 characters, globally unique). */
  readonly name: string;
  readonly location: string;
  readonly resourceGroupName: string;
  /** Entra tenant of the vault. */
  readonly tenantId: string;
  /** `premium` keeps customer-managed keys in HSMs. @default 'premium' */
  readonly skuName?: 'standard' | 'premium';
  /** Days a deleted vault or key stays recoverable, 7-90. @default 90 */
  readonly softDeleteRetentionDays?: number;
  /**
   * Public IP ranges allowed through the firewall (deployment runners outside the VNet). Turns
   * public network access on, limited to these ranges; the policy engine flags it.
   * @default [] (public network access disabled)
   */
  readonly allowedIpRanges?: readonly string[];
  /**
   * Why `allowedIpRanges` is needed (at least 10 characters); required with it. Written into the plan
   * as the suppression of the public-access findings (GAI-KV-004, GAI-PE-005), so reviewers see it.
   * @default none
   */
  readonly publicAccessReason?: string;
  /** Private endpoint (sub-resource `vault`, zone `privatelink.vaultcore.azure.net`). */
  readonly privateEndpoint: PrivateEndpointOptions & { readonly name: string };
  readonly diagnostics: DiagnosticsOptions;
  /**
   * Principal that deploys (creates keys through the data plane); gets Key Vault Crypto Officer.
   * @default no data-plane grant: keys must then be created by a principal granted elsewhere
   */
  readonly deployer?: IGrantee;
}

export interface CustomerManagedKeyProps {
  /** Key name, e.g. `cmk-storage`. */
  readonly name: string;
  /** Rotate this many days after creation; a whole number, at least 7. @default 180 */
  readonly rotationDays?: number;
  /** Expire this many days after creation; at least `rotationDays` + 30, so rotation happens first. @default 365 */
  readonly expiryDays?: number;
}

/** A key for customer-managed encryption, with automatic rotation. */
export interface CustomerManagedKey {
  readonly name: string;
  readonly resourceId: string;
  /** Id without version, so services follow rotation automatically. */
  readonly versionlessId: string;
}

/** Days before expiry Event Grid notifies (Key Vault `notify_before_expiry`). */
const NOTIFY_BEFORE_EXPIRY_DAYS = 30;
/** Key Vault refuses a rotation policy that rotates sooner than 7 days after creation. */
const MIN_ROTATION_DAYS = 7;

/**
 * A Key Vault for customer-managed keys and platform secrets: RBAC authorization only, purge
 * protection, 90-day soft delete, no public network access, a private endpoint, all logs and metrics
 * to the workspace, a delete lock and prevent-destroy by default.
 */
export class KeyVault extends Construct {
  readonly resourceId: string;
  readonly name: string;
  readonly vaultUri: string;

  private readonly vault: AzurermKeyVault;
  private readonly skuName: 'standard' | 'premium';
  /** Data-plane prerequisites of creating keys: the deployer's grant and the private endpoint's DNS. */
  private readonly keyDependencies: ITerraformDependable[] = [];

  constructor(scope: Construct, id: string, props: KeyVaultProps) {
    super(scope, id);
    this.skuName = props.skuName ?? 'premium';
    const softDeleteRetentionDays = props.softDeleteRetentionDays ?? 90;
    if (!Number.isInteger(softDeleteRetentionDays) || softDeleteRetentionDays < 7 || softDeleteRetentionDays > 90) {
      throw new Error(`${this.node.path}: softDeleteRetentionDays must be a whole number of days from 7 to 90, got ${softDeleteRetentionDays}`);
    }
    const allowedIpRanges = props.allowedIpRanges ?? [];
    if (allowedIpRanges.length > 0 && (props.publicAccessReason ?? '').trim().length < 10) {
      throw new Error(`${this.node.path}: allowedIpRanges opens the vault's public endpoint; give publicAccessReason (at least 10 characters), which is recorded in the plan`);
    }

    this.vault = new AzurermKeyVault(this, 'vault', {
      name: props.name,
      location: props.location,
      resourceGroupName: props.resourceGroupName,
      tenantId: props.tenantId,
      skuName: this.skuName,
      rbacAuthorizationEnabled: true,
      purgeProtectionEnabled: true,
      softDeleteRetentionDays,
      publicNetworkAccessEnabled: allowedIpRanges.length > 0,
      enabledForDeployment: false,
      enabledForDiskEncryption: false,
      enabledForTemplateDeployment: false,
      networkAcls: {
        defaultAction: 'Deny',
        // Trusted services (Storage, AI Search, AI Services) unwrap customer-managed keys through it.
        bypass: 'AzureServices',
        ipRules: allowedIpRanges.length > 0 ? [...allowedIpRanges] : undefined,
      },
    });
    this.resourceId = this.vault.id;
    this.name = this.vault.name;
    this.vaultUri = this.vault.vaultUri;
    protectStatefulResource(this, this.vault, props.name, props);
    if (allowedIpRanges.length > 0) {
      for (const ruleId of ['GAI-KV-004', 'GAI-PE-005']) suppress(this.vault, ruleId, `deployer IP ranges ${allowedIpRanges.join(', ')}: ${props.publicAccessReason!.trim()}`);
    }

    const endpoint = new PrivateEndpoint(this, 'private-endpoint', {
      ...props.privateEndpoint,
      location: props.location,
      resourceGroupName: props.resourceGroupName,
      targetResourceId: this.vault.id,
      subresourceName: 'vault',
    });
    this.keyDependencies.push(endpoint.dependable);
    new DiagnosticSetting(this, 'diagnostics', { ...props.diagnostics, targetResourceId: this.vault.id, dedicatedTables: true });

    if (props.deployer) {
      this.keyDependencies.push(this.grantCryptoOfficer(props.deployer));
    }
  }

  /**
   * An RSA 3072 key (HSM-backed on premium) limited to wrap/unwrap, rotated automatically
   * `rotationDays` after creation and expiring after `expiryDays`.
   */
  addCustomerManagedKey(id: string, props: CustomerManagedKeyProps): CustomerManagedKey {
    const rotationDays = props.rotationDays ?? 180;
    const expiryDays = props.expiryDays ?? 365;
    const problems: string[] = [];
    if (!Number.isInteger(rotationDays) || rotationDays < MIN_ROTATION_DAYS) {
      problems.push(`rotationDays must be a whole number of days, at least ${MIN_ROTATION_DAYS}, got ${rotationDays}`);
    }
    if (!Number.isInteger(expiryDays)) {
      problems.push(`expiryDays must be a whole number of days, got ${expiryDays}`);
    }
    if (!(expiryDays >= rotationDays + NOTIFY_BEFORE_EXPIRY_DAYS)) {
      problems.push(`expiryDays (${expiryDays}) must be at least rotationDays + ${NOTIFY_BEFORE_EXPIRY_DAYS} (${rotationDays + NOTIFY_BEFORE_EXPIRY_DAYS})`);
    }
    if (problems.length > 0) {
      throw new Error(`${this.node.path}/${id}: ${problems.join('; ')}`);
    }
    const key = new KeyVaultKey(this, id, {
      name: props.name,
      keyVaultId: this.vault.id,
      keyType: this.skuName === 'premium' ? 'RSA-HSM' : 'RSA',
      keySize: 3072,
      keyOpts: ['wrapKey', 'unwrapKey'],
      rotationPolicy: {
        automatic: { timeAfterCreation: `P${rotationDays}D` },
        expireAfter: `P${expiryDays}D`,
        notifyBeforeExpiry: `P${NOTIFY_BEFORE_EXPIRY_DAYS}D`,
      },
      dependsOn: this.keyDependencies,
    });
    return { name: key.name, resourceId: key.id, versionlessId: key.versionlessId };
  }

  /** Lets a service use this vault's keys for encryption at rest (wrap/unwrap only). */
  grantCryptoServiceEncryptionUser(grantee: IGrantee): RoleAssignment {
    return this.grant(grantee, 'Key Vault Crypto Service Encryption User');
  }

  /** Lets a workload read secrets (e.g. Container Apps Key Vault references). */
  grantSecretsUser(grantee: IGrantee): RoleAssignment {
    return this.grant(grantee, 'Key Vault Secrets User');
  }

  /** Lets a principal manage keys (the deployer). */
  grantCryptoOfficer(grantee: IGrantee): RoleAssignment {
    return this.grant(grantee, 'Key Vault Crypto Officer');
  }

  private grant(grantee: IGrantee, role: PlatformRole): RoleAssignment {
    const id = `role-${role.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${grantee.label.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
    return grantRole(this, id, { grantee, roleDefinitionName: role, scopeResourceId: this.vault.id });
  }
}

import { Construct } from 'constructs';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { SearchService as AzurermSearchService } from '@cdktf/provider-azurerm/lib/search-service';
import { SearchSharedPrivateLinkService } from '@cdktf/provider-azurerm/lib/search-shared-private-link-service';
import { protectStatefulResource } from '../governance/protection';
import { IGrantee, grantResourceRole } from '../identity';
import { DiagnosticsOptions, ManagedIdentityOptions, PrivateEndpointOptions, ProtectionOptions } from '../interfaces';
import { DiagnosticSetting } from '../monitoring/diagnostic-setting';
import { resourcePrivateEndpoint } from '../private-endpoint';
import { isKnown, throwIfProblems } from '../validation';

/** AI Search SKUs with private endpoints, managed identity and an SLA (free has none of them). */
export type SearchSkuName = 'basic' | 'standard' | 'standard2' | 'standard3' | 'storage_optimized_l1' | 'storage_optimized_l2';

const SKU_NAMES: readonly SearchSkuName[] = ['basic', 'standard', 'standard2', 'standard3', 'storage_optimized_l1', 'storage_optimized_l2'];
/** Partition counts the service accepts (azurerm validates the same list). */
const PARTITION_COUNTS: readonly number[] = [1, 2, 3, 4, 6, 12];
const MAX_REPLICAS = 12;
/** Service names: 2-60 characters, lowercase letters, digits and single hyphens, not at either end. */
const NAME = /^(?=.{2,60}$)[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** The AI Search SLA covers queries from 2 replicas (index updates from 3). */
const MIN_REPLICAS_FOR_SLA = 2;
/** The basic SKU has at most 3 replicas and a single partition. */
const BASIC_MAX_REPLICAS = 3;

/**
 * Group ids a shared private link can reach (`groupId` of the target's private link resource), e.g.
 * `blob` of a storage account, `openai_account` / `cognitiveservices_account` of an AI Services
 * account, `vault` of a Key Vault.
 */
export type SharedPrivateLinkSubresource =
  | 'blob' | 'dfs' | 'table' | 'file'
  | 'openai_account' | 'cognitiveservices_account'
  | 'vault' | 'sqlServer' | 'Sql' | 'sites' | 'amlworkspace';

/** An outbound private connection of the search service (indexers, skillsets, vectorizers) to a resource. */
export interface SharedPrivateLink {
  /** Name of the shared private link resource, unique within the service. */
  readonly name: string;
  /** Resource the search service connects to, e.g. the document storage account. */
  readonly targetResourceId: string;
  /** Sub-resource (group id) of the target, e.g. `blob` or `openai_account`. */
  readonly subresourceName: SharedPrivateLinkSubresource;
  /** Message shown to the owner of the target when approving the connection. */
  readonly requestMessage: string;
}

export interface SearchServiceProps extends ProtectionOptions {
  /** Service name (2-60 lowercase letters, digits or hyphens, globally unique: it is the endpoint's host name). */
  readonly name: string;
  readonly location: string;
  readonly resourceGroupName: string;
  /** Pricing tier; fixed at creation (changing it recreates the service). @default 'standard' */
  readonly skuName?: SearchSkuName;
  /**
   * Replicas, 2-12 (at most 3 on basic): 2 are needed for the query SLA, 3 for the index-update SLA
   * (policy GAI-SRCH-005 asks for 3 in production when a workload holds Search Index Data Contributor).
   * @default 2
   */
  readonly replicaCount?: number;
  /** Partitions: 1, 2, 3, 4, 6 or 12 (1 on basic). @default 1 */
  readonly partitionCount?: number;
  /** Semantic ranker plan. @default 'standard' */
  readonly semanticSearchSku?: 'free' | 'standard';
  /** Private endpoint (sub-resource `searchService`, zone `privatelink.search.windows.net`). */
  readonly privateEndpoint: PrivateEndpointOptions;
  readonly diagnostics: DiagnosticsOptions;
  /**
   * Refuse to create indexes and synonym maps that are not encrypted with a customer-managed key. The
   * service's identity then needs "Key Vault Crypto Service Encryption User" on the key's vault.
   * @default true
   */
  readonly customerManagedKeyEnforcementEnabled?: boolean;
  /**
   * User-assigned identity of the service (azurerm 4.55 accepts `UserAssigned` with `identity_ids`).
   * Grants made through `identity` go to it.
   * @default a system-assigned identity
   */
  readonly managedIdentity?: ManagedIdentityOptions;
  /**
   * Private connections from the service to the resources its indexers and skillsets read (e.g. the
   * document storage account's `blob`, the AI Services account's `openai_account`). Indexers using one
   * must run with `executionEnvironment: "private"`.
   *
   * Each connection is created **pending** and must be approved on the target resource: the platform's
   * `azurerm` plan cannot approve a connection that another resource initiated. After the apply, the
   * target's owner approves it with
   * `az network private-endpoint-connection approve --id <connection id> --description "<reason>"`
   * (the connection id is listed by
   * `az network private-endpoint-connection list --id <target resource id>`). Until then the indexer
   * cannot reach the target.
   *
   * These are outbound connections, so the service's firewall bypass stays `None`: trusted-service
   * bypass concerns inbound calls to the search endpoint only.
   * @default [] (no shared private links)
   */
  readonly sharedPrivateLinks?: readonly SharedPrivateLink[];
}

/**
 * Azure AI Search for the RAG indexes: Entra ID (RBAC) authentication only, no public network
 * access and no IP allowlist, a private endpoint, a managed identity for indexers, semantic ranker,
 * customer-managed key enforcement, replicas for the SLA, all logs and metrics to the workspace, a
 * delete lock and prevent-destroy by default.
 */
export class SearchService extends Construct {
  readonly resourceId: string;
  readonly name: string;
  /** `https://<name>.search.windows.net` (resolves to the private endpoint inside the VNet). */
  readonly endpoint: string;
  /** Entra object id of the service's identity. */
  readonly principalId: string;
  /** The service's identity, to grant it access to its data sources (label `search`). */
  readonly identity: IGrantee;

  private readonly service: AzurermSearchService;

  constructor(scope: Construct, id: string, props: SearchServiceProps) {
    super(scope, id);
    const skuName = props.skuName ?? 'standard';
    const replicaCount = props.replicaCount ?? MIN_REPLICAS_FOR_SLA;
    const partitionCount = props.partitionCount ?? 1;
    const semanticSearchSku = props.semanticSearchSku ?? 'standard';
    const sharedPrivateLinks = props.sharedPrivateLinks ?? [];
    const problems = validate({ name: props.name, skuName, replicaCount, partitionCount, semanticSearchSku, sharedPrivateLinks });
    throwIfProblems(this.node.path, problems);

    this.service = new AzurermSearchService(this, 'service', {
      name: props.name,
      location: props.location,
      resourceGroupName: props.resourceGroupName,
      sku: skuName,
      replicaCount,
      partitionCount,
      semanticSearchSku,
      // RBAC only: no admin or query keys. `authentication_failure_mode` applies to key auth only, so it stays unset.
      localAuthenticationEnabled: false,
      publicNetworkAccessEnabled: false,
      allowedIps: [],
      networkRuleBypassOption: 'None',
      customerManagedKeyEnforcementEnabled: props.customerManagedKeyEnforcementEnabled ?? true,
      identity: props.managedIdentity
        ? { type: 'UserAssigned', identityIds: [props.managedIdentity.resourceId] }
        : { type: 'SystemAssigned' },
    });
    this.resourceId = this.service.id;
    this.name = this.service.name;
    this.endpoint = `https://${this.service.name}.search.windows.net`;
    this.principalId = props.managedIdentity?.principalId ?? this.service.identity.principalId;
    this.identity = { principalId: this.principalId, principalType: 'ServicePrincipal', label: 'search' };
    protectStatefulResource(this, this.service, props.name, props);

    resourcePrivateEndpoint(this, {
      privateEndpoint: props.privateEndpoint, location: props.location, resourceGroupName: props.resourceGroupName,
      targetResourceId: this.service.id, subresourceName: 'searchService', protection: props,
    });
    new DiagnosticSetting(this, 'diagnostics', { ...props.diagnostics, targetResourceId: this.service.id });

    for (const link of sharedPrivateLinks) {
      new SearchSharedPrivateLinkService(this, `shared-private-link-${link.name}`, {
        name: link.name,
        searchServiceId: this.service.id,
        targetResourceId: link.targetResourceId,
        subresourceName: link.subresourceName,
        requestMessage: link.requestMessage,
      });
    }
  }

  /** Lets a workload query the indexes (the orchestrator). */
  grantIndexDataReader(grantee: IGrantee): RoleAssignment {
    return grantResourceRole(this, this.service.id, grantee, 'Search Index Data Reader');
  }

  /** Lets a workload load and change documents in the indexes (an ingestion job). */
  grantIndexDataContributor(grantee: IGrantee): RoleAssignment {
    return grantResourceRole(this, this.service.id, grantee, 'Search Index Data Contributor');
  }
}

interface ResolvedSettings {
  readonly name: string;
  readonly skuName: string;
  readonly replicaCount: number;
  readonly partitionCount: number;
  readonly semanticSearchSku: string;
  readonly sharedPrivateLinks: readonly SharedPrivateLink[];
}

/** Every problem with the settings; values that are tokens are judged by Azure at apply time. */
function validate(s: ResolvedSettings): string[] {
  const problems: string[] = [];
  if (isKnown(s.name) && !NAME.test(s.name)) {
    problems.push(`name must be 2-60 lowercase letters, digits or single hyphens, starting and ending with a letter or digit, got '${s.name}'`);
  }
  if (isKnown(s.skuName) && !(SKU_NAMES as readonly string[]).includes(s.skuName)) {
    problems.push(`skuName must be one of ${SKU_NAMES.join(', ')}, got '${s.skuName}'`);
  }
  const basic = s.skuName === 'basic';
  if (isKnown(s.replicaCount)) {
    if (!Number.isInteger(s.replicaCount) || s.replicaCount < 1 || s.replicaCount > MAX_REPLICAS) {
      problems.push(`replicaCount must be a whole number from 1 to ${MAX_REPLICAS}, got ${s.replicaCount}`);
    } else if (s.replicaCount < MIN_REPLICAS_FOR_SLA) {
      problems.push(`replicaCount must be at least ${MIN_REPLICAS_FOR_SLA} (the query SLA needs ${MIN_REPLICAS_FOR_SLA} replicas), got ${s.replicaCount}`);
    } else if (basic && s.replicaCount > BASIC_MAX_REPLICAS) {
      problems.push(`replicaCount must be at most ${BASIC_MAX_REPLICAS} on the basic SKU, got ${s.replicaCount}`);
    }
  }
  if (isKnown(s.partitionCount)) {
    if (!PARTITION_COUNTS.includes(s.partitionCount)) {
      problems.push(`partitionCount must be one of ${PARTITION_COUNTS.join(', ')}, got ${s.partitionCount}`);
    } else if (basic && s.partitionCount !== 1) {
      problems.push(`partitionCount must be 1 on the basic SKU, got ${s.partitionCount}`);
    }
  }
  if (isKnown(s.semanticSearchSku) && !['free', 'standard'].includes(s.semanticSearchSku)) {
    problems.push(`semanticSearchSku must be 'free' or 'standard', got '${s.semanticSearchSku}'`);
  }
  const seen = new Set<string>();
  s.sharedPrivateLinks.forEach((link, i) => {
    if (isKnown(link.name)) {
      if (link.name.trim() === '') problems.push(`sharedPrivateLinks[${i}].name must not be empty`);
      else if (seen.has(link.name)) problems.push(`sharedPrivateLinks[${i}].name '${link.name}' is used more than once`);
      seen.add(link.name);
    }
    if (isKnown(link.requestMessage) && link.requestMessage.trim() === '') {
      problems.push(`sharedPrivateLinks[${i}].requestMessage must not be empty (the target's owner reads it when approving)`);
    }
  });
  return problems;
}

import { Aspects, LocalBackend, TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { DataAzurermSubscription } from '@cdktf/provider-azurerm/lib/data-azurerm-subscription';
import { FederatedIdentityCredential } from '@cdktf/provider-azurerm/lib/federated-identity-credential';
import { LogAnalyticsWorkspace } from '@cdktf/provider-azurerm/lib/log-analytics-workspace';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { StorageAccount } from '@cdktf/provider-azurerm/lib/storage-account';
import { StorageContainer } from '@cdktf/provider-azurerm/lib/storage-container';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { RequiredTags, protectStatefulResource, resourceGroupBudget } from '../constructs/governance';
import { PLATFORM_ROLE_IDS, grantRole } from '../constructs/identity';
import { isKnown } from '../constructs/validation';
import { DiagnosticSetting } from '../constructs/monitoring/diagnostic-setting';
import { REGIONS, deployIdentityName, isKnownRegion, nameProblems, planIdentityName } from '../constructs/naming';
import { PrivateEndpointNetworkOptions, resourcePrivateEndpoint } from '../constructs/private-endpoint';
import { lockedDownStorageAccount } from '../constructs/storage';
import {
  COST_CENTER_PATTERN, DATA_CLASSIFICATIONS, DataClassification, EMAIL_PATTERN, EnvironmentConfig, GUID_PATTERN, NAME_PATTERN,
} from '../environments/schema';
import { parseCidr, parseIp, touchesNonPublic } from '../environments/cidr';
import { suppress } from '../policy/suppressions';
import { REQUIRED_TERRAFORM_VERSION } from '../constructs/azapi';
import { StateStackError } from './synth-failures';

export { StateStackError } from './synth-failures';

/** Stack id (and `cdktf deploy` name) of the bootstrap stack. */
export const STATE_STACK_ID = 'state';
/** GitHub Actions' OIDC token issuer. */
export const GITHUB_OIDC_ISSUER = 'https://token.actions.githubusercontent.com';
/** The audience Entra ID expects in a federated token (azure/login and the azurerm provider request it). */
export const GITHUB_OIDC_AUDIENCE = 'api://AzureADTokenExchange';

/** Roles a CI identity holds on a whole subscription; each breaks a workload rule on purpose. */
export type DeployerRole = 'Contributor' | 'Role Based Access Control Administrator' | 'Reader' | 'Key Vault Reader';

/** Rules a subscription-wide CI role breaks: IAM-002 (scope) for all, IAM-001/008 for the privileged ones. */
const RULES_BROKEN_BY: Readonly<Record<DeployerRole, readonly string[]>> = {
  'Contributor': ['GAI-IAM-001', 'GAI-IAM-002', 'GAI-IAM-008'],
  'Role Based Access Control Administrator': ['GAI-IAM-001', 'GAI-IAM-002', 'GAI-IAM-008'],
  'Reader': ['GAI-IAM-002'],
  'Key Vault Reader': ['GAI-IAM-002'],
};

export interface DeployerRoleAssignmentProps {
  /** The CI identity (a user-assigned identity of this stack). */
  readonly principalId: string;
  readonly role: DeployerRole;
  /** `/subscriptions/<id>` (or a reference to a subscription's `id`). */
  readonly subscriptionResourceId: string;
  /**
   * Why this CI identity needs the role on the whole subscription; recorded in the plan as the suppression
   * of each rule the assignment breaks, so the reviewer reads it next to the assignment. At least 10 characters.
   */
  readonly reason: string;
  /** ABAC condition (version 2.0), e.g. from `constrainedRoleAssignmentCondition`. @default none */
  readonly condition?: string;
  readonly description: string;
}

/**
 * A subscription-scoped role assignment for a CI identity: the one place the platform grants
 * Contributor, Role Based Access Control Administrator or subscription-wide read roles. Workload
 * identities never come here (`grantRole` in constructs/identity refuses these roles and scopes);
 * the CI identities are not workloads: they create the environment, resource groups and role
 * assignments included. Each assignment is suppressed for exactly the rules it breaks, with `reason`.
 */
export function deployerRoleAssignment(scope: Construct, id: string, props: DeployerRoleAssignmentProps): RoleAssignment {
  if (props.role === 'Role Based Access Control Administrator' && !props.condition) {
    throw new StateStackError(`${scope.node.path}/${id}: Role Based Access Control Administrator needs a condition restricting the roles it may assign`);
  }
  const assignment = new RoleAssignment(scope, id, {
    scope: props.subscriptionResourceId,
    roleDefinitionName: props.role,
    principalId: props.principalId,
    principalType: 'ServicePrincipal',
    skipServicePrincipalAadCheck: true,
    condition: props.condition,
    conditionVersion: props.condition ? '2.0' : undefined,
    description: props.description,
  });
  for (const ruleId of RULES_BROKEN_BY[props.role]) suppress(assignment, ruleId, props.reason);
  return assignment;
}

/**
 * ABAC condition for a Role Based Access Control Administrator assignment: role assignments may be
 * created and deleted only for the given role definition ids (Microsoft Learn, "Delegate Azure role
 * assignment management to others with conditions", example "Constrain roles").
 */
export function constrainedRoleAssignmentCondition(roleDefinitionIds: readonly string[]): string {
  const ids = [...new Set(roleDefinitionIds.map((g) => g.toLowerCase()))].sort().join(', ');
  return [
    '(',
    " (!(ActionMatches{'Microsoft.Authorization/roleAssignments/write'}))",
    ' OR',
    ` (@Request[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals {${ids}})`,
    ')',
    'AND',
    '(',
    " (!(ActionMatches{'Microsoft.Authorization/roleAssignments/delete'}))",
    ' OR',
    ` (@Resource[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals {${ids}})`,
    ')',
  ].join('\n');
}

/** An environment whose state lives in the state account and that CI deploys. */
export interface StateEnvironment {
  /** Environment name (as in `environments/<name>.ts`). */
  readonly name: string;
  /** Blob container of the environment's state. @default `tfstate-<name>` */
  readonly containerName?: string;
  /** Subscription the environment deploys into; its deploy identity's roles are scoped to it. @default the state stack's subscription */
  readonly subscriptionId?: string;
}

export interface StateBudget {
  /** Monthly amount for the state resource group, in the billing currency. */
  readonly monthlyAmount: number;
  /** Emailed at 50/80/100 % actual and 110 % forecast. */
  readonly contactEmails: readonly string[];
}

export interface StateStackProps {
  /** GitHub repository that deploys, `owner/name` exactly as GitHub spells it (subject claims are case-sensitive). */
  readonly repository: string;
  /** Environments CI deploys: one container, one deploy identity and one federated credential each. */
  readonly environments: readonly (string | StateEnvironment)[];
  /** Azure region of the state account and the CI identities; one of `REGIONS`. */
  readonly location: string;
  /** Workload name in identity and workspace names. @default 'genai' */
  readonly workload?: string;
  /** Resource group of the state account (the `state.resourceGroupName` of the environment configs). */
  readonly resourceGroupName: string;
  /** State storage account (the `state.storageAccountName` of the environment configs), 3-24 lowercase letters and digits. */
  readonly storageAccountName: string;
  /** Subscription of the state account and the CI identities. @default ARM_SUBSCRIPTION_ID / the Azure CLI login */
  readonly subscriptionId?: string;
  /** Owner's email, `owner` tag. */
  readonly owner: string;
  /** `cost-center` tag. */
  readonly costCenter: string;
  /** State holds every secret the platform creates: classify it like the most sensitive environment. @default 'confidential' */
  readonly dataClassification?: DataClassification;
  /** Budget on the state resource group. */
  readonly budget: StateBudget;
  /**
   * Private endpoint (sub-resource `blob`) in a subnet of the runners' network, with the
   * `privatelink.blob.core.windows.net` zone the runners resolve: how CI reaches state with public
   * access off. @default none (then `allowedIpRanges` is required)
   */
  readonly privateEndpoint?: PrivateEndpointNetworkOptions;
  /**
   * Public egress ranges (IPv4 addresses or CIDRs up to /30, public space only) of runners or administrators
   * without line of sight to the private endpoint. Non-empty turns public network access on (firewall still
   * default Deny) and is flagged by review (GAI-ST-004, GAI-PE-005) unless `publicAccessReason` is given.
   * @default []
   */
  readonly allowedIpRanges?: readonly string[];
  /**
   * Public network access with the firewall denying all but `allowedIpRanges`.
   * @default true when `allowedIpRanges` is non-empty, false otherwise
   */
  readonly publicNetworkAccessEnabled?: boolean;
  /** Why the state account needs a public path; required when it has one. Recorded as the suppression of the findings. @default none */
  readonly publicAccessReason?: string;
  /** Days deleted blobs, containers and previous state versions stay recoverable, 7-365. @default 30 */
  readonly retentionDays?: number;
  /** @default 'GZRS' (zone-redundant, with a copy in the paired region) */
  readonly replicationType?: 'ZRS' | 'GZRS' | 'RAGZRS';
  /** Branch drift detection runs on (its jobs federate with the plan identity). @default 'main' */
  readonly mainBranch?: string;
  /**
   * The bootstrap's own (local) state file, relative to the stack's directory `cdktf.out/stacks/<id>/`.
   * @default '../../../terraform.state.tfstate': the repository root, outside `cdktf.out` (which every
   * `npm run synth` replaces) and ignored by git (`*.tfstate`)
   */
  readonly localStatePath?: string;
}

/** What CI needs to know about one environment's identity and state. */
export interface DeployIdentity {
  readonly environment: string;
  readonly containerName: string;
  readonly clientId: string;
  readonly principalId: string;
  /** Federated subject: `repo:<owner>/<name>:environment:<env>`. */
  readonly subject: string;
}

const REPOSITORY = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/;
const CONTAINER_NAME = /^(?=.{3,63}$)[a-z0-9]+(?:-[a-z0-9]+)*$/;
const BRANCH = /^[A-Za-z0-9._/-]{1,200}$/;
/** As `suppress` requires (policy/suppressions.ts). */
const MIN_REASON_LENGTH = 10;

/**
 * Remote-state bootstrap, run once by an administrator with the local backend (`cdktf deploy state`):
 * the state account every environment's `azurerm` backend points at, one container per environment,
 * and the CI identities GitHub Actions federates with (no client secrets):
 *
 * - **plan** (`id-<workload>-ci-plan`): read-only. Reader and Key Vault Reader (key metadata,
 *   for refresh) on each environment's subscription, Storage Blob Data Reader on the state account.
 *   Federated with pull requests and the main branch (drift detection).
 * - **deploy**, one per environment (`id-<workload>-<env>-deploy`): Contributor and Role Based
 *   Access Control Administrator (conditioned to the platform's roles, `PLATFORM_ROLE_IDS`) on the
 *   environment's subscription, Storage Blob Data Contributor on its own state container only.
 *   Federated with the GitHub environment of the same name, whose required reviewers gate every job
 *   that can obtain its token.
 *
 * The account: StorageV2, Entra ID only (no shared keys, OAuth by default), TLS 1.2, no public blobs,
 * firewall default Deny, public network access off unless `allowedIpRanges` are given (flagged),
 * versioning, change feed, blob and container soft delete (a bad state write is undone by restoring a
 * previous version), infrastructure encryption, GZRS, a delete lock and `prevent_destroy`, blob access
 * logs to a workspace of its own (state holds secrets: every read is audited).
 */
export class StateStack extends TerraformStack {
  readonly storageAccountName: string;
  readonly resourceGroupName: string;
  /** Container name per environment. */
  readonly containerNames: Readonly<Record<string, string>>;
  readonly planIdentity: { readonly clientId: string; readonly principalId: string; readonly subjects: readonly string[] };
  readonly deployIdentities: readonly DeployIdentity[];

  constructor(scope: Construct, id: string, props: StateStackProps) {
    super(scope, id);
    const environments = props.environments.map((e): Required<Omit<StateEnvironment, 'subscriptionId'>> & StateEnvironment => {
      const env = typeof e === 'string' ? { name: e } : e;
      return { ...env, containerName: env.containerName ?? `tfstate-${env.name}` };
    });
    const workload = props.workload ?? 'genai';
    const retentionDays = props.retentionDays ?? 30;
    const allowedIpRanges = [...(props.allowedIpRanges ?? [])];
    const publicNetworkAccessEnabled = props.publicNetworkAccessEnabled ?? allowedIpRanges.length > 0;
    const mainBranch = props.mainBranch ?? 'main';
    const problems = validate(props, environments, { workload, retentionDays, allowedIpRanges, publicNetworkAccessEnabled, mainBranch });
    if (problems.length > 0) throw new StateStackError(`${this.node.path}: invalid state stack (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n  - ${problems.join('\n  - ')}`);

    const { location } = props;
    this.addOverride('terraform.required_version', REQUIRED_TERRAFORM_VERSION);
    // Run once by an administrator; its own state is small and holds no secrets (no keys exist).
    new LocalBackend(this, { path: props.localStatePath ?? `../../../terraform.${id}.tfstate` });
    new AzurermProvider(this, 'azurerm', {
      subscriptionId: props.subscriptionId,
      storageUseAzuread: true,
      features: [{
        resourceGroup: [{ preventDeletionIfContainsResources: true }],
        logAnalyticsWorkspace: [{ permanentlyDeleteOnDestroy: false }],
        // The account is private: never read its data plane (queues, static website) while planning.
        storage: [{ dataPlaneAvailable: false }],
      }],
    });
    const current = new DataAzurermSubscription(this, 'current');
    const subscriptionScope = (subscriptionId: string | undefined) => (subscriptionId ? `/subscriptions/${subscriptionId}` : current.id);

    const group = new ResourceGroup(this, 'resource-group', { name: props.resourceGroupName, location });
    resourceGroupBudget(this, 'budget', {
      name: `budget-${props.resourceGroupName}`,
      resourceGroupId: group.id,
      amount: props.budget.monthlyAmount,
      contactEmails: props.budget.contactEmails,
    });

    const regionCode = REGIONS[location].shortCode;
    const workspaceName = `log-${workload}-tfstate-${regionCode}`;
    const workspace = new LogAnalyticsWorkspace(this, 'workspace', {
      name: workspaceName,
      location,
      resourceGroupName: group.name,
      sku: 'PerGB2018',
      retentionInDays: 365,
      localAuthenticationEnabled: false,
    });
    protectStatefulResource(this, workspace, workspaceName);
    // Queries of the audit log are audited too.
    new DiagnosticSetting(this, 'workspace-diagnostics', { logAnalyticsWorkspaceResourceId: workspace.id, targetResourceId: workspace.id });
    suppress(workspace, 'GAI-LAW-006', 'Holds only the state account\'s access logs: a regional outage interrupts querying them, not Terraform (the state account is geo-zone-redundant); azurerm 4.55 cannot enable workspace replication.');

    const account = new StorageAccount(this, 'account', {
      // Entra ID only: the azurerm backend authenticates with `use_azuread_auth`, never with keys.
      ...lockedDownStorageAccount({
        name: props.storageAccountName, location, resourceGroupName: group.name,
        replicationType: props.replicationType ?? 'GZRS',
        softDeleteDays: { blobs: retentionDays, containers: retentionDays },
      }),
      publicNetworkAccessEnabled,
      networkRules: {
        defaultAction: 'Deny',
        bypass: ['None'],
        ipRules: allowedIpRanges.length > 0 ? allowedIpRanges : undefined,
      },
      allowedCopyScope: 'AAD',
    });
    protectStatefulResource(this, account, props.storageAccountName);
    suppress(account, 'GAI-ST-010', 'The state account is bootstrapped before any platform Key Vault exists, and a customer-managed key would make recovering state depend on a vault whose own state it holds; Microsoft-managed keys with infrastructure (double) encryption instead.');
    if (publicNetworkAccessEnabled) {
      const reason = `state account public path${allowedIpRanges.length > 0 ? ` for ${allowedIpRanges.join(', ')}` : ''} (firewall default Deny): ${props.publicAccessReason!.trim()}`;
      suppress(account, 'GAI-ST-004', reason);
      if (props.privateEndpoint) suppress(account, 'GAI-PE-005', reason);
    }
    this.storageAccountName = account.name;
    this.resourceGroupName = group.name;

    if (props.privateEndpoint) {
      // The account is locked, and reachable only through this endpoint: the endpoint is locked too (AVM locks).
      resourcePrivateEndpoint(this, {
        privateEndpoint: { ...props.privateEndpoint, name: `pe-${props.storageAccountName}-blob` },
        location, resourceGroupName: group.name, targetResourceId: account.id, subresourceName: 'blob',
      });
    }
    // Metrics on the account; every state read and write in the blob service's logs.
    new DiagnosticSetting(this, 'diagnostics', { logAnalyticsWorkspaceResourceId: workspace.id, targetResourceId: account.id, logs: false });
    new DiagnosticSetting(this, 'blob-diagnostics', { logAnalyticsWorkspaceResourceId: workspace.id, targetResourceId: `${account.id}/blobServices/default` });

    const containers = new Map<string, StorageContainer>();
    for (const env of environments) {
      // `storage_account_id`: created through Resource Manager, no data-plane reach needed.
      containers.set(env.name, new StorageContainer(this, `container-${env.name}`, {
        name: env.containerName,
        storageAccountId: account.id,
        containerAccessType: 'private',
      }));
    }
    this.containerNames = Object.fromEntries(environments.map((e) => [e.name, e.containerName]));

    const identity = (constructId: string, name: string) => new UserAssignedIdentity(this, constructId, {
      name,
      location,
      resourceGroupName: group.name,
    });
    const federate = (holder: UserAssignedIdentity, subjects: readonly { readonly id: string; readonly subject: string }[]) => {
      // Entra ID rejects concurrent federated credential writes on one identity: create them one by one.
      let previous: FederatedIdentityCredential | undefined;
      for (const { id: credentialId, subject } of subjects) {
        previous = new FederatedIdentityCredential(this, `${holder.node.id}-${credentialId}`, {
          name: `github-${credentialId}`,
          resourceGroupName: group.name,
          parentId: holder.id,
          issuer: GITHUB_OIDC_ISSUER,
          audience: [GITHUB_OIDC_AUDIENCE],
          subject,
          dependsOn: previous ? [previous] : undefined,
        });
      }
    };

    // Read-only identity: pull-request plans and nightly drift detection.
    const plan = identity('plan-identity', planIdentityName(workload));
    const planSubjects = [
      { id: 'pull-request', subject: `repo:${props.repository}:pull_request` },
      { id: `branch-${mainBranch.replace(/[^A-Za-z0-9-]+/g, '-')}`, subject: `repo:${props.repository}:ref:refs/heads/${mainBranch}` },
    ];
    federate(plan, planSubjects);
    const subscriptions = [...new Map(environments.map((e) => [e.subscriptionId ?? '', subscriptionScope(e.subscriptionId)])).entries()];
    subscriptions.forEach(([subscriptionId, subscriptionResourceId]) => {
      const suffix = subscriptionId ? `-${subscriptionId.slice(0, 8)}` : '';
      deployerRoleAssignment(this, `plan-reader${suffix}`, {
        principalId: plan.principalId, role: 'Reader', subscriptionResourceId,
        reason: 'CI plan identity: `terraform plan` refreshes every resource of the environments, including resource groups it has not created yet; Reader is read-only.',
        description: 'Reader for the CI plan identity (terraform plan, drift detection)',
      });
      deployerRoleAssignment(this, `plan-key-vault-reader${suffix}`, {
        principalId: plan.principalId, role: 'Key Vault Reader', subscriptionResourceId,
        reason: 'CI plan identity: refreshing customer-managed keys reads their metadata on the data plane of vaults that do not exist at bootstrap; Key Vault Reader reads no secret or key material.',
        description: 'Key Vault Reader for the CI plan identity (refresh of keys)',
      });
    });
    // Reads every environment's state.
    grantRole(this, 'plan-state-reader', {
      grantee: { principalId: plan.principalId, principalType: 'ServicePrincipal', label: 'the CI plan identity' },
      roleDefinitionName: 'Storage Blob Data Reader',
      scopeResourceId: account.id,
    });
    this.planIdentity = { clientId: plan.clientId, principalId: plan.principalId, subjects: planSubjects.map((s) => s.subject) };

    // One deploy identity per environment, usable only from that GitHub environment.
    const condition = constrainedRoleAssignmentCondition(Object.values(PLATFORM_ROLE_IDS));
    this.deployIdentities = environments.map((env) => {
      const deploy = identity(`deploy-identity-${env.name}`, deployIdentityName(workload, env.name));
      const subject = `repo:${props.repository}:environment:${env.name}`;
      federate(deploy, [{ id: `environment-${env.name}`, subject }]);
      const subscriptionResourceId = subscriptionScope(env.subscriptionId);
      deployerRoleAssignment(this, `deploy-contributor-${env.name}`, {
        principalId: deploy.principalId, role: 'Contributor', subscriptionResourceId,
        reason: `CI deploy identity of '${env.name}', not a workload identity: it creates the environment's resource groups and every resource in them; usable only from the GitHub environment '${env.name}' behind required reviewers.`,
        description: `Contributor for the CI deploy identity of ${env.name}`,
      });
      deployerRoleAssignment(this, `deploy-rbac-admin-${env.name}`, {
        principalId: deploy.principalId, role: 'Role Based Access Control Administrator', subscriptionResourceId, condition,
        reason: `CI deploy identity of '${env.name}': the platform creates role assignments for its workload identities; the condition limits it to the platform's data-plane roles (never Owner, Contributor or access administration).`,
        description: `Role Based Access Control Administrator for the CI deploy identity of ${env.name}, only for the platform's roles`,
      });
      // The platform stack looks this identity up by name to grant it key management on the vault, in
      // plans run by either identity: both read it, and nothing else in this resource group.
      for (const [reader, principalId] of [['plan', plan.principalId], ['deploy', deploy.principalId]] as const) {
        new RoleAssignment(this, `deploy-identity-${env.name}-${reader}-reader`, {
          scope: deploy.id,
          roleDefinitionName: 'Reader',
          principalId,
          principalType: 'ServicePrincipal',
          skipServicePrincipalAadCheck: true,
          description: `Reader on the deploy identity of ${env.name} for the CI ${reader} identity (the platform stack looks it up)`,
        });
      }
      // Writes its own environment's state container only.
      grantRole(this, `deploy-state-contributor-${env.name}`, {
        grantee: { principalId: deploy.principalId, principalType: 'ServicePrincipal', label: `the CI deploy identity of ${env.name}` },
        roleDefinitionName: 'Storage Blob Data Contributor',
        scopeResourceId: containers.get(env.name)!.id,
      });
      return { environment: env.name, containerName: env.containerName, clientId: deploy.clientId, principalId: deploy.principalId, subject };
    });

    Aspects.of(this).add(new RequiredTags({
      environment: 'shared',
      // The state of production lives here: reviewed and protected as production.
      'environment-tier': 'production',
      workload,
      owner: props.owner,
      'cost-center': props.costCenter,
      'data-classification': props.dataClassification ?? 'confidential',
      purpose: 'terraform-state',
    }));

    // What to put in the GitHub repository's variables (identifiers only, never secrets).
    new TerraformOutput(this, 'github_variables', {
      description: 'GitHub Actions variables (identifiers, not secrets): ARM_CLIENT_ID_PLAN and ARM_TENANT_ID on the repository, ARM_CLIENT_ID and ARM_SUBSCRIPTION_ID per GitHub environment',
      value: {
        ARM_CLIENT_ID_PLAN: plan.clientId,
        ARM_TENANT_ID: plan.tenantId,
        ARM_CLIENT_ID: Object.fromEntries(this.deployIdentities.map((d) => [d.environment, d.clientId])),
        ARM_SUBSCRIPTION_ID: Object.fromEntries(environments.map((e) => [e.name, e.subscriptionId ?? current.subscriptionId])),
      },
    });
    new TerraformOutput(this, 'state_account', {
      value: { resourceGroupName: group.name, storageAccountName: account.name, containers: this.containerNames },
    });
  }
}

interface Resolved {
  readonly workload: string;
  readonly retentionDays: number;
  readonly allowedIpRanges: readonly string[];
  readonly publicNetworkAccessEnabled: boolean;
  readonly mainBranch: string;
}

/** Every problem with the props at once; values that are tokens are left to Azure. */
function validate(props: StateStackProps, environments: readonly (StateEnvironment & { containerName: string })[], r: Resolved): string[] {
  const problems: string[] = [];
  const known = isKnown;
  if (!REPOSITORY.test(props.repository)) problems.push(`repository must be 'owner/name' as GitHub spells it, got '${props.repository}'`);
  if (!isKnownRegion(props.location)) problems.push(`location '${props.location}' is not an allowed region; allowed: ${Object.keys(REGIONS).join(', ')}`);
  if (!NAME_PATTERN.test(r.workload)) problems.push(`workload must be 2-8 lowercase letters or digits, starting with a letter, got '${r.workload}'`);
  if (known(props.resourceGroupName)) problems.push(...nameProblems('resourceGroup', props.resourceGroupName).map((p) => `resourceGroupName: ${p}`));
  if (known(props.storageAccountName)) problems.push(...nameProblems('storageAccount', props.storageAccountName).map((p) => `storageAccountName: ${p}`));
  if (props.subscriptionId !== undefined && !GUID_PATTERN.test(props.subscriptionId)) problems.push(`subscriptionId must be a GUID, got '${props.subscriptionId}'`);
  if (environments.length === 0) problems.push('environments must name at least one environment');
  const names = new Set<string>();
  const containers = new Set<string>();
  for (const env of environments) {
    if (!NAME_PATTERN.test(env.name)) problems.push(`environment '${env.name}' must be 2-8 lowercase letters or digits, starting with a letter`);
    if (names.has(env.name)) {
      problems.push(`environment '${env.name}' is listed twice`);
      continue;
    }
    names.add(env.name);
    if (!CONTAINER_NAME.test(env.containerName)) problems.push(`container '${env.containerName}' of ${env.name} must be 3-63 lowercase letters, digits and single hyphens`);
    if (containers.has(env.containerName)) problems.push(`container '${env.containerName}' is used by two environments; each needs its own (its deploy identity may write only there)`);
    containers.add(env.containerName);
    if (env.subscriptionId !== undefined && !GUID_PATTERN.test(env.subscriptionId)) problems.push(`subscriptionId of ${env.name} must be a GUID, got '${env.subscriptionId}'`);
  }
  if (!EMAIL_PATTERN.test(props.owner)) problems.push(`owner must be an email address, got '${props.owner}'`);
  if (!COST_CENTER_PATTERN.test(props.costCenter)) problems.push(`costCenter must be 1-64 letters, digits, spaces or ._-, got '${props.costCenter}'`);
  if (!(props.budget.monthlyAmount > 0)) problems.push(`budget.monthlyAmount must be positive, got ${props.budget.monthlyAmount}`);
  if (props.budget.contactEmails.length === 0) problems.push('budget.contactEmails must list at least one email');
  props.budget.contactEmails.filter((e) => !EMAIL_PATTERN.test(e)).forEach((e) => problems.push(`budget.contactEmails: '${e}' is not an email address`));
  if (!Number.isInteger(r.retentionDays) || r.retentionDays < 7 || r.retentionDays > 365) problems.push(`retentionDays must be an integer from 7 to 365, got ${r.retentionDays}`);
  if (!BRANCH.test(r.mainBranch)) problems.push(`mainBranch '${r.mainBranch}' is not a branch name`);
  for (const range of r.allowedIpRanges) {
    const problem = ipRangeProblem(range);
    if (problem) problems.push(`allowedIpRanges: ${problem}`);
  }
  if (r.allowedIpRanges.length > 0 && !r.publicNetworkAccessEnabled) {
    problems.push('allowedIpRanges only take effect with public network access; leave publicNetworkAccessEnabled unset or true, or remove the ranges');
  }
  if (r.publicNetworkAccessEnabled && (props.publicAccessReason ?? '').trim().length < MIN_REASON_LENGTH) {
    problems.push(`a public path to the state account needs publicAccessReason (at least ${MIN_REASON_LENGTH} characters), recorded in the plan for the reviewer`);
  }
  if (!props.privateEndpoint && r.allowedIpRanges.length === 0) {
    problems.push('CI cannot reach the state account: give privateEndpoint (a subnet of the runners\' network and the privatelink.blob.core.windows.net zone) or allowedIpRanges with publicAccessReason');
  }
  return problems;
}

/** Storage firewall IP rules: public IPv4 addresses or CIDRs up to /30 (Azure rejects /31, /32 and private space). */
function ipRangeProblem(range: string): string | undefined {
  if (!range.includes('/')) {
    const ip = parseIp(range);
    if (ip === undefined) return `'${range}' is not an IPv4 address or CIDR`;
    const asCidr = parseCidr(`${range}/32`);
    return typeof asCidr !== 'string' && touchesNonPublic(asCidr) ? `'${range}' is not a public address (the storage firewall takes public ranges only)` : undefined;
  }
  const cidr = parseCidr(range);
  if (typeof cidr === 'string') return cidr;
  if (cidr.prefix > 30) return `'${range}': the storage firewall takes /30 or wider; write a single address without a prefix`;
  if (cidr.prefix < 16) return `'${range}' is too wide for a runner's egress; list /16 or narrower ranges`;
  if (touchesNonPublic(cidr)) return `'${range}' includes non-public addresses (the storage firewall takes public ranges only)`;
  return undefined;
}

export interface StateBootstrapOptions {
  /** GitHub repository, `owner/name`. */
  readonly repository: string;
  /** Private endpoint for the runners' network. @default none */
  readonly privateEndpoint?: PrivateEndpointNetworkOptions;
  /** @default [] */
  readonly allowedIpRanges?: readonly string[];
  /** @default none */
  readonly publicAccessReason?: string;
  /** @default 'main' */
  readonly mainBranch?: string;
  /** @default 50 */
  readonly monthlyBudget?: number;
}

/**
 * Props for the state stack from the validated environment configs: every environment whose config
 * names the `azurerm` backend gets a container and a deploy identity; they must agree on one resource
 * group and account. Tags, region and budget contacts follow the production environment (the first,
 * when none is production); data classification is the highest of all environments.
 */
export function stateStackProps(configs: readonly EnvironmentConfig[], options: StateBootstrapOptions): StateStackProps {
  const remote = configs.filter((c) => c.state.backend === 'azurerm');
  const problems: string[] = [];
  if (remote.length === 0) problems.push("no environment uses the 'azurerm' state backend; set `state: { backend: 'azurerm', ... }` in the configs CI deploys");
  const accounts = new Set(remote.map((c) => (c.state.backend === 'azurerm' ? `${c.state.resourceGroupName}/${c.state.storageAccountName}` : '')));
  if (accounts.size > 1) problems.push(`the environments name different state accounts (${[...accounts].join(', ')}); the bootstrap creates one`);
  const subscriptions = new Set(remote.map((c) => (c.state.backend === 'azurerm' ? c.state.subscriptionId ?? '' : '')));
  if (subscriptions.size > 1) problems.push('the environments name different state.subscriptionId values; the state account lives in one subscription');
  if (problems.length > 0) throw new StateStackError(`Cannot derive the state stack from the environments:\n  - ${problems.join('\n  - ')}`);
  const first = remote[0].state.backend === 'azurerm' ? remote[0].state : undefined;
  const lead = configs.find((c) => c.production) ?? configs[0];
  const highest = configs.map((c) => c.tags['data-classification'] as DataClassification)
    .reduce((a, b) => (DATA_CLASSIFICATIONS.indexOf(b) > DATA_CLASSIFICATIONS.indexOf(a) ? b : a), 'confidential');
  return {
    repository: options.repository,
    environments: remote.map((c) => ({
      name: c.name,
      containerName: c.state.backend === 'azurerm' ? c.state.containerName : undefined,
      subscriptionId: c.subscriptionId,
    })),
    location: lead.location,
    workload: lead.workload,
    resourceGroupName: first!.resourceGroupName,
    storageAccountName: first!.storageAccountName,
    subscriptionId: first!.subscriptionId,
    owner: lead.tags.owner,
    costCenter: lead.tags['cost-center'],
    dataClassification: highest,
    budget: { monthlyAmount: options.monthlyBudget ?? 50, contactEmails: lead.budgets.contactEmails },
    privateEndpoint: options.privateEndpoint,
    allowedIpRanges: options.allowedIpRanges,
    publicAccessReason: options.publicAccessReason,
    mainBranch: options.mainBranch,
  };
}

/**
 * Bootstrap options from environment variables (for main.ts under `cdktf deploy state`), or undefined
 * when `STATE_REPOSITORY` is not set (the state stack is then not synthesized):
 * `STATE_REPOSITORY=owner/name`, `STATE_PE_SUBNET_ID` + `STATE_PE_DNS_ZONE_ID` (private endpoint),
 * `STATE_ALLOWED_IP_RANGES` (comma-separated) + `STATE_PUBLIC_ACCESS_REASON`, `STATE_MAIN_BRANCH`.
 */
export function stateBootstrapFromEnv(env: Readonly<Record<string, string | undefined>>): StateBootstrapOptions | undefined {
  const repository = env.STATE_REPOSITORY?.trim();
  if (!repository) return undefined;
  const subnet = env.STATE_PE_SUBNET_ID?.trim();
  const zone = env.STATE_PE_DNS_ZONE_ID?.trim();
  const ranges = (env.STATE_ALLOWED_IP_RANGES ?? '').split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  const reason = env.STATE_PUBLIC_ACCESS_REASON?.trim() ?? '';
  // The person running `cdktf deploy state` sets variables, not props: name the variables.
  const problems: string[] = [];
  if (!REPOSITORY.test(repository)) problems.push(`STATE_REPOSITORY must be 'owner/name' as GitHub spells it, got '${repository}'`);
  if (Boolean(subnet) !== Boolean(zone)) problems.push('STATE_PE_SUBNET_ID and STATE_PE_DNS_ZONE_ID go together (the runners\' subnet and their privatelink.blob.core.windows.net zone)');
  if (!subnet && !zone && ranges.length === 0) {
    problems.push('CI cannot reach the state account: set STATE_PE_SUBNET_ID and STATE_PE_DNS_ZONE_ID (a private endpoint in the runners\' network), or STATE_ALLOWED_IP_RANGES with STATE_PUBLIC_ACCESS_REASON');
  }
  if (ranges.length > 0 && reason.length < MIN_REASON_LENGTH) {
    problems.push(`STATE_ALLOWED_IP_RANGES opens a public path to the state account: set STATE_PUBLIC_ACCESS_REASON (at least ${MIN_REASON_LENGTH} characters), recorded in the plan for the reviewer`);
  }
  if (problems.length > 0) {
    throw new StateStackError(`Invalid state bootstrap variables (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n  - ${problems.join('\n  - ')}`);
  }
  return {
    repository,
    privateEndpoint: subnet && zone ? { subnetResourceId: subnet, privateDnsZoneResourceIds: [zone] } : undefined,
    allowedIpRanges: ranges,
    publicAccessReason: env.STATE_PUBLIC_ACCESS_REASON?.trim() || undefined,
    mainBranch: env.STATE_MAIN_BRANCH?.trim() || undefined,
  };
}

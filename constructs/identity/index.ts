import { Construct } from 'constructs';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { throwIfProblems } from '../validation';
export * from './propagation';

/** Something that can be granted a role: a managed identity, or the deploying principal. */
export interface IGrantee {
  /** Entra object id of the principal. */
  readonly principalId: string;
  /** `ServicePrincipal` for managed identities; undefined when not known at synth (the deployer). */
  readonly principalType?: 'ServicePrincipal' | 'User' | 'Group';
  /** Short label for role assignment descriptions. */
  readonly label: string;
}

/**
 * Roles the platform may assign. Broad control-plane roles (Owner, Contributor, User Access
 * Administrator, Role Based Access Control Administrator) are deliberately absent.
 */
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
 * Built-in role definition ids (the same in every tenant) of the roles the platform assigns
 * (`PlatformRole`). The CI deploy identity's Role Based Access Control Administrator
 * assignment carries a condition that allows assigning and removing these roles and no other. Typed
 * as a record over `PlatformRole`, so adding a role without its id does not compile.
 * Source: Microsoft Learn, "Azure built-in roles" (ids cross-checked against public templates).
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

/** Roles no workload identity may hold, whatever the caller passes at runtime. */
export const FORBIDDEN_ROLES: readonly string[] = [
  'Owner', 'Contributor', 'User Access Administrator', 'Role Based Access Control Administrator',
];

export interface RoleGrantProps {
  readonly grantee: IGrantee;
  readonly roleDefinitionName: PlatformRole;
  /** Resource id the role is scoped to: the target resource, never a subscription. */
  readonly scopeResourceId: string;
}

/**
 * A role assignment scoped to one resource. Used by the `grantXxx` methods of resource constructs;
 * stacks do not call it directly.
 */
export function grantRole(scope: Construct, id: string, props: RoleGrantProps): RoleAssignment {
  // Azure resolves role names case-insensitively, so 'owner' would still be Owner.
  const roleName = String(props.roleDefinitionName).trim().toLowerCase();
  const problems: string[] = [];
  if (FORBIDDEN_ROLES.some((forbidden) => forbidden.toLowerCase() === roleName)) {
    problems.push(`role '${props.roleDefinitionName}' is too broad for a platform grant`);
  }
  // The root scope '/', a subscription or a management group: all wider than one resource.
  if (/^\/?$/.test(props.scopeResourceId.trim())
    || /^\/subscriptions\/[^/]+\/?$/i.test(props.scopeResourceId) || /managementGroups/i.test(props.scopeResourceId)) {
    problems.push(`grant '${props.roleDefinitionName}' on a resource, not on '${props.scopeResourceId}'`);
  }
  throwIfProblems(scope.node.path, problems);
  return new RoleAssignment(scope, id, {
    scope: props.scopeResourceId,
    roleDefinitionName: props.roleDefinitionName,
    principalId: props.grantee.principalId,
    principalType: props.grantee.principalType,
    // A just-created managed identity may not have replicated in Entra yet.
    skipServicePrincipalAadCheck: props.grantee.principalType === 'ServicePrincipal' ? true : undefined,
    description: `${props.roleDefinitionName} for ${props.grantee.label} (platform grant)`,
  });
}

/** Construct-id form of a label or role: lowercase, every run of other characters one hyphen. */
export function idSlug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-');
}

/**
 * The one grant funnel of the resource constructs' `grantXxx(identity)` methods: `role` for `grantee`,
 * scoped to the construct's resource, with the construct id `role-<idStem>-<grantee label>` (`idStem`
 * defaults to the role's slug, e.g. `role-acrpull-orchestrator-identity`). One grant per role and
 * grantee on a construct.
 */
export function grantResourceRole(
  scope: Construct, scopeResourceId: string, grantee: IGrantee, role: PlatformRole, idStem: string = idSlug(role),
): RoleAssignment {
  return grantRole(scope, `role-${idStem}-${idSlug(grantee.label)}`, { grantee, roleDefinitionName: role, scopeResourceId });
}

export interface ManagedIdentityProps {
  readonly name: string;
  readonly location: string;
  readonly resourceGroupName: string;
  /** What the identity is for, e.g. `gateway`; used in role assignment descriptions. */
  readonly workload: string;
}

/** A user-assigned managed identity for one workload. Roles reach it only through `grantXxx` methods. */
export class ManagedIdentity extends Construct implements IGrantee {
  readonly resourceId: string;
  readonly name: string;
  readonly principalId: string;
  readonly clientId: string;
  readonly principalType = 'ServicePrincipal' as const;
  readonly label: string;

  constructor(scope: Construct, id: string, props: ManagedIdentityProps) {
    super(scope, id);
    const identity = new UserAssignedIdentity(this, 'identity', {
      name: props.name,
      location: props.location,
      resourceGroupName: props.resourceGroupName,
    });
    this.resourceId = identity.id;
    this.name = identity.name;
    this.principalId = identity.principalId;
    this.clientId = identity.clientId;
    this.label = `${props.workload} identity`;
  }
}

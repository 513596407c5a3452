import { Construct } from 'constructs';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { throwIfProblems } from '../validation';
import { FORBIDDEN_ROLE_NAMES, PlatformRole } from '../../catalog/roles';
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

export { PLATFORM_ROLE_IDS, PlatformRole } from '../../catalog/roles';

/** Roles no workload identity may hold, whatever the caller passes at runtime. */
export const FORBIDDEN_ROLES: readonly string[] = FORBIDDEN_ROLE_NAMES;

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

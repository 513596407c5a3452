import { Rule, compliant, nonCompliant, unknown } from '../../rule';
import { FORBIDDEN_ROLES, principalOf, roleOf } from './_principals';

const rule: Rule = {
  id: 'GAI-IAM-001',
  title: 'No Owner, Contributor or access-administration roles are assigned',
  severity: 'error',
  rationale: 'Owner, Contributor, User Access Administrator and RBAC Administrator let the holder change or take over every resource in scope (and the last two grant any role to anyone); a workload compromised with them compromises the platform.',
  remediation: 'Grant a data-plane or service-specific role instead (the grantXxx methods of the resource constructs); the grantRole helper in constructs/identity refuses these roles for any grantee.',
  references: { psrule: ['Azure.RBAC.LimitOwner'], mcsb: ['PA-7'] },
  appliesTo: ['azurerm_role_assignment'],
  check(assignment, { graph }) {
    const role = roleOf(assignment, 'declared');
    if (role.unknown) return unknown('`role_definition_name` / `role_definition_id` is only known after apply; expected a role other than Owner, Contributor, User Access Administrator, RBAC Administrator');
    const forbidden = Object.keys(FORBIDDEN_ROLES).find((n) => n.toLowerCase() === role.name?.toLowerCase());
    if (!forbidden) return compliant;
    const principal = principalOf(graph, assignment, 'declared');
    const whom = principal.kind === 'managed-identity' ? `managed identity of ${principal.holder.address}` : principal.kind === 'deployer' ? 'the deploying principal' : 'a principal';
    return nonCompliant(`grants "${forbidden}" to ${whom}; expected a least-privilege role (never ${Object.keys(FORBIDDEN_ROLES).join(', ')})`);
  },
};

export default rule;

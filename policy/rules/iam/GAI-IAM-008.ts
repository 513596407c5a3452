import { compliant, nonCompliant, notApplicable, Rule, unknown } from '../../rule';
import { FORBIDDEN_ROLES, isRole, principalOf, roleOf } from './_principals';

const PRIVILEGED = Object.keys(FORBIDDEN_ROLES);

const rule: Rule = {
  id: 'GAI-IAM-008',
  title: 'No managed identity of the stack holds Owner, Contributor or access-administration roles',
  severity: 'error',
  rationale: 'A workload identity is reachable by anyone who compromises the workload (a prompt-injected agent, a vulnerable container); with Owner, Contributor, User Access Administrator or RBAC Administrator it can rewrite or take over the environment. This is the graph form of GAI-IAM-001: the principal is resolved through references, including `identity[0].principal_id` of system-assigned identities.',
  remediation: 'Grant the data-plane role the workload needs on the one resource it uses, through the construct\'s `grantXxx` methods (e.g. "Cognitive Services OpenAI User", "Key Vault Secrets User"), never a privileged control-plane role.',
  references: { mcsb: ['PA-7'] },
  appliesTo: ['azurerm_role_assignment'],
  check(assignment, { graph }) {
    const role = roleOf(assignment, 'resolved');
    const privileged = isRole(role, PRIVILEGED);
    if (privileged === false) return compliant;
    const principal = principalOf(graph, assignment, 'resolved');
    if (principal.kind === 'other' || principal.kind === 'deployer') return notApplicable;
    if (principal.kind === 'unknown') {
      return privileged === undefined ? unknown(`${principal.detail}, and the role is only known after apply; expected no privileged role for a managed identity`)
        : unknown(`${principal.detail}; it grants ${role.name ?? '?'}, which no managed identity of the stack may hold`);
    }
    const who = principal.holder.type === 'azurerm_user_assigned_identity' ? principal.holder.address : `the system-assigned identity of ${principal.holder.address}`;
    if (privileged === undefined) return unknown(`the role granted to ${who} is only known after apply (${role.unknown ?? ''}); expected none of ${PRIVILEGED.join(', ')}`);
    return nonCompliant(`grants ${role.name ?? ''} to ${who}; a managed identity may hold none of ${PRIVILEGED.join(', ')}`);
  },
};

export default rule;

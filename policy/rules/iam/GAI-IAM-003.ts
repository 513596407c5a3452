import { Rule, compliant, nonCompliant, notApplicable, unknown } from '../../rule';
import { FORBIDDEN_ROLES, principalOf, roleOf } from './_principals';

/**
 * Roles broader than a workload identity needs (their built-in ids are in `BUILT_IN_ROLES`), and the
 * least-privilege role to use instead.
 */
const OVERPRIVILEGED: Readonly<Record<string, string>> = {
  'Cognitive Services Contributor': 'Cognitive Services OpenAI User / Cognitive Services User',
  'Cognitive Services OpenAI Contributor': 'Cognitive Services OpenAI User',
  'Search Service Contributor': 'Search Index Data Reader / Contributor',
  'Storage Blob Data Owner': 'Storage Blob Data Reader / Contributor',
  'Key Vault Administrator': 'Key Vault Secrets User / Key Vault Crypto Service Encryption User',
  'Key Vault Crypto Officer': 'Key Vault Crypto Service Encryption User',
  'Key Vault Secrets Officer': 'Key Vault Secrets User',
};

const rule: Rule = {
  id: 'GAI-IAM-003',
  title: 'Workload identities get data-plane least-privilege roles',
  severity: 'warning',
  rationale: 'Workloads only need to call models, read or write index and blob data, and read secrets or wrap keys; contributor, officer, administrator and "Data Owner" roles also let them manage, re-key or re-permission the services.',
  remediation: 'Grant managed identities "Cognitive Services OpenAI User", "Search Index Data Reader/Contributor", "Storage Blob Data Reader/Contributor", "Key Vault Secrets User" or "Key Vault Crypto Service Encryption User" (the grantXxx methods of the constructs); keep officer and administrator roles for the deployer.',
  references: { mcsb: ['PA-7'] },
  appliesTo: ['azurerm_role_assignment'],
  check(assignment, { graph }) {
    const principal = principalOf(graph, assignment, 'declared');
    if (principal.kind === 'deployer' || principal.kind === 'other') return notApplicable;
    const role = roleOf(assignment, 'declared');
    if (role.unknown) return unknown('the role is only known after apply; expected a data-plane least-privilege role for a workload identity');
    // Owner & co. are GAI-IAM-001's.
    if (Object.keys(FORBIDDEN_ROLES).some((n) => n.toLowerCase() === role.name?.toLowerCase())) return compliant;
    const name = role.name ?? '';
    const entry = Object.entries(OVERPRIVILEGED).find(([n]) => n.toLowerCase() === name.toLowerCase());
    const dataOwner = / Data Owner$/i.test(name);
    if (!entry && !dataOwner) return compliant;
    if (principal.kind === 'unknown') return unknown(`grants "${name}" to a principal only known after apply (${principal.expression}); workload identities need a least-privilege role`);
    const instead = entry ? entry[1] : 'the matching Data Reader / Contributor role';
    return nonCompliant(`grants "${entry ? entry[0] : name}" to the managed identity of ${principal.holder.address}; expected ${instead}`);
  },
};

export default rule;

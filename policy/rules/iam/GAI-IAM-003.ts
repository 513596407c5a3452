import { Rule, compliant, nonCompliant, notApplicable, unknown } from '../../rule';
import { FORBIDDEN_ROLES, principalOf, roleOf } from './_helpers';

/**
 * Roles broader than a workload identity needs, with their built-in ids, and the least-privilege
 * role to use instead.
 */
const OVERPRIVILEGED: Readonly<Record<string, { readonly id: string; readonly instead: string }>> = {
  'Cognitive Services Contributor': { id: '25fbc0a9-bd7c-42a3-aa1a-3b75d497ee68', instead: 'Cognitive Services OpenAI User / Cognitive Services User' },
  'Cognitive Services OpenAI Contributor': { id: 'a001fd3d-188f-4b5d-821b-7da978bf7442', instead: 'Cognitive Services OpenAI User' },
  'Search Service Contributor': { id: '7ca78c08-252a-4471-8644-bb5ff32d4ba0', instead: 'Search Index Data Reader / Contributor' },
  'Storage Blob Data Owner': { id: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b', instead: 'Storage Blob Data Reader / Contributor' },
  'Key Vault Administrator': { id: '00482a5a-887f-4fb3-b363-3b7fe8e74483', instead: 'Key Vault Secrets User / Key Vault Crypto Service Encryption User' },
  'Key Vault Crypto Officer': { id: '14b46e9e-c2b7-41b4-b07b-48a6ebf60603', instead: 'Key Vault Crypto Service Encryption User' },
  'Key Vault Secrets Officer': { id: 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7', instead: 'Key Vault Secrets User' },
};

const IDS = Object.fromEntries(Object.entries(OVERPRIVILEGED).map(([name, r]) => [name, r.id]));

const rule: Rule = {
  id: 'GAI-IAM-003',
  title: 'Workload identities get data-plane least-privilege roles',
  severity: 'warning',
  rationale: 'Workloads only need to call models, read or write index and blob data, and read secrets or wrap keys; contributor, officer, administrator and "Data Owner" roles also let them manage, re-key or re-permission the services.',
  remediation: 'Grant managed identities "Cognitive Services OpenAI User", "Search Index Data Reader/Contributor", "Storage Blob Data Reader/Contributor", "Key Vault Secrets User" or "Key Vault Crypto Service Encryption User" (the grantXxx methods of the constructs); keep officer and administrator roles for the deployer.',
  references: { mcsb: ['PA-7'] },
  appliesTo: ['azurerm_role_assignment'],
  check(assignment, { graph }) {
    const principal = principalOf(graph, assignment);
    if (principal.kind === 'deployer' || principal.kind === 'other') return notApplicable;
    const role = roleOf(assignment, IDS);
    if (role.unknown) return unknown('the role is only known after apply; expected a data-plane least-privilege role for a workload identity');
    // Owner & co. are GAI-IAM-001's.
    if (Object.keys(FORBIDDEN_ROLES).some((n) => n.toLowerCase() === role.name?.toLowerCase())) return compliant;
    const name = role.name ?? '';
    const entry = Object.entries(OVERPRIVILEGED).find(([n]) => n.toLowerCase() === name.toLowerCase());
    const dataOwner = / Data Owner$/i.test(name);
    if (!entry && !dataOwner) return compliant;
    if (principal.kind === 'unknown') return unknown(`grants "${name}" to a principal only known after apply (${principal.expression}); workload identities need a least-privilege role`);
    const instead = entry ? entry[1].instead : 'the matching Data Reader / Contributor role';
    return nonCompliant(`grants "${entry ? entry[0] : name}" to the managed identity of ${principal.resource.address}; expected ${instead}`);
  },
};

export default rule;

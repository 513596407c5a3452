import { attribute } from '../../graph';
import { Rule, compliant, nonCompliant, unknown } from '../../rule';
import { fieldOf } from '../cog/_helpers';

/** Actions that amount to full control or to granting permissions. */
const FORBIDDEN_ACTIONS = [
  '*',
  'microsoft.authorization/*',
  'microsoft.authorization/*/write',
  'microsoft.authorization/roleassignments/write',
  'microsoft.authorization/roledefinitions/write',
];

const rule: Rule = {
  id: 'GAI-IAM-006',
  title: 'Custom roles do not grant all actions or permission management',
  severity: 'error',
  rationale: 'A custom role with "*" is an unreviewed Owner, and one with Microsoft.Authorization write actions lets its holder grant itself (or anyone) any role.',
  remediation: 'List the specific actions the role needs in `permissions.actions`; never "*" or Microsoft.Authorization/*/write (role assignment and definition writes).',
  references: { checkov: ['CKV_AZURE_39'], azurePolicy: ['a451c1ef'], mcsb: ['PA-7'] },
  appliesTo: ['azurerm_role_definition'],
  check(definition) {
    const permissions = attribute(definition, 'permissions');
    if (permissions.kind === 'absent') return compliant;
    if (permissions.kind === 'unknown') return unknown(`\`permissions\` is only known after apply (${permissions.expression}); expected no "*" or Microsoft.Authorization write actions`);
    const found: string[] = [];
    let undecided = false;
    for (const block of Array.isArray(permissions.value) ? permissions.value : [permissions.value]) {
      if (block === null || typeof block !== 'object') {
        undecided = true;
        continue;
      }
      const actions = fieldOf(block as Record<string, unknown>, 'actions');
      if (actions.kind === 'unknown') undecided = true;
      if (actions.kind !== 'known') continue;
      for (const action of Array.isArray(actions.value) ? actions.value : [actions.value]) {
        if (typeof action === 'string' && action.includes('${')) undecided = true;
        else if (FORBIDDEN_ACTIONS.includes(String(action).trim().toLowerCase())) found.push(String(action));
      }
    }
    if (found.length > 0) return nonCompliant(`\`permissions.actions\` contains ${found.map((a) => `"${a}"`).join(', ')}; expected specific actions, no "*" or Microsoft.Authorization write actions`);
    return undecided ? unknown('some `permissions.actions` are only known after apply; expected no "*" or Microsoft.Authorization write actions') : compliant;
  },
};

export default rule;

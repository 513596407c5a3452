import { NAME_RULES, nameProblems } from '../../../catalog/naming-rules';
import { attribute } from '../../graph';
import { Outcome, Rule, compliant, nonCompliant, unknown } from '../../rule';
import { regionOutcome } from '../cog/_helpers';

const PREFIX = `${NAME_RULES.userAssignedIdentity.abbreviation}-`;

const rule: Rule = {
  id: 'GAI-IAM-007',
  title: 'User-assigned identity follows the naming convention and an approved region',
  severity: 'note',
  rationale: 'Role assignments and sign-in logs show only the identity name; a CAF name (`id-<workload>-<env>-<region>-<purpose>`) tells the reviewer which workload holds the permission, and identities must live in approved regions like everything else.',
  remediation: `Name identities with the Naming construct (\`naming.name('userAssignedIdentity', '<purpose>')\`, prefix "${PREFIX}") and deploy them in a region of \`REGIONS\`.`,
  references: { psrule: ['Azure.Identity.UserAssignedName'] },
  appliesTo: ['azurerm_user_assigned_identity'],
  check(identity) {
    const outcomes: Outcome[] = [];
    const name = attribute(identity, 'name');
    if (name.kind === 'unknown') outcomes.push(unknown(`\`name\` is only known after apply (${name.expression}); expected "${PREFIX}<workload>-<env>-<region>-<purpose>"`));
    else if (name.kind === 'absent') outcomes.push(nonCompliant(`\`name\` is not set; expected "${PREFIX}<workload>-<env>-<region>-<purpose>"`));
    else {
      const text = String(name.value);
      const problems = nameProblems('userAssignedIdentity', text);
      if (!text.startsWith(PREFIX)) problems.push(`'${text}' does not start with the CAF abbreviation "${PREFIX}"`);
      if (problems.length > 0) outcomes.push(nonCompliant(`\`name\`: ${problems.join('; ')}; expected "${PREFIX}<workload>-<env>-<region>-<purpose>"`));
    }
    const region = regionOutcome(identity);
    if (region.status !== 'compliant') outcomes.push(region);
    return outcomes.length > 0 ? outcomes : compliant;
  },
};

export default rule;

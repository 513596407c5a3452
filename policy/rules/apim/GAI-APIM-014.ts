import { attribute } from '../../graph';
import { compliant, nonCompliant, Outcome, Rule } from '../../rule';

const rule: Rule = {
  id: 'GAI-APIM-014',
  title: 'APIs have a display name and a description',
  severity: 'note',
  rationale: 'Consumers pick APIs in the developer portal and reviewers read them in reports by these descriptors; an undocumented model API is easily misused or duplicated.',
  remediation: 'Set `display_name` and `description` on `azurerm_api_management_api`.',
  references: { psrule: ['Azure.APIM.APIDescriptors'] },
  appliesTo: ['azurerm_api_management_api'],
  check(api) {
    const outcomes: Outcome[] = [];
    for (const path of ['display_name', 'description']) {
      const value = attribute(api, path);
      // An expression still sets the descriptor; only its text is unknown.
      if (value.kind === 'absent' || (value.kind === 'known' && String(value.value).trim() === '')) outcomes.push(nonCompliant(`\`${path}\` is not set; expected a non-empty ${path.replace('_', ' ')}`));
    }
    return outcomes.length > 0 ? outcomes : compliant;
  },
};

export default rule;

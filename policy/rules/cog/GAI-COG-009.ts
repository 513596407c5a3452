import { Rule } from '../../rule';
import { regionOutcome } from './_helpers';

const rule: Rule = {
  id: 'GAI-COG-009',
  title: 'Cognitive account is in an approved data-residency region',
  severity: 'error',
  rationale: 'Prompts and completions are processed and stored in the account\'s region; an unapproved region breaks the data-residency commitment of the platform.',
  remediation: 'Set `location` to one of the platform regions (`REGIONS` in constructs/naming/regions.ts, enforced by the environment config schema).',
  references: { psrule: ['Azure.Resource.AllowedRegions'], azurePolicy: ['e56962a6'] },
  appliesTo: ['azurerm_cognitive_account'],
  check: (account) => regionOutcome(account),
};

export default rule;

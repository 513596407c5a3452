import { Rule, compliant, nonCompliant, notApplicable, unknown } from '../../rule';
import { attribute } from '../../graph';
import { REGIONS, normalizeRegion } from '../../../catalog/regions';
import { show } from '../../rule';
import { TAGGABLE_TYPES, TYPES_WITHOUT_LOCATION } from './_helpers';

/** Types that may legitimately be `global` (action groups default to it). */
const GLOBAL_ALLOWED = ['azurerm_monitor_action_group'];

const rule: Rule = {
  id: 'GAI-GOV-002',
  title: 'Resource is deployed to an approved region',
  severity: 'error',
  rationale: 'Prompts, completions, documents and logs must stay in the regions the organisation approved for data residency; a resource elsewhere moves data out of them, and a model region outside the list may lack the platform\'s model and data-zone guarantees.',
  remediation: 'Set `location` to one of the regions in constructs/naming/regions.ts (`REGIONS`), which the environment config\'s `location` is validated against.',
  references: { psrule: ['Azure.Resource.AllowedRegions'], azurePolicy: ['e56962a6'] },
  appliesTo: TAGGABLE_TYPES.filter((t) => !TYPES_WITHOUT_LOCATION.includes(t)),
  check(resource) {
    const location = attribute(resource, 'location');
    if (location.kind === 'absent') return notApplicable;
    if (location.kind === 'unknown') return unknown(`\`location\` is only known after apply (${location.expression}); expected an approved region`);
    // Azure accepts display names ("Sweden Central") as well as names ("swedencentral").
    const region = normalizeRegion(String(location.value));
    if (region === 'global' && GLOBAL_ALLOWED.includes(resource.type)) return compliant;
    return Object.prototype.hasOwnProperty.call(REGIONS, region)
      ? compliant
      : nonCompliant(`\`location\` is ${show(location.value)}, not an approved region; expected one of ${Object.keys(REGIONS).join(', ')}`);
  },
};

export default rule;

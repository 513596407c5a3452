import { Rule, compliant, nonCompliant, unknown } from '../../rule';
import { attribute } from '../../graph';
import { TAGGABLE_TYPES } from './_helpers';

/** Tags every resource must carry (the environment config's `owner`, `costCenter`, `dataClassification`, ...). */
export const REQUIRED_TAGS = ['environment', 'workload', 'owner', 'cost-center', 'data-classification'] as const;

const rule: Rule = {
  id: 'GAI-GOV-001',
  title: 'Resource carries the platform tags (environment, workload, owner, cost-center, data-classification)',
  severity: 'warning',
  rationale: 'Cost allocation, ownership lookups during an incident and data-handling policies all key off these tags; an untagged resource is unowned spend and an unclassified data store.',
  remediation: `Tag the resource with ${REQUIRED_TAGS.map((k) => `\`${k}\``).join(', ')}; the \`RequiredTags\` aspect in PlatformStack adds them to every taggable resource from the environment config (\`owner\`, \`costCenter\`, \`dataClassification\`).`,
  references: { psrule: ['Azure.Resource.RequiredTags', 'Azure.Resource.UseTags'], azurePolicy: ['871b6d14', '1e30110a'] },
  appliesTo: TAGGABLE_TYPES,
  check(resource) {
    const tags = attribute(resource, 'tags');
    if (tags.kind === 'unknown') return unknown(`\`tags\` is only known after apply (${tags.expression}); expected ${REQUIRED_TAGS.join(', ')}`);
    const present = tags.kind === 'known' && tags.value !== null && typeof tags.value === 'object' && !Array.isArray(tags.value)
      ? Object.entries(tags.value as Record<string, unknown>)
        .filter(([, v]) => v !== null && v !== undefined && String(v).trim() !== '')
        .map(([k]) => k.toLowerCase())
      : [];
    // Azure tag names are case-insensitive.
    const missing = REQUIRED_TAGS.filter((key) => !present.includes(key.toLowerCase()));
    if (missing.length === 0) return compliant;
    return nonCompliant(tags.kind === 'absent'
      ? `\`tags\` is not set; expected ${REQUIRED_TAGS.join(', ')}`
      : `\`tags\` lacks ${missing.join(', ')} (or they are empty); expected ${REQUIRED_TAGS.join(', ')}`);
  },
};

export default rule;

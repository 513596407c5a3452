import { attribute } from '../../graph';
import { compliant, nonCompliant, Outcome, Rule, unknown } from '../../rule';

/**
 * Child resource types (more than one segment after the namespace) whose ARM API has `tags` after all.
 * Every other child type is taken to have none. Established like catalog/azure-api-versions.ts: an
 * `azapi_resource` with `tags` run through azapi 2.8.0's embedded-schema validation (`terraform validate`),
 * which refuses `tags` on, e.g., Microsoft.ApiManagement/service/backends@2024-05-01 ("`tags` is not
 * expected here") and accepts them on the types below. Extend it through review, with the check.
 */
export const TAGGABLE_CHILD_TYPES: readonly { readonly type: string; readonly source: string }[] = [
  { type: 'Microsoft.CognitiveServices/accounts/projects', source: 'azapi 2.8.0 embedded schema, 2025-06-01: tags accepted (a tracked child with a location)' },
  { type: 'Microsoft.CognitiveServices/accounts/deployments', source: 'azapi 2.8.0 embedded schema, 2025-06-01: tags accepted' },
];

/** Resource type of an azapi `type` (`Microsoft.X/a/b@2024-05-01` -> `Microsoft.X/a/b`). */
function resourceTypeOf(type: string): string {
  const at = type.lastIndexOf('@');
  return at > 0 ? type.slice(0, at) : type;
}

/** Whether ARM resources of this type have no `tags`: a child type (`<namespace>/<parent>/<child>...`) not listed as taggable. */
export function isUntaggable(resourceType: string): boolean {
  const segments = resourceType.split('/');
  if (segments.length <= 2) return false;
  const lower = resourceType.toLowerCase();
  return !TAGGABLE_CHILD_TYPES.some((t) => t.type.toLowerCase() === lower);
}

const rule: Rule = {
  id: 'GAI-GEN-017',
  title: 'azapi resources keep schema validation on and set no tags on types whose API has none',
  severity: 'error',
  rationale: 'With schema validation switched off (the `schema_validation_enabled` flag) azapi sends whatever the body says and ARM drops what the api-version does not know: a misspelt or too-new property is silently lost. Child resources (APIM backends, loggers, diagnostics, model deployments) have no `tags` in their ARM API: tags set on them never arrive and come back as a perpetual diff.',
  remediation: 'Leave `schema_validation_enabled` unset (azapi 2.8.0 default: true); declare child resources with constructs/azapi `AzapiResource` (not `AzapiTrackedResource`) so the RequiredTags aspect leaves them untagged.',
  references: {},
  appliesTo: ['azapi_resource', 'azapi_update_resource'],
  check(resource) {
    const outcomes: Outcome[] = [];
    const validation = attribute(resource, 'schema_validation_enabled');
    if (validation.kind === 'unknown') outcomes.push(unknown(`\`schema_validation_enabled\` is only known after apply (${validation.expression})`));
    else if (validation.kind === 'known' && validation.value !== true) outcomes.push(nonCompliant(`\`schema_validation_enabled\` is ${JSON.stringify(validation.value)}; leave it unset or true so azapi checks the body against the api-version`));

    if (resource.type === 'azapi_resource') {
      const type = attribute(resource, 'type');
      const tags = attribute(resource, 'tags');
      const hasTags = tags.kind === 'unknown' || (tags.kind === 'known' && !(typeof tags.value === 'object' && tags.value !== null && Object.keys(tags.value).length === 0));
      if (hasTags) {
        if (type.kind === 'unknown') outcomes.push(unknown('`type` is only known after apply, so whether the resource can carry `tags` cannot be told'));
        else if (type.kind === 'known' && typeof type.value === 'string' && isUntaggable(resourceTypeOf(type.value))) {
          if (tags.kind === 'unknown') outcomes.push(unknown(`\`tags\` on ${resourceTypeOf(type.value)}, a child resource without tags, are only known after apply (${tags.expression}); expected none`));
          else outcomes.push(nonCompliant(`\`tags\` are set on ${resourceTypeOf(type.value)}, a child resource whose ARM API has no tags (they never arrive and show as a perpetual diff)`));
        }
      }
    }
    if (outcomes.length > 0) return outcomes;
    return compliant;
  },
};

export default rule;

import { attribute } from '../../graph';
import { compliant, nonCompliant, notApplicable, Rule, unknown } from '../../rule';
import { azapiBody } from '../../apim-policy';
import { propertiesSinceFor, splitAzapiType, unsupportedProperties } from '../../../catalog/azure-api-versions';

const rule: Rule = {
  id: 'GAI-GEN-016',
  title: 'An azapi body only sets properties the api-version in its type supports',
  severity: 'error',
  rationale: 'azapi sends the body to the api-version named in `type`. A property that version does not have is refused by schema validation, or, with validation off or on `azapi_update_resource`, dropped by ARM before the PUT: the plan shows it, Azure never gets it (PTU spillover with Microsoft.CognitiveServices 2024-10-01 silently does nothing).',
  remediation: 'Use an api-version at or after the one catalog/azure-api-versions.ts names for the property (the api-version constants in constructs/azapi/models.ts), e.g. Microsoft.CognitiveServices 2025-06-01 or later for `spilloverDeploymentName`.',
  references: {},
  appliesTo: ['azapi_resource', 'azapi_update_resource'],
  check(resource) {
    const type = attribute(resource, 'type');
    if (type.kind === 'unknown') return unknown(`\`type\` is only known after apply (${type.expression})`);
    if (type.kind !== 'known' || typeof type.value !== 'string') return notApplicable;
    const parsed = splitAzapiType(type.value);
    if (!parsed || propertiesSinceFor(parsed.resourceType).length === 0) return notApplicable;
    const body = azapiBody(resource);
    if (body === undefined) {
      return resource.values.body === undefined || resource.values.body === null
        ? notApplicable
        : unknown('`body` is not a readable object (an expression or invalid JSON), so its properties cannot be checked against the api-version');
    }
    const missing = unsupportedProperties(type.value, body);
    if (missing.length === 0) return compliant;
    return nonCompliant(missing
      .map((p) => `\`${p.path}\` needs ${parsed.resourceType} ${p.since} or later${p.stableSince ? ` (stable: ${p.stableSince})` : ''}, but \`type\` uses ${parsed.apiVersion} (${p.source})`)
      .join('; '));
  },
};

export default rule;

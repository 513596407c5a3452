/**
 * Shared pieces of the APIM rules: reading an https URL that may be a Terraform expression, and the
 * policy documents of the policy resource types.
 */
import { AttributeValue, ResourceGraph } from '../../graph';
import { PlanResource } from '../../plan';
import { Outcome, compliant, nonCompliant, notApplicable, unknown } from '../../rule';
import { POLICY_TYPES, PolicyDocument, policyOf } from '../../apim-policy';

/** Policy resources whose XML the APIM policy rules read (operation policies included). */
export const POLICY_RESOURCE_TYPES: readonly string[] = POLICY_TYPES;

/**
 * Judges that a URL attribute uses https. A value that starts with `https://` is compliant even if
 * it interpolates later parts; a reference to a cognitive account `endpoint` is https by construction
 * (Azure AI endpoints are `https://<subdomain>.<domain>/`); any other expression is unknown.
 */
export function expectHttps(graph: ResourceGraph, value: AttributeValue, path: string, missing: Outcome = notApplicable): Outcome {
  if (value.kind === 'absent') return missing;
  const text = value.kind === 'known' ? String(value.value) : value.expression;
  if (/^https:\/\//i.test(text)) return compliant;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return nonCompliant(`\`${path}\` is "${text}"; expected an https:// URL`);
  if (value.kind === 'unknown') {
    const target = graph.resolve(value);
    if (target?.type === 'azurerm_cognitive_account' && text.startsWith(`\${${target.address}.endpoint}`)) return compliant;
    return unknown(`\`${path}\` is only known after apply (${value.expression}); expected an https:// URL`);
  }
  return nonCompliant(`\`${path}\` is "${text}", not an absolute https:// URL`);
}

/** The parsed policy of a policy resource, or the outcome to report when it cannot be read. */
export function readPolicy(resource: PlanResource): PolicyDocument | Outcome {
  const source = policyOf(resource);
  return source.kind === 'parsed' ? source.policy : unknown(source.reason);
}

export function isOutcome(value: PolicyDocument | Outcome): value is Outcome {
  return 'status' in value;
}

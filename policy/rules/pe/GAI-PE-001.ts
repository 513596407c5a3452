import { attribute } from '../../graph';
import { compliant, nonCompliant, notApplicable, Outcome, Rule, unknown } from '../../rule';
import { endpointsOf, publicState, subresourcesOf } from './_helpers';
import { PRIVATE_LINK_TARGETS, PRIVATE_LINK_TYPES } from './_zones';

const rule: Rule = {
  id: 'GAI-PE-001',
  title: 'Private-only PaaS resources have an approved private endpoint',
  severity: 'error',
  rationale: 'A resource with public access disabled is reachable only through a private endpoint; without one (or with one on the wrong sub-resource, or awaiting manual approval) the platform cannot reach it, which tempts operators to reopen the public path.',
  remediation: 'Add an `azurerm_private_endpoint` whose `private_service_connection` has `private_connection_resource_id` = the resource id, `subresource_names` = the expected group id (e.g. `vault`, `blob`, `account`, `searchService`, `redisEnterprise`, `registry`, `azuremonitor`) and `is_manual_connection = false` — the PrivateEndpoint construct does this.',
  references: {
    checkov: ['CKV2_AZURE_32', 'CKV2_AZURE_33'],
    azurePolicy: ['d6759c02', 'a6abeaec', '6edd7eda', '7803067c', '960e650e', '45e05259'],
    mcsb: ['NS-2'],
  },
  appliesTo: PRIVATE_LINK_TYPES,
  check(target, { graph }) {
    const spec = PRIVATE_LINK_TARGETS[target.type];
    const endpoints = endpointsOf(target, graph);
    const access = publicState(target, spec);
    if (endpoints.length === 0) {
      if (spec.optionalPrivateLink || access.state === 'open') return notApplicable;
      if (access.state === 'unknown') return unknown(`${access.detail}, and no private endpoint connects to it; expected one if public access is disabled`);
      return nonCompliant(`public access is disabled (${access.detail}) but no \`azurerm_private_endpoint\` connects to it; expected one with sub-resource "${spec.subresource}"`);
    }
    const outcomes: Outcome[] = [];
    let expectedFound = false;
    let subresourceUnknown: string | undefined;
    for (const endpoint of endpoints) {
      const subresources = subresourcesOf(endpoint);
      if (!Array.isArray(subresources)) {
        subresourceUnknown = `${endpoint.address}: ${subresources.unknown}`;
      } else {
        const invalid = subresources.filter((s) => !Object.keys(spec.zones).some((valid) => valid.toLowerCase() === s.toLowerCase()));
        if (subresources.length === 0 || invalid.length > 0) {
          outcomes.push(nonCompliant(`${endpoint.address}: \`private_service_connection.subresource_names\` is ${JSON.stringify(subresources)}; expected "${spec.subresource}" (valid for ${target.type}: ${Object.keys(spec.zones).join(', ')})`));
        }
        if (subresources.some((s) => s.toLowerCase() === spec.subresource.toLowerCase())) expectedFound = true;
      }
      const manual = attribute(endpoint, 'private_service_connection.is_manual_connection');
      if (manual.kind === 'unknown') outcomes.push(unknown(`${endpoint.address}: \`private_service_connection.is_manual_connection\` is only known after apply (${manual.expression}); expected false`));
      else if (manual.kind === 'known' && manual.value !== false) {
        outcomes.push(nonCompliant(`${endpoint.address}: \`private_service_connection.is_manual_connection\` is ${JSON.stringify(manual.value)}; expected false (an auto-approved connection)`));
      }
    }
    if (!expectedFound) {
      outcomes.push(subresourceUnknown
        ? unknown(`${subresourceUnknown}; expected an endpoint on sub-resource "${spec.subresource}"`)
        : nonCompliant(`no private endpoint connects to sub-resource "${spec.subresource}"; expected one`));
    }
    return outcomes.length > 0 ? outcomes : compliant;
  },
};

export default rule;

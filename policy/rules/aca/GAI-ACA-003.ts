import { attribute } from '../../graph';
import { compliant, nonCompliant, Rule, unknown } from '../../rule';

const rule: Rule = {
  id: 'GAI-ACA-003',
  title: 'Container Apps environment disables public network access',
  severity: 'error',
  rationale: 'With public network access enabled the environment accepts traffic from the Internet on its public endpoint. An internal (ILB) environment has no public endpoint, so the setting can stay unset there.',
  remediation: 'Set `public_network_access = "Disabled"`, or make the environment internal (`internal_load_balancer_enabled = true`, see GAI-ACA-002).',
  references: { azurePolicy: ['d074ddf8'], mcsb: ['NS-2'] },
  appliesTo: ['azurerm_container_app_environment'],
  check(environment) {
    const access = attribute(environment, 'public_network_access');
    if (access.kind === 'unknown') return unknown(`\`public_network_access\` is only known after apply (${access.expression}); expected "Disabled"`);
    if (access.kind === 'known') {
      return access.value === 'Disabled' ? compliant : nonCompliant(`\`public_network_access\` is ${JSON.stringify(access.value)}; expected "Disabled"`);
    }
    // Not set: Azure enables public access on an external environment; an internal one has no public endpoint.
    const internal = attribute(environment, 'internal_load_balancer_enabled');
    if (internal.kind === 'unknown') {
      return unknown(`\`public_network_access\` is not set and \`internal_load_balancer_enabled\` is only known after apply (${internal.expression}); expected "Disabled" or an internal environment`);
    }
    if (internal.kind === 'known' && internal.value === true) return compliant;
    return nonCompliant('`public_network_access` is not set on an external environment, so public access is enabled; expected "Disabled" (or `internal_load_balancer_enabled = true`)');
  },
};

export default rule;

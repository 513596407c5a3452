import { attribute } from '../../graph';
import { compliant, nonCompliant, Rule } from '../../rule';
import { isConfigured } from './_helpers';

const rule: Rule = {
  id: 'GAI-ACA-001',
  title: 'Container Apps environment is injected into a VNet',
  severity: 'error',
  rationale: 'Without `infrastructure_subnet_id` the environment runs on a Microsoft-managed network with a public endpoint: the orchestrator cannot reach the gateway, Key Vault or the registry over private endpoints, and NSGs cannot filter its traffic.',
  remediation: 'Set `infrastructure_subnet_id` to the delegated apps subnet (the Network construct\'s `subnetResourceIds.apps`). It forces a new environment, so set it at creation.',
  references: { psrule: ['Azure.ContainerApp.PublicAccess'], azurePolicy: ['8b346db6'], mcsb: ['NS-2'] },
  appliesTo: ['azurerm_container_app_environment'],
  check(environment) {
    // A reference to a subnet is a configured value even while the subnet id itself is unknown.
    return isConfigured(attribute(environment, 'infrastructure_subnet_id'))
      ? compliant
      : nonCompliant('`infrastructure_subnet_id` is not set: the environment is not VNet-injected; expected the id of a delegated subnet');
  },
};

export default rule;

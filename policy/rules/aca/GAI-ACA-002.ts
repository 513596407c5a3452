import { attributeRule } from '../../rule';

export default attributeRule({
  id: 'GAI-ACA-002',
  title: 'Container Apps environment uses an internal load balancer',
  severity: 'error',
  rationale: 'An external environment gets a public static IP and every app with external ingress is reachable from the Internet; an internal environment exposes apps only on a private IP in the VNet.',
  remediation: 'Set `internal_load_balancer_enabled = true` (requires `infrastructure_subnet_id`; forces a new environment). Publish an app to the Internet only through an Application Gateway or Front Door with Private Link.',
  references: { psrule: ['Azure.ContainerApp.PublicAccess'], mcsb: ['NS-2'] },
  appliesTo: ['azurerm_container_app_environment'],
  path: 'internal_load_balancer_enabled',
  expected: true,
  providerDefault: false,
});

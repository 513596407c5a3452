import { attributeRule } from '../../rule';

export default attributeRule({
  id: 'GAI-ACA-004',
  title: 'Container Apps environment is zone redundant (production only)',
  severity: 'warning',
  rationale: 'In production a zonal outage must not take the orchestrator down; a zone-redundant environment spreads replicas across availability zones. Evaluated for production plans only.',
  remediation: 'Set `zone_redundancy_enabled = true` (requires `infrastructure_subnet_id`; forces a new environment, so decide at creation) and run at least 3 replicas (GAI-ACA-010).',
  references: { psrule: ['Azure.ContainerApp.AvailabilityZone'] },
  appliesTo: ['azurerm_container_app_environment'],
  path: 'zone_redundancy_enabled',
  expected: true,
  providerDefault: false,
  when: (_environment, context) => context.production,
});

import { attribute } from '../../graph';
import { compliant, nonCompliant, notApplicable, Rule, unknown } from '../../rule';

const rule: Rule = {
  id: 'GAI-ACA-010',
  title: 'Container app keeps at least 2 replicas, 3 when zone redundant (production only)',
  severity: 'warning',
  rationale: 'With fewer than 2 replicas (the default is 0, scale to zero) a restart or a cold start makes the orchestrator unavailable; in a zone-redundant environment 3 replicas are needed to cover every zone. Evaluated for production plans only.',
  remediation: 'Set `template.min_replicas` to at least 2 (at least 3 when the environment has `zone_redundancy_enabled = true`); the orchestrator\'s replica range comes from the environment config.',
  references: { psrule: ['Azure.ContainerApp.MinReplicas'] },
  appliesTo: ['azurerm_container_app'],
  check(app, { graph, production }) {
    if (!production) return notApplicable;
    const environmentId = attribute(app, 'container_app_environment_id');
    const environment = graph.resolve(environmentId);
    const zoneRedundant = environment ? attribute(environment, 'zone_redundancy_enabled') : undefined;
    const min = attribute(app, 'template.min_replicas');
    if (min.kind === 'unknown') return unknown(`\`template.min_replicas\` is only known after apply (${min.expression}); expected at least 2`);
    const value = min.kind === 'known' ? Number(min.value) : 0;
    const shown = min.kind === 'known' ? String(min.value) : 'not set (the provider default 0 applies)';
    if (value < 2) return nonCompliant(`\`template.min_replicas\` is ${shown}; expected at least 2`);
    if (value >= 3) return compliant;
    if (!zoneRedundant) return unknown(`\`template.min_replicas\` is ${value} and the environment (${environmentId.kind === 'unknown' ? environmentId.expression : 'not set'}) is not in the plan; expected at least 3 if it is zone redundant`);
    if (zoneRedundant.kind === 'unknown') return unknown(`\`template.min_replicas\` is ${value} and the environment's \`zone_redundancy_enabled\` is only known after apply; expected at least 3 when zone redundant`);
    return zoneRedundant.kind === 'known' && zoneRedundant.value === true
      ? nonCompliant(`\`template.min_replicas\` is ${value} in a zone-redundant environment; expected at least 3 (one per zone)`)
      : compliant;
  },
};

export default rule;

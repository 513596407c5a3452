import { attribute, blocks, isExpression } from '../../graph';
import { Outcome, Rule, compliant, expectAttribute, nonCompliant, notApplicable, unknown } from '../../rule';

const rule: Rule = {
  id: 'GAI-ACR-004',
  title: 'Production container registry is zone redundant, in every replica',
  severity: 'warning',
  rationale: 'A registry without zone redundancy is lost with its zone: the orchestrator cannot start new replicas or revisions until it returns. `zone_redundancy_enabled` defaults to false and forces a new registry when changed, so it has to be right at creation; a geo-replica has its own setting, also false by default. Like the other reliability rules it applies to production plans.',
  remediation: 'Set `zone_redundancy_enabled = true` on the Premium registry, and on each `georeplications` block (the ContainerRegistry construct sets it unless `zoneRedundancyEnabled: false`).',
  references: { checkov: ['CKV_AZURE_233'], mcsb: ['BR-1'] },
  appliesTo: ['azurerm_container_registry'],
  // azurerm 4.55.0 container_registry_resource.go: `zone_redundancy_enabled` Default false, ForceNew; the
  // same attribute in `georeplications` Default false.
  examples: {
    compliant: 'resource "azurerm_container_registry" "example" {\n  sku                     = "Premium"\n  zone_redundancy_enabled = true\n}',
    nonCompliant: 'resource "azurerm_container_registry" "example" {\n  sku = "Premium"\n  # zone_redundancy_enabled not set: the provider default false applies\n}',
  },
  check(registry, { production }) {
    if (!production) return notApplicable;
    const outcomes: Outcome[] = [];
    const own = expectAttribute(registry, 'zone_redundancy_enabled', { expected: true, providerDefault: false });
    if (own.status !== 'compliant') outcomes.push(own);
    blocks(registry, 'georeplications').forEach((replica, i) => {
      const location = typeof replica.location === 'string' ? replica.location : `georeplications[${i}]`;
      const value = replica.zone_redundancy_enabled;
      if (value === true) return;
      if (isExpression(value)) outcomes.push(unknown(`the replica in ${location}: \`zone_redundancy_enabled\` is only known after apply (${value}); expected true`));
      else outcomes.push(nonCompliant(`the replica in ${location}: \`zone_redundancy_enabled\` is ${value === undefined ? 'not set (the provider default false applies)' : JSON.stringify(value)}; expected true`));
    });
    // An unknown georeplications list cannot be judged replica by replica.
    const list = attribute(registry, 'georeplications');
    if (list.kind === 'unknown') outcomes.push(unknown(`\`georeplications\` is only known after apply (${list.expression}); each replica needs \`zone_redundancy_enabled = true\``));
    return outcomes.length > 0 ? outcomes : compliant;
  },
};

export default rule;

import { ResourceGraph, attribute, referencedResource } from '../../graph';
import { PlanResource } from '../../plan';
import { Rule, compliant, nonCompliant, notApplicable, unknown } from '../../rule';

/** Roles that let a caller write to indexes: then the index-update SLA (3 replicas) applies. */
const WRITER_ROLES = ['search index data contributor', 'search service contributor'];

/** Index-writing role assignments by the search service they are scoped to, built once per plan: the rule stays linear in plan size. */
function writersBySearchService(graph: ResourceGraph): ReadonlyMap<PlanResource, readonly PlanResource[]> {
  return graph.groupBy('GAI-SRCH-005/writers-by-service', 'azurerm_role_assignment', (assignment) => {
    const role = attribute(assignment, 'role_definition_name');
    const writes = role.kind === 'known' && WRITER_ROLES.includes(String(role.value).toLowerCase());
    return writes ? referencedResource(graph, assignment, 'scope', 'azurerm_search_service') : undefined;
  });
}

const rule: Rule = {
  id: 'GAI-SRCH-005',
  title: 'Production AI Search has replicas for the SLA',
  severity: 'warning',
  rationale: 'Production only: the AI Search SLA covers queries with 2 or more replicas and index updates with 3 or more; a single replica goes down on every maintenance event.',
  remediation: 'Set `replica_count = 2` or more (3 or more when workloads write to indexes, i.e. hold "Search Index Data Contributor" on the service).',
  references: { checkov: ['CKV_AZURE_209', 'CKV_AZURE_208'], psrule: ['Azure.Search.QuerySLA', 'Azure.Search.IndexSLA'] },
  appliesTo: ['azurerm_search_service'],
  check(search, { graph, production }) {
    if (!production) return notApplicable;
    const writers = writersBySearchService(graph).get(search) ?? [];
    const needed = writers.length > 0 ? 3 : 2;
    const why = writers.length > 0 ? `workloads write to its indexes (${writers.map((w) => w.address).join(', ')})` : 'the query SLA';
    const replicas = attribute(search, 'replica_count');
    if (replicas.kind === 'unknown') return unknown(`\`replica_count\` is only known after apply (${replicas.expression}); expected ${needed} or more for ${why}`);
    const count = replicas.kind === 'absent' ? 1 : Number(replicas.value);
    if (count >= needed) return compliant;
    const found = replicas.kind === 'absent' ? 'is not set (1 replica)' : `is ${count}`;
    return nonCompliant(`\`replica_count\` ${found}; expected ${needed} or more for ${why}`);
  },
};

export default rule;

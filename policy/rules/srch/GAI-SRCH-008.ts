import { attribute, refersTo } from '../../graph';
import { UNKNOWN_VALUE } from '../../plan';
import { Rule, compliant, nonCompliant, unknown } from '../../rule';
import { assignmentsNaming } from '../iam/_principals';

/** Resource types an indexer or skillset reaches as a trusted service. */
const DATA_SOURCES = ['azurerm_storage_account', 'azurerm_storage_container', 'azurerm_cognitive_account', 'azurerm_cosmosdb_account', 'azurerm_mssql_server', 'azurerm_mssql_database'];

const rule: Rule = {
  id: 'GAI-SRCH-008',
  title: 'AI Search trusted-service bypass only when indexers need it',
  severity: 'note',
  rationale: 'The "AzureServices" bypass lets any trusted Azure service through the search firewall; it is only needed when indexers or skillsets of this service pull from Azure data sources.',
  remediation: 'Set `network_rule_bypass_option = "None"` (the default) unless the service\'s identity reads a data source (it then holds a role on a storage, Cosmos DB, SQL or cognitive account in the plan).',
  references: {},
  appliesTo: ['azurerm_search_service'],
  check(search, { graph }) {
    const bypass = attribute(search, 'network_rule_bypass_option');
    if (bypass.kind === 'absent' || (bypass.kind === 'known' && bypass.value === 'None')) return compliant;
    if (bypass.kind === 'unknown') return unknown(`\`network_rule_bypass_option\` is only known after apply (${bypass.expression}); expected "None" unless indexers need trusted-service access`);
    // Role assignments to the search service's own identity on a data source: an indexer pulls from it.
    // Candidates (assignments that may name the service as principal) come from an index: the rule stays linear.
    const grants = assignmentsNaming(graph, search).filter((assignment) => {
      const principal = attribute(assignment, 'principal_id');
      const isSearch = refersTo(principal, search)
        || (principal.kind === 'unknown' && principal.expression === UNKNOWN_VALUE && assignment.references.includes(search.address));
      if (!isSearch) return false;
      const scope = attribute(assignment, 'scope');
      // Unlike `graph.target`, an expression `resolve` cannot read (a module address) still names what it refers to.
      const target = graph.resolve(scope) ?? graph.targetsOf(scope)[0];
      return target !== undefined && DATA_SOURCES.includes(target.type);
    });
    return grants.length > 0
      ? compliant
      : nonCompliant(`\`network_rule_bypass_option\` is ${JSON.stringify(bypass.value)} but the service's identity holds no role on a data source in the plan (no indexer needs trusted-service access); expected "None"`);
  },
};

export default rule;

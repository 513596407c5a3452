import { Rule, expectAttribute, notApplicable } from '../../rule';

const rule: Rule = {
  id: 'GAI-LAW-005',
  title: 'Log Analytics forces customer-managed keys for saved queries (with a CMK cluster)',
  severity: 'note',
  rationale: 'A dedicated cluster\'s customer-managed key covers ingested data but not saved queries and alert queries, which may contain sensitive literals; `cmk_for_query_forced` makes the workspace store them in customer-managed storage.',
  remediation: 'Set `cmk_for_query_forced = true` on workspaces linked to the CMK cluster (and link customer-managed storage for queries). Evaluated only when the plan declares an `azurerm_log_analytics_cluster`.',
  references: {},
  appliesTo: ['azurerm_log_analytics_workspace'],
  check: (workspace, { graph }) => (graph.ofType('azurerm_log_analytics_cluster').length === 0
    ? notApplicable
    : expectAttribute(workspace, 'cmk_for_query_forced', { expected: true, providerDefault: false })),
};

export default rule;

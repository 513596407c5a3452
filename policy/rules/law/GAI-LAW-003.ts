import { Rule, notApplicable } from '../../rule';
import { expectEach } from '../gov/_helpers';

const rule: Rule = {
  id: 'GAI-LAW-003',
  title: 'Log Analytics behind a private link scope blocks public ingestion and query',
  severity: 'warning',
  rationale: 'An Azure Monitor Private Link Scope only keeps logs private if the workspace refuses ingestion and queries from public networks; otherwise the audit trail stays reachable from the Internet with a token.',
  remediation: 'Set `internet_ingestion_enabled = false` and `internet_query_enabled = false` (the provider defaults are true); the Monitoring construct\'s `addPrivateLinkScope()` does. Evaluated only when the plan declares an `azurerm_monitor_private_link_scope`.',
  references: { azurePolicy: ['6c53d030'], mcsb: ['v2 NS-2'] },
  appliesTo: ['azurerm_log_analytics_workspace'],
  check: (workspace, { graph }) => (graph.ofType('azurerm_monitor_private_link_scope').length === 0
    ? notApplicable
    : expectEach(workspace, [
      { path: 'internet_ingestion_enabled', expected: false, providerDefault: true },
      { path: 'internet_query_enabled', expected: false, providerDefault: true },
    ])),
};

export default rule;

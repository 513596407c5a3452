import { Rule, notApplicable } from '../../rule';
import { expectEach } from '../gov/_helpers';

const rule: Rule = {
  id: 'GAI-APPI-003',
  title: 'Application Insights behind a private link scope blocks public ingestion and query',
  severity: 'warning',
  rationale: 'An Azure Monitor Private Link Scope only keeps telemetry private if the component refuses ingestion and queries from public networks; otherwise prompts metadata and usage data stay reachable from the Internet.',
  remediation: 'Set `internet_ingestion_enabled = false` and `internet_query_enabled = false` (the provider defaults are true); the Monitoring construct\'s `addPrivateLinkScope()` does. Evaluated only when the plan declares an `azurerm_monitor_private_link_scope`.',
  references: { azurePolicy: ['1bc02227'], mcsb: ['v2 NS-2'] },
  appliesTo: ['azurerm_application_insights'],
  check: (component, { graph }) => (graph.ofType('azurerm_monitor_private_link_scope').length === 0
    ? notApplicable
    : expectEach(component, [
      { path: 'internet_ingestion_enabled', expected: false, providerDefault: true },
      { path: 'internet_query_enabled', expected: false, providerDefault: true },
    ])),
};

export default rule;

import { Rule, expectAttribute, notApplicable } from '../../rule';
import { attribute, blocks } from '../../graph';
import { RESOURCE_SPECIFIC_TYPES, diagnosticTarget } from './_targets';

const rule: Rule = {
  id: 'GAI-MON-002',
  title: 'Diagnostic setting writes resource-specific tables where the type supports them',
  severity: 'note',
  rationale: 'In the legacy AzureDiagnostics table every service shares one 500-column schema, queries are slower and per-table retention, access and cost controls cannot be applied; resource-specific tables avoid all three.',
  remediation: 'Set `log_analytics_destination_type = "Dedicated"` on diagnostic settings of Key Vault and API Management (a `DiagnosticSetting` construct option).',
  references: {},
  appliesTo: ['azurerm_monitor_diagnostic_setting'],
  check(setting, { graph }) {
    if (attribute(setting, 'log_analytics_workspace_id').kind === 'absent' || blocks(setting, 'enabled_log').length === 0) return notApplicable;
    const target = diagnosticTarget(graph, setting);
    if (target.kind === 'unresolved' || !RESOURCE_SPECIFIC_TYPES.includes(target.type)) return notApplicable;
    return expectAttribute(setting, 'log_analytics_destination_type', {
      expected: 'Dedicated',
      wanted: `"Dedicated" for ${target.resource.address}`,
      whenAbsent: `\`log_analytics_destination_type\` is not set, so ${target.resource.address} logs go to the AzureDiagnostics table; expected "Dedicated"`,
    });
  },
};

export default rule;

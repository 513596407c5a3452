import { attribute } from '../../graph';
import { compliant, nonCompliant, Outcome, Rule } from '../../rule';

const rule: Rule = {
  id: 'GAI-APIM-024',
  title: 'API Management loggers use connection strings or managed identity, not instrumentation keys',
  severity: 'note',
  rationale: 'Instrumentation-key ingestion is retired and cannot use Entra authentication; Event Hubs connection strings are shared keys. Connection strings and managed identity keep the logging path supported and keyless where possible.',
  remediation: 'On `azurerm_api_management_logger` set `application_insights.connection_string` (not `instrumentation_key`), and for Event Hubs `eventhub.endpoint_uri` with `user_assigned_identity_client_id` rather than `connection_string`.',
  references: {},
  appliesTo: ['azurerm_api_management_logger'],
  check(logger) {
    const outcomes: Outcome[] = [];
    const ikey = attribute(logger, 'application_insights.instrumentation_key');
    const cs = attribute(logger, 'application_insights.connection_string');
    if (ikey.kind !== 'absent' && cs.kind === 'absent') outcomes.push(nonCompliant('`application_insights.instrumentation_key` is set; expected `application_insights.connection_string`'));
    if (attribute(logger, 'eventhub.connection_string').kind !== 'absent') outcomes.push(nonCompliant('`eventhub.connection_string` is a shared key; expected `eventhub.endpoint_uri` with a managed identity'));
    return outcomes.length > 0 ? outcomes : compliant;
  },
};

export default rule;

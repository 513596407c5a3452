import { attribute, refersTo, soleReference, valueOf } from '../../graph';
import { PlanResource } from '../../plan';
import { compliant, nonCompliant, notApplicable, Rule, unknown } from '../../rule';
import { azapiProperties, isAzapiOfType } from '../../apim-policy';
import { grantsTo, resolveValue } from '../iam/_principals';
import { azapiCredentials } from './_functional';

const ROLE = 'Monitoring Metrics Publisher';

const rule: Rule = {
  id: 'GAI-APIM-026',
  title: 'An identity-based App Insights logger: its identity holds Monitoring Metrics Publisher on the Application Insights resource',
  severity: 'error',
  rationale: 'With local authentication off, Application Insights accepts only Entra-authenticated telemetry. An API Management logger that sends with a managed identity (`credentials.identityClientId`) is rejected unless that identity holds Monitoring Metrics Publisher on the component: the gateway then loses its request logs and token metrics without any error at apply (Learn: "Integrate Azure API Management with Azure Application Insights", managed identity).',
  remediation: 'Grant the logger\'s identity Monitoring Metrics Publisher on the Application Insights resource before the logger is created (`AiGateway` does this with `grantRole` and makes the logger depend on the grant).',
  references: {},
  appliesTo: ['azapi_resource'],
  check(logger, { graph }) {
    if (!isAzapiOfType(logger, 'Microsoft.ApiManagement/service/loggers')) return notApplicable;
    const props = azapiProperties(logger, 'body') ?? {};
    if (String(props.loggerType ?? '').toLowerCase() !== 'applicationinsights') return notApplicable;
    // Plan JSON: sensitive_body is write-only (absent) and values inside a body known only after apply
    // lose their reference; the configuration references of the logger name the resource then.
    const referenced = (type: string): PlanResource | undefined => soleReference(graph, logger, type);
    const credentials = azapiCredentials(logger);
    let identity: PlanResource | undefined;
    if (credentials) {
      if (credentials.identityClientId === undefined) return notApplicable; // connection string only: not identity-based
      identity = resolveValue(valueOf(credentials.identityClientId), graph, 'azurerm_user_assigned_identity') ?? referenced('azurerm_user_assigned_identity');
      if (!identity) return unknown(`\`credentials.identityClientId\` (${String(credentials.identityClientId)}) is not a user-assigned identity of this plan`);
    } else {
      identity = referenced('azurerm_user_assigned_identity');
      if (!identity) return notApplicable;
    }
    const appInsights = graph.target(valueOf(props.resourceId), 'azurerm_application_insights') ?? referenced('azurerm_application_insights');
    if (!appInsights) return unknown(`\`body.properties.resourceId\` (${String(props.resourceId)}) is not an Application Insights resource of this plan`);
    const granted = grantsTo(graph, [identity], [ROLE], (assignment) => refersTo(attribute(assignment, 'scope'), appInsights));
    if (granted === 'yes') return compliant;
    if (granted === 'unknown') return unknown(`a role assignment of ${identity.address} on ${appInsights.address} has a role known only after apply`);
    return nonCompliant(`the logger sends as ${identity.address}, which does not hold ${ROLE} on ${appInsights.address}: Application Insights (local auth off) rejects its telemetry`);
  },
};

export default rule;

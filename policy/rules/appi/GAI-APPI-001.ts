import { Rule } from '../../rule';
import { platformWorkspaceOutcome } from '../gov/_helpers';

const rule: Rule = {
  id: 'GAI-APPI-001',
  title: 'Application Insights is workspace-based, on the platform workspace',
  severity: 'warning',
  rationale: 'Classic Application Insights is retired and keeps telemetry outside the platform workspace\'s retention, access control and private link scope; gateway token metrics must land next to the rest of the platform\'s logs.',
  remediation: 'Set `workspace_id` to the platform Log Analytics workspace (the Monitoring construct does).',
  references: { psrule: ['Azure.AppInsights.Workspace'], azurePolicy: ['d550e854'] },
  appliesTo: ['azurerm_application_insights'],
  check: (component, { graph }) => platformWorkspaceOutcome(graph, component, 'workspace_id'),
};

export default rule;

import { attributeRule } from '../../rule';

export default attributeRule({
  id: 'GAI-APPI-002',
  title: 'Application Insights accepts Entra ID-authenticated ingestion only',
  severity: 'error',
  rationale: 'The instrumentation key in a connection string is not a secret (it ships in clients); with local authentication on, anyone who has it can inject forged telemetry into the gateway\'s usage and chargeback metrics.',
  remediation: 'Set `local_authentication_disabled = true` (the provider default is false; the Monitoring construct sets it) and send telemetry with a managed identity.',
  references: { psrule: ['Azure.AppInsights.LocalAuth'], azurePolicy: ['199d5677'], mcsb: ['v2 IM-1'] },
  appliesTo: ['azurerm_application_insights'],
  path: 'local_authentication_disabled',
  expected: true,
  providerDefault: false,
});

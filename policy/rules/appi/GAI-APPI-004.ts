import { attributeRule } from '../../rule';

export default attributeRule({
  id: 'GAI-APPI-004',
  title: 'Application Insights masks client IP addresses',
  severity: 'note',
  rationale: 'Client IP addresses are personal data; with masking disabled they are stored in full in every request record and kept for the workspace retention period.',
  remediation: 'Leave `disable_ip_masking` unset or false (the Monitoring construct sets false).',
  references: {},
  appliesTo: ['azurerm_application_insights'],
  path: 'disable_ip_masking',
  expected: false,
  providerDefault: false,
});

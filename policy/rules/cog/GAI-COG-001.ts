import { attributeRule } from '../../rule';

export default attributeRule({
  id: 'GAI-COG-001',
  title: 'Cognitive account disables local (key) authentication',
  severity: 'error',
  rationale: 'Account keys are shared secrets that bypass Entra ID, RBAC and per-caller audit; anyone holding a key can call every model deployment on the account.',
  remediation: 'Set `local_auth_enabled = false` (the provider default is true) and grant callers "Cognitive Services OpenAI User" on the account instead.',
  references: { checkov: ['CKV_AZURE_236'], psrule: ['Azure.AI.DisableLocalAuth'], azurePolicy: ['71ef260a', '14de9e63'], mcsb: ['IM-1'] },
  appliesTo: ['azurerm_cognitive_account'],
  path: 'local_auth_enabled',
  expected: false,
  providerDefault: true,
});

import { Rule, compliant, nonCompliant, unknown } from '../../rule';
import { presence } from './_helpers';

const rule: Rule = {
  id: 'GAI-COG-004',
  title: 'Cognitive account has a custom subdomain',
  severity: 'error',
  rationale: 'Entra ID token authentication and private endpoints both require a custom subdomain; without it the account can only be called with keys over its regional public endpoint.',
  remediation: 'Set `custom_subdomain_name` (globally unique; it cannot be changed later) — normally the account name from the Naming construct.',
  references: {},
  appliesTo: ['azurerm_cognitive_account'],
  check(account, { graph }) {
    switch (presence(graph, account, 'custom_subdomain_name')) {
      case 'set': return compliant;
      case 'unknown': return unknown('`custom_subdomain_name` is only known after apply; expected a custom subdomain');
      default: return nonCompliant('`custom_subdomain_name` is not set; expected a custom subdomain (required for Entra ID auth and private endpoints)');
    }
  },
};

export default rule;

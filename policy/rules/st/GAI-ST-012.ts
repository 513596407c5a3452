import { Rule } from '../../rule';
import { expectEach } from '../gov/_helpers';

const rule: Rule = {
  id: 'GAI-ST-012',
  title: 'Storage account data cannot be copied to other tenants',
  severity: 'warning',
  rationale: 'Cross-tenant object replication and unrestricted copy scope let a principal with write access copy the document store to an account in a tenant the organisation does not control.',
  remediation: 'Leave `cross_tenant_replication_enabled` unset or false and set `allowed_copy_scope = "AAD"` (or "PrivateLink").',
  references: { azurePolicy: ['92a89a79'] },
  appliesTo: ['azurerm_storage_account'],
  check: (account) => expectEach(account, [
    { path: 'cross_tenant_replication_enabled', expected: false, providerDefault: false },
    { path: 'allowed_copy_scope', expected: ['AAD', 'PrivateLink'] },
  ]),
};

export default rule;

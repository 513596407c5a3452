import { Rule } from '../../rule';
import { expectEach } from '../gov/_helpers';

const rule: Rule = {
  id: 'GAI-ST-006',
  title: 'Storage account accepts Entra ID only (no shared keys)',
  severity: 'error',
  rationale: 'An account key grants full control of every container, never expires and is not tied to an identity, so its use cannot be audited or scoped; Entra ID with RBAC gives per-identity, least-privilege access.',
  remediation: 'Set `shared_access_key_enabled = false` and `default_to_oauth_authentication = true` (the provider defaults are true and false); the platform\'s provider block sets `storage_use_azuread = true` so Terraform itself needs no keys.',
  references: { checkov: ['CKV2_AZURE_40'], psrule: ['Azure.Storage.LocalAuth'], azurePolicy: ['8c6a50c6'], mcsb: ['IM-1'] },
  appliesTo: ['azurerm_storage_account'],
  check: (account) => expectEach(account, [
    { path: 'shared_access_key_enabled', expected: false, providerDefault: true },
    { path: 'default_to_oauth_authentication', expected: true, providerDefault: false },
  ]),
};

export default rule;

import { Rule } from '../../rule';
import { expectEach } from '../gov/_helpers';

const rule: Rule = {
  id: 'GAI-ST-013',
  title: 'Storage account has no local users or SFTP',
  severity: 'note',
  rationale: 'Local users authenticate with passwords or SSH keys held by the storage service, outside Entra ID, Conditional Access and RBAC; SFTP exists only for them.',
  remediation: 'Set `local_user_enabled = false` (the provider default is true) and leave `sftp_enabled` unset or false.',
  references: { checkov: ['CKV_AZURE_244'] },
  appliesTo: ['azurerm_storage_account'],
  check: (account) => expectEach(account, [
    { path: 'local_user_enabled', expected: false, providerDefault: true },
    { path: 'sftp_enabled', expected: false, providerDefault: false },
  ]),
};

export default rule;

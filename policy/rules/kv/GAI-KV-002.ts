import { Rule } from '../../rule';
import { atLeast } from '../gov/_helpers';

/** The platform keeps deleted vaults and keys recoverable for the longest window Azure allows. */
const RECOMMENDED_DAYS = 90;

const rule: Rule = {
  id: 'GAI-KV-002',
  title: 'Key Vault keeps deleted vaults and keys recoverable for 90 days',
  severity: 'note',
  rationale: 'Soft delete is always on, but its retention decides how long a deleted vault or customer-managed key can be recovered; a 7-day window can pass unnoticed over a holiday and every service encrypted with the key loses its data.',
  remediation: 'Set `soft_delete_retention_days = 90` (the provider default; the KeyVault construct uses `keyVault.softDeleteRetentionDays` from the environment config, default 90). It can only be set when the vault is created.',
  references: { checkov: ['CKV_AZURE_111'], psrule: ['Azure.KeyVault.SoftDelete'], azurePolicy: ['1e66c121'], mcsb: ['DP-8'] },
  appliesTo: ['azurerm_key_vault'],
  check: (vault) => atLeast(vault, 'soft_delete_retention_days', RECOMMENDED_DAYS, 90),
};

export default rule;

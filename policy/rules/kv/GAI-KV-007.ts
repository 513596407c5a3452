import { Rule, expectAttribute, knownString, notApplicable } from '../../rule';

const rule: Rule = {
  id: 'GAI-KV-007',
  title: 'Key Vault is Premium where HSM-backed keys are required (production, or HSM keys in the vault)',
  severity: 'note',
  rationale: 'Only the Premium tier protects keys in FIPS 140 Level 3 HSMs; production customer-managed keys must be HSM-backed, and a Standard vault rejects RSA-HSM/EC-HSM keys at apply time.',
  remediation: 'Set `sku_name = "premium"` (config `keyVault.skuName`; the default is premium in production).',
  references: {},
  appliesTo: ['azurerm_key_vault'],
  check(vault, { graph, production }) {
    const hsmKeys = graph.referrersAt(vault, 'azurerm_key_vault_key', 'key_vault_id')
      .filter((key) => knownString(key, 'key_type')?.endsWith('-HSM'));
    if (!production && hsmKeys.length === 0) return notApplicable;
    const why = production ? 'production' : `HSM keys ${hsmKeys.map((k) => k.address).join(', ')}`;
    return expectAttribute(vault, 'sku_name', { test: (sku) => String(sku).toLowerCase() === 'premium', wanted: `"premium" (${why})` });
  },
};

export default rule;

import { Rule, compliant, knownString, nonCompliant, notApplicable, unknown, show } from '../../rule';
import { attribute } from '../../graph';

const rule: Rule = {
  id: 'GAI-KV-007',
  title: 'Key Vault is Premium where HSM-backed keys are required (production, or HSM keys in the vault)',
  severity: 'note',
  rationale: 'Only the Premium tier protects keys in FIPS 140 Level 3 HSMs; production customer-managed keys must be HSM-backed, and a Standard vault rejects RSA-HSM/EC-HSM keys at apply time.',
  remediation: 'Set `sku_name = "premium"` (config `keyVault.skuName`; the default is premium in production).',
  references: { azurePolicy: ['587c79fe'] },
  appliesTo: ['azurerm_key_vault'],
  check(vault, { graph, production }) {
    const hsmKeys = graph.referrersAt(vault, 'azurerm_key_vault_key', 'key_vault_id')
      .filter((key) => knownString(key, 'key_type')?.endsWith('-HSM'));
    if (!production && hsmKeys.length === 0) return notApplicable;
    const why = production ? 'production' : `HSM keys ${hsmKeys.map((k) => k.address).join(', ')}`;
    const sku = attribute(vault, 'sku_name');
    if (sku.kind === 'unknown') return unknown(`\`sku_name\` is only known after apply (${sku.expression}); expected "premium" (${why})`);
    if (sku.kind === 'absent') return nonCompliant(`\`sku_name\` is not set; expected "premium" (${why})`);
    return String(sku.value).toLowerCase() === 'premium'
      ? compliant
      : nonCompliant(`\`sku_name\` is ${show(sku.value)}; expected "premium" (${why})`);
  },
};

export default rule;

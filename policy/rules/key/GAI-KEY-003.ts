import { Rule, expectAttribute, knownString, notApplicable } from '../../rule';
import { referencedResource } from '../../graph';

const HSM_TYPES = ['RSA-HSM', 'EC-HSM'];

const rule: Rule = {
  id: 'GAI-KEY-003',
  title: 'Key Vault key is HSM-backed where HSM is required (production, or a Premium vault)',
  severity: 'warning',
  rationale: 'A software-protected key can be exported from the service\'s memory boundary; production customer-managed keys, and any key in a Premium vault (which exists to hold HSM keys), must be generated and kept in FIPS 140 Level 3 HSMs.',
  remediation: 'Set `key_type = "RSA-HSM"` (or `"EC-HSM"`) in a Premium vault (the KeyVault construct picks RSA-HSM when `keyVault.skuName` is premium).',
  references: { checkov: ['CKV_AZURE_112'], azurePolicy: ['587c79fe'] },
  appliesTo: ['azurerm_key_vault_key'],
  check(key, { graph, production }) {
    const vault = referencedResource(graph, key, 'key_vault_id', 'azurerm_key_vault', { anyType: true, throughReferences: false });
    const premiumVault = vault !== undefined && knownString(vault, 'sku_name')?.toLowerCase() === 'premium';
    if (!production && !premiumVault) return notApplicable;
    const why = production ? 'production' : `Premium vault ${vault?.address}`;
    return expectAttribute(key, 'key_type', { test: (type) => HSM_TYPES.includes(String(type)), wanted: `"RSA-HSM" or "EC-HSM" (${why})` });
  },
};

export default rule;

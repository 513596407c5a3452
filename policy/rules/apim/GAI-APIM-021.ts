import { attribute } from '../../graph';
import { compliant, nonCompliant, notApplicable, Rule, unknown } from '../../rule';

const rule: Rule = {
  id: 'GAI-APIM-021',
  title: 'Secret named values come from Key Vault',
  severity: 'warning',
  rationale: 'A secret given as a literal `value` is stored in Terraform state and in the gateway, and is never rotated; a Key Vault reference keeps the secret in the vault and follows its rotation.',
  remediation: 'Replace `value` with `value_from_key_vault { secret_id, identity_client_id }` on secret `azurerm_api_management_named_value` resources.',
  references: { psrule: ['Azure.APIM.EncryptValues'], azurePolicy: ['f1cc7827'], mcsb: ['DP-6', 'IM-8'] },
  appliesTo: ['azurerm_api_management_named_value'],
  check(named) {
    if (attribute(named, 'value_from_key_vault.secret_id').kind !== 'absent') return compliant;
    const secret = attribute(named, 'secret');
    if (secret.kind === 'unknown') return unknown(`\`secret\` is only known after apply (${secret.expression}) and the value does not come from Key Vault`);
    if (!(secret.kind === 'known' && secret.value === true)) return notApplicable;
    return nonCompliant('a secret named value sets a literal `value`; expected `value_from_key_vault.secret_id`');
  },
};

export default rule;

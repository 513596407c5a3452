import { Rule, compliant, nonCompliant, unknown } from '../../rule';
import { attribute } from '../../graph';
import { isSet } from '../gov/_helpers';

const rule: Rule = {
  id: 'GAI-KEY-001',
  title: 'Key Vault key has an expiry',
  severity: 'warning',
  rationale: 'A key without an expiry can stay in use indefinitely, so a compromised or weak key never ages out; an expiry (with rotation before it) bounds the cryptoperiod.',
  remediation: 'Set `rotation_policy { expire_after = "P365D" }` (the KeyVault construct\'s `addCustomerManagedKey` does, from `keyVault.keyExpiryDays`) or a fixed `expiration_date`.',
  references: { checkov: ['CKV_AZURE_40'], azurePolicy: ['152b15f7'], mcsb: ['DP-6'] },
  appliesTo: ['azurerm_key_vault_key'],
  check(key) {
    const candidates = [attribute(key, 'expiration_date'), attribute(key, 'rotation_policy.expire_after')];
    if (candidates.some((v) => v.kind === 'known' && isSet(v))) return compliant;
    const pending = candidates.find((v) => v.kind === 'unknown');
    if (pending?.kind === 'unknown') return unknown(`the key's expiry is only known after apply (${pending.expression}); expected \`expiration_date\` or \`rotation_policy.expire_after\``);
    return nonCompliant('neither `expiration_date` nor `rotation_policy.expire_after` is set; expected one of them');
  },
};

export default rule;

import { Rule, notApplicable, unknown } from '../../rule';
import { attribute } from '../../graph';
import { atLeast } from '../gov/_helpers';

/** Azure Policy 82067dbb's parameter as the platform sets it (2048 is the absolute floor). */
const MINIMUM_RSA_BITS = 3072;

const rule: Rule = {
  id: 'GAI-KEY-004',
  title: 'RSA keys are at least 3072 bits',
  severity: 'warning',
  rationale: 'RSA-2048 gives about 112-bit security, which NIST retires for new protection after 2030; a customer-managed key lives for years and protects data at rest for longer still.',
  remediation: 'Set `key_size = 3072` (or 4096) on RSA keys (the KeyVault construct\'s `addCustomerManagedKey` uses 3072).',
  references: { azurePolicy: ['82067dbb'] },
  appliesTo: ['azurerm_key_vault_key'],
  check(key) {
    const type = attribute(key, 'key_type');
    if (type.kind === 'unknown') return unknown(`\`key_type\` is only known after apply (${type.expression}); cannot tell whether it is an RSA key`);
    if (type.kind !== 'known' || !String(type.value).startsWith('RSA')) return notApplicable;
    return atLeast(key, 'key_size', MINIMUM_RSA_BITS);
  },
};

export default rule;

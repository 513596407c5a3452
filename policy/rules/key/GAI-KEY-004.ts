import { CMK_CONSTRAINTS } from '../../../catalog/customer-managed-keys';
import { Rule, notApplicable, unknown } from '../../rule';
import { attribute } from '../../graph';
import { atLeast } from '../gov/_helpers';
import { consumersOf } from './_cmk';

/** Azure Policy 82067dbb's parameter as the platform sets it (2048 is the absolute floor). */
const MINIMUM_RSA_BITS = 3072;

const rule: Rule = {
  id: 'GAI-KEY-004',
  title: 'RSA keys are at least 3072 bits, or the largest size their consumers accept',
  severity: 'warning',
  rationale: 'RSA-2048 gives about 112-bit security, which NIST retires for new protection after 2030; a customer-managed key lives for years and protects data at rest for longer still. Where a service accepts nothing larger (Azure AI services take RSA 2048 only, catalog/customer-managed-keys.ts) the floor is the largest size every consumer of the key accepts; Azure Policy 82067dbb set to 3072 would still flag such a key, which then needs a policy exemption.',
  remediation: 'Set `key_size = 3072` (or 4096) on RSA keys; for a key only services limited to 2048 use, keep it to those services (`KeyVault.addCustomerManagedKey` with `consumers` picks 3072 where every consumer accepts it).',
  references: { azurePolicy: ['82067dbb'] },
  appliesTo: ['azurerm_key_vault_key'],
  check(key, { graph }) {
    const type = attribute(key, 'key_type');
    if (type.kind === 'unknown') return unknown(`\`key_type\` is only known after apply (${type.expression}); cannot tell whether it is an RSA key`);
    if (type.kind !== 'known' || !String(type.value).startsWith('RSA')) return notApplicable;
    // The largest size every (catalogued) consumer accepts caps the floor: 2048 for an AI services key.
    const consumers = consumersOf(key, graph).filter((c) => CMK_CONSTRAINTS[c.type] !== undefined);
    const ceiling = Math.min(...consumers.map((c) => Math.max(...CMK_CONSTRAINTS[c.type].keySizes)));
    return atLeast(key, 'key_size', Math.min(MINIMUM_RSA_BITS, ceiling));
  },
};

export default rule;

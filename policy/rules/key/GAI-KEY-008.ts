import { CMK_CONSTRAINTS, cmkConstraint, keyProblems } from '../../../catalog/customer-managed-keys';
import { attribute } from '../../graph';
import { compliant, nonCompliant, notApplicable, Outcome, Rule, unknown } from '../../rule';
import { consumersOf } from './_cmk';

const rule: Rule = {
  id: 'GAI-KEY-008',
  title: 'A customer-managed key has a type and size every service that uses it accepts',
  severity: 'error',
  rationale: 'Services accept only some customer-managed keys: Azure AI services take RSA or RSA-HSM keys of 2048 bits only, Storage RSA/RSA-HSM 2048, 3072 or 4096. A key the service does not accept fails the account\'s creation (or its CMK update) at apply, after the rest of the environment is half-built; the constraints per service, with their Microsoft Learn sources, are data in catalog/customer-managed-keys.ts.',
  remediation: 'Give each service its own key and let `KeyVault.addCustomerManagedKey(id, { name, consumers: [<resource type>] })` choose a type and size every consumer accepts (RSA 2048 for `azurerm_cognitive_account`); do not share a key between services whose constraints differ.',
  references: {},
  appliesTo: ['azurerm_key_vault_key'],
  check(key, { graph }) {
    const consumers = consumersOf(key, graph).filter((c) => CMK_CONSTRAINTS[c.type] !== undefined);
    if (consumers.length === 0) return notApplicable;
    const type = attribute(key, 'key_type');
    const size = attribute(key, 'key_size');
    const pending = [type, size].find((v) => v.kind === 'unknown');
    if (pending?.kind === 'unknown') return unknown(`the key's \`key_type\` or \`key_size\` is only known after apply (${pending.expression}); cannot check it against ${consumers.map((c) => c.address).join(', ')}`);
    const keyType = type.kind === 'known' ? String(type.value) : 'an unset key_type';
    const keySize = size.kind === 'known' ? Number(size.value) : undefined;
    const outcomes: Outcome[] = consumers.flatMap((consumer) => keyProblems(consumer.type, { keyType, keySize })
      .map((problem) => nonCompliant(`${consumer.address} uses this key, but ${problem} (source: ${cmkConstraint(consumer.type).sources[0].split(' ')[0]})`)));
    return outcomes.length > 0 ? outcomes : compliant;
  },
};

export default rule;

import { expectAttribute, Rule } from '../../rule';

const rule: Rule = {
  id: 'GAI-APIM-005',
  title: 'API Management has a managed identity',
  severity: 'error',
  rationale: 'The gateway authenticates to the model accounts and reads Key Vault certificates and named values with its managed identity; without one it falls back to keys stored in the gateway.',
  remediation: 'Add `identity { type = "UserAssigned", identity_ids = [...] }` (the AI gateway construct uses the gateway workload identity).',
  references: { psrule: ['Azure.APIM.ManagedIdentity'], mcsb: ['IM-1', 'PA-7'] },
  appliesTo: ['azurerm_api_management'],
  check: (apim) => expectAttribute(apim, 'identity.type', {
    test: (type) => String(type).trim() !== '' && String(type) !== 'None',
    wanted: 'a SystemAssigned and/or UserAssigned identity',
    whenAbsent: 'no `identity` block (or `identity.type` empty); expected a SystemAssigned and/or UserAssigned identity',
  }),
};

export default rule;

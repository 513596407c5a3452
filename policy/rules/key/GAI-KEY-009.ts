import { CONSTRAINED_CMK_CONSUMER_TYPES, cmkConstraint } from '../../../catalog/customer-managed-keys';
import { normalizeRegion } from '../../../catalog/regions';
import { attribute } from '../../graph';
import { compliant, knownString, nonCompliant, notApplicable, Rule, unknown } from '../../rule';
import { CMK_CONSUMERS, keyAndVaultOf, regionHolderOf } from './_cmk';

const rule: Rule = {
  id: 'GAI-KEY-009',
  title: 'A customer-managed key lives in a vault in the consumer\'s region where the service requires it',
  severity: 'error',
  rationale: 'Azure AI services and Azure Managed Redis use a customer-managed key only from a Key Vault in their own region (Microsoft Learn: "The Azure OpenAI resource and the key vault must be in the same region"; "The Azure Key Vault resource containing the customer managed key must be in the same region as the cache resource"). A failover account in a second region that points at the primary region\'s vault fails at apply.',
  remediation: 'Create a Key Vault in each region that hosts such a consumer, with its own key and grant, and give each consumer the key of the vault in its region (the platform stack does this for model accounts: docs/adr/0006-regional-key-vaults.md).',
  references: {},
  appliesTo: CONSTRAINED_CMK_CONSUMER_TYPES,
  check(consumer, { graph }) {
    const constraint = cmkConstraint(consumer.type);
    if (!constraint.vaultInConsumerRegion) return notApplicable;
    const keyValue = attribute(consumer, CMK_CONSUMERS[consumer.type].keyPath);
    if (keyValue.kind === 'absent') return notApplicable;
    const { vault } = keyAndVaultOf(consumer, graph);
    if (!vault) return unknown(`the key's vault is not in the plan; cannot check that it is in the consumer's region (${constraint.service} requires it)`);
    const holder = regionHolderOf(consumer, graph);
    const consumerRegion = holder ? knownString(holder, 'location') : undefined;
    const vaultRegion = knownString(vault, 'location');
    if (consumerRegion === undefined || vaultRegion === undefined) {
      return unknown(`the region of ${holder?.address ?? 'the consumer'} or of ${vault.address} is only known after apply; ${constraint.service} requires them to be the same`);
    }
    return normalizeRegion(consumerRegion) === normalizeRegion(vaultRegion)
      ? compliant
      : nonCompliant(`${constraint.service} in ${consumerRegion} encrypts with a key from ${vault.address} in ${vaultRegion}; the vault must be in ${consumerRegion} (source: ${constraint.sources[0].split(' ')[0]})`);
  },
};

export default rule;

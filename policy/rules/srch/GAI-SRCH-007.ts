import { attribute } from '../../graph';
import { Rule, compliant, nonCompliant, notApplicable, unknown } from '../../rule';
import { cmkRequirement } from '../cog/_helpers';

const rule: Rule = {
  id: 'GAI-SRCH-007',
  title: 'AI Search enforces customer-managed keys for confidential data',
  severity: 'warning',
  rationale: 'With enforcement on, the service refuses to create indexes or synonym maps that are not encrypted with a customer-managed key, so confidential content cannot land under Microsoft-managed keys.',
  remediation: 'Set `customer_managed_key_enforcement_enabled = true` (provider default false) and encrypt indexes with a key from the platform Key Vault. Required when the `data-classification` tag is confidential or restricted (or missing).',
  references: { azurePolicy: ['76a56461'], mcsb: ['DP-5'] },
  appliesTo: ['azurerm_search_service'],
  check(search) {
    const enforced = attribute(search, 'customer_managed_key_enforcement_enabled');
    if (enforced.kind === 'known' && enforced.value === true) return compliant;
    const { required, why } = cmkRequirement(search);
    if (required === false) return notApplicable;
    if (enforced.kind === 'unknown') return unknown(`\`customer_managed_key_enforcement_enabled\` is only known after apply (${enforced.expression}); expected true`);
    if (required === 'unknown') return unknown(`whether customer-managed keys are required is unknown: ${why}`);
    const found = enforced.kind === 'absent' ? 'is not set (provider default false)' : `is ${JSON.stringify(enforced.value)}`;
    return nonCompliant(`\`customer_managed_key_enforcement_enabled\` ${found} while ${why}; expected true`);
  },
};

export default rule;

import { attribute } from '../../graph';
import { Rule, compliant, nonCompliant, unknown } from '../../rule';

const rule: Rule = {
  id: 'GAI-DEP-005',
  title: 'Model deployment sets its capacity explicitly',
  severity: 'note',
  rationale: 'Capacity (thousands of tokens per minute, or PTUs) is both the cost ceiling and the throttling limit of a deployment; left unset the provider requests 1 (1,000 TPM), which is rarely what was budgeted.',
  remediation: 'Set `sku.capacity` to the budgeted TPM (in thousands) or PTU count of the deployment.',
  references: {},
  appliesTo: ['azurerm_cognitive_deployment'],
  check(deployment) {
    const capacity = attribute(deployment, 'sku.capacity');
    if (capacity.kind === 'unknown') return unknown(`\`sku.capacity\` is only known after apply (${capacity.expression}); expected an explicit capacity`);
    if (capacity.kind === 'absent') return nonCompliant('`sku.capacity` is not set (the provider requests 1, i.e. 1,000 tokens per minute); expected the budgeted capacity');
    const n = Number(capacity.value);
    return Number.isInteger(n) && n > 0 ? compliant : nonCompliant(`\`sku.capacity\` is ${JSON.stringify(capacity.value)}; expected a positive whole number`);
  },
};

export default rule;

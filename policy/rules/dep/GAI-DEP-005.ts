import { Rule, expectAttribute } from '../../rule';

const rule: Rule = {
  id: 'GAI-DEP-005',
  title: 'Model deployment sets its capacity explicitly',
  severity: 'note',
  rationale: 'Capacity (thousands of tokens per minute, or PTUs) is both the cost ceiling and the throttling limit of a deployment; left unset the provider requests 1 (1,000 TPM), which is rarely what was budgeted.',
  remediation: 'Set `sku.capacity` to the budgeted TPM (in thousands) or PTU count of the deployment.',
  references: {},
  appliesTo: ['azurerm_cognitive_deployment'],
  check: (deployment) => expectAttribute(deployment, 'sku.capacity', {
    test: (capacity) => Number.isInteger(Number(capacity)) && Number(capacity) > 0,
    wanted: 'a positive whole number',
    whenAbsent: '`sku.capacity` is not set (the provider requests 1, i.e. 1,000 tokens per minute); expected the budgeted capacity',
  }),
};

export default rule;

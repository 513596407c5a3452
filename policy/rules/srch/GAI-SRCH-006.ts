import { attributeRule } from '../../rule';

/** SKUs with private endpoints and an SLA (free has neither). */
const SKUS = ['basic', 'standard', 'standard2', 'standard3', 'storage_optimized_l1', 'storage_optimized_l2'];

export default attributeRule({
  id: 'GAI-SRCH-006',
  title: 'AI Search uses a SKU that supports private link',
  severity: 'warning',
  rationale: 'The free tier runs on shared infrastructure without private endpoints, managed identity or SLA, so it cannot meet the platform\'s network isolation.',
  remediation: `Set \`sku\` to one of ${SKUS.join(', ')}.`,
  references: { psrule: ['Azure.Search.SKU'], azurePolicy: ['a049bf77'], mcsb: ['NS-2'] },
  appliesTo: ['azurerm_search_service'],
  path: 'sku',
  expected: SKUS,
});

import { referencedResource } from '../../graph';
import { REGIONS } from '../../../catalog/regions';
import { Rule, compliant, nonCompliant, unknown } from '../../rule';
import { stringAt } from '../cog/_helpers';
import { normalizeRegion } from '../../../catalog/regions';

/** Processing stays in the account's region. */
const REGIONAL = ['Standard', 'ProvisionedManaged'];
/** Processing stays inside the data zone (EU or US) of the account's region. */
const DATA_ZONE = ['DataZoneStandard', 'DataZoneProvisionedManaged', 'DataZoneBatch'];

const rule: Rule = {
  id: 'GAI-DEP-003',
  title: 'Model deployment SKU keeps processing in the region or data zone',
  severity: 'warning',
  rationale: 'Global* deployment types (GlobalStandard, GlobalProvisionedManaged, GlobalBatch) may process prompts in any Azure region worldwide; the plan cannot show that the environment\'s residency class allows that, so it needs a recorded decision.',
  remediation: `Use \`sku.name\` ${[...REGIONAL, ...DATA_ZONE].join(', ')} (DataZone* only in regions with an EU/US data zone), or record the decision that global processing is allowed with a suppression of this rule.`,
  references: {},
  appliesTo: ['azurerm_cognitive_deployment'],
  check(deployment, { graph }) {
    const sku = stringAt(deployment, 'sku.name');
    if (sku === 'unknown') return unknown('`sku.name` is only known after apply; expected a regional or data-zone deployment type');
    if (sku === undefined) return nonCompliant('`sku.name` is not set; expected a regional or data-zone deployment type');
    const is = (list: string[]) => list.some((s) => s.toLowerCase() === sku.toLowerCase());
    if (sku.toLowerCase().startsWith('global')) {
      return nonCompliant(`\`sku.name\` is "${sku}", which may process data in any Azure region; expected ${[...REGIONAL, ...DATA_ZONE].join(', ')} unless a suppression records that global processing is allowed`);
    }
    if (is(REGIONAL)) return compliant;
    if (is(DATA_ZONE)) {
      const account = referencedResource(graph, deployment, 'cognitive_account_id', 'azurerm_cognitive_account');
      const location = account ? stringAt(account, 'location') : undefined;
      if (location === undefined || location === 'unknown') return compliant;
      const region = normalizeRegion(location);
      if (REGIONS[region] && !REGIONS[region].dataZone) {
        return nonCompliant(`\`sku.name\` is "${sku}" but the account's region ${region} has no EU/US data zone; expected Standard or ProvisionedManaged`);
      }
      return compliant;
    }
    return nonCompliant(`\`sku.name\` "${sku}" has no known data-processing boundary; expected ${[...REGIONAL, ...DATA_ZONE].join(', ')}`);
  },
};

export default rule;

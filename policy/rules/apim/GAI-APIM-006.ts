import { attribute } from '../../graph';
import { compliant, nonCompliant, notApplicable, Rule, unknown } from '../../rule';

const rule: Rule = {
  id: 'GAI-APIM-006',
  title: 'Production API Management is Premium, zone redundant, with a unit per zone',
  severity: 'warning',
  rationale: 'Production only: every model call passes through the gateway, so a single-zone gateway is a platform-wide outage on a zone failure; Premium (classic or v2) is the tier that spreads units across availability zones.',
  remediation: 'In the production environment config use `sku_name = "Premium_<N>"` (or PremiumV2) with `zones = ["1", "2", "3"]` and N >= the number of zones, or record a reliability suppression with the accepted risk.',
  references: { psrule: ['Azure.APIM.AvailabilityZone'] },
  appliesTo: ['azurerm_api_management'],
  check(apim, { production }) {
    if (!production) return notApplicable;
    const sku = attribute(apim, 'sku_name');
    if (sku.kind === 'unknown') return unknown(`\`sku_name\` is only known after apply (${sku.expression}); expected Premium_N`);
    const m = /^(Premium|PremiumV2)_(\d+)$/.exec(sku.kind === 'known' ? String(sku.value) : '');
    if (!m) return nonCompliant(`\`sku_name\` is ${sku.kind === 'known' ? `"${String(sku.value)}"` : 'not set'}; expected Premium_N (or PremiumV2_N) in production`);
    const zones = attribute(apim, 'zones');
    if (zones.kind === 'unknown') return unknown(`\`zones\` is only known after apply (${zones.expression}); expected at least 2 zones`);
    const list = zones.kind === 'known' && Array.isArray(zones.value) ? zones.value : [];
    if (list.length < 2) return nonCompliant(`\`zones\` has ${list.length} entr${list.length === 1 ? 'y' : 'ies'}; expected at least 2 availability zones`);
    const units = Number(m[2]);
    if (units < list.length) return nonCompliant(`\`sku_name\` "${m[0]}" has ${units} unit(s) for ${list.length} zones; expected at least one unit per zone`);
    return compliant;
  },
};

export default rule;

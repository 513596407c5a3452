import { attribute } from '../../graph';
import { UNKNOWN_VALUE } from '../../plan';
import { Rule, compliant, nonCompliant, unknown } from '../../rule';
import { standaloneRulesOf } from '../net/_helpers';

const rule: Rule = {
  id: 'GAI-NSG-006',
  title: 'NSG rules are declared either inline or as separate resources, not both',
  severity: 'note',
  rationale: 'Terraform treats inline `security_rule` blocks as the complete rule set, so each apply removes rules added by `azurerm_network_security_rule` resources and the next apply adds them back (permanent drift, brief exposure windows).',
  remediation: 'Declare all rules of an NSG as `azurerm_network_security_rule` resources (as the Network construct does) or all inline; never both.',
  references: {},
  appliesTo: ['azurerm_network_security_group'],
  check(nsg, { graph }) {
    const standalone = standaloneRulesOf(graph, nsg);
    const inline = attribute(nsg, 'security_rule');
    if (standalone.length === 0) return compliant;
    if (inline.kind === 'unknown' && inline.expression !== UNKNOWN_VALUE) return unknown(`\`security_rule\` is only known after apply (${inline.expression}) and ${standalone.length} azurerm_network_security_rule resources target this NSG`);
    const count = inline.kind === 'known' && Array.isArray(inline.value) ? inline.value.length : inline.kind === 'known' ? 1 : 0;
    return count > 0
      ? nonCompliant(`the NSG has ${count} inline \`security_rule\` block(s) and ${standalone.length} azurerm_network_security_rule resource(s) (${standalone.map((r) => r.address).join(', ')}); expected one style only`)
      : compliant;
  },
};

export default rule;

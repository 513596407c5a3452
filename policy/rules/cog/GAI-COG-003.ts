import { attribute } from '../../graph';
import { Outcome, Rule, compliant, expectAttribute, nonCompliant, unknown, show } from '../../rule';
import { tooBroadRanges } from '../net/_helpers';
import { stringList } from './_helpers';

/** Services that reach a cognitive account as "trusted Azure services" (network_acls bypass). */
const TRUSTED_CALLERS = ['azurerm_search_service', 'azurerm_ai_foundry', 'azurerm_ai_foundry_project', 'azurerm_machine_learning_workspace'];

const rule: Rule = {
  id: 'GAI-COG-003',
  title: 'Cognitive account firewall denies by default',
  severity: 'warning',
  rationale: 'Without a deny-by-default `network_acls` block the account accepts traffic from any network once public access is on; broad IP rules or an unneeded trusted-service bypass re-open it.',
  remediation: 'Add `network_acls { default_action = "Deny", bypass = "None" }` with no `ip_rules` (or only narrow, approved ranges); keep `bypass = "AzureServices"` only where AI Search or AI Foundry in the same plan call the account as a trusted service.',
  references: { psrule: ['Azure.AI.PublicAccess'], azurePolicy: ['037eea7a'], mcsb: ['NS-2'] },
  appliesTo: ['azurerm_cognitive_account'],
  check(account, { graph }) {
    const acls = attribute(account, 'network_acls');
    if (acls.kind === 'absent') return nonCompliant('`network_acls` is not set; expected a block with `default_action = "Deny"`');
    if (acls.kind === 'unknown') return unknown(`\`network_acls\` is only known after apply (${acls.expression}); expected \`default_action = "Deny"\``);
    const outcomes: Outcome[] = [];
    const action = expectAttribute(account, 'network_acls.default_action', { expected: 'Deny' });
    if (action.status !== 'compliant') outcomes.push(action);

    const ipRules = stringList(account, 'network_acls.ip_rules');
    const broad = tooBroadRanges(ipRules.items);
    if (broad.length > 0) outcomes.push(nonCompliant(`\`network_acls.ip_rules\` opens ${broad.map(show).join(', ')}; expected no rules or approved ranges of /24 or narrower`));
    else if (ipRules.unknown) outcomes.push(unknown('`network_acls.ip_rules` is only known after apply; expected no rules or approved ranges of /24 or narrower'));

    const bypass = attribute(account, 'network_acls.bypass');
    if (bypass.kind === 'unknown') {
      outcomes.push(unknown(`\`network_acls.bypass\` is only known after apply (${bypass.expression}); expected "None"`));
    } else if (bypass.kind === 'absent' || bypass.value !== 'None') {
      const callers = TRUSTED_CALLERS.filter((type) => graph.ofType(type).length > 0);
      if (callers.length === 0) {
        const found = bypass.kind === 'absent' ? 'is not set (Azure applies "AzureServices")' : `is ${show(bypass.value)}`;
        outcomes.push(nonCompliant(`\`network_acls.bypass\` ${found} but no trusted Azure service in the plan (${TRUSTED_CALLERS.join(', ')}) needs it; expected "None"`));
      }
    }
    return outcomes.length > 0 ? outcomes : compliant;
  },
};

export default rule;

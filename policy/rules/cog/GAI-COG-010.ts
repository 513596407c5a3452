import { attribute } from '../../graph';
import { Outcome, Rule, compliant, expectAttribute, nonCompliant, notApplicable, unknown } from '../../rule';
import { presence, stringAt } from './_helpers';

const rule: Rule = {
  id: 'GAI-COG-010',
  title: 'Foundry (AIServices with projects) injects agents into the VNet',
  severity: 'note',
  rationale: 'With `project_management_enabled` the account hosts Foundry projects and agents; without network injection the agent runtime runs on Microsoft-managed networking and cannot reach private endpoints in the platform VNet privately.',
  remediation: 'Add `network_injection { scenario = "agent", subnet_id = <delegated agent subnet> }` to the AIServices account.',
  references: {},
  appliesTo: ['azurerm_cognitive_account'],
  check(account, { graph }) {
    const kind = stringAt(account, 'kind');
    const projects = attribute(account, 'project_management_enabled');
    if (kind !== 'unknown' && kind?.toLowerCase() !== 'aiservices') return notApplicable;
    if (projects.kind === 'absent' || (projects.kind === 'known' && projects.value !== true)) return notApplicable;
    if (kind === 'unknown' || projects.kind === 'unknown') {
      return unknown('`kind` or `project_management_enabled` is only known after apply; Foundry accounts must set `network_injection`');
    }
    const injection = attribute(account, 'network_injection');
    if (injection.kind === 'absent') return nonCompliant('`network_injection` is not set; expected `scenario = "agent"` with a `subnet_id`');
    if (injection.kind === 'unknown') return unknown(`\`network_injection\` is only known after apply (${injection.expression})`);
    const outcomes: Outcome[] = [];
    const scenario = expectAttribute(account, 'network_injection.scenario', { expected: 'agent' });
    if (scenario.status !== 'compliant') outcomes.push(scenario);
    const subnet = presence(graph, account, 'network_injection.subnet_id');
    if (subnet === 'unset') outcomes.push(nonCompliant('`network_injection.subnet_id` is not set; expected the agent subnet'));
    if (subnet === 'unknown') outcomes.push(unknown('`network_injection.subnet_id` is only known after apply; expected the agent subnet'));
    return outcomes.length > 0 ? outcomes : compliant;
  },
};

export default rule;

import { attribute } from '../../graph';
import { Outcome, Rule, compliant, expectAttribute, nonCompliant } from '../../rule';

const rule: Rule = {
  id: 'GAI-SRCH-002',
  title: 'AI Search disables API-key authentication',
  severity: 'error',
  rationale: 'Admin and query keys are shared secrets that give full or read access to every index without identity or audit; Entra ID with RBAC is the only authentication the platform allows.',
  remediation: 'Set `local_authentication_enabled = false` (the provider default is true) and leave `authentication_failure_mode` unset; grant callers "Search Index Data Reader/Contributor".',
  references: { azurePolicy: ['6300012e'], mcsb: ['IM-1'] },
  appliesTo: ['azurerm_search_service'],
  check(search) {
    const outcomes: Outcome[] = [];
    const local = expectAttribute(search, 'local_authentication_enabled', { expected: false, providerDefault: true });
    if (local.status !== 'compliant') outcomes.push(local);
    const failureMode = attribute(search, 'authentication_failure_mode');
    if (failureMode.kind !== 'absent') {
      outcomes.push(nonCompliant(`\`authentication_failure_mode\` is ${failureMode.kind === 'known' ? JSON.stringify(failureMode.value) : 'set'}, which only applies to key authentication; expected it unset`));
    }
    return outcomes.length > 0 ? outcomes : compliant;
  },
};

export default rule;

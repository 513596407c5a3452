import { Rule, compliant, nonCompliant, unknown, show } from '../../rule';
import { firstKnown } from '../gov/_helpers';

const rule: Rule = {
  id: 'GAI-LAW-002',
  title: 'Log Analytics accepts Entra ID authentication only',
  severity: 'warning',
  rationale: 'With local authentication on, anyone holding the workspace shared key can ingest forged records into the audit trail or read it, without an identity in the logs.',
  remediation: 'Set `local_authentication_enabled = false` (azurerm 4.x; the deprecated `local_authentication_disabled = true` is accepted too). The Monitoring construct does.',
  references: { azurePolicy: ['e15effd4'], mcsb: ['IM-1 (analogy)'] },
  appliesTo: ['azurerm_log_analytics_workspace'],
  check(workspace) {
    const enabled = firstKnown(workspace, [{ path: 'local_authentication_enabled' }, { path: 'local_authentication_disabled', invert: true }]);
    if (enabled.kind === 'unknown') return unknown(`\`${enabled.path}\` is only known after apply (${enabled.expression}); expected local authentication off`);
    if (enabled.kind === 'absent') return nonCompliant('`local_authentication_enabled` is not set, so the provider default true applies; expected false');
    if (enabled.value === false) return compliant;
    return enabled.path === 'local_authentication_disabled'
      ? nonCompliant('`local_authentication_disabled` is false; expected `local_authentication_enabled = false`')
      : nonCompliant(`\`local_authentication_enabled\` is ${show(enabled.value)}; expected false`);
  },
};

export default rule;

import { attribute } from '../../graph';
import { Outcome, Rule, compliant, expectAttribute, nonCompliant, notApplicable, unknown } from '../../rule';
import { principalOf } from './_principals';

const rule: Rule = {
  id: 'GAI-IAM-005',
  title: 'Role assignments to managed identities declare the principal type',
  severity: 'note',
  rationale: 'Without `principal_type = "ServicePrincipal"` Azure looks the principal up in Entra ID, which fails intermittently for an identity created seconds earlier (replication delay); `skip_service_principal_aad_check` avoids that lookup.',
  remediation: 'Set `principal_type = "ServicePrincipal"` and `skip_service_principal_aad_check = true` on assignments to managed identities (the grantRole helper does, for grantees with principalType ServicePrincipal).',
  references: {},
  appliesTo: ['azurerm_role_assignment'],
  check(assignment, { graph }) {
    const principal = principalOf(graph, assignment, 'declared');
    if (principal.kind !== 'managed-identity') return notApplicable;
    const outcomes: Outcome[] = [];
    const type = expectAttribute(assignment, 'principal_type', { expected: 'ServicePrincipal' });
    if (type.status !== 'compliant') outcomes.push(type);
    const skip = attribute(assignment, 'skip_service_principal_aad_check');
    if (skip.kind === 'unknown') outcomes.push(unknown(`\`skip_service_principal_aad_check\` is only known after apply (${skip.expression}); expected true for an identity created in the same plan`));
    else if (skip.kind === 'absent' || skip.value !== true) {
      outcomes.push(nonCompliant(`\`skip_service_principal_aad_check\` is ${skip.kind === 'absent' ? 'not set' : JSON.stringify(skip.value)} for the managed identity of ${principal.holder.address}; expected true`));
    }
    return outcomes.length > 0 ? outcomes : compliant;
  },
};

export default rule;

import { attribute, refersTo } from '../../graph';
import { PlanResource } from '../../plan';
import { compliant, nonCompliant, notApplicable, Rule, unknown } from '../../rule';
import { CMK_CONSUMERS, CMK_CONSUMER_TYPES, assignmentsOf, cmkIdentityOf, grantsCryptoRole, keyAndVaultOf } from './_cmk';

/** A `sleep` (POSIX) or `Start-Sleep` (PowerShell) command of a local-exec provisioner. */
const SLEEP_COMMAND = /(^|[\s;&|])(sleep|Start-Sleep)\s/i;

/** Whether a resource is an RBAC propagation wait: `time_sleep`, or `terraform_data` with a sleeping local-exec provisioner. */
function isWait(resource: PlanResource): boolean {
  if (resource.type === 'time_sleep') return true;
  return resource.type === 'terraform_data' && resource.localExecCommands.some((c) => SLEEP_COMMAND.test(c));
}

const rule: Rule = {
  id: 'GAI-KEY-011',
  title: 'A customer-managed-key consumer waits for RBAC propagation after its identity\'s crypto grant',
  severity: 'error',
  rationale: 'A service checks access to its customer-managed key when it is created. Azure RBAC role assignments "can take up to 10 minutes" to take effect (Microsoft Learn, Troubleshoot Azure RBAC), so an account, storage account or cache created right after its identity\'s Key Vault grant fails the first apply with 403. Depending on the grant orders the calls but does not wait for propagation; a wait between grant and consumer does.',
  remediation: 'Make the consumer depend on a wait that depends on the grant: `KeyVault.grantCustomerManagedKeyAccess(identity).ready` (a `terraform_data` with a `local-exec` `sleep` and `triggers_replace` = the role assignment ids, constructs/identity/propagation.ts), passed as the construct\'s `customerManagedKey.accessGrant`.',
  references: {},
  appliesTo: CMK_CONSUMER_TYPES,
  check(consumer, { graph }) {
    const spec = CMK_CONSUMERS[consumer.type];
    if (attribute(consumer, spec.keyPath).kind === 'absent') return notApplicable;
    const { key, vault } = keyAndVaultOf(consumer, graph);
    const identity = cmkIdentityOf(consumer, graph);
    if (!vault || identity.kind === 'unknown') {
      return unknown(`${identity.kind === 'unknown' ? identity.message : 'the key\'s vault is not in the plan'}; cannot find the grant this consumer must wait for`);
    }
    const grants = assignmentsOf(identity, graph)
      .filter((a) => refersTo(attribute(a, 'scope'), vault) || (key !== undefined && refersTo(attribute(a, 'scope'), key)))
      .filter((a) => grantsCryptoRole(a) !== false);
    if (grants.length === 0) return unknown(`no Key Vault crypto role assignment for the consumer's identity on ${vault.address} in the plan (GAI-KEY-007); nothing to wait for`);
    const before = graph.waitsFor(consumer);
    const waits = [...before].filter(isWait);
    const waited = grants.filter((grant) => waits.some((wait) => graph.waitsFor(wait).has(grant)));
    if (waited.length > 0) return compliant;
    const direct = grants.filter((grant) => before.has(grant));
    return nonCompliant(direct.length > 0
      ? `the consumer depends on the grant ${direct.map((g) => g.address).join(', ')} directly, with no wait between them: its first PUT can fail with 403 while the role propagates; expected a dependency on a \`terraform_data\` sleep (or \`time_sleep\`) that depends on the grant`
      : `the consumer does not wait for the grant ${grants.map((g) => g.address).join(', ')}: expected a dependency on a \`terraform_data\` sleep (or \`time_sleep\`) that depends on the grant`);
  },
};

export default rule;

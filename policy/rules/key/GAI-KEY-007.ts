import { attribute, refersTo } from '../../graph';
import { PlanResource } from '../../plan';
import { compliant, nonCompliant, notApplicable, Rule, unknown } from '../../rule';
import { isRole, roleOf } from '../iam/_principals';
import { CMK_CONSUMERS, CMK_CONSUMER_TYPES, assignmentsOf, cmkIdentityOf, keyAndVaultOf } from './_cmk';

const ROLE_NAME = 'Key Vault Crypto Service Encryption User';

/** Whether the assignment grants ROLE_NAME (by name, or by its built-in id); undefined when only known after apply. */
const grantsRole = (assignment: PlanResource): boolean | undefined => isRole(roleOf(assignment, 'resolved'), [ROLE_NAME]);

const rule: Rule = {
  id: 'GAI-KEY-007',
  title: 'The identity that unwraps a customer-managed key holds Crypto Service Encryption User',
  severity: 'warning',
  rationale: 'With RBAC-authorized vaults a service can wrap and unwrap its data encryption key only if the identity it uses for the key holds "Key Vault Crypto Service Encryption User" on the vault or key; without it the service fails to start encryption or loses access to its data when the key rotates.',
  remediation: 'Create an `azurerm_role_assignment` with `role_definition_name = "Key Vault Crypto Service Encryption User"`, `scope` = the vault (or key) id and `principal_id` = the CMK identity\'s principal — `KeyVault.grantCryptoServiceEncryptionUser(identity)` does this.',
  references: { mcsb: ['DP-5'] },
  appliesTo: CMK_CONSUMER_TYPES,
  check(consumer, { graph }) {
    const spec = CMK_CONSUMERS[consumer.type];
    const keyValue = attribute(consumer, spec.keyPath);
    if (keyValue.kind === 'absent') return notApplicable;
    const { key, vault } = keyAndVaultOf(consumer, graph);
    if (!key || !vault) {
      const shown = keyValue.kind === 'unknown' ? keyValue.expression : String(keyValue.value);
      return unknown(`the key (\`${spec.keyPath}\` = ${shown}) or its vault is not in the plan; cannot check the role assignment`);
    }
    const identity = cmkIdentityOf(consumer, graph);
    if (identity.kind === 'unknown') return unknown(`${identity.message}; cannot tell which principal needs "${ROLE_NAME}"`);
    const candidates = assignmentsOf(identity, graph).filter((a) => refersTo(attribute(a, 'scope'), vault) || refersTo(attribute(a, 'scope'), key));
    const verdicts = candidates.map(grantsRole);
    if (verdicts.includes(true)) return compliant;
    const who = identity.kind === 'user-assigned' ? identity.identity.address : `the system-assigned identity of ${identity.holder.address}`;
    if (verdicts.includes(undefined)) return unknown(`a role assignment for ${who} on ${vault.address} has a role only known after apply; expected "${ROLE_NAME}"`);
    return nonCompliant(`${who} unwraps ${key.address} but has no "${ROLE_NAME}" role assignment scoped to ${vault.address} or the key; expected one`);
  },
};

export default rule;

/**
 * Customer-managed-key consumers, their keys and vaults, and the identities that unwrap the keys, for
 * GAI-KEY-004 and GAI-KEY-006..011 (not a rule file). What each service accepts is data in
 * catalog/customer-managed-keys.ts.
 */
import { ResourceGraph, attribute, refersTo } from '../../graph';
import { PlanResource } from '../../plan';
import { knownString } from '../../rule';
import { assignmentsNaming, isRole, resolveValue, roleOf } from '../iam/_principals';
import { cmkConsumers } from '../../../catalog/services';

/** Where a consumer configures its customer-managed key and the identity that unwraps it (catalog/services.ts `cmk`). */
export type CmkConsumerSpec = ReturnType<typeof cmkConsumers>[string];

/** CMK consumers by Terraform type, from the service catalog. */
export const CMK_CONSUMERS: Readonly<Record<string, CmkConsumerSpec>> = cmkConsumers();

export const CMK_CONSUMER_TYPES: readonly string[] = Object.keys(CMK_CONSUMERS);

/** Whether `consumer` uses `key` as its customer-managed key. */
export function usesKey(consumer: PlanResource, key: PlanResource): boolean {
  const spec = CMK_CONSUMERS[consumer.type];
  if (!spec) return false;
  if (consumer.type === 'azurerm_storage_account_customer_managed_key') {
    const name = attribute(consumer, 'key_name');
    const keyName = knownString(key, 'name');
    const sameName = refersTo(name, key) || (name.kind === 'known' && keyName !== undefined && name.value === keyName);
    const vault = attribute(key, 'key_vault_id');
    const consumerVault = attribute(consumer, 'key_vault_id');
    const sameVault = vault.kind !== 'absent' && JSON.stringify(vault) === JSON.stringify(consumerVault);
    return sameName && sameVault;
  }
  return refersTo(attribute(consumer, spec.keyPath), key);
}

/**
 * The keys a consumer may use: those its key attribute refers to, and for a storage account CMK the
 * keys with the name it gives (`usesKey` decides).
 */
function candidateKeys(consumer: PlanResource, graph: ResourceGraph): PlanResource[] {
  const keyValue = attribute(consumer, CMK_CONSUMERS[consumer.type].keyPath);
  const named = consumer.type === 'azurerm_storage_account_customer_managed_key' && keyValue.kind === 'known' && typeof keyValue.value === 'string'
    ? graph.withValue('azurerm_key_vault_key', 'name', keyValue.value) : [];
  return [...graph.targetsOf(keyValue), ...named];
}

/** Resources in the plan that use `key` (an `azurerm_key_vault_key`) as a customer-managed key. */
export function consumersOf(key: PlanResource, graph: ResourceGraph): readonly PlanResource[] {
  // Indexed once per plan, by consumer type then plan order as a scan would find them: scanning
  // every consumer for every key grows with the square of the plan.
  const byKey = graph.groupBy('key/_cmk/consumers-by-key', CMK_CONSUMER_TYPES, (consumer) => candidateKeys(consumer, graph).filter((candidate) => usesKey(consumer, candidate)));
  return byKey.get(key) ?? [];
}

/** The identity that unwraps a consumer's key: a user-assigned identity, or a resource's system identity. */
export type CmkIdentity =
  | { readonly kind: 'user-assigned'; readonly identity: PlanResource }
  | { readonly kind: 'system-assigned'; readonly holder: PlanResource }
  | { readonly kind: 'unknown'; readonly message: string };

export function cmkIdentityOf(consumer: PlanResource, graph: ResourceGraph): CmkIdentity {
  const spec = CMK_CONSUMERS[consumer.type];
  const value = attribute(consumer, spec.identityPath);
  if (value.kind !== 'absent') {
    const identity = resolveValue(value, graph, 'azurerm_user_assigned_identity');
    if (identity) return { kind: 'user-assigned', identity };
    const shown = value.kind === 'unknown' ? value.expression : String(value.value);
    return { kind: 'unknown', message: `\`${spec.identityPath}\` (${shown}) is not a user-assigned identity in the plan` };
  }
  if (!spec.holderPath) return { kind: 'system-assigned', holder: consumer };
  const holderValue = attribute(consumer, spec.holderPath);
  const holder = resolveValue(holderValue, graph);
  return holder
    ? { kind: 'system-assigned', holder }
    : { kind: 'unknown', message: `\`${spec.holderPath}\` (${holderValue.kind === 'unknown' ? holderValue.expression : 'outside the plan'}) is not in the plan` };
}

/** The role assignments whose `principal_id` is that identity's principal (`isPrincipal`), in plan order, by indexed lookup. */
export function assignmentsOf(identity: CmkIdentity, graph: ResourceGraph): PlanResource[] {
  if (identity.kind === 'unknown') return [];
  const target = identity.kind === 'user-assigned' ? identity.identity : identity.holder;
  return assignmentsNaming(graph, target).filter((a) => isPrincipal(a, identity));
}

/** Whether a role assignment's `principal_id` is that identity's principal. */
function isPrincipal(assignment: PlanResource, identity: CmkIdentity): boolean {
  if (identity.kind === 'unknown') return false;
  const value = attribute(assignment, 'principal_id');
  const target = identity.kind === 'user-assigned' ? identity.identity : identity.holder;
  if (value.kind === 'unknown') {
    const prefix = `\${${target.address}.`;
    if (!value.expression.includes(prefix)) return false;
    return identity.kind === 'user-assigned' ? value.expression.includes(`${prefix}principal_id`) : /identity/.test(value.expression.slice(value.expression.indexOf(prefix)));
  }
  if (value.kind !== 'known' || typeof value.value !== 'string') return false;
  const principal = identity.kind === 'user-assigned'
    ? knownString(target, 'principal_id')
    : knownString(target, 'identity.principal_id');
  return principal !== undefined && principal.toLowerCase() === value.value.toLowerCase();
}

/** The in-plan key a consumer uses, and its vault (either may be outside the plan). */
export function keyAndVaultOf(consumer: PlanResource, graph: ResourceGraph): { key?: PlanResource; vault?: PlanResource } {
  const spec = CMK_CONSUMERS[consumer.type];
  if (consumer.type === 'azurerm_storage_account_customer_managed_key') {
    const vault = resolveValue(attribute(consumer, 'key_vault_id'), graph, 'azurerm_key_vault');
    const name = attribute(consumer, 'key_name');
    // Looked up by reference and by name, then taken in plan order as a scan of the keys would.
    const candidates = [...graph.targetsOf(name), ...(name.kind === 'known' && typeof name.value === 'string' ? graph.withValue('azurerm_key_vault_key', 'name', name.value) : [])];
    const key = graph.inPlanOrder(candidates).find((k) => k.type === 'azurerm_key_vault_key'
      && (refersTo(name, k) || (name.kind === 'known' && knownString(k, 'name') === name.value && vault !== undefined && refersTo(attribute(k, 'key_vault_id'), vault))));
    return { key, vault };
  }
  const key = resolveValue(attribute(consumer, spec.keyPath), graph, 'azurerm_key_vault_key');
  return { key, vault: key ? resolveValue(attribute(key, 'key_vault_id'), graph, 'azurerm_key_vault') : undefined };
}

/**
 * The resource whose region a consumer encrypts in: itself, or for a separate CMK resource the account it
 * configures (`holderPath`). Undefined when that account is outside the plan.
 */
export function regionHolderOf(consumer: PlanResource, graph: ResourceGraph): PlanResource | undefined {
  const spec = CMK_CONSUMERS[consumer.type];
  return spec.holderPath ? resolveValue(attribute(consumer, spec.holderPath), graph) : consumer;
}

/** Built-in roles that let an identity wrap and unwrap with a vault's keys (GAI-KEY-007's role, or broader crypto roles). */
const CRYPTO_ROLES = ['Key Vault Crypto Service Encryption User', 'Key Vault Crypto User', 'Key Vault Crypto Officer'];

/** Whether a role assignment grants a Key Vault crypto role (undefined: its role is only known after apply). */
export function grantsCryptoRole(assignment: PlanResource): boolean | undefined {
  return isRole(roleOf(assignment, 'resolved'), CRYPTO_ROLES);
}

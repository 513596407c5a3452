/**
 * Customer-managed-key consumers and the identities that unwrap their keys, for GAI-KEY-006/007
 * (not a rule file).
 */
import { AttributeValue, ResourceGraph, attribute, refersTo } from '../../graph';
import { PlanResource } from '../../plan';
import { knownString } from '../../rule';
import { assignmentsNaming } from '../iam/_principals';

export interface CmkConsumerSpec {
  /** Attribute holding the key id (absent: the resource uses platform-managed keys). */
  readonly keyPath: string;
  /** Attribute naming the user-assigned identity (by client id or resource id) that unwraps the key. */
  readonly identityPath: string;
  /** When the identity is unset, the system-assigned identity of the resource at this path (or the consumer itself). */
  readonly holderPath?: string;
}

export const CMK_CONSUMERS: Readonly<Record<string, CmkConsumerSpec>> = {
  azurerm_cognitive_account: { keyPath: 'customer_managed_key.key_vault_key_id', identityPath: 'customer_managed_key.identity_client_id' },
  azurerm_storage_account: { keyPath: 'customer_managed_key.key_vault_key_id', identityPath: 'customer_managed_key.user_assigned_identity_id' },
  azurerm_managed_redis: { keyPath: 'customer_managed_key.key_vault_key_id', identityPath: 'customer_managed_key.user_assigned_identity_id' },
  azurerm_container_registry: { keyPath: 'encryption.key_vault_key_id', identityPath: 'encryption.identity_client_id' },
  azurerm_ai_foundry: { keyPath: 'encryption.key_id', identityPath: 'encryption.user_assigned_identity_id' },
  azurerm_cognitive_account_customer_managed_key: { keyPath: 'key_vault_key_id', identityPath: 'identity_client_id', holderPath: 'cognitive_account_id' },
  // Names the key by `key_name` + `key_vault_id` (or `key_vault_uri`) rather than by id.
  azurerm_storage_account_customer_managed_key: { keyPath: 'key_name', identityPath: 'user_assigned_identity_id', holderPath: 'storage_account_id' },
};

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

/** User-assigned identities by `client_id`, lowercased, indexed once per plan. */
function identitiesByClientId(graph: ResourceGraph): ReadonlyMap<string, readonly PlanResource[]> {
  return graph.groupBy('key/_cmk/identities-by-client-id', 'azurerm_user_assigned_identity', (identity) => (typeof identity.values.client_id === 'string' ? identity.values.client_id.toLowerCase() : undefined));
}

/**
 * The in-plan resource (of `type`, when given) a value points at: by `${...}` reference or (plan JSON)
 * a literal id (`graph.target`), or a user-assigned identity's client id, whichever comes first in
 * the plan; a known value other than a string is neither.
 */
export function resolveValue(value: AttributeValue, graph: ResourceGraph, type?: string): PlanResource | undefined {
  if (value.kind !== 'known') return graph.target(value, type);
  if (typeof value.value !== 'string') return undefined;
  const byClientId = (identitiesByClientId(graph).get(value.value.toLowerCase()) ?? []).filter((r) => !type || r.type === type);
  return graph.inPlanOrder([graph.target(value, type), ...byClientId].filter((r): r is PlanResource => r !== undefined))[0];
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

import { ResourceGraph, attribute } from '../../graph';
import { PlanResource } from '../../plan';
import { Rule, compliant, nonCompliant, notApplicable, unknown } from '../../rule';
import { ScopeTarget, scopeTarget } from './_helpers';
import { assignmentsOf } from './_principals';
import { SERVICES, Tier, typesWhere } from '../../../catalog/services';

/**
 * Workload tiers, inferred from the type of the resource a role is scoped to (Terraform type, or
 * ARM namespace/type of a literal id): catalog/services.ts `tier` and `armType`. Key Vault and
 * monitoring are shared by every tier (each reads its own secrets and keys, each emits telemetry) and
 * count for none; so does pulling images (`AcrPull`), which every containerised workload does to start.
 */
const TIERLESS_ROLES = ['acrpull'];
const TIER_BY_TYPE: ReadonlyMap<string, Tier> = new Map(SERVICES.flatMap((entry) => (entry.tier ? [[entry.type, entry.tier] as const] : [])));
const TIER_BY_ARM_TYPE: ReadonlyMap<string, Tier> = new Map(SERVICES.flatMap((entry) => (entry.tier && entry.armType ? [[entry.armType.toLowerCase(), entry.tier] as const] : [])));

/**
 * Hosts whose identity legitimately spans the model and retrieval tiers (catalog/services.ts
 * `multiTierHost`): a Foundry hub/project orchestrates both, and an AI Search service reads documents
 * and embeds them with a model (integrated vectorization, which GAI-IAM-010 requires).
 */
const MULTI_TIER_HOSTS = typesWhere((entry) => entry.multiTierHost === true);

/** Whether a multi-tier host lists `identity` in its `identity.identity_ids`. */
function isHostIdentity(graph: ResourceGraph, identity: PlanResource): boolean {
  // Collected once per plan: a scan of the hosts for every identity grows with the square of the plan.
  const identities = graph.memo('GAI-IAM-004/host-identities', () => new Set(MULTI_TIER_HOSTS
    .flatMap((type) => graph.ofType(type))
    .flatMap((host) => graph.targetsOf(attribute(host, 'identity.identity_ids')))));
  return identities.has(identity);
}

function tierOf(target: ScopeTarget): string | undefined {
  const type = target.resource?.type ?? target.terraformType;
  if (type) return TIER_BY_TYPE.get(type);
  const arm = target.armType?.toLowerCase();
  return arm ? TIER_BY_ARM_TYPE.get(arm) : undefined;
}

const rule: Rule = {
  id: 'GAI-IAM-004',
  title: 'One user-assigned identity per workload tier',
  severity: 'warning',
  rationale: 'An identity that holds roles in several tiers (e.g. on the model account and on the search index or the gateway) turns the compromise of one workload into access to the others, and hides which workload did what in the audit log.',
  remediation: 'Create one ManagedIdentity per workload (gateway, app, indexer, Foundry) and grant each only the roles of its tier. Tiers are inferred from role scopes: model (cognitive accounts, Foundry), retrieval (search, storage, Cosmos DB, Redis), gateway (API Management), runtime (Container Apps, registry); Key Vault, monitoring and AcrPull (image pull) roles count for no tier.',
  references: { mcsb: ['IM-3'] },
  appliesTo: ['azurerm_user_assigned_identity'],
  check(identity, { graph }) {
    const assignments = assignmentsOf(graph, identity, 'declared');
    if (assignments.length === 0) return notApplicable;
    const tiers = new Map<string, string[]>();
    const unresolved: string[] = [];
    for (const assignment of assignments) {
      const target = scopeTarget(graph, assignment);
      if (target.unknown) {
        unresolved.push(assignment.address);
        continue;
      }
      const role = String(assignment.values.role_definition_name ?? '').toLowerCase();
      const tier = TIERLESS_ROLES.includes(role) ? undefined : tierOf(target);
      if (tier) tiers.set(tier, [...(tiers.get(tier) ?? []), target.resource?.address ?? String(assignment.values.scope).replace(/^\$\{(.*)\.id\}$/, '$1')]);
    }
    // The identity of a Foundry hub/project or a search service spans models and retrieval by design: one tier for it.
    const foundry = isHostIdentity(graph, identity);
    const held = new Map<string, Set<string>>();
    for (const [tier, targets] of tiers) {
      const key = foundry && (tier === 'model' || tier === 'retrieval') ? 'model + retrieval host' : tier;
      held.set(key, new Set([...(held.get(key) ?? []), ...targets]));
    }
    if (held.size > 1) {
      const list = [...held.entries()].map(([tier, targets]) => `${tier}: ${[...targets].join(', ')}`).join('; ');
      return nonCompliant(`the identity holds roles in ${held.size} workload tiers (${list}); expected one identity per tier`);
    }
    if (unresolved.length > 0 && unresolved.length + held.size > 1) {
      return unknown(`the scopes of ${unresolved.join(', ')} are only known after apply; cannot tell whether the identity spans workload tiers`);
    }
    return compliant;
  },
};

export default rule;

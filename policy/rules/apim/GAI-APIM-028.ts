import { PlanResource } from '../../plan';
import { azapiProperties, cognitiveAccountsOf, deploymentsOf, isAzapiOfType, poolMembers } from '../../apim-policy';
import { compliant, nonCompliant, notApplicable, Outcome, Rule, unknown } from '../../rule';
import { backendSelections, comparedDeployments } from './_functional';

const rule: Rule = {
  id: 'GAI-APIM-028',
  title: 'Every member of a backend pool serves every deployment routed to that pool',
  severity: 'error',
  rationale: 'A pool fails over to its next member when a breaker trips. A member account without the requested deployment answers 404, so a request that succeeds on the primary fails on failover; and one pool (one breaker per account) for every deployment lets a throttled PTU deployment move all deployments to the failover region (Learn: "Backends in API Management", load-balanced pool and circuit breaker).',
  remediation: 'Pool per deployment: give `AiGateway` each account\'s `deployments`; it declares one backend per account and deployment and one pool per deployment, and refuses a failover account that lacks a deployment the primary serves. Deploy the missing deployments on the failover account (environment config).',
  references: {},
  appliesTo: ['azapi_resource'],
  check(pool, { graph }) {
    if (!isAzapiOfType(pool, 'Microsoft.ApiManagement/service/backends')) return notApplicable;
    if (String(azapiProperties(pool, 'body')?.type ?? '').toLowerCase() !== 'pool') return notApplicable;
    const name = pool.values.name;
    const selections = typeof name === 'string' ? backendSelections(graph).get(name) ?? [] : [];
    if (selections.length === 0) return notApplicable; // no policy routes to it
    const members = poolMembers(graph, pool);
    if (typeof members === 'string') return unknown(members);
    const served = new Map<PlanResource, Set<string>>();
    for (const { backend: member } of members) {
      const accounts = cognitiveAccountsOf(graph, member);
      if (accounts.length === 0) return unknown(`pool member ${member.address} does not resolve to a model account of this plan`);
      const names = new Set<string>();
      for (const account of accounts) {
        const found = deploymentsOf(graph, account);
        if (found.unknown) return unknown(`a deployment name of ${account.address} is only known after apply`);
        found.names.forEach((n) => names.add(n));
      }
      served.set(member, names);
    }
    // Deployments routed here: those the enclosing <when>s compare the routed deployment with; a
    // selection under no such condition routes every deployment any member serves.
    const routed = new Set<string>();
    for (const selection of selections) {
      const named = selection.conditions.flatMap(comparedDeployments);
      (named.length > 0 ? named : [...served.values()].flatMap((s) => [...s])).forEach((d) => routed.add(d));
    }
    const outcomes: Outcome[] = [];
    for (const [member, names] of served) {
      const missing = [...routed].filter((d) => !names.has(d)).sort();
      if (missing.length > 0) outcomes.push(nonCompliant(`pool member ${member.address} does not serve ${missing.join(', ')}, routed to pool "${String(name)}": on failover those requests get 404`));
    }
    return outcomes.length > 0 ? outcomes : compliant;
  },
};

export default rule;

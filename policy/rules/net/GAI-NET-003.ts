import { attribute } from '../../graph';
import { PlanResource } from '../../plan';
import { Outcome, Rule, compliant, nonCompliant, notApplicable, unknown } from '../../rule';
import { fieldOf } from '../cog/_helpers';
import { parseCidr, resourcesInSubnet } from './_helpers';

const DELEGATION = 'Microsoft.App/environments';
/** Smallest subnet for a workload-profiles environment (delegated subnet). */
const WORKLOAD_PROFILES_PREFIX = 27;
/** Smallest subnet for a consumption-only environment (not delegated). */
const CONSUMPTION_PREFIX = 23;

function delegations(subnet: PlanResource): { names: string[]; unknown: boolean } {
  const value = attribute(subnet, 'delegation');
  if (value.kind === 'absent') return { names: [], unknown: false };
  if (value.kind === 'unknown') return { names: [], unknown: true };
  const names: string[] = [];
  let isUnknown = false;
  for (const block of Array.isArray(value.value) ? value.value : [value.value]) {
    if (block === null || typeof block !== 'object') {
      isUnknown = true;
      continue;
    }
    const name = fieldOf(block as Record<string, unknown>, 'service_delegation.name');
    if (name.kind === 'known') names.push(String(name.value));
    else if (name.kind === 'unknown') isUnknown = true;
  }
  return { names, unknown: isUnknown };
}

const rule: Rule = {
  id: 'GAI-NET-003',
  title: 'Container Apps subnet is delegated and large enough',
  severity: 'warning',
  rationale: 'A workload-profiles Container Apps environment needs a subnet delegated to Microsoft.App/environments of at least /27, a consumption-only one at least /23; a smaller subnet runs out of addresses when the environment scales or upgrades.',
  remediation: `Delegate the environment's subnet to "${DELEGATION}" (\`delegation.service_delegation.name\`) and size \`address_prefixes\` /${WORKLOAD_PROFILES_PREFIX} or larger (/${CONSUMPTION_PREFIX} or larger for consumption-only environments); the config schema sizes network.subnets.apps.`,
  references: {},
  appliesTo: ['azurerm_subnet'],
  check(subnet, { graph }) {
    const delegated = delegations(subnet);
    const isDelegated = delegated.names.some((n) => n.toLowerCase() === DELEGATION.toLowerCase());
    const environments = resourcesInSubnet(graph, 'azurerm_container_app_environment', 'infrastructure_subnet_id', subnet);
    if (!isDelegated && environments.length === 0) {
      return delegated.unknown ? unknown('the subnet `delegation` is only known after apply; cannot tell whether it hosts Container Apps') : notApplicable;
    }
    const outcomes: Outcome[] = [];
    let minimum = WORKLOAD_PROFILES_PREFIX;
    if (!isDelegated) {
      const workloadProfiles = environments.filter((env) => attribute(env, 'workload_profile').kind !== 'absent');
      if (workloadProfiles.length > 0) {
        outcomes.push(nonCompliant(`the subnet hosts workload-profiles environment ${workloadProfiles.map((e) => e.address).join(', ')} but is not delegated; expected \`delegation.service_delegation.name = "${DELEGATION}"\``));
      } else {
        minimum = CONSUMPTION_PREFIX;
      }
    }
    const prefixes = attribute(subnet, 'address_prefixes');
    if (prefixes.kind === 'unknown') {
      outcomes.push(unknown(`\`address_prefixes\` is only known after apply (${prefixes.expression}); expected /${minimum} or larger`));
    } else if (prefixes.kind === 'absent') {
      outcomes.push(nonCompliant(`\`address_prefixes\` is not set; expected /${minimum} or larger`));
    } else {
      for (const prefix of Array.isArray(prefixes.value) ? prefixes.value : [prefixes.value]) {
        if (typeof prefix === 'string' && prefix.includes('${')) {
          outcomes.push(unknown(`address prefix ${prefix} is only known after apply; expected /${minimum} or larger`));
          continue;
        }
        const cidr = parseCidr(String(prefix));
        if (cidr && cidr.prefix > minimum) outcomes.push(nonCompliant(`\`address_prefixes\` has ${String(prefix)}, smaller than /${minimum}; expected /${minimum} or larger for a Container Apps environment`));
      }
    }
    return outcomes.length > 0 ? outcomes : compliant;
  },
};

export default rule;

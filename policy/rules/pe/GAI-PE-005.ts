import { attribute } from '../../graph';
import { compliant, nonCompliant, notApplicable, Rule, unknown } from '../../rule';
import { endpointsOf, publicState } from './_helpers';
import { PRIVATE_LINK_TARGETS, PRIVATE_LINK_TYPES } from './_zones';

const rule: Rule = {
  id: 'GAI-PE-005',
  title: 'Resources behind a private endpoint close their public path',
  severity: 'error',
  rationale: 'A private endpoint adds a private path; it does not close the public one. With public network access still enabled (or a firewall defaulting to Allow) the service stays reachable from the Internet and the endpoint gives a false sense of isolation.',
  remediation: 'Set `public_network_access_enabled = false` (`public_network_access = "Disabled"` on Managed Redis, AI Foundry and Container Apps environments; `ingestion_access_mode`/`query_access_mode = "PrivateOnly"` on a Monitor private link scope). Deployer IP ranges that force the Key Vault public path open are flagged here on purpose.',
  references: { psrule: ['Azure.AI.PrivateEndpoints'], mcsb: ['NS-2'] },
  appliesTo: PRIVATE_LINK_TYPES,
  check(target, { graph }) {
    const endpoints = endpointsOf(target, graph);
    if (endpoints.length === 0) return notApplicable;
    const spec = PRIVATE_LINK_TARGETS[target.type];
    const access = publicState(target, spec);
    if (access.state === 'closed') return compliant;
    if (access.state === 'unknown') return unknown(`${access.detail}; expected the public path closed behind ${endpoints[0].address}`);
    let firewall = '';
    if (spec.firewallPath) {
      const action = attribute(target, spec.firewallPath);
      firewall = action.kind === 'known'
        ? ` (\`${spec.firewallPath}\` is ${JSON.stringify(action.value)}${action.value === 'Deny' ? ': restricted, but still a public path' : ''})`
        : action.kind === 'absent' ? ` (no \`${spec.firewallPath}\`: the firewall allows all)` : '';
    }
    return nonCompliant(`a private endpoint (${endpoints.map((e) => e.address).join(', ')}) exists but the public path is open: ${access.detail}${firewall}; expected it closed`);
  },
};

export default rule;

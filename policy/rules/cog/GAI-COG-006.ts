import { Outcome, Rule, compliant, expectAttribute, nonCompliant, notApplicable, unknown } from '../../rule';
import { stringAt, stringList } from './_helpers';

const KINDS = ['OpenAI', 'AIServices'];

const rule: Rule = {
  id: 'GAI-COG-006',
  title: 'OpenAI / AI Services account restricts outbound access to an FQDN allowlist',
  severity: 'warning',
  rationale: 'Features such as "on your data" and agents make the account call out to URLs; without an outbound allowlist a prompt can make it send data anywhere (data exfiltration). An empty allowlist with outbound access restricted denies every call out, the strictest setting.',
  remediation: 'Set `outbound_network_access_restricted = true` (provider default false) and list the endpoints it may reach in `fqdns` (e.g. the search service and storage account host names), without wildcards.',
  references: { checkov: ['CKV_AZURE_247'], mcsb: ['DP-2'] },
  appliesTo: ['azurerm_cognitive_account'],
  check(account) {
    const kind = stringAt(account, 'kind');
    if (kind === 'unknown') return unknown('`kind` is only known after apply; OpenAI and AIServices accounts must restrict outbound access');
    if (kind === undefined || !KINDS.some((k) => k.toLowerCase() === kind.toLowerCase())) return notApplicable;
    const outcomes: Outcome[] = [];
    const restricted = expectAttribute(account, 'outbound_network_access_restricted', { expected: true, providerDefault: false });
    if (restricted.status !== 'compliant') outcomes.push(restricted);
    const fqdns = stringList(account, 'fqdns');
    const wildcards = fqdns.items.filter((f) => f.includes('*'));
    if (wildcards.length > 0) outcomes.push(nonCompliant(`\`fqdns\` contains wildcards (${wildcards.join(', ')}); expected explicit host names`));
    else if (fqdns.unknown) outcomes.push(unknown('`fqdns` is only known after apply; expected an explicit list of host names'));
    return outcomes.length > 0 ? outcomes : compliant;
  },
};

export default rule;

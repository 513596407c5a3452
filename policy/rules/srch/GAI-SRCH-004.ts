import { Rule, compliant, nonCompliant, unknown, show } from '../../rule';
import { stringList } from '../cog/_helpers';
import { tooBroadRanges } from '../net/_helpers';

const rule: Rule = {
  id: 'GAI-SRCH-004',
  title: 'AI Search IP allowlist does not open the service to the Internet',
  severity: 'error',
  rationale: 'An `allowed_ips` entry of 0.0.0.0/0 (or any very broad range) makes the firewall meaningless; callers inside the platform use the private endpoint.',
  remediation: 'Leave `allowed_ips` empty, or list only approved ranges of /24 or narrower.',
  references: { checkov: ['CKV_AZURE_210'], mcsb: ['NS-2'] },
  appliesTo: ['azurerm_search_service'],
  check(search) {
    const ips = stringList(search, 'allowed_ips');
    const broad = tooBroadRanges(ips.items);
    if (broad.length > 0) return nonCompliant(`\`allowed_ips\` opens ${broad.map(show).join(', ')}; expected no entries or approved ranges of /24 or narrower`);
    if (ips.unknown) return unknown('`allowed_ips` is only known after apply; expected no entries or approved ranges of /24 or narrower');
    return compliant;
  },
};

export default rule;

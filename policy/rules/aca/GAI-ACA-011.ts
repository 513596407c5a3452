import { blocks } from '../../graph';
import { compliant, nonCompliant, notApplicable, Outcome, Rule, unknown } from '../../rule';

const rule: Rule = {
  id: 'GAI-ACA-011',
  title: 'Container app IP restrictions are an allowlist',
  severity: 'warning',
  rationale: 'IP restrictions that mix Deny entries turn ingress into a denylist: every address not listed is allowed. An allowlist (all entries Allow) admits only the listed ranges.',
  remediation: 'Make every `ingress.ip_security_restriction` entry `action = "Allow"` and list only the ranges that may call the app.',
  references: { psrule: ['Azure.ContainerApp.RestrictIngress'], mcsb: ['NS-2'] },
  appliesTo: ['azurerm_container_app'],
  check(app) {
    const restrictions = blocks(app, 'ingress.ip_security_restriction');
    if (restrictions.length === 0) return notApplicable;
    const outcomes: Outcome[] = restrictions.map((r, i) => {
      const name = typeof r.name === 'string' ? r.name : `#${i + 1}`;
      if (typeof r.action === 'string' && r.action.includes('${')) return unknown(`ip_security_restriction ${name}: \`action\` is only known after apply (${r.action}); expected "Allow"`);
      return r.action === 'Allow' ? compliant : nonCompliant(`ip_security_restriction ${name} has \`action\` ${JSON.stringify(r.action)}; expected "Allow" (allowlist mode)`);
    });
    return outcomes;
  },
};

export default rule;

import { attribute } from '../../graph';
import { expectAttribute, notApplicable, Rule } from '../../rule';

const rule: Rule = {
  id: 'GAI-ACA-008',
  title: 'Container app ingress refuses plain HTTP',
  severity: 'error',
  rationale: 'With insecure connections allowed, ingress serves HTTP without redirecting to HTTPS, so prompts, completions and tokens can cross the network in clear text.',
  remediation: 'Set `ingress.allow_insecure_connections = false` (or leave it unset: the provider default is false).',
  references: { psrule: ['Azure.ContainerApp.Insecure'], azurePolicy: ['0e80e269'], mcsb: ['NS-2'] },
  appliesTo: ['azurerm_container_app'],
  check(app) {
    if (attribute(app, 'ingress').kind === 'absent') return notApplicable;
    return expectAttribute(app, 'ingress.allow_insecure_connections', { expected: false, providerDefault: false });
  },
};

export default rule;

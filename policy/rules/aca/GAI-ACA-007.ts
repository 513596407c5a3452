import { attribute } from '../../graph';
import { expectAttribute, notApplicable, Rule } from '../../rule';

const rule: Rule = {
  id: 'GAI-ACA-007',
  title: 'Container app ingress is internal',
  severity: 'error',
  rationale: 'External ingress publishes the app on the environment\'s public (or VNet-wide) endpoint; the orchestrator must only be reached through the gateway or from inside the VNet.',
  remediation: 'Set `ingress.external_enabled = false`. The one designated edge app, if any, carries a suppression with its reason.',
  references: { psrule: ['Azure.ContainerApp.ExternalIngress'], azurePolicy: ['783ea2a8'] },
  appliesTo: ['azurerm_container_app'],
  check(app) {
    if (attribute(app, 'ingress').kind === 'absent') return notApplicable;
    return expectAttribute(app, 'ingress.external_enabled', { expected: false, providerDefault: false });
  },
};

export default rule;

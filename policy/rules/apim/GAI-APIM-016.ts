import { attribute } from '../../graph';
import { compliant, nonCompliant, Outcome, Rule, unknown } from '../../rule';

const rule: Rule = {
  id: 'GAI-APIM-016',
  title: 'API Management backends validate the certificate chain and name',
  severity: 'error',
  rationale: 'Without chain and name validation anyone who can intercept gateway egress can impersonate the model backend and read every prompt and the gateway\'s bearer token.',
  remediation: 'Leave `tls.validate_certificate_chain` and `tls.validate_certificate_name` unset or true on `azurerm_api_management_backend`.',
  references: { azurePolicy: ['92bb331d'], mcsb: ['IM-4'] },
  appliesTo: ['azurerm_api_management_backend'],
  check(backend) {
    const outcomes: Outcome[] = [];
    for (const name of ['validate_certificate_chain', 'validate_certificate_name']) {
      const value = attribute(backend, `tls.${name}`);
      if (value.kind === 'unknown') outcomes.push(unknown(`\`tls.${name}\` is only known after apply (${value.expression}); expected true`));
      else if (value.kind === 'known' && value.value !== true) outcomes.push(nonCompliant(`\`tls.${name}\` is ${JSON.stringify(value.value)}; expected true or unset`));
    }
    return outcomes.length > 0 ? outcomes : compliant;
  },
};

export default rule;

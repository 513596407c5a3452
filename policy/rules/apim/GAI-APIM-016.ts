import { expectAttributes, Rule } from '../../rule';

const rule: Rule = {
  id: 'GAI-APIM-016',
  title: 'API Management backends validate the certificate chain and name',
  severity: 'error',
  rationale: 'Without chain and name validation anyone who can intercept gateway egress can impersonate the model backend and read every prompt and the gateway\'s bearer token.',
  remediation: 'Leave `tls.validate_certificate_chain` and `tls.validate_certificate_name` unset or true on `azurerm_api_management_backend`.',
  references: { azurePolicy: ['92bb331d'], mcsb: ['IM-4'] },
  appliesTo: ['azurerm_api_management_backend'],
  check: (backend) => expectAttributes(backend, ['tls.validate_certificate_chain', 'tls.validate_certificate_name'], { expected: true, providerDefault: true, wanted: 'true or unset' }),
};

export default rule;

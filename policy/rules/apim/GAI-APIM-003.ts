import { expectAttributes, Rule } from '../../rule';

/** azurerm 4.55 names, with the deprecated 3.x aliases still accepted by the 4.x schema. */
const PROTOCOLS: readonly [string, string][] = [
  ['frontend_ssl30_enabled', 'enable_frontend_ssl30'],
  ['frontend_tls10_enabled', 'enable_frontend_tls10'],
  ['frontend_tls11_enabled', 'enable_frontend_tls11'],
  ['backend_ssl30_enabled', 'enable_backend_ssl30'],
  ['backend_tls10_enabled', 'enable_backend_tls10'],
  ['backend_tls11_enabled', 'enable_backend_tls11'],
];

const rule: Rule = {
  id: 'GAI-APIM-003',
  title: 'API Management accepts only TLS 1.2 or later, client and backend side',
  severity: 'error',
  rationale: 'SSL 3.0, TLS 1.0 and TLS 1.1 have practical attacks; prompts, completions and subscription keys cross the gateway and must not be negotiable down to them.',
  remediation: 'Leave the `security` block protocol flags (`frontend_ssl30_enabled`, `frontend_tls10_enabled`, `frontend_tls11_enabled`, `backend_ssl30_enabled`, `backend_tls10_enabled`, `backend_tls11_enabled`) unset or false.',
  references: { checkov: ['CKV_AZURE_173'], psrule: ['Azure.APIM.Protocols'], mcsb: ['DP-3', 'DP-4'] },
  appliesTo: ['azurerm_api_management'],
  check: (apim) => expectAttributes(apim, PROTOCOLS.flat().map((name) => `security.${name}`), { expected: false, providerDefault: false, wanted: 'false or unset' }),
};

export default rule;

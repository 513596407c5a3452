import { expectAttributes, Rule } from '../../rule';

/** Weak or deprecated cipher flags (PSRule Azure.APIM.Ciphers list), azurerm 4.55 names. */
const CIPHERS = [
  'triple_des_ciphers_enabled',
  'tls_rsa_with_aes128_cbc_sha_ciphers_enabled',
  'tls_rsa_with_aes256_cbc_sha_ciphers_enabled',
  'tls_rsa_with_aes128_cbc_sha256_ciphers_enabled',
  'tls_rsa_with_aes256_cbc_sha256_ciphers_enabled',
  'tls_rsa_with_aes128_gcm_sha256_ciphers_enabled',
  'tls_ecdhe_rsa_with_aes128_cbc_sha_ciphers_enabled',
  'tls_ecdhe_rsa_with_aes256_cbc_sha_ciphers_enabled',
];

const rule: Rule = {
  id: 'GAI-APIM-004',
  title: 'API Management disables weak and deprecated cipher suites',
  severity: 'warning',
  rationale: '3DES and the RSA key-exchange / CBC suites lack forward secrecy or have known weaknesses; leaving them on lets a client or a downgrade attacker pick them for gateway traffic.',
  remediation: 'Leave the `security` block cipher flags (`triple_des_ciphers_enabled`, `tls_rsa_with_*_ciphers_enabled`, `tls_ecdhe_rsa_with_aes*_cbc_sha_ciphers_enabled`) unset or false (the provider default is false).',
  references: { psrule: ['Azure.APIM.Ciphers'], mcsb: ['DP-4'] },
  appliesTo: ['azurerm_api_management'],
  check: (apim) => expectAttributes(apim, CIPHERS.map((name) => `security.${name}`), { expected: false, providerDefault: false, wanted: 'false or unset' }),
};

export default rule;

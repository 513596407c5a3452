import { attributeRule } from '../../rule';

export default attributeRule({
  id: 'GAI-ACA-006',
  title: 'Container Apps environment encrypts app-to-app traffic (mTLS)',
  severity: 'note',
  rationale: 'Without mutual TLS, traffic between apps inside the environment travels unencrypted and unauthenticated on the environment network; mTLS encrypts peer traffic and authenticates both ends.',
  remediation: 'Set `mutual_tls_enabled = true` (public preview; adds some latency under high load).',
  references: { mcsb: ['DP-3'] },
  appliesTo: ['azurerm_container_app_environment'],
  path: 'mutual_tls_enabled',
  expected: true,
  providerDefault: false,
});

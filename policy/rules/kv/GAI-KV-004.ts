import { attributeRule } from '../../rule';

export default attributeRule({
  id: 'GAI-KV-004',
  title: 'Key Vault disables public network access',
  severity: 'error',
  rationale: 'A vault reachable from the Internet exposes the platform\'s keys and secrets to credential-stuffing and token-replay from anywhere; the platform reaches it only through its private endpoint.',
  remediation: 'Set `public_network_access_enabled = false` (the provider default is true). The KeyVault construct turns it on only when `keyVault.deployerIpRanges` lists deployment runners outside the VNet; prefer a runner with line of sight to the VNet, or suppress this rule with the reason.',
  references: { azurePolicy: ['405c5871'], mcsb: ['NS-2', 'DP-8'] },
  appliesTo: ['azurerm_key_vault'],
  path: 'public_network_access_enabled',
  expected: false,
  providerDefault: true,
});

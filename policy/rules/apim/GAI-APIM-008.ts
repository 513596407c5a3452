import { blocks } from '../../graph';
import { compliant, nonCompliant, notApplicable, Outcome, Rule } from '../../rule';

const HOST_KINDS = ['management', 'portal', 'developer_portal', 'proxy', 'scm'];

const rule: Rule = {
  id: 'GAI-APIM-008',
  title: 'API Management custom domains take their certificates from Key Vault',
  severity: 'warning',
  rationale: 'An inline certificate and password are stored in Terraform state and never renewed; a Key Vault certificate is rotated in the vault and picked up by the gateway identity.',
  remediation: 'In `hostname_configuration.<kind>` use `key_vault_certificate_id` (with `ssl_keyvault_identity_client_id` for a user-assigned identity) instead of `certificate` / `certificate_password`.',
  references: { mcsb: ['DP-7'] },
  appliesTo: ['azurerm_api_management'],
  check(apim) {
    const outcomes: Outcome[] = [];
    let hosts = 0;
    for (const kind of HOST_KINDS) {
      for (const host of blocks(apim, `hostname_configuration.${kind}`)) {
        hosts += 1;
        if (host.certificate !== undefined && host.certificate !== null && host.certificate !== '') {
          outcomes.push(nonCompliant(`\`hostname_configuration.${kind}\` for ${String(host.host_name ?? '(unnamed host)')} sets an inline \`certificate\`; expected \`key_vault_certificate_id\``));
        }
      }
    }
    if (hosts === 0) return notApplicable;
    return outcomes.length > 0 ? outcomes : compliant;
  },
};

export default rule;

import { blocks, isExpression } from '../../graph';
import { compliant, nonCompliant, Outcome, Rule, unknown } from '../../rule';
import { containerName, nested } from './_helpers';
import { CREDENTIAL_NAME_PATTERN } from '../../../catalog/ai-services';

/** Environment variable names that announce a credential by their last word(s). */
/** Values that are credentials whatever the variable is called. */
const SECRET_VALUE = [
  /AccountKey=/i, /SharedAccessKey=/i, /SharedAccessSignature=/i, /(^|[?&;])sig=/i, /Password=/i, /Pwd=/i,
  /-----BEGIN [A-Z ]*PRIVATE KEY-----/, /^eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\./,
];
/** Terraform attributes that hold credentials (`${azurerm_storage_account.x.primary_access_key}`). */
const SECRET_ATTRIBUTE = /\.(primary_access_key|secondary_access_key|primary_key|secondary_key|primary_connection_string|secondary_connection_string|primary_blob_connection_string|secondary_blob_connection_string|primary_shared_key|secondary_shared_key|admin_password|password|client_secret|query_keys|sas_url|connection_string_[a-z_]*)\b/;

const rule: Rule = {
  id: 'GAI-ACA-012',
  title: 'Container app environment variables carry no literal secrets',
  severity: 'error',
  rationale: 'A credential in `env.value` is stored in plain text in the app revision, the Azure Resource Manager history and the Terraform state, and is visible to anyone with read access to the app.',
  remediation: 'Move the value to a Key Vault secret, declare it as a `secret` with `key_vault_secret_id` + `identity`, and reference it from the variable with `secret_name` instead of `value`. Prefer managed identity over keys altogether.',
  references: { mcsb: ['IM-8'] },
  appliesTo: ['azurerm_container_app'],
  check(app) {
    const outcomes: Outcome[] = [];
    const all = [...blocks(app, 'template.container'), ...blocks(app, 'template.init_container')];
    all.forEach((container, c) => {
      for (const env of nested(container, 'env')) {
        const name = typeof env.name === 'string' ? env.name : '?';
        const value = env.value;
        if (typeof value !== 'string' || value === '') continue;
        const where = `container ${containerName(container, c)}: env ${name}`;
        if (SECRET_VALUE.some((p) => p.test(value))) {
          outcomes.push(nonCompliant(`${where} has a credential in \`value\`; expected \`secret_name\` referencing a Key Vault secret`));
        } else if (isExpression(value) && SECRET_ATTRIBUTE.test(value)) {
          outcomes.push(nonCompliant(`${where} copies a credential attribute into \`value\` (${value}); expected \`secret_name\` referencing a Key Vault secret`));
        } else if (CREDENTIAL_NAME_PATTERN.test(name)) {
          outcomes.push(isExpression(value)
            ? unknown(`${where} looks like a credential and its \`value\` is only known after apply (${value}); expected \`secret_name\``)
            : nonCompliant(`${where} looks like a credential and has a literal \`value\`; expected \`secret_name\` referencing a Key Vault secret`));
        }
      }
    });
    return outcomes.length > 0 ? outcomes : compliant;
  },
};

export default rule;

import { attribute, blocks, isExpression } from '../../graph';
import { compliant, nonCompliant, Outcome, Rule } from '../../rule';
import { isConfigured } from './_helpers';

const label = (block: Record<string, unknown>, fallback: string): string =>
  typeof block.name === 'string' && !isExpression(block.name) ? block.name
    : typeof block.server === 'string' && !isExpression(block.server) ? block.server : fallback;

const present = (block: Record<string, unknown>, key: string): boolean => {
  const v = block[key];
  return v !== undefined && v !== null && v !== '';
};

const rule: Rule = {
  id: 'GAI-ACA-009',
  title: 'Container app uses managed identity for registries and secrets',
  severity: 'error',
  rationale: 'Registry passwords and literal secret values are long-lived credentials stored in the app configuration and the Terraform state; a managed identity pulling images (AcrPull) and reading Key Vault references leaves nothing to leak or rotate.',
  remediation: 'Give the app an `identity` (the workload\'s user-assigned identity); give every `registry` an `identity` instead of `username`/`password_secret_name`; make every `secret` a Key Vault reference (`key_vault_secret_id` + `identity`, no `value`).',
  references: { psrule: ['Azure.ContainerApp.ManagedIdentity'], azurePolicy: ['b874ab2d'], mcsb: ['IM-3'] },
  appliesTo: ['azurerm_container_app'],
  check(app) {
    const outcomes: Outcome[] = [];
    if (!isConfigured(attribute(app, 'identity'))) outcomes.push(nonCompliant('`identity` is not set; expected a managed identity (user-assigned for the workload)'));
    blocks(app, 'registry').forEach((registry, i) => {
      const name = label(registry, `#${i + 1}`);
      if (present(registry, 'password_secret_name')) {
        outcomes.push(nonCompliant(`registry ${name} authenticates with \`password_secret_name\`; expected \`identity\` (AcrPull) and no password`));
      } else if (!present(registry, 'identity')) {
        outcomes.push(nonCompliant(`registry ${name} has no \`identity\`; expected a managed identity with AcrPull`));
      }
    });
    blocks(app, 'secret').forEach((secret, i) => {
      const name = label(secret, `#${i + 1}`);
      if (present(secret, 'value')) {
        outcomes.push(nonCompliant(`secret ${name} holds a \`value\` in the app configuration; expected a Key Vault reference (\`key_vault_secret_id\` + \`identity\`)`));
      } else if (!present(secret, 'key_vault_secret_id') || !present(secret, 'identity')) {
        outcomes.push(nonCompliant(`secret ${name} is missing \`${present(secret, 'key_vault_secret_id') ? 'identity' : 'key_vault_secret_id'}\`; expected a Key Vault reference read with a managed identity`));
      }
    });
    return outcomes.length > 0 ? outcomes : compliant;
  },
};

export default rule;

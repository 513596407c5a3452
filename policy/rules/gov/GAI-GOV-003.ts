import { Outcome, Rule, compliant, nonCompliant, unknown } from '../../rule';
import { attribute } from '../../graph';
import { NAME_RULES, ResourceKind, nameProblems } from '../../../catalog/naming-rules';
import { typesWhere } from '../../../catalog/services';
import { show } from '../../rule';

/** azurerm types covered by the platform's naming rules (catalog/services.ts `naming`), in the naming rules' order. */
export const KIND_BY_TYPE: Readonly<Record<string, ResourceKind>> = Object.fromEntries((Object.keys(NAME_RULES) as ResourceKind[])
  .flatMap((kind) => typesWhere((entry) => entry.naming === kind).map((type) => [type, kind])));

/** Subnet names Azure prescribes for the services that need them. */
const AZURE_SUBNET_NAMES = ['GatewaySubnet', 'AzureFirewallSubnet', 'AzureFirewallManagementSubnet', 'AzureBastionSubnet', 'RouteServerSubnet'];

const rule: Rule = {
  id: 'GAI-GOV-003',
  title: 'Resource name is legal for its type and starts with the CAF abbreviation',
  severity: 'note',
  rationale: 'Azure rejects an illegal name only at apply time, part-way through a rollout; names that follow the CAF convention (`<abbreviation>-<workload>-<env>-<region>`) let operators tell a resource\'s type, workload and environment at a glance.',
  remediation: 'Generate names with the `Naming` construct (`naming.name(kind, qualifier)`), which applies the rules in catalog/naming-rules.ts (`NAME_RULES`).',
  references: { checkov: ['CKV_AZURE_43'], psrule: ['Azure.Storage.Name', 'Azure.KeyVault.Name', 'Azure.Log.Name', 'Azure.AppInsights.Name', 'Azure.Search.Name', 'Azure.APIM.Name', 'Azure.ContainerApp.Name'] },
  appliesTo: Object.keys(KIND_BY_TYPE),
  check(resource) {
    const kind = KIND_BY_TYPE[resource.type];
    const name = attribute(resource, 'name');
    if (name.kind === 'unknown') return unknown(`\`name\` is only known after apply (${name.expression}); expected a legal ${kind} name`);
    if (name.kind === 'absent' || typeof name.value !== 'string') return nonCompliant(`\`name\` is ${name.kind === 'absent' ? 'not set' : show(name.value)}; expected a legal ${kind} name`);
    if (resource.type === 'azurerm_subnet' && AZURE_SUBNET_NAMES.includes(name.value)) return compliant;
    const outcomes: Outcome[] = nameProblems(kind, name.value).map((p) => nonCompliant(`\`name\`: ${p}`));
    const abbreviation = NAME_RULES[kind].abbreviation;
    if (!name.value.toLowerCase().startsWith(abbreviation)) {
      outcomes.push(nonCompliant(`\`name\` ${show(name.value)} does not start with the CAF abbreviation "${abbreviation}" for ${kind}`));
    }
    return outcomes.length > 0 ? outcomes : compliant;
  },
};

export default rule;

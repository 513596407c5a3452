import { attribute } from '../../graph';
import { PlanResource } from '../../plan';
import { compliant, nonCompliant, notApplicable, Rule, unknown } from '../../rule';
import { azapiBody } from '../../apim-policy';

const CONNECTION_TYPE = /^microsoft\.(machinelearningservices\/workspaces|cognitiveservices\/accounts(\/projects)?)\/connections/i;

function isConnection(resource: PlanResource): boolean {
  return resource.type === 'azapi_resource' && CONNECTION_TYPE.test(String(resource.values.type ?? ''));
}

function authTypeOf(connection: PlanResource): string | undefined {
  const props = azapiBody(connection)?.properties as { authType?: unknown } | undefined;
  return typeof props?.authType === 'string' ? props.authType : undefined;
}

const rule: Rule = {
  id: 'GAI-GEN-015',
  title: 'Foundry projects live on a project-enabled AI Services account and connect without keys',
  severity: 'note',
  rationale: 'Agents and Foundry projects need their models on an AI Services account with project management enabled (or the hub-connected account); a connection that stores an API key bypasses Entra ID and keeps a shared secret in the workspace.',
  remediation: 'Create `azurerm_cognitive_account_project` only under a `kind = "AIServices"` account with `project_management_enabled = true`; declare Foundry connections (azapi, `Microsoft.MachineLearningServices/workspaces/connections` or `.../accounts/projects/connections`) with `authType = "AAD"`.',
  references: {},
  appliesTo: ['azurerm_cognitive_account_project', 'azurerm_ai_foundry_project', 'azapi_resource'],
  check(resource, { graph }) {
    if (resource.type === 'azapi_resource') {
      if (!isConnection(resource)) return notApplicable;
      const auth = authTypeOf(resource);
      if (auth === undefined) return unknown(`${resource.address} body.properties.authType is not a known string`);
      return auth.toUpperCase() === 'AAD' ? compliant : nonCompliant(`connection ${resource.address} uses authType "${auth}"; expected "AAD" (Entra ID)`);
    }
    if (resource.type === 'azurerm_cognitive_account_project') {
      const account = graph.resolve(attribute(resource, 'cognitive_account_id'));
      if (account?.type !== 'azurerm_cognitive_account') return unknown('`cognitive_account_id` does not resolve to an account in this plan');
      const kind = attribute(account, 'kind');
      const enabled = attribute(account, 'project_management_enabled');
      if (kind.kind === 'unknown' || enabled.kind === 'unknown') return unknown(`${account.address} \`kind\` / \`project_management_enabled\` are only known after apply`);
      if (!(kind.kind === 'known' && kind.value === 'AIServices')) return nonCompliant(`${account.address} is of kind ${kind.kind === 'known' ? `"${String(kind.value)}"` : '(not set)'}; projects need kind "AIServices"`);
      if (!(enabled.kind === 'known' && enabled.value === true)) return nonCompliant(`${account.address} \`project_management_enabled\` is ${enabled.kind === 'known' ? JSON.stringify(enabled.value) : 'not set (default false)'}; expected true`);
      return compliant;
    }
    // azurerm_ai_foundry_project: model access is through the hub's connections, which only azapi declares.
    const hub = graph.resolve(attribute(resource, 'ai_services_hub_id'));
    const parents = [resource, ...(hub ? [hub] : [])];
    // Children of the project and its hub come from an index built once per plan: the rule stays linear.
    const connections = graph.inPlanOrder(parents.flatMap((p) => graph.referrersAt(p, 'azapi_resource', 'parent_id'))).filter(isConnection);
    if (connections.length === 0) return unknown('no connection of the project or its hub is visible in the plan (azurerm cannot declare Foundry connections), so key-based access cannot be ruled out');
    const unreadable = connections.filter((c) => authTypeOf(c) === undefined);
    if (unreadable.length > 0) return unknown(`${unreadable.map((c) => c.address).join(', ')} body.properties.authType is not a known string`);
    const keyed = connections.filter((c) => authTypeOf(c)?.toUpperCase() !== 'AAD');
    return keyed.length === 0 ? compliant : nonCompliant(`${keyed.map((c) => `${c.address} (authType "${authTypeOf(c) ?? 'unknown'}")`).join(', ')}: expected authType "AAD"`);
  },
};

export default rule;

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, TerraformStack } from 'cdktf';
import { AiGateway, AiGatewayProps, BACKEND_IDS } from '../../constructs/ai-gateway';
import { ProductPolicyParams, renderGatewayPolicies } from '../../constructs/ai-gateway/policy-templates';
import { AzapiProvider } from '../../constructs/azapi';
import { onlyResource, resourcesOf, synth, testStack } from '../helpers';

const CLIENT_ID = '00000000-0000-0000-0000-0000000a11ce';
const TEAMS: ProductPolicyParams[] = [
  { team: 'alpha', tokensPerMinute: 10_000, tokenQuota: 1_000_000 },
  { team: 'beta', tokensPerMinute: 25_000, tokenQuota: 7_000_000, tokenQuotaPeriod: 'Daily', perUserTokensPerMinute: 5_000 },
];
const policies = renderGatewayPolicies({
  modelApi: {
    gatewayIdentityClientId: CLIENT_ID,
    backendPoolId: BACKEND_IDS.pool,
    contentSafety: { backendId: BACKEND_IDS.contentSafety },
    routing: { alias: 'auto', defaultDeployment: 'gpt-4.1', rules: [] },
  },
  teams: TEAMS,
});
const props: AiGatewayProps = {
  name: 'apim-genai-test-sdc-ab12', location: 'swedencentral', resourceGroupName: 'rg-app',
  publisherName: 'p', publisherEmail: 'p@contoso.com',
  subnetResourceId: '/sub/apim', virtualNetworkResourceId: '/vnet',
  identity: { resourceId: '/id/gw', clientId: CLIENT_ID },
  applicationInsights: { resourceId: '/appi', connectionString: 'InstrumentationKey=x' },
  diagnostics: { logAnalyticsWorkspaceResourceId: '/law' },
  modelBackends: [
    { name: 'models-primary', url: 'https://ais-primary.openai.azure.com/openai', priority: 1 },
    { name: 'models-failover', url: 'https://ais-failover.openai.azure.com/openai', priority: 2 },
  ],
  contentSafetyUrl: 'https://ais-primary.cognitiveservices.azure.com',
  semanticCache: { embeddingsUrl: 'https://ais-primary.openai.azure.com/openai/deployments/emb/embeddings', redisConnectionString: 'redis:6380', redisResourceId: '/redis' },
  policies,
  teams: TEAMS.map((t) => ({ name: t.team })),
};
test('dump', () => {
  const stack = testStack();
  new AzapiProvider(stack, 'azapi');
  new AiGateway(stack, 'gateway', props);
  const json = synth(stack);
  const r = json.resource as any;
  for (const t of Object.keys(r)) { for (const [k, v] of Object.entries(r[t])) { const c: any = { ...(v as any) }; if (c.xml_content) c.xml_content = c.xml_content.length; console.log(t, k, JSON.stringify(c)); } }
  void fs; void os; void path; void App; void TerraformStack; void onlyResource; void resourcesOf;
});

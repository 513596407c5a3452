import { attribute } from '../../graph';
import { Rule } from '../../rule';
import { expectHttps } from './_helpers';

const rule: Rule = {
  id: 'GAI-APIM-013',
  title: 'API service URLs use https',
  severity: 'error',
  rationale: 'The service URL is where the gateway forwards requests, with prompts and the backend credential; http sends them in clear text inside the network.',
  remediation: 'Set `service_url` on `azurerm_api_management_api` to an `https://` URL (or route with `set-backend-service` to an https backend).',
  references: { psrule: ['Azure.APIM.HTTPBackend'], mcsb: ['DP-3'] },
  appliesTo: ['azurerm_api_management_api'],
  check: (api, { graph }) => expectHttps(graph, attribute(api, 'service_url'), 'service_url'),
};

export default rule;

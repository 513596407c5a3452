import { attribute } from '../../graph';
import { nonCompliant, Rule } from '../../rule';
import { expectHttps } from './_helpers';

const rule: Rule = {
  id: 'GAI-APIM-015',
  title: 'API Management backends use https',
  severity: 'error',
  rationale: 'The backend URL carries every forwarded request and the gateway\'s credential; the scheme must be https exactly (a substring match on "https" would accept http://https-proxy...).',
  remediation: 'Set `url` on `azurerm_api_management_backend` to an `https://` URL (model backends: the account endpoint plus `openai`).',
  references: { checkov: ['CKV_AZURE_215'], psrule: ['Azure.APIM.HTTPBackend'], mcsb: ['DP-3'] },
  appliesTo: ['azurerm_api_management_backend'],
  check: (backend, { graph }) => expectHttps(graph, attribute(backend, 'url'), 'url', nonCompliant('`url` is not set; expected an https:// URL')),
};

export default rule;

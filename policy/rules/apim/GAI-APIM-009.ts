import { attribute } from '../../graph';
import { expectAttribute, notApplicable, Rule } from '../../rule';

const rule: Rule = {
  id: 'GAI-APIM-009',
  title: 'API Management developer portal sign-up is disabled',
  severity: 'note',
  rationale: 'Self sign-up creates username/password portal accounts that can request subscriptions; consumers of the AI gateway are onboarded per team through products and Entra ID instead.',
  remediation: 'Add `sign_up { enabled = false, terms_of_service { enabled = false, consent_required = false } }` to `azurerm_api_management`.',
  references: {},
  appliesTo: ['azurerm_api_management'],
  check(apim) {
    const sku = attribute(apim, 'sku_name');
    if (sku.kind === 'known' && String(sku.value).startsWith('Consumption')) return notApplicable; // no developer portal
    return expectAttribute(apim, 'sign_up.enabled', {
      expected: false,
      whenAbsent: 'no `sign_up` block: the developer portal keeps its default username/password sign-up; expected `sign_up.enabled = false`',
    });
  },
};

export default rule;

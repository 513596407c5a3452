import { attribute } from '../../graph';
import { compliant, nonCompliant, Rule, unknown } from '../../rule';

const MINIMUM = '2021-08-01';

const rule: Rule = {
  id: 'GAI-APIM-007',
  title: 'API Management control plane requires API version 2021-08-01 or later',
  severity: 'note',
  rationale: 'Older control-plane API versions return secrets (such as subscription keys and named values) in GET responses to any reader of the service; a minimum version stops tools that still use them.',
  remediation: `Set \`min_api_version = "${MINIMUM}"\` (or later) on \`azurerm_api_management\`.`,
  references: { psrule: ['Azure.APIM.MinAPIVersion'] },
  appliesTo: ['azurerm_api_management'],
  check(apim) {
    const value = attribute(apim, 'min_api_version');
    if (value.kind === 'unknown') return unknown(`\`min_api_version\` is only known after apply (${value.expression}); expected >= "${MINIMUM}"`);
    if (value.kind === 'absent') return nonCompliant(`\`min_api_version\` is not set, so every API version is accepted; expected >= "${MINIMUM}"`);
    const date = /^\d{4}-\d{2}-\d{2}/.exec(String(value.value))?.[0];
    if (!date) return nonCompliant(`\`min_api_version\` is "${String(value.value)}", not an API version date; expected >= "${MINIMUM}"`);
    return date >= MINIMUM ? compliant : nonCompliant(`\`min_api_version\` is "${String(value.value)}"; expected >= "${MINIMUM}"`);
  },
};

export default rule;

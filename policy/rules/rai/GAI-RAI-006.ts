import { ignoresChangesTo } from '../../plan';
import { compliant, nonCompliant, notApplicable, Outcome, Rule, unknown } from '../../rule';
import { contentFilters } from './_helpers';

/**
 * Filters without a severity (binary: detected or not). Azure takes and returns no `severityThreshold`
 * for them (Azure/azure-rest-api-specs, Microsoft.CognitiveServices stable/2025-06-01
 * examples/PutRaiPolicy.json); azurerm 4.55.0 still requires one and reads the absent value back as ""
 * (cognitive_account_rai_policy_resource.go at v4.55.0), azurerm 5.x refuses one for these names (#32100).
 */
export const FILTERS_WITHOUT_SEVERITY = ['Jailbreak', 'Indirect Attack', 'Protected Material Text', 'Protected Material Code'] as const;

const key = (name: string) => name.replace(/[\s_-]+/g, '').toLowerCase();
const WITHOUT_SEVERITY = new Set(FILTERS_WITHOUT_SEVERITY.map(key));

const rule: Rule = {
  id: 'GAI-RAI-006',
  title: 'RAI policy filters that have no severity (Jailbreak, Indirect Attack, Protected Material) leave it out, or ignore its read-back',
  severity: 'note',
  rationale: 'Prompt shields and protected-material filters are on/off: Azure ignores a severity threshold for them and returns none, so a threshold in the configuration comes back as "" and every plan shows a change that never converges (azurerm 4.55 requires the argument anyway).',
  remediation: 'Leave `severity_threshold` out of these filters where the provider allows it (azurerm 5.x); on azurerm 4.55 send a placeholder and list `content_filter[<i>].severity_threshold` in `lifecycle.ignore_changes` (constructs/ai-models SHIELD_THRESHOLD_PATHS).',
  references: {},
  appliesTo: ['azurerm_cognitive_account_rai_policy'],
  check(policy) {
    const filters = contentFilters(policy);
    if (filters === 'unknown') return unknown('`content_filter` is only known after apply');
    const outcomes: Outcome[] = [];
    const drifting: string[] = [];
    let applicable = false;
    filters.forEach((filter, index) => {
      const name = filter.get('name');
      if (name.kind === 'unknown') {
        outcomes.push(unknown(`\`content_filter[${index}].name\` is only known after apply`));
        return;
      }
      if (name.kind !== 'known' || !WITHOUT_SEVERITY.has(key(String(name.value)))) return;
      applicable = true;
      const threshold = filter.get('severity_threshold');
      if (threshold.kind === 'absent' || (threshold.kind === 'known' && threshold.value === '')) return;
      if (ignoresChangesTo(policy, `content_filter[${index}].severity_threshold`)) return;
      drifting.push(`content_filter[${index}] "${String(name.value)}"`);
    });
    if (drifting.length > 0) {
      const message = `${drifting.join(', ')} set \`severity_threshold\`, which Azure does not return for these filters: a perpetual diff`;
      // Plan JSON carries no lifecycle block: the read-back may be ignored in the configuration.
      outcomes.push(!policy.lifecycle
        ? unknown(`${message}, unless the configuration ignores it (plan JSON does not show lifecycle.ignore_changes)`)
        : nonCompliant(`${message}; leave it out or list it in lifecycle.ignore_changes`));
    }
    if (outcomes.length > 0) return outcomes;
    return applicable ? compliant : notApplicable;
  },
};

export default rule;

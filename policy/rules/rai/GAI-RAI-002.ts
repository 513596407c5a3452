import { Rule, compliant, nonCompliant, notApplicable, unknown } from '../../rule';
import { HARM_CATEGORIES, SOURCES, contentFilters, findFilters } from './_helpers';

const ALLOWED = ['Low', 'Medium'];

const rule: Rule = {
  id: 'GAI-RAI-002',
  title: 'RAI policy blocks harm categories from medium severity (or lower)',
  severity: 'warning',
  rationale: '`severity_threshold = "High"` only blocks the most severe content and lets medium-severity hate, sexual, violent and self-harm content through; Medium is the Azure default.',
  remediation: 'Set `severity_threshold` to "Low" (the platform\'s setting: the model construct\'s default, `ai.contentFilterThreshold` in the environment config) or "Medium" on every harm-category `content_filter`. Assign Azure Policy 930f48f9 with allowed severities "Low" and "Medium": its defaults ("Medium", "High") reject Low and accept High.',
  references: { azurePolicy: ['930f48f9'] },
  appliesTo: ['azurerm_cognitive_account_rai_policy'],
  check(policy) {
    const filters = contentFilters(policy);
    if (filters === 'unknown') return unknown('`content_filter` is only known after apply; expected harm-category thresholds Low or Medium');
    const problems: string[] = [];
    let seen = 0;
    let undecided = false;
    for (const category of HARM_CATEGORIES) {
      for (const source of SOURCES) {
        const { matches, unsure } = findFilters(filters, category, source);
        undecided ||= unsure;
        for (const filter of matches) {
          seen += 1;
          const threshold = filter.get('severity_threshold');
          if (threshold.kind === 'unknown') undecided = true;
          else if (threshold.kind === 'absent' || !ALLOWED.some((a) => a.toLowerCase() === String(threshold.value).toLowerCase())) {
            problems.push(`${category} (${source}) is ${threshold.kind === 'known' ? `"${String(threshold.value)}"` : 'unset'}`);
          }
        }
      }
    }
    if (problems.length > 0) return nonCompliant(`\`severity_threshold\` of ${problems.join(', ')}; expected "Low" or "Medium"`);
    if (undecided) return unknown('some harm-category `severity_threshold` values are only known after apply; expected "Low" or "Medium"');
    return seen > 0 ? compliant : notApplicable;
  },
};

export default rule;

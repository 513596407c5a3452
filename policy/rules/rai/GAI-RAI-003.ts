import { Rule, compliant, nonCompliant, unknown } from '../../rule';
import { contentFilters, enabledAndBlocking } from './_helpers';

/** Prompt shields and protected-material filters, with the source the service applies them to. */
const SHIELDS: readonly (readonly [string, string])[] = [
  ['Jailbreak', 'Prompt'],
  ['Indirect Attack', 'Prompt'],
  ['Protected Material Text', 'Completion'],
  ['Protected Material Code', 'Completion'],
];

const rule: Rule = {
  id: 'GAI-RAI-003',
  title: 'RAI policy enables and blocks prompt shields and protected-material filters',
  severity: 'error',
  rationale: 'Jailbreak and indirect (document-borne) prompt-injection attacks are the main way to subvert an LLM application, and protected-material filters keep copyrighted text and licensed code out of completions.',
  remediation: 'Declare `content_filter` blocks "Jailbreak" and "Indirect Attack" (source Prompt) and "Protected Material Text" and "Protected Material Code" (source Completion), each with `filter_enabled = true` and `block_enabled = true` (the provider still requires a `severity_threshold`, which the service ignores for these filters).',
  references: { azurePolicy: ['f3a9c2e0', 'af253d37'] },
  appliesTo: ['azurerm_cognitive_account_rai_policy'],
  check(policy) {
    const filters = contentFilters(policy);
    if (filters === 'unknown') return unknown('`content_filter` is only known after apply; expected blocking prompt-shield and protected-material filters');
    const problems: string[] = [];
    let undecided = false;
    for (const [name, source] of SHIELDS) {
      const problem = enabledAndBlocking(filters, name, source);
      if (problem === 'unknown') undecided = true;
      else if (problem) problems.push(problem);
    }
    if (problems.length > 0) return nonCompliant(`content filters: ${problems.join('; ')}; expected Jailbreak and Indirect Attack (Prompt), Protected Material Text and Code (Completion), enabled and blocking`);
    return undecided ? unknown('some prompt-shield `content_filter` values are only known after apply; expected them enabled and blocking') : compliant;
  },
};

export default rule;

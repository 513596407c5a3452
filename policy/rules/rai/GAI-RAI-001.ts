import { Rule, compliant, nonCompliant, unknown } from '../../rule';
import { HARM_CATEGORIES, SOURCES, contentFilters, enabledAndBlocking } from './_helpers';

const rule: Rule = {
  id: 'GAI-RAI-001',
  title: 'RAI policy filters and blocks every harm category on prompts and completions',
  severity: 'error',
  rationale: 'Hate, sexual, violence and self-harm filters on both the prompt and the completion are the baseline Azure content safety; a missing or non-blocking filter lets that content through to users.',
  remediation: 'Declare a `content_filter` for each of Hate, Sexual, Violence, Selfharm with `source` Prompt and Completion, each with `filter_enabled = true` and `block_enabled = true`.',
  references: { azurePolicy: ['930f48f9'] },
  appliesTo: ['azurerm_cognitive_account_rai_policy'],
  check(policy) {
    const filters = contentFilters(policy);
    if (filters === 'unknown') return unknown('`content_filter` is only known after apply; expected blocking harm-category filters');
    const problems: string[] = [];
    let undecided = false;
    for (const category of HARM_CATEGORIES) {
      for (const source of SOURCES) {
        const problem = enabledAndBlocking(filters, category, source);
        if (problem === 'unknown') undecided = true;
        else if (problem) problems.push(problem);
      }
    }
    if (problems.length > 0) return nonCompliant(`content filters: ${problems.join('; ')}; expected Hate, Sexual, Violence and Selfharm on Prompt and Completion, each with filter_enabled and block_enabled true`);
    return undecided ? unknown('some harm-category `content_filter` values are only known after apply; expected them enabled and blocking') : compliant;
  },
};

export default rule;

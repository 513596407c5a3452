import { Rule, compliant, nonCompliant, unknown } from '../../rule';
import { stringAt } from '../cog/_helpers';
import { RETIRED_MODELS, covers, entriesFor } from './_models';

const rule: Rule = {
  id: 'GAI-DEP-006',
  title: 'Model deployment does not use a retired or deprecated model',
  severity: 'warning',
  rationale: 'Retired models return errors and deprecated ones stop accepting new deployments; an environment built on them fails on the next apply or at the retirement date.',
  remediation: 'Move to a current model and version (see APPROVED_MODELS in policy/rules/dep/_models.ts); RETIRED_MODELS in the same file lists what is refused.',
  references: {},
  appliesTo: ['azurerm_cognitive_deployment'],
  check(deployment) {
    const format = stringAt(deployment, 'model.format');
    const name = stringAt(deployment, 'model.name');
    const version = stringAt(deployment, 'model.version');
    if (format === 'unknown' || name === 'unknown') return unknown('`model.format` or `model.name` is only known after apply; expected a current model');
    if (format === undefined || name === undefined) return compliant;
    const entries = entriesFor(RETIRED_MODELS, format, name);
    if (entries.length === 0) return compliant;
    if (entries.some((e) => e.versions === undefined)) return nonCompliant(`model ${name} is retired or deprecated (every version); expected a current model`);
    if (version === undefined || version === 'unknown') {
      return unknown(`\`model.version\` of ${name} is ${version === undefined ? 'not set (the service picks it at deployment time)' : 'only known after apply'}; versions ${entries.flatMap((e) => e.versions ?? []).join(', ')} are retired or deprecated`);
    }
    return entries.some((e) => covers(e, version))
      ? nonCompliant(`model ${name} version "${version}" is retired or deprecated; expected a current version`)
      : compliant;
  },
};

export default rule;

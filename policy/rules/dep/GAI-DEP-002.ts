import { Rule, compliant, nonCompliant, unknown } from '../../rule';
import { stringAt } from '../cog/_helpers';
import { APPROVED_MODELS, covers, entriesFor } from './_models';

const rule: Rule = {
  id: 'GAI-DEP-002',
  title: 'Model deployment uses an approved model and pins its version',
  severity: 'warning',
  rationale: 'Each model and version is evaluated (quality, safety, cost, data terms) before use; an unpinned version takes whatever default the service picks at deployment time.',
  remediation: 'Deploy a `model` { format, name, version } from APPROVED_MODELS in policy/rules/dep/_models.ts with `version` set explicitly, or extend that list through review.',
  references: { azurePolicy: ['aafe3651'] },
  appliesTo: ['azurerm_cognitive_deployment'],
  check(deployment) {
    const format = stringAt(deployment, 'model.format');
    const name = stringAt(deployment, 'model.name');
    const version = stringAt(deployment, 'model.version');
    if (format === 'unknown' || name === 'unknown') return unknown('`model.format` or `model.name` is only known after apply; expected an approved model');
    if (format === undefined || name === undefined) return nonCompliant('`model.format` or `model.name` is not set; expected an approved model');
    const entries = entriesFor(APPROVED_MODELS, format, name);
    if (entries.length === 0) return nonCompliant(`model ${format}/${name} is not on the approved-model list; expected one of: ${APPROVED_MODELS.map((m) => m.name).join(', ')}`);
    if (version === undefined) return nonCompliant(`\`model.version\` is not set for ${name} (the service picks its default at deployment time); expected an approved version pinned explicitly`);
    if (version === 'unknown') return unknown(`\`model.version\` of ${name} is only known after apply; expected an approved version`);
    if (entries.some((e) => covers(e, version))) return compliant;
    const approved = entries.flatMap((e) => e.versions ?? []);
    return nonCompliant(`${name} version "${version}" is not approved; expected one of: ${approved.join(', ')}`);
  },
};

export default rule;

/**
 * The blind spots a Checkov comparison found, proved on the shipped plan: each edit below passed our review
 * before its rule existed. Each must now fail with its rule, while the shipped plan passes.
 */
import { review } from '../../policy/engine';
import { parsePlan } from '../../policy/plan';
import { SHIPPED_NAMES, synthEnvironment } from './synth';

type Doc = { resource: Record<string, Record<string, Record<string, unknown>>> };

const shipped = synthEnvironment('prod').json as unknown as Doc;
const only = (doc: Doc, type: string) => Object.values(doc.resource[type])[0];
const withoutSettingOn = (doc: Doc, sub: string) => {
  const settings = doc.resource.azurerm_monitor_diagnostic_setting;
  for (const [key, s] of Object.entries(settings)) if (String(s.target_resource_id).endsWith(`/${sub}/default`)) delete settings[key];
};

/** Unsuppressed failures of the review of `doc`, as `<rule> <address>`. */
function failures(doc: Doc): string[] {
  return review([parsePlan(doc, 'prod')], { production: true }).findings
    .filter((f) => f.status === 'fail' && !f.suppressed).map((f) => `${f.ruleId} ${f.address}`);
}

const EDITS: readonly [string, (doc: Doc) => void, string | readonly string[]][] = [
  ['admin user on', (d) => { only(d, 'azurerm_container_registry').admin_enabled = true; }, 'GAI-ACR-001'],
  ['anonymous pull on', (d) => { only(d, 'azurerm_container_registry').anonymous_pull_enabled = true; }, 'GAI-ACR-002'],
  ['export policy on', (d) => { only(d, 'azurerm_container_registry').export_policy_enabled = true; }, 'GAI-ACR-003'],
  ['zone redundancy off', (d) => { only(d, 'azurerm_container_registry').zone_redundancy_enabled = false; }, 'GAI-ACR-004'],
  ['dedicated data endpoint off', (d) => { only(d, 'azurerm_container_registry').data_endpoint_enabled = false; }, 'GAI-ACR-005'],
  ['retention removed', (d) => { delete only(d, 'azurerm_container_registry').retention_policy_in_days; }, 'GAI-ACR-006'],
  ['Docker Content Trust on', (d) => { only(d, 'azurerm_container_registry').trust_policy_enabled = true; }, 'GAI-ACR-007'],
  ['no diagnostic setting on blobServices/default', (d) => withoutSettingOn(d, 'blobServices'), 'GAI-MON-009'],
  ['no diagnostic setting on the Managed Redis databases/default', (d) => withoutSettingOn(d, 'databases'), 'GAI-MON-009'],
  ['a CMK with rotation_policy.expire_after only', (d) => {
    const key = Object.values(d.resource.azurerm_key_vault_key).find((k) => String(k.name).startsWith('cmk'))!;
    delete key.expiration_date;
  }, ['GAI-KEY-001', 'GAI-KEY-006', 'GAI-KEY-010']],
];

describe('blind spots of the shipped plans', () => {
  const baseline = failures(shipped);

  const ruleIds = [...new Set(EDITS.flatMap(([, , ids]) => ids))];

  test('every shipped plan passes every one of these rules', () => {
    expect(baseline.filter((f) => ruleIds.some((id) => f.startsWith(`${id} `)))).toEqual([]);
    for (const env of SHIPPED_NAMES.filter((e) => e !== 'prod')) {
      const found = review([parsePlan(synthEnvironment(env).json, env)]).findings.filter((f) => f.status === 'fail' && !f.suppressed);
      expect(found.filter((f) => ruleIds.includes(f.ruleId))).toEqual([]);
    }
  });

  test.each(EDITS.map(([name, edit, ids]) => ({ name, edit, ids: [ids].flat() })))('$name fails with $ids, and with nothing else new', ({ edit, ids }) => {
    const doc = structuredClone(shipped);
    edit(doc);
    const added = failures(doc).filter((f) => !baseline.includes(f));
    expect(added.map((f) => f.split(' ')[0]).sort()).toEqual([...ids].sort());
  });
});

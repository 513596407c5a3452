/**
 * What the configuration contributes to an empty second plan: it does not depend on when or how often it
 * is synthesized (a timestamp computed at synth would change every plan), and values Azure returns masked
 * are not where Terraform compares them (write-only values go to azapi's sensitive_body). Diffs that come
 * from how Azure reads resources back (order, casing, defaults) need a real second plan against a
 * subscription; the drift workflow runs one nightly.
 */
import { SHIPPED_NAMES, synthEnvironment } from './synth';

const synthAt = (name: string, isoDate: string): string => {
  jest.useFakeTimers({ now: new Date(isoDate), doNotFake: ['nextTick', 'setImmediate'] });
  try {
    return synthEnvironment(name).text;
  } finally {
    jest.useRealTimers();
  }
};

describe.each(SHIPPED_NAMES)('a stable configuration: %s', (name) => {
  test('synthesizing on another day gives the same configuration byte for byte', () => {
    expect(synthAt(name, '2027-03-01T08:00:00Z')).toBe(synthAt(name, '2026-12-06T23:00:00Z'));
  });

  test('azapi bodies hold no values Azure masks or omits on read (credentials, secrets): those go to sensitive_body', () => {
    const doc = JSON.parse(synthAt(name, '2026-12-06T23:00:00Z'));
    const azapi = Object.values({ ...(doc.resource.azapi_resource ?? {}), ...(doc.resource.azapi_update_resource ?? {}) }) as Record<string, any>[];
    const leaks = azapi.filter((r) => /"(credentials|connectionString|password|secret|key)"\s*:/i.test(JSON.stringify(r.body ?? {})))
      .map((r) => `${r.type} ${r.name ?? r.resource_id}`);
    expect(leaks).toEqual([]);
    expect(azapi.filter((r) => r.schema_validation_enabled === false)).toEqual([]);
  });
});

import { SynthJson, refOf, resourcesOf } from '../helpers';

/** The one management lock scoped to `scopeRef` (a `${type.key.id}` reference). */
export function lockOn(json: SynthJson, scopeRef: string): Record<string, any> {
  const locks = resourcesOf(json, 'azurerm_management_lock').filter((lock) => lock.scope === scopeRef);
  expect(locks).toHaveLength(1);
  return locks[0];
}

/**
 * The construct's only private endpoint (`endpointName`) carries the lock of the resource it reaches:
 * `CanNotDelete`, named `lock-<endpoint name>` like the resource's lock, with notes saying why.
 */
export function expectEndpointLocked(json: SynthJson, endpointName: string): void {
  expect(lockOn(json, refOf(json, 'azurerm_private_endpoint'))).toEqual({
    name: `lock-${endpointName}`,
    scope: refOf(json, 'azurerm_private_endpoint'),
    lock_level: 'CanNotDelete',
    notes: expect.stringMatching(/^Private endpoint of a locked platform resource.*remove this lock deliberately/),
  });
}

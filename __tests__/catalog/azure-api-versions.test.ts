import { PROPERTY_SINCE, bodyHas, compareApiVersions, splitAzapiType, unsupportedProperties } from '../../catalog/azure-api-versions';
import { COGNITIVE_DEPLOYMENT_TYPE, APIM_BACKEND_TYPE, APIM_DIAGNOSTIC_TYPE } from '../../constructs/azapi/models';

describe('azure api-versions', () => {
  test.each([
    ['2025-06-01', '2025-09-01', -1],
    ['2025-06-01-preview', '2025-06-01', -1],
    ['2025-06-01', '2025-06-01-preview', 1],
    ['2025-04-01-preview', '2024-10-01', 1],
    ['2024-05-01', '2024-05-01', 0],
  ] as const)('%s vs %s', (a, b, sign) => {
    expect(Math.sign(compareApiVersions(a, b))).toBe(sign);
  });

  test('refuses a malformed version', () => {
    expect(() => compareApiVersions('2025-6-1', '2025-06-01')).toThrow(/not an ARM api-version: '2025-6-1'/);
  });

  test('splits an azapi type', () => {
    expect(splitAzapiType('Microsoft.ApiManagement/service/backends@2024-06-01-preview')).toEqual({ resourceType: 'Microsoft.ApiManagement/service/backends', apiVersion: '2024-06-01-preview' });
    expect(splitAzapiType('Microsoft.ApiManagement/service/backends')).toBeUndefined();
  });

  test('reads list paths', () => {
    expect(bodyHas({ properties: { pool: { services: [{ id: 'a' }, { id: 'b', priority: 2 }] } } }, 'properties.pool.services[].priority')).toBe(true);
    expect(bodyHas({ properties: { pool: { services: [{ id: 'a' }] } } }, 'properties.pool.services[].priority')).toBe(false);
  });

  test('spilloverDeploymentName needs 2025-04-01-preview (stable 2025-06-01)', () => {
    const body = { properties: { spilloverDeploymentName: 'payg' } };
    expect(unsupportedProperties('Microsoft.CognitiveServices/accounts/deployments@2024-10-01', body).map((p) => p.path)).toEqual(['properties.spilloverDeploymentName']);
    expect(unsupportedProperties('Microsoft.CognitiveServices/accounts/deployments@2025-06-01', body)).toEqual([]);
  });

  test('every entry names a source, and a stable version not older than its first version', () => {
    for (const entry of PROPERTY_SINCE) {
      expect(entry.source.length).toBeGreaterThan(0);
      if (entry.stableSince) expect(compareApiVersions(entry.stableSince, entry.since)).toBeGreaterThanOrEqual(0);
    }
  });

  test('the api-versions the constructs use support what they send', () => {
    const apiVersion = (type: string) => splitAzapiType(type)!.apiVersion;
    for (const entry of PROPERTY_SINCE) {
      const used = { 'Microsoft.CognitiveServices/accounts/deployments': COGNITIVE_DEPLOYMENT_TYPE, 'Microsoft.ApiManagement/service/backends': APIM_BACKEND_TYPE, 'Microsoft.ApiManagement/service/diagnostics': APIM_DIAGNOSTIC_TYPE }[entry.resourceType];
      expect(used).toBeDefined();
      expect(compareApiVersions(apiVersion(used!), entry.since)).toBeGreaterThanOrEqual(0);
    }
  });
});

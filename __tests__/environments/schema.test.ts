import { ConfigErrors, PLATFORM_TAG_KEYS, closestKey, parseEnvironment, parseEnvironments } from '../../environments/schema';
import { configErrorOf, issue, issuesOf, lit, validInput } from '../helpers';

// ---------------------------------------------------------------------------------------------
// Local helpers
// ---------------------------------------------------------------------------------------------

/** The `ConfigErrors` that `parseEnvironments` throws; fails the test when it accepts the inputs. */
function configErrorsOf(inputs: readonly unknown[]): ConfigErrors {
  try {
    parseEnvironments(inputs);
  } catch (e) {
    if (e instanceof ConfigErrors) return e;
    throw e;
  }
  throw new Error('expected ConfigErrors, but the configurations were accepted');
}

type Section = 'naming' | 'network' | 'keyVault' | 'monitoring' | 'budgets' | 'governance' | 'state';

/** The shipped dev config with `patch` spread over one of its sections (absent sections start empty). */
function withSection(section: Section, patch: Record<string, unknown>): Record<string, unknown> {
  const base = validInput() as unknown as Record<string, Record<string, unknown> | undefined>;
  return { ...base, [section]: { ...base[section], ...patch } };
}

/** The shipped dev config without `keys` (not even as undefined). */
function without(...keys: string[]): Record<string, unknown> {
  const input = validInput() as unknown as Record<string, unknown>;
  for (const key of keys) delete input[key];
  return input;
}

/** A copy of `obj` without `keys`. */
function omit<T extends object>(obj: T, ...keys: (keyof T)[]): Partial<T> {
  const copy: Partial<T> = { ...obj };
  for (const key of keys) delete copy[key];
  return copy;
}

const devNetwork = (patch: Record<string, unknown>) => withSection('network', patch);
const subnets = (patch: Record<string, unknown>, addressSpace = '10.40.0.0/22') =>
  withSection('network', { addressSpace, subnets: patch });
const keyVault = (patch: Record<string, unknown>) => withSection('keyVault', patch);
const monitoring = (patch: Record<string, unknown>) => withSection('monitoring', patch);
const budgets = (patch: Record<string, unknown>) => withSection('budgets', patch);
const azurermState = (patch: Record<string, unknown> = {}) => validInput({
  state: {
    backend: 'azurerm', resourceGroupName: 'rg-genai-tfstate', storageAccountName: 'stgenaitfstate01', containerName: 'tfstate', ...patch,
  },
});

const GUID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const ZONE_ID = (zone: string) => `/subscriptions/00000000-0000-0000-0000-00000000c0de/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/${zone}`;

// ---------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------

describe('parseEnvironment', () => {
  describe('resolved config', () => {
    test('accepts the shipped dev config', () => {
      expect(parseEnvironment(validInput()).name).toBe('dev');
    });

    test('does not modify its input', () => {
      const input = validInput();
      const before = structuredClone(input);
      parseEnvironment(input);
      expect(input).toEqual(before);
    });

    test('applies Key Vault defaults: standard outside production, 90/180/365 days, no deployer ranges', () => {
      expect(parseEnvironment(without('keyVault')).keyVault).toEqual({
        skuName: 'standard', softDeleteRetentionDays: 90, deployerIpRanges: [], keyRotationDays: 180, keyExpiryDays: 365,
      });
    });

    test('defaults the Key Vault SKU to premium in production', () => {
      expect(parseEnvironment({ ...without('keyVault'), production: true }).keyVault.skuName).toBe('premium');
      expect(parseEnvironment({ ...keyVault({ skuName: 'standard' }), production: true }).keyVault.skuName).toBe('standard');
      expect(parseEnvironment(keyVault({ skuName: 'premium' })).keyVault.skuName).toBe('premium');
    });

    test('applies monitoring defaults: 90 days retention, no cap, private link scope following `production`', () => {
      const base = validInput().monitoring;
      const dev = parseEnvironment(validInput({ monitoring: omit(base, 'retentionDays', 'dailyQuotaGb') })).monitoring;
      expect(dev).toEqual({ retentionDays: 90, dailyQuotaGb: undefined, privateLinkScopeEnabled: false, alertEmails: base.alertEmails });
      expect(parseEnvironment(validInput({ production: true })).monitoring.privateLinkScopeEnabled).toBe(true);
    });

    test('an explicit privateLinkScopeEnabled wins over the production default', () => {
      expect(parseEnvironment({ ...monitoring({ privateLinkScopeEnabled: false }), production: true }).monitoring.privateLinkScopeEnabled).toBe(false);
      expect(parseEnvironment(monitoring({ privateLinkScopeEnabled: true })).monitoring.privateLinkScopeEnabled).toBe(true);
    });

    test('governance follows `production` unless set', () => {
      expect(parseEnvironment(validInput()).governance).toEqual({ deleteLocksEnabled: false, preventDestroyEnabled: false });
      expect(parseEnvironment(validInput({ production: true })).governance).toEqual({ deleteLocksEnabled: true, preventDestroyEnabled: true });
      expect(parseEnvironment(validInput({ production: true, governance: { preventDestroyEnabled: false } })).governance)
        .toEqual({ deleteLocksEnabled: true, preventDestroyEnabled: false });
      expect(parseEnvironment(validInput({ governance: { deleteLocksEnabled: true } })).governance)
        .toEqual({ deleteLocksEnabled: true, preventDestroyEnabled: false });
    });

    test('network defaults: subnets carved from the VNet, Azure DNS, no hub zones, NAT gateway egress', () => {
      expect(parseEnvironment(validInput()).network).toEqual({
        addressSpace: '10.40.0.0/22',
        subnets: { privateEndpoints: '10.40.0.0/24', apim: '10.40.1.0/27', apps: '10.40.2.0/23' },
        dnsServers: [],
        hubPrivateDnsZoneResourceIds: {},
        egress: 'natGateway',
      });
    });

    test('carves default subnets from the start of a VNet larger than /22', () => {
      expect(parseEnvironment(devNetwork({ addressSpace: '172.20.8.0/21' })).network.subnets)
        .toEqual({ privateEndpoints: '172.20.8.0/24', apim: '172.20.9.0/27', apps: '172.20.10.0/23' });
    });

    test('keeps explicit subnets and carves only the missing ones', () => {
      expect(parseEnvironment(subnets({ apim: '10.40.1.64/26' })).network.subnets)
        .toEqual({ privateEndpoints: '10.40.0.0/24', apim: '10.40.1.64/26', apps: '10.40.2.0/23' });
    });

    test('accepts a /24 VNet when every subnet is explicit', () => {
      const config = parseEnvironment(subnets({ privateEndpoints: '10.40.0.0/26', apim: '10.40.0.64/27', apps: '10.40.0.128/25' }, '10.40.0.0/24'));
      expect(config.network.addressSpace).toBe('10.40.0.0/24');
      expect(config.network.subnets.apps).toBe('10.40.0.128/25');
    });

    test('accepts hub egress, custom DNS servers and hub DNS zones', () => {
      const network = parseEnvironment(devNetwork({
        egress: 'hub', dnsServers: ['10.0.0.4', '10.0.0.5'], hubPrivateDnsZoneResourceIds: { keyVault: ZONE_ID('privatelink.vaultcore.azure.net') },
      })).network;
      expect(network.egress).toBe('hub');
      expect(network.dnsServers).toEqual(['10.0.0.4', '10.0.0.5']);
      expect(network.hubPrivateDnsZoneResourceIds).toEqual({ keyVault: ZONE_ID('privatelink.vaultcore.azure.net') });
    });

    test('merges extra tags with the six platform tags taken from typed fields', () => {
      expect(parseEnvironment(validInput({ tags: { team: 'ai' } })).tags).toEqual({
        team: 'ai',
        environment: 'dev',
        'environment-tier': 'non-production',
        workload: 'genai',
        owner: 'genai-platform-dev@contoso.com',
        'cost-center': 'CC-4711-RD',
        'data-classification': 'internal',
      });
      expect(Object.keys(parseEnvironment(without('tags')).tags).sort()).toEqual([...PLATFORM_TAG_KEYS].sort());
    });

    test('naming, subscription and state defaults', () => {
      const config = parseEnvironment(validInput());
      expect(config.naming).toEqual({ uniqueSuffix: undefined, seed: '' });
      expect(config.subscriptionId).toBeUndefined();
      expect(config.state).toEqual({ backend: 'local' });
      expect(parseEnvironment(validInput({ naming: { uniqueSuffix: 'x7k', seed: 'contoso' } })).naming).toEqual({ uniqueSuffix: 'x7k', seed: 'contoso' });
      expect(parseEnvironment(validInput({ subscriptionId: GUID.toUpperCase() })).subscriptionId).toBe(GUID.toUpperCase());
    });

    test('budgets resolve with an optional start date', () => {
      expect(parseEnvironment(validInput()).budgets).toEqual({
        monthlyAmounts: { network: 150, security: 50, monitoring: 200, ai: 600, app: 250 }, contactEmails: ['genai-platform-dev@contoso.com'], startDate: undefined,
      });
      expect(parseEnvironment(budgets({ startDate: '2017-06-01' })).budgets.startDate).toBe('2017-06-01');
    });
  });

  describe('root', () => {
    test.each([
      [null, /must be an object, got null/],
      ['dev', /must be an object, got 'dev'/],
      [42, /must be an object, got number 42/],
      [[], /must be an object, got a list/],
      [undefined, /is required/],
    ])('refuses %j as a whole config', (input, pattern) => {
      const error = configErrorOf(() => parseEnvironment(input));
      expect(error.issues).toEqual([issue('', pattern)]);
      expect(error.environment).toBe('<unnamed>');
      expect(error.message).toMatch(/^Invalid configuration for environment '<unnamed>' \(1 problem\):\n {2}- \(root\): /);
    });

    test('reports an unknown top-level key with the list of known ones', () => {
      expect(issuesOf(validInput({ workloads: 'genai' }))).toEqual([
        issue('workloads', /^is not a known field; expected one of: name, workload, location, production, .*state; did you mean 'workload'\?$/),
      ]);
    });

    test.each(['name', 'workload', 'location', 'production', 'owner', 'costCenter', 'dataClassification', 'network', 'monitoring', 'budgets'])(
      'requires %s', (key) => {
        expect(issuesOf(without(key))).toContainEqual({ path: key, message: 'is required' });
      });

    test('does not require the optional top-level fields', () => {
      expect(() => parseEnvironment(without('subscriptionId', 'tags', 'naming', 'keyVault', 'governance', 'state'))).not.toThrow();
    });

    test.each([
      ['name', 42, /^must be a string, got number 42$/],
      ['workload', ['genai'], /^must be a string, got a list$/],
      ['location', { region: 'swedencentral' }, /^must be a string, got an object$/],
      ['production', 'yes', /^must be true or false, got 'yes'$/],
      ['production', 1, /^must be true or false, got number 1$/],
      ['owner', null, /^must be a string, got null$/],
      ['costCenter', 4711, /^must be a string, got number 4711$/],
      ['dataClassification', true, /^must be a string, got boolean true$/],
      ['network', '10.40.0.0/22', /^must be an object, got '10\.40\.0\.0\/22'$/],
      ['monitoring', null, /^must be an object, got null$/],
      ['budgets', [], /^must be an object, got a list$/],
      ['naming', 'x7k', /^must be an object, got 'x7k'$/],
      ['keyVault', 'premium', /^must be an object, got 'premium'$/],
      ['governance', true, /^must be an object, got boolean true$/],
    ])('refuses %s of the wrong type (%j)', (key, value, pattern) => {
      expect(issuesOf(validInput({ [key]: value }))).toContainEqual(issue(key, pattern));
    });

    test.each(['a', 'abcdefghi', 'Dev', '1dev', 'de-v', 'dev ', '', 'dév'])('refuses the name %j', (name) => {
      expect(issuesOf(validInput({ name }))).toContainEqual(issue('name', /must be 2-8 lowercase letters or digits, starting with a letter/));
    });

    test.each(['ab', 'd3v', 'abcdefgh'])('accepts the name %j', (name) => {
      expect(parseEnvironment(validInput({ name })).name).toBe(name);
    });

    test.each(['g', 'genaiplatform', 'GenAI', '9genai', 'gen_ai'])('refuses the workload %j', (workload) => {
      expect(issuesOf(validInput({ workload }))).toContainEqual(issue('workload', /must be 2-8 lowercase letters or digits, starting with a letter/));
    });

    describe('names derived from workload and environment', () => {
      test('refuses a combination that makes the Key Vault and storage names too long, on `workload`', () => {
        const issues = issuesOf(validInput({ workload: 'abcdefgh', name: 'abcdefgh' }));
        expect(issues).toContainEqual(issue('workload',
          /^with environment 'abcdefgh' in swedencentral makes an illegal name: keyVault name 'kvabcdefghabcdefghsdc[a-z0-9]{4}' is 25 characters; allowed 3-24$/));
        expect(issues).toContainEqual(issue('workload', /makes an illegal name: storageAccount name 'stabcdefghabcdefghsdc[a-z0-9]{4}' is 25 characters/));
        expect(issues.every((i) => i.path === 'workload')).toBe(true);
      });

      test('the same names fit with a shorter unique suffix, but not with a longer region code', () => {
        expect(() => parseEnvironment(validInput({ workload: 'abcdefgh', name: 'abcdefgh', naming: { uniqueSuffix: 'x7k' } }))).not.toThrow();
        expect(issuesOf(validInput({ workload: 'abcdefgh', name: 'abcdefgh', location: 'eastus2', naming: { uniqueSuffix: 'x7k' } })))
          .toContainEqual(issue('workload', /in eastus2 makes an illegal name: keyVault name 'kvabcdefghabcdefgheus2x7k' is 25 characters/));
      });

      test('a long workload alone is fine', () => {
        expect(parseEnvironment(validInput({ workload: 'abcdefgh' })).workload).toBe('abcdefgh');
      });

      test('is not checked when name or region is already wrong', () => {
        expect(issuesOf(validInput({ workload: 'abcdefgh', name: 'abcdefgh', location: 'mars' })).map((i) => i.path)).toEqual(['location']);
      });
    });

    test.each(['mars', 'West Europe', 'westeurope ', 'chinaeast2', 'toString', ''])('refuses the region %j', (location) => {
      expect(issuesOf(validInput({ location }))).toEqual([
        issue('location', new RegExp(`^'${lit(location)}' is not an allowed region; allowed: .*swedencentral`)),
      ]);
    });

    test('accepts another allowed region', () => {
      expect(parseEnvironment(validInput({ location: 'westeurope' })).location).toBe('westeurope');
    });

    test.each(['not-a-guid', '3f2504e0-4f89-41d3-9a0c-0305e82c330', `{${GUID}}`, GUID.replace(/-/g, '')])('refuses the subscription id %j', (subscriptionId) => {
      expect(issuesOf(validInput({ subscriptionId }))).toEqual([issue('subscriptionId', /must be a GUID$/)]);
    });

    test.each(['genai team', 'someone@contoso', '@contoso.com', 'a b@contoso.com', ''])('refuses the owner %j', (owner) => {
      expect(issuesOf(validInput({ owner }))).toEqual([issue('owner', new RegExp(`^'${lit(owner)}' must be an email address$`))]);
    });

    test.each(['', '-CC', 'CC#4711', 'CC/4711', 'C'.repeat(65)])('refuses the cost center %j', (costCenter) => {
      expect(issuesOf(validInput({ costCenter }))).toEqual([issue('costCenter', /must be 1-64 letters, digits, spaces or \._-$/)]);
    });

    test.each(['C', 'CC 4711.a_b-c', 'C'.repeat(64)])('accepts the cost center %j', (costCenter) => {
      expect(parseEnvironment(validInput({ costCenter })).tags['cost-center']).toBe(costCenter);
    });

    test.each(['secret', 'Internal', ''])('refuses the data classification %j', (dataClassification) => {
      expect(issuesOf(validInput({ dataClassification }))).toEqual([
        issue('dataClassification', /is not one of: public, internal, confidential, restricted$/),
      ]);
    });

    test.each(['public', 'internal', 'confidential', 'restricted'])('accepts the data classification %j', (dataClassification) => {
      expect(parseEnvironment(validInput({ dataClassification })).tags['data-classification']).toBe(dataClassification);
    });
  });

  describe('tags', () => {
    test.each(PLATFORM_TAG_KEYS.map((key) => [key]))('refuses overriding the platform tag %s', (key) => {
      expect(issuesOf(validInput({ tags: { [key]: 'x' } }))).toEqual([
        issue(`tags.${key}`, /^is set by the platform from typed fields \(environment, environment-tier, workload, owner, cost-center, data-classification\); remove it$/),
      ]);
    });

    test('refuses a platform tag spelled in another case (Azure tag names are case-insensitive)', () => {
      expect(issuesOf(validInput({ tags: { Environment: 'prod', 'COST-CENTER': 'x' } }))).toEqual([
        issue('tags.Environment', /is set by the platform/),
        issue('tags.COST-CENTER', /is set by the platform/),
      ]);
    });

    test('refuses two tags whose names differ only in case', () => {
      expect(issuesOf(validInput({ tags: { team: 'a', Team: 'b' } }))).toEqual([issue('tags.Team', /same name as tags\.team/)]);
    });

    test.each(['a/b', 'a<b', 'a>b', 'cost%', 'r&d', 'back\\slash', 'why?', '', 'k'.repeat(129)])('refuses the tag name %j', (key) => {
      expect(issuesOf(validInput({ tags: { [key]: 'x' } }))).toEqual([issue(`tags.${key}`, /^tag names must be 1-128 characters without <>%&\\\?\/$/)]);
    });

    test('accepts a 128-character tag name (the storage account limit) and a 256-character value', () => {
      const tags = { ['k'.repeat(128)]: 'v'.repeat(256) };
      expect(parseEnvironment(validInput({ tags })).tags['k'.repeat(128)]).toBe('v'.repeat(256));
    });

    test('refuses a tag value longer than 256 characters', () => {
      expect(issuesOf(validInput({ tags: { note: 'v'.repeat(257) } }))).toEqual([issue('tags.note', /^tag values are at most 256 characters, got 257$/)]);
    });

    test.each([[3, /^must be a string, got number 3$/], [null, /^must be a string, got null$/], [true, /^must be a string, got boolean true$/], [['a'], /^must be a string, got a list$/]])(
      'refuses the non-string tag value %j', (value, pattern) => {
        expect(issuesOf(validInput({ tags: { criticality: value } }))).toEqual([issue('tags.criticality', pattern)]);
      });

    test.each([['low', /^must be an object of string values, got 'low'$/], [['a'], /^must be an object of string values, got a list$/], [null, /^must be an object of string values, got null$/]])('refuses tags that are not an object (%j)', (tags, pattern) => {
      expect(issuesOf(validInput({ tags }))).toEqual([issue('tags', pattern)]);
    });

    test('allows 44 extra tags but not 45 (Azure allows 50 including the platform tags)', () => {
      const tagsOf = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`t${i}`, 'v']));
      expect(() => parseEnvironment(validInput({ tags: tagsOf(44) }))).not.toThrow();
      expect(issuesOf(validInput({ tags: tagsOf(45) }))).toEqual([issue('tags', /^has 45 tags; with the 6 platform tags Azure allows at most 50$/)]);
    });
  });

  describe('misspelt keys', () => {
    test.each([
      ['peakTokenPerMinute', 'peakTokensPerMinute'],
      ['PeakTokensPerMinute', 'peakTokensPerMinute'],
      ['spilloverDeploymnet', 'spilloverDeployment'],
    ])('%s: names the closest known key', (typo, meant) => {
      expect(closestKey(typo, ['name', 'model', 'version', 'sku', 'capacity', 'peakTokensPerMinute', 'spilloverDeployment', 'versionUpgradeOption'])).toBe(meant);
    });

    test('no suggestion for a key unlike any known one', () => {
      expect(closestKey('tpm', ['name', 'tokensPerMinute', 'tokenQuota'])).toBeUndefined();
      expect(issuesOf(validInput({ orchestrator: { replicas: 3 } })).find((i) => i.path === 'orchestrator.replicas')?.message).not.toMatch(/did you mean/);
    });
  });

  describe('naming', () => {
    test('reports a typo with its path', () => {
      expect(issuesOf(validInput({ naming: { uniqueSufix: 'x7k' } }))).toEqual([
        issue('naming.uniqueSufix', /^is not a known field; expected one of: uniqueSuffix, seed; did you mean 'uniqueSuffix'\?$/),
      ]);
    });

    test.each(['ab', 'abcdefg', 'X7K', 'x-7k', 'x7k ', ''])('refuses the unique suffix %j', (uniqueSuffix) => {
      expect(issuesOf(validInput({ naming: { uniqueSuffix } }))).toEqual([issue('naming.uniqueSuffix', /must be 3-6 lowercase letters or digits$/)]);
    });

    test.each(['abc', '0a1b2c'])('accepts the unique suffix %j', (uniqueSuffix) => {
      expect(parseEnvironment(validInput({ naming: { uniqueSuffix } })).naming.uniqueSuffix).toBe(uniqueSuffix);
    });

    test('refuses a non-string seed', () => {
      expect(issuesOf(validInput({ naming: { seed: 42 } }))).toEqual([issue('naming.seed', /^must be a string, got number 42$/)]);
    });
  });

  describe('network', () => {
    test('reports a typo with its path, once: not again as the field it was meant for being missing', () => {
      const issues = issuesOf(validInput({ network: { adressSpace: '10.40.0.0/22' } }));
      expect(issues).toEqual([issue('network.adressSpace', /^is not a known field; expected one of: addressSpace, subnets, dnsServers, hubPrivateDnsZoneResourceIds, egress; did you mean 'addressSpace'\?$/)]);
      // With no suggestion the missing field is still reported.
      expect(issuesOf(validInput({ network: { cidr: '10.40.0.0/22' } }))).toContainEqual({ path: 'network.addressSpace', message: 'is required' });
    });

    test('reports a typo in subnets with its path', () => {
      expect(issuesOf(subnets({ apps: '10.40.2.0/23', pe: '10.40.0.0/24' }))).toEqual([
        issue('network.subnets.pe', /^is not a known field; expected one of: apim, apps, privateEndpoints$/),
      ]);
    });

    test('refuses subnets that are not an object', () => {
      expect(issuesOf(devNetwork({ subnets: ['10.40.0.0/24'] }))).toContainEqual(issue('network.subnets', /^must be an object, got a list$/));
    });

    test.each([
      ['10.40.0.0', /^'10\.40\.0\.0' is not an IPv4 CIDR block like 10\.0\.0\.0\/22$/],
      ['10.40.0.0/', /is not an IPv4 CIDR block/],
      ['vnet-hub', /is not an IPv4 CIDR block/],
      ['10.40.0.300/22', /^'10\.40\.0\.300\/22' is not a valid IPv4 CIDR block$/],
      ['10.40.0.0/33', /is not a valid IPv4 CIDR block/],
      ['010.40.0.0/22', /has leading zeros; write it as 10\.40\.0\.0\/22/],
    ])('refuses the malformed address space %j', (addressSpace, pattern) => {
      expect(issuesOf(devNetwork({ addressSpace }))).toEqual([issue('network.addressSpace', pattern)]);
    });

    test('refuses an address space with host bits set, naming the network address', () => {
      expect(issuesOf(devNetwork({ addressSpace: '10.40.1.0/22' }))).toEqual([
        issue('network.addressSpace', /^'10\.40\.1\.0\/22' has host bits set; the network address for \/22 is 10\.40\.0\.0\/22$/),
      ]);
    });

    test.each(['20.40.0.0/22', '100.64.0.0/22', '172.32.0.0/22', '192.169.0.0/22'])('refuses the non-RFC 1918 address space %s', (addressSpace) => {
      expect(issuesOf(devNetwork({ addressSpace }))).toEqual([
        issue('network.addressSpace', new RegExp(`^${lit(addressSpace)} must be inside RFC 1918 private space \\(10/8, 172\\.16/12, 192\\.168/16\\)$`)),
      ]);
    });

    test.each(['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'])('accepts the address space %s', (addressSpace) => {
      expect(parseEnvironment(devNetwork({ addressSpace })).network.addressSpace).toBe(addressSpace);
    });

    test('refuses a VNet smaller than /24', () => {
      const input = subnets({ privateEndpoints: '10.40.0.0/27', apim: '10.40.0.32/27', apps: '10.40.0.64/27' }, '10.40.0.0/25');
      expect(issuesOf(input)).toEqual([issue('network.addressSpace', /^10\.40\.0\.0\/25 is too small; use \/24 or larger$/)]);
    });

    test('requires explicit subnets when the VNet is smaller than /22', () => {
      expect(issuesOf(devNetwork({ addressSpace: '10.40.0.0/23' }))).toEqual(['apim', 'apps', 'privateEndpoints'].map((key) =>
        issue(`network.subnets.${key}`, /^is required when network\.addressSpace \(10\.40\.0\.0\/23\) is smaller than \/22, the size the default layout needs$/)));
      expect(issuesOf(subnets({ apim: '10.40.1.0/27' }, '10.40.0.0/23')).map((i) => i.path))
        .toEqual(['network.subnets.apps', 'network.subnets.privateEndpoints']);
    });

    test.each([
      ['apim', '10.41.1.0/27'],
      ['apps', '10.40.4.0/23'],
      ['privateEndpoints', '192.168.0.0/24'],
    ])('refuses the %s subnet outside the VNet', (key, cidr) => {
      expect(issuesOf(subnets({ [key]: cidr }))).toContainEqual(
        issue(`network.subnets.${key}`, new RegExp(`^${lit(cidr)} is outside network\\.addressSpace 10\\.40\\.0\\.0/22$`)));
    });

    test('refuses a subnet that straddles the end of the VNet', () => {
      const input = subnets({ privateEndpoints: '10.40.0.0/25', apim: '10.40.0.128/27', apps: '10.40.1.0/24' }, '10.40.0.0/24');
      expect(issuesOf(input)).toEqual([issue('network.subnets.apps', /^10\.40\.1\.0\/24 is outside network\.addressSpace 10\.40\.0\.0\/24$/)]);
    });

    test('refuses overlapping subnets, reported on the later one', () => {
      expect(issuesOf(subnets({ apim: '10.40.0.0/27' }))).toEqual([
        issue('network.subnets.privateEndpoints', /^10\.40\.0\.0\/24 overlaps network\.subnets\.apim \(10\.40\.0\.0\/27\)$/),
      ]);
      expect(issuesOf(subnets({ apim: '10.40.2.0/27' }))).toEqual([
        issue('network.subnets.apps', /^10\.40\.2\.0\/23 overlaps network\.subnets\.apim \(10\.40\.2\.0\/27\)$/),
      ]);
    });

    test('reports every overlap of a subnet', () => {
      const input = subnets({ apim: '10.40.0.0/27', apps: '10.40.0.0/23', privateEndpoints: '10.40.0.0/24' });
      expect(issuesOf(input)).toEqual([
        issue('network.subnets.apps', /overlaps network\.subnets\.apim/),
        issue('network.subnets.privateEndpoints', /overlaps network\.subnets\.apim/),
        issue('network.subnets.privateEndpoints', /overlaps network\.subnets\.apps/),
      ]);
    });

    test.each([
      ['apim', '10.40.1.0/28'],
      ['apps', '10.40.2.0/28'],
      ['privateEndpoints', '10.40.0.0/29'],
    ])('refuses a %s subnet smaller than /27', (key, cidr) => {
      expect(issuesOf(subnets({ [key]: cidr }))).toEqual([
        issue(`network.subnets.${key}`, new RegExp(`^${lit(cidr)} is too small for ${key}; use /27 or larger$`)),
      ]);
    });

    test('refuses malformed subnets and subnets with host bits set', () => {
      expect(issuesOf(subnets({ apps: '10.40.2.0' }))).toEqual([issue('network.subnets.apps', /is not an IPv4 CIDR block/)]);
      expect(issuesOf(subnets({ apps: '10.40.3.0/23' }))).toEqual([
        issue('network.subnets.apps', /has host bits set; the network address for \/23 is 10\.40\.2\.0\/23/),
      ]);
    });

    test('a non-string subnet is reported once, not also as missing', () => {
      expect(issuesOf(subnets({ apim: 27, apps: '10.40.0.0/24', privateEndpoints: '10.40.1.0/24' }, '10.40.0.0/23'))).toEqual([
        issue('network.subnets.apim', /^must be a string, got number 27$/),
      ]);
    });

    describe('dnsServers', () => {
      test('refuses an entry that is not an IPv4 address, by index', () => {
        expect(issuesOf(devNetwork({ dnsServers: ['10.0.0.4', 'dns.contoso.com'] }))).toEqual([
          issue('network.dnsServers[1]', /^'dns\.contoso\.com' is not an IPv4 address$/),
        ]);
        expect(issuesOf(devNetwork({ dnsServers: ['10.0.0.4', '10.0.0.0/24'] }))).toEqual([issue('network.dnsServers[1]', /is not an IPv4 address/)]);
        expect(issuesOf(devNetwork({ dnsServers: ['10.0.0.256', '10.0.0.4'] }))).toEqual([issue('network.dnsServers[0]', /is not an IPv4 address/)]);
      });

      test('refuses a single DNS server', () => {
        expect(issuesOf(devNetwork({ dnsServers: ['10.0.0.4'] }))).toEqual([
          issue('network.dnsServers', /^list at least two DNS servers for resilience, or none for Azure DNS$/),
        ]);
      });

      test('accepts an empty list (Azure DNS)', () => {
        expect(parseEnvironment(devNetwork({ dnsServers: [] })).network.dnsServers).toEqual([]);
      });

      test('refuses duplicates, non-strings and a non-list', () => {
        expect(issuesOf(devNetwork({ dnsServers: ['10.0.0.4', '10.0.0.4'] }))).toContainEqual(issue('network.dnsServers[1]', /^'10\.0\.0\.4' is listed twice$/));
        expect(issuesOf(devNetwork({ dnsServers: [4, '10.0.0.4', '10.0.0.5'] }))).toEqual([issue('network.dnsServers[0]', /^must be a string, got number 4$/)]);
        expect(issuesOf(devNetwork({ dnsServers: '10.0.0.4' }))).toEqual([issue('network.dnsServers', /^must be a list, got '10\.0\.0\.4'$/)]);
      });
    });

    describe('hubPrivateDnsZoneResourceIds', () => {
      test('reports an unknown zone key with the list of known ones', () => {
        expect(issuesOf(devNetwork({ hubPrivateDnsZoneResourceIds: { vault: ZONE_ID('privatelink.vaultcore.azure.net') } }))).toEqual([
          issue('network.hubPrivateDnsZoneResourceIds.vault', /^is not a known field; expected one of: cognitiveServices, openAi, .*keyVault, blob, .*agentService$/),
        ]);
      });

      test.each([
        ['privatelink.vaultcore.azure.net'],
        ['/subscriptions/sub/resourceGroups/rg/providers/Microsoft.Network/privateDnsZones/privatelink.vaultcore.azure.net'],
        ['/subscriptions/00000000-0000-0000-0000-00000000c0de/resourceGroups/rg/providers/Microsoft.Network/dnsZones/privatelink.vaultcore.azure.net'],
        [`${ZONE_ID('privatelink.vaultcore.azure.net')}/`],
      ])('refuses the malformed resource id %j', (id) => {
        expect(issuesOf(devNetwork({ hubPrivateDnsZoneResourceIds: { keyVault: id } }))).toEqual([
          issue('network.hubPrivateDnsZoneResourceIds.keyVault', /must be a private DNS zone resource id \(\/subscriptions\/<id>\/resourceGroups\/<rg>\/providers\/Microsoft\.Network\/privateDnsZones\/<zone>\)$/),
        ]);
      });

      test('refuses an id naming another zone than its key', () => {
        expect(issuesOf(devNetwork({ hubPrivateDnsZoneResourceIds: { keyVault: ZONE_ID('privatelink.blob.core.windows.net') } }))).toEqual([
          issue('network.hubPrivateDnsZoneResourceIds.keyVault', /^names zone 'privatelink\.blob\.core\.windows\.net' but keyVault must be 'privatelink\.vaultcore\.azure\.net'$/),
        ]);
      });

      test('compares zone names case-insensitively and keeps the id as written', () => {
        const id = ZONE_ID('PrivateLink.VaultCore.Azure.Net');
        expect(parseEnvironment(devNetwork({ hubPrivateDnsZoneResourceIds: { keyVault: id } })).network.hubPrivateDnsZoneResourceIds).toEqual({ keyVault: id });
      });

      test('refuses a non-object', () => {
        expect(issuesOf(devNetwork({ hubPrivateDnsZoneResourceIds: [ZONE_ID('privatelink.vaultcore.azure.net')] }))).toEqual([
          issue('network.hubPrivateDnsZoneResourceIds', /^must be an object, got a list$/),
        ]);
      });
    });

    test.each(['firewall', 'NatGateway', ''])('refuses the egress %j', (egress) => {
      expect(issuesOf(devNetwork({ egress }))).toEqual([issue('network.egress', /is not one of: natGateway, hub$/)]);
    });
  });

  describe('keyVault', () => {
    test('reports a typo with its path', () => {
      expect(issuesOf(keyVault({ sku: 'premium' }))).toEqual([
        issue('keyVault.sku', /^is not a known field; expected one of: skuName, softDeleteRetentionDays, deployerIpRanges, deployerAccessReason, keyRotationDays, keyExpiryDays$/),
      ]);
    });

    test.each(['Premium', 'hsm', ''])('refuses the SKU %j', (skuName) => {
      expect(issuesOf(keyVault({ skuName }))).toEqual([issue('keyVault.skuName', new RegExp(`^'${skuName}' is not one of: standard, premium$`))]);
    });

    test.each([
      [6, /^must be between 7 and 90, got 6$/],
      [91, /^must be between 7 and 90, got 91$/],
      [30.5, /^must be a whole number, got 30\.5$/],
      ['90', /^must be a number, got '90'$/],
      [NaN, /^must be a number/],
    ])('refuses softDeleteRetentionDays %j', (softDeleteRetentionDays, pattern) => {
      expect(issuesOf(keyVault({ softDeleteRetentionDays }))).toEqual([issue('keyVault.softDeleteRetentionDays', pattern)]);
    });

    test.each([7, 90])('accepts softDeleteRetentionDays %j', (softDeleteRetentionDays) => {
      expect(parseEnvironment(keyVault({ softDeleteRetentionDays })).keyVault.softDeleteRetentionDays).toBe(softDeleteRetentionDays);
    });

    describe('deployerIpRanges', () => {
      const REASON = 'GitHub-hosted runners until the VNet runner pool exists';

      test('needs a reason of at least 10 characters, and the reason needs ranges', () => {
        expect(issuesOf(keyVault({ deployerIpRanges: ['203.0.113.0/28'] }))).toEqual([
          issue('keyVault.deployerAccessReason', /^is required with deployerIpRanges \(at least 10 characters\)/),
        ]);
        expect(issuesOf(keyVault({ deployerIpRanges: ['203.0.113.0/28'], deployerAccessReason: 'because' }))).toEqual([
          issue('keyVault.deployerAccessReason', /^is required with deployerIpRanges/),
        ]);
        expect(issuesOf(keyVault({ deployerAccessReason: REASON }))).toEqual([
          issue('keyVault.deployerAccessReason', /^is only meaningful with deployerIpRanges; remove it$/),
        ]);
        expect(parseEnvironment(keyVault({ deployerIpRanges: ['203.0.113.0/28'], deployerAccessReason: REASON })).keyVault.deployerAccessReason).toBe(REASON);
      });

      test('accepts public ranges and single addresses, kept as written', () => {
        const deployerIpRanges = ['203.0.113.0/28', '198.51.100.7'];
        expect(parseEnvironment(keyVault({ deployerAccessReason: REASON, deployerIpRanges })).keyVault.deployerIpRanges).toEqual(deployerIpRanges);
      });

      test.each([
        ['not-an-ip', /is not an IPv4 CIDR block/],
        ['203.0.113.7/24', /has host bits set; the network address for \/24 is 203\.0\.113\.0\/24/],
        ['203.0.113.256', /is not an IPv4 CIDR block/],
      ])('refuses the malformed range %j, by index', (range, pattern) => {
        expect(issuesOf(keyVault({ deployerAccessReason: REASON, deployerIpRanges: ['203.0.113.0/28', '198.51.100.7', range] }))).toEqual([issue('keyVault.deployerIpRanges[2]', pattern)]);
      });

      test.each(['10.0.0.0/24', '172.16.5.0/24', '192.168.1.10', '100.64.1.0/24', '169.254.0.1'])('refuses the non-public range %j', (range) => {
        expect(issuesOf(keyVault({ deployerAccessReason: REASON, deployerIpRanges: [range] }))).toEqual([
          issue('keyVault.deployerIpRanges[0]', new RegExp(`^${lit(range)} is not public address space; the Key Vault firewall takes public ranges only \\(private clients use the private endpoint\\)$`)),
        ]);
      });

      test.each(['0.0.0.0/0', '8.0.0.0/6', '203.0.112.0/23'])('refuses the broad range %j', (range) => {
        expect(issuesOf(keyVault({ deployerAccessReason: REASON, deployerIpRanges: [range] }))).toEqual([
          issue('keyVault.deployerIpRanges[0]', new RegExp(`^${lit(range)} is too broad; list your runners' egress ranges, /24 or narrower$`)),
        ]);
      });

      test('refuses a non-list', () => {
        expect(issuesOf(keyVault({ deployerIpRanges: '203.0.113.0/28' }))).toEqual([issue('keyVault.deployerIpRanges', /^must be a list/)]);
      });
    });

    test.each([
      ['keyRotationDays', 29, /^must be between 30 and 730, got 29$/],
      ['keyRotationDays', 731, /^must be between 30 and 730, got 731$/],
      ['keyRotationDays', 90.5, /^must be a whole number, got 90\.5$/],
      ['keyExpiryDays', 59, /^must be between 60 and 3650, got 59$/],
      ['keyExpiryDays', 3651, /^must be between 60 and 3650, got 3651$/],
      ['keyExpiryDays', '365', /^must be a number, got '365'$/],
    ])('refuses %s %j', (key, value, pattern) => {
      const input = withSection('keyVault', { keyRotationDays: 30, keyExpiryDays: 3650, [key]: value });
      expect(issuesOf(input)).toEqual([issue(`keyVault.${key}`, pattern)]);
    });

    test('requires keys to expire at least 30 days after they rotate', () => {
      expect(issuesOf(keyVault({ keyRotationDays: 180, keyExpiryDays: 209 }))).toEqual([
        issue('keyVault.keyExpiryDays', /^209 must be at least keyRotationDays \+ 30 \(210\) so keys rotate before they expire$/),
      ]);
      expect(parseEnvironment(keyVault({ keyRotationDays: 180, keyExpiryDays: 210 })).keyVault).toMatchObject({ keyRotationDays: 180, keyExpiryDays: 210 });
    });

    test('applies the expiry rule against defaults too', () => {
      const base = validInput().keyVault!;
      expect(issuesOf(validInput({ keyVault: { ...omit(base, 'keyRotationDays'), keyExpiryDays: 200 } }))).toEqual([
        issue('keyVault.keyExpiryDays', /^200 must be at least keyRotationDays \+ 30 \(210\)/),
      ]);
      expect(issuesOf(validInput({ keyVault: { ...omit(base, 'keyExpiryDays'), keyRotationDays: 400 } }))).toEqual([
        issue('keyVault.keyExpiryDays', /^365 must be at least keyRotationDays \+ 30 \(430\)/),
      ]);
    });

    test('does not compare against a value that was itself refused', () => {
      expect(issuesOf(keyVault({ keyRotationDays: 700, keyExpiryDays: 5000 }))).toEqual([issue('keyVault.keyExpiryDays', /must be between 60 and 3650/)]);
      expect(issuesOf(keyVault({ keyRotationDays: 'often', keyExpiryDays: 100 }))).toEqual([issue('keyVault.keyRotationDays', /must be a number/)]);
    });
  });

  describe('monitoring', () => {
    test('reports a typo with its path', () => {
      expect(issuesOf(monitoring({ retention: 90 }))).toEqual([
        issue('monitoring.retention', /^is not a known field; expected one of: retentionDays, dailyQuotaGb, privateLinkScopeEnabled, alertEmails$/),
      ]);
    });

    test.each([
      [29, /^must be between 30 and 730, got 29$/],
      [731, /^must be between 30 and 730, got 731$/],
      [90.5, /^must be a whole number, got 90\.5$/],
      ['90', /^must be a number, got '90'$/],
      [Infinity, /^must be a number/],
    ])('refuses retentionDays %j', (retentionDays, pattern) => {
      expect(issuesOf(monitoring({ retentionDays }))).toEqual([issue('monitoring.retentionDays', pattern)]);
    });

    test.each([30, 730])('accepts retentionDays %j', (retentionDays) => {
      expect(parseEnvironment(monitoring({ retentionDays })).monitoring.retentionDays).toBe(retentionDays);
    });

    test.each([[0, /^must be between 0\.1 and 10000, got 0$/], [-1, /got -1$/], [10001, /got 10001$/], ['5', /^must be a number, got '5'$/]])(
      'refuses dailyQuotaGb %j', (dailyQuotaGb, pattern) => {
        expect(issuesOf(monitoring({ dailyQuotaGb }))).toEqual([issue('monitoring.dailyQuotaGb', pattern)]);
      });

    test.each([0.1, 2.5, 10000])('accepts dailyQuotaGb %j', (dailyQuotaGb) => {
      expect(parseEnvironment(monitoring({ dailyQuotaGb })).monitoring.dailyQuotaGb).toBe(dailyQuotaGb);
    });

    test('refuses a non-boolean privateLinkScopeEnabled', () => {
      expect(issuesOf(monitoring({ privateLinkScopeEnabled: 'true' }))).toEqual([
        issue('monitoring.privateLinkScopeEnabled', /^must be true or false, got 'true'$/),
      ]);
    });

    describe('alertEmails', () => {
      test('is required', () => {
        expect(issuesOf(validInput({ monitoring: omit(validInput().monitoring, 'alertEmails') }))).toEqual([
          { path: 'monitoring.alertEmails', message: 'is required' },
        ]);
      });

      test('refuses an empty list', () => {
        expect(issuesOf(monitoring({ alertEmails: [] }))).toEqual([issue('monitoring.alertEmails', /^must list at least 1 item$/)]);
      });

      test('refuses a bad address, by index', () => {
        expect(issuesOf(monitoring({ alertEmails: ['ops@contoso.com', 'oncall'] }))).toEqual([
          issue('monitoring.alertEmails[1]', /^'oncall' must be an email address$/),
        ]);
      });

      test('refuses a duplicate', () => {
        expect(issuesOf(monitoring({ alertEmails: ['ops@contoso.com', 'ops@contoso.com'] }))).toEqual([
          issue('monitoring.alertEmails[1]', /^'ops@contoso\.com' is listed twice$/),
        ]);
      });

      test('refuses a single string and non-string items', () => {
        expect(issuesOf(monitoring({ alertEmails: 'ops@contoso.com' }))).toEqual([issue('monitoring.alertEmails', /^must be a list, got 'ops@contoso\.com'$/)]);
        expect(issuesOf(monitoring({ alertEmails: [undefined] }))).toEqual([issue('monitoring.alertEmails[0]', /^must be a string, got undefined$/)]);
      });
    });
  });

  describe('budgets', () => {
    const amounts = { network: 150, security: 50, monitoring: 200, ai: 600, app: 250 };

    test('reports a typo with its path', () => {
      expect(issuesOf(budgets({ contactEmail: ['a@contoso.com'] }))).toEqual([
        issue('budgets.contactEmail', /^is not a known field; expected one of: monthlyAmounts, contactEmails, startDate; did you mean 'contactEmails'\?$/),
      ]);
    });

    test('requires monthlyAmounts', () => {
      expect(issuesOf(validInput({ budgets: omit(validInput().budgets, 'monthlyAmounts') }))).toEqual([
        { path: 'budgets.monthlyAmounts', message: 'is required' },
      ]);
    });

    test('requires an amount for every resource group', () => {
      expect(issuesOf(budgets({ monthlyAmounts: { network: 150 } }))).toEqual([
        { path: 'budgets.monthlyAmounts.security', message: 'is required' },
        { path: 'budgets.monthlyAmounts.monitoring', message: 'is required' },
        { path: 'budgets.monthlyAmounts.ai', message: 'is required' },
        { path: 'budgets.monthlyAmounts.app', message: 'is required' },
      ]);
    });

    test('refuses an unknown resource group role', () => {
      expect(issuesOf(budgets({ monthlyAmounts: { ...amounts, compute: 100 } }))).toEqual([
        issue('budgets.monthlyAmounts.compute', /^is not a known field; expected one of: network, security, monitoring, ai, app$/),
      ]);
    });

    test.each([
      [0, /^must be between 1 and 10000000, got 0$/],
      [-5, /^must be between 1 and 10000000, got -5$/],
      [10_000_001, /^must be between 1 and 10000000, got 10000001$/],
      ['100', /^must be a number, got '100'$/],
    ])('refuses the amount %j', (security, pattern) => {
      expect(issuesOf(budgets({ monthlyAmounts: { ...amounts, security } }))).toEqual([issue('budgets.monthlyAmounts.security', pattern)]);
    });

    test('accepts amounts at the limits and with cents', () => {
      const monthlyAmounts = { network: 1, security: 10_000_000, monitoring: 99.5, ai: 42, app: 7 };
      expect(parseEnvironment(budgets({ monthlyAmounts })).budgets.monthlyAmounts).toEqual(monthlyAmounts);
    });

    test('requires valid contact emails', () => {
      expect(issuesOf(validInput({ budgets: omit(validInput().budgets, 'contactEmails') }))).toEqual([{ path: 'budgets.contactEmails', message: 'is required' }]);
      expect(issuesOf(budgets({ contactEmails: [] }))).toEqual([issue('budgets.contactEmails', /^must list at least 1 item$/)]);
      expect(issuesOf(budgets({ contactEmails: ['finops'] }))).toEqual([issue('budgets.contactEmails[0]', /^'finops' must be an email address$/)]);
    });

    test.each(['2025-03-15', '2025-13-01', '2025-00-01', '2025-3-01', '01-03-2025', '2025-03-01T00:00:00Z'])('refuses the start date %j', (startDate) => {
      expect(issuesOf(budgets({ startDate }))).toEqual([issue('budgets.startDate', /must be the first day of a month, YYYY-MM-01$/)]);
    });

    test('refuses a start date before June 2017', () => {
      expect(issuesOf(budgets({ startDate: '2017-05-01' }))).toEqual([
        issue('budgets.startDate', /^2017-05-01 is before June 2017, the earliest budget start Azure accepts$/),
      ]);
    });
  });

  describe('governance', () => {
    test.each([
      ['deleteLocksEnabled', 'true', /^must be true or false, got 'true'$/],
      ['preventDestroyEnabled', 1, /^must be true or false, got number 1$/],
    ])('refuses a non-boolean %s', (key, value, pattern) => {
      expect(issuesOf(validInput({ governance: { [key]: value } }))).toEqual([issue(`governance.${key}`, pattern)]);
    });

    test('reports a typo with its path', () => {
      expect(issuesOf(validInput({ governance: { deleteLockEnabled: true } }))).toEqual([
        issue('governance.deleteLockEnabled', /^is not a known field; expected one of: deleteLocksEnabled, preventDestroyEnabled; did you mean 'deleteLocksEnabled'\?$/),
      ]);
    });
  });

  describe('state', () => {
    test('accepts the local backend', () => {
      expect(parseEnvironment(validInput({ state: { backend: 'local' } })).state).toEqual({ backend: 'local' });
    });

    test('refuses azurerm fields on the local backend', () => {
      expect(issuesOf(validInput({ state: { backend: 'local', containerName: 'tfstate' } }))).toEqual([
        issue('state.containerName', /^is not a known field; expected one of: backend, path$/),
      ]);
    });

    test('a local state file of its own: a .tfstate path, written as the backend path', () => {
      expect(parseEnvironment(validInput({ state: { backend: 'local', path: '/home/ada/.sandbox/state/dev.tfstate' } })).state)
        .toEqual({ backend: 'local', path: '/home/ada/.sandbox/state/dev.tfstate' });
      expect(issuesOf(validInput({ state: { backend: 'local', path: 'state.json' } }))).toEqual([
        issue('state.path', /must be a file name ending in '\.tfstate'/),
      ]);
    });

    test('resolves the azurerm backend with the default key <environment>.tfstate', () => {
      expect(parseEnvironment(azurermState()).state).toEqual({
        backend: 'azurerm', resourceGroupName: 'rg-genai-tfstate', storageAccountName: 'stgenaitfstate01', containerName: 'tfstate',
        key: 'dev.tfstate', subscriptionId: undefined, tenantId: undefined,
      });
      expect(parseEnvironment({ ...azurermState(), name: 'qa' }).state).toMatchObject({ key: 'qa.tfstate' });
    });

    test('keeps an explicit key, subscription and tenant', () => {
      expect(parseEnvironment(azurermState({ key: 'platform/genai/dev.tfstate', subscriptionId: GUID, tenantId: GUID })).state).toMatchObject({
        key: 'platform/genai/dev.tfstate', subscriptionId: GUID, tenantId: GUID,
      });
    });

    test.each([['s3', /^must be 'local' or 'azurerm', got 's3'$/], ['AzureRM', /got 'AzureRM'$/], [true, /got boolean true$/]])(
      'refuses the backend %j', (backend, pattern) => {
        expect(issuesOf(validInput({ state: { backend } }))).toEqual([issue('state.backend', pattern)]);
      });

    test('requires a backend', () => {
      expect(issuesOf(validInput({ state: {} }))).toEqual([{ path: 'state.backend', message: 'is required' }]);
    });

    test('refuses a state that is not an object, once', () => {
      expect(issuesOf(validInput({ state: 'local' }))).toEqual([issue('state', /^must be an object, got 'local'$/)]);
      expect(issuesOf(validInput({ state: null }))).toEqual([issue('state', /^must be an object, got null$/)]);
    });

    test('requires the storage location on the azurerm backend', () => {
      expect(issuesOf(validInput({ state: { backend: 'azurerm' } }))).toEqual([
        { path: 'state.resourceGroupName', message: 'is required' },
        { path: 'state.storageAccountName', message: 'is required' },
        { path: 'state.containerName', message: 'is required' },
      ]);
    });

    test('reports a typo in an unknown backend config with its path', () => {
      expect(issuesOf(validInput({ state: { backend: 'remote', organization: 'contoso' } }))).toEqual([
        issue('state.organization', /^is not a known field; expected one of: backend, resourceGroupName, storageAccountName, containerName, key, subscriptionId, tenantId$/),
        issue('state.backend', /got 'remote'/),
      ]);
    });

    test('refuses an unknown key on the azurerm backend', () => {
      expect(issuesOf(azurermState({ accessKey: 'secret' }))).toEqual([issue('state.accessKey', /^is not a known field; expected one of: backend, /)]);
    });

    test.each([
      ['St-GenAI-State', /^storageAccount name 'St-GenAI-State' must use lowercase letters and digits$/],
      ['st_genai_state', /^storageAccount name 'st_genai_state' must use lowercase letters and digits$/],
      ['st', /^storageAccount name 'st' is 2 characters; allowed 3-24$/],
    ])('refuses the storage account name %j', (storageAccountName, pattern) => {
      expect(issuesOf(azurermState({ storageAccountName }))).toEqual([issue('state.storageAccountName', pattern)]);
    });

    test('accepts a 24-character storage account name', () => {
      expect(parseEnvironment(azurermState({ storageAccountName: 'stgenaitfstate0123456789' })).state)
        .toMatchObject({ storageAccountName: 'stgenaitfstate0123456789' });
    });

    test('refuses a storage account name longer than 24 characters', () => {
      expect(issuesOf(azurermState({ storageAccountName: 'stgenaitfstate01234567890' }))).toEqual([
        issue('state.storageAccountName', /is 25 characters; allowed 3-24/),
      ]);
    });

    test('refuses an illegal resource group name', () => {
      expect(issuesOf(azurermState({ resourceGroupName: 'rg-tfstate.' }))).toEqual([issue('state.resourceGroupName', /resourceGroup name 'rg-tfstate\.' must use letters, digits/)]);
      expect(issuesOf(azurermState({ resourceGroupName: 'rg'.repeat(46) }))).toEqual([issue('state.resourceGroupName', /is 92 characters; allowed 1-90/)]);
    });

    test.each(['TFState', 'tf--state', 'tf', '-tfstate', 'tfstate-', 'tf_state', 'c'.repeat(64)])('refuses the container name %j', (containerName) => {
      expect(issuesOf(azurermState({ containerName }))).toEqual([issue('state.containerName', /must be 3-63 lowercase letters, digits and single hyphens$/)]);
    });

    test.each(['tfs', 'tfstate-prod-01', 'c'.repeat(63)])('accepts the container name %j', (containerName) => {
      expect(parseEnvironment(azurermState({ containerName })).state).toMatchObject({ containerName });
    });

    test.each(['my state', 'state?.tfstate', ''])('refuses the key %j', (key) => {
      expect(issuesOf(azurermState({ key }))).toEqual([issue('state.key', /must be a blob name of letters, digits and \._\/-$/)]);
    });

    test.each(['subscriptionId', 'tenantId'])('refuses a %s that is not a GUID', (key) => {
      expect(issuesOf(azurermState({ [key]: 'contoso.onmicrosoft.com' }))).toEqual([issue(`state.${key}`, /^'contoso\.onmicrosoft\.com' must be a GUID$/)]);
    });
  });
});

describe('ConfigError', () => {
  const brokenInput = () => ({
    ...validInput({ location: 'mars', owner: 'nobody' }),
    network: { addressSpace: '10.40.0.0/22', subnets: { apim: '10.50.1.0/27' } },
    monitoring: { ...validInput().monitoring, retentionDays: 5 },
  });

  test('collects every problem at once', () => {
    const error = configErrorOf(() => parseEnvironment(brokenInput()));
    expect(error.issues).toHaveLength(4);
    expect(error.issues).toEqual(expect.arrayContaining([
      issue('location', /'mars' is not an allowed region/),
      issue('owner', /'nobody' must be an email address/),
      issue('network.subnets.apim', /outside network\.addressSpace/),
      issue('monitoring.retentionDays', /must be between 30 and 730, got 5/),
    ]));
  });

  test('its message names the environment, counts the problems and lists each with its path', () => {
    const error = configErrorOf(() => parseEnvironment(brokenInput()));
    const lines = error.message.split('\n');
    expect(lines[0]).toBe("Invalid configuration for environment 'dev' (4 problems):");
    expect(lines).toHaveLength(5);
    for (const { path, message } of error.issues) expect(lines).toContain(`  - ${path}: ${message}`);
    expect(error.message).toMatch(/ {2}- location: 'mars' is not an allowed region/);
    expect(error.message).toMatch(/ {2}- network\.subnets\.apim: 10\.50\.1\.0\/27 is outside network\.addressSpace 10\.40\.0\.0\/22/);
  });

  test('is an Error named ConfigError with the environment', () => {
    const error = configErrorOf(() => parseEnvironment(validInput({ owner: 'nobody' })));
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ConfigError');
    expect(error.environment).toBe('dev');
    expect(error.message).toMatch(/^Invalid configuration for environment 'dev' \(1 problem\):\n {2}- owner: 'nobody' must be an email address$/);
  });

  test('uses the label when the name is missing or not a string', () => {
    expect(configErrorOf(() => parseEnvironment(without('name'), 'environments/dev.ts')).message)
      .toMatch(/^Invalid configuration for environment 'environments\/dev\.ts' \(1 problem\):\n {2}- name: is required$/);
    expect(configErrorOf(() => parseEnvironment(validInput({ name: 7 }), 'fallback')).environment).toBe('fallback');
    expect(configErrorOf(() => parseEnvironment(without('name'))).environment).toBe('<unnamed>');
  });

  test('uses the name as written when it is a string, even an invalid one', () => {
    expect(configErrorOf(() => parseEnvironment(validInput({ name: 'Dev-1' }), 'fallback')).environment).toBe('Dev-1');
  });
});

describe('parseEnvironments', () => {
  const env = (name: string, addressSpace: string, overrides: Record<string, unknown> = {}) =>
    ({ ...withSection('network', { addressSpace }), name, ...overrides });

  test('returns every config in order', () => {
    const configs = parseEnvironments([env('dev', '10.40.0.0/22'), env('test', '10.40.4.0/22'), env('qa', '192.168.0.0/22')]);
    expect(configs.map((c) => c.name)).toEqual(['dev', 'test', 'qa']);
    expect(configs[1].network.subnets.apim).toBe('10.40.5.0/27');
  });

  test('accepts an empty list', () => {
    expect(parseEnvironments([])).toEqual([]);
  });

  test("reports several environments' problems at once", () => {
    const errors = configErrorsOf([
      env('dev', '10.40.0.0/22', { owner: 'nobody' }),
      env('ok', '10.41.0.0/22'),
      { ...without('name'), network: { addressSpace: '10.42.0.0/22' }, location: 'mars' },
      env('qa', '10.43.0.0/22', { production: 'yes', costCenter: '' }),
    ]);
    expect(errors).toBeInstanceOf(Error);
    expect(errors.name).toBe('ConfigErrors');
    expect(errors.errors.map((e) => e.environment)).toEqual(['dev', '#3', 'qa']);
    expect(errors.errors[0].issues).toEqual([issue('owner', /must be an email address/)]);
    expect(errors.errors[1].issues.map((i) => i.path)).toEqual(['name', 'location']);
    expect(errors.errors[2].issues.map((i) => i.path)).toEqual(['production', 'costCenter']);
    for (const error of errors.errors) expect(errors.message).toContain(error.message);
    expect(errors.message).toMatch(/environment 'dev' \(1 problem\)[\s\S]*environment '#3' \(2 problems\)[\s\S]*environment 'qa' \(2 problems\)/);
  });

  test('refuses duplicate environment names, reported on the later one', () => {
    const errors = configErrorsOf([env('dev', '10.40.0.0/22'), env('dev', '10.41.0.0/22')]);
    expect(errors.errors).toHaveLength(1);
    expect(errors.errors[0].environment).toBe('dev');
    expect(errors.errors[0].issues).toEqual([issue('name', /^'dev' is used by another environment$/)]);
  });

  test('refuses VNets that overlap across environments', () => {
    const errors = configErrorsOf([env('dev', '10.40.0.0/22'), env('test', '10.41.0.0/22'), env('big', '10.40.0.0/15')]);
    expect(errors.errors).toHaveLength(1);
    expect(errors.errors[0].environment).toBe('big');
    expect(errors.errors[0].issues).toEqual([
      issue('network.addressSpace', /^10\.40\.0\.0\/15 overlaps environment 'dev' \(10\.40\.0\.0\/22\); environments share one hub and must not overlap$/),
      issue('network.addressSpace', /^10\.40\.0\.0\/15 overlaps environment 'test' \(10\.41\.0\.0\/22\)/),
    ]);
  });

  test('reports both a duplicate name and an overlap for the same environment', () => {
    const errors = configErrorsOf([env('dev', '10.40.0.0/22'), env('dev', '10.40.0.0/22')]);
    expect(errors.errors[0].issues.map((i) => i.path)).toEqual(['name', 'network.addressSpace']);
  });

  test('reports per-environment and cross-environment problems together', () => {
    const errors = configErrorsOf([env('dev', '10.40.0.0/22'), env('bad', '10.41.0.0/22', { owner: 'x' }), env('dev', '10.42.0.0/22')]);
    expect(errors.errors.map((e) => [e.environment, e.issues.map((i) => i.path)])).toEqual([['bad', ['owner']], ['dev', ['name']]]);
  });
});

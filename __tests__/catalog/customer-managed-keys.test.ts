import {
  CMK_CONSTRAINTS, CONSTRAINED_CMK_CONSUMER_TYPES, KEY_VAULT_RSA_SIZES, chooseKey, cmkConstraint, customerManagedKeyProblems, keyProblems, regionProblems,
} from '../../catalog/customer-managed-keys';
import { CMK_CONSUMER_TYPES } from '../../policy/rules/key/_cmk';

describe('customer-managed-key catalog', () => {
  test('one entry per CMK consumer type the platform deploys, each with a Learn source', () => {
    expect(CONSTRAINED_CMK_CONSUMER_TYPES).toEqual(expect.arrayContaining([
      'azurerm_cognitive_account', 'azurerm_storage_account', 'azurerm_storage_account_customer_managed_key', 'azurerm_managed_redis',
    ]));
    for (const type of CONSTRAINED_CMK_CONSUMER_TYPES) {
      const c = CMK_CONSTRAINTS[type];
      expect(c.sources.some((s) => s.startsWith('https://learn.microsoft.com/'))).toBe(true);
      expect(c.keyTypes.length).toBeGreaterThan(0);
      for (const size of c.keySizes) expect(KEY_VAULT_RSA_SIZES).toContain(size);
      // The policy rules know how to find the key of every catalogued type.
      expect(CMK_CONSUMER_TYPES).toContain(type);
    }
  });

  test.each([
    // Learn: "Only RSA and RSA-HSM keys of size 2048 are supported"; vault in the same region.
    ['azurerm_cognitive_account', [2048], true, true, false],
    // Learn: "RSA and RSA-HSM keys of sizes 2048, 3072 and 4096"; vault may be in another region.
    ['azurerm_storage_account', [2048, 3072, 4096], false, true, true],
    // Learn: vault "must be in the same region as the cache"; API: key URL "versioned only".
    ['azurerm_managed_redis', [2048, 3072, 4096], true, false, false],
  ])('%s', (type, sizes, sameRegion, versionless, followsRotation) => {
    const c = cmkConstraint(type);
    expect(c.keySizes).toEqual(sizes);
    expect(c.keyTypes).toEqual(['RSA', 'RSA-HSM']);
    expect(c.vaultInConsumerRegion).toBe(sameRegion);
    expect(c.versionlessKeyIdAccepted).toBe(versionless);
    expect(c.followsRotation).toBe(followsRotation);
  });

  test('an unknown type is refused with where to add it', () => {
    expect(() => cmkConstraint('azurerm_container_registry')).toThrow(/add an entry with its sources to catalog\/customer-managed-keys.ts/);
  });

  test('keyProblems and regionProblems', () => {
    expect(keyProblems('azurerm_cognitive_account', { keyType: 'RSA-HSM', keySize: 2048 })).toEqual([]);
    expect(keyProblems('azurerm_cognitive_account', { keyType: 'EC-HSM' })).toHaveLength(2);
    expect(regionProblems('azurerm_managed_redis', 'swedencentral', 'Sweden Central')).toEqual([]);
    expect(regionProblems('azurerm_managed_redis', 'germanywestcentral', 'swedencentral')).toHaveLength(1);
    expect(regionProblems('azurerm_storage_account', 'germanywestcentral', 'swedencentral')).toEqual([]);
    expect(customerManagedKeyProblems('azurerm_cognitive_account', { keyType: '${var.t}', keySize: 3072, vaultLocation: 'swedencentral' }, 'swedencentral')).toEqual([]);
  });

  describe('chooseKey', () => {
    test.each([
      [['azurerm_storage_account'], 'RSA-HSM', undefined, { keyType: 'RSA-HSM', keySize: 3072 }],
      [['azurerm_cognitive_account'], 'RSA-HSM', undefined, { keyType: 'RSA-HSM', keySize: 2048 }],
      [['azurerm_cognitive_account'], 'RSA', undefined, { keyType: 'RSA', keySize: 2048 }],
      [['azurerm_storage_account', 'azurerm_managed_redis'], 'RSA', 4096, { keyType: 'RSA', keySize: 4096 }],
      [['azurerm_storage_account', 'azurerm_cognitive_account'], 'RSA-HSM', undefined, { keyType: 'RSA-HSM', keySize: 2048 }],
    ] as const)('%j preferring %s, size %s', (consumers, type, size, expected) => {
      expect(chooseKey(consumers, type, size)).toEqual(expected);
    });

    test('lists every consumer that refuses a requested size', () => {
      expect(chooseKey(['azurerm_cognitive_account', 'azurerm_cognitive_account_customer_managed_key'], 'RSA-HSM', 4096)).toEqual({ problems: [
        'Azure AI services (Foundry / Azure OpenAI account) (azurerm_cognitive_account) accepts RSA key sizes 2048, not 4096; Azure AI services (Foundry / Azure OpenAI account) (azurerm_cognitive_account_customer_managed_key) accepts RSA key sizes 2048, not 4096',
      ] });
    });
  });
});

import {
  DeploymentSku, PROVISIONED_SKUS, PTU_HEADROOM, PTU_MODELS, PTU_TABLE_SOURCE, ProvisionedSku, SPILLOVER_SKU, STANDARD_SKUS,
  isProvisioned, ptuCapacityProblems, ptuRule, sizePtu,
} from '../../catalog/ptu-sizing';

/**
 * Expected PTUs, derived by hand from capacity = max(minimum, ceil(peak * 1.2 / tpmPerPtu / increment) * increment).
 * Global and Data Zone share one rule (minimum 15, increment 5 for every model in the table); regional
 * (`ProvisionedManaged`) minimums and increments are 50/50 or 25/25 depending on the model.
 */
const SIZING_TABLE: readonly (readonly [model: string, sku: ProvisionedSku, peakTokensPerMinute: number, ptus: number, why: string])[] = [
  // gpt-4.1: 3,000 input TPM per PTU.
  ['gpt-4.1', 'DataZoneProvisionedManaged', 400_000, 160, '480,000 / 3,000 = 160.0, a multiple of 5 (the prod config)'],
  ['gpt-4.1', 'GlobalProvisionedManaged', 400_000, 160, 'Global sizes like Data Zone'],
  ['gpt-4.1', 'DataZoneProvisionedManaged', 37_500, 15, 'exactly 15.0: no extra increment'],
  ['gpt-4.1', 'DataZoneProvisionedManaged', 37_501, 20, '15.0004: one token more rounds up to the next increment'],
  ['gpt-4.1', 'GlobalProvisionedManaged', 1, 15, '0.0004 rounds to 5, raised to the minimum'],
  ['gpt-4.1', 'GlobalProvisionedManaged', 12_500, 15, 'exactly 5.0 is still below the minimum'],
  ['gpt-4.1', 'GlobalProvisionedManaged', 50_000, 20, 'exactly 20.0'],
  ['gpt-4.1', 'GlobalProvisionedManaged', 62_500, 25, 'exactly 25.0'],
  ['gpt-4.1', 'GlobalProvisionedManaged', 62_501, 30, '25.0004'],
  ['gpt-4.1', 'ProvisionedManaged', 400_000, 200, '160.0 rounds up to the regional increment of 50'],
  ['gpt-4.1', 'ProvisionedManaged', 125_000, 50, 'exactly 50.0, the regional minimum'],
  ['gpt-4.1', 'ProvisionedManaged', 125_001, 100, '50.0004 needs a second regional increment'],
  ['gpt-4.1', 'ProvisionedManaged', 1, 50, 'regional minimum'],
  ['gpt-4.1', 'ProvisionedManaged', 250_000, 100, 'exactly 100.0'],
  // gpt-4o: 2,500 TPM per PTU.
  ['gpt-4o', 'GlobalProvisionedManaged', 31_250, 15, 'exactly 15.0'],
  ['gpt-4o', 'GlobalProvisionedManaged', 31_251, 20, '15.0005'],
  ['gpt-4o', 'DataZoneProvisionedManaged', 1_000_000, 480, '480.0'],
  ['gpt-4o', 'ProvisionedManaged', 104_166, 50, '49.9997'],
  ['gpt-4o', 'ProvisionedManaged', 104_167, 100, '50.0002'],
  // gpt-4o-mini: 37,000 TPM per PTU; regional 25/25.
  ['gpt-4o-mini', 'GlobalProvisionedManaged', 462_500, 15, 'exactly 15.0'],
  ['gpt-4o-mini', 'GlobalProvisionedManaged', 462_501, 20, '15.00003'],
  ['gpt-4o-mini', 'DataZoneProvisionedManaged', 1_000_000, 35, '32.43 rounds up to 35'],
  ['gpt-4o-mini', 'GlobalProvisionedManaged', 100_000, 15, '3.24 is below the minimum'],
  ['gpt-4o-mini', 'ProvisionedManaged', 1_000_000, 50, '32.43 rounds up to the regional increment of 25'],
  ['gpt-4o-mini', 'ProvisionedManaged', 770_833, 25, '24.99999'],
  ['gpt-4o-mini', 'ProvisionedManaged', 770_834, 50, '25.00002'],
  // gpt-4.1-mini: 14,900 TPM per PTU; regional 25/25.
  ['gpt-4.1-mini', 'GlobalProvisionedManaged', 186_250, 15, 'exactly 15.0'],
  ['gpt-4.1-mini', 'GlobalProvisionedManaged', 186_251, 20, '15.0001'],
  ['gpt-4.1-mini', 'ProvisionedManaged', 310_416, 25, '24.99994'],
  ['gpt-4.1-mini', 'ProvisionedManaged', 310_417, 50, '25.00003'],
  // gpt-4.1-nano: 59,400 TPM per PTU; regional 25/25.
  ['gpt-4.1-nano', 'DataZoneProvisionedManaged', 742_500, 15, 'exactly 15.0'],
  ['gpt-4.1-nano', 'DataZoneProvisionedManaged', 742_501, 20, '15.00002'],
  ['gpt-4.1-nano', 'ProvisionedManaged', 1_237_500, 25, 'exactly 25.0'],
  ['gpt-4.1-nano', 'ProvisionedManaged', 1_237_501, 50, '25.00002'],
  // gpt-5: 4,750 TPM per PTU; regional 50/50.
  ['gpt-5', 'GlobalProvisionedManaged', 59_375, 15, 'exactly 15.0'],
  ['gpt-5', 'GlobalProvisionedManaged', 59_376, 20, '15.0003'],
  ['gpt-5', 'ProvisionedManaged', 197_916, 50, '49.9998'],
  ['gpt-5', 'ProvisionedManaged', 197_917, 100, '50.0001'],
  // gpt-5-mini: 23,750 TPM per PTU; regional 25/25.
  ['gpt-5-mini', 'GlobalProvisionedManaged', 296_875, 15, 'exactly 15.0'],
  ['gpt-5-mini', 'GlobalProvisionedManaged', 296_876, 20, '15.00005'],
  ['gpt-5-mini', 'ProvisionedManaged', 494_791, 25, '24.99997'],
  ['gpt-5-mini', 'ProvisionedManaged', 494_792, 50, '25.00002'],
];

describe('PTU sizing', () => {
  describe('the model table', () => {
    test('names its source and date', () => {
      expect(PTU_TABLE_SOURCE).toMatch(/provisioned-throughput-onboarding \(\d{4}-\d{2}-\d{2}\)$/);
    });

    test('covers the models the platform sizes', () => {
      expect(Object.keys(PTU_MODELS).sort()).toEqual(['gpt-4.1', 'gpt-4.1-mini', 'gpt-4.1-nano', 'gpt-4o', 'gpt-4o-mini', 'gpt-5', 'gpt-5-mini']);
    });

    test.each(Object.entries(PTU_MODELS))('%s: the minimum of each deployment type is a multiple of its increment', (_model, facts) => {
      expect(facts.globalMinimum % facts.globalIncrement).toBe(0);
      expect(facts.regionalMinimum % facts.regionalIncrement).toBe(0);
      expect(facts.inputTokensPerMinutePerPtu).toBeGreaterThan(0);
    });

    test('headroom is 20 %', () => {
      expect(PTU_HEADROOM).toBe(0.2);
    });
  });

  describe('sizePtu', () => {
    test.each(SIZING_TABLE)('%s on %s: %d tokens/min -> %d PTUs (%s)', (model, sku, peak, ptus) => {
      expect(sizePtu(model, sku, peak)?.capacity).toBe(ptus);
    });

    test('every sized capacity respects the model\'s minimum and increment', () => {
      for (const [model, sku, peak] of SIZING_TABLE) {
        expect(ptuCapacityProblems(model, sku, sizePtu(model, sku, peak)!.capacity)).toEqual([]);
      }
    });

    test('reports the exact PTUs before rounding with the rule applied', () => {
      expect(sizePtu('gpt-4.1', 'DataZoneProvisionedManaged', 400_000)).toEqual({ capacity: 160, exactPtus: 160, minimum: 15, increment: 5 });
      expect(sizePtu('gpt-4.1', 'ProvisionedManaged', 400_000)).toEqual({ capacity: 200, exactPtus: 160, minimum: 50, increment: 50 });
      const tiny = sizePtu('gpt-4.1', 'GlobalProvisionedManaged', 1)!;
      expect(tiny.exactPtus).toBeCloseTo(0.0004, 10);
      expect(tiny.capacity).toBe(15);
      const mini = sizePtu('gpt-4o-mini', 'GlobalProvisionedManaged', 1_000_000)!;
      expect(mini.exactPtus).toBeCloseTo(1_200_000 / 37_000, 10);
      expect(mini).toMatchObject({ capacity: 35, minimum: 15, increment: 5 });
    });

    test('exactPtus applies 20 % headroom over the table\'s tokens per PTU', () => {
      for (const [model, facts] of Object.entries(PTU_MODELS)) {
        expect(sizePtu(model, 'GlobalProvisionedManaged', facts.inputTokensPerMinutePerPtu * 10)!.exactPtus).toBeCloseTo(12, 9);
      }
    });

    test('capacity grows monotonically with the peak', () => {
      let previous = 0;
      for (let peak = 1_000; peak <= 2_000_000; peak += 7_919) {
        const { capacity } = sizePtu('gpt-4.1', 'DataZoneProvisionedManaged', peak)!;
        expect(capacity).toBeGreaterThanOrEqual(previous);
        previous = capacity;
      }
    });

    test('is undefined for a model not in the table', () => {
      expect(sizePtu('gpt-35-turbo', 'GlobalProvisionedManaged', 100_000)).toBeUndefined();
      expect(sizePtu('text-embedding-3-large', 'ProvisionedManaged', 100_000)).toBeUndefined();
      expect(sizePtu('GPT-4.1', 'GlobalProvisionedManaged', 100_000)).toBeUndefined();
    });
  });

  describe('ptuRule', () => {
    test.each([
      ['gpt-4.1', 'GlobalProvisionedManaged', { minimum: 15, increment: 5 }],
      ['gpt-4.1', 'DataZoneProvisionedManaged', { minimum: 15, increment: 5 }],
      ['gpt-4.1', 'ProvisionedManaged', { minimum: 50, increment: 50 }],
      ['gpt-4o', 'ProvisionedManaged', { minimum: 50, increment: 50 }],
      ['gpt-4o-mini', 'DataZoneProvisionedManaged', { minimum: 15, increment: 5 }],
      ['gpt-4o-mini', 'ProvisionedManaged', { minimum: 25, increment: 25 }],
      ['gpt-4.1-mini', 'ProvisionedManaged', { minimum: 25, increment: 25 }],
      ['gpt-4.1-nano', 'ProvisionedManaged', { minimum: 25, increment: 25 }],
      ['gpt-5', 'ProvisionedManaged', { minimum: 50, increment: 50 }],
      ['gpt-5-mini', 'GlobalProvisionedManaged', { minimum: 15, increment: 5 }],
      ['gpt-5-mini', 'ProvisionedManaged', { minimum: 25, increment: 25 }],
    ] as const)('%s on %s', (model, sku, rule) => {
      expect(ptuRule(model, sku)).toEqual(rule);
    });

    test('is undefined for a model not in the table', () => {
      expect(ptuRule('gpt-35-turbo', 'ProvisionedManaged')).toBeUndefined();
      expect(ptuRule('', 'GlobalProvisionedManaged')).toBeUndefined();
    });

    test('does not treat Object.prototype members as models', () => {
      expect(ptuRule('constructor', 'GlobalProvisionedManaged')).toBeUndefined();
      expect(sizePtu('toString', 'GlobalProvisionedManaged', 1000)).toBeUndefined();
    });
  });

  describe('ptuCapacityProblems', () => {
    test.each([
      ['gpt-4.1', 'GlobalProvisionedManaged', 15],
      ['gpt-4.1', 'DataZoneProvisionedManaged', 160],
      ['gpt-4.1', 'ProvisionedManaged', 50],
      ['gpt-4.1', 'ProvisionedManaged', 300],
      ['gpt-4o-mini', 'ProvisionedManaged', 75],
    ] as const)('accepts %s on %s with %d PTUs', (model, sku, capacity) => {
      expect(ptuCapacityProblems(model, sku, capacity)).toEqual([]);
    });

    test('a capacity below the minimum', () => {
      expect(ptuCapacityProblems('gpt-4.1', 'DataZoneProvisionedManaged', 10)).toEqual([
        '10 PTUs is below the DataZoneProvisionedManaged minimum of 15 for gpt-4.1',
      ]);
    });

    test('a capacity off the increment', () => {
      expect(ptuCapacityProblems('gpt-4.1', 'GlobalProvisionedManaged', 17)).toEqual([
        '17 PTUs is not a multiple of the GlobalProvisionedManaged increment of 5 for gpt-4.1',
      ]);
      expect(ptuCapacityProblems('gpt-4o-mini', 'ProvisionedManaged', 60)).toEqual([
        '60 PTUs is not a multiple of the ProvisionedManaged increment of 25 for gpt-4o-mini',
      ]);
    });

    test('both: below the minimum and off the increment', () => {
      expect(ptuCapacityProblems('gpt-4.1', 'ProvisionedManaged', 30)).toEqual([
        '30 PTUs is below the ProvisionedManaged minimum of 50 for gpt-4.1',
        '30 PTUs is not a multiple of the ProvisionedManaged increment of 50 for gpt-4.1',
      ]);
    });

    test('a Global minimum is below the regional one', () => {
      expect(ptuCapacityProblems('gpt-4.1', 'GlobalProvisionedManaged', 15)).toEqual([]);
      expect(ptuCapacityProblems('gpt-4.1', 'ProvisionedManaged', 15)).toHaveLength(2);
    });

    test('nothing to say about a model not in the table', () => {
      expect(ptuCapacityProblems('gpt-35-turbo', 'GlobalProvisionedManaged', 7)).toEqual([]);
    });
  });

  describe('SKUs', () => {
    test('provisioned and pay-as-you-go SKUs', () => {
      expect(PROVISIONED_SKUS).toEqual(['GlobalProvisionedManaged', 'DataZoneProvisionedManaged', 'ProvisionedManaged']);
      expect(STANDARD_SKUS).toEqual(['GlobalStandard', 'DataZoneStandard', 'Standard']);
    });

    test.each(PROVISIONED_SKUS)('%s is provisioned', (sku) => {
      expect(isProvisioned(sku)).toBe(true);
    });

    test.each(STANDARD_SKUS)('%s is not provisioned', (sku) => {
      expect(isProvisioned(sku)).toBe(false);
    });

    test('an unknown SKU is not provisioned', () => {
      expect(isProvisioned('GlobalBatch' as DeploymentSku)).toBe(false);
    });

    test('spillover keeps the data-processing level', () => {
      expect(SPILLOVER_SKU).toEqual({
        GlobalProvisionedManaged: 'GlobalStandard',
        DataZoneProvisionedManaged: 'DataZoneStandard',
        ProvisionedManaged: 'Standard',
      });
      for (const sku of PROVISIONED_SKUS) expect(isProvisioned(SPILLOVER_SKU[sku])).toBe(false);
    });
  });
});

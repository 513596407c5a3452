/**
 * Provisioned Throughput (PTU) sizing. Data: "Understanding costs associated with provisioned
 * throughput units (PTU)", Microsoft Learn, articles/ai-foundry/openai/how-to/provisioned-throughput-onboarding.md
 * (ms.date 2026-01-12; same values in the 2025-08-14 revision). Review this table when Microsoft changes it.
 */
export const PTU_TABLE_SOURCE = 'learn.microsoft.com/azure/ai-foundry/openai/how-to/provisioned-throughput-onboarding (2026-01-12)';

export interface PtuModelFacts {
  /** Minimum PTUs of a Global or Data Zone provisioned deployment. */
  readonly globalMinimum: number;
  readonly globalIncrement: number;
  /** Minimum PTUs of a regional (`ProvisionedManaged`) deployment. */
  readonly regionalMinimum: number;
  readonly regionalIncrement: number;
  /** Input tokens per minute one PTU serves. */
  readonly inputTokensPerMinutePerPtu: number;
}

export const PTU_MODELS: Readonly<Record<string, PtuModelFacts>> = {
  'gpt-4o': { globalMinimum: 15, globalIncrement: 5, regionalMinimum: 50, regionalIncrement: 50, inputTokensPerMinutePerPtu: 2500 },
  'gpt-4o-mini': { globalMinimum: 15, globalIncrement: 5, regionalMinimum: 25, regionalIncrement: 25, inputTokensPerMinutePerPtu: 37000 },
  'gpt-4.1': { globalMinimum: 15, globalIncrement: 5, regionalMinimum: 50, regionalIncrement: 50, inputTokensPerMinutePerPtu: 3000 },
  'gpt-4.1-mini': { globalMinimum: 15, globalIncrement: 5, regionalMinimum: 25, regionalIncrement: 25, inputTokensPerMinutePerPtu: 14900 },
  'gpt-4.1-nano': { globalMinimum: 15, globalIncrement: 5, regionalMinimum: 25, regionalIncrement: 25, inputTokensPerMinutePerPtu: 59400 },
  'gpt-5': { globalMinimum: 15, globalIncrement: 5, regionalMinimum: 50, regionalIncrement: 50, inputTokensPerMinutePerPtu: 4750 },
  'gpt-5-mini': { globalMinimum: 15, globalIncrement: 5, regionalMinimum: 25, regionalIncrement: 25, inputTokensPerMinutePerPtu: 23750 },
};

/** Capacity above the configured peak, so the peak does not run the deployment at 100 %. */
export const PTU_HEADROOM = 0.2;

export type ProvisionedSku = 'GlobalProvisionedManaged' | 'DataZoneProvisionedManaged' | 'ProvisionedManaged';
export type StandardSku = 'GlobalStandard' | 'DataZoneStandard' | 'Standard';
export type DeploymentSku = ProvisionedSku | StandardSku;

export const PROVISIONED_SKUS: readonly ProvisionedSku[] = ['GlobalProvisionedManaged', 'DataZoneProvisionedManaged', 'ProvisionedManaged'];
export const STANDARD_SKUS: readonly StandardSku[] = ['GlobalStandard', 'DataZoneStandard', 'Standard'];

/** The pay-as-you-go SKU with the same data-processing level (spillover must match it). */
export const SPILLOVER_SKU: Readonly<Record<ProvisionedSku, StandardSku>> = {
  GlobalProvisionedManaged: 'GlobalStandard',
  DataZoneProvisionedManaged: 'DataZoneStandard',
  ProvisionedManaged: 'Standard',
};

export function isProvisioned(sku: DeploymentSku): sku is ProvisionedSku {
  return (PROVISIONED_SKUS as readonly string[]).includes(sku);
}

export interface PtuRule {
  readonly minimum: number;
  readonly increment: number;
}

/** Minimum and increment for `model` on `sku`, or undefined when the model is not in the table. */
export function ptuRule(model: string, sku: ProvisionedSku): PtuRule | undefined {
  // Own keys only: 'constructor' is a valid model name pattern but no model.
  const facts = Object.prototype.hasOwnProperty.call(PTU_MODELS, model) ? PTU_MODELS[model] : undefined;
  if (!facts) return undefined;
  return sku === 'ProvisionedManaged'
    ? { minimum: facts.regionalMinimum, increment: facts.regionalIncrement }
    : { minimum: facts.globalMinimum, increment: facts.globalIncrement };
}

export interface PtuSizing {
  readonly capacity: number;
  /** PTUs the peak needs with headroom, before rounding. */
  readonly exactPtus: number;
  readonly minimum: number;
  readonly increment: number;
}

/**
 * PTUs for a peak of `peakTokensPerMinute` (input-equivalent: count output tokens at the model's
 * weight, e.g. 4x for gpt-4.1), with 20 % headroom, rounded up to the increment and at least the
 * minimum. Undefined when the model is not in the table.
 */
export function sizePtu(model: string, sku: ProvisionedSku, peakTokensPerMinute: number): PtuSizing | undefined {
  const rule = ptuRule(model, sku);
  if (!rule) return undefined;
  const exactPtus = (peakTokensPerMinute * (1 + PTU_HEADROOM)) / PTU_MODELS[model].inputTokensPerMinutePerPtu;
  // Guard against floating-point noise (e.g. 15.000000000000002) pushing an exact fit up one increment.
  const rounded = Math.ceil(Number((exactPtus / rule.increment).toFixed(9))) * rule.increment;
  return { capacity: Math.max(rule.minimum, rounded), exactPtus, ...rule };
}

/** Why `capacity` is not a valid PTU amount for `model` on `sku` (empty when valid or the model is unknown). */
export function ptuCapacityProblems(model: string, sku: ProvisionedSku, capacity: number): string[] {
  const rule = ptuRule(model, sku);
  if (!rule) return [];
  const problems: string[] = [];
  if (capacity < rule.minimum) problems.push(`${capacity} PTUs is below the ${sku} minimum of ${rule.minimum} for ${model}`);
  if (capacity % rule.increment !== 0) problems.push(`${capacity} PTUs is not a multiple of the ${sku} increment of ${rule.increment} for ${model}`);
  return problems;
}

/**
 * The dated price table of `npm run cost` (data/prices.json): its shape, loading and validation, and
 * region-aware look-up. Prices are data, not code: update the JSON (figures, `retrieved`, `date`)
 * and regenerate the golden file; the code only knows which price key a resource needs.
 */
import * as fs from 'fs';
import * as path from 'path';

export type Confidence = 'list' | 'estimate';

export interface PriceGroup {
  readonly title: string;
  /** Azure pricing page to check the figures against. */
  readonly source: string;
  /** Date (YYYY-MM-DD) the figures were compiled. */
  readonly retrieved: string;
  /** What the figures were checked with. */
  readonly evidence: string;
  readonly confidence: Confidence;
  /** Scaled by the region factor (infrastructure); zone-wide meters (tokens, PTU) are not. */
  readonly regional: boolean;
  readonly unit: string;
  readonly prices: Readonly<Record<string, number>>;
}

export interface RegionFactor {
  readonly multiplier: number;
  readonly basis: string;
  readonly confidence: Confidence;
  /** Replaces single prices in this region, keyed `group.price` (e.g. `logAnalytics.perGb`). */
  readonly overrides?: Readonly<Record<string, number>>;
}

export interface PriceAssumptions {
  /** Share of a team's tokens that are input (prompt) tokens, 0-1. */
  readonly inputShare: number;
  readonly inputShareBasis: string;
  /** GB/day ingested by a workspace without a daily quota. */
  readonly logAnalyticsGbPerDay: number;
  readonly logAnalyticsGbPerDayBasis: string;
  /** GB stored per document storage account. */
  readonly storageGb: number;
  readonly storageGbBasis: string;
  readonly metricAlertTimeSeriesPerCriterion: number;
  readonly metricAlertTimeSeriesBasis: string;
}

export interface PriceTable {
  readonly currency: string;
  /** Date (YYYY-MM-DD) of the table as a whole. */
  readonly date: string;
  readonly source: string;
  /** Hours in a billing month (730). */
  readonly hoursPerMonth: number;
  readonly referenceRegion: string;
  readonly regions: Readonly<Record<string, RegionFactor>>;
  readonly assumptions: PriceAssumptions;
  readonly groups: Readonly<Record<string, PriceGroup>>;
  /** Resource types (or `azapi:<ARM type>`) with no charge of their own, with the reason. */
  readonly free: Readonly<Record<string, string>>;
}

/** The price table is malformed: the CLI reports it and exits 2. */
export class PriceTableError extends Error {}

const DEFAULT_PRICES_FILE = path.resolve(__dirname, '../../data/prices.json');

/** Reads and validates a price table (default: the shipped `data/prices.json`). */
export function loadPriceTable(file: string = DEFAULT_PRICES_FILE): PriceTable {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new PriceTableError(`${file}: cannot read price table: ${(e as Error).message}`);
  }
  return validatePriceTable(json, file);
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Checks the shape of a parsed price table and drops `$comment` keys; reports every problem at once. */
export function validatePriceTable(json: unknown, label = 'price table'): PriceTable {
  const problems: string[] = [];
  const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? v as Record<string, unknown> : {});
  const withoutComments = <T>(v: Record<string, T>): Record<string, T> =>
    Object.fromEntries(Object.entries(v).filter(([k]) => !k.startsWith('$')));
  const root = obj(json);
  for (const key of ['currency', 'source', 'referenceRegion']) {
    if (typeof root[key] !== 'string' || root[key] === '') problems.push(`${key} must be a non-empty string`);
  }
  if (typeof root.date !== 'string' || !DATE.test(root.date)) problems.push('date must be YYYY-MM-DD');
  if (typeof root.hoursPerMonth !== 'number' || root.hoursPerMonth <= 0) problems.push('hoursPerMonth must be a positive number');

  const regions = withoutComments(obj(root.regions)) as Record<string, RegionFactor>;
  for (const [name, r] of Object.entries(regions)) {
    if (typeof r?.multiplier !== 'number' || r.multiplier <= 0) problems.push(`regions.${name}.multiplier must be a positive number`);
    if (r?.confidence !== 'list' && r?.confidence !== 'estimate') problems.push(`regions.${name}.confidence must be 'list' or 'estimate'`);
  }

  const a = obj(root.assumptions);
  if (typeof a.inputShare !== 'number' || a.inputShare < 0 || a.inputShare > 1) problems.push('assumptions.inputShare must be between 0 and 1');
  for (const key of ['logAnalyticsGbPerDay', 'storageGb', 'metricAlertTimeSeriesPerCriterion']) {
    if (typeof a[key] !== 'number' || (a[key] as number) < 0) problems.push(`assumptions.${key} must be a number >= 0`);
  }

  const groups = withoutComments(obj(root.groups)) as Record<string, PriceGroup>;
  for (const [name, g] of Object.entries(groups)) {
    for (const key of ['title', 'source', 'evidence', 'unit'] as const) {
      if (typeof g?.[key] !== 'string' || g[key] === '') problems.push(`groups.${name}.${key} must be a non-empty string`);
    }
    if (typeof g?.retrieved !== 'string' || !DATE.test(g.retrieved)) problems.push(`groups.${name}.retrieved must be YYYY-MM-DD`);
    if (g?.confidence !== 'list' && g?.confidence !== 'estimate') problems.push(`groups.${name}.confidence must be 'list' or 'estimate'`);
    if (typeof g?.regional !== 'boolean') problems.push(`groups.${name}.regional must be true or false`);
    for (const [key, value] of Object.entries(obj(g?.prices))) {
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) problems.push(`groups.${name}.prices.${key} must be a number >= 0`);
    }
  }
  const free = withoutComments(obj(root.free)) as Record<string, string>;
  for (const [type, reason] of Object.entries(free)) {
    if (typeof reason !== 'string' || reason === '') problems.push(`free.${type} must state a reason`);
  }
  if (problems.length > 0) throw new PriceTableError(`${label}: ${problems.length} problem${problems.length > 1 ? 's' : ''}:\n  ${problems.join('\n  ')}`);
  return { ...(root as unknown as PriceTable), regions, groups, free };
}

/** A price as it applies in one region. */
export interface RegionalPrice {
  readonly amount: number;
  /** Factor applied (1 for zone-wide groups and the reference region). */
  readonly factor: number;
  readonly group: PriceGroup;
}

/** Looks up `group.key` for `region`; undefined when the table has no such price. */
export function priceOf(table: PriceTable, group: string, key: string, region: string): RegionalPrice | undefined {
  const g = Object.prototype.hasOwnProperty.call(table.groups, group) ? table.groups[group] : undefined;
  if (!g || !Object.prototype.hasOwnProperty.call(g.prices, key)) return undefined;
  const factor = regionFactor(table, region);
  const override = factor?.overrides?.[`${group}.${key}`];
  if (override !== undefined) return { amount: override, factor: 1, group: g };
  const multiplier = g.regional ? factor?.multiplier ?? 1 : 1;
  return { amount: g.prices[key] * multiplier, factor: multiplier, group: g };
}

export function regionFactor(table: PriceTable, region: string): RegionFactor | undefined {
  return Object.prototype.hasOwnProperty.call(table.regions, region) ? table.regions[region] : undefined;
}

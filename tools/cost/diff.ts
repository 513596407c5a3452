/**
 * The cost difference between two estimates (e.g. the base branch's plan and a pull request's):
 * resources added, removed and changed, with the monthly delta of each and of the totals.
 */
import { Estimate, TokenLine, cents } from './estimate';

export type ChangeKind = 'added' | 'removed' | 'changed';

export interface DiffEntry {
  readonly address: string;
  readonly type: string;
  readonly change: ChangeKind;
  /** Monthly before / after; null when absent on that side or unpriced. */
  readonly before: number | null;
  readonly after: number | null;
  /** after - before, unpriced counted as 0. */
  readonly delta: number;
  readonly basisBefore?: string;
  readonly basisAfter?: string;
  /** The resource is unpriced on the side it exists on (after, or before when removed). */
  readonly unpriced?: true;
}

export interface CostDiff {
  readonly environment: string;
  readonly currency: string;
  readonly before: { readonly plan: string; readonly total: number; readonly totalWithPtuReservation: number };
  readonly after: { readonly plan: string; readonly total: number; readonly totalWithPtuReservation: number };
  /** Changed entries only, sorted by address. */
  readonly entries: readonly DiffEntry[];
  /** after.total - before.total. */
  readonly delta: number;
  readonly deltaWithPtuReservation: number;
}

interface Comparable {
  readonly address: string;
  readonly type: string;
  readonly monthly: number | null;
  readonly basis: string;
  readonly unpriced?: true;
}

const fromTokens = (t: TokenLine): Comparable => ({ address: `tokens:${t.team}`, type: 'tokens', monthly: t.monthly, basis: t.basis, ...(t.unpriced ? { unpriced: true as const } : {}) });

/** What changes from `before` to `after`: resources and token lines added, removed, or priced differently. */
export function diff(before: Estimate, after: Estimate): CostDiff {
  const index = (e: Estimate) => new Map<string, Comparable>([...e.lines, ...e.tokens.map(fromTokens)].map((c) => [c.address, c]));
  const a = index(before);
  const b = index(after);
  const entries: DiffEntry[] = [];
  for (const address of [...new Set([...a.keys(), ...b.keys()])].sort()) {
    const x = a.get(address);
    const y = b.get(address);
    if (x && y) {
      if (x.monthly === y.monthly && x.basis === y.basis && !!x.unpriced === !!y.unpriced) continue;
      entries.push({
        address, type: y.type, change: 'changed', before: x.monthly, after: y.monthly,
        delta: cents((y.monthly ?? 0) - (x.monthly ?? 0)), basisBefore: x.basis, basisAfter: y.basis,
        ...(y.unpriced ? { unpriced: true as const } : {}),
      });
    } else if (y) {
      entries.push({ address, type: y.type, change: 'added', before: null, after: y.monthly, delta: cents(y.monthly ?? 0), basisAfter: y.basis, ...(y.unpriced ? { unpriced: true as const } : {}) });
    } else if (x) {
      entries.push({ address, type: x.type, change: 'removed', before: x.monthly, after: null, delta: cents(-(x.monthly ?? 0)), basisBefore: x.basis, ...(x.unpriced ? { unpriced: true as const } : {}) });
    }
  }
  return {
    environment: after.environment,
    currency: after.currency,
    before: { plan: before.plan, total: before.total, totalWithPtuReservation: before.totalWithPtuReservation },
    after: { plan: after.plan, total: after.total, totalWithPtuReservation: after.totalWithPtuReservation },
    entries,
    delta: cents(after.total - before.total),
    deltaWithPtuReservation: cents(after.totalWithPtuReservation - before.totalWithPtuReservation),
  };
}

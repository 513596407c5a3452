/**
 * Reports of an estimate and of a diff: text (aligned tables for a terminal), JSON (stable schema for
 * tools) and Markdown (a pull-request comment). Pure string functions.
 */
import { CostDiff } from './diff';
import { CostLine, Estimate, fmtTokens, formatNumber, money } from './estimate';

// ---------------------------------------------------------------------------------------------
// JSON
// ---------------------------------------------------------------------------------------------

/** The JSON document of an estimate (schema: README "Cost estimate"). Keys in a fixed order. */
export function toJsonReport(e: Estimate): Record<string, unknown> {
  return {
    environment: e.environment,
    location: e.location,
    currency: e.currency,
    hoursPerMonth: e.hoursPerMonth,
    priceTable: { source: e.priceTable.source, date: e.priceTable.date },
    plan: e.plan,
    lines: e.lines.map((l) => ({
      address: l.address, type: l.type, description: l.description, location: l.location, monthly: l.monthly, basis: l.basis,
      ...(l.free ? { free: true } : {}), ...(l.unpriced ? { unpriced: true } : {}), ...(l.estimate ? { estimate: true } : {}),
    })),
    ptu: e.ptu,
    tokens: e.tokens,
    unpriced: e.unpriced,
    subtotals: e.subtotals,
    total: e.total,
    totalWithPtuReservation: e.totalWithPtuReservation,
    notes: e.notes,
  };
}

export function renderJson(e: Estimate): string {
  return `${JSON.stringify(toJsonReport(e), null, 2)}\n`;
}

export function renderDiffJson(d: CostDiff): string {
  return `${JSON.stringify(d, null, 2)}\n`;
}

// ---------------------------------------------------------------------------------------------
// Text
// ---------------------------------------------------------------------------------------------

type Align = 'l' | 'r';

/** Columns padded to their widest cell; the last column is not padded. */
function table(header: readonly string[], rows: readonly (readonly string[])[], align: readonly Align[], indent = ''): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const fmt = (cells: readonly string[]) => indent + cells.map((c, i) => {
    if (i === cells.length - 1) return align[i] === 'r' ? c.padStart(widths[i]) : c;
    return align[i] === 'r' ? c.padStart(widths[i]) : c.padEnd(widths[i]);
  }).join('  ').trimEnd();
  return [fmt(header), ...rows.map(fmt)];
}

/** Most expensive first, then by address. */
const byCost = (lines: readonly CostLine[]): CostLine[] =>
  [...lines].sort((a, b) => (b.monthly ?? 0) - (a.monthly ?? 0) || (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));

const amount = (x: number | null): string => (x === null ? 'UNPRICED' : formatNumber(x, 2));
const percent = (x: number | null): string => (x === null ? 'n/a' : `${formatNumber(x * 100, 1)} %`);

/** Free resources collapsed to one row per type (the JSON report keeps every resource). */
function freeByType(lines: readonly CostLine[]): { type: string; count: number; basis: string }[] {
  const groups = new Map<string, { type: string; count: number; basis: string }>();
  for (const l of lines.filter((x) => x.free || (x.monthly === 0 && !x.unpriced))) {
    const key = `${l.type}\u0000${l.basis}`;
    const g = groups.get(key) ?? { type: l.type, count: 0, basis: l.basis };
    g.count++;
    groups.set(key, g);
  }
  return [...groups.values()].sort((a, b) => (a.type < b.type ? -1 : a.type > b.type ? 1 : 0));
}

export function renderText(e: Estimate): string {
  const out: string[] = [];
  out.push(`Cost estimate: ${e.environment} (${e.location}), ${e.currency} per month (${e.hoursPerMonth} h)`);
  out.push(`Prices: ${e.priceTable.source}, as of ${e.priceTable.date}`);
  out.push(`Plan: ${e.plan}`);
  out.push('');
  out.push(...table(['Total', e.currency], [
    ['PTU at the hourly rate', money(e.total)],
    ['PTU on a 1-month reservation', money(e.totalWithPtuReservation)],
    ['  of which resources (PTU hourly)', money(e.subtotals.resources)],
    ['  of which tokens', money(e.subtotals.tokens)],
    ['Unpriced items (not in the total)', String(e.unpriced.length)],
  ], ['l', 'r']));
  out.push('');

  const charged = byCost(e.lines.filter((l) => !l.unpriced && l.monthly !== 0));
  const free = freeByType(e.lines);
  out.push(...table(['Resource', 'Monthly', 'Basis'], charged.map((l) => [l.address, amount(l.monthly), l.basis]), ['l', 'r', 'l']));
  if (free.length > 0) {
    out.push('');
    out.push(`No charge of their own (${free.reduce((n, g) => n + g.count, 0)} resources):`);
    out.push(...table(['Type', 'Count', 'Why'], free.map((g) => [g.type, String(g.count), g.basis]), ['l', 'r', 'l'], '  '));
  }
  out.push('');
  out.push(`Resources subtotal: ${money(e.subtotals.resources)}`);

  if (e.ptu.length > 0) {
    out.push('');
    out.push('PTU deployments (the resource line above uses the hourly rate):');
    out.push(...table(
      ['Deployment', 'Model', 'SKU', 'PTUs', `Hourly x ${e.hoursPerMonth} h`, '1-month reservation', '1-year reservation', 'Utilization', 'PAYG equivalent'],
      e.ptu.map((p) => [p.deployment, p.model, p.sku, String(p.ptus), formatNumber(p.hourlyMonthly, 2), formatNumber(p.monthlyReservation, 2),
        formatNumber(p.yearlyReservationMonthly, 2), percent(p.utilization), p.paygEquivalent === null ? 'n/a' : formatNumber(p.paygEquivalent, 2)]),
      ['l', 'l', 'l', 'r', 'r', 'r', 'r', 'r', 'r'], '  '));
    for (const p of e.ptu) out.push(`  ${p.deployment}: ${p.basis}`);
  }

  if (e.tokens.length > 0) {
    out.push('');
    out.push('Tokens (teams\' expected monthly tokens):');
    out.push(...table(
      ['Team', 'Deployment', 'Expected', 'After cache', 'Monthly', 'Basis'],
      e.tokens.map((t) => [t.team, t.deployment, t.expectedMonthlyTokens === null ? '-' : fmtTokens(t.expectedMonthlyTokens), fmtTokens(t.billedTokens),
        t.monthly === null ? 'UNPRICED' : formatNumber(t.monthly, 2), t.basis]),
      ['l', 'l', 'r', 'r', 'r', 'l'], '  '));
    out.push(`Tokens subtotal: ${money(e.subtotals.tokens)}`);
  }

  out.push('');
  if (e.unpriced.length === 0) {
    out.push('Unpriced: none');
  } else {
    out.push(`UNPRICED (${e.unpriced.length}; not in the total):`);
    for (const u of e.unpriced) out.push(`  ${u.address}: ${u.reason}`);
  }

  out.push('');
  out.push('Notes:');
  for (const n of e.notes) out.push(`- ${n}`);
  return `${out.join('\n')}\n`;
}

const signed = (x: number): string => (x > 0 ? `+${money(x)}` : x < 0 ? `-${money(-x)}` : money(0));

export function renderDiffText(d: CostDiff): string {
  const out: string[] = [];
  out.push(`Cost diff: ${d.environment}, ${d.currency} per month`);
  out.push(`Before: ${d.before.plan}: ${money(d.before.total)} (PTU reserved: ${money(d.before.totalWithPtuReservation)})`);
  out.push(`After:  ${d.after.plan}: ${money(d.after.total)} (PTU reserved: ${money(d.after.totalWithPtuReservation)})`);
  out.push(`Delta:  ${signed(d.delta)} (PTU reserved: ${signed(d.deltaWithPtuReservation)})`);
  out.push('');
  if (d.entries.length === 0) {
    out.push('No resource or token line changed.');
  } else {
    out.push(...table(['Change', 'Resource', 'Before', 'After', 'Delta'], d.entries.map((x) => [
      x.unpriced ? `${x.change} (UNPRICED)` : x.change, x.address,
      x.before === null ? '-' : formatNumber(x.before, 2), x.after === null ? '-' : formatNumber(x.after, 2), signed(x.delta),
    ]), ['l', 'l', 'r', 'r', 'r']));
  }
  return `${out.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------
// Markdown
// ---------------------------------------------------------------------------------------------

const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const code = (s: string): string => `\`${s}\``;

export function renderMarkdown(e: Estimate): string {
  const out: string[] = [];
  out.push(`### Cost estimate: ${e.environment} (${e.location})`);
  out.push('');
  out.push(`| ${e.currency} per month (${e.hoursPerMonth} h) | |`);
  out.push('|---|---:|');
  out.push(`| **Total** (PTU at the hourly rate) | **${money(e.total)}** |`);
  out.push(`| Total with PTU on a 1-month reservation | ${money(e.totalWithPtuReservation)} |`);
  out.push(`| Resources | ${money(e.subtotals.resources)} |`);
  out.push(`| Tokens | ${money(e.subtotals.tokens)} |`);
  out.push(`| Unpriced items | ${e.unpriced.length} |`);
  out.push('');

  if (e.unpriced.length > 0) {
    out.push('**Unpriced** (not in the total):');
    out.push('');
    for (const u of e.unpriced) out.push(`- ${code(u.address)}: ${u.reason}`);
    out.push('');
  }

  const charged = byCost(e.lines.filter((l) => !l.unpriced && l.monthly !== 0));
  out.push(`<details><summary>Resources: ${charged.length} charged, ${e.lines.filter((l) => !l.unpriced).length - charged.length} without a charge of their own</summary>`);
  out.push('');
  out.push('| Resource | Monthly | Basis |');
  out.push('|---|---:|---|');
  for (const l of charged) out.push(`| ${code(l.address)} | ${amount(l.monthly)} | ${cell(l.basis)} |`);
  for (const g of freeByType(e.lines)) out.push(`| ${code(g.type)} x${g.count} | 0.00 | ${cell(g.basis)} |`);
  out.push('');
  out.push('</details>');
  out.push('');

  if (e.ptu.length > 0) {
    out.push('**PTU deployments**');
    out.push('');
    out.push(`| Deployment | PTUs | Hourly x ${e.hoursPerMonth} h | 1-month reservation | 1-year reservation | Utilization | PAYG equivalent |`);
    out.push('|---|---:|---:|---:|---:|---:|---:|');
    for (const p of e.ptu) {
      out.push(`| ${code(p.deployment)} (${p.model}, ${p.sku}) | ${p.ptus} | ${formatNumber(p.hourlyMonthly, 2)} | ${formatNumber(p.monthlyReservation, 2)} | ${formatNumber(p.yearlyReservationMonthly, 2)} | ${percent(p.utilization)} | ${p.paygEquivalent === null ? 'n/a' : formatNumber(p.paygEquivalent, 2)} |`);
    }
    out.push('');
  }

  if (e.tokens.length > 0) {
    out.push('**Tokens**');
    out.push('');
    out.push('| Team | Deployment | Expected | After cache | Monthly | Basis |');
    out.push('|---|---|---:|---:|---:|---|');
    for (const t of e.tokens) {
      out.push(`| ${cell(t.team)} | ${code(t.deployment)} | ${t.expectedMonthlyTokens === null ? '-' : fmtTokens(t.expectedMonthlyTokens)} | ${fmtTokens(t.billedTokens)} | ${t.monthly === null ? 'UNPRICED' : formatNumber(t.monthly, 2)} | ${cell(t.basis)} |`);
    }
    out.push('');
  }

  out.push('<details><summary>Assumptions</summary>');
  out.push('');
  out.push(`Prices: ${e.priceTable.source}, as of ${e.priceTable.date}. Plan: ${code(e.plan)}.`);
  out.push('');
  for (const n of e.notes) out.push(`- ${n}`);
  out.push('');
  out.push('</details>');
  return `${out.join('\n')}\n`;
}

export function renderDiffMarkdown(d: CostDiff): string {
  const out: string[] = [];
  out.push(`### Cost diff: ${d.environment}`);
  out.push('');
  out.push(`| ${d.currency} per month | Before | After | Delta |`);
  out.push('|---|---:|---:|---:|');
  out.push(`| Total (PTU hourly) | ${money(d.before.total)} | ${money(d.after.total)} | **${signed(d.delta)}** |`);
  out.push(`| Total (PTU on a 1-month reservation) | ${money(d.before.totalWithPtuReservation)} | ${money(d.after.totalWithPtuReservation)} | ${signed(d.deltaWithPtuReservation)} |`);
  out.push('');
  if (d.entries.length === 0) {
    out.push('No resource or token line changed.');
  } else {
    out.push('| Change | Resource | Before | After | Delta |');
    out.push('|---|---|---:|---:|---:|');
    for (const x of d.entries) {
      out.push(`| ${x.change}${x.unpriced ? ' (**UNPRICED**)' : ''} | ${code(x.address)} | ${x.before === null ? '-' : formatNumber(x.before, 2)} | ${x.after === null ? '-' : formatNumber(x.after, 2)} | ${signed(x.delta)} |`);
    }
  }
  out.push('');
  out.push(`<sub>Before: ${code(d.before.plan)}; after: ${code(d.after.plan)}.</sub>`);
  return `${out.join('\n')}\n`;
}

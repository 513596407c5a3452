import { ReviewReport } from '../engine';

const ICON = { error: '🔴 error', warning: '🟠 warning', note: '🔵 note' } as const;

/** A pull-request comment: verdict, counts, open findings as a table, suppressions folded away. */
export function toMarkdown(report: ReviewReport, title = 'Policy review'): string {
  const s = report.summary;
  const out: string[] = [];
  const blockingWhat = s.threshold === 'error' ? 'error' : `finding at or above ${s.threshold}`;
  out.push(`### ${escape(title)}: ${s.blocking > 0 ? `❌ ${s.blocking} blocking ${blockingWhat}${s.blocking === 1 ? '' : 's'}` : '✅ passed'}`);
  out.push('');
  out.push(`${s.resources} resources, ${s.rules} rules · **${s.errors}** errors · **${s.warnings}** warnings · **${s.notes}** notes · ${s.unknown} unknown until apply · ${s.suppressed} suppressed${s.baselined > 0 ? ` · ${s.baselined} in the baseline (not shown)` : ''}`);
  // Addresses repeat across environments: with several plans, each finding names its file.
  const where = (f: { address: string; file: string }) => `\`${f.address}\`${s.files > 1 ? ` (${escape(f.file)})` : ''}`;
  const open = report.findings.filter((f) => !f.suppressed);
  if (open.length > 0) {
    out.push('', '| Severity | Rule | Resource | Finding |', '| --- | --- | --- | --- |');
    for (const f of open) {
      // Undecided is not failed: an unknown never shows as an error.
      const severity = f.status === 'unknown' ? `❔ unknown (${f.severity} if it fails)` : ICON[f.severity];
      out.push(`| ${severity} | \`${f.ruleId}\` ${escape(f.title)} | ${where(f)} | ${escape(f.message)} |`);
    }
  }
  const suppressed = report.findings.filter((f) => f.suppressed);
  if (suppressed.length > 0) {
    out.push('', `<details><summary>${suppressed.length} suppressed finding${suppressed.length === 1 ? '' : 's'}</summary>`, '');
    out.push('| Rule | Resource | Reason |', '| --- | --- | --- |');
    for (const f of suppressed) out.push(`| \`${f.ruleId}\` | ${where(f)} | ${escape(f.reason ?? '')} |`);
    out.push('', '</details>');
  }
  return `${out.join('\n')}\n`;
}

/**
 * Text made safe for a table cell of a pull-request comment: `<`, `>` and `&` as entities outside code
 * spans (GitHub would take `<base />` for HTML and drop it; inside a code span an entity would show as
 * typed, and `<` is already literal), `|` escaped everywhere (GFM tables split on it even in code), one line.
 */
export function escape(text: string): string {
  return text.split(/(`[^`\n]*`)/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')))
    .join('')
    .replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

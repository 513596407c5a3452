import { ReviewReport } from '../engine';

const ICON = { error: '🔴 error', warning: '🟠 warning', note: '🔵 note' } as const;

/** A pull-request comment: verdict, counts, open findings as a table, suppressions folded away. */
export function toMarkdown(report: ReviewReport, title = 'Policy review'): string {
  const s = report.summary;
  const out: string[] = [];
  out.push(`### ${title}: ${s.blocking > 0 ? `❌ ${s.blocking} blocking error${s.blocking === 1 ? '' : 's'}` : '✅ passed'}`);
  out.push('');
  out.push(`${s.resources} resources, ${s.rules} rules · **${s.errors}** errors · **${s.warnings}** warnings · **${s.notes}** notes · ${s.unknown} unknown until apply · ${s.suppressed} suppressed`);
  const open = report.findings.filter((f) => !f.suppressed);
  if (open.length > 0) {
    out.push('', '| Severity | Rule | Resource | Finding |', '| --- | --- | --- | --- |');
    for (const f of open) {
      const severity = f.status === 'unknown' ? `${ICON[f.severity]} (unknown)` : ICON[f.severity];
      out.push(`| ${severity} | \`${f.ruleId}\` ${escape(f.title)} | \`${f.address}\` | ${escape(f.message)} |`);
    }
  }
  const suppressed = report.findings.filter((f) => f.suppressed);
  if (suppressed.length > 0) {
    out.push('', `<details><summary>${suppressed.length} suppressed finding${suppressed.length === 1 ? '' : 's'}</summary>`, '');
    out.push('| Rule | Resource | Reason |', '| --- | --- | --- |');
    for (const f of suppressed) out.push(`| \`${f.ruleId}\` | \`${f.address}\` | ${escape(f.reason ?? '')} |`);
    out.push('', '</details>');
  }
  return `${out.join('\n')}\n`;
}

function escape(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

import { Finding, ReviewReport } from '../engine';

/** A readable report: findings grouped by rule, worst first, then a one-line verdict. */
export function toText(report: ReviewReport): string {
  const lines: string[] = [];
  const groups = new Map<string, Finding[]>();
  for (const f of report.findings) groups.set(f.ruleId, [...(groups.get(f.ruleId) ?? []), f]);
  for (const [ruleId, findings] of groups) {
    const first = findings[0];
    lines.push(`${label(first)} ${ruleId} ${first.title}`);
    for (const f of findings) {
      const state = f.suppressed ? `suppressed: ${f.reason}` : f.status === 'unknown' ? 'unknown until apply' : 'fail';
      lines.push(`    ${f.address}  (${state})`);
      lines.push(`      ${f.message}`);
    }
  }
  const s = report.summary;
  if (lines.length > 0) lines.push('');
  lines.push(`${s.resources} resources in ${s.files} file${s.files === 1 ? '' : 's'}, ${s.rules} rules: `
    + `${s.errors} error${s.errors === 1 ? '' : 's'}, ${s.warnings} warning${s.warnings === 1 ? '' : 's'}, ${s.notes} note${s.notes === 1 ? '' : 's'}, `
    + `${s.unknown} unknown, ${s.suppressed} suppressed`);
  lines.push(s.blocking > 0 ? `FAILED: ${s.blocking} unsuppressed error${s.blocking === 1 ? '' : 's'}` : 'PASSED');
  return `${lines.join('\n')}\n`;
}

function label(f: Finding): string {
  return { error: 'ERROR  ', warning: 'WARNING', note: 'NOTE   ' }[f.severity];
}

import { Finding, ReviewReport } from '../engine';
import { Severity } from '../rule';

const HEADINGS: Record<Severity, string> = { error: 'ERRORS', warning: 'WARNINGS', note: 'NOTES' };

/**
 * A readable report, as checkov and trivy print theirs: the unsuppressed failures first, grouped by
 * severity and rule; then what the plan cannot decide, labelled UNKNOWN (never ERROR: it does not block);
 * then the suppressed findings with their reasons; then the counts and the verdict.
 */
export function toText(report: ReviewReport): string {
  const lines: string[] = [];
  // Addresses repeat across environments: with several plans, each finding names its file.
  const where = (f: Finding) => (report.summary.files > 1 ? `${f.address}  (${f.file})` : f.address);
  const open = report.findings.filter((f) => !f.suppressed && f.status === 'fail');
  for (const severity of ['error', 'warning', 'note'] as const) {
    const group = open.filter((f) => f.severity === severity);
    if (group.length === 0) continue;
    lines.push(`${HEADINGS[severity]} (${group.length})`);
    for (const [ruleId, findings] of byRule(group)) {
      lines.push(`  ${ruleId} ${findings[0].title}`);
      for (const f of findings) lines.push(`    ${where(f)}`, `      ${f.message}`);
    }
    lines.push('');
  }
  const unknown = report.findings.filter((f) => !f.suppressed && f.status === 'unknown');
  if (unknown.length > 0) {
    lines.push(`UNKNOWN until apply (${unknown.length}): the plan cannot decide these; they do not block`);
    for (const [ruleId, findings] of byRule(unknown)) {
      lines.push(`  ${ruleId} ${findings[0].title} (${findings[0].severity} if it fails)`);
      for (const f of findings) lines.push(`    ${where(f)}`, `      ${f.message}`);
    }
    lines.push('');
  }
  const suppressed = report.findings.filter((f) => f.suppressed);
  if (suppressed.length > 0) {
    lines.push(`SUPPRESSED (${suppressed.length}): accepted exceptions, with their reasons`);
    for (const [ruleId, findings] of byRule(suppressed)) {
      lines.push(`  ${ruleId} ${findings[0].title} (${findings[0].severity})`);
      for (const f of findings) lines.push(`    ${where(f)}${f.status === 'unknown' ? ' (unknown until apply)' : ''}`, `      reason: ${f.reason ?? ''}`);
    }
    lines.push('');
  }
  const s = report.summary;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  lines.push(`${s.resources} resources in ${plural(s.files, 'file')}, ${s.rules} rules: `
    + `${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}, ${plural(s.notes, 'note')}, `
    + `${s.unknown} unknown, ${s.suppressed} suppressed${s.baselined > 0 ? `, ${s.baselined} in the baseline (not shown)` : ''}`);
  const blockingWhat = s.threshold === 'error' ? 'error' : `finding at or above ${s.threshold}`;
  lines.push(s.blocking > 0 ? `FAILED: ${s.blocking} unsuppressed ${blockingWhat}${s.blocking === 1 ? '' : 's'}` : 'PASSED');
  return `${lines.join('\n')}\n`;
}

function byRule(findings: readonly Finding[]): Map<string, Finding[]> {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) groups.set(f.ruleId, [...(groups.get(f.ruleId) ?? []), f]);
  return groups;
}

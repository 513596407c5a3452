import { ReviewReport } from '../engine';

/** The CLI's JSON contract: `{ findings: [...], summary: {...} }`. */
export function toJson(report: ReviewReport): string {
  return `${JSON.stringify({
    findings: report.findings.map((f) => ({
      ruleId: f.ruleId,
      severity: f.severity,
      status: f.status,
      address: f.address,
      message: f.message,
      suppressed: f.suppressed,
      reason: f.reason ?? null,
      file: f.file,
      title: f.title,
      constructPath: f.constructPath ?? null,
    })),
    summary: report.summary,
  }, null, 2)}\n`;
}

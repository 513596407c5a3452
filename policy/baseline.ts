/**
 * A baseline: the findings an estate already has when a team adopts the rules, so that a review reports
 * only what is new (the practice of checkov's `--baseline` and trivy's ignore files). A finding is matched
 * by rule id and resource address, the same identity as the SARIF fingerprint; messages may change
 * between versions of a rule without making an old finding new.
 */
import * as fs from 'fs';
import type { Finding } from './engine';
import { PlanError } from './plan';

export const BASELINE_VERSION = 1;

export interface BaselineEntry {
  readonly ruleId: string;
  readonly address: string;
  /** The message when the baseline was written, for the reader of the file; not matched. */
  readonly message?: string;
}

export interface Baseline {
  readonly version: typeof BASELINE_VERSION;
  readonly findings: readonly BaselineEntry[];
}

/** The key a finding is matched on. */
export const baselineKey = (f: { readonly ruleId: string; readonly address: string }): string => `${f.ruleId}|${f.address}`;

/** The baseline of a review: every unsuppressed finding (failed or unknown), sorted, without dates. */
export function toBaseline(findings: readonly Finding[]): string {
  const entries = findings.filter((f) => !f.suppressed)
    .map((f) => ({ ruleId: f.ruleId, address: f.address, message: f.message }))
    .sort((a, b) => a.ruleId.localeCompare(b.ruleId) || a.address.localeCompare(b.address));
  const unique = entries.filter((e, i) => i === 0 || baselineKey(e) !== baselineKey(entries[i - 1]));
  return `${JSON.stringify({ version: BASELINE_VERSION, findings: unique }, null, 2)}\n`;
}

/** Reads a baseline file; a `PlanError` (bad input, exit 2) names the file and the problem. */
export function loadBaseline(file: string): Baseline {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new PlanError(code ? `${file}: cannot read: ${code}` : `${file}: not valid JSON (${(e as Error).message})`);
  }
  const b = parsed as Partial<Baseline> | null;
  if (!b || b.version !== BASELINE_VERSION || !Array.isArray(b.findings)
    || !b.findings.every((f) => typeof f?.ruleId === 'string' && typeof f?.address === 'string')) {
    throw new PlanError(`${file}: not a baseline (expected { "version": ${BASELINE_VERSION}, "findings": [{ "ruleId", "address" }] }, as --write-baseline writes)`);
  }
  return b as Baseline;
}

/**
 * A baseline: the findings an estate already has when a team adopts the rules, so that a review reports
 * only what is new (the practice of checkov's `--baseline` and trivy's ignore files). A finding is matched
 * by plan file, rule id, resource address and status: cdktf addresses repeat across environments, so a dev
 * finding must not hide the same one in prod, and a baselined "unknown" must not hide a later failure.
 * Messages are not matched: they may change between versions of a rule without making a finding new.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Finding } from './engine';
import { PlanError } from './plan';

export const BASELINE_VERSION = 1;

export interface BaselineEntry {
  /** The plan file, relative to the directory the review ran in, with `/` separators. */
  readonly file: string;
  readonly ruleId: string;
  readonly address: string;
  readonly status: 'fail' | 'unknown';
  /** The message when the baseline was written, for the reader of the file; not matched. */
  readonly message?: string;
}

export interface Baseline {
  readonly version: typeof BASELINE_VERSION;
  readonly findings: readonly BaselineEntry[];
}

/** A plan file as a baseline records it: relative to the working directory, `/` separators. */
export const baselineFile = (file: string): string => path.relative(process.cwd(), path.resolve(file)).split(path.sep).join('/');

/** The key a finding is matched on. */
export const baselineKey = (f: { readonly file: string; readonly ruleId: string; readonly address: string; readonly status: string }): string =>
  `${baselineFile(f.file)}|${f.ruleId}|${f.address}|${f.status}`;

/**
 * The baseline of a review: every unsuppressed finding (failed or unknown), once each, sorted, without
 * dates. `findings` are all of them: those reported and those a previous baseline left out.
 */
export function toBaseline(findings: readonly Finding[]): { readonly text: string; readonly count: number } {
  const byKey = new Map<string, BaselineEntry>();
  for (const f of findings.filter((x) => !x.suppressed)) {
    byKey.set(baselineKey(f), { file: baselineFile(f.file), ruleId: f.ruleId, address: f.address, status: f.status, message: f.message });
  }
  const entries = [...byKey.values()].sort((a, b) => a.file.localeCompare(b.file) || a.ruleId.localeCompare(b.ruleId) || a.address.localeCompare(b.address) || a.status.localeCompare(b.status));
  return { text: `${JSON.stringify({ version: BASELINE_VERSION, findings: entries }, null, 2)}\n`, count: entries.length };
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
    || !b.findings.every((f) => typeof f?.file === 'string' && typeof f?.ruleId === 'string' && typeof f?.address === 'string' && (f?.status === 'fail' || f?.status === 'unknown'))) {
    throw new PlanError(`${file}: not a baseline (expected { "version": ${BASELINE_VERSION}, "findings": [{ "file", "ruleId", "address", "status" }] }, as --write-baseline writes)`);
  }
  return b as Baseline;
}

/**
 * `npm run -s review -- [--format text|json|markdown|sarif] [--out FILE] [--suppressions FILE] [--production] PLAN...`
 * `npm run -s review -- --list-rules [--format text|json|markdown]`
 *
 * Reviews plans (cdk.tf.json or `terraform show -json` output) with the policy engine. The report goes to
 * stdout, or to `--out FILE` with the one-line summary on stderr. Exit codes: 0 clean, 1 an unsuppressed
 * error finding, 2 bad input.
 */
import * as fs from 'fs';
import { ReviewReport, review } from '../policy/engine';
import { loadPlan } from '../policy/plan';
import { toJson, toMarkdown, toSarif, toText } from '../policy/reporters';
import { Rule, isPlatformSpecific } from '../policy/rule';
import { allRules } from '../policy/rules';
import { FileSuppression, loadSuppressionsFile } from '../policy/suppressions';
import { Io, UsageError, defineCommand, processIo, runCommand } from './command-line';
import { classifyFailure } from './failures';

const FORMATS = ['text', 'json', 'markdown', 'sarif'] as const;
type Format = (typeof FORMATS)[number];

export const REVIEW = defineCommand({
  name: 'review',
  summary: 'Reviews synthesized plans (cdk.tf.json or `terraform show -json` output) against the platform\'s security and cost rules, or lists the rules.',
  synopsis: ['[--format text|json|markdown|sarif] [--out FILE] [--suppressions FILE] [--production] PLAN...', '--list-rules [--format text|json|markdown]'],
  flags: {
    format: { type: 'string', value: 'text|json|markdown|sarif', description: 'Report format (default text).' },
    out: { type: 'string', value: 'FILE', description: 'Write the report to FILE instead of stdout; the one-line summary goes to stderr.' },
    suppressions: { type: 'string', value: 'FILE', description: 'A JSON file of suppressions (rule, resource address and a reason each).' },
    production: { type: 'boolean', description: 'Review as production: production-only rules apply (default: from the plan\'s tags).' },
    'list-rules': { type: 'boolean', description: 'List every rule (id, severity, title) instead of reviewing.' },
  },
  positionals: { name: 'plan file (cdk.tf.json or terraform show -json output)', min: 0 },
  failedMeans: 'an unsuppressed error finding',
});

/** Runs the command; returns the exit code. */
export function run(argv: readonly string[], io: Io = processIo): Promise<number> {
  return runCommand(REVIEW, argv, io, classifyFailure, ({ values, positionals }) => {
    const format = (values.format ?? 'text') as Format;
    const problems: string[] = [];
    if (!(FORMATS as readonly string[]).includes(format)) problems.push(`--format must be one of ${FORMATS.join(', ')}, got '${format}'`);
    if (values['list-rules'] && format === 'sarif') problems.push('--list-rules prints text, json or markdown, not sarif');
    if (values['list-rules'] && positionals.length > 0) problems.push('--list-rules takes no plan file');
    if (!values['list-rules'] && positionals.length === 0) problems.push('name at least one plan file (cdk.tf.json or terraform show -json output)');
    if (problems.length > 0) throw new UsageError(problems.join('; '));
    if (values['list-rules']) {
      emit(values.out, listRules(allRules(), format), io);
      return 0;
    }
    const suppressions: FileSuppression[] = values.suppressions ? loadSuppressionsFile(values.suppressions) : [];
    const report = review(positionals.map(loadPlan), { suppressions, production: values.production || undefined });
    const render = { text: toText, json: toJson, markdown: toMarkdown, sarif: toSarif }[format];
    emit(values.out, render(report), io);
    if (values.out) io.stderr(`${summaryLine(report)} (report: ${values.out})\n`);
    return report.summary.blocking > 0 ? 1 : 0;
  });
}

/** The verdict in one line, for a terminal or a CI log when the report goes to a file. */
export function summaryLine(report: ReviewReport): string {
  const s = report.summary;
  return `${s.blocking > 0 ? 'FAILED' : 'PASSED'}: ${s.errors} errors, ${s.warnings} warnings, ${s.notes} notes, ${s.unknown} unknown, ${s.suppressed} suppressed in ${s.resources} resources`;
}

function emit(out: string | undefined, text: string, io: Io): void {
  if (out) fs.writeFileSync(out, text);
  else io.stdout(text);
}

export function listRules(rules: readonly Rule[], format: Format): string {
  if (format === 'json') {
    return `${JSON.stringify(rules.map(({ check: _check, ...meta }) => ({ ...meta, platformSpecific: isPlatformSpecific({ check: _check, ...meta }) })), null, 2)}\n`;
  }
  if (format === 'markdown') {
    return `| Rule | Severity | Title | Applies to |\n| --- | --- | --- | --- |\n${rules.map((r) => `| ${r.id} | ${r.severity} | ${r.title} | ${r.appliesTo.join(', ')} |`).join('\n')}\n`;
  }
  return `${rules.map((r) => `${r.id.padEnd(14)} ${r.severity.padEnd(8)} ${r.title}`).join('\n')}\n${rules.length} rules\n`;
}

if (require.main === module) run(process.argv.slice(2)).then((code) => { process.exitCode = code; });

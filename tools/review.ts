/**
 * `npm run -s review -- [options] PLAN|DIR...`, `--list-rules`, `--explain ID`: the policy engine's command
 * line, with the options reviewers know from checkov, tfsec and trivy (severity threshold, rule selection,
 * baseline). The report goes to stdout, or to `--out FILE` with the one-line verdict on stderr.
 * Exit codes: 0 clean, 1 an unsuppressed failure at or above the threshold, 2 bad input.
 */
import * as fs from 'fs';
import * as path from 'path';
import { closestKey } from '../environments/schema';
import { loadBaseline, toBaseline } from '../policy/baseline';
import { ReviewReport, review } from '../policy/engine';
import { PlanError, isTerraformShowJson, loadPlan } from '../policy/plan';
import { toJson, toMarkdown, toSarif, toText } from '../policy/reporters';
import { Rule, citationGroups, isPlatformSpecific } from '../policy/rule';
import { CROSS_REFERENCES } from '../policy/cross-references';
import { allRules } from '../policy/rules';
import { FileSuppression, loadSuppressionsFile } from '../policy/suppressions';
import { Io, UsageError, defineCommand, processIo, runCommand } from './command-line';
import { classifyFailure } from './failures';

const FORMATS = ['text', 'json', 'markdown', 'sarif'] as const;
type Format = (typeof FORMATS)[number];
const SEVERITIES = ['error', 'warning', 'note'] as const;

export const REVIEW = defineCommand({
  name: 'review',
  summary: 'Reviews synthesized plans (cdk.tf.json or `terraform show -json` output, or every plan under a directory) against the platform\'s security and cost rules; lists or explains the rules.',
  synopsis: [
    '[--format text|json|markdown|sarif] [--out FILE] [--severity-threshold error|warning|note] [--rule ID ...] [--skip-rule ID ...] [--baseline FILE] [--write-baseline FILE] [--suppressions FILE] [--production] PLAN|DIR...',
    '--list-rules [--format text|json|markdown]',
    '--explain ID [--format text|json]',
  ],
  flags: {
    format: { type: 'string', choices: FORMATS, default: 'text', description: 'Report format (default text).' },
    out: { type: 'string', value: 'FILE', description: 'Write the report to FILE instead of stdout; the one-line verdict goes to stderr.' },
    'severity-threshold': { type: 'string', choices: SEVERITIES, default: 'error', description: 'Exit 1 only for an unsuppressed failure at or above this severity (default error).' },
    rule: { type: 'string', multiple: true, value: 'ID', description: 'Run only this rule.' },
    'skip-rule': { type: 'string', multiple: true, value: 'ID', description: 'Do not run this rule.' },
    baseline: { type: 'string', value: 'FILE', description: 'Report only findings that are not in this baseline (written by --write-baseline).' },
    'write-baseline': { type: 'string', value: 'FILE', description: 'Write every unsuppressed finding of this review to FILE as a baseline.' },
    suppressions: { type: 'string', value: 'FILE', description: 'A JSON file of suppressions (rule, resource address and a reason each).' },
    production: { type: 'boolean', description: 'Review as production: production-only rules apply (default: from the plan\'s tags).' },
    'list-rules': { type: 'boolean', description: 'List every rule (id, severity, title) instead of reviewing.' },
    explain: { type: 'string', value: 'ID', description: 'Explain one rule: rationale, remediation, references, examples.' },
  },
  positionals: { name: 'plan file or directory', min: 0 },
  failedMeans: 'an unsuppressed failure at or above the severity threshold (default: an error)',
  notes: [
    'A directory is searched for plans: cdk.tf.json and *.tf.json files, and JSON files of `terraform show -json`.',
    'Findings the plan cannot decide (known only after apply) are UNKNOWN: listed, never counted as a pass, never blocking.',
  ],
});

/** Runs the command; returns the exit code. */
export function run(argv: readonly string[], io: Io = processIo): Promise<number> {
  return runCommand(REVIEW, argv, io, classifyFailure, ({ values, positionals }) => {
    const { format, 'severity-threshold': threshold } = values;
    const modes = [values['list-rules'] && '--list-rules', values.explain !== undefined && '--explain'].filter(Boolean);
    const problems: string[] = [];
    if (modes.length > 1) problems.push('--list-rules and --explain exclude each other');
    if (values['list-rules'] && format === 'sarif') problems.push('--list-rules prints text, json or markdown, not sarif');
    if (values.explain !== undefined && format !== 'text' && format !== 'json') problems.push('--explain prints text or json');
    if (modes.length > 0 && positionals.length > 0) problems.push(`${modes[0]} takes no plan file`);
    if (modes.length === 0 && positionals.length === 0) problems.push('name at least one plan file or directory (cdk.tf.json or terraform show -json output)');
    const rules = selectRules(allRules(), values.rule, values['skip-rule'], problems);
    if (values.explain !== undefined) {
      const ids = allRules().map((r) => r.id);
      const near = closestKey(values.explain, ids);
      if (!ids.includes(values.explain)) problems.push(`--explain ${values.explain}: no such rule${near ? ` (did you mean ${near}?)` : ''}`);
      else if (!rules.some((r) => r.id === values.explain)) problems.push(`--explain ${values.explain}: the rule is left out by --rule or --skip-rule`);
    }
    if (problems.length > 0) throw new UsageError(problems.join('; '));
    if (values['list-rules']) {
      emit(values.out, listRules(rules, format), io);
      return 0;
    }
    if (values.explain !== undefined) {
      emit(values.out, explainRule(rules.find((r) => r.id === values.explain)!, format as 'text' | 'json'), io);
      return 0;
    }
    const suppressions: FileSuppression[] = values.suppressions ? loadSuppressionsFile(values.suppressions) : [];
    const baseline = values.baseline ? loadBaseline(values.baseline).findings : undefined;
    const files = positionals.flatMap(planFiles);
    const report = review(files.map(loadPlan), {
      rules, suppressions, production: values.production || undefined, threshold, baseline,
    });
    const render = { text: toText, json: toJson, markdown: toMarkdown, sarif: toSarif }[format];
    if (values['write-baseline']) {
      // From every finding, those the old baseline left out included: refreshing a baseline keeps them.
      // Written before the report, so that a baseline that cannot be written leaves no report behind.
      const baselineOut = toBaseline([...report.findings, ...report.baselinedFindings]);
      writeOutput(values['write-baseline'], baselineOut.text);
      io.stderr(`Wrote the baseline ${values['write-baseline']}: ${baselineOut.count} findings\n`);
    }
    emit(values.out, render(report), io);
    if (values.out) io.stderr(`${summaryLine(report)} (report: ${values.out})\n`);
    return report.summary.blocking > 0 ? 1 : 0;
  });
}

/**
 * The rules `--rule` keeps and `--skip-rule` drops. Unknown ids are problems (with the closest known id):
 * a misspelt id must not silently review nothing, or everything.
 */
export function selectRules(rules: readonly Rule[], only: readonly string[], skip: readonly string[], problems: string[]): Rule[] {
  const ids = rules.map((r) => r.id);
  for (const [flag, list] of [['--rule', only], ['--skip-rule', skip]] as const) {
    for (const id of list) {
      if (ids.includes(id)) continue;
      const near = closestKey(id, ids);
      problems.push(`${flag} ${id}: no such rule${near ? ` (did you mean ${near}?)` : ''}`);
    }
  }
  return rules.filter((r) => (only.length === 0 || only.includes(r.id)) && !skip.includes(r.id));
}

/**
 * The plan files an argument names: the file itself, or under a directory every `cdk.tf.json` and
 * `*.tf.json`, and every JSON file that is `terraform show -json` output (other JSON, such as review
 * reports, is skipped). A directory without plans is bad input.
 */
export function planFiles(arg: string): string[] {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(arg);
  } catch {
    return [arg]; // loadPlan says why it cannot be read
  }
  if (!stat.isDirectory()) return [arg];
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.includes(entry.name)) walk(full);
      } else if (entry.name.endsWith('.tf.json') || (entry.name.endsWith('.json') && isPlanJson(full))) {
        found.push(full);
      }
    }
  };
  walk(arg);
  if (found.length === 0) throw new PlanError(`${arg}: no plan under it (cdk.tf.json, *.tf.json or terraform show -json output)`);
  return found;
}

const SKIPPED_DIRECTORIES = ['node_modules', '.terraform', '.git'];

/** Whether a JSON file under a directory is a plan to review (review reports and other JSON are not). */
function isPlanJson(file: string): boolean {
  try {
    const doc: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    return typeof doc === 'object' && doc !== null && !Array.isArray(doc) && isTerraformShowJson(doc as Record<string, unknown>);
  } catch {
    return false;
  }
}

/** One rule, for the reviewer who meets its id in a report. */
export function explainRule(rule: Rule, format: 'text' | 'json'): string {
  if (format === 'json') {
    // The check is code; the JSON is the rule's description (a function would serialize to nothing anyway).
    return `${JSON.stringify({ ...rule, check: undefined, platformSpecific: isPlatformSpecific(rule) }, null, 2)}\n`;
  }
  const lines = [
    `${rule.id}: ${rule.title}`,
    `Severity: ${rule.severity}    Applies to: ${rule.appliesTo.join(', ')}`,
    '',
    'Why:',
    ...wrap(rule.rationale),
    '',
    'Fix:',
    ...wrap(rule.remediation),
    '',
    'References:',
    ...(isPlatformSpecific(rule) ? ['  platform-specific: no public rule set has this check'] : citationGroups(rule).flatMap((g) => g.ids.map((id) => {
      // The audited relation and what the cited control checks (policy/cross-references.ts; MCSB is not classified).
      const audited = g.scheme === 'mcsb' ? undefined : CROSS_REFERENCES[rule.id]?.[g.scheme]?.[id];
      return `  ${g.label} ${id}${audited ? ` (${audited.relation}): ${audited.checks}` : ''}`;
    }))),
  ];
  if (rule.examples) {
    lines.push('', 'Examples:', '  passes:', ...rule.examples.compliant.split('\n').map((l) => `    ${l}`), '  fails:', ...rule.examples.nonCompliant.split('\n').map((l) => `    ${l}`));
  }
  return `${lines.join('\n')}\n`;
}

function wrap(text: string, width = 100): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + word.length + 1 > width) {
      out.push(`  ${line}`);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(`  ${line}`);
  return out;
}

/** The verdict in one line, for a terminal or a CI log when the report goes to a file. */
export function summaryLine(report: ReviewReport): string {
  const s = report.summary;
  return `${s.blocking > 0 ? 'FAILED' : 'PASSED'}: ${s.errors} errors, ${s.warnings} warnings, ${s.notes} notes, ${s.unknown} unknown, ${s.suppressed} suppressed in ${s.resources} resources${s.baselined > 0 ? ` (${s.baselined} in the baseline)` : ''}`;
}

function emit(out: string | undefined, text: string, io: Io): void {
  if (out) writeOutput(out, text);
  else io.stdout(text);
}

/** Writes a report or baseline; a file that cannot be written is bad input (exit 2), not a crash. */
function writeOutput(file: string, text: string): void {
  try {
    fs.writeFileSync(file, text);
  } catch (e) {
    throw new PlanError(`${file}: cannot write: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
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

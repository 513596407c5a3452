/**
 * npm run review -- [--format text|json|markdown|sarif] [--out FILE] [--suppressions FILE] [--production] FILE...
 * npm run review -- --list-rules [--format text|json|markdown]
 *
 * Exit codes: 0 clean, 1 an unsuppressed error finding, 2 unreadable or invalid input or usage.
 */
import * as fs from 'fs';
import { review } from './engine';
import { PlanError, loadPlan } from './plan';
import { toJson, toMarkdown, toSarif, toText } from './reporters';
import { Rule, isPlatformSpecific } from './rule';
import { allRules } from './rules';
import { FileSuppression, loadSuppressionsFile } from './suppressions';

const FORMATS = ['text', 'json', 'markdown', 'sarif'] as const;
type Format = (typeof FORMATS)[number];
const USAGE = 'Usage: npm run review -- [--format text|json|markdown|sarif] [--out FILE] [--suppressions FILE] [--production] FILE...\n'
  + '       npm run review -- --list-rules [--format text|json|markdown]';

class UsageError extends Error {}

interface Args {
  format: Format;
  out?: string;
  suppressions?: string;
  production?: boolean;
  listRules: boolean;
  files: string[];
}

export function parseArgs(argv: readonly string[]): Args {
  const args: Args = { format: 'text', listRules: false, files: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${arg} needs a value`);
      return v;
    };
    if (arg === '--format') {
      const f = value();
      if (!(FORMATS as readonly string[]).includes(f)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, got '${f}'`);
      args.format = f as Format;
    } else if (arg === '--out') args.out = value();
    else if (arg === '--suppressions') args.suppressions = value();
    else if (arg === '--production') args.production = true;
    else if (arg === '--list-rules') args.listRules = true;
    else if (arg === '--help' || arg === '-h') throw new UsageError(USAGE);
    else if (arg.startsWith('--')) throw new UsageError(`unknown option '${arg}'`);
    else args.files.push(arg);
  }
  if (!args.listRules && args.files.length === 0) throw new UsageError('name at least one plan file (cdk.tf.json or terraform show -json output)');
  if (args.listRules && args.format === 'sarif') throw new UsageError('--list-rules prints text, json or markdown');
  return args;
}

/** Runs the CLI; returns the exit code. Output goes to `write` (stdout) unless `--out` is given. */
export function run(argv: readonly string[], write: (s: string) => void = (s) => process.stdout.write(s), writeError: (s: string) => void = (s) => process.stderr.write(s)): number {
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    writeError(`${(e as Error).message}\n${e instanceof UsageError && (e as Error).message !== USAGE ? `${USAGE}\n` : ''}`);
    return 2;
  }
  try {
    if (args.listRules) {
      emit(args, listRules(allRules(), args.format), write);
      return 0;
    }
    const suppressions: FileSuppression[] = args.suppressions ? loadSuppressionsFile(args.suppressions) : [];
    const plans = args.files.map(loadPlan);
    const report = review(plans, { suppressions, production: args.production });
    const render = { text: toText, json: toJson, markdown: toMarkdown, sarif: toSarif }[args.format];
    emit(args, render(report), write);
    return report.summary.blocking > 0 ? 1 : 0;
  } catch (e) {
    if (e instanceof PlanError) {
      writeError(`${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

function emit(args: Args, text: string, write: (s: string) => void): void {
  if (args.out) fs.writeFileSync(args.out, text);
  else write(text);
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

if (require.main === module) {
  process.exitCode = run(process.argv.slice(2));
}

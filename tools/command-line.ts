/**
 * The conventions every command of the project follows (synth, review, cost, diagram, new-env, bench,
 * gateway, validate, sandbox, cdktf), in one place so that they cannot drift apart:
 *
 * - arguments are parsed by Node's own `util.parseArgs` (strict: an unknown flag, a missing value or a flag
 *   given twice is refused, with the closest known flag when there is one);
 * - `--help` (`-h`) prints the usage and one line per flag on stdout and exits 0;
 * - exit codes are the same everywhere: 0 ok, 1 findings or failed checks, 2 bad input (arguments, config,
 *   an unreadable plan or price table), always with the usage after an argument error;
 * - stdout carries only the command's output, so `--format json|sarif` parses; progress and summaries go to
 *   stderr. npm prints its own banner on stdout: use `npm run -s <command>` or the `gai-<command>` bins.
 */
import { parseArgs } from 'util';
import { UsageError } from '../environments/select';
import { closestKey } from '../environments/schema';

export { UsageError };

/** Exit codes shared by every command. */
export const EXIT = { ok: 0, failed: 1, badInput: 2 } as const;

export interface Flag {
  readonly type: 'string' | 'boolean';
  /** Repeatable (`--env a --env b`). */
  readonly multiple?: boolean;
  /** One-letter alias. */
  readonly short?: string;
  /** How the value is shown in the help, e.g. `NAME`. @default the choices joined by `|` */
  readonly value?: string;
  /** The values a string flag accepts; any other is refused naming them. @default any */
  readonly choices?: readonly string[];
  /** The value of a string flag that is not given. @default undefined */
  readonly default?: string;
  /** A string flag that must be given. @default false */
  readonly required?: boolean;
  /** One line: what the flag does and its default. */
  readonly description: string;
}

export interface Command<F extends Readonly<Record<string, Flag>>> {
  /** The npm script (`review`); the bin is `gai-<name>`. */
  readonly name: string;
  /** One sentence: what the command does. */
  readonly summary: string;
  /** The argument patterns after the command, one per form, e.g. `[--env NAME] PLAN...`. */
  readonly synopsis: readonly string[];
  readonly flags: F;
  /** Positional arguments: how many, and their name in messages. @default none */
  readonly positionals?: { readonly name: string; readonly min: number; readonly max?: number };
  /** What exit code 1 means for this command (findings, failed checks, ...). */
  readonly failedMeans: string;
  /** Extra lines after the flags (examples, notes). */
  readonly notes?: readonly string[];
  /** The command writes its output only when it succeeds: an error message ends with "Nothing was written.". */
  readonly atomic?: boolean;
}

/** Declares a command; the flag types are kept literal so that the parsed values are typed. */
export function defineCommand<const F extends Readonly<Record<string, Flag>>>(command: Command<F>): Command<F> {
  return command;
}

/** A string flag's value: one of its choices when it has some. */
type Choice<T extends Flag> = T extends { readonly choices: readonly (infer C)[] } ? C : string;

type FlagValue<T extends Flag> = T['type'] extends 'string'
  ? (T['multiple'] extends true ? Choice<T>[] : T extends { readonly default: string } | { readonly required: true } ? Choice<T> : Choice<T> | undefined)
  : (T['multiple'] extends true ? boolean[] : boolean);

export type FlagValues<F extends Readonly<Record<string, Flag>>> = { -readonly [K in keyof F]: FlagValue<F[K]> };

export interface CommandLine<F extends Readonly<Record<string, Flag>>> {
  readonly values: FlagValues<F>;
  readonly positionals: readonly string[];
}

/** The one-line usage, shown after every argument error. */
export function usage(command: Command<Readonly<Record<string, Flag>>>): string {
  return command.synopsis.map((s, i) => `${i === 0 ? 'Usage:' : '      '} npm run -s ${command.name} --${s ? ` ${s}` : ''}`).join('\n');
}

/** The full help: usage, summary, one line per flag, exit codes. */
export function helpText(command: Command<Readonly<Record<string, Flag>>>): string {
  const rows = [
    ...Object.entries(command.flags).map(([name, f]) => ({
      left: `${f.short ? `-${f.short}, ` : ''}--${name}${f.type === 'string' ? ` ${f.value ?? f.choices?.join('|') ?? 'VALUE'}` : ''}`,
      right: `${f.description}${f.multiple ? ' (repeatable)' : ''}`,
    })),
    { left: '-h, --help', right: 'Print this help and exit.' },
  ];
  const width = Math.max(...rows.map((r) => r.left.length)) + 2;
  return [
    usage(command),
    `       (also: npx gai-${command.name} ...)`,
    '',
    command.summary,
    '',
    'Options:',
    ...rows.map((r) => `  ${r.left.padEnd(width)}${r.right}`),
    ...(command.notes && command.notes.length > 0 ? ['', ...command.notes] : []),
    '',
    `Exit codes: 0 ok; 1 ${command.failedMeans}; 2 bad input (arguments, config or an unreadable file).`,
  ].join('\n');
}

/**
 * Parses `argv` with `util.parseArgs`; `undefined` when help was asked for. Throws a `UsageError` naming
 * every problem at once.
 */
export function parseCommandLine<F extends Readonly<Record<string, Flag>>>(command: Command<F>, argv: readonly string[]): CommandLine<F> | undefined {
  const options: Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }> = { help: { type: 'boolean', short: 'h' } };
  for (const [name, f] of Object.entries(command.flags)) {
    options[name] = { type: f.type, ...(f.multiple ? { multiple: true } : {}), ...(f.short ? { short: f.short } : {}) };
  }
  const problems: string[] = [];
  const known = Object.keys(options).map((n) => `--${n}`);
  // Strict parsing stops at the first problem; tokens in lenient mode let every problem be named at once.
  const { tokens } = parseArgs({ args: [...argv], options, strict: false, allowPositionals: true, tokens: true });
  const seen = new Map<string, number>();
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const spec = options[token.name];
    if (!spec) {
      const flag = token.rawName.startsWith('--') ? token.rawName : `-${token.name}`;
      const near = closestKey(flag, known);
      problems.push(`unknown option '${flag}'${near ? ` (did you mean '${near}'?)` : ''}`);
      continue;
    }
    const choices = command.flags[token.name]?.choices;
    if (spec.type === 'string' && (token.value === undefined || token.value === '')) problems.push(`--${token.name} needs a value`);
    // Lenient parsing takes the next argument as the value even when it is a flag.
    else if (spec.type === 'string' && !token.inlineValue && token.value!.startsWith('-')) problems.push(`--${token.name} needs a value, not the flag '${token.value}'`);
    else if (choices && !choices.includes(token.value!)) problems.push(`--${token.name} must be one of ${choices.join(', ')}, got '${token.value}'`);
    if (spec.type === 'boolean' && token.value !== undefined) problems.push(`--${token.name} takes no value`);
    seen.set(token.name, (seen.get(token.name) ?? 0) + 1);
  }
  for (const [name, count] of seen) {
    if (count > 1 && !options[name].multiple && name !== 'help') problems.push(`--${name} is given ${count} times; give it once`);
  }
  if (seen.has('help') && problems.length === 0) return undefined;
  for (const [name, f] of Object.entries(command.flags)) if (f.required && !seen.has(name)) problems.push(`--${name} is required`);
  const positionals = tokens.filter((t) => t.kind === 'positional').map((t) => (t as { value: string }).value);
  const spec = command.positionals;
  if (!spec && positionals.length > 0) problems.push(`unexpected argument${positionals.length > 1 ? 's' : ''} ${positionals.map((p) => `'${p}'`).join(', ')}`);
  if (spec && positionals.length < spec.min) problems.push(`name at least ${spec.min === 1 ? 'one' : spec.min} ${spec.name}`);
  if (spec?.max !== undefined && positionals.length > spec.max) problems.push(`at most ${spec.max} ${spec.name}, got ${positionals.length}`);
  if (problems.length > 0) throw new UsageError(problems.join('; '));
  // Every option token is valid now: the values are read from them, with each flag's default.
  const values: Record<string, unknown> = {};
  for (const [name, f] of Object.entries(command.flags)) {
    const given = tokens.filter((t) => t.kind === 'option' && t.name === name).map((t) => (f.type === 'boolean' ? true : (t as { value: string }).value));
    values[name] = f.multiple ? given : given[0] ?? (f.type === 'boolean' ? false : f.default);
  }
  return { values: values as FlagValues<F>, positionals };
}

/** Where a command writes: stdout is the command's output only; stderr is for people. */
export interface Io {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

export const processIo: Io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/** An expected failure: its exit code and what to print (no stack trace). */
export interface Failure {
  readonly exitCode: 1 | 2;
  readonly message: string;
}

/** Maps a thrown error to an expected failure, or `undefined` for a bug (which keeps its stack). */
export type FailureClassifier = (e: unknown) => Failure | undefined;

/**
 * Runs a command: help and argument errors are handled here; the body gets the parsed command line.
 * Errors `classify` knows are printed (with the usage after a `UsageError`) and mapped to their exit code.
 */
export async function runCommand<F extends Readonly<Record<string, Flag>>>(
  command: Command<F>, argv: readonly string[], io: Io, classify: FailureClassifier,
  body: (line: CommandLine<F>) => number | Promise<number>,
): Promise<number> {
  let line: CommandLine<F> | undefined;
  try {
    line = parseCommandLine(command, argv);
  } catch (e) {
    return report(command, io, classify, e);
  }
  if (!line) {
    io.stdout(`${helpText(command)}\n`);
    return EXIT.ok;
  }
  try {
    return await body(line);
  } catch (e) {
    return report(command, io, classify, e);
  }
}

function report(command: Command<Readonly<Record<string, Flag>>>, io: Io, classify: FailureClassifier, e: unknown): number {
  if (e instanceof UsageError) {
    io.stderr(`${command.name}: ${e.message}\n${command.atomic ? 'Nothing was written.\n' : ''}${usage(command)}\nRun with --help for every option.\n`);
    return EXIT.badInput;
  }
  const failure = classify(e);
  if (!failure) throw e;
  io.stderr(`${failure.message}\n`);
  return failure.exitCode;
}

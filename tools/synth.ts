/**
 * `npm run synth [-- --env NAME ...]`: validates every environment, synthesizes the selected ones (all by
 * default; the others' output is kept) into `cdktf.out`, and reviews each stack. See `stacks/synthesize.ts`.
 */
import * as path from 'path';
import { reviewWarningLines, synthesize } from '../stacks/synthesize';
import { Io, defineCommand, processIo, runCommand } from './command-line';
import { classifyFailure } from './failures';

export const SYNTH = defineCommand({
  name: 'synth',
  summary: 'Validates every environment config, synthesizes the selected environments to cdktf.out/stacks/<env>/cdk.tf.json and reviews each plan; an error-level finding fails the synth.',
  synopsis: ['[--env NAME ...]'],
  flags: {
    env: { type: 'string', multiple: true, value: 'NAME', description: 'Synthesize this environment only; the others keep their previous output (default: all, replacing the output).' },
  },
  atomic: true,
  failedMeans: 'the policy review found an unsuppressed error (the plans and reports are written for inspection)',
  notes: ['Under the cdktf CLI (`npm run cdktf -- synth|deploy ENV`) the CLI owns cdktf.out and every environment is synthesized.'],
});

export function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  return runCommand(SYNTH, argv, io, classifyFailure, ({ values }) => {
    const started = process.hrtime.bigint();
    const result = synthesize({ only: values.env });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const where = path.relative(process.cwd(), result.outdir) || '.';
    for (const warning of result.warnings) io.stderr(`Warning: ${warning}\n`);
    for (const [env, r] of Object.entries(result.reviews)) {
      const s = r.summary;
      io.stdout(`Review ${env}: ${s.errors} errors, ${s.warnings} warnings, ${s.notes} notes, ${s.unknown} unknown, ${s.suppressed} suppressed (${where}/review/${env}.md)\n`);
      // Warnings do not fail the synth, so say each one here rather than only in the review files.
      for (const line of reviewWarningLines(r)) io.stdout(`${line}\n`);
    }
    io.stdout(`Synthesized ${result.environments.join(', ')} to ${where}/stacks/<environment>/cdk.tf.json in ${seconds.toFixed(2)} s\n`);
    if (result.kept.length > 0) io.stdout(`Kept ${result.kept.join(', ')} from the previous synth (unchanged)\n`);
    return 0;
  });
}

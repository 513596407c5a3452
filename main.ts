/**
 * The cdktf app (`cdktf.json` runs it) and `npm run synth`: every environment config -> validated configs ->
 * one PlatformStack each -> Terraform JSON in `cdktf.out/stacks/<environment>/cdk.tf.json`, reviewed by the
 * policy engine. The synthesis is `stacks/synthesize.ts`; the command line is `tools/synth.ts`.
 */
export * from './stacks/synthesize';

if (require.main === module) {
  // Loaded here rather than imported, so that importing the app's API does not load the command line.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (require('./tools/synth') as typeof import('./tools/synth')).main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
}

/**
 * The gateway's request path, for architects:
 *
 *   npm run gateway -- explain --env prod --team claims-copilot --operation chat --model auto [--prompt-tokens N]
 *
 * prints, from the synthesized plan (not from config), what the request meets step by step: caller
 * authentication, semantic cache, the team's allow-list and token limit, content safety, routing, the
 * token metric, the backend pool with each member and whether it serves the deployment, managed-identity
 * auth, and PTU spillover (each member's deployment property `spilloverDeployment`, from the plan).
 * `--format json` prints the same as JSON.
 *
 * Exit codes: 0 the request reaches a deployment every pool member serves, with every check applied, or
 * is refused by the gateway as designed (403 / 400); 1 the path is broken (a check skipped, a member
 * without the deployment, an undecidable policy); 2 bad input.
 */
import { loadEnvironments } from '../environments/load';
import { selectEnvironments } from '../environments/select';
import { ResourceGraph } from '../policy/graph';
import { CommandLine, Io, UsageError, defineCommand, parseCommandLine, processIo, runCommand } from './command-line';
import { classifyFailure } from './failures';
import { RequestPath, explainRequest, modelApis } from '../policy/request-path';
import { stackPlans } from './stack-plans';

export const GATEWAY = defineCommand({
  name: 'gateway',
  summary: 'Explains, from the synthesized plan, what a team\'s request meets at the AI gateway step by step, and where it ends up.',
  synopsis: ['explain --env NAME --team TEAM --operation OP --model MODEL [--prompt-tokens N] [--tools] [--images] [--hint HINT] [--from DIR] [--format text|json]'],
  flags: {
    env: { type: 'string', required: true, value: 'NAME', description: 'Environment whose synthesized plan is read.' },
    team: { type: 'string', required: true, value: 'TEAM', description: 'The calling team, i.e. its APIM product.' },
    operation: { type: 'string', required: true, value: 'OP', description: 'chat, completions, embeddings, responses, or an operation id.' },
    model: { type: 'string', required: true, value: 'MODEL', description: 'Deployment name, or the routing alias such as auto.' },
    'prompt-tokens': { type: 'string', value: 'N', description: 'Estimated prompt tokens, for the routing rules (default 100).' },
    tools: { type: 'boolean', description: 'The request carries tools or functions.' },
    images: { type: 'boolean', description: 'The request carries images.' },
    hint: { type: 'string', value: 'HINT', description: 'The x-model-hint header.' },
    from: { type: 'string', value: 'DIR', description: 'cdktf output directory (default cdktf.out; synthesized in-process when missing).' },
    format: { type: 'string', choices: ['text', 'json'], default: 'text', description: 'Output format (default text).' },
  },
  positionals: { name: 'command (explain)', min: 1, max: 1 },
  failedMeans: 'the request path is broken (a check skipped, a pool member without the deployment, an undecidable policy)',
});

/** Short operation names callers use, to the operation ids of the model API. */
const OPERATION_ALIASES: Readonly<Record<string, string>> = { chat: 'chat-completions', completion: 'completions', embedding: 'embeddings', response: 'responses' };

export interface ExplainArgs {
  readonly environment: string;
  readonly team: string;
  readonly operation: string;
  readonly model: string;
  readonly promptTokens: number;
  readonly hasTools: boolean;
  readonly hasImages: boolean;
  readonly hint?: string;
  readonly fromDir: string;
  readonly format: 'text' | 'json';
}

/** Parses `explain` arguments; `undefined` for --help. Throws `UsageError` naming every problem. */
export function parseArgs(argv: readonly string[]): ExplainArgs | undefined {
  const line = parseCommandLine(GATEWAY, argv);
  return line && explainArgs(line);
}

/** The request to explain, from a parsed command line. */
function explainArgs({ values, positionals }: CommandLine<typeof GATEWAY.flags>): ExplainArgs {
  const problems: string[] = [];
  if (positionals[0] !== 'explain') problems.push(`expected the command 'explain', got '${positionals[0]}'`);
  const promptTokens = values['prompt-tokens'] === undefined ? 100 : Number(values['prompt-tokens']);
  if (!Number.isInteger(promptTokens) || promptTokens < 0) problems.push(`--prompt-tokens must be a whole number, got '${values['prompt-tokens']}'`);
  if (problems.length > 0) throw new UsageError(problems.join('; '));
  return {
    environment: values.env, team: values.team, operation: OPERATION_ALIASES[values.operation] ?? values.operation, model: values.model,
    promptTokens, hasTools: values.tools, hasImages: values.images, hint: values.hint,
    fromDir: values.from ?? 'cdktf.out', format: values.format,
  };
}

/** A path is sound when the gateway refuses it as designed, or it reaches a deployment with every check applied. */
export function isSound(path: RequestPath): boolean {
  return path.problems.length === 0;
}

/** The path, step by step, for a person. */
export function formatPath(environment: string, path: RequestPath): string {
  const r = path.request;
  const lines = [
    `${environment}: team ${r.team} -> ${r.operation} (POST /openai${path.operationUrl}) with model '${r.model}'`
      + `${r.promptTokens !== undefined ? `, ~${r.promptTokens} prompt tokens` : ''}${r.hasTools ? ', tools' : ''}${r.hasImages ? ', images' : ''}${r.hint ? `, hint '${r.hint}'` : ''}`,
    '',
  ];
  path.steps.forEach((step, i) => {
    lines.push(`  ${String(i + 1).padStart(2)}. ${step.applied ? '[x]' : '[ ]'} ${step.step.padEnd(21)} ${step.detail}`);
    if (step.source) lines.push(`      ${''.padEnd(25)} (${step.source})`);
  });
  lines.push('');
  if (path.rejected) lines.push(`  Result: ${path.rejected.status} ${path.rejected.reason} from the gateway; no model is called.`);
  else {
    lines.push(`  Deployment: ${path.routedDeployment ?? '(unknown)'}${path.requestedDeployment && path.requestedDeployment !== path.routedDeployment ? ` (requested '${path.requestedDeployment}')` : ''}`);
    lines.push(`  Backend: ${path.backendId ?? '(unknown)'}`);
    for (const m of path.members) {
      lines.push(`    priority ${m.priority}: ${m.backend} ${m.url} ${m.servesDeployment ? 'serves' : 'LACKS'} '${path.routedDeployment ?? '(unknown deployment)'}'${m.priority > 1 ? ' (fallback when the members before it are tripped)' : ''}`);
    }
    for (const m of path.members.filter((x) => x.spilloverDeployment)) {
      lines.push(`  Spillover: on ${m.backend} (priority ${m.priority}), when its provisioned throughput is exhausted, Azure serves '${path.routedDeployment}' from '${m.spilloverDeployment}' on the same account (the deployment's spilloverDeploymentName)`);
    }
  }
  if (path.problems.length > 0) {
    lines.push('', '  Problems:');
    path.problems.forEach((p) => lines.push(`    - ${p}`));
  }
  return lines.join('\n');
}

/** Runs the command; returns the exit code. */
export function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  return runCommand(GATEWAY, argv, io, classifyFailure, (line) => {
    const args = explainArgs(line);
    const [environment] = selectEnvironments(loadEnvironments(), [args.environment]);
    const { plans } = stackPlans([environment.name], { fromDir: args.fromDir, beforeSynth: (envs) => io.stderr(`Synthesizing ${envs.join(', ')} in-process (no plan in ${args.fromDir})\n`) });
    const graph = new ResourceGraph(plans[0].plan);
    const api = modelApis(graph)[0];
    if (api && !api.operations.has(args.operation)) {
      throw new UsageError(`operation '${args.operation}' is not offered; offered: ${[...api.operations.keys()].join(', ')}`);
    }
    const path = explainRequest(graph, {
      team: args.team, operation: args.operation, model: args.model, promptTokens: args.promptTokens,
      hasTools: args.hasTools, hasImages: args.hasImages, hint: args.hint,
    });
    io.stdout(`${args.format === 'json' ? JSON.stringify({ environment: environment.name, ...path }, null, 2) : formatPath(environment.name, path)}\n`);
    return isSound(path) ? 0 : 1;
  });
}

if (require.main === module) main(process.argv.slice(2)).then((code) => { process.exitCode = code; });

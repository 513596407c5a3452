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
import { parseArgs as parseNodeArgs } from 'util';
import { ENVIRONMENTS } from '../environments';
import { UsageError, selectEnvironments } from '../environments/select';
import { ResourceGraph } from '../policy/graph';
import { PlanError } from '../policy/plan';
import { RequestPath, explainRequest, modelApis } from '../policy/request-path';
import { stackPlans } from './stack-plans';

export const USAGE = `Usage: npm run gateway -- explain --env NAME --team TEAM --operation OP --model MODEL [options]

  --env NAME            environment whose synthesized plan is read (required)
  --team TEAM           the calling team (its product) (required)
  --operation OP        chat, completions, embeddings, responses, or an operation id (required)
  --model MODEL         deployment name or the routing alias, e.g. auto (required)
  --prompt-tokens N     estimated prompt tokens for routing rules (default 100)
  --tools               the request carries tools or functions
  --images              the request carries images
  --hint HINT           the x-model-hint header
  --from DIR            cdktf output directory (default cdktf.out; synthesized in-process when missing)
  --format text|json    output format (default text)
  --help                this help`;

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
  let parsed;
  try {
    parsed = parseNodeArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        env: { type: 'string' }, team: { type: 'string' }, operation: { type: 'string' }, model: { type: 'string' },
        'prompt-tokens': { type: 'string' }, tools: { type: 'boolean' }, images: { type: 'boolean' }, hint: { type: 'string' },
        from: { type: 'string' }, format: { type: 'string' }, help: { type: 'boolean' },
      },
    });
  } catch (e) {
    throw new UsageError(`${(e as Error).message}\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  if (values.help) return undefined;
  const problems: string[] = [];
  if (positionals[0] !== 'explain' || positionals.length !== 1) problems.push(`expected the command 'explain', got ${positionals.length === 0 ? 'none' : positionals.map((p) => `'${p}'`).join(' ')}`);
  for (const required of ['env', 'team', 'operation', 'model'] as const) if (!values[required]) problems.push(`--${required} is required`);
  const promptTokens = values['prompt-tokens'] === undefined ? 100 : Number(values['prompt-tokens']);
  if (!Number.isInteger(promptTokens) || promptTokens < 0) problems.push(`--prompt-tokens must be a whole number, got '${values['prompt-tokens']}'`);
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json') problems.push(`--format must be text or json, got '${format}'`);
  if (problems.length > 0) throw new UsageError(`${problems.join('; ')}\n${USAGE}`);
  const operation = values.operation!;
  return {
    environment: values.env!, team: values.team!, operation: OPERATION_ALIASES[operation] ?? operation, model: values.model!,
    promptTokens, hasTools: values.tools ?? false, hasImages: values.images ?? false, hint: values.hint,
    fromDir: values.from ?? 'cdktf.out', format: format as 'text' | 'json',
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
export function main(argv: readonly string[], out: (s: string) => void = (s) => process.stdout.write(`${s}\n`), err: (s: string) => void = (s) => process.stderr.write(`${s}\n`)): number {
  try {
    const args = parseArgs(argv);
    if (!args) {
      out(USAGE);
      return 0;
    }
    const [environment] = selectEnvironments(ENVIRONMENTS, [args.environment]);
    const { plans } = stackPlans([environment.name], { fromDir: args.fromDir, beforeSynth: (envs) => err(`Synthesizing ${envs.join(', ')} in-process (no plan in ${args.fromDir})`) });
    const graph = new ResourceGraph(plans[0].plan);
    const api = modelApis(graph)[0];
    if (api && !api.operations.has(args.operation)) {
      throw new UsageError(`operation '${args.operation}' is not offered; offered: ${[...api.operations.keys()].join(', ')}`);
    }
    const path = explainRequest(graph, {
      team: args.team, operation: args.operation, model: args.model, promptTokens: args.promptTokens,
      hasTools: args.hasTools, hasImages: args.hasImages, hint: args.hint,
    });
    out(args.format === 'json' ? JSON.stringify({ environment: environment.name, ...path }, null, 2) : formatPath(environment.name, path));
    return isSound(path) ? 0 : 1;
  } catch (e) {
    if (e instanceof UsageError || e instanceof PlanError) {
      err(e.message);
      return 2;
    }
    throw e;
  }
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));

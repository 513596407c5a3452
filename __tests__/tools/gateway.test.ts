import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { helpText } from '../../tools/command-line';
import { GATEWAY, main, parseArgs } from '../../tools/gateway';
import { synthEnvironment } from '../stacks/synth';

let fromDir: string;
beforeAll(() => {
  fromDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gateway-explain-'));
  const stackDir = path.join(fromDir, 'stacks', 'prod');
  fs.mkdirSync(stackDir, { recursive: true });
  fs.writeFileSync(path.join(stackDir, 'cdk.tf.json'), synthEnvironment('prod').text);
});
afterAll(() => fs.rmSync(fromDir, { recursive: true, force: true }));

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { stdout: (s) => { out += s; }, stderr: (s) => { err += s; } });
  return { code, out: out.trimEnd(), err: err.trimEnd() };
}

const explain = (...extra: string[]) => run('explain', '--env', 'prod', '--from', fromDir, ...extra);

describe('npm run gateway -- explain', () => {
  test('--help prints every flag and exits 0', async () => {
    const { code, out } = await run('--help');
    expect(code).toBe(0);
    expect(out).toBe(helpText(GATEWAY));
    for (const flag of ['--env', '--team', '--operation', '--model', '--prompt-tokens', '--tools', '--images', '--hint', '--from', '--format', '-h, --help']) {
      expect(out).toMatch(new RegExp(`^  ${flag}\\b`, 'm'));
    }
  });

  test('an unknown flag exits 2 with the usage', async () => {
    const { code, err } = await run('explain', '--env', 'prod', '--colour');
    expect(code).toBe(2);
    expect(err).toMatch(/unknown option '--colour'/);
    expect(err).toContain('Usage: npm run -s gateway -- explain --env NAME');
  });

  test('names every missing argument at once', async () => {
    expect(() => parseArgs(['explain'])).toThrow(/--env is required; --team is required; --operation is required; --model is required/);
    expect(() => parseArgs(['show', '--env', 'prod', '--team', 't', '--operation', 'chat', '--model', 'auto', '--prompt-tokens', 'many']))
      .toThrow(/expected the command 'explain', got 'show'; --prompt-tokens must be a whole number, got 'many'/);
  });

  test('an unknown environment or operation exits 2', async () => {
    expect((await run('explain', '--env', 'qa', '--team', 't', '--operation', 'chat', '--model', 'auto')).code).toBe(2);
    const { code, err } = await explain('--team', 'claims-copilot', '--operation', 'images', '--model', 'auto');
    expect(code).toBe(2);
    expect(err).toMatch(/operation 'images' is not offered; offered: chat-completions, completions, embeddings, responses/);
  });

  test('a long prompt through the alias: every check, the PTU deployment with its spillover, a pool of both regions', async () => {
    const { code, out } = await explain('--team', 'claims-copilot', '--operation', 'chat', '--model', 'auto', '--prompt-tokens', '5000');
    expect(code).toBe(0);
    expect(out).toMatch(/^prod: team claims-copilot -> chat-completions \(POST \/openai\/deployments\/\{deployment-id\}\/chat\/completions\) with model 'auto', ~5000 prompt tokens/);
    for (const step of ['caller-authentication', 'allow-list', 'token-limit', 'content-safety', 'routing', 'token-metric', 'backend', 'managed-identity', 'spillover']) {
      expect(out).toMatch(new RegExp(`\\[x\\] ${step}\\b`));
    }
    expect(out).toMatch(/routing +alias 'auto' routed to 'gpt-4\.1-ptu'/);
    expect(out).toMatch(/Deployment: gpt-4\.1-ptu \(requested 'auto'\)/);
    expect(out).toMatch(/priority 1: .*primary.* serves 'gpt-4\.1-ptu'/);
    expect(out).toMatch(/priority 2: .*failover.* serves 'gpt-4\.1-ptu' \(fallback when the members before it are tripped\)/);
    // Spillover is the primary's PTU deployment property; the failover account's gpt-4.1-ptu is pay-as-you-go.
    expect(out).toMatch(/\[x\] spillover +'gpt-4\.1-ptu' on \S*primary\S* \(priority 1\) spills over to 'gpt-4\.1'; none on \S*failover\S* \(priority 2\)/);
    expect(out).toMatch(/\(deployment property spilloverDeploymentName: azapi_update_resource\.\S+\)/);
    expect(out.match(/^  Spillover: .*$/gm)).toEqual([expect.stringMatching(/^  Spillover: on \S*primary\S* \(priority 1\), when its provisioned throughput is exhausted, Azure serves 'gpt-4\.1-ptu' from 'gpt-4\.1' on the same account \(the deployment's spilloverDeploymentName\)$/)]);
    expect(out).not.toMatch(/x-ms-spillover-deployment/);
    expect(out).not.toMatch(/Problems:/);
  });

  test('a short prompt is routed to the cheaper model, without spillover', async () => {
    const { code, out } = await explain('--team', 'claims-copilot', '--operation', 'chat', '--model', 'auto', '--prompt-tokens', '100');
    expect(code).toBe(0);
    expect(out).toMatch(/Deployment: gpt-4\.1-mini \(requested 'auto'\)/);
    expect(out).toMatch(/\[ \] spillover +no pool member's 'gpt-4\.1-mini' has a spilloverDeploymentName/);
    expect(out).not.toMatch(/Spillover:/);
  });

  test('the alias on embeddings: 400 from the gateway before any other check (the alias is only for chat)', async () => {
    const { code, out } = await explain('--team', 'contract-analytics', '--operation', 'embeddings', '--model', 'auto');
    expect(code).toBe(0);
    expect(out).toMatch(/\[ \] allow-list +not reached \(400\)/);
    expect(out).toMatch(/Result: 400 Bad Request from the gateway; no model is called\./);
    expect(out).not.toMatch(/Problems:/);
  });

  test('a model outside the team\'s allow-list: 403 from the gateway, nothing after the allow-list runs', async () => {
    const { code, out } = await explain('--team', 'claims-copilot', '--operation', 'responses', '--model', 'gpt-4.1-mini');
    expect(code).toBe(0);
    expect(out).toMatch(/\[x\] allow-list +the deployment is not in the team's allow-list: 403/);
    expect(out).toMatch(/\[ \] token-limit +not reached \(403\)/);
    expect(out).toMatch(/Result: 403 Forbidden from the gateway; no model is called\./);
  });

  test('--format json gives the path as data', async () => {
    const { code, out } = await explain('--team', 'contract-analytics', '--operation', 'chat', '--model', 'gpt-4.1-ptu', '--format', 'json');
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json).toMatchObject({ environment: 'prod', routedDeployment: 'gpt-4.1-ptu', problems: [] });
    expect(json.members.map((m: { priority: number; servesDeployment: boolean; spilloverDeployment?: string }) => [m.priority, m.servesDeployment, m.spilloverDeployment ?? null]))
      .toEqual([[1, true, 'gpt-4.1'], [2, true, null]]);
  });
});

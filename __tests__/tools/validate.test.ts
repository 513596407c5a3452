import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { blockPaths } from '../../policy/plan';
import { ENVIRONMENTS } from '../../environments';
import { helpText, usage } from '../../tools/command-line';
import { VALIDATE, ValidateIo, runValidate } from '../../tools/validate';
import {
  Finding, StackError, StackResult, TerraformDiagnostic, exitCode, findOnPath, formatFinding, formatResult,
  formatSummary, initFindings, locateDiagnostic, parseTerraformMessages, parseValidateOutput, prepareStack, stripBackend,
  terraformEnv,
} from '../../tools/validate/index';
import { validateStacks } from '../../tools/validate/terraform';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'validate-test-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Keys sorted at every level, as cdktf's json-stable-stringify writes them. */
function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sorted((value as Record<string, unknown>)[k])]));
}
/** A stack as cdktf writes `cdk.tf.json`: sorted keys, 2-space indentation. */
const cdktfText = (doc: unknown): string => JSON.stringify(sorted(doc), null, 2);

/** A small stack shaped like a synthesized one: metadata, data source, output, providers, two resources, a backend. */
function stackDoc(env = 'prod', extra: { requiredProviders?: Record<string, unknown> } = {}): Record<string, any> {
  const meta = (p: string, uniqueId: string) => ({ metadata: { path: `${env}/${p}`, uniqueId } });
  return {
    '//': { metadata: { backend: 'azurerm', stackName: env, version: '0.21.0' }, outputs: { [env]: { gateway_url: 'gateway_url' } } },
    data: { azurerm_client_config: { client: { '//': meta('client', 'client') } } },
    output: { gateway_url: { value: '${azurerm_log_analytics_workspace.monitoring_workspace_4A3C9399.id}' } },
    provider: { azapi: [{}], azurerm: [{ features: [{ key_vault: [{ purge_soft_delete_on_destroy: false }] }], storage_use_azuread: true }] },
    resource: {
      azapi_resource: {
        'gateway_backend-pool_AAC40709': {
          '//': meta('gateway/backend-pool', 'gateway_backend-pool_AAC40709'),
          body: {
            properties: {
              // A string that looks like a key opening a block must not confuse the line index.
              description: 'Model accounts: "resource": { by priority',
              pool: { services: [{ id: '${azapi_resource.a.id}', priority: 1 }, { id: '${azapi_resource.b.id}', priority: 2 }] },
              type: 'Pool',
            },
          },
          name: 'model-pool',
          parent_id: '${azurerm_api_management.gateway_service_0B098E79.id}',
          type: 'Microsoft.ApiManagement/service/backends@2024-05-01',
        },
      },
      azurerm_log_analytics_workspace: {
        monitoring_workspace_4A3C9399: {
          '//': meta('monitoring/workspace', 'monitoring_workspace_4A3C9399'),
          location: 'swedencentral',
          name: `log-genai-${env}`,
          retention_in_days: 90,
          tags: {},
        },
      },
    },
    terraform: {
      backend: { azurerm: { container_name: `tfstate-${env}`, key: `${env}.tfstate`, use_azuread_auth: true } },
      required_providers: { azapi: { source: 'Azure/azapi', version: '2.8.0' }, azurerm: { source: 'azurerm', version: '4.55.0' }, ...extra.requiredProviders },
      required_version: '>= 1.9.0, < 2.0.0',
    },
  };
}

/** 1-based lines of `text` matching `pattern`. */
const linesOf = (text: string, pattern: RegExp): number[] => text.split('\n').flatMap((l, i) => (pattern.test(l) ? [i + 1] : []));
const lineOf = (text: string, pattern: RegExp): number => {
  const lines = linesOf(text, pattern);
  if (lines.length !== 1) throw new Error(`${pattern} matches ${lines.length} lines`);
  return lines[0];
};

describe('stripBackend', () => {
  test('removes terraform.backend and nothing else, without changing the input', () => {
    const doc = stackDoc();
    const before = JSON.stringify(doc);
    const { doc: stripped, removedBackend } = stripBackend(doc);
    expect(removedBackend).toBe('azurerm');
    expect(stripped.terraform).toEqual({ required_providers: doc.terraform.required_providers, required_version: '>= 1.9.0, < 2.0.0' });
    expect({ ...stripped, terraform: undefined }).toEqual({ ...doc, terraform: undefined });
    expect(JSON.stringify(doc)).toBe(before);
  });

  test('a stack without a backend (or without a terraform block) is left as it is', () => {
    const { terraform, ...noTerraform } = stackDoc();
    const noBackend = { ...noTerraform, terraform: { required_version: terraform.required_version } };
    expect(stripBackend(noBackend)).toEqual({ doc: noBackend });
    expect(stripBackend(noTerraform)).toEqual({ doc: noTerraform });
    expect(stripBackend({ terraform: { backend: { local: { path: 'x' } } } })).toEqual({ doc: { terraform: {} }, removedBackend: 'local' });
  });
});

describe('prepareStack', () => {
  const text = cdktfText(stackDoc());
  const stack = prepareStack(text, 'cdktf.out/stacks/prod/cdk.tf.json');

  test('gives terraform the stack without its backend, pretty-printed like cdktf writes it', () => {
    expect(stack.removedBackend).toBe('azurerm');
    expect(JSON.parse(stack.json)).toEqual(stripBackend(JSON.parse(text)).doc);
    expect(JSON.parse(stack.json).terraform.backend).toBeUndefined();
    // Same formatting as cdktf: everything before the terraform block is on the same lines.
    const upToTerraform = (t: string) => t.slice(0, t.indexOf('\n  "terraform": {'));
    expect(upToTerraform(stack.json)).toBe(upToTerraform(text));
    expect(stack.json.endsWith('}\n')).toBe(true);
  });

  test('counts resources (not data sources)', () => {
    expect(stack.resources).toBe(2);
    expect(prepareStack('{"terraform": {}}', 'x').resources).toBe(0);
  });

  test('rejects what is not a cdktf stack', () => {
    expect(() => prepareStack('{ nope', 'a.json')).toThrow(StackError);
    expect(() => prepareStack('{ nope', 'a.json')).toThrow(/^a\.json: not valid JSON/);
    expect(() => prepareStack('[1, 2]', 'b.json')).toThrow(/^b\.json: not a cdktf stack/);
    expect(() => prepareStack('{"planned_values": {}}', 'c.json')).toThrow(/^c\.json: not a cdktf stack/);
  });
});

describe('a line of the stack -> resource address and construct path', () => {
  const stack = prepareStack(cdktfText(stackDoc()), 'prod');
  const json = stack.json;
  const pool = { address: 'azapi_resource.gateway_backend-pool_AAC40709', constructPath: 'prod/gateway/backend-pool' };
  const workspace = { address: 'azurerm_log_analytics_workspace.monitoring_workspace_4A3C9399', constructPath: 'prod/monitoring/workspace' };

  test('an attribute line maps to its resource', () => {
    expect(stack.locate(lineOf(json, /"retention_in_days": 90/))).toEqual(workspace);
    expect(stack.locate(lineOf(json, /"parent_id"/))).toEqual(pool);
  });

  test('lines deep in a body (objects in arrays, a string that looks like a key) map to the resource', () => {
    for (const line of linesOf(json, /"priority"|"services"|"description"|"Pool"/)) expect(stack.locate(line)).toEqual(pool);
  });

  test('the closing brace of a resource maps to it (azapi schema errors point there)', () => {
    const closing = lineOf(json, /"type": "Microsoft.ApiManagement\/service\/backends@2024-05-01"/) + 1;
    expect(json.split('\n')[closing - 1]).toMatch(/^ {6}\},?$/);
    expect(stack.locate(closing)).toEqual(pool);
  });

  test('every line from a resource\'s name to its closing brace maps to it, and no other line does', () => {
    const lines = json.split('\n');
    const start = lineOf(json, /^ {6}"monitoring_workspace_4A3C9399": \{$/);
    const end = lines.findIndex((l, i) => i >= start && l === '      }') + 1;
    for (let line = 1; line <= lines.length; line++) {
      const located = stack.locate(line);
      if (line >= start && line <= end) expect({ line, located }).toEqual({ line, located: workspace });
      else expect({ line, address: located?.address }).not.toEqual({ line, address: workspace.address });
    }
  });

  test('data sources, outputs, providers and the terraform block by their own addresses', () => {
    expect(stack.locate(lineOf(json, /"uniqueId": "client"/))).toEqual({ address: 'data.azurerm_client_config.client', constructPath: 'prod/client' });
    expect(stack.locate(lineOf(json, /"value": "\$\{azurerm_log_analytics_workspace/))).toEqual({ address: 'output.gateway_url', constructPath: undefined });
    expect(stack.locate(lineOf(json, /"purge_soft_delete_on_destroy"/))).toEqual({ address: 'provider.azurerm', constructPath: undefined });
    expect(stack.locate(lineOf(json, /"required_version"/))).toEqual({ address: 'terraform', constructPath: undefined });
  });

  test('lines outside any block map to nothing; a resource type\'s own line to the type', () => {
    expect(stack.locate(1)).toBeUndefined();
    expect(stack.locate(lineOf(json, /^ {2}"resource": \{$/))).toBeUndefined();
    expect(stack.locate(lineOf(json, /^ {2}"\/\/": \{$/))).toBeUndefined();
    expect(stack.locate(lineOf(json, /^ {4}"azapi_resource": \{$/))).toEqual({ address: 'resource.azapi_resource', constructPath: undefined });
    expect(stack.locate(json.split('\n').length + 10)).toBeUndefined();
  });

  test('blockPaths keeps at most three keys and unescapes them', () => {
    const paths = blockPaths(JSON.stringify({ resource: { 't': { 'n\\"x': { a: { b: 1 } } } } }, null, 2));
    expect(paths).toEqual([undefined, ['resource'], ['resource', 't'], ['resource', 't', 'n\\"x'], ['resource', 't', 'n\\"x'],
      ['resource', 't', 'n\\"x'], ['resource', 't', 'n\\"x'], ['resource', 't', 'n\\"x'], ['resource', 't'], ['resource'], undefined]);
  });
});

/** What terraform 1.11 printed for an azapi schema error and an azurerm validation error (trimmed). */
function validateOutput(lines: { azapi: number; workspace: number }): string {
  return JSON.stringify({
    format_version: '1.0',
    valid: false,
    error_count: 2,
    warning_count: 1,
    diagnostics: [
      {
        severity: 'error',
        summary: 'Invalid configuration',
        detail: 'embedded schema validation failed: the argument "body" is invalid:\n`properties.bogus` is not expected here. Do you mean `properties.url`? \n You can try to update `azapi` provider',
        address: 'azapi_resource.gateway_backend-pool_AAC40709',
        range: { filename: 'cdk.tf.json', start: { line: lines.azapi, column: 7, byte: 4539 }, end: { line: lines.azapi, column: 8, byte: 4540 } },
        snippet: { context: 'resource.azapi_resource.gateway_backend-pool_AAC40709', code: '      },', start_line: lines.azapi, highlight_start_offset: 6, highlight_end_offset: 7, values: [] },
      },
      {
        severity: 'error',
        summary: 'expected retention_in_days to be in the range (30 - 730), got 5',
        detail: '',
        range: { filename: 'cdk.tf.json', start: { line: lines.workspace, column: 30, byte: 99456 }, end: { line: lines.workspace, column: 31, byte: 99457 } },
        snippet: { context: 'resource.azurerm_log_analytics_workspace.monitoring_workspace_4A3C9399', code: '        "retention_in_days": 5,', start_line: lines.workspace, values: [] },
      },
      { severity: 'warning', summary: 'Deprecated attribute', detail: 'Use the other one.' },
    ],
  }, null, 2);
}

describe('diagnostics of terraform validate -json', () => {
  const stack = prepareStack(cdktfText(stackDoc()), 'prod');
  const azapi = lineOf(stack.json, /"type": "Microsoft.ApiManagement\/service\/backends@2024-05-01"/) + 1;
  const workspace = lineOf(stack.json, /"retention_in_days"/);

  test('are read from the JSON document; anything else is an error', () => {
    expect(parseValidateOutput(validateOutput({ azapi, workspace }))).toHaveLength(3);
    expect(parseValidateOutput('{"format_version":"1.0","valid":true,"error_count":0,"warning_count":0,"diagnostics":[]}')).toEqual([]);
    expect(() => parseValidateOutput('')).toThrow(StackError);
    expect(() => parseValidateOutput('panic: boom\n')).toThrow(/printed no JSON document: panic: boom/);
    expect(() => parseValidateOutput('{"valid": true}')).toThrow(/without "diagnostics"/);
  });

  test('are placed by their line, with the construct path', () => {
    const findings = parseValidateOutput(validateOutput({ azapi, workspace })).map((d) => locateDiagnostic(d, stack));
    expect(findings[0]).toMatchObject({ severity: 'error', phase: 'validate', address: 'azapi_resource.gateway_backend-pool_AAC40709', constructPath: 'prod/gateway/backend-pool', line: azapi });
    expect(findings[1]).toMatchObject({ severity: 'error', address: 'azurerm_log_analytics_workspace.monitoring_workspace_4A3C9399', constructPath: 'prod/monitoring/workspace', line: workspace });
    expect(findings[2]).toEqual({ severity: 'warning', summary: 'Deprecated attribute', detail: 'Use the other one.', phase: 'validate', address: undefined, constructPath: undefined, line: undefined });
  });

  test('without a usable line, by the address terraform names, else the snippet context', () => {
    const base: TerraformDiagnostic = { severity: 'error', summary: 's' };
    expect(locateDiagnostic({ ...base, address: 'azurerm_x.y' }, stack)).toMatchObject({ address: 'azurerm_x.y', constructPath: undefined });
    const elsewhere = { ...base, range: { filename: 'other.tf', start: { line: workspace } }, snippet: { context: 'resource.azurerm_a.b' } };
    expect(locateDiagnostic(elsewhere, stack)).toMatchObject({ address: 'azurerm_a.b', line: undefined });
    expect(locateDiagnostic({ ...base, range: { filename: 'cdk.tf.json', start: { line: 1 } } }, stack)).toMatchObject({ address: undefined, line: 1 });
  });
});

describe('terraform init failures', () => {
  const plain = '\nError: Failed to query available provider packages\n\nCould not retrieve the list of available versions for provider\n'
    + 'hashicorp/random: provider registry.terraform.io/hashicorp/random was not\nfound in any of the search locations\n\n  - /tmp/tfmirror/plugins\n';
  const boxed = '╷\n│ Error: Backend initialization required\n│\n│ Run terraform init.\n╵\n╷\n│ Warning: Something\n│\n│ minor\n╵\n';

  test('are read from terraform\'s messages, boxed or not', () => {
    expect(parseTerraformMessages(plain)).toEqual([{
      severity: 'error',
      summary: 'Failed to query available provider packages',
      detail: 'Could not retrieve the list of available versions for provider hashicorp/random: provider registry.terraform.io/hashicorp/random was not found in any of the search locations - /tmp/tfmirror/plugins',
    }]);
    expect(parseTerraformMessages(boxed)).toEqual([
      { severity: 'error', summary: 'Backend initialization required', detail: 'Run terraform init.' },
      { severity: 'warning', summary: 'Something', detail: 'minor' },
    ]);
  });

  test('count as errors; with no message terraform\'s exit code and output are the error', () => {
    expect(initFindings(1, plain, 'Initializing provider plugins...\n')).toEqual([expect.objectContaining({ severity: 'error', phase: 'init', summary: 'Failed to query available provider packages' })]);
    expect(initFindings(1, boxed)).toHaveLength(1);
    expect(initFindings(137, 'Killed\n')).toEqual([{ severity: 'error', summary: 'terraform init failed (exit 137)', detail: 'Killed', phase: 'init' }]);
    expect(initFindings(null, '')).toEqual([{ severity: 'error', summary: 'terraform init failed (exit signal)', detail: '', phase: 'init' }]);
  });
});

describe('formatting and exit code', () => {
  const error: Finding = {
    severity: 'error', summary: 'Invalid configuration', detail: 'embedded schema validation failed:\n`properties.x` is not expected here. \n',
    phase: 'validate', address: 'azapi_resource.gateway_logger_3BD7F3D8', constructPath: 'prod/gateway/logger', line: 12,
  };
  const warning: Finding = { severity: 'warning', summary: 'Deprecated', detail: '', phase: 'validate', address: 'output.x' };
  const init: Finding = { severity: 'error', summary: 'Failed to query available provider packages', detail: 'not found', phase: 'init' };
  const result = (findings: Finding[], initFailed = false): StackResult => ({ environment: 'prod', resources: 189, findings, initFailed, initMs: 600, validateMs: 2000 });

  test('one line per diagnostic: environment, severity, address (construct path): summary: detail', () => {
    expect(formatFinding('prod', error)).toBe('prod: error azapi_resource.gateway_logger_3BD7F3D8 (prod/gateway/logger): Invalid configuration: embedded schema validation failed: `properties.x` is not expected here.');
    expect(formatFinding('prod', warning)).toBe('prod: warning output.x: Deprecated');
    expect(formatFinding('dev', { ...warning, address: undefined })).toBe('dev: warning: Deprecated');
    expect(formatFinding('prod', init)).toBe('prod: error terraform init: Failed to query available provider packages: not found');
  });

  test('a summary line per stack', () => {
    expect(formatSummary(result([]))).toBe('validate prod: ok (189 resources)');
    expect(formatSummary({ ...result([]), resources: 1 })).toBe('validate prod: ok (1 resource)');
    expect(formatSummary(result([warning]))).toBe('validate prod: ok (189 resources), 1 warning');
    expect(formatSummary(result([error, error, warning]))).toBe('validate prod: 2 errors, 1 warning');
    expect(formatSummary(result([error]))).toBe('validate prod: 1 error, 0 warnings');
    expect(formatSummary(result([init], true))).toBe('validate prod: 1 error, 0 warnings (terraform init failed: not validated)');
    expect(formatResult(result([error, warning]))).toEqual([formatFinding('prod', error), formatFinding('prod', warning), 'validate prod: 1 error, 1 warning']);
  });

  test('exit code 1 on any error diagnostic or failed init; warnings pass', () => {
    expect(exitCode([])).toBe(0);
    expect(exitCode([result([]), result([warning])])).toBe(0);
    expect(exitCode([result([]), result([error])])).toBe(1);
    expect(exitCode([result([init], true)])).toBe(1);
    expect(exitCode([result([], true)])).toBe(1);
  });
});

describe('terraform on PATH and its environment', () => {
  test('findOnPath finds the first executable file, never a directory or a non-executable file', () => {
    const a = fs.mkdtempSync(path.join(tmp, 'path-a-'));
    const b = fs.mkdtempSync(path.join(tmp, 'path-b-'));
    fs.writeFileSync(path.join(a, 'terraform'), 'not executable', { mode: 0o644 });
    fs.mkdirSync(path.join(a, 'tf'));
    fs.writeFileSync(path.join(b, 'terraform'), '#!/bin/sh\n', { mode: 0o755 });
    expect(findOnPath('terraform', [a, b].join(path.delimiter), '')).toBe(path.join(b, 'terraform'));
    expect(findOnPath('terraform', a, '')).toBeUndefined();
    expect(findOnPath('tf', a, '')).toBeUndefined();
    expect(findOnPath('terraform', undefined, '')).toBeUndefined();
    expect(findOnPath('terraform', '', '')).toBeUndefined();
  });

  test('terraformEnv: no checkpoint, automation mode, the mirror\'s CLI configuration, a shared cache, scratch-local data dir', () => {
    const base = { PATH: '/bin', TF_DATA_DIR: '/shared/.terraform', TF_CLI_CONFIG_FILE: '/root/.terraformrc' };
    expect(terraformEnv(base, {})).toEqual({ PATH: '/bin', TF_CLI_CONFIG_FILE: '/root/.terraformrc', CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1', TF_INPUT: '0' });
    expect(terraformEnv(base, { cliConfigFile: '/m/terraformrc' }).TF_CLI_CONFIG_FILE).toBe('/m/terraformrc');
    expect(terraformEnv({}, { pluginCacheDir: '/tmp/c' })).toMatchObject({ TF_PLUGIN_CACHE_DIR: '/tmp/c', TF_PLUGIN_CACHE_MAY_BREAK_DEPENDENCY_LOCK_FILE: 'true' });
    expect(base.TF_DATA_DIR).toBe('/shared/.terraform');
  });
});

/** A stand-in for terraform: logs each call, fails init for a stack requiring hashicorp/random, reports the workspace's retention line. */
const FAKE_TERRAFORM = `#!/bin/sh
echo "$1|$*|CHECKPOINT_DISABLE=$CHECKPOINT_DISABLE|TF_IN_AUTOMATION=$TF_IN_AUTOMATION|TF_CLI_CONFIG_FILE=\${TF_CLI_CONFIG_FILE:-}|TF_PLUGIN_CACHE_DIR=\${TF_PLUGIN_CACHE_DIR:-}|backend=$(grep -c '"backend": {' cdk.tf.json)|pwd=$PWD" >> "$FAKE_TF_LOG"
case "$1" in
  init)
    if grep -q '"hashicorp/random"' cdk.tf.json; then
      printf '\\nError: Failed to query available provider packages\\n\\nCould not retrieve the list of available versions for provider\\nhashicorp/random: provider registry.terraform.io/hashicorp/random was not\\nfound in any of the search locations\\n' >&2
      exit 1
    fi
    echo 'Terraform has been successfully initialized!'
    ;;
  validate)
    line=$(grep -n '"retention_in_days": 5' cdk.tf.json | head -n 1 | cut -d: -f1)
    if [ -z "$line" ]; then
      echo '{"format_version":"1.0","valid":true,"error_count":0,"warning_count":0,"diagnostics":[]}'
      exit 0
    fi
    echo '{"format_version":"1.0","valid":false,"error_count":1,"warning_count":0,"diagnostics":[{"severity":"error","summary":"expected retention_in_days to be in the range (30 - 730), got 5","detail":"","range":{"filename":"cdk.tf.json","start":{"line":'"$line"',"column":30,"byte":1},"end":{"line":'"$line"',"column":31,"byte":2}}}]}'
    exit 1
    ;;
  *) exit 64 ;;
esac
`;

describe('npm run validate (the CLI, with a stand-in terraform)', () => {
  const shipped = ENVIRONMENTS.map((e) => e.name);
  const bin = fs.mkdtempSync(path.join(tmp, 'bin-'));
  fs.writeFileSync(path.join(bin, 'terraform'), FAKE_TERRAFORM, { mode: 0o755 });
  const emptyBin = fs.mkdtempSync(path.join(tmp, 'empty-bin-'));

  /** A cdktf output directory with a stack per shipped environment; `change` edits one environment's stack. */
  function cdktfOut(change: (env: string, doc: Record<string, any>) => void = () => undefined): string {
    const out = fs.mkdtempSync(path.join(tmp, 'cdktf.out-'));
    for (const env of shipped) {
      const doc = stackDoc(env);
      change(env, doc);
      fs.mkdirSync(path.join(out, 'stacks', env), { recursive: true });
      fs.writeFileSync(path.join(out, 'stacks', env, 'cdk.tf.json'), cdktfText(doc));
    }
    return out;
  }

  async function run(argv: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string; calls: string[][] }> {
    const log = path.join(fs.mkdtempSync(path.join(tmp, 'log-')), 'calls');
    fs.writeFileSync(log, '');
    let stdout = '';
    let stderr = '';
    const io: ValidateIo = {
      stdout: (t) => { stdout += t; },
      stderr: (t) => { stderr += t; },
      cwd: tmp,
      env: { PATH: [bin, '/usr/bin', '/bin'].join(path.delimiter), FAKE_TF_LOG: log, ...env },
    };
    const code = await runValidate(argv, io);
    const calls = fs.readFileSync(log, 'utf8').split('\n').filter(Boolean).map((l) => l.split('|'));
    return { code, stdout, stderr, calls };
  }

  test('--help documents every flag, one line each, and exits 0', async () => {
    const { code, stdout, calls } = await run(['--help']);
    expect(code).toBe(0);
    expect(stdout).toBe(`${helpText(VALIDATE)}\n`);
    for (const flag of ['--env', '--mirror', '--from', '-h, --help']) expect(stdout.split('\n').filter((l) => l.trimStart().startsWith(flag))).toHaveLength(1);
    expect(calls).toEqual([]);
  });

  test('bad input exits 2 with the usage, running nothing: unknown flag, unknown environment, mirror without terraformrc', async () => {
    const out = cdktfOut();
    const unknownFlag = await run(['--frm', out]);
    expect(unknownFlag).toMatchObject({ code: 2, stdout: '', calls: [] });
    expect(unknownFlag.stderr).toContain("validate: unknown option '--frm' (did you mean '--from'?)");
    expect(unknownFlag.stderr).toContain(usage(VALIDATE));
    for (const argv of [['prod'], ['--env'], ['--env', '--mirror', 'x'], ['--mirror', 'a', '--mirror', 'b'], ['--from='], ['--env='], ['--help=yes']]) {
      expect(await run(argv)).toMatchObject({ code: 2, stdout: '', calls: [], stderr: expect.stringContaining(usage(VALIDATE)) });
    }
    const unknownEnv = await run(['--from', out, '--env', 'nope']);
    expect(unknownEnv).toMatchObject({ code: 2, stdout: '', calls: [] });
    expect(unknownEnv.stderr).toMatch(/Unknown environment 'nope'; known: dev, staging, prod/);
    const mirror = fs.mkdtempSync(path.join(tmp, 'mirror-'));
    const noRc = await run(['--from', out, '--mirror', mirror]);
    expect(noRc).toMatchObject({ code: 2, stdout: '', calls: [] });
    expect(noRc.stderr).toContain(`--mirror ${mirror}: no terraformrc in it`);
  });

  test('terraform not on PATH: says so loudly, validates nothing, exits 2', async () => {
    const { code, stdout, stderr } = await run(['--from', cdktfOut()], { PATH: emptyBin });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('validate: terraform not found on PATH; nothing was validated');
    expect(stderr).not.toMatch(/\bok\b/);
  });

  test('every stack valid: ok per stack, exit 0; terraform ran init then validate on each, without the backend', async () => {
    const { code, stdout, stderr, calls } = await run(['--from', cdktfOut()]);
    expect(stdout).toBe(shipped.map((env) => `validate ${env}: ok (2 resources)\n`).join(''));
    expect(code).toBe(0);
    expect(calls.map((c) => c[1]).sort()).toEqual(shipped.flatMap(() => ['init -backend=false -input=false -no-color', 'validate -json -no-color']).sort());
    for (const call of calls) expect(call.slice(2)).toEqual(expect.arrayContaining(['CHECKPOINT_DISABLE=1', 'TF_IN_AUTOMATION=1', 'backend=0']));
    // No mirror, no CLI configuration: the registry, with one plugin cache for the run.
    expect(stderr).toContain('validate: providers from the registry');
    expect(new Set(calls.map((c) => c.find((f) => f.startsWith('TF_PLUGIN_CACHE_DIR='))))).toEqual(new Set([expect.stringMatching(/^TF_PLUGIN_CACHE_DIR=.+plugin-cache$/)]));
  });

  test('a plugin cache and CLI configuration of the caller\'s are kept, relative paths made absolute (terraform runs elsewhere)', async () => {
    const { code, calls, stderr } = await run(['--from', cdktfOut()], { TF_PLUGIN_CACHE_DIR: 'cache', TF_CLI_CONFIG_FILE: 'missing.tfrc' });
    expect(code).toBe(0);
    expect(calls.length).toBe(2 * shipped.length);
    for (const call of calls) expect(call).toEqual(expect.arrayContaining([`TF_PLUGIN_CACHE_DIR=${path.join(tmp, 'cache')}`, `TF_CLI_CONFIG_FILE=${path.join(tmp, 'missing.tfrc')}`]));
    expect(stderr).toContain('validate: warning: TF_CLI_CONFIG_FILE=missing.tfrc does not exist; terraform uses the registry');
  });

  test('diagnostics by address and construct path, init failures as errors, exit 1; the mirror\'s terraformrc is the CLI configuration', async () => {
    const out = cdktfOut((env, doc) => {
      if (env === 'prod') doc.resource.azurerm_log_analytics_workspace.monitoring_workspace_4A3C9399.retention_in_days = 5;
      if (env === 'staging') doc.terraform.required_providers.random = { source: 'hashicorp/random', version: '3.6.0' };
    });
    const mirror = fs.mkdtempSync(path.join(tmp, 'mirror-'));
    fs.writeFileSync(path.join(mirror, 'terraformrc'), 'provider_installation {}\n');
    const { code, stdout, stderr, calls } = await run(['--from', out, '--mirror', mirror], { TF_CLI_CONFIG_FILE: '/elsewhere/terraformrc' });
    // Every registered environment in registry order: the shipped three as below, any forked one validated ok.
    const lines: Record<string, string[]> = {
      dev: ['validate dev: ok (2 resources)'],
      staging: [
        'staging: error terraform init: Failed to query available provider packages: Could not retrieve the list of available versions for provider hashicorp/random: provider registry.terraform.io/hashicorp/random was not found in any of the search locations',
        'validate staging: 1 error, 0 warnings (terraform init failed: not validated)',
      ],
      prod: [
        'prod: error azurerm_log_analytics_workspace.monitoring_workspace_4A3C9399 (prod/monitoring/workspace): expected retention_in_days to be in the range (30 - 730), got 5',
        'validate prod: 1 error, 0 warnings',
      ],
    };
    expect(shipped.slice(0, 3)).toEqual(['dev', 'staging', 'prod']);
    expect(stdout.split('\n')).toEqual([...shipped.flatMap((env) => lines[env] ?? [`validate ${env}: ok (2 resources)`]), '']);
    expect(code).toBe(1);
    expect(calls.filter((c) => c[0] === 'validate')).toHaveLength(shipped.length - 1);
    for (const call of calls) expect(call).toContain(`TF_CLI_CONFIG_FILE=${path.join(mirror, 'terraformrc')}`);
    expect(stderr).toMatch(/validate prod: terraform init \d+\.\d s, validate \d+\.\d s/);
  });

  test('--env picks stacks; any stack in the output directory can be named', async () => {
    const out = cdktfOut();
    fs.mkdirSync(path.join(out, 'stacks', 'state'));
    fs.writeFileSync(path.join(out, 'stacks', 'state', 'cdk.tf.json'), cdktfText(stackDoc('state')));
    const { code, stdout } = await run(['--from', out, '--env', 'state', '--env', shipped[0]]);
    expect(stdout).toBe(`validate ${shipped[0]}: ok (2 resources)\nvalidate state: ok (2 resources)\n`);
    expect(code).toBe(0);
  });

  test('an unreadable stack is bad input (exit 2)', async () => {
    const out = cdktfOut();
    fs.writeFileSync(path.join(out, 'stacks', shipped[0], 'cdk.tf.json'), '{ not json');
    const { code, stderr, calls } = await run(['--from', out]);
    expect(code).toBe(2);
    expect(stderr).toContain('not valid JSON');
    expect(calls).toEqual([]);
  });

  test('a missing stack is synthesized in-process, and real cdktf output maps to its construct paths', async () => {
    const empty = fs.mkdtempSync(path.join(tmp, 'nothing-synthesized-'));
    const bad = fs.mkdtempSync(path.join(tmp, 'bin-bad-'));
    // The stand-in reports a diagnostic on the real stack's workspace retention line, whatever its value.
    fs.writeFileSync(path.join(bad, 'terraform'), FAKE_TERRAFORM.replace(`'"retention_in_days": 5'`, `'"retention_in_days": '`), { mode: 0o755 });
    const { code, stdout, stderr } = await run(['--env', 'dev', '--from', empty], { PATH: [bad, '/usr/bin', '/bin'].join(path.delimiter) });
    expect(stderr).toContain('Synthesizing dev in-process');
    expect(stdout).toMatch(/^dev: error azurerm_log_analytics_workspace\.monitoring_workspace_[0-9A-F]{8} \(dev\/monitoring\/workspace\): expected retention_in_days/);
    expect(stdout).toMatch(/\nvalidate dev: 1 error, 0 warnings\n$/);
    expect(code).toBe(1);
  }, 120_000);
});

describe('validateStacks', () => {
  test('returns every result in input order without a callback, and removes its scratch directory', async () => {
    const bin = fs.mkdtempSync(path.join(tmp, 'bin-direct-'));
    fs.writeFileSync(path.join(bin, 'terraform'), FAKE_TERRAFORM, { mode: 0o755 });
    const log = path.join(bin, 'calls');
    const stacks = ['a', 'b', 'c'].map((environment) => ({ environment, stack: prepareStack(cdktfText(stackDoc(environment)), environment) }));
    const results = await validateStacks(stacks, { terraform: path.join(bin, 'terraform'), env: { PATH: '/usr/bin:/bin', FAKE_TF_LOG: log }, concurrency: 2 });
    expect(results.map((r) => [r.environment, r.resources, r.findings, r.initFailed])).toEqual([['a', 2, [], false], ['b', 2, [], false], ['c', 2, [], false]]);
    const dirs = fs.readFileSync(log, 'utf8').split('\n').filter(Boolean).map((l) => l.split('|').find((f) => f.startsWith('pwd='))?.slice('pwd='.length) as string);
    expect(new Set(dirs).size).toBe(3);
    expect(new Set(dirs.map((d) => path.dirname(d))).size).toBe(1);
    for (const dir of dirs) expect(fs.existsSync(dir)).toBe(false);
    expect(fs.existsSync(path.dirname(dirs[0]))).toBe(false);
  });
});

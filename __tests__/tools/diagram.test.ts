import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { RESOURCE_GROUP_ROLES } from '../../environments/schema';
import { synthesize } from '../../main';
import { Plan, PlanResource, loadPlan, parsePlan } from '../../policy/plan';
import { Diagram, README_MARKERS, diagram, embedInReadme, run } from '../../tools/diagram';
import { escapeLabel } from '../../tools/diagram/mermaid';
import { Architecture } from '../../tools/diagram/model';
import { renderSvg } from '../../tools/diagram/svg';
import { registeredNames, unregisteredName } from '../helpers';

/** The shipped environments, whose diagrams are checked in under docs/; the CLI also draws any forked one. */
const ENVIRONMENTS = ['dev', 'staging', 'prod'] as const;

let workdir: string;
let cdktfOut: string;
const plans: Record<string, Plan> = {};
const diagrams: Record<string, Diagram> = {};

beforeAll(() => {
  workdir = fs.mkdtempSync(path.join(os.tmpdir(), 'diagram-'));
  cdktfOut = synthesize({ outdir: path.join(workdir, 'cdktf.out') }).outdir;
  for (const env of ENVIRONMENTS) {
    plans[env] = loadPlan(path.join(cdktfOut, 'stacks', env, 'cdk.tf.json'));
    diagrams[env] = diagram(plans[env], env);
  }
}, 120_000);

afterAll(() => {
  fs.rmSync(workdir, { recursive: true, force: true });
});

// ---- helpers reading the plan directly, independent of the diagram's own resolution ----------

function ofType(plan: Plan, type: string): PlanResource[] {
  return plan.resources.filter((r) => r.type === type);
}

/** The address a `${type.name.attr}` expression names. */
function referenced(value: unknown): string {
  const m = /\$\{((?:data\.)?[a-z_]+\.[A-Za-z0-9_-]+)\./.exec(String(value));
  if (!m) throw new Error(`no reference in ${String(value)}`);
  return m[1];
}

function nodeId(arch: Architecture, address: string): string {
  const node = arch.nodes.find((n) => n.address === address);
  if (!node) throw new Error(`no node for ${address}`);
  return node.id;
}

function onlyOf(plan: Plan, type: string, addressPart = ''): PlanResource {
  const found = ofType(plan, type).filter((r) => r.address.includes(addressPart));
  if (found.length !== 1) throw new Error(`expected one ${type} matching '${addressPart}', found ${found.length}`);
  return found[0];
}

/** The Mermaid edge lines from `from` to `to`. */
function mermaidEdges(mermaid: string, from: string, to: string, arrow: string): string[] {
  return mermaid.split('\n').map((l) => l.trim()).filter((l) => l.startsWith(`${from} ${arrow}`) && l.endsWith(` ${to}`));
}

describe.each(ENVIRONMENTS)('diagram of %s', (env) => {
  const plan = () => plans[env];
  const d = () => diagrams[env];

  test('every layer appears, one per resource group of the plan', () => {
    const { architecture, mermaid, dot } = d();
    expect(architecture.layers.map((l) => l.role)).toEqual([...RESOURCE_GROUP_ROLES]);
    for (const group of ofType(plan(), 'azurerm_resource_group')) {
      const name = String(group.values.name);
      const layer = architecture.layers.find((l) => l.resourceGroup === name);
      expect(layer).toBeDefined();
      expect(mermaid).toContain(`subgraph ${layer?.id}["${layer?.role} layer: ${name}"]`);
      expect(dot).toContain(`subgraph cluster_${layer?.id} {`);
      expect(d().markdown).toContain(`| ${layer?.role} | \`${name}\` |`);
    }
    // Every resource of the plan is placed in a layer: the counts add up.
    expect(architecture.layers.reduce((n, l) => n + l.resourceCount, 0)).toBe(plan().resources.length);
  });

  test('places the main resources in their resource group', () => {
    const { architecture } = d();
    const layerOf = (type: string) => architecture.nodes.find((n) => n.address?.startsWith(`${type}.`))?.layer;
    expect(layerOf('azurerm_virtual_network')).toBe('layer_network');
    expect(layerOf('azurerm_key_vault')).toBe('layer_security');
    expect(layerOf('azurerm_log_analytics_workspace')).toBe('layer_monitoring');
    expect(layerOf('azurerm_cognitive_account')).toBe('layer_ai');
    expect(layerOf('azurerm_api_management')).toBe('layer_app');
    // No resource_group_name: placed with its parent (the gateway).
    expect(layerOf('azapi_resource')).toBe('layer_app');
  });

  test('every private endpoint of the plan appears with its target and subnet', () => {
    const { architecture, mermaid, markdown } = d();
    const endpoints = ofType(plan(), 'azurerm_private_endpoint');
    expect(endpoints.length).toBeGreaterThanOrEqual(6);
    expect(architecture.privateEndpoints).toHaveLength(endpoints.length);
    for (const pe of endpoints) {
      const connection = pe.values.private_service_connection as Record<string, unknown>;
      const target = plan().resources.find((r) => r.address === referenced(connection.private_connection_resource_id)) as PlanResource;
      const subnet = plan().resources.find((r) => r.address === referenced(pe.values.subnet_id)) as PlanResource;
      const peId = nodeId(architecture, pe.address);
      const subresource = (connection.subresource_names as string[])[0];
      expect(mermaid).toContain(`${peId}{{"private_endpoint<br/>${pe.values.name}"}}`);
      expect(mermaidEdges(mermaid, peId, nodeId(architecture, target.address), '-->')).toEqual([
        `${peId} -->|"${subresource}"| ${nodeId(architecture, target.address)}`,
      ]);
      expect(mermaidEdges(mermaid, peId, nodeId(architecture, subnet.address), '---')).toHaveLength(1);
      const row = markdown.split('\n').find((l) => l.startsWith(`| \`${pe.values.name}\` |`));
      expect(row).toContain(String(target.values.name));
      expect(row).toContain(`\`${subnet.values.name}\``);
    }
  });

  test('every user-assigned identity and each of its role assignments appears', () => {
    const { architecture, mermaid, markdown } = d();
    const identities = ofType(plan(), 'azurerm_user_assigned_identity');
    expect(identities).toHaveLength(4); // gateway, orchestrator, search, cmk
    const assignments = ofType(plan(), 'azurerm_role_assignment');
    expect(architecture.roleAssignments).toHaveLength(assignments.length);
    for (const identity of identities) {
      const id = nodeId(architecture, identity.address);
      expect(mermaid).toContain(`${id}(["user_assigned_identity<br/>${identity.values.name}"])`);
      const own = assignments.filter((ra) => referenced(ra.values.principal_id) === identity.address);
      expect(own.length).toBeGreaterThan(0);
      for (const ra of own) {
        const scope = nodeId(architecture, referenced(ra.values.scope));
        const role = String(ra.values.role_definition_name);
        const edges = mermaidEdges(mermaid, id, scope, '-.->');
        expect(edges).toHaveLength(1);
        expect(edges[0]).toMatch(new RegExp(`\\|"(.*<br/>)?${role}(<br/>.*)?"\\|`));
        expect(markdown).toContain(`| ${identity.values.name} | user-assigned identity | ${role} |`);
      }
    }
  });

  test('role assignments of other principals appear too (deployer, system-assigned identity)', () => {
    const { architecture, mermaid } = d();
    const deployer = architecture.roleAssignments.find((ra) => ra.principalKind === 'deployer');
    expect(deployer).toMatchObject({ role: 'Key Vault Crypto Officer', principalNodeId: 'deployer' });
    expect(mermaidEdges(mermaid, 'deployer', deployer?.scopeNodeId ?? '', '-.->')).toEqual([`deployer -.->|"Key Vault Crypto Officer"| ${deployer?.scopeNodeId}`]);
    const system = architecture.roleAssignments.find((ra) => ra.principalKind === 'system-assigned identity');
    expect(system?.principal).toMatch(/^apim-genai-.* \(system-assigned\)$/);
  });

  test('the request path: client -> gateway -> pool -> model accounts, app -> gateway, gateway -> cache, search -> storage and models', () => {
    const { architecture, mermaid } = d();
    const id = (type: string, part = '') => nodeId(architecture, onlyOf(plan(), type, part).address);
    const gateway = id('azurerm_api_management');
    const pool = nodeId(architecture, ofType(plan(), 'azapi_resource').find((r) => r.address.includes('backend-pool'))?.address ?? '');
    const primary = id('azurerm_cognitive_account', 'primary');
    const edge = (from: string, to: string) => expect(mermaidEdges(mermaid, from, to, '==>')).toHaveLength(1);

    expect(mermaid).toMatch(/^ {2}clients\[\["clients<br\/>team products: [a-z, -]+"\]\]$/m);
    edge('clients', gateway);
    edge(gateway, pool);
    expect(mermaidEdges(mermaid, pool, primary, '==>')[0]).toContain('priority 1');
    edge(id('azurerm_container_app'), gateway);
    edge(gateway, id('azurerm_managed_redis'));
    edge(id('azurerm_search_service'), id('azurerm_storage_account'));
    edge(id('azurerm_search_service'), primary);
    if (env === 'prod') {
      expect(mermaidEdges(mermaid, pool, id('azurerm_cognitive_account', 'failover'), '==>')[0]).toContain('priority 2');
    }
    // The orchestrator reaches models only through the gateway.
    for (const account of ofType(plan(), 'azurerm_cognitive_account')) {
      expect(mermaidEdges(mermaid, id('azurerm_container_app'), nodeId(architecture, account.address), '==>')).toEqual([]);
    }
  });

  test('the Mermaid text is syntactically plausible', () => {
    const { mermaid, architecture } = d();
    const lines = mermaid.trimEnd().split('\n');
    expect(lines[0]).toBe('flowchart LR');
    expect(lines.filter((l) => /^\s*subgraph /.test(l))).toHaveLength(lines.filter((l) => l.trim() === 'end').length);
    for (const line of lines) {
      expect((line.match(/"/g) ?? []).length % 2).toBe(0);
      // Quoted label text never contains a character that closes a shape or a label.
      for (const [, label] of line.matchAll(/"([^"]*)"/g)) expect(label).not.toMatch(/["[\](){}|]/);
    }
    const ids = new Set(architecture.nodes.map((n) => n.id));
    for (const id of ids) expect(id).toMatch(/^[A-Za-z][A-Za-z0-9_]*$/);
    expect(ids.has('end')).toBe(false);
    for (const edge of architecture.edges) {
      expect(ids.has(edge.from)).toBe(true);
      expect(ids.has(edge.to)).toBe(true);
    }
    // Every node is declared exactly once.
    for (const id of ids) expect(lines.filter((l) => new RegExp(`^\\s*${id}(\\[|\\{\\{|\\(\\[)`).test(l))).toHaveLength(1);
  });

  test('the Markdown has a title, the Mermaid block, the SVG and both tables', () => {
    const { markdown, mermaid } = d();
    expect(markdown.startsWith(`# Architecture: ${env}\n`)).toBe(true);
    expect(markdown).toContain(`\`\`\`mermaid\n${mermaid}\`\`\``);
    expect(markdown).toContain(`![Architecture of ${env} (Graphviz)](architecture-${env}.svg)`);
    expect(markdown).toMatch(/## Private endpoints \(\d+\)\n\n\| Endpoint \| Layer \| Target \|/);
    expect(markdown).toMatch(/## Role assignments \(\d+\)\n\n\| Principal \| Kind \| Role \| Scope \|/);
  });
});

describe('DOT and SVG', () => {
  test('each environment renders offline to an SVG containing the gateway node', () => {
    const svgs = renderSvg(ENVIRONMENTS.map((env) => diagrams[env].dot));
    ENVIRONMENTS.forEach((env, i) => {
      const gateway = onlyOf(plans[env], 'azurerm_api_management');
      expect(svgs[i]).toContain('<svg');
      expect(svgs[i]).toContain(`<title>${nodeId(diagrams[env].architecture, gateway.address)}</title>`);
      expect(svgs[i]).toContain(`>${String(gateway.values.name).replace(/-/g, '&#45;')}</text>`);
    });
  }, 60_000);

  test('reports a DOT syntax error', () => {
    expect(() => renderSvg(['digraph { a -> }'])).toThrow(/Graphviz rendering failed/);
  }, 30_000);
});

describe('escapeLabel', () => {
  test('turns characters Mermaid reads as syntax into entity codes', () => {
    expect(escapeLabel('a "b" [c] (d) {e} <f> g|h #1')).toBe('a #quot;b#quot; #91;c#93; #40;d#41; #123;e#125; #lt;f#gt; g#124;h #35;1');
  });
});

describe('plans with resources outside the plan', () => {
  test('an endpoint to an existing resource and a subscription-scoped role still appear', () => {
    const plan = parsePlan({
      resource: {
        azurerm_resource_group: { rg: { name: 'rg-x-ai', location: 'swedencentral' } },
        azurerm_user_assigned_identity: { app: { name: 'id-app', resource_group_name: '${azurerm_resource_group.rg.name}' } },
        azurerm_private_endpoint: {
          pe: {
            name: 'pe-hub-"kv"',
            resource_group_name: '${azurerm_resource_group.rg.name}',
            subnet_id: '/subscriptions/0/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworks/vnet-hub/subnets/snet-pe',
            private_service_connection: { name: 'c', private_connection_resource_id: '/subscriptions/0/resourceGroups/rg-hub/providers/Microsoft.KeyVault/vaults/kv-hub', subresource_names: ['vault'] },
          },
        },
        azurerm_role_assignment: {
          ra: { principal_id: '${azurerm_user_assigned_identity.app.principal_id}', role_definition_name: 'Reader', scope: '/subscriptions/0' },
        },
      },
    }, 'fixture.json');
    const { architecture, mermaid } = diagram(plan, 'fixture');
    expect(architecture.layers.map((l) => l.role)).toEqual(['ai']);
    expect(architecture.privateEndpoints).toEqual([expect.objectContaining({
      name: 'pe-hub-"kv"', target: '/subscriptions/0/resourceGroups/rg-hub/providers/Microsoft.KeyVault/vaults/kv-hub', subnet: 'snet-pe',
    })]);
    expect(mermaid).toContain('{{"private_endpoint<br/>pe-hub-#quot;kv#quot;"}}');
    expect(mermaid).toMatch(/target_kv_hub\[\["resource outside the plan<br\/>kv-hub"\]\]/);
    expect(architecture.roleAssignments).toEqual([expect.objectContaining({ principal: 'id-app', role: 'Reader', scope: '/subscriptions/0' })]);
    expect(mermaid).toContain('id_app -.->|"Reader"| scope_0');
  });
});

describe('shipped docs', () => {
  const repoRoot = path.resolve(__dirname, '../..');

  test.each(ENVIRONMENTS)('docs/architecture-%s.md is current (regenerate with npm run diagram)', (env) => {
    expect(fs.readFileSync(path.join(repoRoot, 'docs', `architecture-${env}.md`), 'utf8')).toBe(diagrams[env].markdown);
  });

  test('README embeds the current prod diagram', () => {
    const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    expect(embedInReadme(readme, diagrams.prod.mermaid)).toBe(readme);
    expect(readme).toContain(`${README_MARKERS.start}\n\`\`\`mermaid\nflowchart LR\n`);
  });

  test('embedInReadme replaces only the marked block, and refuses a README without markers', () => {
    const readme = `intro\n${README_MARKERS.start}\nold\n${README_MARKERS.end}\noutro\n`;
    expect(embedInReadme(readme, 'flowchart LR\n  a --> b\n')).toBe(`intro\n${README_MARKERS.start}\n\`\`\`mermaid\nflowchart LR\n  a --> b\n\`\`\`\n${README_MARKERS.end}\noutro\n`);
    expect(() => embedInReadme('no markers', 'x')).toThrow(/README.md has no <!-- architecture-prod:start/);
  });
});

describe('npm run diagram (CLI)', () => {
  /** Collects stdout and stderr, a line per entry. */
  const io = (out: string[], err: string[] = []) => ({
    stdout: (t: string) => { out.push(...t.trimEnd().split('\n')); },
    stderr: (t: string) => { err.push(...t.trimEnd().split('\n')); },
  });
  test('writes architecture-<env>.md and .svg for every environment to --out', async () => {
    const out = path.join(workdir, 'docs');
    const lines: string[] = [];
    expect(await run(['--from', cdktfOut, '--out', out], io(lines))).toBe(0);
    const registered = registeredNames();
    expect(fs.readdirSync(out).sort()).toEqual(registered.flatMap((e) => [`architecture-${e}.md`, `architecture-${e}.svg`]).sort());
    for (const env of ENVIRONMENTS) expect(fs.readFileSync(path.join(out, `architecture-${env}.md`), 'utf8')).toBe(diagrams[env].markdown);
    for (const env of registered) {
      expect(fs.readFileSync(path.join(out, `architecture-${env}.md`), 'utf8')).toMatch(/^[\s\S]*```mermaid\n/);
      expect(fs.readFileSync(path.join(out, `architecture-${env}.svg`), 'utf8')).toMatch(/<svg[\s\S]*<\/svg>\n$/);
    }
    expect(lines).toHaveLength(registered.length);
    expect(lines[registered.indexOf('prod')]).toMatch(/architecture-prod\.md and .*architecture-prod\.svg: 5 layers, \d+ nodes, 9 private endpoints/);
  }, 60_000);

  test('synthesizes in-process when the stack has not been synthesized', async () => {
    const out = path.join(workdir, 'docs-fresh');
    const lines: string[] = [];
    const notices: string[] = [];
    expect(await run(['--env', 'dev', '--from', path.join(workdir, 'nothing-here'), '--out', out], io(lines, notices))).toBe(0);
    expect(notices[0]).toMatch(/^Synthesized dev in-process/);
    expect(lines).toHaveLength(1);
    expect(fs.readFileSync(path.join(out, 'architecture-dev.md'), 'utf8')).toBe(diagrams.dev.markdown);
  }, 120_000);

  test('rejects an unknown environment or argument with exit code 2', async () => {
    const errors: string[] = [];
    const qa = unregisteredName('qa');
    expect(await run(['--env', qa, '--from', cdktfOut, '--out', path.join(workdir, 'x')], io([], errors))).toBe(2);
    expect(errors[0]).toContain(`Unknown environment '${qa}'; known: ${registeredNames().join(', ')}`);
    expect(await run(['--format', 'png'], io([], errors))).toBe(2);
    expect(errors).toContain("diagram: unknown option '--format'; unexpected argument 'png'");
    expect(fs.existsSync(path.join(workdir, 'x'))).toBe(false);
  });
});

import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import prod from '../../environments/prod';
import { EnvironmentConfig, EnvironmentInput, parseEnvironment } from '../../environments/schema';
import { Plan, loadPlan, parsePlan } from '../../policy/plan';
import { runCost } from '../../tools/cost';
import {
  Estimate, PriceTable, PriceTableError, diff, estimate, loadPriceTable, renderDiffMarkdown, renderDiffText,
  renderJson, renderMarkdown, renderText, validatePriceTable,
} from '../../tools/cost/index';
import { registeredNames, unregisteredName, validInput } from '../helpers';
import { synthEnvironment } from '../stacks/synth';

const repoRoot = path.resolve(__dirname, '../..');
const GOLDEN = path.join(__dirname, 'golden', 'cost-prod.txt');
const table = loadPriceTable();
const hours = table.hoursPerMonth;
const p = (group: string, key: string): number => table.groups[group].prices[key];
const cents = (x: number): number => Math.round(x * 100) / 100;

const devConfig = (): EnvironmentConfig => parseEnvironment(validInput());
const prodInput = (): EnvironmentInput => structuredClone(prod) as EnvironmentInput;
const prodConfig = (change: (input: any) => void = () => undefined): EnvironmentConfig => {
  const input = prodInput();
  change(input);
  return parseEnvironment(input);
};
/** A cdk.tf.json-shaped plan from `{ type: { name: values } }`. */
const planOf = (resource: Record<string, Record<string, Record<string, unknown>>>, file = 'test.tf.json'): Plan => parsePlan({ resource }, file);
const lineOf = (e: Estimate, address: string) => {
  const line = e.lines.find((l) => l.address === address);
  if (!line) throw new Error(`no line ${address}`);
  return line;
};

describe('price table (data/prices.json)', () => {
  test('is dated, sourced per group and valid', () => {
    expect(table.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(table.currency).toBe('USD');
    expect(table.hoursPerMonth).toBe(730);
    for (const [name, group] of Object.entries(table.groups)) {
      expect([name, group.source]).toEqual([name, expect.stringMatching(/^https:\/\//)]);
      expect(group.retrieved).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(['list', 'estimate']).toContain(group.confidence);
    }
    expect(Object.keys(table.free)).not.toContain('$comment');
  });

  test('has token prices for every model the platform deploys, and PTU rates for every provisioned SKU', () => {
    for (const model of ['gpt-4.1', 'gpt-4.1-mini', 'gpt-4.1-nano', 'gpt-4o', 'gpt-4o-mini']) {
      for (const sku of ['GlobalStandard', 'DataZoneStandard', 'Standard']) {
        expect(p('tokens', `${model}.${sku}.input`)).toBeGreaterThan(0);
        expect(p('tokens', `${model}.${sku}.output`)).toBeGreaterThan(p('tokens', `${model}.${sku}.input`));
      }
    }
    for (const model of ['text-embedding-3-large', 'text-embedding-3-small']) expect(p('tokens', `${model}.Standard.input`)).toBeGreaterThan(0);
    for (const group of ['ptuGlobal', 'ptuDataZone', 'ptuRegional']) {
      expect(p(group, 'monthlyReservation')).toBeLessThan(p(group, 'hourly') * hours);
      expect(p(group, 'yearlyReservationPerMonth')).toBeLessThan(p(group, 'monthlyReservation'));
    }
  });

  test('validation reports every problem at once', () => {
    const broken = JSON.parse(fs.readFileSync(path.join(repoRoot, 'data/prices.json'), 'utf8'));
    broken.date = 'yesterday';
    broken.groups.apiManagement.prices.Premium = -1;
    delete broken.groups.aiSearch.source;
    broken.free.azurerm_subnet = '';
    expect(() => validatePriceTable(broken, 'broken.json')).toThrow(PriceTableError);
    expect(() => validatePriceTable(broken, 'broken.json')).toThrow(
      /broken\.json: 4 problems:[\s\S]*date must be YYYY-MM-DD[\s\S]*apiManagement\.prices\.Premium[\s\S]*aiSearch\.source[\s\S]*free\.azurerm_subnet/);
  });
});

describe('estimate: per-resource pricing', () => {
  const plan = loadPlan(path.join(__dirname, 'fixtures', 'cost-one-of-each.tf.json'));
  const e = estimate(plan, devConfig(), table);
  const monthly = (address: string) => lineOf(e, address).monthly;

  test('prices each type from the table at 730 h (reference region: no factor)', () => {
    expect(monthly('azurerm_api_management.apim')).toBe(cents(2 * p('apiManagement', 'Premium')));
    expect(monthly('azurerm_managed_redis.redis')).toBe(cents(p('managedRedis', 'Balanced_B1')));
    expect(monthly('azurerm_managed_redis.redis_single')).toBe(cents(p('managedRedis', 'Balanced_B5') / 2));
    expect(monthly('azurerm_search_service.search')).toBe(cents(6 * p('aiSearch', 'standard')));
    expect(monthly('azurerm_storage_account.st')).toBe(cents(p('storage', 'base') + table.assumptions.storageGb * p('storage', 'GZRS')));
    expect(monthly('azurerm_key_vault_key.hsm3072')).toBe(p('keyVault', 'hsmAdvanced'));
    expect(monthly('azurerm_key_vault_key.hsm2048')).toBe(p('keyVault', 'hsmRsa2048'));
    expect(monthly('azurerm_key_vault_key.software')).toBe(0);
    // Daily quota 5 GB: ingestion for 730/24 days, plus retention beyond the included 31 days (90 - 31 = 59 days).
    expect(monthly('azurerm_log_analytics_workspace.law')).toBe(cents(5 * (730 / 24) * p('logAnalytics', 'perGb') + 5 * 59 * p('logAnalytics', 'retentionPerGbMonth')));
    expect(monthly('azurerm_container_registry.acr')).toBe(cents(p('containerRegistry', 'Premium') * 730 / 24));
    // 2 min replicas x (0.5 vCPU, 1 GiB) x every second of the month.
    expect(monthly('azurerm_container_app.app')).toBe(cents(2 * 730 * 3600 * (0.5 * p('containerApps', 'vcpuSecond') + 1 * p('containerApps', 'gibSecond'))));
    expect(monthly('azurerm_nat_gateway.nat')).toBe(cents(p('natGateway', 'gatewayHour') * 730));
    expect(monthly('azurerm_public_ip.pip')).toBe(cents(p('natGateway', 'publicIpStandardHour') * 730));
    expect(monthly('azurerm_private_endpoint.pe')).toBe(cents(p('privateLink', 'endpointHour') * 730));
    expect(monthly('azurerm_private_dns_zone.zone')).toBe(p('privateDns', 'zoneFirst25'));
    expect(monthly('azurerm_cognitive_deployment.ptu')).toBe(cents(50 * p('ptuGlobal', 'hourly') * 730));
    expect(monthly('azurerm_monitor_metric_alert.alert')).toBe(cents(2 * p('monitorAlerts', 'metricTimeSeries')));
    expect(monthly('azurerm_monitor_scheduled_query_rules_alert_v2.log')).toBe(p('monitorAlerts', 'logAlertPT5M'));
  });

  test('states the basis of each figure', () => {
    expect(lineOf(e, 'azurerm_api_management.apim').basis).toBe('Premium: 2 units x $2,795.17');
    expect(lineOf(e, 'azurerm_search_service.search').basis).toMatch(/^standard: 3 replicas x 2 partitions = 6 SU x \$/);
    expect(lineOf(e, 'azurerm_log_analytics_workspace.law').basis).toMatch(/5 GB\/day \(daily quota, an upper bound\).*295 GB retained beyond 31 d/);
    expect(lineOf(e, 'azurerm_managed_redis.redis').basis).toMatch(/\(estimate\)$/);
    expect(lineOf(e, 'azurerm_managed_redis.redis').estimate).toBe(true);
    expect(lineOf(e, 'azurerm_api_management.apim').estimate).toBeUndefined();
  });

  test('lists free types at 0 with the reason, and finds the region through the resource group', () => {
    for (const address of ['azurerm_resource_group.rg', 'azurerm_user_assigned_identity.id', 'azurerm_role_assignment.ra', 'azurerm_management_lock.lock',
      'azurerm_consumption_budget_resource_group.budget', 'azurerm_key_vault.kv', 'azurerm_cognitive_account.ais', 'azapi_resource.backend', 'azurerm_application_insights.appi']) {
      const line = lineOf(e, address);
      expect([address, line.monthly, line.free]).toEqual([address, 0, true]);
      expect(line.basis).not.toBe('');
    }
    expect(lineOf(e, 'azurerm_role_assignment.ra').basis).toMatch(/free: Azure RBAC/);
    expect(lineOf(e, 'azurerm_cognitive_deployment.payg')).toMatchObject({ monthly: 0, basis: expect.stringMatching(/pay-as-you-go: billed per token/) });
    expect(lineOf(e, 'azurerm_container_app_environment.cae')).toMatchObject({ monthly: 0, basis: expect.stringMatching(/Consumption profile/) });
    expect(lineOf(e, 'azurerm_container_app.app').location).toBe('eastus');
    expect(e.unpriced).toEqual([]);
  });

  test('the total is the sum of the lines', () => {
    const sum = e.lines.reduce((s, l) => s + (l.monthly ?? 0), 0);
    expect(e.subtotals.resources).toBe(cents(sum));
    expect(e.total).toBe(cents(e.subtotals.resources + e.subtotals.tokens));
  });

  test('scales regional prices by the region factor, and applies per-region overrides', () => {
    const sweden = estimate(planOf({ azurerm_api_management: { apim: { location: 'swedencentral', sku_name: 'Developer_1' } } }), devConfig(), table);
    const factor = table.regions.swedencentral.multiplier;
    expect(sweden.lines[0].monthly).toBe(cents(p('apiManagement', 'Developer') * factor));
    expect(sweden.lines[0].basis).toContain(`(x${factor} swedencentral)`);
    expect(sweden.lines[0].estimate).toBe(true);
    expect(sweden.notes[0]).toMatch(/^Region swedencentral: infrastructure prices x1\.05 of eastus list prices \(estimate/);

    const withOverride: PriceTable = { ...table, regions: { ...table.regions, swedencentral: { ...table.regions.swedencentral, overrides: { 'apiManagement.Developer': 50 } } } };
    expect(estimate(planOf({ azurerm_api_management: { apim: { location: 'swedencentral', sku_name: 'Developer_1' } } }), devConfig(), withOverride).lines[0].monthly).toBe(50);

    const elsewhere = estimate(planOf({ azurerm_private_endpoint: { pe: { location: 'japaneast' } } }), devConfig(), table);
    expect(elsewhere.lines[0].monthly).toBe(cents(p('privateLink', 'endpointHour') * 730));
    expect(elsewhere.notes).toContain('Region japaneast: no factor in the price table; eastus prices used.');
  });

  test('prices a `terraform show -json` plan too (module addresses kept)', () => {
    const tf = estimate(loadPlan(path.join(repoRoot, '__tests__/policy/fixtures/terraform-plan.json')), devConfig(), table);
    expect(tf.lines.map((l) => [l.address, l.monthly === null ? null : l.monthly > 0])).toEqual([
      ['azurerm_key_vault.vault', false],
      ['azurerm_private_endpoint.vault', true],
      ['azurerm_subnet.pe', false],
      ['module.dns.azurerm_private_dns_zone.vault', true],
    ]);
  });

  test('counts private DNS zones beyond the 25th at the lower rate', () => {
    const zones = Object.fromEntries(Array.from({ length: 27 }, (_, i) => [`z${String(i).padStart(2, '0')}`, { name: `zone${i}.internal` }]));
    const e27 = estimate(planOf({ azurerm_private_dns_zone: zones }), devConfig(), table);
    expect(e27.lines.map((l) => l.monthly)).toEqual([...Array(25).fill(p('privateDns', 'zoneFirst25')), p('privateDns', 'zoneBeyond25'), p('privateDns', 'zoneBeyond25')]);
  });
});

describe('estimate: unpriced resources', () => {
  const plan = planOf({
    azurerm_frobnicator: { x: { location: 'eastus' } },
    azapi_resource: { odd: { type: 'Microsoft.Foo/bars@2024-01-01' } },
    azurerm_api_management: { v2: { location: 'eastus', sku_name: 'StandardV2_1' }, later: { location: 'eastus', sku_name: '${var.sku}' } },
    azurerm_private_endpoint: { pe: { location: 'eastus' } },
  });
  const e = estimate(plan, devConfig(), table);

  test('are listed with the reason, never silently zero, and stay out of the total', () => {
    expect(e.unpriced).toEqual([
      { address: 'azapi_resource.odd', type: 'azapi_resource', reason: 'no price for ARM type Microsoft.Foo/bars' },
      { address: 'azurerm_api_management.later', type: 'azurerm_api_management', reason: 'sku_name unknown until apply' },
      { address: 'azurerm_api_management.v2', type: 'azurerm_api_management', reason: 'no price for API Management SKU StandardV2_1' },
      { address: 'azurerm_frobnicator.x', type: 'azurerm_frobnicator', reason: 'no price for resource type azurerm_frobnicator' },
    ]);
    for (const u of e.unpriced) expect(lineOf(e, u.address)).toMatchObject({ monthly: null, unpriced: true, basis: `UNPRICED: ${u.reason}` });
    expect(e.subtotals.resources).toBe(cents(p('privateLink', 'endpointHour') * 730));
  });

  test('appear in every format', () => {
    expect(renderText(e)).toContain('UNPRICED (4; not in the total):\n  azapi_resource.odd: no price for ARM type Microsoft.Foo/bars');
    expect(renderMarkdown(e)).toContain('**Unpriced** (not in the total):');
    expect(renderMarkdown(e)).toContain('- `azurerm_frobnicator.x`: no price for resource type azurerm_frobnicator');
    const json = JSON.parse(renderJson(e));
    expect(json.unpriced).toHaveLength(4);
    expect(json.lines.find((l: any) => l.address === 'azurerm_frobnicator.x')).toMatchObject({ monthly: null, unpriced: true });
  });
});

describe('estimate: PTU', () => {
  const ptuPlan = planOf({
    azurerm_cognitive_account: { primary: { location: 'swedencentral', kind: 'AIServices' } },
    azurerm_cognitive_deployment: {
      ptu: { name: 'gpt-4.1-ptu', cognitive_account_id: '${azurerm_cognitive_account.primary.id}', model: { name: 'gpt-4.1' }, sku: { name: 'DataZoneProvisionedManaged', capacity: 160 } },
    },
  });

  test('160 PTUs: hourly x 730, 1-month and 1-year reservation', () => {
    const e = estimate(ptuPlan, prodConfig(), table);
    const [ptu] = e.ptu;
    expect(ptu).toMatchObject({ deployment: 'gpt-4.1-ptu', model: 'gpt-4.1', sku: 'DataZoneProvisionedManaged', ptus: 160 });
    expect(ptu.hourlyMonthly).toBe(cents(160 * p('ptuDataZone', 'hourly') * 730));
    expect(ptu.monthlyReservation).toBe(cents(160 * p('ptuDataZone', 'monthlyReservation')));
    expect(ptu.yearlyReservationMonthly).toBe(cents(160 * p('ptuDataZone', 'yearlyReservationPerMonth')));
    // With the shipped rates: $1.10/PTU-h -> 128,480; $286/PTU-month -> 45,760.
    expect([ptu.hourlyMonthly, ptu.monthlyReservation]).toEqual([160 * 1.1 * 730, 160 * 286]);
    expect(lineOf(e, 'azurerm_cognitive_deployment.ptu').monthly).toBe(ptu.hourlyMonthly);
    expect(e.totalWithPtuReservation).toBe(cents(e.total - ptu.hourlyMonthly + ptu.monthlyReservation));
  });

  test('a regional price override moves the resource line, the PTU table and both totals together', () => {
    const overridden: PriceTable = { ...table, regions: { ...table.regions, swedencentral: { ...table.regions.swedencentral, overrides: { 'ptuDataZone.hourly': 1.5, 'ptuDataZone.monthlyReservation': 300 } } } };
    const e = estimate(ptuPlan, prodConfig(), overridden);
    const [ptu] = e.ptu;
    expect(lineOf(e, 'azurerm_cognitive_deployment.ptu').monthly).toBe(cents(160 * 1.5 * 730));
    expect([ptu.hourlyRate, ptu.hourlyMonthly, ptu.monthlyReservation]).toEqual([1.5, cents(160 * 1.5 * 730), 160 * 300]);
    expect(e.totalWithPtuReservation).toBe(cents(e.total - 160 * 1.5 * 730 + 160 * 300));
  });

  test('Global and Regional deployments use their own rates', () => {
    const plan = planOf({ azurerm_cognitive_deployment: {
      g: { name: 'g', model: { name: 'gpt-4o' }, sku: { name: 'GlobalProvisionedManaged', capacity: 15 } },
      r: { name: 'r', model: { name: 'gpt-4o' }, sku: { name: 'ProvisionedManaged', capacity: 50 } },
    } });
    const [g, r] = estimate(plan, devConfig(), table).ptu;
    expect([g.hourlyRate, g.hourlyMonthly, g.monthlyReservation]).toEqual([p('ptuGlobal', 'hourly'), cents(15 * p('ptuGlobal', 'hourly') * 730), cents(15 * p('ptuGlobal', 'monthlyReservation'))]);
    expect([r.hourlyRate, r.hourlyMonthly]).toEqual([p('ptuRegional', 'hourly'), cents(50 * p('ptuRegional', 'hourly') * 730)]);
    // gpt-4o's output weight is not published: no utilization rather than a guess.
    expect([g.capacityTokens, g.utilization]).toEqual([null, null]);
  });

  test('utilization and pay-as-you-go equivalent of the tokens the teams route to the PTU deployment', () => {
    const e = estimate(ptuPlan, prodConfig(), table);
    const [ptu] = e.ptu;
    // 160 PTU x 3,000 input TPM x 60 x 730.
    expect(ptu.capacityTokens).toBe(160 * 3000 * 60 * 730);
    // prod: 2.5 B tokens, 25 % cache hits -> 1.875 B; 80/20 split; output counts 4x -> 1.5 B + 4 x 0.375 B = 3 B.
    expect(ptu.routedTokens).toBe(1_875_000_000);
    expect(ptu.utilization).toBe(Math.round((3e9 / (160 * 3000 * 60 * 730)) * 1e4) / 1e4);
    expect(ptu.paygEquivalent).toBe(cents(1.5e3 * p('tokens', 'gpt-4.1.DataZoneStandard.input') + 0.375e3 * p('tokens', 'gpt-4.1.DataZoneStandard.output')));
  });
});

describe('estimate: tokens', () => {
  const noPlan = planOf({});

  test('expected tokens x (1 - cache hit ratio), split input/output, at the default routed model (PTU: not added to the total)', () => {
    const e = estimate(noPlan, prodConfig(), table);
    const team = e.tokens.find((t) => t.team === 'search-assistant')!;
    expect(team).toMatchObject({
      deployment: 'gpt-4.1-ptu', model: 'gpt-4.1', servedBy: 'ptu', expectedMonthlyTokens: 1_200_000_000, cacheHitRatio: 0.25,
      billedTokens: 900_000_000, inputTokens: 720_000_000, outputTokens: 180_000_000, monthly: 0,
    });
    expect(team.paygEquivalent).toBe(cents(720 * p('tokens', 'gpt-4.1.DataZoneStandard.input') + 180 * p('tokens', 'gpt-4.1.DataZoneStandard.output')));
    expect(team.basis).toMatch(/^served by PTU deployment gpt-4.1-ptu/);
  });

  test('a pay-as-you-go default is billed; a team without the alias goes to its first allowed model', () => {
    const e = estimate(noPlan, prodConfig((input) => {
      input.gateway.routingDefault = 'gpt-4.1';
      input.gateway.teams[2].allowedModels = ['gpt-4.1-mini', 'gpt-4.1-ptu'];
    }), table);
    const search = e.tokens.find((t) => t.team === 'search-assistant')!;
    expect(search).toMatchObject({ deployment: 'gpt-4.1', servedBy: 'payg' });
    expect(search.monthly).toBe(cents(720 * p('tokens', 'gpt-4.1.DataZoneStandard.input') + 180 * p('tokens', 'gpt-4.1.DataZoneStandard.output')));
    const contracts = e.tokens.find((t) => t.team === 'contract-analytics')!;
    // 400 M x 0.75 = 300 M: 240 M in, 60 M out at gpt-4.1-mini Data Zone.
    expect(contracts).toMatchObject({ deployment: 'gpt-4.1-mini', billedTokens: 300_000_000, inputTokens: 240_000_000, outputTokens: 60_000_000 });
    expect(contracts.monthly).toBe(cents(240 * p('tokens', 'gpt-4.1-mini.DataZoneStandard.input') + 60 * p('tokens', 'gpt-4.1-mini.DataZoneStandard.output')));
    expect(e.subtotals.tokens).toBe(cents(e.tokens.reduce((s, t) => s + (t.monthly ?? 0), 0)));
  });

  test('the semantic cache embeds every request\'s prompt; with the cache off there are no hits and no embeddings', () => {
    const on = estimate(noPlan, prodConfig(), table);
    const cache = on.tokens.find((t) => t.servedBy === 'embeddings')!;
    // 2.5 B tokens x 80 % prompt, at text-embedding-3-large (Standard).
    expect(cache).toMatchObject({ team: '(semantic cache)', deployment: 'text-embedding-3-large', billedTokens: 2_000_000_000 });
    expect(cache.monthly).toBe(cents(2000 * p('tokens', 'text-embedding-3-large.Standard.input')));

    const off = estimate(noPlan, prodConfig((input) => { input.ai.semanticCacheEnabled = false; }), table);
    expect(off.tokens.find((t) => t.servedBy === 'embeddings')).toBeUndefined();
    expect(off.tokens.find((t) => t.team === 'search-assistant')).toMatchObject({ cacheHitRatio: 0, billedTokens: 1_200_000_000 });
  });

  test('the input/output split comes from the price table assumptions', () => {
    const half: PriceTable = { ...table, assumptions: { ...table.assumptions, inputShare: 0.5 } };
    const team = estimate(noPlan, prodConfig(), half).tokens.find((t) => t.team === 'claims-copilot')!;
    expect([team.billedTokens, team.inputTokens, team.outputTokens]).toEqual([675_000_000, 337_500_000, 337_500_000]);
  });

  test('a team without expected tokens is listed as unpriced', () => {
    const e = estimate(noPlan, prodConfig((input) => { delete input.gateway.teams[1].expectedMonthlyTokens; }), table);
    expect(e.tokens.find((t) => t.team === 'claims-copilot')).toMatchObject({ monthly: null, unpriced: true });
    expect(e.unpriced).toEqual([{ address: 'tokens:claims-copilot', type: 'tokens', reason: 'no expectedMonthlyTokens for this team in the config' }]);
  });
});

describe('diff', () => {
  const config = devConfig();
  const before = estimate(planOf({
    azurerm_api_management: { apim: { location: 'eastus', sku_name: 'Developer_1' } },
    azurerm_private_endpoint: { pe: { location: 'eastus' } },
    azurerm_private_dns_zone: { zone: { name: 'z' } },
  }, 'base.tf.json'), config, table);
  const after = estimate(planOf({
    azurerm_api_management: { apim: { location: 'eastus', sku_name: 'Premium_1' } },
    azurerm_nat_gateway: { nat: { location: 'eastus' } },
    azurerm_frobnicator: { x: {} },
    azurerm_private_dns_zone: { zone: { name: 'z' } },
  }, 'pr.tf.json'), config, table);
  const d = diff(before, after);

  test('added, removed and changed resources with the monthly delta; unchanged ones omitted', () => {
    expect(d.entries.map((x) => [x.change, x.address, x.before, x.after, x.delta])).toEqual([
      ['changed', 'azurerm_api_management.apim', p('apiManagement', 'Developer'), p('apiManagement', 'Premium'), cents(p('apiManagement', 'Premium') - p('apiManagement', 'Developer'))],
      ['added', 'azurerm_frobnicator.x', null, null, 0],
      ['added', 'azurerm_nat_gateway.nat', null, cents(p('natGateway', 'gatewayHour') * 730), cents(p('natGateway', 'gatewayHour') * 730)],
      ['removed', 'azurerm_private_endpoint.pe', cents(p('privateLink', 'endpointHour') * 730), null, -cents(p('privateLink', 'endpointHour') * 730)],
    ]);
    expect(d.entries[1].unpriced).toBe(true);
    expect(d.delta).toBe(cents(after.total - before.total));
    expect(d.before.plan).toBe('base.tf.json');
  });

  test('renders for a terminal and for a pull request', () => {
    const text = renderDiffText(d);
    expect(text).toContain(`Delta:  +${'$'}`);
    expect(text).toMatch(/added \(UNPRICED\)\s+azurerm_frobnicator\.x/);
    expect(text).toMatch(/removed\s+azurerm_private_endpoint\.pe\s+7\.30\s+-\s+-\$7\.30/);
    const md = renderDiffMarkdown(d);
    expect(md).toContain('| changed | `azurerm_api_management.apim` | 48.04 | 2,795.17 | +$2,747.13 |');
    expect(diff(before, before).entries).toEqual([]);
    expect(renderDiffText(diff(before, before))).toContain('No resource or token line changed.');
  });
});

describe('render', () => {
  const e = estimate(loadPlan(path.join(__dirname, 'fixtures', 'cost-one-of-each.tf.json')), prodConfig(), table, { planLabel: 'fixture' });

  test('json has the stable schema', () => {
    const json = JSON.parse(renderJson(e));
    expect(Object.keys(json)).toEqual(['environment', 'location', 'currency', 'hoursPerMonth', 'priceTable', 'plan', 'lines', 'ptu', 'tokens', 'unpriced', 'subtotals', 'total', 'totalWithPtuReservation', 'notes']);
    expect(json.priceTable).toEqual({ source: table.source, date: table.date });
    expect(Object.keys(json.lines[0])).toEqual(expect.arrayContaining(['address', 'type', 'description', 'monthly', 'basis']));
    expect(json.total).toBe(e.total);
  });

  test('text is an aligned table, most expensive first, free types collapsed', () => {
    const text = renderText(e);
    expect(text.split('\n')[0]).toBe('Cost estimate: prod (swedencentral), USD per month (730 h)');
    const rows = text.split('\n').filter((l) => /^azurerm_\S+\s+[\d,]+\.\d\d  /.test(l));
    const amounts = rows.map((r) => Number(/\s([\d,]+\.\d\d)  /.exec(r)![1].replace(/,/g, '')));
    expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
    expect(new Set(rows.map((r) => /\d\.\d\d  /.exec(r)!.index)).size).toBe(1);
    expect(text).toMatch(/ {2}azurerm_role_assignment\s+1 {2}free: Azure RBAC/);
  });

  test('markdown is a pull-request comment', () => {
    const md = renderMarkdown(e);
    expect(md.startsWith('### Cost estimate: prod (swedencentral)\n')).toBe(true);
    expect(md).toContain(`| **Total** (PTU at the hourly rate) | **$`);
    expect(md).toContain('| Deployment | PTUs | Hourly x 730 h | 1-month reservation | 1-year reservation | Utilization | PAYG equivalent |');
  });
});

describe('golden: prod', () => {
  test('text estimate of the shipped prod environment (UPDATE_GOLDEN=1 to regenerate)', () => {
    const { config, json } = synthEnvironment('prod');
    const text = renderText(estimate(parsePlan(json, 'prod'), config, table, { planLabel: 'prod, synthesized in-process' }));
    if (process.env.UPDATE_GOLDEN === '1') {
      fs.mkdirSync(path.dirname(GOLDEN), { recursive: true });
      fs.writeFileSync(GOLDEN, text);
    }
    expect(text).toBe(fs.readFileSync(GOLDEN, 'utf8'));
  });
});

describe('CLI', () => {
  const run = async (...argv: string[]) => {
    let stdout = '';
    let stderr = '';
    const code = await runCost(argv, { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; }, cwd: repoRoot });
    return { code, stdout, stderr };
  };

  test('exit 2 with a message on an unknown environment, --compare without one environment, or an unreadable plan', async () => {
    const qa = unregisteredName('qa');
    expect(await run('--env', qa)).toMatchObject({ code: 2, stdout: '', stderr: expect.stringMatching(new RegExp(`Unknown environment '${qa}'; known: ${registeredNames().join(', ')}$`, 'm')) });
    expect(await run('--compare', 'base.tf.json')).toMatchObject({ code: 2, stderr: expect.stringContaining(`--compare needs exactly one --env (got ${registeredNames().length} environments)`) });
    expect(await run('--env', 'prod', '--compare', 'does-not-exist.tf.json')).toMatchObject({ code: 2, stderr: expect.stringMatching(/does-not-exist\.tf\.json: cannot read: ENOENT/) });
    expect(await run('--help')).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Usage: npm run -s cost --/) });
  });

  test('argument errors name every problem at once', async () => {
    expect(await run('--format', 'xml')).toMatchObject({ code: 2, stdout: '', stderr: expect.stringContaining("cost: --format must be one of text, json, markdown, got 'xml'") });
    expect(await run('--env')).toMatchObject({ code: 2, stderr: expect.stringContaining('cost: --env needs a value') });
    expect(await run('--compare', 'a', '--compare', 'b', 'prod')).toMatchObject({
      code: 2, stderr: expect.stringContaining("cost: --compare is given 2 times; give it once; unexpected argument 'prod'"),
    });
  });

  test('as a process: exit 2 and the usage on a bad argument', () => {
    const result = spawnSync(process.execPath, ['-r', 'ts-node/register', 'tools/cost.ts', '--format', 'xml'], { cwd: repoRoot, encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toBe("cost: --format must be one of text, json, markdown, got 'xml'\n"
      + 'Usage: npm run -s cost -- [--env NAME ...] [--format text|json|markdown] [--synth]\n'
      + '       npm run -s cost -- --env NAME --compare OTHER.tf.json [--format text|json|markdown]\n'
      + 'Run with --help for every option.\n');
    expect(result.stdout).toBe('');
  });
});

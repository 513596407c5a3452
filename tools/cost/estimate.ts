/**
 * Monthly cost estimate of one synthesized environment: every resource of the plan priced from the
 * dated price table (or listed as free, or UNPRICED with the reason: never silently zero), the PTU
 * deployments at the hourly rate and on reservation, and the pay-as-you-go tokens the config's teams
 * expect to use. Pure: plan + config + price table in, an `Estimate` out.
 */
import { attribute, blocks, isExpression } from '../../policy/graph';
import { Plan, PlanResource } from '../../policy/plan';
import { EnvironmentConfig, ResolvedDeployment, ResolvedModelAccount } from '../../environments/schema';
import { DeploymentSku, PTU_MODELS, SPILLOVER_SKU, isProvisioned } from '../../catalog/ptu-sizing';
import { service } from '../../catalog/services';
import { PriceTable, RegionalPrice, priceOf, regionFactor } from './prices';

export interface CostLine {
  /** Terraform address, e.g. `azurerm_api_management.gateway_service_0B098E79`. */
  readonly address: string;
  readonly type: string;
  /** The resource's `name` when known, else its Terraform name. */
  readonly description: string;
  /** Region the price was taken for. */
  readonly location: string;
  /** Per month in the table's currency; null when unpriced. */
  readonly monthly: number | null;
  /** How the figure was computed, or why it is free / unpriced. */
  readonly basis: string;
  readonly free?: true;
  readonly unpriced?: true;
  /** An estimated price (group or region factor marked `estimate` in the table) went into the figure. */
  readonly estimate?: true;
}

export interface PtuLine {
  readonly address: string;
  readonly deployment: string;
  readonly model: string;
  readonly sku: string;
  readonly ptus: number;
  /** Per PTU-hour. */
  readonly hourlyRate: number;
  /** PTUs x hourly rate x hours per month (no commitment). */
  readonly hourlyMonthly: number;
  /** Per PTU per month on a 1-month reservation. */
  readonly monthlyReservationRate: number;
  readonly monthlyReservation: number;
  /** Per PTU per month on a 1-year reservation. */
  readonly yearlyReservationRate: number;
  readonly yearlyReservationMonthly: number;
  /** Tokens per month the teams route here (after the cache). */
  readonly routedTokens: number;
  /** Input-equivalent tokens per month the PTUs serve at 100 % utilization, 24x7; null when the model's rate is unknown. */
  readonly capacityTokens: number | null;
  /** Average utilization the routed tokens imply (0-1); null when unknown. */
  readonly utilization: number | null;
  /** What the routed tokens would cost on the pay-as-you-go spillover deployment. */
  readonly paygEquivalent: number | null;
  readonly basis: string;
  /** The PTU rates are estimates. */
  readonly estimate?: true;
}

export interface TokenLine {
  /** Team name, or `(semantic cache)` for the cache's embedding lookups. */
  readonly team: string;
  readonly deployment: string;
  readonly model: string;
  /** Deployment SKU; for a PTU deployment, the pay-as-you-go SKU the equivalent is priced at is in `basis`. */
  readonly sku: string;
  /** `payg`: billed per token; `ptu`: covered by a PTU deployment (priced in `ptu`); `embeddings`: cache lookups. */
  readonly servedBy: 'payg' | 'ptu' | 'embeddings';
  readonly expectedMonthlyTokens: number | null;
  readonly cacheHitRatio: number;
  /** Tokens that reach a model: expected x (1 - cache hit ratio); for embeddings, the prompt tokens of every request. */
  readonly billedTokens: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly inputPerMillion: number | null;
  readonly outputPerMillion: number | null;
  /** The tokens at the pay-as-you-go price. */
  readonly paygEquivalent: number | null;
  /** What this line adds to the total: the pay-as-you-go cost, 0 when a PTU deployment serves it, null when unpriced. */
  readonly monthly: number | null;
  readonly basis: string;
  readonly unpriced?: true;
}

export interface UnpricedItem {
  readonly address: string;
  readonly type: string;
  readonly reason: string;
}

export interface Estimate {
  readonly environment: string;
  readonly location: string;
  readonly currency: string;
  readonly hoursPerMonth: number;
  readonly priceTable: { readonly source: string; readonly date: string };
  /** Where the plan came from (for the report header). */
  readonly plan: string;
  readonly lines: readonly CostLine[];
  readonly ptu: readonly PtuLine[];
  readonly tokens: readonly TokenLine[];
  readonly unpriced: readonly UnpricedItem[];
  readonly subtotals: { readonly resources: number; readonly tokens: number };
  /** Resources (PTU at the hourly rate) plus tokens. */
  readonly total: number;
  /** The same with every PTU deployment on a 1-month reservation instead of hourly. */
  readonly totalWithPtuReservation: number;
  /** Assumptions and caveats, in the order they matter. */
  readonly notes: readonly string[];
}

export interface EstimateOptions {
  /** Label of the plan in the report. @default the plan's `file` */
  readonly planLabel?: string;
}

/** Output tokens count this many input tokens against PTU capacity (provisioned-throughput-onboarding, Microsoft Learn). */
const OUTPUT_TOKEN_WEIGHT: Readonly<Record<string, number>> = {
  'gpt-4.1': 4, 'gpt-4.1-mini': 4, 'gpt-4.1-nano': 4, 'gpt-5': 8, 'gpt-5-mini': 8,
};

const SKU_LABEL: Readonly<Record<string, string>> = {
  GlobalProvisionedManaged: 'Global', DataZoneProvisionedManaged: 'Data Zone', ProvisionedManaged: 'Regional',
  GlobalStandard: 'Global', DataZoneStandard: 'Data Zone', Standard: 'Regional',
};

/** Price group of each provisioned SKU. */
const PTU_GROUP: Readonly<Record<string, string>> = {
  GlobalProvisionedManaged: 'ptuGlobal', DataZoneProvisionedManaged: 'ptuDataZone', ProvisionedManaged: 'ptuRegional',
};

type Priced =
  | { readonly monthly: number; readonly basis: string; readonly free?: true }
  | { readonly unpriced: string };

interface Context {
  readonly table: PriceTable;
  readonly hours: number;
  readonly region: string;
  readonly price: (group: string, key: string) => RegionalPrice | undefined;
  readonly scaled: (p: RegionalPrice) => string;
  readonly counters: Map<string, number>;
}

type Pricer = (r: PlanResource, ctx: Context) => Priced;

/** Estimates one environment's monthly cost from its plan, its validated config and a price table. */
export function estimate(plan: Plan, config: EnvironmentConfig, table: PriceTable, options: EstimateOptions = {}): Estimate {
  const hours = table.hoursPerMonth;
  const byAddress = new Map(plan.resources.map((r) => [r.address, r]));
  const counters = new Map<string, number>();
  const regionsUsed = new Set<string>();
  const lines: CostLine[] = [];

  for (const r of [...plan.resources].sort((a, b) => compare(a.address, b.address))) {
    const region = resolveLocation(r, byAddress, config.location);
    let estimatedGroup = false;
    let estimatedFactor = false;
    const ctx: Context = {
      table, hours, region, counters,
      price: (group, key) => {
        const p = priceOf(table, group, key, region);
        if (p?.group.confidence === 'estimate') estimatedGroup = true;
        if (p?.group.regional) {
          regionsUsed.add(region);
          if (p.factor !== 1 && regionFactor(table, region)?.confidence === 'estimate') estimatedFactor = true;
        }
        return p;
      },
      scaled: (p) => (p.factor === 1 ? '' : ` (x${p.factor} ${region})`),
    };
    const priced = priceResource(r, ctx);
    const description = typeof r.values.name === 'string' && !isExpression(r.values.name) ? r.values.name : r.name;
    const base = { address: r.address, type: r.type, description, location: region };
    if ('unpriced' in priced) {
      lines.push({ ...base, monthly: null, basis: `UNPRICED: ${priced.unpriced}`, unpriced: true });
    } else {
      lines.push({
        ...base,
        monthly: cents(priced.monthly),
        basis: estimatedGroup ? `${priced.basis} (estimate)` : priced.basis,
        ...(priced.free ? { free: true as const } : {}),
        ...(estimatedGroup || estimatedFactor ? { estimate: true as const } : {}),
      });
    }
  }

  const tokens = estimateTokens(config, table);
  const ptu = ptuLines(byAddress, lines, config, table, tokens);

  const unpriced: UnpricedItem[] = [
    ...lines.filter((l) => l.unpriced).map((l) => ({ address: l.address, type: l.type, reason: l.basis.replace(/^UNPRICED: /, '') })),
    ...tokens.filter((t) => t.unpriced).map((t) => ({ address: `tokens:${t.team}`, type: 'tokens', reason: t.basis.replace(/^UNPRICED: /, '') })),
  ];
  const resources = cents(sum(lines.map((l) => l.monthly ?? 0)));
  const tokenTotal = cents(sum(tokens.map((t) => t.monthly ?? 0)));
  const total = cents(resources + tokenTotal);
  const totalWithPtuReservation = cents(total - sum(ptu.map((p) => p.hourlyMonthly)) + sum(ptu.map((p) => p.monthlyReservation)));

  return {
    environment: config.name,
    location: config.location,
    currency: table.currency,
    hoursPerMonth: hours,
    priceTable: { source: table.source, date: table.date },
    plan: options.planLabel ?? plan.file,
    lines, ptu, tokens, unpriced,
    subtotals: { resources, tokens: tokenTotal },
    total, totalWithPtuReservation,
    notes: notes(config, table, regionsUsed, tokens),
  };
}

/**
 * Priced by catalog/services.ts `cost`: per ARM type (azapi), by the type's pricer below, else free with the
 * reason data/prices.json gives, else unpriced.
 */
function priceResource(r: PlanResource, ctx: Context): Priced {
  const cost = service(r.type)?.cost;
  if (cost?.kind === 'per-arm-type') {
    const armType = known(r, 'type');
    if (typeof armType !== 'string') return { unpriced: 'ARM type unknown until apply' };
    const key = `azapi:${armType.split('@')[0]}`;
    const reason = ctx.table.free[key];
    return reason !== undefined ? { monthly: 0, basis: reason, free: true } : { unpriced: `no price for ARM type ${armType.split('@')[0]}` };
  }
  if (cost?.kind === 'priced') return PRICERS[r.type](r, ctx);
  const reason = Object.prototype.hasOwnProperty.call(ctx.table.free, r.type) ? ctx.table.free[r.type] : undefined;
  if (reason !== undefined) return { monthly: 0, basis: reason, free: true };
  return { unpriced: `no price for resource type ${r.type}` };
}

/** The pricer of each type the catalog marks `priced` (and of no other). */
export const PRICERS: Readonly<Record<string, Pricer>> = {
  azurerm_api_management: (r, ctx) => {
    const sku = known(r, 'sku_name');
    if (typeof sku !== 'string') return { unpriced: 'sku_name unknown until apply' };
    const [tier, unitsText] = sku.split('_');
    const units = Number(unitsText ?? '1');
    const p = ctx.price('apiManagement', tier);
    if (!p || !Number.isFinite(units)) return { unpriced: `no price for API Management SKU ${sku}` };
    if (tier === 'Consumption') return { monthly: 0, basis: 'Consumption: per call (usage not priced)' };
    return { monthly: p.amount * units, basis: `${tier}: ${units} unit${units === 1 ? '' : 's'} x ${money(p.amount)}${ctx.scaled(p)}` };
  },

  azurerm_managed_redis: (r, ctx) => {
    const sku = known(r, 'sku_name');
    if (typeof sku !== 'string') return { unpriced: 'sku_name unknown until apply' };
    const p = ctx.price('managedRedis', sku);
    if (!p) return { unpriced: `no price for Azure Managed Redis SKU ${sku}` };
    const ha = known(r, 'high_availability_enabled') !== false;
    return ha
      ? { monthly: p.amount, basis: `${sku} with high availability: ${money(p.amount)}${ctx.scaled(p)}` }
      : { monthly: p.amount / 2, basis: `${sku} without high availability: half of ${money(p.amount)}${ctx.scaled(p)}` };
  },

  azurerm_search_service: (r, ctx) => {
    const sku = known(r, 'sku');
    if (typeof sku !== 'string') return { unpriced: 'sku unknown until apply' };
    const replicas = numberOr(known(r, 'replica_count'), 1);
    const partitions = numberOr(known(r, 'partition_count'), 1);
    const p = ctx.price('aiSearch', sku);
    if (!p || replicas === undefined || partitions === undefined) return { unpriced: `no price for AI Search SKU ${sku} (or replicas/partitions unknown)` };
    const units = replicas * partitions;
    return { monthly: p.amount * units, basis: `${sku}: ${replicas} replicas x ${partitions} partitions = ${units} SU x ${money(p.amount)}${ctx.scaled(p)}` };
  },

  azurerm_storage_account: (r, ctx) => {
    const tier = known(r, 'account_tier');
    const replication = known(r, 'account_replication_type');
    if (tier !== 'Standard' || typeof replication !== 'string') return { unpriced: `no price for ${String(tier)} storage with ${String(replication)} replication` };
    const perGb = ctx.price('storage', replication);
    const base = ctx.price('storage', 'base');
    if (!perGb || !base) return { unpriced: `no price for ${replication} storage` };
    const gb = ctx.table.assumptions.storageGb;
    return {
      monthly: base.amount + gb * perGb.amount,
      basis: `base ${money(base.amount)} + ${gb} GB (assumed) x ${rate(perGb.amount)}/GB ${replication}${ctx.scaled(perGb)}`,
    };
  },

  azurerm_key_vault_key: (r, ctx) => {
    const keyType = known(r, 'key_type');
    const size = known(r, 'key_size');
    if (keyType === 'RSA' || keyType === 'EC' || keyType === 'oct') return { monthly: 0, basis: 'software-protected key: operations only (ignored)' };
    let key: string;
    if (keyType === 'RSA-HSM') key = size === 2048 ? 'hsmRsa2048' : 'hsmAdvanced';
    else if (keyType === 'EC-HSM' || keyType === 'oct-HSM') key = 'hsmAdvanced';
    else return { unpriced: `key_type ${String(keyType)} unknown` };
    const p = ctx.price('keyVault', key);
    if (!p) return { unpriced: `no price for ${keyType} keys` };
    return { monthly: p.amount, basis: `${keyType}${size ? ` ${size}-bit` : ''} key: ${money(p.amount)}/key-month (operations ignored)` };
  },

  azurerm_log_analytics_workspace: (r, ctx) => {
    const sku = known(r, 'sku') ?? 'PerGB2018';
    if (sku !== 'PerGB2018') return { unpriced: `no price for Log Analytics SKU ${String(sku)}` };
    const perGb = ctx.price('logAnalytics', 'perGb');
    const retained = ctx.price('logAnalytics', 'retentionPerGbMonth');
    const included = ctx.table.groups.logAnalytics?.prices.includedRetentionDays;
    if (!perGb || !retained || included === undefined) return { unpriced: 'no Log Analytics prices' };
    const quota = known(r, 'daily_quota_gb');
    const hasQuota = typeof quota === 'number' && quota > 0;
    const gbPerDay = hasQuota ? quota : ctx.table.assumptions.logAnalyticsGbPerDay;
    const retentionDays = numberOr(known(r, 'retention_in_days'), 30) ?? 30;
    const days = ctx.hours / 24;
    const ingestion = gbPerDay * days * perGb.amount;
    const extraDays = Math.max(0, retentionDays - included);
    const retention = gbPerDay * extraDays * retained.amount;
    const source = hasQuota ? 'daily quota, an upper bound' : 'assumed, no daily quota';
    return {
      monthly: ingestion + retention,
      basis: `${gbPerDay} GB/day (${source}) x ${round(days, 2)} d x ${rate(perGb.amount)}/GB`
        + (extraDays > 0 ? ` + ${formatNumber(gbPerDay * extraDays, 0)} GB retained beyond ${included} d x ${rate(retained.amount)}/GB-month` : '')
        + ctx.scaled(perGb),
    };
  },

  azurerm_application_insights: (r) => {
    const workspace = r.values.workspace_id;
    if (workspace === undefined || workspace === null || workspace === '') return { unpriced: 'classic (not workspace-based) Application Insights' };
    return { monthly: 0, basis: 'workspace-based: ingestion is billed on the Log Analytics line', free: true };
  },

  azurerm_monitor_metric_alert: (r, ctx) => {
    const p = ctx.price('monitorAlerts', 'metricTimeSeries');
    if (!p) return { unpriced: 'no metric alert price' };
    const scopes = known(r, 'scopes');
    const scopeCount = Array.isArray(scopes) ? Math.max(1, scopes.length) : 1;
    const criteria = [...blocks(r, 'criteria'), ...blocks(r, 'dynamic_criteria')];
    const perCriterion = ctx.table.assumptions.metricAlertTimeSeriesPerCriterion;
    let series = 0;
    for (const c of criteria.length > 0 ? criteria : [{}]) {
      const dims = (Array.isArray(c.dimension) ? c.dimension : c.dimension ? [c.dimension] : []) as { values?: unknown }[];
      series += dims.reduce((n, d) => n * (Array.isArray(d.values) && !d.values.includes('*') ? Math.max(1, d.values.length) : 1), perCriterion);
    }
    series *= scopeCount;
    return { monthly: series * p.amount, basis: `${series} time series x ${rate(p.amount)}` };
  },

  azurerm_monitor_scheduled_query_rules_alert_v2: (r, ctx) => {
    const frequency = known(r, 'evaluation_frequency');
    const p = typeof frequency === 'string' ? ctx.price('monitorAlerts', `logAlert${frequency}`) : undefined;
    if (!p) return { unpriced: `no log alert price for evaluation frequency ${String(frequency)}` };
    return { monthly: p.amount, basis: `log search alert every ${String(frequency).replace(/^PT/, '').toLowerCase()}: ${money(p.amount)}/rule-month (dimensions not counted)` };
  },

  azurerm_container_registry: (r, ctx) => {
    const sku = known(r, 'sku');
    const p = typeof sku === 'string' ? ctx.price('containerRegistry', sku) : undefined;
    if (!p) return { unpriced: `no price for Container Registry SKU ${String(sku)}` };
    const days = ctx.hours / 24;
    return { monthly: p.amount * days, basis: `${sku}: ${rate(p.amount)}/day x ${round(days, 2)} d${ctx.scaled(p)}` };
  },

  azurerm_container_app_environment: (r) => {
    const profiles = blocks(r, 'workload_profile');
    const dedicated = profiles.filter((p) => p.workload_profile_type !== 'Consumption').map((p) => String(p.workload_profile_type));
    if (dedicated.length > 0) return { unpriced: `dedicated workload profiles (${dedicated.join(', ')}) are not in the price table` };
    return { monthly: 0, basis: 'Consumption profile: no environment charge (apps billed per vCPU/GiB-second)' };
  },

  azurerm_container_app: (r, ctx) => {
    const profile = known(r, 'workload_profile_name');
    if (typeof profile === 'string' && profile !== 'Consumption') return { unpriced: `runs on dedicated workload profile ${profile}` };
    const minReplicas = numberOr(known(r, 'template.min_replicas'), 0);
    const containers = blocks(r, 'template.container');
    let cpu = 0;
    let memory = 0;
    for (const c of containers) {
      const gib = typeof c.memory === 'string' ? parseGib(c.memory) : undefined;
      if (typeof c.cpu !== 'number' || gib === undefined) return { unpriced: 'container cpu/memory unknown until apply' };
      cpu += c.cpu;
      memory += gib;
    }
    const vcpu = ctx.price('containerApps', 'vcpuSecond');
    const gibs = ctx.price('containerApps', 'gibSecond');
    if (minReplicas === undefined || !vcpu || !gibs) return { unpriced: 'min_replicas unknown until apply' };
    if (minReplicas === 0) return { monthly: 0, basis: 'scales to zero: usage above min replicas not priced' };
    const seconds = ctx.hours * 3600;
    return {
      monthly: minReplicas * seconds * (cpu * vcpu.amount + memory * gibs.amount),
      basis: `${minReplicas} min replicas x (${cpu} vCPU x ${rate(vcpu.amount)} + ${memory} GiB x ${rate(gibs.amount)}) per s x ${formatNumber(seconds, 0)} s${ctx.scaled(vcpu)}`,
    };
  },

  azurerm_nat_gateway: (_r, ctx) => hourly(ctx, 'natGateway', 'gatewayHour', 'NAT gateway (data processed not priced)'),

  azurerm_public_ip: (r, ctx) => {
    const sku = known(r, 'sku') ?? 'Standard';
    const key = sku === 'Standard' ? 'publicIpStandardHour' : sku === 'Basic' ? 'publicIpBasicHour' : undefined;
    if (!key) return { unpriced: `no price for public IP SKU ${String(sku)}` };
    return hourly(ctx, 'natGateway', key, `${sku} static IPv4`);
  },

  azurerm_private_endpoint: (_r, ctx) => hourly(ctx, 'privateLink', 'endpointHour', 'private endpoint (data processed not priced)'),

  azurerm_private_dns_zone: (_r, ctx) => {
    const n = (ctx.counters.get('dnsZones') ?? 0) + 1;
    ctx.counters.set('dnsZones', n);
    const key = n <= 25 ? 'zoneFirst25' : 'zoneBeyond25';
    const p = ctx.price('privateDns', key);
    if (!p) return { unpriced: 'no private DNS zone price' };
    return { monthly: p.amount, basis: `zone ${n} of the plan: ${money(p.amount)}/zone-month (queries not priced)` };
  },

  azurerm_cognitive_deployment: (r, ctx) => {
    const sku = known(r, 'sku.name');
    const capacity = known(r, 'sku.capacity');
    if (typeof sku !== 'string') return { unpriced: 'deployment SKU unknown until apply' };
    if (!(sku in SKU_LABEL)) return { unpriced: `no price for deployment SKU ${sku}` };
    if (!isProvisioned(sku as DeploymentSku)) return { monthly: 0, basis: `${SKU_LABEL[sku]} pay-as-you-go: billed per token (see tokens)` };
    const p = ctx.price(PTU_GROUP[sku], 'hourly');
    if (!p || typeof capacity !== 'number') return { unpriced: `no PTU price for ${sku} (or capacity unknown)` };
    return { monthly: capacity * p.amount * ctx.hours, basis: `${capacity} PTU x ${rate(p.amount)}/PTU-h x ${ctx.hours} h (${SKU_LABEL[sku]}, hourly; reservations under PTU)` };
  },
};

function hourly(ctx: Context, group: string, key: string, what: string): Priced {
  const p = ctx.price(group, key);
  if (!p) return { unpriced: `no price for ${what}` };
  return { monthly: p.amount * ctx.hours, basis: `${what}: ${rate(p.amount)}/h x ${ctx.hours} h${ctx.scaled(p)}` };
}

// ---------------------------------------------------------------------------------------------
// Tokens and PTU
// ---------------------------------------------------------------------------------------------

function primaryAccount(config: EnvironmentConfig): ResolvedModelAccount | undefined {
  return config.ai.accounts.find((a) => a.primary) ?? config.ai.accounts[0];
}

/** The deployment a team's traffic is attributed to: the routing default when it may use the alias, else its first allowed model. */
function defaultDeploymentOf(config: EnvironmentConfig, team: EnvironmentConfig['gateway']['teams'][number]): string {
  return team.allowedModels.includes(config.gateway.routingAlias) ? config.gateway.routingDefault : team.allowedModels[0];
}

function tokenPrice(table: PriceTable, model: string, sku: string): { input: number; output: number } | undefined {
  const input = priceOf(table, 'tokens', `${model}.${sku}.input`, table.referenceRegion);
  if (!input) return undefined;
  const output = priceOf(table, 'tokens', `${model}.${sku}.output`, table.referenceRegion);
  return { input: input.amount, output: output?.amount ?? 0 };
}

/** The pay-as-you-go SKU a deployment's tokens are priced at: its own, or (PTU) its spillover's. */
function paygSkuOf(deployment: ResolvedDeployment, account: ResolvedModelAccount): string {
  if (!isProvisioned(deployment.sku)) return deployment.sku;
  const spill = account.deployments.find((d) => d.name === deployment.spilloverDeployment);
  return spill?.sku ?? SPILLOVER_SKU[deployment.sku];
}

function estimateTokens(config: EnvironmentConfig, table: PriceTable): TokenLine[] {
  const account = primaryAccount(config);
  if (!account) return [];
  const share = table.assumptions.inputShare;
  const cacheOn = config.ai.semanticCacheEnabled;
  const ratio = cacheOn ? config.gateway.expectedCacheHitRatio : 0;
  const lines: TokenLine[] = [];
  let promptTokensAllRequests = 0;

  for (const team of config.gateway.teams) {
    const target = defaultDeploymentOf(config, team);
    const deployment = account.deployments.find((d) => d.name === target);
    const base = { team: team.name, deployment: target, model: deployment?.model ?? '?', sku: deployment?.sku ?? '?', cacheHitRatio: ratio };
    const empty = { billedTokens: 0, inputTokens: 0, outputTokens: 0, inputPerMillion: null, outputPerMillion: null, paygEquivalent: null, monthly: null, unpriced: true as const };
    if (team.expectedMonthlyTokens === undefined) {
      lines.push({ ...base, ...empty, servedBy: 'payg', expectedMonthlyTokens: null, basis: 'UNPRICED: no expectedMonthlyTokens for this team in the config' });
      continue;
    }
    const expected = team.expectedMonthlyTokens;
    promptTokensAllRequests += expected * share;
    if (!deployment) {
      lines.push({ ...base, ...empty, servedBy: 'payg', expectedMonthlyTokens: expected, basis: `UNPRICED: deployment ${target} is not on the primary account` });
      continue;
    }
    const ptu = isProvisioned(deployment.sku);
    const paygSku = paygSkuOf(deployment, account);
    const price = tokenPrice(table, deployment.model, paygSku);
    const billed = Math.round(expected * (1 - ratio));
    const input = Math.round(billed * share);
    const output = billed - input;
    if (!price) {
      lines.push({ ...base, ...empty, servedBy: ptu ? 'ptu' : 'payg', expectedMonthlyTokens: expected, billedTokens: billed, inputTokens: input, outputTokens: output, basis: `UNPRICED: no token price for ${deployment.model} ${paygSku}` });
      continue;
    }
    const payg = cents((input / 1e6) * price.input + (output / 1e6) * price.output);
    const split = `${formatNumber(input, 0)} in x ${rate(price.input)} + ${formatNumber(output, 0)} out x ${rate(price.output)} per 1M`;
    lines.push({
      ...base,
      servedBy: ptu ? 'ptu' : 'payg',
      expectedMonthlyTokens: expected, billedTokens: billed, inputTokens: input, outputTokens: output,
      inputPerMillion: price.input, outputPerMillion: price.output, paygEquivalent: payg,
      monthly: ptu ? 0 : payg,
      basis: ptu
        ? `served by PTU deployment ${target} (priced under PTU); ${SKU_LABEL[paygSku]} pay-as-you-go equivalent ${money(payg)}: ${split}`
        : `${SKU_LABEL[paygSku]} pay-as-you-go: ${split}`,
    });
  }

  const embeddings = account.deployments.find((d) => d.embeddings);
  if (cacheOn && embeddings && promptTokensAllRequests > 0) {
    const tokens = Math.round(promptTokensAllRequests);
    const price = tokenPrice(table, embeddings.model, embeddings.sku);
    const base = { team: '(semantic cache)', deployment: embeddings.name, model: embeddings.model, sku: embeddings.sku, servedBy: 'embeddings' as const, expectedMonthlyTokens: null, cacheHitRatio: ratio, billedTokens: tokens, inputTokens: tokens, outputTokens: 0 };
    if (!price) {
      lines.push({ ...base, inputPerMillion: null, outputPerMillion: null, paygEquivalent: null, monthly: null, unpriced: true, basis: `UNPRICED: no token price for ${embeddings.model} ${embeddings.sku}` });
    } else {
      const monthly = cents((tokens / 1e6) * price.input);
      lines.push({
        ...base, inputPerMillion: price.input, outputPerMillion: 0, paygEquivalent: monthly, monthly,
        basis: `cache lookups embed every request's prompt: ${formatNumber(tokens, 0)} tokens x ${rate(price.input)} per 1M`,
      });
    }
  }
  return lines;
}

/**
 * The PTU table: reservation prices beside the hourly figure each deployment's resource line already
 * holds (the total swaps one for the other, so it must be that very figure), and the utilization the
 * teams' expected tokens would reach.
 */
function ptuLines(byAddress: ReadonlyMap<string, PlanResource>, lines: readonly CostLine[], config: EnvironmentConfig, table: PriceTable, tokens: readonly TokenLine[]): PtuLine[] {
  const account = primaryAccount(config);
  const result: PtuLine[] = [];
  const claimed = new Set<string>();
  for (const line of lines) {
    if (line.type !== 'azurerm_cognitive_deployment' || line.unpriced || line.monthly === null) continue;
    const r = byAddress.get(line.address);
    if (!r) continue;
    const sku = known(r, 'sku.name');
    const ptus = known(r, 'sku.capacity');
    const model = known(r, 'model.name');
    if (typeof sku !== 'string' || !isProvisioned(sku as DeploymentSku) || typeof ptus !== 'number' || typeof model !== 'string') continue;
    const group = PTU_GROUP[sku];
    // Priced in the line's region, as the resource line was.
    const rateOf = (key: string) => priceOf(table, group, key, line.location)?.amount;
    const hourlyRate = rateOf('hourly');
    const monthlyRate = rateOf('monthlyReservation');
    const yearlyRate = rateOf('yearlyReservationPerMonth');
    if (hourlyRate === undefined || monthlyRate === undefined || yearlyRate === undefined) continue;

    // Teams route to the primary account's deployments by name; attribute once, to the primary's PTU of that name.
    const name = line.description;
    const accountLocation = (r.references.map((a) => byAddress.get(a)).find((x) => x?.type === 'azurerm_cognitive_account')?.values.location);
    const onPrimary = account !== undefined && (typeof accountLocation !== 'string' || accountLocation === account.location);
    const routed = onPrimary && !claimed.has(name) ? tokens.filter((t) => t.servedBy === 'ptu' && t.deployment === name && !t.unpriced) : [];
    if (routed.length > 0) claimed.add(name);
    const routedTokens = sum(routed.map((t) => t.billedTokens));
    const weight = OUTPUT_TOKEN_WEIGHT[model];
    const perPtu = Object.prototype.hasOwnProperty.call(PTU_MODELS, model) ? PTU_MODELS[model].inputTokensPerMinutePerPtu : undefined;
    const capacityTokens = perPtu !== undefined && weight !== undefined ? ptus * perPtu * 60 * table.hoursPerMonth : null;
    const demand = sum(routed.map((t) => t.inputTokens + t.outputTokens * (weight ?? 0)));
    const utilization = capacityTokens ? round(demand / capacityTokens, 4) : null;
    const paygEquivalent = routed.length > 0 ? cents(sum(routed.map((t) => t.paygEquivalent ?? 0))) : null;

    const hourlyMonthly = line.monthly;
    const basisParts = [`${ptus} PTU ${SKU_LABEL[sku]}: hourly ${rate(hourlyRate)}/PTU-h x ${table.hoursPerMonth} h, reservation ${money(monthlyRate)}/PTU-month (1 month) or ${money(yearlyRate)} (1 year)`];
    if (capacityTokens !== null && perPtu !== undefined) {
      basisParts.push(`capacity ${fmtTokens(capacityTokens)} input-equivalent tokens/month at 100 % (${formatNumber(perPtu, 0)} TPM/PTU, output x${weight})`);
    } else {
      basisParts.push(`utilization unknown: no output-token weight for ${model}`);
    }
    result.push({
      address: line.address, deployment: name, model, sku, ptus,
      hourlyRate, hourlyMonthly,
      monthlyReservationRate: monthlyRate, monthlyReservation: cents(ptus * monthlyRate),
      yearlyReservationRate: yearlyRate, yearlyReservationMonthly: cents(ptus * yearlyRate),
      routedTokens, capacityTokens, utilization, paygEquivalent,
      basis: basisParts.join('; ') + (table.groups[group]?.confidence === 'estimate' ? ' (estimate)' : ''),
      ...(table.groups[group]?.confidence === 'estimate' ? { estimate: true as const } : {}),
    });
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// Notes
// ---------------------------------------------------------------------------------------------

function notes(config: EnvironmentConfig, table: PriceTable, regionsUsed: ReadonlySet<string>, tokens: readonly TokenLine[]): string[] {
  const out: string[] = [];
  for (const region of [...new Set([config.location, ...regionsUsed])].sort()) {
    const f = regionFactor(table, region);
    out.push(f
      ? `Region ${region}: infrastructure prices x${f.multiplier} of ${table.referenceRegion} list prices (${f.confidence}: ${f.basis}).`
      : `Region ${region}: no factor in the price table; ${table.referenceRegion} prices used.`);
  }
  const a = table.assumptions;
  const pct = (x: number) => `${round(x * 100, 1)} %`;
  out.push(`Tokens: input/output split ${pct(a.inputShare)}/${pct(1 - a.inputShare)} (${a.inputShareBasis}).`);
  out.push(config.ai.semanticCacheEnabled
    ? `Tokens: semantic cache answers ${pct(config.gateway.expectedCacheHitRatio)} of requests (gateway.expectedCacheHitRatio); every request's prompt is embedded for the lookup.`
    : 'Tokens: semantic cache off, no cache hits assumed.');
  out.push(`Tokens: a team's traffic is attributed to the routing default (${config.gateway.routingDefault}) when it may call the alias '${config.gateway.routingAlias}', else to its first allowed model; routing rules that send requests to cheaper models are not modelled.`);
  if (tokens.some((t) => t.servedBy === 'ptu')) {
    out.push('Tokens on a PTU deployment add nothing to the total (the PTU line pays for them); their pay-as-you-go equivalent is shown for break-even. Spillover at peaks is not predictable from monthly volumes and is not priced.');
  }
  out.push(`Log Analytics: ${a.logAnalyticsGbPerDayBasis}. Storage: ${a.storageGbBasis}. Metric alerts: ${a.metricAlertTimeSeriesBasis}.`);
  out.push('Not priced (usage): data processed by private endpoints and NAT, egress, DNS queries, semantic ranker requests, Key Vault operations, Container Apps requests and replicas above the minimum; free grants are not subtracted.');
  return out;
}

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/** A literal attribute value, or undefined when absent or unknown until apply. */
function known(r: PlanResource, path: string): unknown {
  const v = attribute(r, path);
  return v.kind === 'known' ? v.value : undefined;
}

function numberOr(value: unknown, fallback: number): number | undefined {
  if (value === undefined) return fallback;
  return typeof value === 'number' ? value : undefined;
}

/** `2Gi`, `0.5Gi`, `512Mi` -> GiB. */
function parseGib(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*(Gi|Mi)$/.exec(text.trim());
  if (!m) return undefined;
  return m[2] === 'Gi' ? Number(m[1]) : Number(m[1]) / 1024;
}

/** A resource group, or a parent whose location its children are billed in (catalog/services.ts `cost.locationOfChildren`). */
function isLocationOfChildren(type: string): boolean {
  const cost = service(type)?.cost;
  return (cost?.kind === 'free' || cost?.kind === 'priced') && cost.locationOfChildren === true;
}

/** Where a resource is billed: its literal `location`, else its resource group's or parent's, else the environment's. */
function resolveLocation(r: PlanResource, byAddress: ReadonlyMap<string, PlanResource>, fallback: string, depth = 0): string {
  const location = r.values.location;
  if (typeof location === 'string' && !isExpression(location)) return location;
  if (depth < 3) {
    for (const address of r.references) {
      const target = byAddress.get(address);
      if (!target || target === r) continue;
      if (isLocationOfChildren(target.type)) {
        const found = resolveLocation(target, byAddress, '', depth + 1);
        if (found) return found;
      }
    }
  }
  return fallback;
}

export function cents(x: number): number {
  return Math.round(x * 100) / 100;
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

function sum(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `$1,234.56`. */
export function money(x: number): string {
  return `$${formatNumber(x, 2)}`;
}

/** A unit rate with as many decimals as it needs (`$0.000024`, `$2.42`). */
export function rate(x: number): string {
  if (x === 0) return '$0';
  const decimals = Math.min(8, Math.max(2, -Math.floor(Math.log10(Math.abs(x))) + 2));
  return `$${formatNumber(x, decimals).replace(/(\.\d{2}\d*?)0+$/, '$1')}`;
}

/** `1234567.891` -> `1,234,567.89` (fixed decimals, comma thousands; independent of the locale). */
export function formatNumber(x: number, decimals: number): string {
  const [int, frac] = Math.abs(x).toFixed(decimals).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${x < 0 && Number(x.toFixed(decimals)) !== 0 ? '-' : ''}${grouped}${frac ? `.${frac}` : ''}`;
}

/** `21024000000` -> `21.02 B`. */
export function fmtTokens(n: number): string {
  if (n >= 1e9) return `${formatNumber(n / 1e9, 2)} B`;
  if (n >= 1e6) return `${formatNumber(n / 1e6, 2)} M`;
  return formatNumber(n, 0);
}

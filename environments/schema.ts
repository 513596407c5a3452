/**
 * Environment configuration: the input type architects write in `environments/<name>.ts`, the
 * resolved `EnvironmentConfig` every stack is built from, and `parseEnvironment`, which applies
 * defaults and validates everything at once. Nothing downstream re-validates or reads defaults:
 * if it is in `EnvironmentConfig`, it is legal.
 */
import { Naming, REGIONS, isKnownRegion, nameProblems } from '../constructs/naming';
import {
  PRIVATE_DNS_ZONES, PRIVATE_DNS_ZONE_RESOURCE_ID_PATTERN, PrivateDnsZoneKey,
} from '../catalog/private-dns-zones';
import {
  DeploymentSku, PROVISIONED_SKUS, PTU_MODELS, PtuSizing, SPILLOVER_SKU, STANDARD_SKUS, isProvisioned, ptuCapacityProblems, sizePtu,
} from '../catalog/ptu-sizing';
import { Cidr, carve, contains, isPrivate, overlaps, parseCidr, parseIp, touchesNonPublic } from './cidr';
import { DEPLOYMENT_NAME_PATTERN, TOKEN_QUOTA_PERIODS, TokenQuotaPeriod } from '../catalog/ai-services';
import { modelFacts, modelProblems } from '../catalog/models';

// ---------------------------------------------------------------------------------------------
// Input types (what an architect writes)
// ---------------------------------------------------------------------------------------------

export type DataClassification = 'public' | 'internal' | 'confidential' | 'restricted';

/** Resource groups of an environment; each has its own budget. */
export const RESOURCE_GROUP_ROLES = ['network', 'security', 'monitoring', 'ai', 'app'] as const;
export type ResourceGroupRole = (typeof RESOURCE_GROUP_ROLES)[number];

export interface SubnetsInput {
  /** API Management (Internal VNet mode). At least /27. @default 3rd block: `<vnet>+256 /27` */
  readonly apim?: string;
  /** Container Apps environment with workload profiles. At least /27. @default `<vnet>+512 /23` */
  readonly apps?: string;
  /** Private endpoints only. At least /27. @default `<vnet> /24` */
  readonly privateEndpoints?: string;
}

export interface NetworkInput {
  /** VNet address space, RFC 1918, e.g. `10.20.0.0/22`. */
  readonly addressSpace: string;
  /** Subnet prefixes. @default carved from `addressSpace`, which must then be /22 or larger */
  readonly subnets?: SubnetsInput;
  /** Custom DNS servers (e.g. the hub's DNS resolver inbound endpoint). @default Azure-provided DNS */
  readonly dnsServers?: readonly string[];
  /**
   * Existing (hub) private DNS zones by resource id, keyed by zone. Zones named here are not created:
   * the hub owns them and their VNet links. @default every zone is created and linked to this VNet
   */
  readonly hubPrivateDnsZoneResourceIds?: Partial<Record<PrivateDnsZoneKey, string>>;
  /**
   * How the APIM and Container Apps subnets reach the internet (subnets have no default outbound access).
   * `natGateway`: a NAT gateway with a static public IP. `hub`: you route 0.0.0.0/0 to a hub firewall.
   * @default 'natGateway'
   */
  readonly egress?: 'natGateway' | 'hub';
}

export interface KeyVaultInput {
  /** @default 'premium' (HSM-backed keys) in production, 'standard' otherwise */
  readonly skuName?: 'standard' | 'premium';
  /** 7-90. @default 90 */
  readonly softDeleteRetentionDays?: number;
  /**
   * Public IP ranges of deployment runners allowed through the Key Vault firewall, for runners
   * without line of sight to the VNet. Non-empty turns public network access on (flagged by review).
   * @default [] (deploy from a runner inside the network)
   */
  readonly deployerIpRanges?: readonly string[];
  /**
   * Why the runners cannot deploy from inside the network; required with `deployerIpRanges`. Recorded in
   * the plan as the suppression of the findings the open firewall raises (GAI-KV-004, GAI-PE-005).
   * @default none
   */
  readonly deployerAccessReason?: string;
  /** Customer-managed keys rotate this many days after creation. 30-730. @default 180 */
  readonly keyRotationDays?: number;
  /** Customer-managed keys expire this many days after creation; at least rotation + 30. @default 365 */
  readonly keyExpiryDays?: number;
}

export interface MonitoringInput {
  /** Log Analytics retention, 30-730 days. @default 90 */
  readonly retentionDays?: number;
  /** Log Analytics daily ingestion cap in GB. @default no cap */
  readonly dailyQuotaGb?: number;
  /** Azure Monitor Private Link Scope with private-only ingestion and query. @default `production` */
  readonly privateLinkScopeEnabled?: boolean;
  /** Who the action group emails; at least one. */
  readonly alertEmails: readonly string[];
}

export interface BudgetsInput {
  /** Monthly budget per resource group, in the billing currency. */
  readonly monthlyAmounts: Readonly<Record<ResourceGroupRole, number>>;
  /** Emailed at 50/80/100 % actual and 110 % forecast (as is the action group). */
  readonly contactEmails: readonly string[];
  /**
   * First day of the first budget month, `YYYY-MM-01`.
   * @default the first day of the month the budget is created in (then ignored on later plans)
   */
  readonly startDate?: string;
}

export interface GovernanceInput {
  /** `CanNotDelete` locks on stateful resources. @default `production` */
  readonly deleteLocksEnabled?: boolean;
  /** Terraform `prevent_destroy` on stateful resources. @default `production` */
  readonly preventDestroyEnabled?: boolean;
}

export type VersionUpgradeOption = 'OnceNewDefaultVersionAvailable' | 'OnceCurrentVersionExpired' | 'NoAutoUpgrade';

/** One model deployment on an account. */
export interface ModelDeploymentInput {
  /** Deployment name callers use (2-64 letters, digits, `-_.`), e.g. `gpt-4.1-ptu`. */
  readonly name: string;
  /** Model name, e.g. `gpt-4.1`, `text-embedding-3-large`. */
  readonly model: string;
  /** Model version, e.g. `2025-04-14`. */
  readonly version: string;
  /** Provisioned (`*ProvisionedManaged`) or pay-as-you-go (`GlobalStandard`, `DataZoneStandard`, `Standard`). */
  readonly sku: DeploymentSku;
  /**
   * Pay-as-you-go: thousands of tokens per minute. Provisioned: PTUs (must respect the model's minimum
   * and increment). Give `capacity` or, for provisioned, `peakTokensPerMinute`.
   */
  readonly capacity?: number;
  /**
   * Provisioned only: peak input-equivalent tokens per minute; capacity is computed with 20 % headroom,
   * rounded up to the model's increment and at least its minimum.
   */
  readonly peakTokensPerMinute?: number;
  /**
   * Provisioned only, required: a pay-as-you-go deployment of the same account, model and version with
   * the same data-processing level, which takes the overflow when the PTUs are exhausted.
   */
  readonly spilloverDeployment?: string;
  /** @default 'OnceCurrentVersionExpired' (no silent model change while the version is supported) */
  readonly versionUpgradeOption?: VersionUpgradeOption;
}

/** An AI Services account; the first is the primary, later ones are failover accounts. */
export interface ModelAccountInput {
  /** Short qualifier in resource names, 2-10 lowercase letters or digits, e.g. `primary`. */
  readonly name: string;
  /** @default the environment's location (a failover account must use another region) */
  readonly location?: string;
  readonly deployments: readonly ModelDeploymentInput[];
  /** Hosts the account may call out to (e.g. a storage account for batch); everything else is denied. @default [] */
  readonly allowedOutboundFqdns?: readonly string[];
}

export type ContentFilterThreshold = 'Low' | 'Medium';

export interface AiInput {
  readonly accounts: readonly ModelAccountInput[];
  /**
   * Severity from which hate, sexual, violence and self-harm content is blocked, in prompts and
   * completions. `Low` blocks the most. Prompt shields (jailbreak, indirect attacks) and protected
   * material filters are always on. @default 'Low'
   */
  readonly contentFilterThreshold?: ContentFilterThreshold;
  /** The gateway's semantic cache (needs an embeddings deployment on the primary account). @default true */
  readonly semanticCacheEnabled?: boolean;
  readonly search?: SearchInput;
  readonly storage?: StorageInput;
}

export interface SearchInput {
  /** @default 'standard' */
  readonly skuName?: 'basic' | 'standard' | 'standard2' | 'standard3';
  /** 2-12 (2 replicas carry the query SLA); production needs at least 3. @default 3 in production, 2 otherwise */
  readonly replicaCount?: number;
  /**
   * Shared private links from search to the document storage (`blob`) and the primary model account, for
   * indexers and integrated vectorization. Each needs approval on the target after apply (see docs).
   * @default false
   */
  readonly sharedPrivateLinksEnabled?: boolean;
  /** One of 1, 2, 3, 4, 6, 12. @default 1 */
  readonly partitionCount?: number;
}

export interface StorageInput {
  /** @default 'GZRS' in production, 'LRS' otherwise */
  readonly replicationType?: 'LRS' | 'ZRS' | 'GZRS' | 'RAGZRS';
  /** Blob containers for documents. @default ['documents'] */
  readonly containerNames?: readonly string[];
}

export type { TokenQuotaPeriod };

/** A team that calls the models through the gateway: one APIM product and subscription. */
export interface TeamInput {
  /** Product id, 2-32 lowercase letters, digits and hyphens. */
  readonly name: string;
  /** Tokens per minute across the team's callers (the gateway's `llm-token-limit`). */
  readonly tokensPerMinute: number;
  /** Tokens per `tokenQuotaPeriod`. */
  readonly tokenQuota: number;
  /** @default 'Monthly' */
  readonly tokenQuotaPeriod?: TokenQuotaPeriod;
  /** Deployments (of the primary account) or the routing alias the team may call. */
  readonly allowedModels: readonly string[];
  /** Per signed-in user limit, keyed on the token's `oid` claim, for teams whose callers sign in. @default none */
  readonly perUserTokensPerMinute?: number;
  /** Tokens the team expects to use per month, for the cost estimate (`npm run cost`). @default none (not priced) */
  readonly expectedMonthlyTokens?: number;
}

/** A routing rule of the gateway's alias: the first matching rule picks the deployment. */
export interface RoutingRuleInput {
  readonly deployment: string;
  /** Matches requests with at most this many estimated prompt tokens. */
  readonly maxPromptTokens?: number;
  /** Matches requests that do (true) or do not (false) declare tools. */
  readonly hasTools?: boolean;
  /** Matches requests that do (true) or do not (false) carry images. */
  readonly hasImages?: boolean;
  /** Matches the caller's `x-model-hint` header value. */
  readonly hint?: string;
}

export interface GatewayInput {
  /** @default 'Premium' in production, 'Developer' otherwise */
  readonly skuName?: 'Developer' | 'Premium';
  /** Scale units; in production at least 2, spread across zones. @default 2 in production, 1 otherwise */
  readonly capacity?: number;
  readonly publisherName: string;
  readonly publisherEmail: string;
  /** Also require an Entra ID token for this audience (besides the team subscription key). @default none */
  readonly entraAudience?: string;
  /** Callers ask for this deployment name to let the gateway choose (e.g. `auto`). @default 'auto' */
  readonly routingAlias?: string;
  /** Rules of the routing alias, in order. @default [] (the alias goes to `routingDefault`) */
  readonly routingRules?: readonly RoutingRuleInput[];
  /** Deployment the alias uses when no rule matches. */
  readonly routingDefault: string;
  /** Semantic cache similarity threshold (lower = stricter match), 0-1. @default 0.1 */
  readonly cacheScoreThreshold?: number;
  /** Seconds a cached completion is kept. @default 3600 */
  readonly cacheDurationSeconds?: number;
  /** Share of requests the semantic cache is expected to answer (cost estimate only), 0-0.9. @default 0.2 */
  readonly expectedCacheHitRatio?: number;
  readonly teams: readonly TeamInput[];
}

export interface OrchestratorInput {
  /**
   * Repository in the platform registry, pinned by digest or version tag, e.g. `orchestrator:1.4.2`
   * (the registry's login server is prefixed). Push it before the first deploy of the app.
   */
  readonly image: string;
  /** @default 3 in production (at least 2 there; 3 spreads across zones), 1 otherwise */
  readonly minReplicas?: number;
  /** @default 10 */
  readonly maxReplicas?: number;
  /** HTTP requests per replica before scaling out. @default 50 */
  readonly concurrentRequests?: number;
  /** @default 0.5 */
  readonly cpu?: number;
  /** @default '1Gi' */
  readonly memory?: string;
  /** @default 8080 */
  readonly targetPort?: number;
  /** @default '/healthz' */
  readonly healthPath?: string;
}

export interface LocalStateInput {
  readonly backend: 'local';
  /**
   * The state file, relative to the stack's directory (`cdktf.out/stacks/<environment>`) or absolute. A
   * synth replaces that directory, so a state file meant to survive it lives elsewhere (`npm run sandbox`
   * keeps it in `.sandbox/`). @default 'terraform.<environment>.tfstate'
   */
  readonly path?: string;
}

/** Remote state in Azure Storage, authenticated with Entra ID (OIDC in CI); no access keys. */
export interface AzurermStateInput {
  readonly backend: 'azurerm';
  readonly resourceGroupName: string;
  readonly storageAccountName: string;
  readonly containerName: string;
  /** @default '<environment>.tfstate' */
  readonly key?: string;
  /** @default the subscription from the environment (ARM_SUBSCRIPTION_ID) */
  readonly subscriptionId?: string;
  /** @default the tenant from the environment (ARM_TENANT_ID) */
  readonly tenantId?: string;
}

export type StateInput = LocalStateInput | AzurermStateInput;

export interface NamingInput {
  /** Overrides the 4-character suffix of globally unique names (lowercase letters and digits, 3-6). */
  readonly uniqueSuffix?: string;
  /** Extra input to the suffix hash, e.g. your organisation's name. @default '' */
  readonly seed?: string;
}

/** What `environments/<name>.ts` default-exports. */
export interface EnvironmentInput {
  /** Environment name, 2-8 lowercase letters and digits, starting with a letter; part of every name. */
  readonly name: string;
  /** Workload name, 2-8 lowercase letters and digits, starting with a letter. */
  readonly workload: string;
  /** Azure region; one of `REGIONS`. */
  readonly location: string;
  /** Production tier: zone redundancy, Premium SKUs, locks and prevent-destroy by default. */
  readonly production: boolean;
  /** Target subscription. @default ARM_SUBSCRIPTION_ID at deploy time */
  readonly subscriptionId?: string;
  /** Owning team's email; becomes the `owner` tag. */
  readonly owner: string;
  /** Cost center; becomes the `cost-center` tag. */
  readonly costCenter: string;
  /** Highest classification of data the platform processes; becomes the `data-classification` tag. */
  readonly dataClassification: DataClassification;
  /** Extra tags for every taggable resource. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
  readonly naming?: NamingInput;
  readonly network: NetworkInput;
  /** @default see `KeyVaultInput` */
  readonly keyVault?: KeyVaultInput;
  readonly monitoring: MonitoringInput;
  readonly budgets: BudgetsInput;
  /** Model accounts and deployments, content filter, AI Search, document storage. */
  readonly ai: AiInput;
  /** API Management AI gateway: teams, limits, routing, cache. */
  readonly gateway: GatewayInput;
  /** The orchestrator app on Container Apps. */
  readonly orchestrator: OrchestratorInput;
  /** @default see `GovernanceInput` */
  readonly governance?: GovernanceInput;
  /** Terraform state backend. @default { backend: 'local' } */
  readonly state?: StateInput;
}

// ---------------------------------------------------------------------------------------------
// Resolved config (what stacks receive)
// ---------------------------------------------------------------------------------------------

export interface EnvironmentConfig {
  readonly name: string;
  readonly workload: string;
  readonly location: string;
  readonly production: boolean;
  readonly subscriptionId: string | undefined;
  readonly tags: Readonly<Record<string, string>>;
  readonly naming: { readonly uniqueSuffix: string | undefined; readonly seed: string };
  readonly network: {
    readonly addressSpace: string;
    readonly subnets: Readonly<Required<SubnetsInput>>;
    readonly dnsServers: readonly string[];
    readonly hubPrivateDnsZoneResourceIds: Partial<Record<PrivateDnsZoneKey, string>>;
    readonly egress: 'natGateway' | 'hub';
  };
  readonly keyVault: Readonly<Required<Omit<KeyVaultInput, 'deployerAccessReason'>>> & { readonly deployerAccessReason: string | undefined };
  readonly monitoring: {
    readonly retentionDays: number;
    readonly dailyQuotaGb: number | undefined;
    readonly privateLinkScopeEnabled: boolean;
    readonly alertEmails: readonly string[];
  };
  readonly budgets: {
    readonly monthlyAmounts: Readonly<Record<ResourceGroupRole, number>>;
    readonly contactEmails: readonly string[];
    readonly startDate: string | undefined;
  };
  readonly ai: {
    readonly accounts: readonly ResolvedModelAccount[];
    readonly contentFilterThreshold: ContentFilterThreshold;
    readonly semanticCacheEnabled: boolean;
    readonly search: Readonly<Required<SearchInput>>;
    readonly storage: { readonly replicationType: NonNullable<StorageInput['replicationType']>; readonly containerNames: readonly string[] };
  };
  readonly gateway: {
    readonly skuName: 'Developer' | 'Premium';
    readonly capacity: number;
    /** Availability zones of the gateway (Premium in production). */
    readonly zones: readonly string[];
    readonly publisherName: string;
    readonly publisherEmail: string;
    readonly entraAudience: string | undefined;
    readonly routingAlias: string;
    readonly routingRules: readonly RoutingRuleInput[];
    readonly routingDefault: string;
    readonly cacheScoreThreshold: number;
    readonly cacheDurationSeconds: number;
    readonly expectedCacheHitRatio: number;
    readonly teams: readonly (Required<Omit<TeamInput, 'perUserTokensPerMinute' | 'expectedMonthlyTokens'>> & {
      readonly perUserTokensPerMinute: number | undefined;
      readonly expectedMonthlyTokens: number | undefined;
    })[];
  };
  readonly orchestrator: Readonly<Required<OrchestratorInput>>;
  /** Things that are legal but worth a look (e.g. team limits above deployed capacity); printed at synth. */
  readonly warnings: readonly string[];
  readonly governance: Readonly<Required<GovernanceInput>>;
  readonly state: LocalStateInput | Readonly<Required<Omit<AzurermStateInput, 'subscriptionId' | 'tenantId'>> & Pick<AzurermStateInput, 'subscriptionId' | 'tenantId'>>;
}

export interface ResolvedDeployment {
  readonly name: string;
  readonly model: string;
  readonly version: string;
  readonly sku: DeploymentSku;
  /** Thousands of TPM (pay-as-you-go) or PTUs (provisioned), computed when sized from peak. */
  readonly capacity: number;
  /** How the PTU capacity was computed, when it was. */
  readonly sizing: (PtuSizing & { readonly peakTokensPerMinute: number }) | undefined;
  readonly spilloverDeployment: string | undefined;
  readonly versionUpgradeOption: VersionUpgradeOption;
  /** An embeddings model (used by the semantic cache and retrieval). */
  readonly embeddings: boolean;
}

export interface ResolvedModelAccount {
  readonly name: string;
  readonly location: string;
  readonly primary: boolean;
  readonly deployments: readonly ResolvedDeployment[];
  readonly allowedOutboundFqdns: readonly string[];
}

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

export interface ConfigIssue {
  /** Dotted path of the offending field, e.g. `network.subnets.apim`. */
  readonly path: string;
  readonly message: string;
}

/** Every problem of one environment's config; the message names the environment and lists them all. */
export class ConfigError extends Error {
  constructor(readonly environment: string, readonly issues: readonly ConfigIssue[]) {
    super(`Invalid configuration for environment '${environment}' (${issues.length} problem${issues.length === 1 ? '' : 's'}):\n`
      + issues.map((i) => `  - ${i.path || '(root)'}: ${i.message}`).join('\n'));
    this.name = 'ConfigError';
  }
}

/** Problems across several environments, reported together. */
export class ConfigErrors extends Error {
  constructor(readonly errors: readonly ConfigError[]) {
    super(errors.map((e) => e.message).join('\n'));
    this.name = 'ConfigErrors';
  }
}

// ---------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------

/** Tag keys the platform sets itself from typed fields; `tags` may not override them. */
export const PLATFORM_TAG_KEYS = ['environment', 'environment-tier', 'workload', 'owner', 'cost-center', 'data-classification'] as const;
/** Key Vault firewall exceptions must be narrow: a runner's egress range, not a provider's whole range. */
const MIN_DEPLOYER_PREFIX = 24;

/** Environment and workload names: part of every Azure resource name. */
export const NAME_PATTERN = /^[a-z][a-z0-9]{1,7}$/;
export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const COST_CENTER_PATTERN = /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$/;
/** From least to most sensitive. */
export const DATA_CLASSIFICATIONS: readonly DataClassification[] = ['public', 'internal', 'confidential', 'restricted'];
/** Smallest subnet (largest prefix) per use: APIM and workload-profile apps need /27, PEs want room. */
const MIN_SUBNET_PREFIX: Record<keyof SubnetsInput, number> = { apim: 27, apps: 27, privateEndpoints: 27 };

type Obj = Record<string, unknown>;

/** Collects issues while reading untyped input; every accessor records a problem instead of throwing. */
class Reader {
  readonly issues: ConfigIssue[] = [];
  /** Fields a misspelt key was taken for: "is required" on them would only repeat the suggestion. */
  private readonly suggested = new Set<string>();

  add(path: string, message: string): void {
    if (message === 'is required' && this.suggested.has(path)) return;
    this.issues.push({ path, message });
  }

  /** An object with only `allowed` keys (unknown keys are reported, never ignored). */
  object(value: unknown, path: string, allowed: readonly string[], required = true): Obj | undefined {
    if (value === undefined) {
      if (required) this.add(path, 'is required');
      return undefined;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.add(path, `must be an object, got ${describe(value)}`);
      return undefined;
    }
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key)) {
        const near = closestKey(key, allowed);
        this.add(join(path, key), `is not a known field; expected one of: ${allowed.join(', ')}${near ? `; did you mean '${near}'?` : ''}`);
        if (near !== undefined && (value as Obj)[near] === undefined) this.suggested.add(join(path, near));
      }
    }
    return value as Obj;
  }

  string(obj: Obj | undefined, key: string, path: string, opts: { required?: boolean; pattern?: RegExp; hint?: string } = {}): string | undefined {
    const value = obj?.[key];
    const p = join(path, key);
    if (value === undefined) {
      if (opts.required !== false && obj) this.add(p, 'is required');
      return undefined;
    }
    if (typeof value !== 'string') {
      this.add(p, `must be a string, got ${describe(value)}`);
      return undefined;
    }
    if (opts.pattern && !opts.pattern.test(value)) {
      this.add(p, `'${value}' ${opts.hint ?? `must match ${opts.pattern}`}`);
      return undefined;
    }
    return value;
  }

  oneOf<T extends string>(obj: Obj | undefined, key: string, path: string, allowed: readonly T[], required = true): T | undefined {
    const value = this.string(obj, key, path, { required });
    if (value === undefined) return undefined;
    if (!(allowed as readonly string[]).includes(value)) {
      this.add(join(path, key), `'${value}' is not one of: ${allowed.join(', ')}`);
      return undefined;
    }
    return value as T;
  }

  number(obj: Obj | undefined, key: string, path: string, min: number, max: number, opts: { required?: boolean; integer?: boolean } = {}): number | undefined {
    const value = obj?.[key];
    const p = join(path, key);
    if (value === undefined) {
      if (opts.required && obj) this.add(p, 'is required');
      return undefined;
    }
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      this.add(p, `must be a number, got ${describe(value)}`);
      return undefined;
    }
    if (opts.integer && !Number.isInteger(value)) {
      this.add(p, `must be a whole number, got ${value}`);
      return undefined;
    }
    if (value < min || value > max) {
      this.add(p, `must be between ${min} and ${max}, got ${value}`);
      return undefined;
    }
    return value;
  }

  boolean(obj: Obj | undefined, key: string, path: string, required = false): boolean | undefined {
    const value = obj?.[key];
    if (value === undefined) {
      if (required && obj) this.add(join(path, key), 'is required');
      return undefined;
    }
    if (typeof value !== 'boolean') {
      this.add(join(path, key), `must be true or false, got ${describe(value)}`);
      return undefined;
    }
    return value;
  }

  stringArray(obj: Obj | undefined, key: string, path: string, opts: { required?: boolean; minItems?: number; pattern?: RegExp; hint?: string } = {}): string[] | undefined {
    const value = obj?.[key];
    const p = join(path, key);
    if (value === undefined) {
      if (opts.required && obj) this.add(p, 'is required');
      return undefined;
    }
    if (!Array.isArray(value)) {
      this.add(p, `must be a list, got ${describe(value)}`);
      return undefined;
    }
    if (opts.minItems !== undefined && value.length < opts.minItems) {
      this.add(p, `must list at least ${opts.minItems} item${opts.minItems === 1 ? '' : 's'}`);
    }
    const out: string[] = [];
    value.forEach((item, i) => {
      if (typeof item !== 'string') {
        this.add(`${p}[${i}]`, `must be a string, got ${describe(item)}`);
      } else if (opts.pattern && !opts.pattern.test(item)) {
        this.add(`${p}[${i}]`, `'${item}' ${opts.hint ?? `must match ${opts.pattern}`}`);
      } else if (out.includes(item)) {
        this.add(`${p}[${i}]`, `'${item}' is listed twice`);
      } else {
        out.push(item);
      }
    });
    return out;
  }

  cidr(text: string | undefined, path: string): Cidr | undefined {
    if (text === undefined) return undefined;
    const parsed = parseCidr(text);
    if (typeof parsed === 'string') {
      this.add(path, parsed);
      return undefined;
    }
    return parsed;
  }
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `'${value}'`;
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}

const TOP_LEVEL_KEYS = [
  'name', 'workload', 'location', 'production', 'subscriptionId', 'owner', 'costCenter', 'dataClassification',
  'tags', 'naming', 'network', 'keyVault', 'monitoring', 'budgets', 'ai', 'gateway', 'orchestrator', 'governance', 'state',
] as const satisfies readonly (keyof EnvironmentInput)[];

/**
 * Applies defaults to and validates one environment's config. Throws `ConfigError` listing every
 * problem (field path and reason) when anything is wrong.
 * @param label what to call the environment in errors when `name` itself is missing or invalid
 */
export function parseEnvironment(input: unknown, label = '<unnamed>'): EnvironmentConfig {
  const r = new Reader();
  const root = r.object(input, '', TOP_LEVEL_KEYS);
  const envLabel = typeof (input as Obj | undefined)?.name === 'string' ? String((input as Obj).name) : label;
  if (!root) throw new ConfigError(envLabel, r.issues);

  const nameHint = 'must be 2-8 lowercase letters or digits, starting with a letter';
  const name = r.string(root, 'name', '', { pattern: NAME_PATTERN, hint: nameHint });
  const workload = r.string(root, 'workload', '', { pattern: NAME_PATTERN, hint: nameHint });
  const location = r.string(root, 'location', '');
  if (location !== undefined && !isKnownRegion(location)) {
    r.add('location', `'${location}' is not an allowed region; allowed: ${Object.keys(REGIONS).join(', ')}`);
  }
  const production = r.boolean(root, 'production', '', true);
  const subscriptionId = r.string(root, 'subscriptionId', '', { required: false, pattern: GUID_PATTERN, hint: 'must be a GUID' });
  const owner = r.string(root, 'owner', '', { pattern: EMAIL_PATTERN, hint: 'must be an email address' });
  const costCenter = r.string(root, 'costCenter', '', { pattern: COST_CENTER_PATTERN, hint: 'must be 1-64 letters, digits, spaces or ._-' });
  const dataClassification = r.oneOf(root, 'dataClassification', '', DATA_CLASSIFICATIONS);

  const namingIn = r.object(root.naming, 'naming', ['uniqueSuffix', 'seed'], false);
  const uniqueSuffix = r.string(namingIn, 'uniqueSuffix', 'naming', { required: false, pattern: /^[a-z0-9]{3,6}$/, hint: 'must be 3-6 lowercase letters or digits' });
  const seed = r.string(namingIn, 'seed', 'naming', { required: false }) ?? '';
  if (name && workload && location && isKnownRegion(location)) {
    const naming = new Naming({ workload, environment: name, location, uniqueSuffix, seed });
    for (const problem of naming.allProblems()) {
      r.add('workload', `with environment '${name}' in ${location} makes an illegal name: ${problem}`);
    }
  }

  const tags = readTags(r, root.tags);
  const network = readNetwork(r, root.network);
  const keyVault = readKeyVault(r, root.keyVault, production ?? false);
  const monitoring = readMonitoring(r, root.monitoring, production ?? false);
  const budgets = readBudgets(r, root.budgets);
  const ai = readAi(r, root.ai, location ?? '', production ?? false);
  const warnings: string[] = [];
  const gateway = readGateway(r, root.gateway, production ?? false, ai, warnings);
  const orchestrator = readOrchestrator(r, root.orchestrator, production ?? false);
  const governanceIn = r.object(root.governance, 'governance', ['deleteLocksEnabled', 'preventDestroyEnabled'], false);
  const governance = {
    deleteLocksEnabled: r.boolean(governanceIn, 'deleteLocksEnabled', 'governance') ?? production ?? false,
    preventDestroyEnabled: r.boolean(governanceIn, 'preventDestroyEnabled', 'governance') ?? production ?? false,
  };
  const state = readState(r, root.state, name ?? label);

  if (r.issues.length > 0) throw new ConfigError(envLabel, r.issues);
  return {
    name: name!, workload: workload!, location: location!, production: production!, subscriptionId,
    tags: {
      ...tags,
      environment: name!, 'environment-tier': production ? 'production' : 'non-production', workload: workload!, owner: owner!, 'cost-center': costCenter!, 'data-classification': dataClassification!,
    },
    naming: { uniqueSuffix, seed },
    network: network!, keyVault: keyVault!, monitoring: monitoring!, budgets: budgets!, ai: ai!, gateway: gateway!, orchestrator: orchestrator!,
    warnings, governance, state: state!,
  };
}

/**
 * Parses every environment, then checks them against each other (unique names, VNets that do not
 * overlap, since all peer to one hub). Throws `ConfigErrors` listing every environment's problems.
 */
export function parseEnvironments(inputs: readonly unknown[]): EnvironmentConfig[] {
  const errors: ConfigError[] = [];
  const configs: EnvironmentConfig[] = [];
  inputs.forEach((input, i) => {
    try {
      configs.push(parseEnvironment(input, `#${i + 1}`));
    } catch (e) {
      if (e instanceof ConfigError) errors.push(e); else throw e;
    }
  });
  configs.forEach((config, i) => {
    const issues: ConfigIssue[] = [];
    for (const other of configs.slice(0, i)) {
      if (other.name === config.name) issues.push({ path: 'name', message: `'${config.name}' is used by another environment` });
      if (overlaps(parseCidr(other.network.addressSpace) as Cidr, parseCidr(config.network.addressSpace) as Cidr)) {
        issues.push({ path: 'network.addressSpace', message: `${config.network.addressSpace} overlaps environment '${other.name}' (${other.network.addressSpace}); environments share one hub and must not overlap` });
      }
    }
    if (issues.length > 0) errors.push(new ConfigError(config.name, issues));
  });
  if (errors.length > 0) throw new ConfigErrors(errors);
  return configs;
}

function readTags(r: Reader, value: unknown): Record<string, string> {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    r.add('tags', `must be an object of string values, got ${describe(value)}`);
    return {};
  }
  const entries = Object.entries(value as Obj);
  if (entries.length + PLATFORM_TAG_KEYS.length > 50) {
    r.add('tags', `has ${entries.length} tags; with the ${PLATFORM_TAG_KEYS.length} platform tags Azure allows at most 50`);
  }
  const tags: Record<string, string> = {};
  // Azure tag names are case-insensitive: `Environment` would override `environment`.
  const seen = new Map<string, string>();
  for (const [key, tagValue] of entries) {
    const path = `tags.${key}`;
    const other = seen.get(key.toLowerCase());
    seen.set(key.toLowerCase(), other ?? key);
    if ((PLATFORM_TAG_KEYS as readonly string[]).includes(key.toLowerCase())) {
      r.add(path, `is set by the platform from typed fields (${PLATFORM_TAG_KEYS.join(', ')}); remove it`);
    } else if (other !== undefined) {
      r.add(path, `has the same name as tags.${other} (Azure tag names are case-insensitive)`);
    } else if (key.length === 0 || key.length > 128 || /[<>%&\\?/]/.test(key)) {
      // Azure allows 512 characters, but storage accounts only 128, and these tags go on every resource.
      r.add(path, 'tag names must be 1-128 characters without <>%&\\?/');
    } else if (typeof tagValue !== 'string') {
      r.add(path, `must be a string, got ${describe(tagValue)}`);
    } else if (tagValue.length > 256) {
      r.add(path, `tag values are at most 256 characters, got ${tagValue.length}`);
    } else {
      tags[key] = tagValue;
    }
  }
  return tags;
}

function readNetwork(r: Reader, value: unknown): EnvironmentConfig['network'] | undefined {
  const path = 'network';
  const obj = r.object(value, path, ['addressSpace', 'subnets', 'dnsServers', 'hubPrivateDnsZoneResourceIds', 'egress']);
  const addressText = r.string(obj, 'addressSpace', path);
  const vnet = r.cidr(addressText, 'network.addressSpace');
  if (vnet && !isPrivate(vnet)) r.add('network.addressSpace', `${vnet.text} must be inside RFC 1918 private space (10/8, 172.16/12, 192.168/16)`);
  if (vnet && vnet.prefix > 24) r.add('network.addressSpace', `${vnet.text} is too small; use /24 or larger`);

  const subnetsIn = r.object(obj?.subnets, 'network.subnets', ['apim', 'apps', 'privateEndpoints'], false);
  const subnets: Partial<Record<keyof SubnetsInput, string>> = {};
  const parsed: [keyof SubnetsInput, Cidr][] = [];
  for (const key of ['apim', 'apps', 'privateEndpoints'] as const) {
    const p = `network.subnets.${key}`;
    const explicit = r.string(subnetsIn, key, 'network.subnets', { required: false });
    let text = explicit;
    if (text === undefined && vnet && subnetsIn?.[key] === undefined) {
      if (vnet.prefix > 22) {
        r.add(p, `is required when network.addressSpace (${vnet.text}) is smaller than /22, the size the default layout needs`);
        continue;
      }
      text = carve(vnet, ...DEFAULT_LAYOUT[key]);
    }
    const cidr = r.cidr(text, p);
    if (!cidr) continue;
    subnets[key] = cidr.text;
    if (vnet && !contains(vnet, cidr)) r.add(p, `${cidr.text} is outside network.addressSpace ${vnet.text}`);
    if (cidr.prefix > MIN_SUBNET_PREFIX[key]) r.add(p, `${cidr.text} is too small for ${key}; use /${MIN_SUBNET_PREFIX[key]} or larger`);
    for (const [otherKey, other] of parsed) {
      if (overlaps(cidr, other)) r.add(p, `${cidr.text} overlaps network.subnets.${otherKey} (${other.text})`);
    }
    parsed.push([key, cidr]);
  }

  const dnsServers = r.stringArray(obj, 'dnsServers', path) ?? [];
  dnsServers.forEach((ip, i) => {
    if (parseIp(ip) === undefined) r.add(`network.dnsServers[${i}]`, `'${ip}' is not an IPv4 address`);
  });
  if (dnsServers.length === 1) r.add('network.dnsServers', 'list at least two DNS servers for resilience, or none for Azure DNS');

  const zoneKeys = Object.keys(PRIVATE_DNS_ZONES);
  const hubIn = r.object(obj?.hubPrivateDnsZoneResourceIds, 'network.hubPrivateDnsZoneResourceIds', zoneKeys, false);
  const hubPrivateDnsZoneResourceIds: Partial<Record<PrivateDnsZoneKey, string>> = {};
  for (const key of zoneKeys as PrivateDnsZoneKey[]) {
    const id = r.string(hubIn, key, 'network.hubPrivateDnsZoneResourceIds', {
      required: false, pattern: PRIVATE_DNS_ZONE_RESOURCE_ID_PATTERN,
      hint: 'must be a private DNS zone resource id (/subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.Network/privateDnsZones/<zone>)',
    });
    if (id === undefined) continue;
    const zone = PRIVATE_DNS_ZONE_RESOURCE_ID_PATTERN.exec(id)![1];
    if (zone.toLowerCase() !== PRIVATE_DNS_ZONES[key]) {
      r.add(`network.hubPrivateDnsZoneResourceIds.${key}`, `names zone '${zone}' but ${key} must be '${PRIVATE_DNS_ZONES[key]}'`);
      continue;
    }
    hubPrivateDnsZoneResourceIds[key] = id;
  }
  const egress = r.oneOf(obj, 'egress', path, ['natGateway', 'hub'] as const, false) ?? 'natGateway';

  if (!obj || !vnet || Object.keys(subnets).length !== 3) return undefined;
  return { addressSpace: vnet.text, subnets: subnets as Required<SubnetsInput>, dnsServers, hubPrivateDnsZoneResourceIds, egress };
}

/** Default subnet layout inside a /22 or larger VNet: [offset, prefix]. */
export const DEFAULT_LAYOUT: Readonly<Record<keyof SubnetsInput, readonly [number, number]>> = {
  privateEndpoints: [0, 24],
  apim: [256, 27],
  apps: [512, 23],
};

function readKeyVault(r: Reader, value: unknown, production: boolean): EnvironmentConfig['keyVault'] {
  const path = 'keyVault';
  const obj = r.object(value, path, ['skuName', 'softDeleteRetentionDays', 'deployerIpRanges', 'deployerAccessReason', 'keyRotationDays', 'keyExpiryDays'], false);
  const skuName = r.oneOf(obj, 'skuName', path, ['standard', 'premium'] as const, false) ?? (production ? 'premium' : 'standard');
  const softDeleteRetentionDays = r.number(obj, 'softDeleteRetentionDays', path, 7, 90, { integer: true }) ?? 90;
  const deployerIpRanges = r.stringArray(obj, 'deployerIpRanges', path) ?? [];
  deployerIpRanges.forEach((range, i) => {
    const p = `keyVault.deployerIpRanges[${i}]`;
    const cidr = parseIp(range) !== undefined ? parseCidr(`${range}/32`) : parseCidr(range);
    if (typeof cidr === 'string') r.add(p, cidr);
    else if (cidr.prefix < MIN_DEPLOYER_PREFIX) r.add(p, `${range} is too broad; list your runners' egress ranges, /${MIN_DEPLOYER_PREFIX} or narrower`);
    else if (touchesNonPublic(cidr)) r.add(p, `${range} is not public address space; the Key Vault firewall takes public ranges only (private clients use the private endpoint)`);
  });
  const rotationIn = r.number(obj, 'keyRotationDays', path, 30, 730, { integer: true });
  const expiryIn = r.number(obj, 'keyExpiryDays', path, 60, 3650, { integer: true });
  const keyRotationDays = rotationIn ?? 180;
  const keyExpiryDays = expiryIn ?? 365;
  // A value refused above is already reported; comparing its default would report a number nobody wrote.
  const refused = (key: string, read: number | undefined) => read === undefined && obj?.[key] !== undefined;
  if (!refused('keyRotationDays', rotationIn) && !refused('keyExpiryDays', expiryIn) && keyExpiryDays < keyRotationDays + 30) {
    r.add('keyVault.keyExpiryDays', `${keyExpiryDays} must be at least keyRotationDays + 30 (${keyRotationDays + 30}) so keys rotate before they expire`);
  }
  const deployerAccessReason = r.string(obj, 'deployerAccessReason', path, { required: false });
  if (deployerIpRanges.length > 0 && (deployerAccessReason === undefined || deployerAccessReason.trim().length < 10)) {
    r.add('keyVault.deployerAccessReason', 'is required with deployerIpRanges (at least 10 characters): say why runners cannot deploy from inside the network; it is recorded in the plan');
  }
  if (deployerIpRanges.length === 0 && deployerAccessReason !== undefined) {
    r.add('keyVault.deployerAccessReason', 'is only meaningful with deployerIpRanges; remove it');
  }
  return { skuName, softDeleteRetentionDays, deployerIpRanges, deployerAccessReason, keyRotationDays, keyExpiryDays };
}

function readMonitoring(r: Reader, value: unknown, production: boolean): EnvironmentConfig['monitoring'] | undefined {
  const path = 'monitoring';
  const obj = r.object(value, path, ['retentionDays', 'dailyQuotaGb', 'privateLinkScopeEnabled', 'alertEmails']);
  const retentionDays = r.number(obj, 'retentionDays', path, 30, 730, { integer: true }) ?? 90;
  const dailyQuotaGb = r.number(obj, 'dailyQuotaGb', path, 0.1, 10000);
  const privateLinkScopeEnabled = r.boolean(obj, 'privateLinkScopeEnabled', path) ?? production;
  const alertEmails = r.stringArray(obj, 'alertEmails', path, { required: true, minItems: 1, pattern: EMAIL_PATTERN, hint: 'must be an email address' });
  if (!obj || !alertEmails) return undefined;
  return { retentionDays, dailyQuotaGb, privateLinkScopeEnabled, alertEmails };
}

function readBudgets(r: Reader, value: unknown): EnvironmentConfig['budgets'] | undefined {
  const path = 'budgets';
  const obj = r.object(value, path, ['monthlyAmounts', 'contactEmails', 'startDate']);
  const amountsIn = r.object(obj?.monthlyAmounts, 'budgets.monthlyAmounts', RESOURCE_GROUP_ROLES, obj !== undefined);
  const monthlyAmounts: Partial<Record<ResourceGroupRole, number>> = {};
  for (const role of RESOURCE_GROUP_ROLES) {
    const amount = r.number(amountsIn, role, 'budgets.monthlyAmounts', 1, 10_000_000, { required: true });
    if (amount !== undefined) monthlyAmounts[role] = amount;
  }
  const contactEmails = r.stringArray(obj, 'contactEmails', path, { required: true, minItems: 1, pattern: EMAIL_PATTERN, hint: 'must be an email address' });
  const startDate = r.string(obj, 'startDate', path, { required: false, pattern: /^\d{4}-(0[1-9]|1[0-2])-01$/, hint: 'must be the first day of a month, YYYY-MM-01' });
  if (startDate !== undefined && startDate < '2017-06-01') r.add('budgets.startDate', `${startDate} is before June 2017, the earliest budget start Azure accepts`);
  if (!obj || !contactEmails || Object.keys(monthlyAmounts).length !== RESOURCE_GROUP_ROLES.length) return undefined;
  return { monthlyAmounts: monthlyAmounts as Record<ResourceGroupRole, number>, contactEmails, startDate };
}

function readState(r: Reader, value: unknown, environment: string): EnvironmentConfig['state'] | undefined {
  const path = 'state';
  if (value === undefined) return { backend: 'local' };
  const kind = (value as Obj | null)?.backend;
  if (kind === 'local') {
    const obj = r.object(value, path, ['backend', 'path']);
    const file = r.string(obj, 'path', path, { required: false, pattern: /\.tfstate$/, hint: "must be a file name ending in '.tfstate'" });
    return file === undefined ? { backend: 'local' } : { backend: 'local', path: file };
  }
  if (kind !== 'azurerm') {
    const obj = r.object(value, path, ['backend', 'resourceGroupName', 'storageAccountName', 'containerName', 'key', 'subscriptionId', 'tenantId']);
    if (obj && kind === undefined) r.add('state.backend', 'is required');
    else if (obj) r.add('state.backend', `must be 'local' or 'azurerm', got ${describe(kind)}`);
    return undefined;
  }
  const obj = r.object(value, path, ['backend', 'resourceGroupName', 'storageAccountName', 'containerName', 'key', 'subscriptionId', 'tenantId']);
  const resourceGroupName = r.string(obj, 'resourceGroupName', path);
  if (resourceGroupName !== undefined) nameProblems('resourceGroup', resourceGroupName).forEach((m) => r.add('state.resourceGroupName', m));
  const storageAccountName = r.string(obj, 'storageAccountName', path);
  if (storageAccountName !== undefined) nameProblems('storageAccount', storageAccountName).forEach((m) => r.add('state.storageAccountName', m));
  const containerName = r.string(obj, 'containerName', path, { pattern: /^(?!.*--)[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/, hint: 'must be 3-63 lowercase letters, digits and single hyphens' });
  const key = r.string(obj, 'key', path, { required: false, pattern: /^[A-Za-z0-9._/-]{1,1024}$/, hint: 'must be a blob name of letters, digits and ._/-' }) ?? `${environment}.tfstate`;
  const subscriptionId = r.string(obj, 'subscriptionId', path, { required: false, pattern: GUID_PATTERN, hint: 'must be a GUID' });
  const tenantId = r.string(obj, 'tenantId', path, { required: false, pattern: GUID_PATTERN, hint: 'must be a GUID' });
  if (!resourceGroupName || !storageAccountName || !containerName) return undefined;
  return { backend: 'azurerm', resourceGroupName, storageAccountName, containerName, key, subscriptionId, tenantId };
}

const ACCOUNT_NAME = /^[a-z][a-z0-9]{1,9}$/;
const MODEL_VERSION = /^(\d{4}-\d{2}-\d{2}|\d{1,4})$/;
const FQDN = /^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const UPGRADE_OPTIONS: readonly VersionUpgradeOption[] = ['OnceNewDefaultVersionAvailable', 'OnceCurrentVersionExpired', 'NoAutoUpgrade'];

function readAi(r: Reader, value: unknown, envLocation: string, production: boolean): EnvironmentConfig['ai'] | undefined {
  const path = 'ai';
  const obj = r.object(value, path, ['accounts', 'contentFilterThreshold', 'semanticCacheEnabled', 'search', 'storage']);
  const accountsIn = obj?.accounts;
  const accounts: ResolvedModelAccount[] = [];
  // The first account, when it is valid; a later account never stands in for it.
  let primary: ResolvedModelAccount | undefined;
  if (obj && !Array.isArray(accountsIn)) r.add('ai.accounts', accountsIn === undefined ? 'is required' : `must be a list, got ${describe(accountsIn)}`);
  else if (obj && (accountsIn as unknown[]).length === 0) r.add('ai.accounts', 'must list at least one model account');
  (Array.isArray(accountsIn) ? accountsIn : []).forEach((accountIn, i) => {
    const account = readModelAccount(r, accountIn, `ai.accounts[${i}]`, envLocation, i === 0);
    if (!account) return;
    const clash = accounts.find((a) => a.name === account.name);
    if (clash) r.add(`ai.accounts[${i}].name`, `'${account.name}' is used by another account`);
    if (i > 0 && account.location === primary?.location) {
      r.add(`ai.accounts[${i}].location`, `${account.location} is the primary account's region; a failover account must be in another region`);
    }
    if (i === 0) primary = account;
    else if (primary) failoverCoverageProblems(primary, account).forEach((m) => r.add(`ai.accounts[${i}].deployments`, m));
    accounts.push(account);
  });
  const contentFilterThreshold = r.oneOf(obj, 'contentFilterThreshold', path, ['Low', 'Medium'] as const, false) ?? 'Low';
  const semanticCacheEnabled = r.boolean(obj, 'semanticCacheEnabled', path) ?? true;
  if (semanticCacheEnabled && primary && !primary.deployments.some((d) => d.embeddings)) {
    r.add('ai.semanticCacheEnabled', `the semantic cache needs an embeddings deployment (e.g. text-embedding-3-small) on the primary account '${primary.name}'`);
  }

  const searchIn = r.object(obj?.search, 'ai.search', ['skuName', 'replicaCount', 'partitionCount', 'sharedPrivateLinksEnabled'], false);
  const search = {
    skuName: r.oneOf(searchIn, 'skuName', 'ai.search', ['basic', 'standard', 'standard2', 'standard3'] as const, false) ?? 'standard',
    replicaCount: r.number(searchIn, 'replicaCount', 'ai.search', 2, 12, { integer: true }) ?? (production ? 3 : 2),
    partitionCount: r.number(searchIn, 'partitionCount', 'ai.search', 1, 12, { integer: true }) ?? 1,
    sharedPrivateLinksEnabled: r.boolean(searchIn, 'sharedPrivateLinksEnabled', 'ai.search') ?? false,
  };
  if (search.skuName === 'basic' && (search.replicaCount > 3 || search.partitionCount > 1)) {
    r.add('ai.search.skuName', `basic allows at most 3 replicas and 1 partition (got ${search.replicaCount} and ${search.partitionCount})`);
  }
  if (![1, 2, 3, 4, 6, 12].includes(search.partitionCount)) r.add('ai.search.partitionCount', `must be one of 1, 2, 3, 4, 6, 12, got ${search.partitionCount}`);
  if (production && search.replicaCount < 3) r.add('ai.search.replicaCount', `${search.replicaCount} is too few for production; at least 3 replicas give the read-write SLA`);

  const storageIn = r.object(obj?.storage, 'ai.storage', ['replicationType', 'containerNames'], false);
  const replicationType = r.oneOf(storageIn, 'replicationType', 'ai.storage', ['LRS', 'ZRS', 'GZRS', 'RAGZRS'] as const, false) ?? (production ? 'GZRS' : 'LRS');
  if (production && replicationType === 'LRS') r.add('ai.storage.replicationType', 'LRS keeps one datacenter\'s copy; production needs ZRS, GZRS or RAGZRS');
  const containerNames = r.stringArray(storageIn, 'containerNames', 'ai.storage', {
    minItems: 1, pattern: /^(?!.*--)[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/, hint: 'must be 3-63 lowercase letters, digits and single hyphens',
  }) ?? ['documents'];

  if (!obj || accounts.length === 0 || (Array.isArray(accountsIn) && accounts.length !== accountsIn.length)) return undefined;
  return { accounts, contentFilterThreshold, semanticCacheEnabled, search, storage: { replicationType, containerNames } };
}

/**
 * The gateway sends each deployment to a pool of every account that has it, the primary first. A request
 * that succeeds on the primary must succeed on a failover account too, so a failover account serves every
 * deployment of the primary under the same name and model (pay-as-you-go standing in for a provisioned
 * one); otherwise a tripped primary turns requests into 404s.
 */
function failoverCoverageProblems(primary: ResolvedModelAccount, failover: ResolvedModelAccount): string[] {
  const problems: string[] = [];
  const missing = primary.deployments.filter((d) => !failover.deployments.some((f) => f.name === d.name)).map((d) => `'${d.name}'`);
  if (missing.length > 0) {
    problems.push(`lacks ${missing.join(', ')} of the primary account '${primary.name}'; a failover account serves every deployment of the primary under the same name (pay-as-you-go for a provisioned one), else failed-over requests get 404`);
  }
  for (const d of primary.deployments) {
    const f = failover.deployments.find((x) => x.name === d.name);
    if (f && (f.model !== d.model || f.version !== d.version)) {
      problems.push(`'${d.name}' serves ${f.model} ${f.version} here but ${d.model} ${d.version} on the primary account; failover needs the same model and version`);
    }
  }
  return problems;
}

function readModelAccount(r: Reader, value: unknown, path: string, envLocation: string, primary: boolean): ResolvedModelAccount | undefined {
  const obj = r.object(value, path, ['name', 'location', 'deployments', 'allowedOutboundFqdns']);
  const name = r.string(obj, 'name', path, { pattern: ACCOUNT_NAME, hint: 'must be 2-10 lowercase letters or digits, starting with a letter' });
  const location = r.string(obj, 'location', path, { required: false }) ?? envLocation;
  if (obj?.location !== undefined && !isKnownRegion(location)) r.add(`${path}.location`, `'${location}' is not an allowed region; allowed: ${Object.keys(REGIONS).join(', ')}`);
  const allowedOutboundFqdns = r.stringArray(obj, 'allowedOutboundFqdns', path, { pattern: FQDN, hint: 'must be a lowercase host name' }) ?? [];
  const deploymentsIn = obj?.deployments;
  if (obj && (!Array.isArray(deploymentsIn) || deploymentsIn.length === 0)) {
    r.add(`${path}.deployments`, Array.isArray(deploymentsIn) ? 'must list at least one deployment'
      : deploymentsIn === undefined ? 'is required (a list)' : `must be a list of deployments, got ${describe(deploymentsIn)}`);
    return undefined;
  }
  const deployments: ResolvedDeployment[] = [];
  // Position of each deployment in the input (a refused deployment leaves a gap in `deployments`).
  const inputIndex = new Map<ResolvedDeployment, number>();
  (deploymentsIn as unknown[] | undefined ?? []).forEach((d, i) => {
    const deployment = readDeployment(r, d, `${path}.deployments[${i}]`, location);
    if (!deployment) return;
    if (deployments.some((x) => x.name === deployment.name)) r.add(`${path}.deployments[${i}].name`, `'${deployment.name}' is already a deployment of this account`);
    deployments.push(deployment);
    inputIndex.set(deployment, i);
  });
  // Spillover targets must exist on the same account and match the provisioned deployment
  // (a pay-as-you-go deployment with a spillover is already reported by readDeployment).
  deployments.forEach((d) => {
    if (!d.spilloverDeployment || !isProvisioned(d.sku)) return;
    const p = `${path}.deployments[${inputIndex.get(d)}].spilloverDeployment`;
    const target = deployments.find((x) => x.name === d.spilloverDeployment);
    if (!target) {
      r.add(p, `'${d.spilloverDeployment}' is not a deployment of this account; spillover stays within one account`);
      return;
    }
    const expectedSku = SPILLOVER_SKU[d.sku];
    if (target.sku !== expectedSku) r.add(p, `'${target.name}' is ${target.sku}; spillover from ${d.sku} needs ${expectedSku} (the same data-processing level)`);
    if (target.model !== d.model || target.version !== d.version) {
      r.add(p, `'${target.name}' serves ${target.model} ${target.version}; spillover needs the same model and version (${d.model} ${d.version})`);
    }
  });
  if (!obj || !name || (deploymentsIn as unknown[]).length !== deployments.length) return undefined;
  return { name, location, primary, deployments, allowedOutboundFqdns };
}

function readDeployment(r: Reader, value: unknown, path: string, location: string): ResolvedDeployment | undefined {
  const obj = r.object(value, path, ['name', 'model', 'version', 'sku', 'capacity', 'peakTokensPerMinute', 'spilloverDeployment', 'versionUpgradeOption']);
  const name = r.string(obj, 'name', path, { pattern: DEPLOYMENT_NAME_PATTERN, hint: 'must be 2-64 letters, digits or ._-' });
  const model = r.string(obj, 'model', path, { pattern: /^[a-z0-9][a-z0-9.-]{1,63}$/, hint: 'must be a model name such as gpt-4.1' });
  const version = r.string(obj, 'version', path, { pattern: MODEL_VERSION, hint: 'must be a model version such as 2025-04-14' });
  const sku = r.oneOf(obj, 'sku', path, [...PROVISIONED_SKUS, ...STANDARD_SKUS] as DeploymentSku[]);
  const capacityIn = r.number(obj, 'capacity', path, 1, 100_000, { integer: true });
  const peak = r.number(obj, 'peakTokensPerMinute', path, 1, 1_000_000_000, { integer: true });
  const spilloverDeployment = r.string(obj, 'spilloverDeployment', path, { required: false });
  const versionUpgradeOption = r.oneOf(obj, 'versionUpgradeOption', path, UPGRADE_OPTIONS, false) ?? 'OnceCurrentVersionExpired';
  // The model catalog (catalog/models.ts): the model, its version and the SKU must exist, whatever else is wrong.
  if (model) modelProblems(model, version, sku).forEach((p) => r.add(`${path}.${p.field}`, p.message));
  if (!obj || !name || !model || !version || !sku) return undefined;

  if (sku.startsWith('DataZone') && isKnownRegion(location) && !REGIONS[location].dataZone) {
    r.add(`${path}.sku`, `${sku} needs a region in a data zone (EU or US); ${location} has none`);
  }
  let capacity = capacityIn;
  let sizing: ResolvedDeployment['sizing'];
  if (isProvisioned(sku)) {
    if (capacityIn !== undefined && peak !== undefined) r.add(path, 'give capacity or peakTokensPerMinute, not both');
    else if (capacityIn === undefined && peak === undefined && obj.capacity === undefined && obj.peakTokensPerMinute === undefined) {
      r.add(path, `a ${sku} deployment needs capacity (PTUs) or peakTokensPerMinute`);
    }
    if (peak !== undefined && capacityIn === undefined) {
      const sized = sizePtu(model, sku, peak);
      // An unknown model is already reported against the catalog.
      if (!sized) {
        if (modelFacts(model)) r.add(`${path}.model`, `'${model}' has no PTU sizing data (known: ${Object.keys(PTU_MODELS).join(', ')}); give capacity in PTUs instead of peakTokensPerMinute`);
      } else {
        capacity = sized.capacity;
        sizing = { ...sized, peakTokensPerMinute: peak };
      }
    }
    if (capacityIn !== undefined) ptuCapacityProblems(model, sku, capacityIn).forEach((m) => r.add(`${path}.capacity`, m));
    if (spilloverDeployment === undefined) {
      r.add(`${path}.spilloverDeployment`, `is required for ${sku}: name the ${SPILLOVER_SKU[sku]} deployment of the same model that takes the overflow`);
    }
  } else {
    if (peak !== undefined) r.add(`${path}.peakTokensPerMinute`, `only provisioned deployments are sized from peak; give ${sku} a capacity in thousands of tokens per minute`);
    if (spilloverDeployment !== undefined) r.add(`${path}.spilloverDeployment`, `only provisioned deployments spill over; ${sku} is already pay-as-you-go`);
    if (capacityIn === undefined && obj.capacity === undefined && peak === undefined) r.add(`${path}.capacity`, `is required: thousands of tokens per minute for ${sku}`);
  }
  if (capacity === undefined) return undefined;
  return {
    name, model, version, sku, capacity, sizing, spilloverDeployment, versionUpgradeOption,
    embeddings: modelFacts(model)?.kind === 'embeddings',
  };
}

const TEAM_NAME = /^[a-z][a-z0-9-]{0,30}[a-z0-9]$/;

function readGateway(r: Reader, value: unknown, production: boolean, ai: EnvironmentConfig['ai'] | undefined, warnings: string[]): EnvironmentConfig['gateway'] | undefined {
  const path = 'gateway';
  const obj = r.object(value, path, ['skuName', 'capacity', 'publisherName', 'publisherEmail', 'entraAudience', 'routingAlias',
    'routingRules', 'routingDefault', 'cacheScoreThreshold', 'cacheDurationSeconds', 'expectedCacheHitRatio', 'teams']);
  const skuName = r.oneOf(obj, 'skuName', path, ['Developer', 'Premium'] as const, false) ?? (production ? 'Premium' : 'Developer');
  const capacity = r.number(obj, 'capacity', path, 1, 12, { integer: true }) ?? (production ? 2 : 1);
  if (skuName === 'Developer' && capacity !== 1) r.add('gateway.capacity', 'the Developer tier has exactly 1 unit');
  if (production && skuName !== 'Premium') r.add('gateway.skuName', `${skuName} has no SLA or zone redundancy; production needs Premium`);
  if (production && capacity < 2) r.add('gateway.capacity', `${capacity} unit cannot span zones; production needs at least 2`);
  const zones = skuName === 'Premium' && production && capacity >= 2 ? (capacity % 3 === 0 ? ['1', '2', '3'] : ['1', '2']) : [];
  if (zones.length > 0 && capacity % zones.length !== 0) r.add('gateway.capacity', `${capacity} units cannot be spread evenly across ${zones.length} zones`);
  const publisherName = r.string(obj, 'publisherName', path, { pattern: /^.{1,100}$/, hint: 'must be 1-100 characters' });
  const publisherEmail = r.string(obj, 'publisherEmail', path, { pattern: EMAIL_PATTERN, hint: 'must be an email address' });
  const entraAudience = r.string(obj, 'entraAudience', path, { required: false, pattern: /^(api:\/\/[^\s]+|[0-9a-f-]{36}|https:\/\/[^\s]+)$/i, hint: 'must be an application id URI (api://...), a client id or an https URI' });
  const routingAlias = r.string(obj, 'routingAlias', path, { required: false, pattern: DEPLOYMENT_NAME_PATTERN, hint: 'must be 2-64 letters, digits or ._-' }) ?? 'auto';
  const routingDefault = r.string(obj, 'routingDefault', path);
  const primary = ai?.accounts.find((a) => a.primary);
  const deploymentNames = primary?.deployments.filter((d) => !d.embeddings).map((d) => d.name) ?? [];
  const checkDeployment = (name: string | undefined, p: string) => {
    if (name === undefined || !primary) return;
    if (!deploymentNames.includes(name)) r.add(p, `'${name}' is not a chat deployment of the primary account (${deploymentNames.join(', ')})`);
  };
  checkDeployment(routingDefault, 'gateway.routingDefault');
  // Every deployment name, embeddings included: a request naming the alias is rerouted to a chat deployment.
  if (primary && primary.deployments.some((d) => d.name === routingAlias)) r.add('gateway.routingAlias', `'${routingAlias}' is also a deployment name; the alias must be distinct`);
  const rulesIn = obj?.routingRules;
  const routingRules: RoutingRuleInput[] = [];
  if (rulesIn !== undefined && !Array.isArray(rulesIn)) r.add('gateway.routingRules', `must be a list, got ${describe(rulesIn)}`);
  (Array.isArray(rulesIn) ? rulesIn : []).forEach((ruleIn, i) => {
    const p = `gateway.routingRules[${i}]`;
    const rule = r.object(ruleIn, p, ['deployment', 'maxPromptTokens', 'hasTools', 'hasImages', 'hint']);
    const deployment = r.string(rule, 'deployment', p);
    checkDeployment(deployment, `${p}.deployment`);
    const maxPromptTokens = r.number(rule, 'maxPromptTokens', p, 1, 2_000_000, { integer: true });
    const hasTools = r.boolean(rule, 'hasTools', p);
    const hasImages = r.boolean(rule, 'hasImages', p);
    const hint = r.string(rule, 'hint', p, { required: false, pattern: /^[a-z0-9-]{1,32}$/, hint: 'must be 1-32 lowercase letters, digits or hyphens' });
    if (rule && maxPromptTokens === undefined && hasTools === undefined && hasImages === undefined && hint === undefined && rule.maxPromptTokens === undefined && rule.hint === undefined) {
      r.add(p, 'needs at least one condition (maxPromptTokens, hasTools, hasImages or hint)');
    }
    if (deployment) routingRules.push({ deployment, maxPromptTokens, hasTools, hasImages, hint });
  });
  const cacheScoreThreshold = r.number(obj, 'cacheScoreThreshold', path, 0.01, 1) ?? 0.1;
  const cacheDurationSeconds = r.number(obj, 'cacheDurationSeconds', path, 60, 86_400 * 7, { integer: true }) ?? 3600;
  const expectedCacheHitRatio = r.number(obj, 'expectedCacheHitRatio', path, 0, 0.9) ?? 0.2;

  const teamsIn = obj?.teams;
  const teams: EnvironmentConfig['gateway']['teams'][number][] = [];
  if (obj && (!Array.isArray(teamsIn) || teamsIn.length === 0)) {
    r.add('gateway.teams', teamsIn === undefined || Array.isArray(teamsIn) ? 'must list at least one team' : `must be a list of teams, got ${describe(teamsIn)}`);
  }
  (Array.isArray(teamsIn) ? teamsIn : []).forEach((teamIn, i) => {
    const p = `gateway.teams[${i}]`;
    const team = r.object(teamIn, p, ['name', 'tokensPerMinute', 'tokenQuota', 'tokenQuotaPeriod', 'allowedModels', 'perUserTokensPerMinute', 'expectedMonthlyTokens']);
    const name = r.string(team, 'name', p, { pattern: TEAM_NAME, hint: 'must be 2-32 lowercase letters, digits or hyphens, starting with a letter' });
    if (name && teams.some((t) => t.name === name)) r.add(`${p}.name`, `'${name}' is used by another team`);
    const tokensPerMinute = r.number(team, 'tokensPerMinute', p, 1, 100_000_000, { required: true, integer: true });
    const tokenQuota = r.number(team, 'tokenQuota', p, 1, 1_000_000_000_000, { required: true, integer: true });
    const tokenQuotaPeriod = r.oneOf(team, 'tokenQuotaPeriod', p, TOKEN_QUOTA_PERIODS, false) ?? 'Monthly';
    const allowedModels = r.stringArray(team, 'allowedModels', p, { required: true, minItems: 1 });
    // Embeddings deployments may be allowed too (retrieval needs query embeddings); routing stays chat-only.
    const callable = primary?.deployments.map((d) => d.name) ?? [];
    (allowedModels ?? []).forEach((model, j) => {
      if (primary && model !== routingAlias && !callable.includes(model)) {
        r.add(`${p}.allowedModels[${j}]`, `'${model}' is neither a deployment of the primary account (${callable.join(', ')}) nor the routing alias '${routingAlias}'`);
      }
    });
    const perUserTokensPerMinute = r.number(team, 'perUserTokensPerMinute', p, 1, 100_000_000, { integer: true });
    if (perUserTokensPerMinute !== undefined && tokensPerMinute !== undefined && perUserTokensPerMinute > tokensPerMinute) {
      r.add(`${p}.perUserTokensPerMinute`, `${perUserTokensPerMinute} exceeds the team's ${tokensPerMinute} tokens per minute`);
    }
    const expectedMonthlyTokens = r.number(team, 'expectedMonthlyTokens', p, 0, 1_000_000_000_000, { integer: true });
    if (name && tokensPerMinute !== undefined && tokenQuota !== undefined && allowedModels) {
      teams.push({ name, tokensPerMinute, tokenQuota, tokenQuotaPeriod, allowedModels, perUserTokensPerMinute, expectedMonthlyTokens });
    }
  });
  // Oversubscription is allowed (not every team peaks at once) but should be a decision: warn.
  if (primary && teams.length > 0) {
    const tpmOf = (d: ResolvedDeployment): number => {
      if (d.sizing) return d.sizing.peakTokensPerMinute;
      if (!isProvisioned(d.sku)) return d.capacity * 1000;
      return d.capacity * (Object.prototype.hasOwnProperty.call(PTU_MODELS, d.model) ? PTU_MODELS[d.model].inputTokensPerMinutePerPtu : 0);
    };
    const capacityTpm = primary.deployments.filter((d) => !d.embeddings).reduce((sum, d) => sum + tpmOf(d), 0);
    const teamTpm = teams.reduce((sum, t) => sum + t.tokensPerMinute, 0);
    if (capacityTpm > 0 && teamTpm > capacityTpm) {
      warnings.push(`gateway.teams: team limits add up to ${teamTpm.toLocaleString('en-US')} tokens/min, above the ${capacityTpm.toLocaleString('en-US')} tokens/min the primary account's chat deployments serve (oversubscribed ${(teamTpm / capacityTpm).toFixed(1)}x)`);
    }
  }
  if (!obj || !publisherName || !publisherEmail || !routingDefault || (Array.isArray(teamsIn) && teams.length !== teamsIn.length)) return undefined;
  return {
    skuName, capacity, zones, publisherName, publisherEmail, entraAudience, routingAlias, routingRules, routingDefault,
    cacheScoreThreshold, cacheDurationSeconds, expectedCacheHitRatio, teams,
  };
}

function readOrchestrator(r: Reader, value: unknown, production: boolean): Required<OrchestratorInput> | undefined {
  const path = 'orchestrator';
  const obj = r.object(value, path, ['image', 'minReplicas', 'maxReplicas', 'concurrentRequests', 'cpu', 'memory', 'targetPort', 'healthPath']);
  const image = r.string(obj, 'image', path, {
    // No registry host (a first path component with a '.', or localhost): the login server is prefixed.
    pattern: /^(?![^/]*\.[^/]*\/|localhost\/)[a-z0-9]([a-z0-9._/-]*[a-z0-9])?(@sha256:[a-f0-9]{64}|:(?!(latest|stable|main|master|dev|develop|edge|nightly|lts|current|preview)$)[A-Za-z0-9._-]{1,128})$/,
    hint: 'must be a repository of the platform registry pinned by @sha256 digest or a version tag (not a moving tag such as latest or stable), e.g. orchestrator:1.4.2',
  });
  const minReplicas = r.number(obj, 'minReplicas', path, 0, 300, { integer: true }) ?? (production ? 3 : 1);
  const maxReplicas = r.number(obj, 'maxReplicas', path, 1, 300, { integer: true }) ?? 10;
  if (production && minReplicas < 2) r.add('orchestrator.minReplicas', `${minReplicas} leaves production without a spare replica; at least 2`);
  if (maxReplicas < minReplicas) r.add('orchestrator.maxReplicas', `${maxReplicas} is below minReplicas (${minReplicas})`);
  const concurrentRequests = r.number(obj, 'concurrentRequests', path, 1, 10_000, { integer: true }) ?? 50;
  const cpu = r.number(obj, 'cpu', path, 0.25, 4) ?? 0.5;
  const memory = r.string(obj, 'memory', path, { required: false, pattern: /^\d+(\.\d+)?Gi$/, hint: 'must be like 1Gi or 0.5Gi' }) ?? '1Gi';
  const targetPort = r.number(obj, 'targetPort', path, 1, 65_535, { integer: true }) ?? 8080;
  const healthPath = r.string(obj, 'healthPath', path, { required: false, pattern: /^\/[A-Za-z0-9._/-]*$/, hint: 'must be an absolute path' }) ?? '/healthz';
  if (!obj || !image) return undefined;
  return { image, minReplicas, maxReplicas, concurrentRequests, cpu, memory, targetPort, healthPath };
}

/**
 * The allowed key a misspelt one most likely meant: the same key in another case, else the nearest by edit
 * distance when it is close (at most 2 edits, or a third of the key's length for long keys).
 */
export function closestKey(key: string, allowed: readonly string[]): string | undefined {
  const sameCase = allowed.find((a) => a.toLowerCase() === key.toLowerCase());
  if (sameCase) return sameCase;
  let best: { key: string; distance: number } | undefined;
  for (const candidate of allowed) {
    const distance = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (!best || distance < best.distance) best = { key: candidate, distance };
  }
  return best && best.distance <= Math.max(2, Math.floor(key.length / 3)) ? best.key : undefined;
}

/** Levenshtein distance (insertions, deletions, substitutions). */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

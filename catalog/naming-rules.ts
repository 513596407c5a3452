/**
 * Naming rules per Azure resource type: the CAF abbreviation, length and character set, and
 * whether the name must be unique across Azure (those get a deterministic suffix).
 * Sources: learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules and
 * learn.microsoft.com/azure/cloud-adoption-framework/ready/azure-best-practices/resource-abbreviations.
 */
export interface NameRule {
  /** CAF abbreviation that starts the name. */
  readonly abbreviation: string;
  readonly minLength: number;
  readonly maxLength: number;
  /** Whole-name pattern the name must match. */
  readonly pattern: RegExp;
  /** The pattern in words, for error messages. */
  readonly charset: string;
  /** Name is a DNS label or otherwise unique across all of Azure. */
  readonly globallyUnique: boolean;
  /** Name parts are joined with '-' (false: concatenated, for types that forbid hyphens). */
  readonly hyphens: boolean;
}

const ALNUM_HYPHEN_LOWER = /^[a-z][a-z0-9-]*[a-z0-9]$/;

export const NAME_RULES = {
  resourceGroup: { abbreviation: 'rg', minLength: 1, maxLength: 90, pattern: /^[A-Za-z0-9._()-]*[A-Za-z0-9_()-]$/, charset: 'letters, digits, ._-() and not ending with a period', globallyUnique: false, hyphens: true },
  virtualNetwork: { abbreviation: 'vnet', minLength: 2, maxLength: 64, pattern: /^[A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9_]$/, charset: 'letters, digits, ._- starting alphanumeric', globallyUnique: false, hyphens: true },
  subnet: { abbreviation: 'snet', minLength: 1, maxLength: 80, pattern: /^[A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9_]$/, charset: 'letters, digits, ._- starting alphanumeric', globallyUnique: false, hyphens: true },
  networkSecurityGroup: { abbreviation: 'nsg', minLength: 1, maxLength: 80, pattern: /^[A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9_]$/, charset: 'letters, digits, ._- starting alphanumeric', globallyUnique: false, hyphens: true },
  natGateway: { abbreviation: 'ng', minLength: 1, maxLength: 80, pattern: /^[A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9_]$/, charset: 'letters, digits, ._- starting alphanumeric', globallyUnique: false, hyphens: true },
  publicIp: { abbreviation: 'pip', minLength: 1, maxLength: 80, pattern: /^[A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9_]$/, charset: 'letters, digits, ._- starting alphanumeric', globallyUnique: false, hyphens: true },
  privateEndpoint: { abbreviation: 'pe', minLength: 2, maxLength: 64, pattern: /^[A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9_]$/, charset: 'letters, digits, ._- starting alphanumeric', globallyUnique: false, hyphens: true },
  networkInterface: { abbreviation: 'nic', minLength: 1, maxLength: 80, pattern: /^[A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9_]$/, charset: 'letters, digits, ._- starting alphanumeric', globallyUnique: false, hyphens: true },
  userAssignedIdentity: { abbreviation: 'id', minLength: 3, maxLength: 128, pattern: /^[A-Za-z0-9][A-Za-z0-9_-]*$/, charset: 'letters, digits, _- starting alphanumeric', globallyUnique: false, hyphens: true },
  keyVault: { abbreviation: 'kv', minLength: 3, maxLength: 24, pattern: /^[a-z](?!.*--)[a-z0-9-]*[a-z0-9]$/, charset: 'lowercase letters, digits and single hyphens, starting with a letter', globallyUnique: true, hyphens: true },
  logAnalyticsWorkspace: { abbreviation: 'log', minLength: 4, maxLength: 63, pattern: /^[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9]$/, charset: 'letters, digits and hyphens, alphanumeric at both ends', globallyUnique: false, hyphens: true },
  applicationInsights: { abbreviation: 'appi', minLength: 1, maxLength: 255, pattern: /^[^%&\\?/]+$/, charset: 'any characters except %&\\?/', globallyUnique: false, hyphens: true },
  actionGroup: { abbreviation: 'ag', minLength: 1, maxLength: 260, pattern: /^[^%&\\?/]+$/, charset: 'any characters except %&\\?/', globallyUnique: false, hyphens: true },
  privateLinkScope: { abbreviation: 'ampls', minLength: 1, maxLength: 255, pattern: /^[A-Za-z0-9][A-Za-z0-9._()-]*$/, charset: 'letters, digits, ._-()', globallyUnique: false, hyphens: true },
  storageAccount: { abbreviation: 'st', minLength: 3, maxLength: 24, pattern: /^[a-z0-9]+$/, charset: 'lowercase letters and digits', globallyUnique: true, hyphens: false },
  aiServices: { abbreviation: 'ais', minLength: 2, maxLength: 64, pattern: ALNUM_HYPHEN_LOWER, charset: 'lowercase letters, digits and hyphens, starting with a letter', globallyUnique: true, hyphens: true },
  searchService: { abbreviation: 'srch', minLength: 2, maxLength: 60, pattern: /^[a-z0-9](?!.*--)[a-z0-9-]*[a-z0-9]$/, charset: 'lowercase letters, digits and single hyphens', globallyUnique: true, hyphens: true },
  apiManagement: { abbreviation: 'apim', minLength: 1, maxLength: 50, pattern: /^[a-zA-Z][a-zA-Z0-9-]*[a-zA-Z0-9]$/, charset: 'letters, digits and hyphens, starting with a letter', globallyUnique: true, hyphens: true },
  managedRedis: { abbreviation: 'amr', minLength: 1, maxLength: 60, pattern: /^[a-z0-9](?!.*--)[a-z0-9-]*[a-z0-9]$/, charset: 'lowercase letters, digits and single hyphens', globallyUnique: true, hyphens: true },
  containerRegistry: { abbreviation: 'cr', minLength: 5, maxLength: 50, pattern: /^[a-z0-9]+$/, charset: 'lowercase letters and digits', globallyUnique: true, hyphens: false },
  containerAppsEnvironment: { abbreviation: 'cae', minLength: 2, maxLength: 60, pattern: ALNUM_HYPHEN_LOWER, charset: 'lowercase letters, digits and hyphens, starting with a letter', globallyUnique: false, hyphens: true },
  containerApp: { abbreviation: 'ca', minLength: 2, maxLength: 32, pattern: /^[a-z](?!.*--)[a-z0-9-]*[a-z0-9]$/, charset: 'lowercase letters, digits and single hyphens, starting with a letter', globallyUnique: false, hyphens: true },
} as const satisfies Record<string, NameRule>;

export type ResourceKind = keyof typeof NAME_RULES;

/** Every problem with `name` as a name of `kind`; empty when the name is legal. */
export function nameProblems(kind: ResourceKind, name: string): string[] {
  const rule: NameRule = NAME_RULES[kind];
  const problems: string[] = [];
  if (name.length < rule.minLength || name.length > rule.maxLength) {
    problems.push(`${kind} name '${name}' is ${name.length} characters; allowed ${rule.minLength}-${rule.maxLength}`);
  }
  if (!rule.pattern.test(name)) {
    problems.push(`${kind} name '${name}' must use ${rule.charset}`);
  }
  return problems;
}

import { createHash } from 'crypto';
import { REGIONS } from '../../catalog/regions';
import { NAME_RULES, NameRule, ResourceKind, nameProblems } from '../../catalog/naming-rules';

export { REGIONS, RegionInfo, isKnownRegion } from '../../catalog/regions';
export { NAME_RULES, NameRule, ResourceKind, nameProblems } from '../../catalog/naming-rules';

export interface NamingProps {
  /** Workload name, e.g. `genai`: lowercase letters and digits. */
  readonly workload: string;
  /** Environment name, e.g. `prod`: lowercase letters and digits. */
  readonly environment: string;
  /** Azure region, e.g. `swedencentral`; must be in `REGIONS`. */
  readonly location: string;
  /**
   * Suffix appended to globally unique names.
   * @default four base-36 characters hashed from workload, environment, region and `seed`:
   * stable across runs, different across forks that set a different seed.
   */
  readonly uniqueSuffix?: string;
  /**
   * Extra input to the suffix hash (e.g. the subscription id), so that two organisations using
   * the same workload and environment names do not collide on global names.
   * @default ''
   */
  readonly seed?: string;
}

/**
 * CAF resource names: `<abbreviation>-<workload>-<environment>-<region>[-<qualifier>][-<suffix>]`,
 * concatenated without hyphens for types that forbid them or where the hyphenated name would be too
 * long (e.g. `kvgenaistagingsdc1ybl` for a 24-character Key Vault). Globally unique types get the suffix.
 * Every name is checked against its type's rule; `name()` throws on an illegal one, so the config
 * schema can run the same check and report it against the config field instead.
 */
export class Naming {
  readonly workload: string;
  readonly environment: string;
  readonly regionCode: string;
  readonly uniqueSuffix: string;

  constructor(props: NamingProps) {
    this.workload = props.workload;
    this.environment = props.environment;
    this.regionCode = REGIONS[props.location]?.shortCode ?? props.location;
    this.uniqueSuffix = props.uniqueSuffix ?? Naming.hashSuffix(
      [props.workload, props.environment, props.location, props.seed ?? ''].join('|'));
  }

  /** Deterministic 4-character base-36 suffix of `input`. */
  static hashSuffix(input: string): string {
    const digest = createHash('sha256').update(input).digest();
    return (digest.readUInt32BE(0) % 36 ** 4).toString(36).padStart(4, '0');
  }

  /** The name for a resource of `kind`, with an optional qualifier such as `apim` for a subnet. */
  name(kind: ResourceKind, qualifier?: string): string {
    const candidate = this.compose(kind, qualifier);
    const problems = nameProblems(kind, candidate);
    if (problems.length > 0) {
      throw new Error(`Illegal generated name: ${problems.join('; ')}`);
    }
    return candidate;
  }

  /** The name for `kind` without checking it (for validators that report problems themselves). */
  compose(kind: ResourceKind, qualifier?: string): string {
    const rule: NameRule = NAME_RULES[kind];
    const parts = [rule.abbreviation, this.workload, this.environment, this.regionCode];
    if (qualifier) parts.push(qualifier);
    if (rule.globallyUnique) parts.push(this.uniqueSuffix);
    const hyphenated = parts.join('-');
    if (rule.hyphens && hyphenated.length <= rule.maxLength) return hyphenated;
    // Types that forbid hyphens, and hyphenated names too long for their type, are concatenated.
    return parts.join('').replace(/[^a-z0-9]/gi, '');
  }

  /** Problems of every name this naming scheme can produce, keyed by kind. */
  allProblems(): string[] {
    return (Object.keys(NAME_RULES) as ResourceKind[]).flatMap((kind) => nameProblems(kind, this.compose(kind)));
  }
}

// CI identities are created by the state stack and looked up by name by the platform stacks.

/**
 * Name of an environment's deploy identity, `id-<workload>-<environment>-deploy` (no region: the platform
 * stack of any region finds it by name in the state resource group).
 */
export function deployIdentityName(workload: string, environment: string): string {
  return `id-${workload}-${environment}-deploy`;
}

/** Name of the read-only CI identity, `id-<workload>-ci-plan`. */
export function planIdentityName(workload: string): string {
  return `id-${workload}-ci-plan`;
}

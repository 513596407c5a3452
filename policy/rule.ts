/**
 * What a rule is (cdk-nag v2 style: one small pure rule per file) and helpers that keep rule files
 * short: outcome constructors and `attributeRule` for the common "attribute must be X" check.
 */
import { AttributeValue, ResourceGraph, attribute } from './graph';
import { PlanResource } from './plan';

/** `error` fails synth and the CLI; catalog Critical/High -> error, Medium -> warning, Low -> note. */
export type Severity = 'error' | 'warning' | 'note';

/** Cross-references to rule sets reviewers already trust; all empty means platform-specific. */
export interface RuleReferences {
  readonly checkov?: readonly string[];
  readonly psrule?: readonly string[];
  /** Azure Policy built-in definition ids (short form as in the catalog, e.g. `0b60c0b2`). */
  readonly azurePolicy?: readonly string[];
  /** Microsoft cloud security benchmark controls, e.g. `NS-2`. */
  readonly mcsb?: readonly string[];
}

export type Outcome =
  | { readonly status: 'compliant' }
  | { readonly status: 'non-compliant'; readonly message: string }
  /** The plan cannot tell (a value known only after apply, an external reference): never a pass. */
  | { readonly status: 'unknown'; readonly message: string }
  | { readonly status: 'not-applicable' };

export interface RuleContext {
  readonly graph: ResourceGraph;
  /** The plan is a production environment (stricter reliability rules apply). */
  readonly production: boolean;
}

export interface Rule {
  /** `GAI-<AREA>-<NNN>` from docs/policy-catalog.md; also the file name. */
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  /** Why it matters, for the reviewer. */
  readonly rationale: string;
  /** What to change, in this project's terms (construct prop or config field where there is one). */
  readonly remediation: string;
  readonly references: RuleReferences;
  /** Resource types the rule is evaluated on. */
  readonly appliesTo: readonly string[];
  /** A passing and a failing Terraform snippet, shown by `npm run review -- --explain ID`. */
  readonly examples?: { readonly compliant: string; readonly nonCompliant: string };
  /** Evaluates one resource of an `appliesTo` type; several outcomes report several findings. */
  check(resource: PlanResource, context: RuleContext): Outcome | readonly Outcome[];
}

export const compliant: Outcome = { status: 'compliant' };
export const notApplicable: Outcome = { status: 'not-applicable' };
export const nonCompliant = (message: string): Outcome => ({ status: 'non-compliant', message });
export const unknown = (message: string): Outcome => ({ status: 'unknown', message });

/** The rule sets a rule cites, with the name reports give them. */
export const REFERENCE_SCHEMES: Readonly<Record<keyof RuleReferences, string>> = { checkov: 'Checkov', psrule: 'PSRule', azurePolicy: 'Azure Policy', mcsb: 'MCSB' };

/** The rule's citations, one group per rule set that has any, in the order of REFERENCE_SCHEMES. */
export function citationGroups(rule: Rule): { readonly scheme: keyof RuleReferences; readonly label: string; readonly ids: readonly string[] }[] {
  return (Object.keys(REFERENCE_SCHEMES) as (keyof RuleReferences)[])
    .filter((scheme) => (rule.references[scheme]?.length ?? 0) > 0)
    .map((scheme) => ({ scheme, label: REFERENCE_SCHEMES[scheme], ids: rule.references[scheme]! }));
}

export function isPlatformSpecific(rule: Rule): boolean {
  return citationGroups(rule).length === 0;
}

export interface ExpectOptions {
  /** Compliant values (one, or any of several); with `test`, unused. */
  readonly expected?: unknown | readonly unknown[];
  /**
   * Judges a known value (and the provider default) instead of comparing it with `expected`: for
   * a pattern, a case-insensitive match or a set of values. Give `wanted` with it.
   * @default equality with one of `expected`
   */
  readonly test?: (value: unknown) => boolean;
  /**
   * What the messages say is expected (after "expected "), e.g. `3-24 lowercase letters and digits`.
   * @default the `expected` values, quoted, joined by " or "
   */
  readonly wanted?: string;
  /**
   * What the provider does when the attribute is not set (azurerm 4.55 docs). A missing attribute
   * is judged by this default; with no default given, missing is non-compliant.
   */
  readonly providerDefault?: unknown;
  /**
   * The message when a missing attribute is non-compliant, for rules that say what the gap means
   * (e.g. "`network_acls` is not set, so the vault firewall allows all networks; ...").
   * @default "`<path>` is not set[, so the provider default <d> applies]; expected <wanted>"
   */
  readonly whenAbsent?: string;
}

/** A Terraform/JSON value as rule messages quote it: strings in double quotes, anything else as JSON. */
export const show = (v: unknown): string => (typeof v === 'string' ? `"${v}"` : JSON.stringify(v));

/**
 * Judges one attribute: unknown when only known after apply, the provider default (or
 * non-compliant) when absent, else compliant when `test` holds (or it equals one of `expected`).
 */
export function expectAttribute(resource: PlanResource, path: string, options: ExpectOptions): Outcome {
  const expected: readonly unknown[] = Array.isArray(options.expected) ? options.expected : [options.expected];
  const wanted = options.wanted ?? expected.map(show).join(' or ');
  const ok = options.test ?? ((v: unknown) => expected.some((e) => equal(e, v)));
  const value: AttributeValue = attribute(resource, path);
  if (value.kind === 'unknown') return unknown(`\`${path}\` is only known after apply (${value.expression}); expected ${wanted}`);
  if (value.kind === 'absent') {
    if (options.providerDefault !== undefined && ok(options.providerDefault)) return compliant;
    if (options.whenAbsent !== undefined) return nonCompliant(options.whenAbsent);
    if (options.providerDefault === undefined) return nonCompliant(`\`${path}\` is not set; expected ${wanted}`);
    return nonCompliant(`\`${path}\` is not set, so the provider default ${show(options.providerDefault)} applies; expected ${wanted}`);
  }
  return ok(value.value) ? compliant : nonCompliant(`\`${path}\` is ${show(value.value)}; expected ${wanted}`);
}

/** `expectAttribute` on each of `paths`: a finding per attribute that is not compliant, in order, else compliant. */
export function expectAttributes(resource: PlanResource, paths: readonly string[], options: ExpectOptions): Outcome | readonly Outcome[] {
  const findings = paths.map((path) => expectAttribute(resource, path, options)).filter((o) => o.status !== 'compliant');
  return findings.length > 0 ? findings : compliant;
}

function equal(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export interface AttributeRuleProps extends Omit<Rule, 'check'>, ExpectOptions {
  /** Dotted attribute path, e.g. `network_acls.default_action`. */
  readonly path: string;
  /** Only evaluate resources for which this holds (e.g. a kind); others are not applicable. */
  readonly when?: (resource: PlanResource, context: RuleContext) => boolean;
}

/** A rule that one attribute of each resource has an expected value. */
export function attributeRule(props: AttributeRuleProps): Rule {
  const { path, expected, test, wanted, providerDefault, whenAbsent, when, ...meta } = props;
  return {
    examples: test === undefined && expected !== undefined ? attributeExamples(meta.appliesTo[0], path, expected, providerDefault) : undefined,
    ...meta,
    check: (resource, context) => (when && !when(resource, context)
      ? notApplicable
      : expectAttribute(resource, path, { expected, test, wanted, providerDefault, whenAbsent })),
  };
}

/**
 * A passing and a failing snippet for an attribute rule: the expected value, and the other boolean, or the
 * attribute left out when the provider default fails. Undefined when no failing value is obvious.
 */
function attributeExamples(type: string, path: string, expected: unknown, providerDefault: unknown): Rule['examples'] {
  const good = Array.isArray(expected) ? expected[0] : expected;
  const snippet = (value: unknown | undefined) => {
    const parts = path.split('.');
    const lines = [`resource "${type}" "example" {`];
    parts.slice(0, -1).forEach((block, i) => lines.push(`${'  '.repeat(i + 1)}${block} {`));
    const indent = '  '.repeat(parts.length);
    lines.push(value === undefined ? `${indent}# ${parts[parts.length - 1]} not set: the provider default ${show(providerDefault)} applies` : `${indent}${parts[parts.length - 1]} = ${show(value)}`);
    parts.slice(0, -1).forEach((_, i) => lines.push(`${'  '.repeat(parts.length - 1 - i)}}`));
    lines.push('}');
    return lines.join('\n');
  };
  const isGood = (v: unknown) => (Array.isArray(expected) ? expected : [expected]).some((e) => equal(e, v));
  const bad = typeof good === 'boolean' ? !good : undefined;
  if (bad !== undefined && !isGood(bad)) return { compliant: snippet(good), nonCompliant: snippet(bad) };
  if (providerDefault !== undefined && !isGood(providerDefault)) return { compliant: snippet(good), nonCompliant: snippet(undefined) };
  return undefined;
}

/** The resource's `kind` when it is known (e.g. cognitive accounts), else undefined. */
export function knownString(resource: PlanResource, path: string): string | undefined {
  const value = attribute(resource, path);
  return value.kind === 'known' && typeof value.value === 'string' ? value.value : undefined;
}

/**
 * SARIF 2.1.0 for GitHub code scanning: rules with descriptions, help and `security-severity`;
 * results with level, message, a location and a fingerprint that survives line moves.
 */
import { createHash } from 'crypto';
import * as path from 'path';
import { ReviewReport } from '../engine';
import { Rule, Severity, citationGroups, isPlatformSpecific } from '../rule';

const SECURITY_SEVERITY: Record<Severity, string> = { error: '8.0', warning: '5.5', note: '3.0' };

export interface SarifOptions {
  /** Paths in results are made relative to this directory (the repository root). @default cwd */
  readonly root?: string;
  /** `runAutomationDetails.id` category, e.g. `gai-policy/synth`. @default 'gai-policy' */
  readonly category?: string;
  /**
   * The rules' documentation page (docs/security-review.md of this repository), for `informationUri` and each
   * rule's `helpUri` (`#<rule id>`). @default from GitHub Actions' variables, else none (never a made-up URL)
   */
  readonly docsUrl?: string;
}

/**
 * docs/security-review.md of the repository a GitHub Actions run belongs to (`GITHUB_SERVER_URL`,
 * `GITHUB_REPOSITORY`; a fork gets its own), on its default branch. Undefined elsewhere.
 */
export function docsUrlFromEnvironment(env: Readonly<Record<string, string | undefined>>): string | undefined {
  if (!env.GITHUB_REPOSITORY) return undefined;
  return `${env.GITHUB_SERVER_URL ?? 'https://github.com'}/${env.GITHUB_REPOSITORY}/blob/HEAD/docs/security-review.md`;
}

/** The anchor of a rule in docs/security-review.md. */
export const ruleAnchor = (ruleId: string): string => ruleId.toLowerCase();

export function toSarif(report: ReviewReport, options: SarifOptions = {}): string {
  const root = options.root ?? process.cwd();
  const docsUrl = options.docsUrl ?? docsUrlFromEnvironment(process.env);
  const rules = [...report.rules];
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const results = report.findings.map((f) => {
    const uri = path.relative(root, path.resolve(root, f.file)).split(path.sep).join('/');
    const result: Record<string, unknown> = {
      ruleId: f.ruleId,
      ruleIndex: index.get(f.ruleId),
      level: f.status === 'unknown' ? 'note' : f.severity,
      message: { text: `${f.address}: ${f.message}${f.status === 'unknown' ? ' (unknown until apply)' : ''}` },
      locations: [{
        physicalLocation: {
          artifactLocation: { uri },
          region: { startLine: f.line ?? 1, startColumn: 1 },
        },
        logicalLocations: [{ fullyQualifiedName: f.address, kind: 'resource' }],
      }],
      partialFingerprints: { primaryLocationLineHash: createHash('sha256').update(`${f.ruleId}|${f.address}`).digest('hex').slice(0, 32) },
      properties: { address: f.address, status: f.status, ...(f.constructPath ? { constructPath: f.constructPath } : {}) },
    };
    if (f.suppressed) result.suppressions = [{ kind: 'inSource', justification: f.reason }];
    return result;
  });
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'gai-policy', ...(docsUrl ? { informationUri: docsUrl } : {}), semanticVersion: '1.0.0', rules: rules.map((r) => descriptor(r, docsUrl)) } },
      automationDetails: { id: `${options.category ?? 'gai-policy'}/` },
      results,
    }],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

function descriptor(rule: Rule, docsUrl: string | undefined): Record<string, unknown> {
  const crossRefs = citationGroups(rule).map((g) => `${g.label}: ${g.ids.join(', ')}`).join('; ') || 'platform-specific';
  return {
    id: rule.id,
    name: rule.id.replace(/-/g, ''),
    shortDescription: { text: rule.title.slice(0, 1024) },
    ...(docsUrl ? { helpUri: `${docsUrl}#${ruleAnchor(rule.id)}` } : {}),
    fullDescription: { text: rule.rationale.slice(0, 1024) },
    help: {
      text: `${rule.remediation}\nReferences: ${crossRefs}`,
      markdown: `**Why:** ${rule.rationale}\n\n**Fix:** ${rule.remediation}\n\n**References:** ${crossRefs}\n\n**Applies to:** ${rule.appliesTo.map((t) => `\`${t}\``).join(', ')}`,
    },
    defaultConfiguration: { level: rule.severity },
    properties: {
      tags: ['security', 'terraform', 'azure', ...(isPlatformSpecific(rule) ? ['platform-specific'] : [])],
      precision: 'high',
      'problem.severity': rule.severity === 'note' ? 'recommendation' : rule.severity,
      'security-severity': SECURITY_SEVERITY[rule.severity],
    },
  };
}

/**
 * Large plans for the review benchmark: the prod stack's resources replicated to N resources. Each
 * copy is an independent environment, as in a real plan of many environments: its Terraform
 * addresses and every reference to them are renamed, its Azure names carry its own environment name,
 * and its addresses lie in its own /21, so no rule sees one copy's resources from another.
 */
import { Testing } from 'cdktf';
import prod from '../../environments/prod';
import { parseEnvironment } from '../../environments/schema';
import { Plan, parsePlan } from '../../policy/plan';
import { PlatformStack } from '../../stacks/platform-stack';
import { relocate } from './environments';
import { TEMPLATE_ENVIRONMENT, TEMPLATE_VNET, copyText } from './plan-copy';

interface TemplateResource {
  readonly type: string;
  readonly name: string;
  /** The resource's JSON text. */
  readonly text: string;
}

/** A generated cdk.tf.json-shaped document. */
export interface PlanDocument {
  readonly resource: Record<string, Record<string, unknown>>;
}

let cachedTemplate: TemplateResource[] | undefined;

function template(): TemplateResource[] {
  if (!cachedTemplate) {
    // The prod config as the template environment: its name and VNet replaced, everything else kept.
    const config = parseEnvironment(relocate(prod, TEMPLATE_ENVIRONMENT, TEMPLATE_VNET));
    const stack = JSON.parse(Testing.synth(new PlatformStack(Testing.app(), config.name, config))) as { resource: Record<string, Record<string, unknown>> };
    cachedTemplate = Object.entries(stack.resource)
      .flatMap(([type, byName]) => Object.entries(byName).map(([name, values]) => ({ type, name, text: JSON.stringify(values) })));
  }
  return cachedTemplate;
}

/** A cdk.tf.json-shaped document of exactly `size` resources (the last copy may be partial). */
export function generatePlan(size: number): PlanDocument {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`size must be a positive integer, got ${size}`);
  const resources = template();
  const addresses = new Set(resources.map((r) => `${r.type}.${r.name}`));
  const resource: Record<string, Record<string, unknown>> = {};
  for (let copy = 0, n = 0; n < size; copy++) {
    for (const t of resources) {
      if (n++ >= size) break;
      (resource[t.type] ??= {})[`${t.name}_c${copy}`] = JSON.parse(copyText(t.text, copy, addresses));
    }
  }
  return { resource };
}

/** `generatePlan(size)` parsed, as the policy engine reviews it. */
export function generatedPlan(size: number): Plan {
  return parsePlan(generatePlan(size), `generated-${size}.json`);
}

/**
 * Large plans for the review benchmark: the prod stack's resources replicated to N resources. Each
 * copy is an independent environment, as in a real plan of many environments: its Terraform
 * addresses and every reference to them are renamed, its Azure names carry its own environment name,
 * and its addresses lie in its own /21, so no rule sees one copy's resources from another.
 */
import { Testing } from 'cdktf';
import prod from '../../environments/prod';
import { EnvironmentInput, parseEnvironment } from '../../environments/schema';
import { PlatformStack } from '../../stacks/platform-stack';
import { rebase } from './environments';
import { TEMPLATE_ENVIRONMENT, TEMPLATE_VNET, copyText } from './plan-copy';

interface TemplateResource {
  readonly type: string;
  readonly name: string;
  /** The resource's JSON text. */
  readonly text: string;
}

/** The prod config as the template environment: its name and VNet replaced, everything else kept. */
export function templateEnvironment(source: EnvironmentInput = prod): EnvironmentInput {
  const subnets = source.network.subnets;
  return {
    ...source,
    name: TEMPLATE_ENVIRONMENT,
    network: {
      ...source.network,
      addressSpace: TEMPLATE_VNET,
      ...(subnets && {
        subnets: Object.fromEntries(Object.entries(subnets).map(([k, v]) => [k, v === undefined ? v : rebase(v, source.network.addressSpace, TEMPLATE_VNET)])),
      }),
    },
  };
}

let cachedTemplate: TemplateResource[] | undefined;

function template(): TemplateResource[] {
  if (!cachedTemplate) {
    const config = parseEnvironment(templateEnvironment());
    const stack = JSON.parse(Testing.synth(new PlatformStack(Testing.app(), config.name, config))) as { resource: Record<string, Record<string, unknown>> };
    cachedTemplate = Object.entries(stack.resource)
      .flatMap(([type, byName]) => Object.entries(byName).map(([name, values]) => ({ type, name, text: JSON.stringify(values) })));
  }
  return cachedTemplate;
}

/** A cdk.tf.json-shaped document of exactly `size` resources (the last copy may be partial). */
export function generatePlan(size: number): { resource: Record<string, Record<string, unknown>> } {
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

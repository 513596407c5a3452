/**
 * Benchmark environments: N copies of the shipped configs (cycled: dev, staging, prod, dev, ...) with
 * distinct names and distinct, non-overlapping /21 VNets, so that any N of them validate together
 * with `parseEnvironments` and synthesize like real forks of the shipped environments.
 */
import { ENVIRONMENTS } from '../../environments';
import { Cidr, carve, parseCidr, rebase } from '../../environments/cidr';
import type { EnvironmentInput } from '../../environments/schema';

/** Benchmark VNets are carved, one after another, from this block (clear of the shipped 10.40-10.42). */
const BENCH_SUPERNET = parseCidr('10.128.0.0/12') as Cidr;
/** Every benchmark environment gets a VNet of this prefix. */
export const BENCH_VNET_PREFIX = 21;
/** How many VNets of `BENCH_VNET_PREFIX` the supernet holds: the most environments `generateEnvironments` can make. */
export const MAX_BENCH_ENVIRONMENTS = 2 ** (BENCH_VNET_PREFIX - BENCH_SUPERNET.prefix);

/** `b01`, `b02`, ... `b99`, `b100`, ...: short (3-4 characters) so every derived Azure name stays legal. */
export function benchEnvironmentName(index: number): string {
  if (!Number.isInteger(index) || index < 0) throw new RangeError(`index must be a non-negative integer, got ${index}`);
  return `b${String(index + 1).padStart(2, '0')}`;
}

/** The `index`-th /21 of the benchmark supernet, e.g. 0 -> 10.128.0.0/21, 1 -> 10.128.8.0/21. */
export function benchAddressSpace(index: number): string {
  if (!Number.isInteger(index) || index < 0 || index >= MAX_BENCH_ENVIRONMENTS) {
    throw new RangeError(`index must be an integer in 0..${MAX_BENCH_ENVIRONMENTS - 1}, got ${index}`);
  }
  return carve(BENCH_SUPERNET, index * 2 ** (32 - BENCH_VNET_PREFIX), BENCH_VNET_PREFIX);
}

/**
 * `count` environment inputs generated from `templates` (default: the shipped `ENVIRONMENTS`), cycled.
 * Each copy keeps its template's settings and gets its own name (`benchEnvironmentName`) and /21 VNet
 * (`benchAddressSpace`); explicit subnets of the template are moved along with its VNet.
 */
export function generateEnvironments(count: number, templates: readonly EnvironmentInput[] = ENVIRONMENTS): EnvironmentInput[] {
  if (!Number.isInteger(count) || count < 1 || count > MAX_BENCH_ENVIRONMENTS) {
    throw new RangeError(`count must be an integer in 1..${MAX_BENCH_ENVIRONMENTS}, got ${count}`);
  }
  if (templates.length === 0) throw new RangeError('at least one template environment is needed');
  return Array.from({ length: count }, (_, i) => relocate(templates[i % templates.length], benchEnvironmentName(i), benchAddressSpace(i)));
}

/**
 * `template` renamed to `name` and moved to the VNet `addressSpace`, everything else kept; its explicit
 * subnets keep their offsets in the VNet. Throws when a subnet does not fit into the new VNet there.
 */
export function relocate(template: EnvironmentInput, name: string, addressSpace: string): EnvironmentInput {
  const subnets = template.network.subnets;
  const move = (subnet: string): string => {
    const moved = rebase(cidr(subnet), cidr(template.network.addressSpace), cidr(addressSpace));
    if (moved === undefined) throw new RangeError(`${subnet} does not fit into ${addressSpace} at the offset it has in ${template.network.addressSpace}`);
    return moved;
  };
  return {
    ...template,
    name,
    network: {
      ...template.network,
      addressSpace,
      ...(subnets && {
        subnets: Object.fromEntries(Object.entries(subnets).map(([key, subnet]) => [key, subnet === undefined ? subnet : move(subnet)])),
      }),
    },
  };
}

function cidr(text: string): Cidr {
  const parsed = parseCidr(text);
  if (typeof parsed === 'string') throw new Error(parsed);
  return parsed;
}

/**
 * Benchmark environments: N copies of the shipped configs (cycled: dev, staging, prod, dev, ...) with
 * distinct names and distinct, non-overlapping /21 VNets, so that any N of them validate together
 * with `parseEnvironments` and synthesize like real forks of the shipped environments.
 */
import { ENVIRONMENTS } from '../../environments';
import { Cidr, parseCidr } from '../../environments/cidr';
import type { EnvironmentInput } from '../../environments/schema';

/** Benchmark VNets are carved, one /21 after another, from this block (clear of the shipped 10.40-10.42). */
export const BENCH_SUPERNET = '10.128.0.0/12';
/** Every benchmark environment gets a VNet of this prefix. */
export const BENCH_VNET_PREFIX = 21;
/** How many /21 blocks the supernet holds: the most environments `generateEnvironments` can make. */
export const MAX_BENCH_ENVIRONMENTS = 2 ** (BENCH_VNET_PREFIX - 12);

/** `b01`, `b02`, ... `b99`, `b100`, ...: short (3-4 characters) so every derived Azure name stays legal. */
export function benchEnvironmentName(index: number): string {
  if (!Number.isInteger(index) || index < 0) throw new RangeError(`index must be a non-negative integer, got ${index}`);
  return `b${String(index + 1).padStart(2, '0')}`;
}

/** The `index`-th /21 of `BENCH_SUPERNET`, e.g. 0 -> 10.128.0.0/21, 1 -> 10.128.8.0/21. */
export function benchAddressSpace(index: number): string {
  if (!Number.isInteger(index) || index < 0 || index >= MAX_BENCH_ENVIRONMENTS) {
    throw new RangeError(`index must be an integer in 0..${MAX_BENCH_ENVIRONMENTS - 1}, got ${index}`);
  }
  const supernet = parseCidr(BENCH_SUPERNET) as Cidr;
  return `${ipText(supernet.base + index * 2 ** (32 - BENCH_VNET_PREFIX))}/${BENCH_VNET_PREFIX}`;
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
  return Array.from({ length: count }, (_, i) => {
    const template = templates[i % templates.length];
    const addressSpace = benchAddressSpace(i);
    const subnets = template.network.subnets;
    return {
      ...template,
      name: benchEnvironmentName(i),
      network: {
        ...template.network,
        addressSpace,
        ...(subnets && {
          subnets: Object.fromEntries(Object.entries(subnets).map(([key, cidr]) => [key, cidr === undefined ? cidr : rebase(cidr, template.network.addressSpace, addressSpace)])),
        }),
      },
    };
  });
}

/** Moves `cidr` from inside `from` to the same offset inside `to`. */
export function rebase(cidr: string, from: string, to: string): string {
  const [block, oldVnet, newVnet] = [cidr, from, to].map((text) => {
    const parsed = parseCidr(text);
    if (typeof parsed === 'string') throw new Error(parsed);
    return parsed;
  });
  const offset = block.base - oldVnet.base;
  if (offset < 0 || offset + block.size > newVnet.size) throw new RangeError(`${cidr} does not fit into ${to} at the offset it has in ${from}`);
  return `${ipText(newVnet.base + offset)}/${block.prefix}`;
}

function ipText(n: number): string {
  return [24, 16, 8, 0].map((shift) => (n >>> shift) & 255).join('.');
}

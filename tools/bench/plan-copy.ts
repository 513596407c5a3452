/**
 * How `generatePlan` turns the template environment's resources into an independent copy: pure text
 * rewriting, kept apart from `plan.ts` (which synthesizes the template) so it is cheap to test.
 */
import { Cidr, parseCidr } from '../../environments/cidr';

/** The template environment's name: 5 letters that occur nowhere else in the synthesized JSON. */
export const TEMPLATE_ENVIRONMENT = 'bench';
export const TEMPLATE_VNET = '10.0.0.0/21';

/** Copy `copy`'s environment name: same length as the template's (`b0001`...), so name-length rules see the same thing. */
export function copyEnvironmentName(copy: number): string {
  if (!Number.isInteger(copy) || copy < 0 || copy > 9999) throw new RangeError(`copy must be an integer in 0..9999, got ${copy}`);
  return `b${String(copy).padStart(4, '0')}`;
}

/** Copy `copy`'s /21, counted from 10.0.0.0 (up to 8192 copies, ~1.5 M resources). */
export function copyAddressSpace(copy: number): string {
  const base = parseCidr(TEMPLATE_VNET) as Cidr;
  const n = base.base + copy * base.size;
  if (copy < 0 || n + base.size > 2 ** 24 + base.base) throw new RangeError(`copy ${copy} does not fit into 10.0.0.0/8`);
  return `${[24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.')}/21`;
}

/**
 * Rewrites one resource's JSON text for copy `copy`: references to template addresses (in `${...}`
 * expressions and `depends_on`), the environment name in Azure names and tags, and IPv4 addresses
 * inside the template VNet.
 */
export function copyText(text: string, copy: number, addresses: ReadonlySet<string>): string {
  const vnet = parseCidr(TEMPLATE_VNET) as Cidr;
  const target = parseCidr(copyAddressSpace(copy)) as Cidr;
  return text
    .replace(/(?<![A-Za-z0-9_.-])((?:data\.)?[a-z][a-z0-9_]*\.[A-Za-z0-9_-]+)(?![A-Za-z0-9_-])/g, (match: string) => (addresses.has(match) ? `${match}_c${copy}` : match))
    .replaceAll(TEMPLATE_ENVIRONMENT, copyEnvironmentName(copy))
    .replace(/(?<![0-9.])(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?![0-9])/g, (match: string, a: string, b: string, c: string, d: string) => {
      const ip = ((Number(a) << 24) >>> 0) + (Number(b) << 16) + (Number(c) << 8) + Number(d);
      if (ip < vnet.base || ip >= vnet.base + vnet.size) return match;
      const moved = target.base + (ip - vnet.base);
      return [24, 16, 8, 0].map((s) => (moved >>> s) & 255).join('.');
    });
}

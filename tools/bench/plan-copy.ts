/**
 * How `generatePlan` turns the template environment's resources into an independent copy: pure text
 * rewriting, kept apart from `plan.ts` (which synthesizes the template) so it is cheap to test.
 */
import { Cidr, carve, ipText, parseCidr, parseIp } from '../../environments/cidr';

/** The template environment's name: 5 letters that occur nowhere else in the synthesized JSON. */
export const TEMPLATE_ENVIRONMENT = 'bench';
export const TEMPLATE_VNET = '10.0.0.0/21';
const TEMPLATE = parseCidr(TEMPLATE_VNET) as Cidr;
/** Copies' VNets are carved, one after another, from this block. */
const COPY_SUPERNET = parseCidr('10.0.0.0/8') as Cidr;

/** Copy `copy`'s environment name: same length as the template's (`b0001`...), so name-length rules see the same thing. */
export function copyEnvironmentName(copy: number): string {
  if (!Number.isInteger(copy) || copy < 0 || copy > 9999) throw new RangeError(`copy must be an integer in 0..9999, got ${copy}`);
  return `b${String(copy).padStart(4, '0')}`;
}

/** Copy `copy`'s /21, counted from 10.0.0.0 (up to 8192 copies, ~1.5 M resources). */
export function copyAddressSpace(copy: number): string {
  const offset = TEMPLATE.base - COPY_SUPERNET.base + copy * TEMPLATE.size;
  if (copy < 0 || offset + TEMPLATE.size > COPY_SUPERNET.size) throw new RangeError(`copy ${copy} does not fit into ${COPY_SUPERNET.text}`);
  return carve(COPY_SUPERNET, offset, TEMPLATE.prefix);
}

/**
 * Rewrites one resource's JSON text for copy `copy`: references to template addresses (in `${...}`
 * expressions and `depends_on`), the environment name in Azure names and tags, and IPv4 addresses
 * inside the template VNet.
 */
export function copyText(text: string, copy: number, addresses: ReadonlySet<string>): string {
  const target = parseCidr(copyAddressSpace(copy)) as Cidr;
  return text
    .replace(/(?<![A-Za-z0-9_.-])((?:data\.)?[a-z][a-z0-9_]*\.[A-Za-z0-9_-]+)(?![A-Za-z0-9_-])/g, (match: string) => (addresses.has(match) ? `${match}_c${copy}` : match))
    .replaceAll(TEMPLATE_ENVIRONMENT, copyEnvironmentName(copy))
    .replace(/(?<![0-9.])\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}(?![0-9])/g, (match: string) => {
      const ip = parseIp(match);
      if (ip === undefined || ip < TEMPLATE.base || ip >= TEMPLATE.base + TEMPLATE.size) return match;
      return ipText(target.base + (ip - TEMPLATE.base));
    });
}

/** IPv4 CIDR arithmetic for config validation and default subnet layout. */
export interface Cidr {
  /** Network address as an unsigned 32-bit number. */
  readonly base: number;
  readonly prefix: number;
  /** Number of addresses in the block. */
  readonly size: number;
  readonly text: string;
}

const CIDR_PATTERN = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;
const IP_PATTERN = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** Parses `a.b.c.d/n`; returns a reason string when malformed or not aligned to its prefix. */
export function parseCidr(text: string): Cidr | string {
  const m = CIDR_PATTERN.exec(text);
  if (!m) return `'${text}' is not an IPv4 CIDR block like 10.0.0.0/22`;
  const octets = m.slice(1, 5).map(Number);
  const prefix = Number(m[5]);
  if (octets.some((o) => o > 255) || prefix > 32) return `'${text}' is not a valid IPv4 CIDR block`;
  // Leading zeros are read as octal by some parsers and refused by others (Go's, i.e. Terraform's).
  if (m.slice(1, 6).some(hasLeadingZero)) return `'${text}' has leading zeros; write it as ${octets.join('.')}/${prefix}`;
  const base = toNumber(octets);
  const size = 2 ** (32 - prefix);
  if (base % size !== 0) {
    return `'${text}' has host bits set; the network address for /${prefix} is ${ipText(base - (base % size))}/${prefix}`;
  }
  return { base, prefix, size, text };
}

/** Parses a single IPv4 address; undefined when malformed. */
export function parseIp(text: string): number | undefined {
  const m = IP_PATTERN.exec(text);
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  return octets.some((o) => o > 255) || m.slice(1, 5).some(hasLeadingZero) ? undefined : toNumber(octets);
}

function hasLeadingZero(part: string): boolean {
  return part.length > 1 && part.startsWith('0');
}

export function contains(outer: Cidr, inner: Cidr): boolean {
  return inner.base >= outer.base && inner.base + inner.size <= outer.base + outer.size;
}

export function overlaps(a: Cidr, b: Cidr): boolean {
  return a.base < b.base + b.size && b.base < a.base + a.size;
}

const PRIVATE_RANGES = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'].map((c) => parseCidr(c) as Cidr);

/** True when the block lies inside RFC 1918 private address space. */
export function isPrivate(cidr: Cidr): boolean {
  return PRIVATE_RANGES.some((range) => contains(range, cidr));
}

/** Space the public internet never routes: RFC 1918, CGNAT, loopback, link-local, multicast and reserved. */
const NON_PUBLIC_RANGES = ['0.0.0.0/8', '10.0.0.0/8', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', '172.16.0.0/12',
  '192.168.0.0/16', '224.0.0.0/3'].map((c) => parseCidr(c) as Cidr);

/** True when any address of the block is outside routable public space. */
export function touchesNonPublic(cidr: Cidr): boolean {
  return NON_PUBLIC_RANGES.some((range) => overlaps(range, cidr));
}

/** The block of `prefix` starting `offset` addresses after `cidr`'s network address. */
export function carve(cidr: Cidr, offset: number, prefix: number): string {
  return `${ipText(cidr.base + offset)}/${prefix}`;
}

/**
 * `block` moved from `from` to the same offset in `to` (e.g. a subnet into a new VNet); undefined
 * when it starts before `from`, does not fit into `to` there, or would not be aligned to its prefix.
 */
export function rebase(block: Cidr, from: Cidr, to: Cidr): string | undefined {
  const offset = block.base - from.base;
  const base = to.base + offset;
  if (offset < 0 || offset + block.size > to.size || base % block.size !== 0) return undefined;
  return `${ipText(base)}/${block.prefix}`;
}

function toNumber(octets: number[]): number {
  return ((octets[0] << 24) >>> 0) + (octets[1] << 16) + (octets[2] << 8) + octets[3];
}

/** An unsigned 32-bit address as a dotted quad, e.g. 0x0a280004 -> 10.40.0.4 (the inverse of `parseIp`). */
export function ipText(n: number): string {
  return [24, 16, 8, 0].map((shift) => (n >>> shift) & 255).join('.');
}

import { Cidr, carve, contains, ipText, isPrivate, overlaps, parseCidr, parseIp, rebase } from '../../environments/cidr';

/** Parses a block that the test expects to be valid; fails the test otherwise. */
function block(text: string): Cidr {
  const parsed = parseCidr(text);
  if (typeof parsed === 'string') throw new Error(`expected ${text} to parse, got: ${parsed}`);
  return parsed;
}

describe('parseCidr', () => {
  test('parses a block into network address, prefix and size', () => {
    expect(parseCidr('10.40.0.0/22')).toEqual({ base: 0x0a280000, prefix: 22, size: 1024, text: '10.40.0.0/22' });
  });

  test('handles the whole address space and single addresses', () => {
    expect(parseCidr('0.0.0.0/0')).toEqual({ base: 0, prefix: 0, size: 2 ** 32, text: '0.0.0.0/0' });
    expect(parseCidr('255.255.255.255/32')).toEqual({ base: 0xffffffff, prefix: 32, size: 1, text: '255.255.255.255/32' });
    expect(parseCidr('203.0.113.7/32')).toMatchObject({ prefix: 32, size: 1 });
  });

  test('keeps addresses above 128.0.0.0 unsigned', () => {
    expect(block('192.168.0.0/16').base).toBe(0xc0a80000);
    expect(block('172.16.0.0/12').base).toBe(0xac100000);
  });

  test.each([
    ['10.0.0.0'],
    ['10.0.0.0/'],
    ['10.0.0/8'],
    ['10.0.0.0.0/8'],
    ['a.b.c.d/8'],
    ['10.0.0.0/22 '],
    [' 10.0.0.0/22'],
    ['10.0.0.0/-1'],
    ['10.0.0.0/123'],
    ['1000.0.0.0/8'],
    [''],
    ['fd00::/8'],
  ])('rejects malformed %j', (text) => {
    expect(parseCidr(text)).toMatch(/is not an IPv4 CIDR block like 10\.0\.0\.0\/22/);
  });

  test.each([['256.0.0.0/8'], ['10.0.300.0/24'], ['10.0.0.0/33'], ['10.0.0.0/99']])('rejects out-of-range octet or prefix %j', (text) => {
    expect(parseCidr(text)).toBe(`'${text}' is not a valid IPv4 CIDR block`);
  });

  test('rejects host bits and names the network address', () => {
    expect(parseCidr('10.40.1.0/22')).toBe("'10.40.1.0/22' has host bits set; the network address for /22 is 10.40.0.0/22");
    expect(parseCidr('10.0.0.1/24')).toMatch(/host bits set; the network address for \/24 is 10\.0\.0\.0\/24/);
    expect(parseCidr('192.168.1.129/25')).toMatch(/network address for \/25 is 192\.168\.1\.128\/25/);
    expect(parseCidr('200.0.0.0/1')).toMatch(/network address for \/1 is 128\.0\.0\.0\/1/);
  });

  test('rejects leading zeros, which other parsers read as octal or refuse', () => {
    expect(parseCidr('010.40.0.0/22')).toMatch(/leading zeros/);
    expect(parseCidr('10.040.0.0/22')).toMatch(/leading zeros/);
    expect(parseCidr('10.40.0.00/22')).toMatch(/leading zeros/);
    expect(parseCidr('10.40.0.0/022')).toMatch(/is not an IPv4 CIDR block/);
    expect(parseCidr('10.40.0.0/08')).toMatch(/leading zeros/);
  });

  test('accepts zero octets and a zero prefix written once', () => {
    expect(block('10.0.0.0/8').text).toBe('10.0.0.0/8');
    expect(block('0.0.0.0/0').prefix).toBe(0);
  });
});

describe('parseIp', () => {
  test('parses dotted quads to unsigned numbers', () => {
    expect(parseIp('0.0.0.0')).toBe(0);
    expect(parseIp('10.40.0.4')).toBe(0x0a280004);
    expect(parseIp('255.255.255.255')).toBe(0xffffffff);
  });

  test.each([['10.0.0'], ['10.0.0.256'], ['10.0.0.0/24'], ['a.b.c.d'], [''], [' 10.0.0.1'], ['10.0.0.1.2'], ['010.0.0.1'], ['10.0.0.01']])(
    'returns undefined for %j', (text) => {
      expect(parseIp(text)).toBeUndefined();
    });
});

describe('contains', () => {
  const vnet = block('10.40.0.0/22');

  test('a block contains itself and its sub-blocks, including the last one', () => {
    expect(contains(vnet, vnet)).toBe(true);
    expect(contains(vnet, block('10.40.0.0/24'))).toBe(true);
    expect(contains(vnet, block('10.40.3.255/32'))).toBe(true);
    expect(contains(vnet, block('10.40.2.0/23'))).toBe(true);
  });

  test('does not contain blocks outside it, straddling it, or larger than it', () => {
    expect(contains(vnet, block('10.40.4.0/24'))).toBe(false);
    expect(contains(vnet, block('10.39.255.0/24'))).toBe(false);
    expect(contains(vnet, block('10.40.0.0/21'))).toBe(false);
    expect(contains(block('10.40.0.0/24'), vnet)).toBe(false);
  });
});

describe('overlaps', () => {
  test('is true for nested, equal and containing blocks, in either order', () => {
    const a = block('10.40.0.0/22');
    const b = block('10.40.1.0/24');
    expect(overlaps(a, b)).toBe(true);
    expect(overlaps(b, a)).toBe(true);
    expect(overlaps(a, a)).toBe(true);
  });

  test('is false for adjacent and distant blocks', () => {
    expect(overlaps(block('10.40.0.0/24'), block('10.40.1.0/24'))).toBe(false);
    expect(overlaps(block('10.40.1.0/24'), block('10.40.0.0/24'))).toBe(false);
    expect(overlaps(block('10.40.0.0/22'), block('10.41.0.0/22'))).toBe(false);
  });

  test('detects an overlap of the last address only', () => {
    expect(overlaps(block('10.40.0.0/22'), block('10.40.3.255/32'))).toBe(true);
    expect(overlaps(block('10.40.0.0/22'), block('10.40.4.0/32'))).toBe(false);
  });
});

describe('isPrivate', () => {
  test.each([['10.0.0.0/8'], ['10.255.255.0/24'], ['172.16.0.0/12'], ['172.31.255.255/32'], ['192.168.0.0/16'], ['192.168.10.0/24']])(
    '%s is RFC 1918', (text) => {
      expect(isPrivate(block(text))).toBe(true);
    });

  test.each([
    ['11.0.0.0/8'], ['172.15.255.0/24'], ['172.32.0.0/16'], ['192.169.0.0/16'], ['100.64.0.0/10'],
    ['203.0.113.0/24'], ['0.0.0.0/0'], ['8.0.0.0/6'], ['172.0.0.0/8'], ['192.0.0.0/8'],
  ])('%s is not RFC 1918 (a block only partly inside private space counts as public)', (text) => {
    expect(isPrivate(block(text))).toBe(false);
  });
});

describe('carve', () => {
  test('offsets from the network address and writes the prefix', () => {
    const vnet = block('10.40.0.0/22');
    expect(carve(vnet, 0, 24)).toBe('10.40.0.0/24');
    expect(carve(vnet, 256, 27)).toBe('10.40.1.0/27');
    expect(carve(vnet, 512, 23)).toBe('10.40.2.0/23');
  });

  test('carries across octets and stays unsigned above 128.0.0.0', () => {
    expect(carve(block('10.40.255.0/24'), 256, 24)).toBe('10.41.0.0/24');
    expect(carve(block('192.168.0.0/16'), 65535, 32)).toBe('192.168.255.255/32');
  });
});

describe('ipText', () => {
  test('writes unsigned numbers as dotted quads, the inverse of parseIp', () => {
    expect(ipText(0)).toBe('0.0.0.0');
    expect(ipText(0x0a280004)).toBe('10.40.0.4');
    expect(ipText(0xffffffff)).toBe('255.255.255.255');
    for (const text of ['10.0.0.0', '172.16.254.1', '192.168.0.255']) expect(ipText(parseIp(text)!)).toBe(text);
  });
});

describe('rebase', () => {
  test('moves a block to the same offset in another block', () => {
    expect(rebase(block('10.42.1.0/26'), block('10.42.0.0/21'), block('10.128.8.0/21'))).toBe('10.128.9.0/26');
    expect(rebase(block('10.42.0.0/21'), block('10.42.0.0/21'), block('192.168.8.0/21'))).toBe('192.168.8.0/21');
    expect(rebase(block('10.42.2.0/23'), block('10.42.0.0/21'), block('10.1.0.0/22'))).toBe('10.1.2.0/23');
  });

  test('is undefined when the block does not fit at that offset, starts before its block, or would not be aligned', () => {
    expect(rebase(block('10.42.6.0/23'), block('10.42.0.0/21'), block('10.1.0.0/22'))).toBeUndefined();
    expect(rebase(block('10.42.3.0/24'), block('10.42.0.0/22'), block('10.1.0.0/24'))).toBeUndefined();
    expect(rebase(block('10.41.255.0/24'), block('10.42.0.0/21'), block('10.1.0.0/21'))).toBeUndefined();
    expect(rebase(block('10.0.2.0/23'), block('10.0.1.0/24'), block('10.1.0.0/22'))).toBeUndefined();
  });
});

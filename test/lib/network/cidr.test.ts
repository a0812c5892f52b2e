import { cidr, nextFreeBlock, parseCidr, rangeContains, rangesOverlap, subdivide } from '../../../lib/network/cidr';

describe('CIDR arithmetic', () => {
  it('parses valid CIDRs and explains invalid or misaligned ones', () => {
    expect(parseCidr('100.64.0.0/22')).toMatchObject({ prefixLength: 22 });
    expect(parseCidr('100.64.0.0')).toMatch(/not a valid IPv4 CIDR/);
    expect(parseCidr('300.64.0.0/22')).toMatch(/not a valid IPv4 CIDR/);
    expect(parseCidr('100.64.2.0/22')).toMatch(/did you mean 100\.64\.0\.0\/22/);
  });

  it('decides overlap and containment at the edges', () => {
    expect(rangesOverlap(cidr('100.64.0.0/24'), cidr('100.64.0.255/32'))).toBe(true);
    expect(rangesOverlap(cidr('100.64.0.0/24'), cidr('100.64.1.0/24'))).toBe(false);
    expect(rangeContains(cidr('100.64.0.0/12'), cidr('100.79.255.0/24'))).toBe(true);
    expect(rangeContains(cidr('100.64.0.0/12'), cidr('100.80.0.0/24'))).toBe(false);
  });

  it('subdivides a range into aligned subnets', () => {
    expect(subdivide(cidr('203.0.113.0/27'), 28, 2)).toEqual(['203.0.113.0/28', '203.0.113.16/28']);
    expect(() => subdivide(cidr('203.0.113.0/27'), 28, 3)).toThrow(/holds only 2/);
  });

  it('finds the next free aligned block around taken ranges, or none when exhausted', () => {
    const pool = cidr('100.64.0.0/20');
    expect(nextFreeBlock(pool, 22, [])).toBe('100.64.0.0/22');
    expect(nextFreeBlock(pool, 22, [cidr('100.64.0.0/24')])).toBe('100.64.4.0/22');
    expect(nextFreeBlock(pool, 24, [cidr('100.64.0.0/24'), cidr('100.64.2.0/23')])).toBe('100.64.1.0/24');
    expect(nextFreeBlock(pool, 21, [cidr('100.64.0.0/22'), cidr('100.64.12.0/22')])).toBeUndefined();
    expect(nextFreeBlock(pool, 22, [cidr('100.64.0.0/12')])).toBeUndefined();
  });
});

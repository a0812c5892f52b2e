// Address plans for the gateway VPC and spokes: inside their ranges, disjoint, by zone, and
// refused with a clear message when a range is too small.
import { cidr, rangeContains, rangesOverlap } from '../../../lib/network/cidr';
import { loadConfig } from '../../../lib/config/load';
import type { LandingZoneConfig, WorkloadAccountConfig } from '../../../lib/config/schema';
import { gatewayVpcLayout, gatewayVpcSizeProblem, spokeLayout, spokeVpcSizeProblem } from '../../../lib/network/layout';
import { EXAMPLE_CONFIG_DIR } from '../../helpers/synth';

const loaded = loadConfig(EXAMPLE_CONFIG_DIR);
const lz = loaded.landingZone;
const account = loaded.accounts[0].config;

function withZones(count: number, overrides: Partial<LandingZoneConfig['network']> = {}): LandingZoneConfig {
  return {
    ...lz,
    network: { ...lz.network, availabilityZones: ['euw2-az1', 'euw2-az2', 'euw2-az3', 'euw2-az4'].slice(0, count), ...overrides },
  };
}

function expectDisjointInside(parent: string[], subnets: string[]): void {
  for (const subnet of subnets) expect(parent.some((range) => rangeContains(cidr(range), cidr(subnet)))).toBe(true);
  subnets.forEach((a, i) => subnets.slice(i + 1).forEach((b) => expect(rangesOverlap(cidr(a), cidr(b))).toBe(false)));
}

describe('gateway VPC layout', () => {
  // Four zones with AWS endpoints need more than the example's /24 (four /27s after twelve /28s).
  const LARGE = { gatewayVpcCidr: '100.126.0.0/23' };

  it.each([2, 3, 4])('gives every zone a TGW, firewall, public and endpoint subnet (%i zones)', (zones) => {
    const layout = gatewayVpcLayout(withZones(zones, LARGE));
    for (const list of [layout.tgw, layout.firewall, layout.public, layout.endpoints])
      expect(list.map((s) => s.zoneId)).toEqual(withZones(zones).network.availabilityZones);
    expectDisjointInside(
      [LARGE.gatewayVpcCidr, lz.network.hscn!.allocation],
      [...layout.tgw, ...layout.firewall, ...layout.public, ...layout.hscn, ...layout.endpoints].map((s) => s.cidr),
    );
  });

  it('appends the endpoint /27s after the /28s, so adding endpoints moves no existing subnet', () => {
    const withEndpoints = gatewayVpcLayout(lz);
    const without = gatewayVpcLayout({ ...lz, network: { ...lz.network, awsEndpoints: { services: [] } } });
    expect(without.endpoints).toEqual([]);
    expect({ ...withEndpoints, endpoints: [] }).toEqual(without);
    // The example: 2 zones, six /28s (0-95), then 96/27 and 128/27; a /27 holds 27 endpoint addresses.
    expect(withEndpoints.endpoints).toEqual([
      { zoneId: 'euw2-az1', cidr: '100.127.0.96/27' },
      { zoneId: 'euw2-az2', cidr: '100.127.0.128/27' },
    ]);
  });

  it('numbers HSCN subnets from the allocation, at least two, never smaller than /28', () => {
    const layout = gatewayVpcLayout(withZones(4, LARGE));
    expect(layout.hscn).toHaveLength(2);
    for (const subnet of layout.hscn) expect(cidr(subnet.cidr).prefixLength).toBeLessThanOrEqual(28);
    const larger = gatewayVpcLayout(withZones(4, { ...LARGE, hscn: { ...lz.network.hscn!, allocation: '203.0.113.0/25' } }));
    expect(larger.hscn.map((s) => s.cidr)).toEqual(['203.0.113.0/27', '203.0.113.32/27', '203.0.113.64/27', '203.0.113.96/27']);
  });

  it('refuses a gateway VPC too small for its subnets, naming the size needed', () => {
    expect(() => gatewayVpcLayout(withZones(4, { gatewayVpcCidr: '100.127.0.0/26', awsEndpoints: { services: [] } }))).toThrow(
      /holds 4 \/28 subnets but the gateway VPC needs 12.*use a \/24 or larger/,
    );
    expect(() => gatewayVpcLayout(withZones(4))).toThrow(/and a \/27 AWS endpoint subnet in each of 4 zones; use a \/23 or larger/);
  });

  it('advises the smallest gateway VPC that really fits with endpoints, and that size builds', () => {
    for (const zones of [2, 3, 4]) {
      const smallest = Number(/use a \/(\d+) or larger/.exec(gatewayVpcSizeProblem(28, zones, true)!)![1]);
      expect(gatewayVpcSizeProblem(smallest, zones, true)).toBeUndefined();
      expect(gatewayVpcSizeProblem(smallest + 1, zones, true)).toBeDefined();
      expect(() => gatewayVpcLayout(withZones(zones, { gatewayVpcCidr: `100.126.0.0/${smallest}` }))).not.toThrow();
    }
  });
});

describe('spoke layout', () => {
  it.each([
    ['100.64.0.0/21', 2],
    ['100.64.0.0/24', 3],
    ['100.64.0.0/24', 4],
    ['100.64.0.0/16', 2],
  ])('splits %s over %i zones into disjoint private and TGW subnets', (range, zones) => {
    const layout = spokeLayout(withZones(zones), { ...account, cidr: range } as WorkloadAccountConfig);
    expect(layout.private).toHaveLength(zones);
    expect(layout.tgw).toHaveLength(zones);
    expectDisjointInside(
      [range],
      [...layout.private, ...layout.tgw].map((s) => s.cidr),
    );
    expect(layout.tgw.at(-1)!.cidr.endsWith('/28')).toBe(true);
    expect(cidr(layout.tgw.at(-1)!.cidr).last).toBe(cidr(range).last);
  });

  it('refuses a VPC too small for subnets in every zone', () => {
    expect(() => spokeLayout(withZones(4), { ...account, cidr: '100.64.0.0/27' } as WorkloadAccountConfig)).toThrow(/too small/);
  });

  it('advises the smallest size that really fits, and that size builds', () => {
    for (const zones of [1, 2, 3, 4, 6]) {
      const advice = spokeVpcSizeProblem(28, zones)!;
      const smallest = Number(/use a \/(\d+) or larger/.exec(advice)![1]);
      expect(spokeVpcSizeProblem(smallest, zones)).toBeUndefined();
      expect(spokeVpcSizeProblem(smallest + 1, zones)).toBeDefined();
      expect(() => spokeLayout(withZones(zones), { ...account, cidr: `100.64.0.0/${smallest}` } as WorkloadAccountConfig)).not.toThrow();
    }
    expect(spokeVpcSizeProblem(26, 2)).toBeUndefined();
    expect(gatewayVpcSizeProblem(25, 2)).toBeUndefined();
    expect(gatewayVpcSizeProblem(26, 2)).toMatch(/use a \/25 or larger/);
  });
});

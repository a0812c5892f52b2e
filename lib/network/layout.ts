// Address planning for the gateway VPC and the workload spokes. Pure functions of configuration,
// shared by the stacks (which create the subnets), the diagram and the connection summary (which
// describe them), so that a document can never disagree with what is deployed.
import { cidr as parseCidr, formatCidr, rangeSize, subdivide } from './cidr';
import type { LandingZoneConfig, WorkloadAccountConfig } from '../config/schema';

/** Subnets of a VPC per availability-zone ID. */
export interface ZoneSubnet {
  readonly zoneId: string;
  readonly cidr: string;
}

export interface GatewayVpcLayout {
  readonly vpcCidr: string;
  /** The HSCN allocation, added as a secondary CIDR; absent without an HSCN edge. */
  readonly hscnCidr?: string;
  readonly tgw: readonly ZoneSubnet[];
  readonly firewall: readonly ZoneSubnet[];
  readonly public: readonly ZoneSubnet[];
  /** HSCN-numbered subnets: at most one per zone, as many as the allocation holds (at least two). */
  readonly hscn: readonly ZoneSubnet[];
  /** One /27 per zone for the central AWS interface endpoints; empty when no endpoint is configured. */
  readonly endpoints: readonly ZoneSubnet[];
}

/** AWS's smallest subnet; enough for the few interfaces each purpose needs. */
const SMALL_SUBNET_PREFIX = 28;

/** Private supernets no spoke may reach through the hub except the listed HSCN prefixes. */
export const PRIVATE_SUPERNETS = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'] as const;

function log2Ceil(value: number): number {
  let bits = 0;
  while (1 << bits < value) bits += 1;
  return bits;
}

/** Endpoint subnets: one address per endpoint per zone, 27 usable in a /27 (AWS reserves five). */
export const ENDPOINT_SUBNET_PREFIX = 27;

/** AWS accepts VPC CIDRs from /16 to /28. */
const VPC_LARGEST_PREFIX = 16;

/**
 * Where the endpoint subnets start, relative to the start of the primary CIDR: the first /27
 * boundary after the TGW, firewall and public /28s (appended, so adding endpoints to an existing
 * estate moves no existing subnet).
 */
function endpointSubnetsOffset(zoneCount: number): bigint {
  const used = BigInt(zoneCount * 3) * rangeSize(SMALL_SUBNET_PREFIX);
  const block = rangeSize(ENDPOINT_SUBNET_PREFIX);
  return ((used + block - 1n) / block) * block;
}

/**
 * Whether the gateway VPC's primary CIDR holds a /28 per zone for each of the TGW, firewall and
 * public subnets, and, with endpoints, a /27 per zone after them.
 */
function gatewayVpcFits(prefixLength: number, zoneCount: number, endpointSubnets: boolean): boolean {
  if (!endpointSubnets) return Number(rangeSize(prefixLength) / rangeSize(SMALL_SUBNET_PREFIX)) >= zoneCount * 3;
  return endpointSubnetsOffset(zoneCount) + BigInt(zoneCount) * rangeSize(ENDPOINT_SUBNET_PREFIX) <= rangeSize(prefixLength);
}

/** Whether a spoke of this size holds one private subnet per zone and a /28 TGW subnet per zone. */
function spokeFits(prefixLength: number, zoneCount: number): boolean {
  const partBits = log2Ceil(zoneCount + 1);
  const partPrefix = prefixLength + partBits;
  if (partPrefix > SMALL_SUBNET_PREFIX) return false;
  const spare = BigInt((1 << partBits) - zoneCount) * rangeSize(partPrefix);
  return spare >= BigInt(zoneCount) * rangeSize(SMALL_SUBNET_PREFIX);
}

/** The smallest VPC (the longest prefix) that fits, or undefined when even a /16 does not. */
function smallestFittingPrefix(fits: (prefixLength: number) => boolean): number | undefined {
  for (let prefix = SMALL_SUBNET_PREFIX; prefix >= VPC_LARGEST_PREFIX; prefix -= 1) if (fits(prefix)) return prefix;
  return undefined;
}

function sizeAdvice(fits: (prefixLength: number) => boolean): string {
  const smallest = smallestFittingPrefix(fits);
  return smallest === undefined ? 'no VPC size fits; configure fewer availability zones' : `use a /${smallest} or larger`;
}

/**
 * Why a gateway VPC primary CIDR of this prefix length cannot hold the layout, or undefined when it can.
 * Validation calls this so the problem is reported with file and line before anything is synthesized.
 */
export function gatewayVpcSizeProblem(prefixLength: number, zoneCount: number, endpointSubnets = false): string | undefined {
  if (gatewayVpcFits(prefixLength, zoneCount, endpointSubnets)) return undefined;
  const fits = (prefix: number): boolean => gatewayVpcFits(prefix, zoneCount, endpointSubnets);
  if (endpointSubnets) {
    return `is too small for the TGW, firewall and public /${SMALL_SUBNET_PREFIX} subnets and a /${ENDPOINT_SUBNET_PREFIX} AWS endpoint subnet in each of ${zoneCount} zones; ${sizeAdvice(fits)}`;
  }
  return `holds ${Number(rangeSize(prefixLength) / rangeSize(SMALL_SUBNET_PREFIX))} /${SMALL_SUBNET_PREFIX} subnets but the gateway VPC needs ${zoneCount * 3} (TGW, firewall and public subnets in ${zoneCount} zones); ${sizeAdvice(fits)}`;
}

/**
 * Why a workload VPC of this prefix length cannot hold a private and a TGW subnet in every zone, or
 * undefined when it can.
 */
export function spokeVpcSizeProblem(prefixLength: number, zoneCount: number): string | undefined {
  if (spokeFits(prefixLength, zoneCount)) return undefined;
  const fits = (prefix: number): boolean => spokeFits(prefix, zoneCount);
  return `is too small for a private subnet and a /${SMALL_SUBNET_PREFIX} TGW subnet in each of ${zoneCount} zones; ${sizeAdvice(fits)}`;
}

/**
 * Gateway VPC: the primary CIDR is cut into /28s, one per zone for each of the TGW, firewall and
 * public subnets (in that order); the HSCN allocation is split evenly over the zones it can hold.
 */
export function gatewayVpcLayout(config: LandingZoneConfig): GatewayVpcLayout {
  const zones = config.network.availabilityZones;
  const primary = parseCidr(config.network.gatewayVpcCidr);
  const withEndpoints = config.network.awsEndpoints.services.length > 0;
  const problem = gatewayVpcSizeProblem(primary.prefixLength, zones.length, withEndpoints);
  // Validation reports this with file and line first (lib/config/validate/network.ts); reaching it is a bug.
  if (problem) throw new Error(`network.gatewayVpcCidr ${primary.text}: ${problem}`);
  const needed = zones.length * 3;
  const blocks = subdivide(primary, SMALL_SUBNET_PREFIX, needed);
  const perZone = (offset: number): ZoneSubnet[] => zones.map((zoneId, index) => ({ zoneId, cidr: blocks[offset + index] }));

  const hscn = config.network.hscn;
  let hscnSubnets: ZoneSubnet[] = [];
  if (hscn) {
    const allocation = parseCidr(hscn.allocation);
    // The allocation is small (a /27 is typical) and HSCN-assigned: use one subnet per zone while
    // each stays at least a /28, never fewer than the two zones the resolver endpoint needs.
    const maxSubnets = Number(rangeSize(allocation.prefixLength) / rangeSize(SMALL_SUBNET_PREFIX));
    const count = Math.min(zones.length, maxSubnets);
    const prefix = allocation.prefixLength + log2Ceil(count);
    hscnSubnets = subdivide(allocation, prefix, count).map((block, index) => ({ zoneId: zones[index], cidr: block }));
  }
  const endpointSize = rangeSize(ENDPOINT_SUBNET_PREFIX);
  const endpoints = withEndpoints
    ? zones.map((zoneId, index) => ({
        zoneId,
        cidr: formatCidr(primary.first + endpointSubnetsOffset(zones.length) + BigInt(index) * endpointSize, ENDPOINT_SUBNET_PREFIX),
      }))
    : [];
  return {
    vpcCidr: primary.text,
    hscnCidr: hscn?.allocation,
    tgw: perZone(0),
    firewall: perZone(zones.length),
    public: perZone(zones.length * 2),
    hscn: hscnSubnets,
    endpoints,
  };
}

export interface SpokeLayout {
  readonly vpcCidr: string;
  readonly private: readonly ZoneSubnet[];
  /** Small dedicated subnets for the Transit Gateway interfaces, at the end of the range. */
  readonly tgw: readonly ZoneSubnet[];
}

/**
 * Workload spoke: the range is split into the smallest power of two of equal parts that leaves at
 * least one part free; the first parts are the private subnets (one per zone), and the last /28s
 * of the range are the TGW-attachment subnets, so workloads get nearly all the addresses.
 */
export function spokeLayout(config: LandingZoneConfig, account: WorkloadAccountConfig): SpokeLayout {
  const zones = config.network.availabilityZones;
  const range = parseCidr(account.cidr);
  const problem = spokeVpcSizeProblem(range.prefixLength, zones.length);
  // Validation reports this with file and line first (lib/config/validate/network.ts); reaching it is a bug.
  if (problem) throw new Error(`account ${account.name}: VPC ${range.text}: ${problem}`);
  const partBits = log2Ceil(zones.length + 1);
  const partPrefix = range.prefixLength + partBits;
  const parts = subdivide(range, partPrefix, zones.length);
  const tgwSize = rangeSize(SMALL_SUBNET_PREFIX);
  const tgwStart = range.last + 1n - BigInt(zones.length) * tgwSize;
  return {
    vpcCidr: range.text,
    private: zones.map((zoneId, index) => ({ zoneId, cidr: parts[index] })),
    tgw: zones.map((zoneId, index) => ({ zoneId, cidr: formatCidr(tgwStart + BigInt(index) * tgwSize, SMALL_SUBNET_PREFIX) })),
  };
}

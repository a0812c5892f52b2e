// VPC ranges for vended accounts: the sizes a vend can ask for, every range already held, and the
// lowest free aligned block of the workload pool (or why there is none and what to do about it).
import { type CidrRange, nextFreeBlock, parseCidr, rangeSize } from '../../lib/network/cidr';
import type { LandingZoneConfig, WorkloadAccountConfig } from '../../lib/config/schema';

/**
 * VPC sizes a vend can ask for (docs/decisions/0400). A /24 holds two to four zones of private
 * subnets plus the /28 attachment subnets; a /20 is the largest we hand out so that the pool lasts.
 */
export const VPC_SIZES = { small: 24, medium: 22, large: 20 } as const;
export type VpcSize = keyof typeof VPC_SIZES;
export const DEFAULT_VPC_SIZE: VpcSize = 'medium';

/** A range vending must not allocate from, with who holds it (for messages). */
export interface TakenRange {
  readonly range: CidrRange;
  readonly holder: string;
}

/** Every range a new VPC must avoid: all accounts' VPCs (suspended ones keep theirs), reserved ranges and the gateway VPC. */
export function takenRanges(lz: LandingZoneConfig, accounts: readonly WorkloadAccountConfig[]): TakenRange[] {
  const taken: TakenRange[] = [];
  const push = (text: string, holder: string): void => {
    const range = parseCidr(text);
    if (typeof range !== 'string') taken.push({ range, holder });
  };
  for (const account of accounts) push(account.cidr, `account ${account.name}`);
  for (const text of lz.network.reservedRanges) push(text, 'network.reservedRanges');
  push(lz.network.gatewayVpcCidr, 'network.gatewayVpcCidr');
  return taken;
}

export type Allocation = { readonly cidr: string } | { readonly exhausted: string };

/** The lowest free aligned block of `prefixLength` in the workload pool, or why there is none. */
export function allocateCidr(lz: LandingZoneConfig, accounts: readonly WorkloadAccountConfig[], prefixLength: number): Allocation {
  const pool = parseCidr(lz.network.workloadPool);
  if (typeof pool === 'string') return { exhausted: pool };
  const taken = takenRanges(lz, accounts);
  const cidr = nextFreeBlock(
    pool,
    prefixLength,
    taken.map((entry) => entry.range),
  );
  if (cidr !== undefined) return { cidr };
  const used = taken
    .filter((entry) => entry.range.first >= pool.first && entry.range.last <= pool.last)
    .reduce((sum, entry) => sum + rangeSize(entry.range.prefixLength), 0n);
  const smaller = (Object.entries(VPC_SIZES) as [VpcSize, number][])
    .filter(
      ([, prefix]) =>
        prefix > prefixLength &&
        nextFreeBlock(
          pool,
          prefix,
          taken.map((entry) => entry.range),
        ) !== undefined,
    )
    .map(([size, prefix]) => `${size} (/${prefix})`);
  return {
    exhausted:
      `${pool.text} has no free /${prefixLength} left: accounts, reserved ranges and the gateway VPC hold ${used} of its ${rangeSize(pool.prefixLength)} addresses. ` +
      (smaller.length > 0 ? `A smaller size still fits: ${smaller.join(', ')}. ` : '') +
      "To grow, ask the network team for a larger pool (a change to network.workloadPool reviewed like any network change); never reuse a suspended account's range",
  };
}

// The prefix list of HSCN-entitled spoke CIDRs, as facts: its size and which CIDRs it holds. The
// network stack owns the list (empty in Terraform, so that it never lists accounts); the network-routes
// stack owns one entry per entitled spoke; the firewall's HSCN rules refer to it as @HSCN_ENTITLED.
import { hscnEntitled } from '../config/model';
import type { WorkloadAccountConfig } from '../config/schema';

/**
 * Fixed capacity of the list. Sized once, never from the number of entitled accounts: a size that
 * followed the estate would edit the network stack on every entitlement. 1,000 is the Amazon VPC quota
 * "maximum number of entries per prefix list" (Amazon VPC User Guide, "Amazon VPC quotas", managed
 * prefix lists). Its only cost is the 1,000,000-CIDR budget of IP set references per firewall, which
 * Network Firewall counts from max entries for prefix lists (Network Firewall Developer Guide,
 * "IP set references", limits); nothing else (no security group, no route) refers to the list.
 */
export const HSCN_ENTITLED_LIST_MAX_ENTRIES = 1000;

/** The CIDRs the list must hold: every active HSCN-entitled account's CIDR, the same set the firewall allowed before. */
export function hscnEntitledCidrs(accounts: readonly WorkloadAccountConfig[]): string[] {
  const cidrs = hscnEntitled(accounts).map((account) => account.cidr);
  if (cidrs.length > HSCN_ENTITLED_LIST_MAX_ENTRIES) {
    throw new Error(`${cidrs.length} HSCN-entitled accounts exceed the entitlement prefix list's ${HSCN_ENTITLED_LIST_MAX_ENTRIES} entries (Amazon VPC quota)`);
  }
  return cidrs;
}

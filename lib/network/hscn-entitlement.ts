// The prefix list of HSCN-entitled spoke CIDRs, as facts: its fixed size. The
// network stack owns the list (empty in Terraform, so that it never lists accounts); the network-routes
// stack owns one entry per entitled spoke; the firewall's HSCN rules refer to it as @HSCN_ENTITLED.
// Configuration validation refuses more entitled accounts than the list holds.
/**
 * Fixed capacity of the list. Sized once, never from the number of entitled accounts: a size that
 * followed the estate would edit the network stack on every entitlement. 1,000 is the Amazon VPC quota
 * "maximum number of entries per prefix list" (Amazon VPC User Guide, "Amazon VPC quotas", managed
 * prefix lists). Max entries count against the quotas of whatever refers to a list (Amazon VPC User Guide,
 * "Prefix lists concepts and rules"); here only the firewall does, whose IP set references may hold
 * 1,000,000 CIDRs (Network Firewall Developer Guide, "IP set references", limits).
 */
export const HSCN_ENTITLED_LIST_MAX_ENTRIES = 1000;

// Route 53 Resolver DNS Firewall rules as data derived from configuration: the network stack turns
// them into one rule group (shared with every spoke through the Route 53 Profile), and the
// reachability proof reads them back from the synthesized JSON to decide a DNS query.
// https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-dns-firewall-rule-groups.html
import type { LandingZoneConfig } from '../config/schema';

/**
 * AWS managed threat lists DNS Firewall offers
 * (https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-dns-firewall-managed-domain-lists.html).
 * Their IDs differ per Region and only an AWS call returns them, so configuration names each ID.
 */
export const MANAGED_THREAT_LIST_NAMES = [
  'AWSManagedDomainsMalwareDomainList',
  'AWSManagedDomainsBotnetCommandandControl',
  'AWSManagedDomainsAggregateThreatList',
  'AWSManagedDomainsAmazonGuardDutyThreatList',
] as const;

export type DnsFirewallAction = 'ALLOW' | 'BLOCK';

export interface DnsFirewallRuleSpec {
  /** Stable suffix of the rule and domain-list names and construct IDs. */
  readonly id: string;
  /** Lower first; the first rule whose list matches decides the query. */
  readonly priority: number;
  readonly action: DnsFirewallAction;
  /** Our own list (created by the stack) or an AWS managed list (referenced by ID). */
  readonly list:
    | { readonly kind: 'custom'; readonly domains: readonly string[] }
    | { readonly kind: 'managed'; readonly name: string; readonly id: string };
}

/**
 * A configured domain in DNS Firewall syntax: a leading dot (the estate's convention, as in
 * internetEgress.allowedDomains) means the name and every subdomain, which DNS Firewall spells as the
 * name plus `*.name` (a wildcard matches subdomains only).
 */
export function dnsFirewallDomains(domains: readonly string[]): string[] {
  return [...new Set(domains.flatMap((domain) => (domain.startsWith('.') ? [domain.slice(1), `*${domain}`] : [domain])))];
}

/**
 * Allowed domains first (so that a false positive in a managed list can be overridden without
 * removing the list), then the configured block list, then each managed threat list. Blocked
 * queries get NODATA, so clients fail fast instead of retrying.
 */
export function dnsFirewallRules(config: LandingZoneConfig): DnsFirewallRuleSpec[] {
  const firewall = config.network.dnsFirewall;
  const rules: DnsFirewallRuleSpec[] = [];
  if (firewall.allowedDomains.length > 0)
    rules.push({
      id: 'allowed-domains',
      priority: 100,
      action: 'ALLOW',
      list: { kind: 'custom', domains: dnsFirewallDomains(firewall.allowedDomains) },
    });
  if (firewall.blockedDomains.length > 0)
    rules.push({
      id: 'blocked-domains',
      priority: 200,
      action: 'BLOCK',
      list: { kind: 'custom', domains: dnsFirewallDomains(firewall.blockedDomains) },
    });
  firewall.managedThreatLists.forEach((list, index) => {
    rules.push({
      id: list.name.replace(/^AWSManagedDomains/, 'managed-').toLowerCase(),
      priority: 300 + index * 10,
      action: 'BLOCK',
      list: { kind: 'managed', name: list.name, id: list.id },
    });
  });
  return rules;
}

/** Whether a DNS Firewall domain entry matches a query name (exact, or `*.` for any subdomain). */
export function dnsFirewallDomainMatches(entry: string, queryName: string): boolean {
  const name = queryName.toLowerCase().replace(/\.$/, '');
  const pattern = entry.toLowerCase().replace(/\.$/, '');
  if (pattern === '*') return true;
  if (pattern.startsWith('*.')) return name.endsWith(pattern.slice(1));
  return name === pattern;
}

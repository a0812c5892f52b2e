// The gateway firewall's stateful rules (Suricata, strict order) as data derived from configuration.
// The stack turns them into rule groups; the reachability proof reads them back from the
// synthesized JSON; the connection summary lists them. Entitlement lives in an IP set reference to a
// prefix list, so entitling an account adds one prefix-list entry, never edits the rules themselves.
import { hscnEntitled } from '../config/model';
import type { LandingZoneConfig, WorkloadAccountConfig } from '../config/schema';
import { PRIVATE_SUPERNETS } from './layout';

export interface FirewallRuleGroupSpec {
  /** Stable suffix of the rule group name and construct ID. */
  readonly id: string;
  readonly description: string;
  /** Evaluation order in the policy (lower first). */
  readonly priority: number;
  /** IP-set variables the rules refer to as $NAME. */
  readonly variables: Readonly<Record<string, readonly string[]>>;
  /**
   * IP set references the rules refer to as @NAME: each names a prefix list whose entries another
   * stack manages (the stack supplies the ARN), so that a change of membership never edits the rule group.
   * @default none
   */
  readonly ipSetReferences?: readonly string[];
  readonly rules: readonly string[];
}

/** Default actions for packets no rule matches: drop data on any connection nobody allowed. */
export const STATEFUL_DEFAULT_ACTIONS = ['aws:drop_established', 'aws:alert_established'] as const;

/** Shared address space (RFC 6598) from which the example numbers spokes; never internet. */
const SHARED_ADDRESS_SPACE = '100.64.0.0/10';
const LINK_LOCAL = '169.254.0.0/16';

/** Everything that is not the internet, from the spokes' point of view. */
export function nonInternetRanges(config: LandingZoneConfig): string[] {
  const network = config.network;
  const ranges = [network.workloadPool, network.gatewayVpcCidr, SHARED_ADDRESS_SPACE, LINK_LOCAL, ...PRIVATE_SUPERNETS];
  if (network.hscn) ranges.push(network.hscn.allocation, ...network.hscn.prefixes);
  return [...new Set(ranges)];
}

function domainMatch(keyword: 'tls.sni' | 'http.host', domain: string): string {
  // A leading dot means the domain and every subdomain (dotprefix makes ".nhs.uk" match "nhs.uk");
  // without it, exactly that name.
  return domain.startsWith('.')
    ? `${keyword}; dotprefix; content:"${domain}"; nocase; endswith;`
    : `${keyword}; content:"${domain}"; nocase; startswith; endswith;`;
}

/**
 * The IP set reference of the HSCN entitlement rules: a prefix list in the network stack whose entries
 * (one per entitled spoke CIDR) the network-routes stack manages, so that entitling an account changes
 * network-routes only (docs/decisions/0508-vend-touches-four-stacks.md).
 */
export const HSCN_ENTITLED_REFERENCE = 'HSCN_ENTITLED';

export function firewallRuleGroups(config: LandingZoneConfig, accounts: readonly WorkloadAccountConfig[]): FirewallRuleGroupSpec[] {
  const network = config.network;
  const groups: FirewallRuleGroupSpec[] = [];
  let sid = 0;
  const next = (base: number): number => {
    sid = Math.max(sid + 1, base);
    return sid;
  };

  if (network.hscn) {
    const hscn = network.hscn;
    const entitled = hscnEntitled(accounts).map((account) => account.cidr);
    const rules: string[] = [];
    sid = 0;
    if (entitled.length > 0) {
      for (const { protocol, port } of hscn.allowedPorts) {
        const proto = protocol.toLowerCase();
        rules.push(
          `pass ${proto} @${HSCN_ENTITLED_REFERENCE} any -> $HSCN_PREFIXES ${port} (msg:"entitled spoke to HSCN ${proto}/${port}"; flow:to_server; sid:${next(100001)}; rev:1;)`,
        );
      }
    }
    // Everything else towards HSCN, including TCP handshakes from spokes that are not entitled.
    rules.push(
      `drop ip any any -> $HSCN_PREFIXES any (msg:"HSCN destination not allowed for this source or port"; sid:${next(100001)}; rev:1;)`,
    );
    // HSCN never starts a flow through the estate (the TGW already gives it no route; this is the second lock).
    rules.push(`drop ip $HSCN_PREFIXES any -> any any (msg:"HSCN-originated traffic is never forwarded"; sid:${next(100001)}; rev:1;)`);
    const variables: Record<string, string[]> = { HSCN_PREFIXES: [...hscn.prefixes] };
    // The entitled CIDRs are the reference's entries (network-routes), not a variable here. The pass
    // rules exist only once some account is entitled: the first entitlement (and the withdrawal of the
    // last) still edits this group; every other one edits only the prefix list's entries.
    const ipSetReferences = entitled.length > 0 ? [HSCN_ENTITLED_REFERENCE] : [];
    groups.push({
      id: 'hscn-entitlement',
      description: 'HSCN entitlement: only entitled spoke CIDRs reach HSCN prefixes, on the allowed ports',
      priority: 100,
      variables,
      ipSetReferences,
      rules,
    });
  }

  sid = 0;
  const internet: string[] = [];
  const domains = network.internetEgress.allowedDomains;
  if (domains.length === 0) {
    // Even with the internet open, DNS to a resolver outside the estate would never meet Route 53
    // Resolver's DNS Firewall or query logging (ADR 0625): DNS and DNS over TLS go no further.
    internet.push(`drop udp $SPOKES any -> !$NOT_INTERNET 53 (msg:"DNS to outside resolvers not allowed"; sid:${next(200001)}; rev:1;)`);
    internet.push(
      `drop tcp $SPOKES any -> !$NOT_INTERNET [53,853] (msg:"DNS and DNS over TLS to outside resolvers not allowed"; sid:${next(200001)}; rev:1;)`,
    );
    internet.push(`pass ip $SPOKES any -> !$NOT_INTERNET any (msg:"spoke to internet"; sid:${next(200001)}; rev:1;)`);
  } else {
    for (const domain of domains) {
      internet.push(
        `pass tls $SPOKES any -> !$NOT_INTERNET 443 (msg:"spoke to ${domain} (TLS SNI)"; ${domainMatch('tls.sni', domain)} flow:to_server; sid:${next(200001)}; rev:1;)`,
      );
      internet.push(
        `pass http $SPOKES any -> !$NOT_INTERNET 80 (msg:"spoke to ${domain} (HTTP Host)"; ${domainMatch('http.host', domain)} flow:to_server; sid:${next(200001)}; rev:1;)`,
      );
    }
  }
  // Close what the default action leaves open: drop_established lets connection-setup packets through
  // so that TLS SNI can be read, and for UDP and ICMP the first packet is connection setup.
  internet.push(`drop udp any any -> any any (msg:"UDP not allowed"; sid:${next(200001)}; rev:1;)`);
  internet.push(`drop icmp any any -> any any (msg:"ICMP not allowed"; sid:${next(200001)}; rev:1;)`);
  groups.push({
    id: 'internet-egress',
    description: domains.length === 0 ? 'Spokes to the internet' : 'Spokes to the allowed internet domains only',
    priority: 200,
    variables: { SPOKES: [network.workloadPool], NOT_INTERNET: nonInternetRanges(config) },
    rules: internet,
  });
  return groups;
}

// How a query can leave a VPC, as AWS documents it, and which of those ways the estate's DNS
// controls see. The guardrails (policies/workload-network.ts, DenyDnsPathsAroundFirewall), the
// reachability model (tools/network/reachability/dns.ts) and the attack tests
// (test/attacks/dns-bypass.test.ts) all rest on these facts; each carries the page that states it.

export interface DnsPathFact {
  readonly id: string;
  readonly fact: string;
  readonly reference: string;
}

export const DNS_PATH_FACTS: readonly DnsPathFact[] = [
  {
    id: 'firewall-sees-resolver-queries-only',
    fact:
      'DNS Firewall filters the queries that go out from a VPC through Route 53 Resolver: Resolver passes each query for a VPC with ' +
      'an associated rule group to DNS Firewall. A query sent to any other server never meets it (nor Resolver query logging).',
    reference: 'https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-dns-firewall-overview.html',
  },
  {
    id: 'dhcp-options-replace-resolver',
    fact:
      'A DHCP option set names up to four DNS servers or AmazonProvidedDNS; once associated with a VPC every existing and new ' +
      'instance in it uses those servers. A set without AmazonProvidedDNS sends the VPC past Route 53 Resolver.',
    reference: 'https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateDhcpOptions.html',
  },
  {
    id: 'rule-groups-by-priority',
    fact:
      'Several rule groups on one VPC are processed from the lowest numeric priority up (100 to 9900); an ALLOW or BLOCK match ' +
      'ends inspection, so a group of the account ahead of the estate’s can ALLOW what the estate blocks.',
    reference: 'https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-dns-firewall-rule-group-priority.html',
  },
  {
    id: 'forwarding-rules-and-endpoints',
    fact:
      'An outbound Resolver endpoint and a forwarding rule send queries for a domain to servers the rule names, from network ' +
      'interfaces in the VPC’s own subnets, so the forwarded query is an ordinary packet on the VPC’s routes.',
    reference: 'https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-forwarding-outbound-queries.html',
  },
  {
    id: 'dns-transports',
    fact: 'DNS travels on UDP and TCP port 53 (RFC 1035), DNS over TLS on TCP 853 (RFC 7858) and DNS over HTTPS inside HTTPS on 443 (RFC 8484).',
    reference: 'https://www.rfc-editor.org/rfc/rfc7858 and https://www.rfc-editor.org/rfc/rfc8484',
  },
];

/** The ports a resolver outside the estate listens on, by transport (dns-transports). */
export const OUTSIDE_DNS_TRANSPORTS: readonly { readonly name: string; readonly protocol: 'udp' | 'tcp'; readonly port: number }[] = [
  { name: 'DNS over UDP', protocol: 'udp', port: 53 },
  { name: 'DNS over TCP', protocol: 'tcp', port: 53 },
  { name: 'DNS over TLS', protocol: 'tcp', port: 853 },
];

/**
 * Well-known public resolvers that answer DNS over HTTPS and TLS, by the name a client presents as
 * TLS SNI and one of their published addresses (each operator's own page). A workload that reaches
 * one resolves names outside DNS Firewall; the egress firewall's domain list is what stops it.
 */
export const PUBLIC_DOH_RESOLVERS: readonly { readonly host: string; readonly address: string; readonly reference: string }[] = [
  { host: 'dns.google', address: '8.8.8.8', reference: 'https://developers.google.com/speed/public-dns/docs/doh' },
  { host: 'cloudflare-dns.com', address: '1.1.1.1', reference: 'https://developers.cloudflare.com/1.1.1.1/encryption/dns-over-https/' },
  { host: 'dns.quad9.net', address: '9.9.9.9', reference: 'https://www.quad9.net/service/service-addresses-and-features/' },
];

/** The value of a DHCP option set's domain-name-servers that keeps a VPC on Route 53 Resolver. */
export const AMAZON_PROVIDED_DNS = 'AmazonProvidedDNS';

// Leaving DNS Firewall from a spoke (ADR 0625), packet by packet: a workload administrator tries to
// resolve names somewhere DNS Firewall and query logging never see (lib/network/dns-paths.ts says
// where AWS documents each way). The attacker's DHCP options and rule groups are injected into the
// synthesized stacks; the guardrail that refuses the API calls is proven in isolation-attacks.test.ts
// (DenyDnsPathsAroundFirewall). Every case names the promise it tests; the negative controls show the
// same packets pass when the control is taken away, so the denials come from the estate, not a blind model.
import { loadConfig } from '../../lib/config/load';
import { AMAZON_PROVIDED_DNS, DNS_PATH_FACTS, OUTSIDE_DNS_TRANSPORTS, PUBLIC_DOH_RESOLVERS } from '../../lib/network/dns-paths';
import {
  buildDnsModel,
  buildNetworkModel,
  resolve,
  trace,
  withDhcpDnsServers,
  withOwnDnsFirewallAllow,
  type NetworkModel,
} from '../../tools/network/reachability';
import type { Json } from '../../tools/network/reachability/model';
import { copyExampleConfig, editConfigFile } from '../helpers/config-fixtures';
import { EXAMPLE_CONFIG_DIR, synthConfig } from '../helpers/synth';

const lz = loadConfig(EXAMPLE_CONFIG_DIR).landingZone;
const stacks: ReadonlyMap<string, Json> = synthConfig(EXAMPLE_CONFIG_DIR).stacks;
const learnedHscnRoutes = lz.network.hscn!.prefixes;
const network = buildNetworkModel(stacks, { learnedHscnRoutes });
const dns = buildDnsModel(stacks);

const SPOKES = [
  { name: 'clinical-portal-prod', stack: 'workload-clinical-portal-prod', host: '100.64.1.10' },
  { name: 'analytics-dev', stack: 'workload-analytics-dev', host: '100.64.8.10' },
];
const ATTACKER = SPOKES[1];
/** An instance in the attacker's own spoke, run as its DNS server. */
const OWN_DNS_SERVER = '100.64.8.53';
const BLOCKED = 'chunk1.payload.exfil.example';

function vpcKeyOf(model: NetworkModel, stackName: string): string {
  const vpc = [...model.vpcs.values()].find((candidate) => candidate.key.startsWith(`${stackName}/`));
  if (!vpc) throw new Error(`no VPC in ${stackName}`);
  return vpc.key;
}

describe('the DNS path facts the controls rest on', () => {
  it('each names the AWS or RFC page that states it', () => {
    for (const fact of DNS_PATH_FACTS) expect(fact.reference).toMatch(/^https:\/\/(docs\.aws\.amazon\.com|www\.rfc-editor\.org)\//);
    expect(DNS_PATH_FACTS.map((fact) => fact.id)).toEqual(
      expect.arrayContaining(['firewall-sees-resolver-queries-only', 'dhcp-options-replace-resolver', 'rule-groups-by-priority']),
    );
  });

  it('the synthesized estate keeps every VPC on Route 53 Resolver: no DHCP option set names another server, DNS support stays on', () => {
    for (const json of stacks.values()) {
      for (const options of Object.values<Json>(json.resource?.aws_vpc_dhcp_options ?? {}))
        expect(options.domain_name_servers ?? [AMAZON_PROVIDED_DNS]).toEqual([AMAZON_PROVIDED_DNS]);
      for (const vpc of Object.values<Json>(json.resource?.aws_vpc ?? {})) expect(vpc.enable_dns_support).not.toBe(false);
    }
    for (const spoke of SPOKES) expect(resolve(dns, vpcKeyOf(network, spoke.stack), BLOCKED)).toMatchObject({ outcome: 'blocked' });
  });
});

describe('promise internet-only-via-gateway: DNS to a resolver outside the estate is dropped by the egress firewall', () => {
  const probes = SPOKES.flatMap((spoke) =>
    PUBLIC_DOH_RESOLVERS.flatMap((resolver) =>
      OUTSIDE_DNS_TRANSPORTS.map((transport) => [spoke.name, transport.name, resolver.address, spoke, transport] as const),
    ),
  );

  it.each(probes)('%s: %s to %s is dropped at the firewall', (_name, _transport, address, spoke, transport) => {
    const verdict = trace(network, { from: spoke.host, to: address, protocol: transport.protocol, port: transport.port });
    expect(verdict.allowed).toBe(false);
    expect(verdict.crossedFirewall).toBe(true);
    // UDP meets the explicit drop; TCP 53 and 853 meet no pass rule (the default drops established traffic).
    expect(verdict.reason).toMatch(transport.protocol === 'udp' ? /UDP not allowed/ : /no firewall rule allows it/);
  });

  it.each(PUBLIC_DOH_RESOLVERS.map((resolver) => [resolver.host, resolver]))(
    'DNS over HTTPS to %s: the SNI is on no allow-list, so the firewall drops it',
    (_host, resolver) => {
      const verdict = trace(network, { from: ATTACKER.host, to: resolver.address, port: 443, domain: resolver.host });
      expect(verdict.allowed).toBe(false);
      expect(verdict.crossedFirewall).toBe(true);
    },
  );

  it('negative control: with dns.google on allowedDomains, DNS over HTTPS to it passes (the domain list is the control)', () => {
    const dir = copyExampleConfig();
    editConfigFile(dir, 'landing-zone.yaml', 'allowedDomains: [.nhs.uk', 'allowedDomains: [dns.google, .nhs.uk');
    const widened = buildNetworkModel(synthConfig(dir).stacks, { learnedHscnRoutes });
    const google = PUBLIC_DOH_RESOLVERS.find((resolver) => resolver.host === 'dns.google')!;
    expect(trace(widened, { from: ATTACKER.host, to: google.address, port: 443, domain: google.host }).allowed).toBe(true);
    // Only HTTPS with that name: plain DNS to the same resolver stays dropped.
    expect(trace(widened, { from: ATTACKER.host, to: google.address, protocol: 'udp', port: 53 }).allowed).toBe(false);
  });

  it('with no domain list (the internet open) DNS and DNS over TLS to outside resolvers are still dropped; DNS over HTTPS is not', () => {
    const dir = copyExampleConfig();
    editConfigFile(dir, 'landing-zone.yaml', 'allowedDomains: [.nhs.uk, .digital.nhs.uk]', 'allowedDomains: []');
    const open = buildNetworkModel(synthConfig(dir).stacks, { learnedHscnRoutes });
    for (const transport of OUTSIDE_DNS_TRANSPORTS) {
      const verdict = trace(open, { from: ATTACKER.host, to: '8.8.8.8', protocol: transport.protocol, port: transport.port });
      expect({ transport: transport.name, allowed: verdict.allowed, reason: verdict.reason }).toEqual({
        transport: transport.name,
        allowed: false,
        reason: expect.stringMatching(/DNS .*to outside resolvers not allowed/),
      });
    }
    // The list is what stops DNS over HTTPS: without one, every HTTPS destination passes.
    expect(trace(open, { from: ATTACKER.host, to: '8.8.8.8', port: 443, domain: 'dns.google' }).allowed).toBe(true);
  });

  it('accepted residual: DNS over HTTPS with an allowed name in the SNI passes, because the firewall reads only the name the client sends', () => {
    // docs/network-isolation.md ("what SNI filtering can and cannot prove"): closing this needs TLS inspection.
    const google = PUBLIC_DOH_RESOLVERS.find((resolver) => resolver.host === 'dns.google')!;
    expect(trace(network, { from: ATTACKER.host, to: google.address, port: 443, domain: 'www.digital.nhs.uk' }).allowed).toBe(true);
  });
});

describe('promise internet-only-via-gateway: DHCP options naming another DNS server gain the administrator nothing', () => {
  it('with 8.8.8.8 in its DHCP options the spoke never asks Resolver (DNS Firewall does not see the query), and the query packet is dropped', () => {
    const attacked = withDhcpDnsServers(stacks, ATTACKER.stack, ['8.8.8.8']);
    const attackedNetwork = buildNetworkModel(attacked, { learnedHscnRoutes });
    const answer = resolve(buildDnsModel(attacked), vpcKeyOf(attackedNetwork, ATTACKER.stack), BLOCKED);
    expect(answer).toEqual({ outcome: 'sent-to-server', server: '8.8.8.8' });
    for (const transport of OUTSIDE_DNS_TRANSPORTS) {
      const verdict = trace(attackedNetwork, { from: ATTACKER.host, to: '8.8.8.8', protocol: transport.protocol, port: transport.port });
      expect({ transport: transport.name, allowed: verdict.allowed }).toEqual({ transport: transport.name, allowed: false });
    }
  });

  it('AmazonProvidedDNS listed first still leaves the VPC exposed: any other server listed is used', () => {
    const attacked = withDhcpDnsServers(stacks, ATTACKER.stack, [AMAZON_PROVIDED_DNS, '8.8.8.8']);
    const attackedNetwork = buildNetworkModel(attacked, { learnedHscnRoutes });
    expect(resolve(buildDnsModel(attacked), vpcKeyOf(attackedNetwork, ATTACKER.stack), BLOCKED)).toEqual({
      outcome: 'sent-to-server',
      server: '8.8.8.8',
    });
  });

  it('with its own instance as DNS server, that server reaches the outside only through the firewall, and Resolver still filters it', () => {
    const attacked = withDhcpDnsServers(stacks, ATTACKER.stack, [OWN_DNS_SERVER]);
    const attackedNetwork = buildNetworkModel(attacked, { learnedHscnRoutes });
    const vpc = vpcKeyOf(attackedNetwork, ATTACKER.stack);
    expect(resolve(buildDnsModel(attacked), vpc, BLOCKED)).toEqual({ outcome: 'sent-to-server', server: OWN_DNS_SERVER });
    // The query reaches the instance inside the spoke...
    expect(trace(attackedNetwork, { from: ATTACKER.host, to: OWN_DNS_SERVER, protocol: 'udp', port: 53 }).allowed).toBe(true);
    // ...which cannot recurse to the internet, and whose own lookups through Resolver meet DNS Firewall.
    const upstream = trace(attackedNetwork, { from: OWN_DNS_SERVER, to: '8.8.8.8', protocol: 'udp', port: 53 });
    expect([upstream.allowed, upstream.crossedFirewall]).toEqual([false, true]);
    expect(resolve(dns, vpc, BLOCKED)).toMatchObject({ outcome: 'blocked' });
  });

  it('an outbound Resolver endpoint forwarding to an outside resolver sends from the spoke subnets: the forwarded query is dropped', () => {
    // forwarding-rules-and-endpoints: the endpoint's interfaces are addresses in the spoke's own subnets.
    const endpointInterface = '100.64.8.20';
    for (const transport of OUTSIDE_DNS_TRANSPORTS) {
      const verdict = trace(network, { from: endpointInterface, to: '8.8.8.8', protocol: transport.protocol, port: transport.port });
      expect(verdict.hops[0]).toMatch(/^analytics-dev: /);
      expect([verdict.allowed, verdict.crossedFirewall]).toEqual([false, true]);
    }
  });
});

describe("promise internet-only-via-gateway: a rule group of the account's own ahead of the estate's reopens DNS (so the API is denied)", () => {
  it("an ALLOW-everything group associated ahead of the profile's group lets a blocked domain resolve", () => {
    const attacked = withOwnDnsFirewallAllow(stacks, ATTACKER.stack, ['*'], 101);
    const attackedNetwork = buildNetworkModel(attacked, { learnedHscnRoutes });
    expect(resolve(buildDnsModel(attacked), vpcKeyOf(attackedNetwork, ATTACKER.stack), BLOCKED)).toEqual({ outcome: 'public' });
  });

  it("the same group behind the estate's (a higher priority number) changes nothing", () => {
    const attacked = withOwnDnsFirewallAllow(stacks, ATTACKER.stack, ['*'], 9000);
    const attackedNetwork = buildNetworkModel(attacked, { learnedHscnRoutes });
    expect(resolve(buildDnsModel(attacked), vpcKeyOf(attackedNetwork, ATTACKER.stack), BLOCKED)).toMatchObject({ outcome: 'blocked' });
  });

  it('the other spoke is untouched: a rule group association is per VPC', () => {
    const attacked = withOwnDnsFirewallAllow(stacks, ATTACKER.stack, ['*'], 101);
    const attackedNetwork = buildNetworkModel(attacked, { learnedHscnRoutes });
    expect(resolve(buildDnsModel(attacked), vpcKeyOf(attackedNetwork, SPOKES[0].stack), BLOCKED)).toMatchObject({ outcome: 'blocked' });
  });
});

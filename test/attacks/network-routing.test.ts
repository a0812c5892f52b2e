// Packet-level attacks by a workload account's administrator (issue 12, network half): attacker resources
// are injected into the synthesized stacks (tools/network/reachability/attacker.ts) and packets walked
// through the routing and firewall model. Every case names the promise it tests. The negative controls
// re-create the hub's routing before ADR 0620 and show the same attacks succeed there, so the
// denials below come from that decision and not from a blind model.
import { cidr, formatCidr } from '../../lib/network/cidr';
import { loadConfig } from '../../lib/config/load';
import {
  type Probe,
  type Verdict,
  buildNetworkModel,
  describeExit,
  trace,
  traceReply,
  withEndpointRoute,
  withSecondaryCidr,
  withSpokePropagationIntoGateway,
} from '../../tools/network/reachability';
import type { Json } from '../../tools/network/reachability/model';
import { EXAMPLE_CONFIG_DIR, synthConfig } from '../helpers/synth';

const lz = loadConfig(EXAMPLE_CONFIG_DIR).landingZone;
const hscn = lz.network.hscn!;
const stacks: ReadonlyMap<string, Json> = synthConfig(EXAMPLE_CONFIG_DIR).stacks;

// The example: clinical-portal-prod (100.64.0.0/21) is HSCN-entitled, analytics-dev (100.64.8.0/22) is not.
const ENTITLED = { stack: 'workload-clinical-portal-prod', cidr: '100.64.0.0/21', host: '100.64.1.10', name: 'clinical-portal-prod' };
const ATTACKER = { stack: 'workload-analytics-dev', cidr: '100.64.8.0/22', host: '100.64.8.10', name: 'analytics-dev' };
const INTERNET_HOST = '192.0.2.200';
const ALLOWED_DOMAIN = 'www.digital.nhs.uk';
const hostIn = (range: string, offset = 10n) => formatCidr(cidr(range).first + offset, 32).replace('/32', '');
const HSCN_SERVICE = hostIn(
  hscn.prefixes.find((prefix) => prefix.startsWith('10.'))!,
  1n,
);

function model(input: ReadonlyMap<string, Json> = stacks, learned: readonly string[] = hscn.prefixes) {
  return buildNetworkModel(input, { learnedHscnRoutes: learned });
}
const baseline = model();
const denied = (verdict: Verdict) => ({ allowed: verdict.allowed, reason: verdict.reason });

describe('promise: only HSCN-entitled accounts reach HSCN', () => {
  it.each(hscn.prefixes)('a non-entitled spoke is blackholed by its Transit Gateway table before the firewall: %s', (prefix) => {
    const verdict = trace(baseline, { from: ATTACKER.host, to: hostIn(prefix, 1n), port: 443 });
    expect(denied(verdict)).toEqual({
      allowed: false,
      reason: `blackholed in Transit Gateway table ${lz.organization.namePrefix}-spokes (${prefix})`,
    });
    expect(verdict.crossedFirewall).toBe(false);
  });

  it('a secondary CIDR inside the entitled spoke range does not reach HSCN (source address is not the control)', () => {
    const attacked = model(withSecondaryCidr(stacks, ATTACKER.stack, '100.64.0.0/24'));
    const verdict = trace(attacked, { from: '100.64.0.10', to: HSCN_SERVICE, port: 443 });
    expect(verdict.allowed).toBe(false);
    expect(verdict.reason).toMatch(/blackholed in Transit Gateway table exvalley-spokes/);
  });

  it('replies to a secondary CIDR inside the entitled range go to the entitled spoke, never to the attacker', () => {
    const attacked = model(withSecondaryCidr(stacks, ATTACKER.stack, '100.64.0.0/24'));
    const probe: Probe = { from: '100.64.0.10', to: INTERNET_HOST, port: 443, domain: ALLOWED_DOMAIN };
    const forward = trace(attacked, probe);
    expect(forward.allowed).toBe(true);
    const reply = traceReply(attacked, probe, forward);
    expect(reply.arrives).toBe(false);
    expect(reply.reason).toContain(`${ENTITLED.name} /`);
  });

  it('negative control: with spoke propagation into gateway (the routing before ADR 0620) the attacker gets those replies', () => {
    const attacked = model(withSpokePropagationIntoGateway(withSecondaryCidr(stacks, ATTACKER.stack, '100.64.0.0/24')));
    const probe: Probe = { from: '100.64.0.10', to: INTERNET_HOST, port: 443, domain: ALLOWED_DOMAIN };
    expect(traceReply(attacked, probe, trace(attacked, probe)).arrives).toBe(true);
  });

  it("a secondary CIDR inside an HSCN prefix does not hijack the entitled spoke's HSCN traffic", () => {
    const hijack = formatCidr(cidr(hscn.prefixes.find((prefix) => prefix.startsWith('10.'))!).first + 5n * 256n, 24);
    const attacked = model(withSecondaryCidr(stacks, ATTACKER.stack, hijack));
    const verdict = trace(attacked, { from: ENTITLED.host, to: hostIn(hijack), port: 443 });
    expect(verdict.allowed).toBe(true);
    expect(verdict.exit?.kind).toBe('hscn');
    // Negative control: propagated into gateway, the attacker's /24 beats the HSCN /16 and takes the traffic.
    const before = model(withSpokePropagationIntoGateway(withSecondaryCidr(stacks, ATTACKER.stack, hijack)));
    expect(describeExit(trace(before, { from: ENTITLED.host, to: hostIn(hijack), port: 443 }).exit)).toContain(ATTACKER.name);
  });

  it('traffic sourced from a secondary CIDR inside an HSCN prefix is dropped by the firewall', () => {
    const hijack = formatCidr(cidr(hscn.prefixes.find((prefix) => prefix.startsWith('10.'))!).first + 5n * 256n, 24);
    const attacked = model(withSecondaryCidr(stacks, ATTACKER.stack, hijack));
    const verdict = trace(attacked, { from: hostIn(hijack), to: INTERNET_HOST, port: 443, domain: ALLOWED_DOMAIN });
    expect(verdict.allowed).toBe(false);
    expect(verdict.reason).toMatch(/firewall drops/);
  });

  it('an entitled spoke keeps its replies when HSCN advertises exactly its CIDR (static beats propagated)', () => {
    const hostile = model(stacks, [...hscn.prefixes, ENTITLED.cidr]);
    const probe: Probe = { from: ENTITLED.host, to: HSCN_SERVICE, port: 443 };
    const forward = trace(hostile, probe);
    expect(forward.allowed).toBe(true);
    expect(traceReply(hostile, probe, forward).arrives).toBe(true);
  });
});

describe('promise: spokes never reach one another, and a spoke is reached only at its configured CIDR', () => {
  it('a secondary CIDR does not open a path to the spoke whose range it copies', () => {
    const attacked = model(withSecondaryCidr(stacks, ATTACKER.stack, '100.64.0.0/24'));
    const verdict = trace(attacked, { from: '100.64.0.10', to: ENTITLED.host, port: 443 });
    expect(verdict.allowed).toBe(false);
    expect(verdict.reason).toMatch(/blackholed in Transit Gateway table exvalley-spokes \(100\.64\.0\.0\/12\)/);
  });

  it.each(['100.70.0.0/24', '172.31.0.0/24', '198.18.0.0/24'])(
    "a secondary CIDR %s outside the account's configured range gets no replies",
    (range) => {
      const attacked = model(withSecondaryCidr(stacks, ATTACKER.stack, range));
      const probe: Probe = { from: hostIn(range), to: INTERNET_HOST, port: 443, domain: ALLOWED_DOMAIN };
      const forward = trace(attacked, probe);
      // Whatever the forward verdict, nothing routes the answer back to the attacker's range.
      if (forward.allowed) expect(traceReply(attacked, probe, forward).arrives).toBe(false);
      else expect(forward.allowed).toBe(false);
    },
  );
});

describe('promise: internet egress only through the firewall, and a spoofed SNI gets no further than the internet', () => {
  it.each([
    ['an HSCN prefix', () => HSCN_SERVICE],
    ['the entitled spoke', () => ENTITLED.host],
    ['the workload pool', () => hostIn(lz.network.workloadPool, 4000n)],
  ])('an allowed SNI towards %s is denied', (_label, to) => {
    const verdict = trace(baseline, { from: ATTACKER.host, to: to(), port: 443, domain: ALLOWED_DOMAIN });
    expect(verdict.allowed).toBe(false);
  });

  it('an allowed SNI from an entitled spoke towards HSCN on a port outside allowedPorts is dropped', () => {
    const verdict = trace(baseline, { from: ENTITLED.host, to: HSCN_SERVICE, port: 8443, domain: ALLOWED_DOMAIN });
    expect(verdict.allowed).toBe(false);
    expect(verdict.reason).toMatch(/firewall drops/);
  });

  it('a domain outside allowedDomains is dropped, and UDP (DNS tunnelling to the internet) is dropped', () => {
    expect(trace(baseline, { from: ATTACKER.host, to: INTERNET_HOST, port: 443, domain: 'exfiltrate.example' }).allowed).toBe(false);
    expect(trace(baseline, { from: ATTACKER.host, to: INTERNET_HOST, protocol: 'udp', port: 53 }).allowed).toBe(false);
  });
});

describe('must allow: normal work', () => {
  it.each(hscn.prefixes)('the entitled spoke reaches HSCN %s on 443, and the reply comes back', (prefix) => {
    const probe: Probe = { from: ENTITLED.host, to: hostIn(prefix, 1n), port: 443 };
    const forward = trace(baseline, probe);
    expect(forward.allowed).toBe(true);
    expect(forward.exit?.kind).toBe('hscn');
    expect(forward.natGateways.map((nat) => nat.kind)).toEqual(['private']);
    expect(traceReply(baseline, probe, forward).arrives).toBe(true);
  });

  it('the entitled spoke reaches HSCN DNS over UDP 53', () => {
    expect(trace(baseline, { from: ENTITLED.host, to: hostIn(hscn.prefixes[0], 1n), protocol: 'udp', port: 53 }).allowed).toBe(true);
  });

  it.each([ENTITLED, ATTACKER])(
    '$name reaches an allow-listed internet domain through the firewall and public NAT, and gets the reply',
    (spoke) => {
      const probe: Probe = { from: spoke.host, to: INTERNET_HOST, port: 443, domain: ALLOWED_DOMAIN };
      const forward = trace(baseline, probe);
      expect(forward.allowed).toBe(true);
      expect(forward.crossedFirewall).toBe(true);
      expect(forward.natGateways.map((nat) => nat.kind)).toEqual(['public']);
      expect(traceReply(baseline, probe, forward).arrives).toBe(true);
    },
  );
});

// What routing cannot close, pinned so that the model never reports a false denial for them; the
// guardrails close them at the API (ec2:VpceServiceOwner, subnet sharing), see docs/network-isolation.md.
describe('residual paths the network cannot close (closed by guardrails), pinned', () => {
  it('a route to an endpoint of a foreign Gateway Load Balancer service leaves the estate without crossing the firewall', () => {
    const attacked = model(
      withEndpointRoute(stacks, ATTACKER.stack, 'com.amazonaws.vpce.eu-west-2.vpce-svc-0attacker0000000', '0.0.0.0/0'),
    );
    const verdict = trace(attacked, { from: ATTACKER.host, to: INTERNET_HOST, port: 443 });
    expect(verdict.allowed).toBe(true);
    expect(verdict.crossedFirewall).toBe(false);
    expect(verdict.exit).toEqual({ kind: 'vpc-endpoint', service: 'com.amazonaws.vpce.eu-west-2.vpce-svc-0attacker0000000' });
  });

  it('TLS SNI filtering trusts the client: any internet address presenting an allowed name passes', () => {
    const verdict = trace(baseline, { from: ATTACKER.host, to: '203.0.113.250', port: 443, domain: ALLOWED_DOMAIN });
    expect(verdict.allowed).toBe(true);
  });
});

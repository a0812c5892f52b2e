// Offline proofs of the HSCN gateway's routing invariants (docs/hscn-gateway.md, "The routing
// trap and the routing lessons"), walked over the synthesized Terraform JSON of the example and of generated estates, with
// benign and hostile routes advertised by HSCN.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TerraformJson } from '../../../tools/synth/output';
import { cidr, formatCidr, rangesOverlap } from '../../../lib/network/cidr';
import { hscnEntitled, isActive } from '../../../lib/config/model';
import { type LoadedConfig, loadConfig } from '../../../lib/config/load';
import { type NetworkModel, type Probe, buildNetworkModel, trace, traceReply } from '../../../tools/network/reachability';
import { copyExampleConfig, editConfigFile, generateConfig } from '../../helpers/config-fixtures';
import { EXAMPLE_CONFIG_DIR, type SynthResult, resourcesOfType, synthConfig } from '../../helpers/synth';

/** An address on the internet side for probes (documentation range, outside every configured range). */
const INTERNET_HOST = '192.0.2.200';

interface Estate {
  readonly loaded: LoadedConfig;
  readonly synth: SynthResult;
}

function estate(dir: string): Estate {
  return { loaded: loadConfig(dir), synth: synthConfig(dir) };
}

function host(range: string, offset = 10n): string {
  const parsed = cidr(range);
  return formatCidr(parsed.first + offset, 32).replace('/32', '');
}

/** One source address per private subnet (zone) of each active spoke, read from the synthesized stack. */
function spokeSources(e: Estate): { account: string; entitled: boolean; address: string; cidr: string }[] {
  const out: { account: string; entitled: boolean; address: string; cidr: string }[] = [];
  for (const { config: account } of e.loaded.accounts) {
    if (!isActive(account)) continue;
    const stack = e.synth.stacks.get(`workload-${account.name}`)!;
    for (const subnet of Object.values(resourcesOfType(stack, 'aws_subnet'))) {
      if (String(subnet.tags?.Name).includes('-private-'))
        out.push({ account: account.name, entitled: account.hscn, address: host(subnet.cidr_block), cidr: account.cidr });
    }
  }
  return out;
}

const HOSTILE: Record<string, (e: Estate) => string[]> = {
  'a default route 0.0.0.0/0': () => ['0.0.0.0/0'],
  'two halves 0.0.0.0/1 and 128.0.0.0/1': () => ['0.0.0.0/1', '128.0.0.0/1'],
  // A /24 at the start of the pool: more specific than the first spoke's own CIDR.
  'a prefix overlapping the workload pool': (e) => [formatCidr(cidr(e.loaded.landingZone.network.workloadPool).first, 24)],
};

function proveInvariants(e: Estate, model: NetworkModel, options: { replies: boolean }): void {
  const lz = e.loaded.landingZone;
  const hscn = lz.network.hscn!;
  const sources = spokeSources(e);
  const accounts = e.loaded.accounts.map((a) => a.config);
  expect(sources.length).toBeGreaterThan(0);
  expect(hscnEntitled(accounts).length).toBeGreaterThan(0);
  const spokeVpcNames = new Set(accounts.map((account) => account.name));
  const gatewayVpc = [...model.vpcs.values()].find((vpc) => vpc.ranges.some((range) => range.text === lz.network.gatewayVpcCidr))!;

  for (const source of sources) {
    // HSCN: entitled spokes reach every prefix on every allowed port, only via firewall and private NAT.
    for (const prefix of hscn.prefixes) {
      for (const { protocol, port } of hscn.allowedPorts) {
        const probe: Probe = { from: source.address, to: host(prefix, 1n), protocol: protocol === 'TCP' ? 'tcp' : 'udp', port };
        const verdict = trace(model, probe);
        if (source.entitled) {
          expect({ probe, allowed: verdict.allowed, reason: verdict.reason }).toEqual({ probe, allowed: true, reason: undefined });
          expect(verdict.exit?.kind).toBe('hscn');
          expect(verdict.crossedFirewall).toBe(true);
          expect(verdict.natGateways.map((nat) => nat.kind)).toEqual(['private']);
          const firewallHop = verdict.hops.findIndex((hop) => hop.startsWith('firewall: pass'));
          const natHop = verdict.hops.findIndex((hop) => hop.startsWith('private NAT'));
          expect(firewallHop).toBeGreaterThan(-1);
          expect(natHop).toBeGreaterThan(firewallHop);
          if (options.replies) expect(traceReply(model, probe, verdict).arrives).toBe(true);
        } else {
          expect({ probe, allowed: verdict.allowed }).toEqual({ probe, allowed: false });
        }
      }
      // A port nobody allowed is refused even to entitled spokes.
      expect(trace(model, { from: source.address, to: host(prefix, 1n), protocol: 'tcp', port: 22 }).allowed).toBe(false);
    }

    // No spoke reaches another spoke, directly or through any NAT gateway.
    for (const other of accounts.filter((a) => a.name !== source.account)) {
      for (const offset of [1n, 10n, cidr(other.cidr).last - cidr(other.cidr).first - 1n]) {
        const verdict = trace(model, { from: source.address, to: host(other.cidr, offset), protocol: 'tcp', port: 443 });
        expect({ from: source.account, to: other.name, allowed: verdict.allowed }).toEqual({
          from: source.account,
          to: other.name,
          allowed: false,
        });
      }
    }
    for (const nat of model.natGateways.values()) {
      const natSubnet = model.subnets.get(nat.subnetKey)!;
      const verdict = trace(model, { from: source.address, to: host(natSubnet.range.text, 4n), protocol: 'tcp', port: 443 });
      // Addressed to the NAT gateway itself: at most delivered into the gateway VPC, never onwards.
      if (verdict.allowed) expect(verdict.exit).toMatchObject({ kind: 'vpc', vpcKey: gatewayVpc.key });
    }

    // The internet: only through the firewall, then the public NAT, then the internet gateway.
    const domains = lz.network.internetEgress.allowedDomains;
    const allowedDomain = domains.length > 0 ? `www${domains[0].startsWith('.') ? '' : '.'}${domains[0]}` : 'www.example.com';
    const internet = trace(model, { from: source.address, to: INTERNET_HOST, protocol: 'tcp', port: 443, domain: allowedDomain });
    expect({ source: source.account, allowed: internet.allowed, reason: internet.reason }).toEqual({
      source: source.account,
      allowed: true,
      reason: undefined,
    });
    expect(internet.exit?.kind).toBe('internet');
    expect(internet.crossedFirewall).toBe(true);
    expect(internet.natGateways.map((nat) => nat.kind)).toEqual(['public']);
    if (options.replies) expect(traceReply(model, { from: source.address, to: INTERNET_HOST }, internet).arrives).toBe(true);
    if (domains.length > 0) {
      expect(
        trace(model, { from: source.address, to: INTERNET_HOST, protocol: 'tcp', port: 443, domain: 'exfiltration.example.com' }).allowed,
      ).toBe(false);
      expect(trace(model, { from: source.address, to: INTERNET_HOST, protocol: 'udp', port: 53 }).allowed).toBe(false);
    }

    // Every allowed flow from a spoke ends outside the estate or in the gateway VPC, never in a spoke.
    for (const verdict of [internet]) {
      if (verdict.exit?.kind === 'vpc') expect(spokeVpcNames.has(verdict.exit.vpc)).toBe(false);
    }
  }

  // Nothing from HSCN reaches the internet or a spoke; it reaches only the gateway VPC's HSCN subnets.
  for (const prefix of [...hscn.prefixes, '0.0.0.0/8']) {
    const from = host(prefix, 1n);
    expect(trace(model, { from, to: INTERNET_HOST, origin: 'hscn' }).allowed).toBe(false);
    for (const account of accounts) expect(trace(model, { from, to: host(account.cidr), origin: 'hscn' }).allowed).toBe(false);
    const published = trace(model, { from, to: host(hscn.allocation, 5n), origin: 'hscn' });
    expect(published.allowed).toBe(true);
    expect(published.exit).toMatchObject({ kind: 'vpc', vpcKey: gatewayVpc.key });
    expect(published.crossedFirewall).toBe(false);
    expect(trace(model, { from, to: host(lz.network.gatewayVpcCidr), origin: 'hscn' }).allowed).toBe(false);
  }
  // Nothing from the internet reaches a spoke or HSCN.
  for (const account of accounts)
    expect(trace(model, { from: INTERNET_HOST, to: host(account.cidr), origin: 'internet' }).allowed).toBe(false);
  expect(trace(model, { from: INTERNET_HOST, to: host(hscn.prefixes[0], 1n), origin: 'internet' }).allowed).toBe(false);

  // The Direct Connect gateway advertises exactly the HSCN allocation.
  expect(model.directConnectAdvertised).toEqual([hscn.allocation]);
}

function modelFor(e: Estate, extra: readonly string[] = []): NetworkModel {
  return buildNetworkModel(e.synth.stacks, { learnedHscnRoutes: [...e.loaded.landingZone.network.hscn!.prefixes, ...extra] });
}

describe('reachability of the example estate', () => {
  const example = estate(EXAMPLE_CONFIG_DIR);

  it('proves every invariant with the routes HSCN is expected to advertise', () => {
    proveInvariants(example, modelFor(example), { replies: true });
  });

  it.each(Object.keys(HOSTILE))('proves every invariant when HSCN advertises %s', (name) => {
    const hostile = HOSTILE[name](example);
    const model = modelFor(example, hostile);
    // The hostile routes really are in the gateway table, where the design expects them to land.
    const gatewayRoutes = [...model.tgwTables.values()].find((table) => table.name.endsWith('-gateway'))!.routes;
    for (const prefix of hostile) expect(gatewayRoutes.some((route) => route.propagated && route.destination.text === prefix)).toBe(true);
    proveInvariants(example, model, { replies: !name.includes('workload pool') });
  });

  it('a static blackhole beats a propagated HSCN default route in the gateway table', () => {
    const model = modelFor(example, ['0.0.0.0/0']);
    const gatewayRoutes = [...model.tgwTables.values()].find((table) => table.name.endsWith('-gateway'))!.routes;
    const defaults = gatewayRoutes.filter((route) => route.destination.text === '0.0.0.0/0');
    expect(defaults.map((route) => [route.propagated, route.blackhole]).sort()).toEqual([
      [false, true],
      [true, false],
      [true, false],
    ]);
  });

  it('limits a pool-overlapping HSCN route to diverting replies for the addresses it covers (residual risk, ADR 0303)', () => {
    const [hostile] = HOSTILE['a prefix overlapping the workload pool'](example);
    const model = modelFor(example, [hostile]);
    for (const source of spokeSources(example)) {
      const probe: Probe = { from: source.address, to: INTERNET_HOST, protocol: 'tcp', port: 443, domain: 'www.nhs.uk' };
      const reply = traceReply(model, probe, trace(model, probe));
      const covered = rangesOverlap(cidr(`${source.address}/32`), cidr(hostile));
      expect({ source: source.address, arrives: reply.arrives }).toEqual({ source: source.address, arrives: !covered });
      if (covered) expect(reply.reason).toMatch(/HSCN/);
    }
  });

  it('confines HSCN sources even when they arrive over the VPN backup', () => {
    const model = modelFor(example);
    const vpn = [...model.attachments.values()].find((a) => a.kind === 'vpn')!;
    const dx = [...model.attachments.values()].find((a) => a.kind === 'dx')!;
    expect(model.associations.get(vpn.key)).toBe(model.associations.get(dx.key));
    const table = model.tgwTables.get(model.associations.get(vpn.key)!)!;
    expect(table.routes.map((route) => route.destination.text)).toEqual([example.loaded.landingZone.network.hscn!.allocation]);
  });
});

describe('the proof is not vacuous: it sees a broken hub', () => {
  const example = estate(EXAMPLE_CONFIG_DIR);

  const mutated = (edit: (network: TerraformJson) => void, editRoutes: (routes: TerraformJson) => void = () => undefined): NetworkModel => {
    const network = JSON.parse(JSON.stringify(example.synth.stacks.get('network')));
    const routes = JSON.parse(JSON.stringify(example.synth.stacks.get('network-routes')));
    edit(network);
    editRoutes(routes);
    return buildNetworkModel(new Map([...example.synth.stacks, ['network', network], ['network-routes', routes]]), {
      learnedHscnRoutes: example.loaded.landingZone.network.hscn!.prefixes,
    });
  };

  it('finds HSCN reaching the internet if the firewall allowed everything and Direct Connect stayed in the spokes table', () => {
    const model = mutated((network) => {
      for (const [name, body] of Object.entries<Record<string, unknown>>(
        network.resource.aws_ec2_transit_gateway_route_table_association,
      )) {
        if (String(body.transit_gateway_attachment_id).includes('dx_gateway_attachment'))
          delete network.resource.aws_ec2_transit_gateway_route_table_association[name];
      }
      for (const group of Object.values<TerraformJson>(network.resource.aws_networkfirewall_rule_group))
        group.rule_group.rules_source.rules_string = 'pass ip any any -> any any (msg:"allow all"; sid:1;)';
    });
    const verdict = trace(model, { from: '10.239.0.1', to: INTERNET_HOST, origin: 'hscn' });
    expect(verdict.allowed).toBe(true);
    expect(verdict.exit?.kind).toBe('internet');
    expect(verdict.hops.some((hop) => hop.includes('spokes'))).toBe(true);
  });

  it('finds a spoke reaching another if the pool blackhole were gone and the firewall allowed everything', () => {
    const model = mutated((network) => {
      for (const [name, body] of Object.entries<Record<string, unknown>>(network.resource.aws_ec2_transit_gateway_route)) {
        if (body.blackhole === true) delete network.resource.aws_ec2_transit_gateway_route[name];
      }
      for (const group of Object.values<TerraformJson>(network.resource.aws_networkfirewall_rule_group))
        group.rule_group.rules_source.rules_string = 'pass ip any any -> any any (msg:"allow all"; sid:1;)';
    });
    const verdict = trace(model, { from: '100.64.8.10', to: '100.64.0.10' });
    expect(verdict.allowed).toBe(true);
    expect(verdict.exit).toMatchObject({ kind: 'vpc', vpc: 'clinical-portal-prod' });
  });

  it('finds a non-entitled spoke reaching HSCN only if both layers of entitlement were widened', () => {
    const widenFirewall = (network: TerraformJson) => {
      for (const group of Object.values<TerraformJson>(network.resource.aws_networkfirewall_rule_group)) {
        group.rule_group.rules_source.rules_string = group.rule_group.rules_source.rules_string.replace(/@HSCN_ENTITLED/g, 'any');
      }
    };
    // The firewall alone widened: the spoke's Transit Gateway table (`spokes`) still blackholes HSCN.
    const firewallOnly = trace(mutated(widenFirewall), { from: '100.64.8.10', to: '10.239.0.1', port: 443 });
    expect(firewallOnly.allowed).toBe(false);
    expect(firewallOnly.reason).toMatch(/blackholed in Transit Gateway table exvalley-spokes/);
    // Both widened (every spoke associated with `spokes-hscn` as well): the proof sees the breach.
    const both = mutated(widenFirewall, (routes) => {
      const associations = Object.values<TerraformJson>(routes.resource.aws_ec2_transit_gateway_route_table_association);
      const entitledTable = associations.map((a) => String(a.transit_gateway_route_table_id)).find((id) => id.includes('spokes-hscn'))!;
      for (const association of associations) association.transit_gateway_route_table_id = entitledTable;
    });
    expect(trace(both, { from: '100.64.8.10', to: '10.239.0.1', port: 443 }).allowed).toBe(true);
  });
});

describe('reachability of generated estates', () => {
  it.each([7, 23])('proves every invariant for %i workload accounts, benign and hostile', (count) => {
    const generated = estate(generateConfig(count));
    proveInvariants(generated, modelFor(generated), { replies: true });
    for (const name of Object.keys(HOSTILE))
      proveInvariants(generated, modelFor(generated, HOSTILE[name](generated)), { replies: !name.includes('workload pool') });
  });

  it('allows any internet destination, still only via firewall and public NAT, when no domain filter is set', () => {
    const dir = copyExampleConfig();
    editConfigFile(dir, 'landing-zone.yaml', /allowedDomains: \[[^\]]*\]/, 'allowedDomains: []');
    const e = estate(dir);
    const model = modelFor(e);
    proveInvariants(e, model, { replies: true });
    const [source] = spokeSources(e);
    const verdict = trace(model, { from: source.address, to: INTERNET_HOST, protocol: 'tcp', port: 8443 });
    expect(verdict.allowed).toBe(true);
    expect(verdict.natGateways.map((nat) => nat.kind)).toEqual(['public']);
  });

  it('isolates a suspended account and withdraws its HSCN entitlement', () => {
    const dir = copyExampleConfig();
    editConfigFile(dir, 'accounts/clinical-portal-prod.yaml', 'status: active', 'status: suspended');
    fs.writeFileSync(
      path.join(dir, 'accounts', 'hscn-reader.yaml'),
      [
        'name: hscn-reader',
        'email: aws-hscn-reader@example.nhs.uk',
        'ou: Workloads/Production',
        'owner: team@example.nhs.uk',
        'costCentre: CC-1',
        'classification: OFFICIAL',
        'hscn: true',
        'cidr: 100.64.16.0/24',
        '',
      ].join('\n'),
    );
    const e = estate(dir);
    const model = modelFor(e);
    const suspended = host('100.64.0.0/21');
    expect(trace(model, { from: suspended, to: INTERNET_HOST, domain: 'www.nhs.uk' }).allowed).toBe(false);
    expect(trace(model, { from: suspended, to: '10.239.0.1' }).allowed).toBe(false);
    // The hub blackholes its CIDR in the gateway table and the firewall no longer lists it.
    const gatewayRoutes = [...model.tgwTables.values()].find((table) => table.name.endsWith('-gateway'))!.routes;
    expect(gatewayRoutes.some((route) => route.blackhole && route.destination.text === '100.64.0.0/21')).toBe(true);
    proveInvariants(e, model, { replies: true });
  });
});

describe('estate-wide network facts', () => {
  const example = estate(EXAMPLE_CONFIG_DIR);

  it('declares exactly one internet gateway, in the gateway VPC of the network stack, and no NAT outside it', () => {
    const gateways: [string, string][] = [];
    for (const [name, stack] of example.synth.stacks) {
      for (const body of Object.values(resourcesOfType(stack, 'aws_internet_gateway'))) gateways.push([name, body.vpc_id]);
      for (const type of ['aws_egress_only_internet_gateway', 'aws_internet_gateway_attachment'])
        expect(Object.keys(resourcesOfType(stack, type))).toHaveLength(0);
      if (name !== 'network') expect(Object.keys(resourcesOfType(stack, 'aws_nat_gateway'))).toHaveLength(0);
    }
    expect(gateways).toHaveLength(1);
    const [stackName, vpcRef] = gateways[0];
    expect(stackName).toBe('network');
    const vpcName = /aws_vpc\.([\w-]+)\.id/.exec(vpcRef)![1];
    expect(resourcesOfType(example.synth.stacks.get('network')!, 'aws_vpc')[vpcName].cidr_block).toBe(
      example.loaded.landingZone.network.gatewayVpcCidr,
    );
  });

  it('numbers no workload VPC from NHS private space (10/8, 172.16/12)', () => {
    const nhs = ['10.0.0.0/8', '172.16.0.0/12'].map(cidr);
    for (const dir of [EXAMPLE_CONFIG_DIR, generateConfig(40)]) {
      const { stacks } = synthConfig(dir);
      let vpcs = 0;
      for (const [name, stack] of stacks) {
        if (!name.startsWith('workload-')) continue;
        for (const vpc of Object.values(resourcesOfType(stack, 'aws_vpc'))) {
          vpcs += 1;
          expect({ name, overlaps: nhs.some((range) => rangesOverlap(range, cidr(vpc.cidr_block))) }).toEqual({ name, overlaps: false });
        }
      }
      expect(vpcs).toBeGreaterThan(1);
    }
  });
});

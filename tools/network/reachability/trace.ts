// The walk: one packet, hop by hop, through the network model, and the reply path back.
import { type CidrRange, addressInRange, cidr as parseCidr, formatCidr, ipToBigInt } from '../../../lib/network/cidr';
import { type Packet, ruleMatches } from './firewall';
import {
  type AddressSpec,
  type Attachment,
  type Exit,
  type FirewallRule,
  type NetworkModel,
  type Probe,
  type Subnet,
  type TgwRoute,
  type Verdict,
  type Vpc,
} from './model';
// --- the walk -----------------------------------------------------------------------------------

function longestMatch<T extends { destination: CidrRange }>(routes: readonly T[], address: bigint): T[] {
  const matching = routes.filter((route) => addressInRange(route.destination, address));
  const best = Math.max(-1, ...matching.map((route) => route.destination.prefixLength));
  return matching.filter((route) => route.destination.prefixLength === best);
}

const MAX_HOPS = 32;

export function trace(model: NetworkModel, probe: Probe): Verdict {
  const packet: Packet = {
    src: ipToBigInt(probe.from),
    dst: ipToBigInt(probe.to),
    protocol: probe.protocol ?? 'tcp',
    port: probe.port ?? 443,
    domain: probe.domain,
  };
  const hops: string[] = [];
  const natGateways: { kind: 'public' | 'private'; name: string }[] = [];
  let crossedFirewall = false;
  let firewallRule: string | undefined;
  const done = (allowed: boolean, reason?: string, exit?: Exit): Verdict => ({
    allowed,
    hops,
    reason,
    exit,
    natGateways,
    crossedFirewall,
    firewallRule,
  });

  const subnetOf = (address: bigint): Subnet | undefined =>
    [...model.subnets.values()].find((subnet) => addressInRange(subnet.range, address));
  const vpcOf = (address: bigint): Vpc | undefined =>
    [...model.vpcs.values()].find((vpc) => vpc.ranges.some((range) => addressInRange(range, address)));

  type Position = { at: 'subnet'; subnet: Subnet; zoneId?: string } | { at: 'tgw'; attachment: Attachment; zoneId?: string };
  let position: Position;
  const source = subnetOf(packet.src);
  if (source) {
    hops.push(`${model.vpcs.get(source.vpcKey)?.name ?? source.vpcKey}: ${source.name}`);
    position = { at: 'subnet', subnet: source, zoneId: source.zoneId };
  } else if (probe.origin === 'internet') {
    // An internet gateway forwards inbound only to public addresses mapped to interfaces; here the
    // only ones are the public NAT gateways' Elastic IPs, which accept no new inbound connections.
    hops.push('internet');
    return done(false, 'the internet gateway only reaches the public NAT gateways, which accept no inbound connections');
  } else {
    const edges = [...model.attachments.values()]
      .filter((attachment) => attachment.kind === 'dx' || attachment.kind === 'vpn')
      .sort((a, b) => a.kind.localeCompare(b.kind));
    if (edges.length === 0) return done(false, 'no Direct Connect or VPN attachment: HSCN has no way in');
    // Prove the worst case: every edge attachment must deny for the flow to count as denied.
    const verdicts = edges.map((edge) => traceFromEdge(model, probe, edge));
    return verdicts.find((verdict) => verdict.allowed) ?? verdicts[0];
  }

  for (let step = 0; step < MAX_HOPS; step += 1) {
    if (position.at === 'subnet') {
      const subnet: Subnet = position.subnet;
      const vpc = model.vpcs.get(subnet.vpcKey)!;
      if (vpc.ranges.some((range) => addressInRange(range, packet.dst))) {
        const target = subnetOf(packet.dst);
        hops.push(`local route -> ${target ? target.name : 'no subnet'}`);
        if (!target) return done(false, `${formatIp(packet.dst)} is in ${vpc.name} but in no subnet`);
        return done(true, undefined, { kind: 'vpc', vpc: vpc.name, subnet: target.name, vpcKey: vpc.key });
      }
      const table = subnet.routeTableKey ? model.routeTables.get(subnet.routeTableKey) : undefined;
      if (!table) return done(false, `${subnet.name} has no route table of its own (main table: local route only)`);
      const [route] = longestMatch(table.routes, packet.dst);
      if (!route) return done(false, `no route to ${formatIp(packet.dst)} in ${table.name}`);
      hops.push(`${table.name}: ${route.label}`);
      const target = route.target;
      if (target.kind === 'transit-gateway') {
        const attachment = [...model.attachments.values()].find(
          (a) => a.kind === 'vpc' && a.vpcKey === subnet.vpcKey && a.tgw === target.tgw,
        );
        if (!attachment) return done(false, `${vpc.name} has a route to the Transit Gateway but no attachment`);
        position = { at: 'tgw', attachment, zoneId: position.zoneId };
      } else if (target.kind === 'firewall') {
        const rules = model.firewallRules.get(target.firewallKey) ?? [];
        const rule = rules.find((candidate) => ruleMatches(candidate, packet));
        crossedFirewall = true;
        if (!rule || rule.action !== 'pass') {
          hops.push(
            `firewall: ${rule ? `${rule.action} sid ${rule.sid} "${rule.msg}"` : `no rule matches; default ${(model.firewallDefaultActions.get(target.firewallKey) ?? []).join(', ')}`}`,
          );
          return done(
            false,
            rule
              ? `firewall ${rule.action}s it (sid ${rule.sid}: ${rule.msg})`
              : 'no firewall rule allows it (default action drops established traffic)',
          );
        }
        firewallRule = `sid ${rule.sid}: ${rule.msg}`;
        hops.push(`firewall: pass sid ${rule.sid} "${rule.msg}"`);
        const firewallSubnet = model.subnets.get(target.subnetKey);
        if (!firewallSubnet) return done(false, 'firewall endpoint subnet not found');
        position = { at: 'subnet', subnet: firewallSubnet, zoneId: firewallSubnet.zoneId };
      } else if (target.kind === 'nat') {
        const nat = model.natGateways.get(target.natKey);
        const natSubnet = nat && model.subnets.get(nat.subnetKey);
        if (!nat || !natSubnet) return done(false, 'NAT gateway not found');
        natGateways.push({ kind: nat.kind, name: nat.name });
        // Source NAT: the packet now comes from an address of the NAT gateway's subnet.
        packet.src = natSubnet.range.first + 4n;
        hops.push(`${nat.kind} NAT ${nat.name}: source becomes ${formatCidr(natSubnet.range.first, natSubnet.range.prefixLength)} address`);
        position = { at: 'subnet', subnet: natSubnet, zoneId: natSubnet.zoneId };
      } else if (target.kind === 'vpc-endpoint') {
        // The packet leaves the estate's routing for whoever runs the endpoint service: delivered, as
        // far as routing can tell. Only the guardrails on creating such endpoints close this path.
        hops.push(`VPC endpoint -> ${target.service}`);
        return done(true, undefined, { kind: 'vpc-endpoint', service: target.service });
      } else if (target.kind === 'internet-gateway') {
        hops.push('internet gateway -> internet');
        if (vpcOf(packet.dst)) return done(false, 'the internet gateway does not route to private addresses');
        return done(true, undefined, { kind: 'internet' });
      } else {
        return done(false, `route target not understood: ${target.text}`);
      }
    } else {
      const attachment: Attachment = position.attachment;
      const tableKey = model.associations.get(attachment.key);
      const table = tableKey ? model.tgwTables.get(tableKey) : undefined;
      if (!table) return done(false, `${attachment.name} is associated with no route table`);
      const candidates = longestMatch(table.routes, packet.dst);
      // Static beats propagated for the same prefix; among propagated, VPC then Direct Connect then VPN.
      const route = candidates.sort((a, b) => Number(a.propagated) - Number(b.propagated) || a.rank - b.rank)[0];
      if (!route) {
        hops.push(`TGW ${table.name}: no route`);
        return done(false, `no route to ${formatIp(packet.dst)} in Transit Gateway table ${table.name}`);
      }
      hops.push(`TGW ${table.name}: ${route.label}`);
      if (route.blackhole) return done(false, `blackholed in Transit Gateway table ${table.name} (${route.destination.text})`);
      const next = model.attachments.get(route.attachment ?? '');
      if (!next) return done(false, `route ${route.label} points at an unknown attachment`);
      if (next.kind !== 'vpc') return done(true, undefined, { kind: 'hscn', attachment: next.name });
      // Appliance mode keeps a flow in one zone: enter the attachment subnet of the packet's zone.
      const subnets = next.subnetKeys.map((key) => model.subnets.get(key)).filter((s): s is Subnet => s !== undefined);
      const entry = subnets.find((s) => s.zoneId === position.zoneId) ?? subnets[0];
      if (!entry) return done(false, `${next.name} has no subnets`);
      hops.push(`${next.name} (${entry.name})`);
      position = { at: 'subnet', subnet: entry, zoneId: entry.zoneId };
    }
  }
  return done(false, 'routing loop');
}

/** A packet from an HSCN host entering through one edge attachment (Direct Connect or VPN). */
function traceFromEdge(model: NetworkModel, probe: Probe, edge: Attachment): Verdict {
  const fake: NetworkModel = {
    ...model,
    // First in the map, so that the HSCN host is found even if a hostile prefix overlaps a VPC.
    subnets: new Map([
      [
        'edge-origin',
        {
          key: 'edge-origin',
          name: `HSCN host via ${edge.name}`,
          vpcKey: 'edge-origin',
          range: parseCidr(`${probe.from}/32`),
          routeTableKey: 'edge-origin-table',
        },
      ],
      ...model.subnets,
    ]),
    vpcs: new Map([['edge-origin', { key: 'edge-origin', name: 'HSCN', ranges: [parseCidr(`${probe.from}/32`)] }], ...model.vpcs]),
    routeTables: new Map([
      ...model.routeTables,
      [
        'edge-origin-table',
        {
          name: 'HSCN provider',
          vpcKey: 'edge-origin',
          routes: [{ destination: parseCidr('0.0.0.0/0'), target: { kind: 'transit-gateway', tgw: edge.tgw }, label: `-> ${edge.name}` }],
        },
      ],
    ]),
    // The provider's side of the edge, modelled as a VPC whose only route is the edge attachment;
    // it keeps the edge's key, so the edge's own association (hscn-transport) applies.
    attachments: new Map([['edge-origin-attachment', { ...edge, kind: 'vpc', vpcKey: 'edge-origin' }], ...model.attachments]),
  };
  return trace(fake, { ...probe, origin: undefined });
}

function formatIp(address: bigint): string {
  return formatCidr(address, 32).replace(/\/32$/, '');
}

/**
 * The reply of an allowed flow: from the far end back to the address the far end saw (the NAT's,
 * when translated), untranslated at the NAT gateway, then routed to the original source. Returns
 * the hops and whether the reply arrives where the flow started.
 */
export function traceReply(model: NetworkModel, probe: Probe, forward: Verdict): { arrives: boolean; hops: string[]; reason?: string } {
  if (!forward.allowed) return { arrives: false, hops: [], reason: 'no forward path' };
  const lastNat = forward.natGateways.at(-1);
  const nat = lastNat && [...model.natGateways.values()].find((candidate) => candidate.name === lastNat.name);
  const origin = [...model.subnets.values()].find((subnet) => addressInRange(subnet.range, ipToBigInt(probe.from)));
  if (!nat || !origin) return { arrives: forward.exit?.kind === 'vpc', hops: [] };
  // Start at the NAT gateway's subnet with the untranslated reply; established flows pass the firewall.
  const natSubnet = model.subnets.get(nat.subnetKey)!;
  const replyFrom = formatIp(natSubnet.range.first + 4n);
  const verdict = trace(withEstablishedFlows(model), { from: replyFrom, to: probe.from, protocol: probe.protocol, port: probe.port });
  const arrives = verdict.allowed && verdict.exit?.kind === 'vpc' && verdict.exit.vpcKey === origin.vpcKey;
  return {
    arrives,
    hops: [`reply untranslated at ${nat.name}`, ...verdict.hops],
    reason: arrives ? undefined : (verdict.reason ?? `reply delivered to ${describeExit(verdict.exit)} instead`),
  };
}

/** The firewall passes packets of flows it has already passed, whatever the rules say about new ones. */
function withEstablishedFlows(model: NetworkModel): NetworkModel {
  const everything: AddressSpec = { negated: false, ranges: 'any' };
  const established: FirewallRule = {
    text: 'established',
    sid: 'flow',
    msg: 'established flow',
    action: 'pass',
    protocol: 'ip',
    source: everything,
    destination: everything,
    ports: 'any',
  };
  return { ...model, firewallRules: new Map([...model.firewallRules.keys()].map((key) => [key, [established]])) };
}

export function describeExit(exit: Exit | undefined): string {
  if (!exit) return 'nowhere';
  if (exit.kind === 'internet') return 'internet';
  if (exit.kind === 'hscn') return `HSCN (${exit.attachment})`;
  if (exit.kind === 'vpc-endpoint') return `VPC endpoint of ${exit.service}`;
  return `${exit.vpc} / ${exit.subnet}`;
}

/** Routes in a Transit Gateway table by the table's Name tag, for assertions and documents. */
export function tgwTableRoutes(model: NetworkModel, name: string): readonly TgwRoute[] {
  const table = [...model.tgwTables.values()].find((candidate) => candidate.name === name || candidate.name.endsWith(`-${name}`));
  if (!table) throw new Error(`no Transit Gateway route table named ${name}`);
  return table.routes;
}

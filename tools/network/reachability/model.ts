// Offline reachability over the synthesized Terraform JSON: the routing graph (Transit Gateway route
// tables, associations and propagations, VPC route tables and subnet associations, prefix lists,
// NAT and internet gateways) plus the firewall's stateful rules, walked hop by hop for one packet.
// It reads only what Terraform would receive, so it proves what is deployed, not what we meant.
//
// What the provider advertises over BGP is not in the JSON: `learnedHscnRoutes` stands for it
// (the configured prefixes by default, hostile sets in the tests), propagated exactly where the
// Direct Connect and VPN attachments propagate.
//
// This file: the model's types and the VPC side (VPCs, subnets, route tables, gateways, prefix
// lists); transit-gateway.ts reads the hub's tables and attachments, firewall.ts the firewall rules.
import { type CidrRange, cidr as parseCidr } from '../../../lib/network/cidr';
import { readFirewalls } from './firewall';
import { type Json, Resolver, label, resources } from './terraform-json';
import { readTransitGateway } from './transit-gateway';

export { type Json, Resolver, resources, label } from './terraform-json';

export interface Probe {
  /** Source address; outside every VPC it is an HSCN or internet host (see `origin`). */
  readonly from: string;
  readonly to: string;
  /** Where a source outside the estate sits: it enters through the Direct Connect/VPN or the internet gateway. */
  readonly origin?: 'hscn' | 'internet';
  readonly protocol?: 'tcp' | 'udp' | 'icmp';
  readonly port?: number;
  /** TLS SNI (port 443) or HTTP Host (port 80) the client presents. */
  readonly domain?: string;
}

export type Exit =
  | { kind: 'internet' }
  | { kind: 'hscn'; attachment: string }
  | { kind: 'vpc'; vpc: string; subnet: string; vpcKey: string }
  | { kind: 'vpc-endpoint'; service: string };

export interface Verdict {
  readonly allowed: boolean;
  readonly hops: readonly string[];
  readonly reason?: string;
  readonly exit?: Exit;
  /** Firewall rule that allowed the flow, if the flow crossed the firewall. */
  readonly firewallRule?: string;
  readonly natGateways: readonly { kind: 'public' | 'private'; name: string }[];
  readonly crossedFirewall: boolean;
}

export interface Subnet {
  key: string;
  name: string;
  vpcKey: string;
  range: CidrRange;
  zoneId?: string;
  routeTableKey?: string;
}
export interface RouteEntry {
  destination: CidrRange;
  target: Target;
  label: string;
}
export type Target =
  | { kind: 'transit-gateway'; tgw: string }
  | { kind: 'firewall'; subnetKey: string; firewallKey: string }
  | { kind: 'nat'; natKey: string }
  | { kind: 'internet-gateway'; key: string }
  /** A VPC endpoint other than the firewall's (an interface or Gateway Load Balancer endpoint): traffic leaves the estate's routing there. */
  | { kind: 'vpc-endpoint'; key: string; service: string }
  | { kind: 'unknown'; text: string };
export interface Vpc {
  key: string;
  name: string;
  ranges: CidrRange[];
}
export interface Attachment {
  key: string;
  name: string;
  kind: 'vpc' | 'dx' | 'vpn';
  tgw: string;
  vpcKey?: string;
  subnetKeys: string[];
  defaultAssociation: boolean;
  defaultPropagation: boolean;
}
export interface TgwRoute {
  destination: CidrRange;
  attachment?: string;
  blackhole: boolean;
  propagated: boolean;
  label: string;
  /** Propagated route preference on equal prefixes: VPC, then Direct Connect, then VPN. */
  rank: number;
}
export interface FirewallRule {
  text: string;
  sid: string;
  msg: string;
  action: string;
  protocol: string;
  source: AddressSpec;
  destination: AddressSpec;
  ports: number[] | 'any';
  domain?: { keyword: string; content: string; dotprefix: boolean; startswith: boolean; endswith: boolean };
}
export interface AddressSpec {
  negated: boolean;
  ranges: CidrRange[] | 'any';
}

export interface NetworkModel {
  readonly vpcs: ReadonlyMap<string, Vpc>;
  readonly subnets: ReadonlyMap<string, Subnet>;
  readonly internetGateways: ReadonlyMap<string, { key: string; vpcKey: string }>;
  readonly natGateways: ReadonlyMap<string, { key: string; name: string; subnetKey: string; kind: 'public' | 'private' }>;
  readonly attachments: ReadonlyMap<string, Attachment>;
  /** Routes per TGW route table (static and propagated), with each table's name. */
  readonly tgwTables: ReadonlyMap<string, { name: string; routes: TgwRoute[] }>;
  readonly associations: ReadonlyMap<string, string>;
  /** Prefixes the Direct Connect gateway advertises to HSCN (allowed prefixes). */
  readonly directConnectAdvertised: readonly string[];
  readonly firewallRules: ReadonlyMap<string, FirewallRule[]>;
  readonly firewallDefaultActions: ReadonlyMap<string, string[]>;
  readonly routeTables: ReadonlyMap<string, { name: string; vpcKey: string; routes: RouteEntry[] }>;
}

export interface ModelOptions {
  /** Routes HSCN advertises over BGP, propagated from the Direct Connect and VPN attachments. */
  readonly learnedHscnRoutes: readonly string[];
}

export function buildNetworkModel(stacks: ReadonlyMap<string, Json>, options: ModelOptions): NetworkModel {
  const r = new Resolver(stacks);
  const vpcs = new Map<string, Vpc>();
  for (const [, key, body] of resources(stacks, 'aws_vpc'))
    vpcs.set(key, { key, name: label(body, key), ranges: [parseCidr(body.cidr_block)] });
  for (const [stack, , body] of resources(stacks, 'aws_vpc_ipv4_cidr_block_association'))
    vpcs.get(r.id(stack, body.vpc_id))?.ranges.push(parseCidr(body.cidr_block));

  // A subnet of a secondary CIDR takes its VPC ID from the CIDR association (modules/gateway-vpc.ts).
  const vpcKeyOf = (stack: string, value: unknown): string => {
    const ref = r.ref(stack, value);
    if (ref?.type === 'aws_vpc_ipv4_cidr_block_association' && ref.attr === 'vpc_id') return r.id(stack, r.resource(ref.key)?.vpc_id);
    return ref?.key ?? String(value);
  };
  const subnets = new Map<string, Subnet>();
  for (const [stack, key, body] of resources(stacks, 'aws_subnet')) {
    subnets.set(key, {
      key,
      name: label(body, key),
      vpcKey: vpcKeyOf(stack, body.vpc_id),
      range: parseCidr(body.cidr_block),
      zoneId: body.availability_zone_id,
    });
  }
  for (const [stack, , body] of resources(stacks, 'aws_route_table_association')) {
    const subnet = subnets.get(r.id(stack, body.subnet_id));
    if (subnet) subnet.routeTableKey = r.id(stack, body.route_table_id);
  }

  const prefixLists = new Map<string, CidrRange[]>();
  for (const [, key, body] of resources(stacks, 'aws_ec2_managed_prefix_list'))
    prefixLists.set(
      key,
      (body.entry ?? []).map((entry: Json) => parseCidr(entry.cidr)),
    );
  // Entries managed as their own resources, possibly in another stack than the list (network-routes).
  for (const [stack, , body] of resources(stacks, 'aws_ec2_managed_prefix_list_entry'))
    prefixLists.get(r.id(stack, body.prefix_list_id))?.push(parseCidr(body.cidr));

  const internetGateways = new Map<string, { key: string; vpcKey: string }>();
  for (const [stack, key, body] of resources(stacks, 'aws_internet_gateway'))
    internetGateways.set(key, { key, vpcKey: r.id(stack, body.vpc_id) });
  const natGateways = new Map<string, { key: string; name: string; subnetKey: string; kind: 'public' | 'private' }>();
  for (const [stack, key, body] of resources(stacks, 'aws_nat_gateway')) {
    natGateways.set(key, {
      key,
      name: label(body, key),
      subnetKey: r.id(stack, body.subnet_id),
      kind: body.connectivity_type === 'private' ? 'private' : 'public',
    });
  }

  const { firewallRules, firewallDefaultActions } = readFirewalls(stacks, r, prefixLists);

  const routeTables = new Map<string, { name: string; vpcKey: string; routes: RouteEntry[] }>();
  for (const [stack, key, body] of resources(stacks, 'aws_route_table'))
    routeTables.set(key, { name: label(body, key), vpcKey: r.id(stack, body.vpc_id), routes: [] });
  const targetOf = (stack: string, body: Json): Target => {
    if (body.transit_gateway_id) return { kind: 'transit-gateway', tgw: r.id(stack, body.transit_gateway_id) };
    if (body.nat_gateway_id) return { kind: 'nat', natKey: r.id(stack, body.nat_gateway_id) };
    if (body.gateway_id) return { kind: 'internet-gateway', key: r.id(stack, body.gateway_id) };
    if (body.vpc_endpoint_id) {
      // ${local.<endpoints by subnet>[aws_subnet.<firewall subnet>.id]} (modules/egress-firewall.ts)
      const match = /local\.([\w-]+)\[(aws_subnet)\.([\w-]+)\.id\]/.exec(String(body.vpc_endpoint_id));
      const local = match ? String(stacks.get(stack)?.locals?.[match[1]] ?? '') : '';
      const firewall = /(aws_networkfirewall_firewall\.[\w-]+)\.firewall_status/.exec(local);
      if (match && firewall)
        return { kind: 'firewall', subnetKey: `${stack}/${match[2]}.${match[3]}`, firewallKey: `${stack}/${firewall[1]}` };
      const endpoint = r.ref(stack, body.vpc_endpoint_id);
      if (endpoint?.type === 'aws_vpc_endpoint')
        return { kind: 'vpc-endpoint', key: endpoint.key, service: String(r.resource(endpoint.key)?.service_name ?? 'unknown service') };
    }
    return { kind: 'unknown', text: JSON.stringify(body) };
  };
  for (const [stack, key, body] of resources(stacks, 'aws_route')) {
    const table = routeTables.get(r.id(stack, body.route_table_id));
    if (!table) continue;
    const target = targetOf(stack, body);
    const destinations = body.destination_prefix_list_id
      ? (prefixLists.get(r.id(stack, body.destination_prefix_list_id)) ?? [])
      : [parseCidr(body.destination_cidr_block)];
    for (const destination of destinations)
      table.routes.push({
        destination,
        target,
        label:
          `${body.destination_prefix_list_id ? 'prefix list ' : ''}${destination.text} -> ${describeTarget(target, natGateways)}` || key,
      });
  }

  const { attachments, tgwTables, associations, directConnectAdvertised } = readTransitGateway(stacks, r, vpcs, options.learnedHscnRoutes);

  return {
    vpcs,
    subnets,
    internetGateways,
    natGateways,
    attachments,
    tgwTables,
    associations,
    directConnectAdvertised,
    firewallRules,
    firewallDefaultActions,
    routeTables,
  };
}

export function describeTarget(target: Target, nats: ReadonlyMap<string, { name: string; kind: string }>): string {
  switch (target.kind) {
    case 'transit-gateway':
      return 'Transit Gateway';
    case 'firewall':
      return 'firewall endpoint';
    case 'nat':
      return `${nats.get(target.natKey)?.kind ?? ''} NAT gateway ${nats.get(target.natKey)?.name ?? target.natKey}`;
    case 'internet-gateway':
      return 'internet gateway';
    case 'vpc-endpoint':
      return `VPC endpoint of ${target.service}`;
    default:
      return `unrecognised target ${target.text}`;
  }
}

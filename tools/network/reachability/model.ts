// Offline reachability over the synthesized Terraform JSON: the routing graph (Transit Gateway route
// tables, associations and propagations, VPC route tables and subnet associations, prefix lists,
// NAT and internet gateways) plus the firewall's stateful rules, walked hop by hop for one packet.
// It reads only what Terraform would receive, so it proves what is deployed, not what we meant.
//
// What the provider advertises over BGP is not in the JSON: `learnedHscnRoutes` stands for it
// (the configured prefixes by default, hostile sets in the tests), propagated exactly where the
// Direct Connect and VPN attachments propagate.
//
// This file: the network model built from the synthesized stacks.
import { type CidrRange, cidr as parseCidr } from '../../../lib/network/cidr';
import { parseRule } from './firewall';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = Record<string, any>;

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

const REF = /^\$\{([^{}]+)\}$/;

export class Resolver {
  constructor(private readonly stacks: ReadonlyMap<string, Json>) {}

  /** Resolves "${type.name.attr}" (possibly through a cross-stack remote state) to stack/type.name and attr. */
  ref(stack: string, value: unknown): { key: string; type: string; attr: string } | undefined {
    if (typeof value !== 'string') return undefined;
    const match = REF.exec(value);
    if (!match) return undefined;
    const parts = match[1].split('.');
    if (parts[0] === 'data' && parts[1] === 'terraform_remote_state') {
      const remote = this.stacks.get(stack)?.data?.terraform_remote_state?.[parts[2]];
      const key: string | undefined = remote?.config?.key;
      const producer = key?.replace(/\/terraform\.tfstate$/, '');
      if (!producer || parts[3] !== 'outputs') return undefined;
      const output = this.stacks.get(producer)?.output?.[parts[4]]?.value;
      return this.ref(producer, output);
    }
    if (parts[0] === 'data')
      return { key: `${stack}/data.${parts[1]}.${parts[2]}`, type: `data.${parts[1]}`, attr: parts.slice(3).join('.') };
    if (parts[0] === 'local') return { key: `${stack}/local.${parts[1]}`, type: 'local', attr: '' };
    return { key: `${stack}/${parts[0]}.${parts[1]}`, type: parts[0], attr: parts.slice(2).join('.') };
  }

  /** The resolved key of a reference, or the literal when it is not one. */
  id(stack: string, value: unknown): string {
    return this.ref(stack, value)?.key ?? String(value);
  }

  resource(key: string): Json | undefined {
    const [stack, address] = splitKey(key);
    const [type, name] = address.startsWith('data.')
      ? [address.split('.').slice(0, 2).join('.'), address.split('.')[2]]
      : address.split('.');
    const json = this.stacks.get(stack);
    return type.startsWith('data.') ? json?.data?.[type.slice(5)]?.[name] : json?.resource?.[type]?.[name];
  }
}

function splitKey(key: string): [string, string] {
  const slash = key.indexOf('/');
  return [key.slice(0, slash), key.slice(slash + 1)];
}

export function* resources(stacks: ReadonlyMap<string, Json>, type: string): Generator<[string, string, Json]> {
  for (const [stack, json] of stacks) {
    for (const [name, body] of Object.entries<Json>(json.resource?.[type] ?? {})) yield [stack, `${stack}/${type}.${name}`, body];
  }
}

export function label(body: Json, key: string): string {
  return body.tags?.Name ?? body.name ?? key.split('/')[1];
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

  // Firewalls: endpoint per subnet mapping, rules from the policy's rule groups in priority order.
  const firewallRules = new Map<string, FirewallRule[]>();
  const firewallDefaultActions = new Map<string, string[]>();
  for (const [stack, key, body] of resources(stacks, 'aws_networkfirewall_firewall')) {
    const policy = r.resource(r.id(stack, body.firewall_policy_arn))?.firewall_policy ?? {};
    const policyVariables: Record<string, CidrRange[]> = {};
    for (const variable of policy.policy_variables?.rule_variables ?? [])
      policyVariables[variable.key] = variable.ip_set.definition.map(parseCidr);
    const references = [...(policy.stateful_rule_group_reference ?? [])].sort((a: Json, b: Json) => a.priority - b.priority);
    const rules: FirewallRule[] = [];
    for (const reference of references) {
      const group = r.resource(r.id(stack, reference.resource_arn))?.rule_group ?? {};
      const variables: Record<string, CidrRange[]> = { ...policyVariables };
      for (const ipSet of group.rule_variables?.ip_sets ?? []) variables[ipSet.key] = ipSet.ip_set.definition.map(parseCidr);
      // IP set references (@NAME): a prefix list's entries, wherever they are managed.
      for (const ipSetReference of group.reference_sets?.ip_set_references ?? []) {
        const list = prefixLists.get(r.id(stack, ipSetReference.ip_set_reference?.[0]?.reference_arn));
        if (!list) throw new Error(`firewall IP set reference @${ipSetReference.key} names no prefix list in the synthesized stacks`);
        variables[`@${ipSetReference.key}`] = list;
      }
      for (const line of String(group.rules_source?.rules_string ?? '').split('\n')) {
        if (line.trim() && !line.trim().startsWith('#')) rules.push(parseRule(line.trim(), variables));
      }
    }
    firewallRules.set(key, rules);
    firewallDefaultActions.set(key, policy.stateful_default_actions ?? []);
  }

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

  // Transit Gateway: attachments, default tables, associations and propagations.
  const defaultAssociation = new Map<string, string>();
  const defaultPropagation = new Map<string, string>();
  for (const [stack, , body] of resources(stacks, 'aws_ec2_transit_gateway_default_route_table_association'))
    defaultAssociation.set(r.id(stack, body.transit_gateway_id), r.id(stack, body.transit_gateway_route_table_id));
  for (const [stack, , body] of resources(stacks, 'aws_ec2_transit_gateway_default_route_table_propagation'))
    defaultPropagation.set(r.id(stack, body.transit_gateway_id), r.id(stack, body.transit_gateway_route_table_id));
  const tgwDefaults = new Map<string, { association: boolean; propagation: boolean }>();
  for (const [, key, body] of resources(stacks, 'aws_ec2_transit_gateway')) {
    tgwDefaults.set(key, {
      association: body.default_route_table_association !== 'disable',
      propagation: body.default_route_table_propagation !== 'disable',
    });
  }

  const attachments = new Map<string, Attachment>();
  for (const [stack, key, body] of resources(stacks, 'aws_ec2_transit_gateway_vpc_attachment')) {
    attachments.set(key, {
      key,
      name: `${label(body, key)} VPC attachment`,
      kind: 'vpc',
      tgw: r.id(stack, body.transit_gateway_id),
      vpcKey: r.id(stack, body.vpc_id),
      subnetKeys: (body.subnet_ids ?? []).map((id: string) => r.id(stack, id)),
      defaultAssociation: body.transit_gateway_default_route_table_association !== false,
      defaultPropagation: body.transit_gateway_default_route_table_propagation !== false,
    });
  }
  for (const [stack, key, body] of resources(stacks, 'aws_vpn_connection')) {
    if (!body.transit_gateway_id) continue;
    attachments.set(key, {
      key,
      name: `${label(body, key)} VPN attachment`,
      kind: 'vpn',
      tgw: r.id(stack, body.transit_gateway_id),
      subnetKeys: [],
      defaultAssociation: true,
      defaultPropagation: true,
    });
  }
  const directConnectAdvertised: string[] = [];
  for (const [stack, , body] of resources(stacks, 'aws_dx_gateway_association')) {
    const tgw = r.id(stack, body.associated_gateway_id);
    if (!tgwDefaults.has(tgw)) continue;
    const key = `dx:${r.id(stack, body.dx_gateway_id)}`;
    attachments.set(key, {
      key,
      name: 'Direct Connect gateway attachment',
      kind: 'dx',
      tgw,
      subnetKeys: [],
      defaultAssociation: true,
      defaultPropagation: true,
    });
    directConnectAdvertised.push(...(body.allowed_prefixes ?? []));
  }
  // References to attachments: a VPC attachment's ID, a VPN's transit_gateway_attachment_id, or the
  // data source that finds a Direct Connect gateway's attachment.
  const attachmentOf = (stack: string, value: unknown): string | undefined => {
    const ref = r.ref(stack, value);
    if (!ref) return undefined;
    if (ref.type === 'data.aws_ec2_transit_gateway_dx_gateway_attachment') {
      const data = r.resource(ref.key);
      return data ? `dx:${r.id(splitKey(ref.key)[0], data.dx_gateway_id)}` : undefined;
    }
    return attachments.has(ref.key) ? ref.key : undefined;
  };

  const tgwTables = new Map<string, { name: string; routes: TgwRoute[] }>();
  for (const [, key, body] of resources(stacks, 'aws_ec2_transit_gateway_route_table'))
    tgwTables.set(key, { name: label(body, key), routes: [] });
  for (const [stack, key, body] of resources(stacks, 'aws_ec2_transit_gateway_route')) {
    const table = tgwTables.get(r.id(stack, body.transit_gateway_route_table_id));
    const attachment = body.blackhole ? undefined : attachmentOf(stack, body.transit_gateway_attachment_id);
    const destination = parseCidr(body.destination_cidr_block);
    table?.routes.push({
      destination,
      attachment,
      blackhole: body.blackhole === true,
      propagated: false,
      rank: 0,
      label: `${destination.text} -> ${body.blackhole ? 'blackhole' : (attachments.get(attachment ?? '')?.name ?? key)} (static)`,
    });
  }

  const associations = new Map<string, string>();
  for (const attachment of attachments.values()) {
    const table = defaultAssociation.get(attachment.tgw);
    if (attachment.defaultAssociation && tgwDefaults.get(attachment.tgw)?.association && table) associations.set(attachment.key, table);
  }
  for (const [stack, , body] of resources(stacks, 'aws_ec2_transit_gateway_route_table_association')) {
    const attachment = attachmentOf(stack, body.transit_gateway_attachment_id);
    if (attachment) associations.set(attachment, r.id(stack, body.transit_gateway_route_table_id));
  }
  const propagations: [string, string][] = [];
  for (const attachment of attachments.values()) {
    const table = defaultPropagation.get(attachment.tgw);
    if (attachment.defaultPropagation && tgwDefaults.get(attachment.tgw)?.propagation && table) propagations.push([attachment.key, table]);
  }
  for (const [stack, , body] of resources(stacks, 'aws_ec2_transit_gateway_route_table_propagation')) {
    const attachment = attachmentOf(stack, body.transit_gateway_attachment_id);
    if (attachment) propagations.push([attachment, r.id(stack, body.transit_gateway_route_table_id)]);
  }
  const learned = options.learnedHscnRoutes.map(parseCidr);
  for (const [attachmentKey, tableKey] of propagations) {
    const attachment = attachments.get(attachmentKey)!;
    const table = tgwTables.get(tableKey);
    if (!table) continue;
    const destinations = attachment.kind === 'vpc' ? (vpcs.get(attachment.vpcKey!)?.ranges ?? []) : learned;
    const rank = attachment.kind === 'vpc' ? 1 : attachment.kind === 'dx' ? 2 : 3;
    for (const destination of destinations) {
      table.routes.push({
        destination,
        attachment: attachmentKey,
        blackhole: false,
        propagated: true,
        rank,
        label: `${destination.text} -> ${attachment.name} (propagated)`,
      });
    }
  }

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

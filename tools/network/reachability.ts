// Offline reachability over the synthesized Terraform JSON: the routing graph (Transit Gateway route
// tables, associations and propagations, VPC route tables and subnet associations, prefix lists,
// NAT and internet gateways) plus the firewall's stateful rules, walked hop by hop for one packet.
// It reads only what Terraform would receive, so it proves what is deployed, not what we meant.
//
// What the provider advertises over BGP is not in the JSON: `learnedHscnRoutes` stands for it
// (the configured prefixes by default, hostile sets in the tests), propagated exactly where the
// Direct Connect and VPN attachments propagate.
import { type CidrRange, addressInRange, cidr as parseCidr, formatCidr, ipToBigInt } from '../../lib/network/cidr';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

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

export type Exit = { kind: 'internet' } | { kind: 'hscn'; attachment: string } | { kind: 'vpc'; vpc: string; subnet: string; vpcKey: string };

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

interface Subnet {
  key: string;
  name: string;
  vpcKey: string;
  range: CidrRange;
  zoneId?: string;
  routeTableKey?: string;
}
interface RouteEntry {
  destination: CidrRange;
  target: Target;
  label: string;
}
type Target =
  | { kind: 'transit-gateway'; tgw: string }
  | { kind: 'firewall'; subnetKey: string; firewallKey: string }
  | { kind: 'nat'; natKey: string }
  | { kind: 'internet-gateway'; key: string }
  | { kind: 'unknown'; text: string };
interface Vpc {
  key: string;
  name: string;
  ranges: CidrRange[];
}
interface Attachment {
  key: string;
  name: string;
  kind: 'vpc' | 'dx' | 'vpn';
  tgw: string;
  vpcKey?: string;
  subnetKeys: string[];
  defaultAssociation: boolean;
  defaultPropagation: boolean;
}
interface TgwRoute {
  destination: CidrRange;
  attachment?: string;
  blackhole: boolean;
  propagated: boolean;
  label: string;
  /** Propagated route preference on equal prefixes: VPC, then Direct Connect, then VPN. */
  rank: number;
}
interface FirewallRule {
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
interface AddressSpec {
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

class Resolver {
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
    if (parts[0] === 'data') return { key: `${stack}/data.${parts[1]}.${parts[2]}`, type: `data.${parts[1]}`, attr: parts.slice(3).join('.') };
    if (parts[0] === 'local') return { key: `${stack}/local.${parts[1]}`, type: 'local', attr: '' };
    return { key: `${stack}/${parts[0]}.${parts[1]}`, type: parts[0], attr: parts.slice(2).join('.') };
  }

  /** The resolved key of a reference, or the literal when it is not one. */
  id(stack: string, value: unknown): string {
    return this.ref(stack, value)?.key ?? String(value);
  }

  resource(key: string): Json | undefined {
    const [stack, address] = splitKey(key);
    const [type, name] = address.startsWith('data.') ? [address.split('.').slice(0, 2).join('.'), address.split('.')[2]] : address.split('.');
    const json = this.stacks.get(stack);
    return type.startsWith('data.') ? json?.data?.[type.slice(5)]?.[name] : json?.resource?.[type]?.[name];
  }
}

function splitKey(key: string): [string, string] {
  const slash = key.indexOf('/');
  return [key.slice(0, slash), key.slice(slash + 1)];
}

function* resources(stacks: ReadonlyMap<string, Json>, type: string): Generator<[string, string, Json]> {
  for (const [stack, json] of stacks) {
    for (const [name, body] of Object.entries<Json>(json.resource?.[type] ?? {})) yield [stack, `${stack}/${type}.${name}`, body];
  }
}

function label(body: Json, key: string): string {
  return body.tags?.Name ?? body.name ?? key.split('/')[1];
}

export function buildNetworkModel(stacks: ReadonlyMap<string, Json>, options: ModelOptions): NetworkModel {
  const r = new Resolver(stacks);
  const vpcs = new Map<string, Vpc>();
  for (const [, key, body] of resources(stacks, 'aws_vpc')) vpcs.set(key, { key, name: label(body, key), ranges: [parseCidr(body.cidr_block)] });
  for (const [stack, , body] of resources(stacks, 'aws_vpc_ipv4_cidr_block_association')) vpcs.get(r.id(stack, body.vpc_id))?.ranges.push(parseCidr(body.cidr_block));

  // A subnet of a secondary CIDR takes its VPC ID from the CIDR association (modules/gateway-vpc.ts).
  const vpcKeyOf = (stack: string, value: unknown): string => {
    const ref = r.ref(stack, value);
    if (ref?.type === 'aws_vpc_ipv4_cidr_block_association' && ref.attr === 'vpc_id') return r.id(stack, r.resource(ref.key)?.vpc_id);
    return ref?.key ?? String(value);
  };
  const subnets = new Map<string, Subnet>();
  for (const [stack, key, body] of resources(stacks, 'aws_subnet')) {
    subnets.set(key, { key, name: label(body, key), vpcKey: vpcKeyOf(stack, body.vpc_id), range: parseCidr(body.cidr_block), zoneId: body.availability_zone_id });
  }
  for (const [stack, , body] of resources(stacks, 'aws_route_table_association')) {
    const subnet = subnets.get(r.id(stack, body.subnet_id));
    if (subnet) subnet.routeTableKey = r.id(stack, body.route_table_id);
  }

  const prefixLists = new Map<string, CidrRange[]>();
  for (const [, key, body] of resources(stacks, 'aws_ec2_managed_prefix_list')) prefixLists.set(key, (body.entry ?? []).map((entry: Json) => parseCidr(entry.cidr)));

  const internetGateways = new Map<string, { key: string; vpcKey: string }>();
  for (const [stack, key, body] of resources(stacks, 'aws_internet_gateway')) internetGateways.set(key, { key, vpcKey: r.id(stack, body.vpc_id) });
  const natGateways = new Map<string, { key: string; name: string; subnetKey: string; kind: 'public' | 'private' }>();
  for (const [stack, key, body] of resources(stacks, 'aws_nat_gateway')) {
    natGateways.set(key, { key, name: label(body, key), subnetKey: r.id(stack, body.subnet_id), kind: body.connectivity_type === 'private' ? 'private' : 'public' });
  }

  // Firewalls: endpoint per subnet mapping, rules from the policy's rule groups in priority order.
  const firewallRules = new Map<string, FirewallRule[]>();
  const firewallDefaultActions = new Map<string, string[]>();
  for (const [stack, key, body] of resources(stacks, 'aws_networkfirewall_firewall')) {
    const policy = r.resource(r.id(stack, body.firewall_policy_arn))?.firewall_policy ?? {};
    const policyVariables: Record<string, CidrRange[]> = {};
    for (const variable of policy.policy_variables?.rule_variables ?? []) policyVariables[variable.key] = variable.ip_set.definition.map(parseCidr);
    const references = [...(policy.stateful_rule_group_reference ?? [])].sort((a: Json, b: Json) => a.priority - b.priority);
    const rules: FirewallRule[] = [];
    for (const reference of references) {
      const group = r.resource(r.id(stack, reference.resource_arn))?.rule_group ?? {};
      const variables: Record<string, CidrRange[]> = { ...policyVariables };
      for (const ipSet of group.rule_variables?.ip_sets ?? []) variables[ipSet.key] = ipSet.ip_set.definition.map(parseCidr);
      for (const line of String(group.rules_source?.rules_string ?? '').split('\n')) {
        if (line.trim() && !line.trim().startsWith('#')) rules.push(parseRule(line.trim(), variables));
      }
    }
    firewallRules.set(key, rules);
    firewallDefaultActions.set(key, policy.stateful_default_actions ?? []);
  }

  const routeTables = new Map<string, { name: string; vpcKey: string; routes: RouteEntry[] }>();
  for (const [stack, key, body] of resources(stacks, 'aws_route_table')) routeTables.set(key, { name: label(body, key), vpcKey: r.id(stack, body.vpc_id), routes: [] });
  const targetOf = (stack: string, body: Json): Target => {
    if (body.transit_gateway_id) return { kind: 'transit-gateway', tgw: r.id(stack, body.transit_gateway_id) };
    if (body.nat_gateway_id) return { kind: 'nat', natKey: r.id(stack, body.nat_gateway_id) };
    if (body.gateway_id) return { kind: 'internet-gateway', key: r.id(stack, body.gateway_id) };
    if (body.vpc_endpoint_id) {
      // ${local.<endpoints by subnet>[aws_subnet.<firewall subnet>.id]} (modules/egress-firewall.ts)
      const match = /local\.([\w-]+)\[(aws_subnet)\.([\w-]+)\.id\]/.exec(String(body.vpc_endpoint_id));
      const local = match ? String(stacks.get(stack)?.locals?.[match[1]] ?? '') : '';
      const firewall = /(aws_networkfirewall_firewall\.[\w-]+)\.firewall_status/.exec(local);
      if (match && firewall) return { kind: 'firewall', subnetKey: `${stack}/${match[2]}.${match[3]}`, firewallKey: `${stack}/${firewall[1]}` };
    }
    return { kind: 'unknown', text: JSON.stringify(body) };
  };
  for (const [stack, key, body] of resources(stacks, 'aws_route')) {
    const table = routeTables.get(r.id(stack, body.route_table_id));
    if (!table) continue;
    const target = targetOf(stack, body);
    const destinations = body.destination_prefix_list_id ? (prefixLists.get(r.id(stack, body.destination_prefix_list_id)) ?? []) : [parseCidr(body.destination_cidr_block)];
    for (const destination of destinations) table.routes.push({ destination, target, label: `${body.destination_prefix_list_id ? 'prefix list ' : ''}${destination.text} -> ${describeTarget(target, natGateways)}` || key });
  }

  // Transit Gateway: attachments, default tables, associations and propagations.
  const defaultAssociation = new Map<string, string>();
  const defaultPropagation = new Map<string, string>();
  for (const [stack, , body] of resources(stacks, 'aws_ec2_transit_gateway_default_route_table_association')) defaultAssociation.set(r.id(stack, body.transit_gateway_id), r.id(stack, body.transit_gateway_route_table_id));
  for (const [stack, , body] of resources(stacks, 'aws_ec2_transit_gateway_default_route_table_propagation')) defaultPropagation.set(r.id(stack, body.transit_gateway_id), r.id(stack, body.transit_gateway_route_table_id));
  const tgwDefaults = new Map<string, { association: boolean; propagation: boolean }>();
  for (const [, key, body] of resources(stacks, 'aws_ec2_transit_gateway')) {
    tgwDefaults.set(key, { association: body.default_route_table_association !== 'disable', propagation: body.default_route_table_propagation !== 'disable' });
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
    attachments.set(key, { key, name: `${label(body, key)} VPN attachment`, kind: 'vpn', tgw: r.id(stack, body.transit_gateway_id), subnetKeys: [], defaultAssociation: true, defaultPropagation: true });
  }
  const directConnectAdvertised: string[] = [];
  for (const [stack, , body] of resources(stacks, 'aws_dx_gateway_association')) {
    const tgw = r.id(stack, body.associated_gateway_id);
    if (!tgwDefaults.has(tgw)) continue;
    const key = `dx:${r.id(stack, body.dx_gateway_id)}`;
    attachments.set(key, { key, name: 'Direct Connect gateway attachment', kind: 'dx', tgw, subnetKeys: [], defaultAssociation: true, defaultPropagation: true });
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
  for (const [, key, body] of resources(stacks, 'aws_ec2_transit_gateway_route_table')) tgwTables.set(key, { name: label(body, key), routes: [] });
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
      table.routes.push({ destination, attachment: attachmentKey, blackhole: false, propagated: true, rank, label: `${destination.text} -> ${attachment.name} (propagated)` });
    }
  }

  return { vpcs, subnets, internetGateways, natGateways, attachments, tgwTables, associations, directConnectAdvertised, firewallRules, firewallDefaultActions, routeTables };
}

function describeTarget(target: Target, nats: ReadonlyMap<string, { name: string; kind: string }>): string {
  switch (target.kind) {
    case 'transit-gateway':
      return 'Transit Gateway';
    case 'firewall':
      return 'firewall endpoint';
    case 'nat':
      return `${nats.get(target.natKey)?.kind ?? ''} NAT gateway ${nats.get(target.natKey)?.name ?? target.natKey}`;
    case 'internet-gateway':
      return 'internet gateway';
    default:
      return `unrecognised target ${target.text}`;
  }
}

// --- firewall rules (the Suricata subset lib/network/firewall-rules.ts writes) -----------------------------

function parseAddress(text: string, variables: Record<string, CidrRange[]>): AddressSpec {
  const negated = text.startsWith('!');
  const body = negated ? text.slice(1) : text;
  if (body.toLowerCase() === 'any') return { negated, ranges: 'any' };
  const items = body.replace(/^\[|\]$/g, '').split(',');
  const ranges = items.flatMap((item) => {
    if (item.startsWith('$')) {
      const value = variables[item.slice(1)];
      if (!value) throw new Error(`firewall rule refers to undefined variable ${item}`);
      return value;
    }
    return [parseCidr(item.includes('/') ? item : `${item}/32`)];
  });
  return { negated, ranges };
}

/** Rule options the model evaluates (or that do not change which packets match, such as msg and sid). */
const UNDERSTOOD_OPTIONS = new Set(['msg', 'sid', 'rev', 'flow', 'tls.sni', 'http.host', 'content', 'dotprefix', 'nocase', 'startswith', 'endswith']);

function parseRule(text: string, variables: Record<string, CidrRange[]>): FirewallRule {
  const match = /^(\w+)\s+(\w+)\s+(\S+)\s+(\S+)\s+->\s+(\S+)\s+(\S+)\s+\((.*)\)$/.exec(text);
  if (!match) throw new Error(`cannot parse firewall rule: ${text}`);
  const [, action, protocol, source, , destination, port, optionsText] = match;
  const options = optionsText.split(/;\s*/).filter(Boolean);
  // Refuse keywords this model does not evaluate, rather than silently matching more than the engine would.
  for (const o of options) {
    if (!UNDERSTOOD_OPTIONS.has(o.split(':')[0])) throw new Error(`firewall rule uses "${o.split(':')[0]}", which the reachability model does not evaluate: ${text}`);
  }
  const option = (name: string) => options.find((o) => o === name || o.startsWith(`${name}:`));
  const value = (name: string) => option(name)?.split(':').slice(1).join(':').replace(/^"|"$/g, '');
  let domain: FirewallRule['domain'];
  const keyword = options.find((o) => o === 'tls.sni' || o === 'http.host');
  if (keyword) domain = { keyword, content: value('content') ?? '', dotprefix: !!option('dotprefix'), startswith: !!option('startswith'), endswith: !!option('endswith') };
  return {
    text,
    sid: value('sid') ?? '?',
    msg: value('msg') ?? '',
    action,
    protocol,
    source: parseAddress(source, variables),
    destination: parseAddress(destination, variables),
    ports: port === 'any' ? 'any' : port.replace(/^\[|\]$/g, '').split(',').map(Number),
    domain,
  };
}

function addressMatches(spec: AddressSpec, address: bigint): boolean {
  const inside = spec.ranges === 'any' ? true : spec.ranges.some((range) => addressInRange(range, address));
  return spec.negated ? !inside : inside;
}

function domainMatches(rule: NonNullable<FirewallRule['domain']>, domain: string | undefined): boolean {
  if (!domain) return false;
  const name = domain.toLowerCase();
  const content = rule.content.toLowerCase();
  const subject = rule.dotprefix ? `.${name}` : name;
  if (rule.startswith && rule.endswith) return subject === content;
  if (rule.endswith) return subject.endsWith(content);
  if (rule.startswith) return subject.startsWith(content);
  return subject.includes(content);
}

function ruleMatches(rule: FirewallRule, packet: Packet): boolean {
  const protocol = packet.protocol;
  const protocolOk =
    rule.protocol === 'ip' ||
    rule.protocol === protocol ||
    (rule.protocol === 'tls' && protocol === 'tcp' && packet.domain !== undefined && packet.port === 443) ||
    (rule.protocol === 'http' && protocol === 'tcp' && packet.domain !== undefined && packet.port === 80);
  if (!protocolOk) return false;
  if (!addressMatches(rule.source, packet.src) || !addressMatches(rule.destination, packet.dst)) return false;
  if (rule.ports !== 'any' && (protocol === 'icmp' || !rule.ports.includes(packet.port))) return false;
  if (rule.domain && !domainMatches(rule.domain, packet.domain)) return false;
  return true;
}

// --- the walk -----------------------------------------------------------------------------------

interface Packet {
  src: bigint;
  dst: bigint;
  protocol: 'tcp' | 'udp' | 'icmp';
  port: number;
  domain?: string;
}

function longestMatch<T extends { destination: CidrRange }>(routes: readonly T[], address: bigint): T[] {
  const matching = routes.filter((route) => addressInRange(route.destination, address));
  const best = Math.max(-1, ...matching.map((route) => route.destination.prefixLength));
  return matching.filter((route) => route.destination.prefixLength === best);
}

const MAX_HOPS = 32;

export function trace(model: NetworkModel, probe: Probe): Verdict {
  const packet: Packet = { src: ipToBigInt(probe.from), dst: ipToBigInt(probe.to), protocol: probe.protocol ?? 'tcp', port: probe.port ?? 443, domain: probe.domain };
  const hops: string[] = [];
  const natGateways: { kind: 'public' | 'private'; name: string }[] = [];
  let crossedFirewall = false;
  let firewallRule: string | undefined;
  const done = (allowed: boolean, reason?: string, exit?: Exit): Verdict => ({ allowed, hops, reason, exit, natGateways, crossedFirewall, firewallRule });

  const subnetOf = (address: bigint): Subnet | undefined => [...model.subnets.values()].find((subnet) => addressInRange(subnet.range, address));
  const vpcOf = (address: bigint): Vpc | undefined => [...model.vpcs.values()].find((vpc) => vpc.ranges.some((range) => addressInRange(range, address)));

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
    const edges = [...model.attachments.values()].filter((attachment) => attachment.kind === 'dx' || attachment.kind === 'vpn').sort((a, b) => a.kind.localeCompare(b.kind));
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
        const attachment = [...model.attachments.values()].find((a) => a.kind === 'vpc' && a.vpcKey === subnet.vpcKey && a.tgw === target.tgw);
        if (!attachment) return done(false, `${vpc.name} has a route to the Transit Gateway but no attachment`);
        position = { at: 'tgw', attachment, zoneId: position.zoneId };
      } else if (target.kind === 'firewall') {
        const rules = model.firewallRules.get(target.firewallKey) ?? [];
        const rule = rules.find((candidate) => ruleMatches(candidate, packet));
        crossedFirewall = true;
        if (!rule || rule.action !== 'pass') {
          hops.push(`firewall: ${rule ? `${rule.action} sid ${rule.sid} "${rule.msg}"` : `no rule matches; default ${(model.firewallDefaultActions.get(target.firewallKey) ?? []).join(', ')}`}`);
          return done(false, rule ? `firewall ${rule.action}s it (sid ${rule.sid}: ${rule.msg})` : 'no firewall rule allows it (default action drops established traffic)');
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
    subnets: new Map([['edge-origin', { key: 'edge-origin', name: `HSCN host via ${edge.name}`, vpcKey: 'edge-origin', range: parseCidr(`${probe.from}/32`), routeTableKey: 'edge-origin-table' }], ...model.subnets]),
    vpcs: new Map([['edge-origin', { key: 'edge-origin', name: 'HSCN', ranges: [parseCidr(`${probe.from}/32`)] }], ...model.vpcs]),
    routeTables: new Map([...model.routeTables, ['edge-origin-table', { name: 'HSCN provider', vpcKey: 'edge-origin', routes: [{ destination: parseCidr('0.0.0.0/0'), target: { kind: 'transit-gateway', tgw: edge.tgw }, label: `-> ${edge.name}` }] }]]),
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
  return { arrives, hops: [`reply untranslated at ${nat.name}`, ...verdict.hops], reason: arrives ? undefined : (verdict.reason ?? `reply delivered to ${describeExit(verdict.exit)} instead`) };
}

/** The firewall passes packets of flows it has already passed, whatever the rules say about new ones. */
function withEstablishedFlows(model: NetworkModel): NetworkModel {
  const everything: AddressSpec = { negated: false, ranges: 'any' };
  const established: FirewallRule = { text: 'established', sid: 'flow', msg: 'established flow', action: 'pass', protocol: 'ip', source: everything, destination: everything, ports: 'any' };
  return { ...model, firewallRules: new Map([...model.firewallRules.keys()].map((key) => [key, [established]])) };
}

export function describeExit(exit: Exit | undefined): string {
  if (!exit) return 'nowhere';
  if (exit.kind === 'internet') return 'internet';
  if (exit.kind === 'hscn') return `HSCN (${exit.attachment})`;
  return `${exit.vpc} / ${exit.subnet}`;
}

/** Routes in a Transit Gateway table by the table's Name tag, for assertions and documents. */
export function tgwTableRoutes(model: NetworkModel, name: string): readonly TgwRoute[] {
  const table = [...model.tgwTables.values()].find((candidate) => candidate.name === name || candidate.name.endsWith(`-${name}`));
  if (!table) throw new Error(`no Transit Gateway route table named ${name}`);
  return table.routes;
}

// DNS as a spoke sees it, read from the synthesized JSON: which private hosted zones answer in a VPC
// (associated directly or through a Route 53 Profile), which interface endpoint a name leads to, and
// what the Route 53 Resolver DNS Firewall rule groups on that VPC decide first. A name no zone holds
// resolves publicly (an internet address, which then meets the Network Firewall). A VPC whose DHCP
// option set names other DNS servers never asks Route 53 Resolver at all (lib/network/dns-paths.ts):
// its query is a packet to that server, for the walk in trace.ts to judge.
// https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-dns-firewall-rule-group-priority.html
import { dnsFirewallDomainMatches } from '../../../lib/network/dns-firewall';
import { AMAZON_PROVIDED_DNS } from '../../../lib/network/dns-paths';
import { type Json, type NetworkModel, Resolver, resources } from './model';

interface DnsRule {
  readonly priority: number;
  readonly action: string;
  readonly name: string;
  /** Entries of our own list; undefined for an AWS managed list (contents known only to AWS). */
  readonly domains?: readonly string[];
  readonly managedListId?: string;
}

export interface DnsModel {
  readonly zones: ReadonlyMap<string, { key: string; name: string; vpcKeys: string[]; records: { name: string; endpointKey?: string }[] }>;
  readonly endpoints: ReadonlyMap<string, { key: string; service: string; subnetKeys: string[]; privateDns: boolean }>;
  readonly profiles: ReadonlyMap<
    string,
    { key: string; name: string; zoneKeys: string[]; ruleGroups: { key: string; priority: number }[] }
  >;
  /** VPC key -> the profile associated with it (a VPC takes one). */
  readonly profileOfVpc: ReadonlyMap<string, string>;
  /** VPC key -> rule groups associated directly. */
  readonly ruleGroupsOfVpc: ReadonlyMap<string, { key: string; priority: number }[]>;
  readonly ruleGroups: ReadonlyMap<string, { name: string; rules: DnsRule[] }>;
  /** VPC key -> DNS Firewall fail-open setting (ENABLED / DISABLED); AWS's default is DISABLED. */
  readonly failOpen: ReadonlyMap<string, string>;
  /** VPC key -> the domain-name-servers of its DHCP option set; absent means AWS's default set (AmazonProvidedDNS). */
  readonly dnsServersOfVpc: ReadonlyMap<string, readonly string[]>;
}

export type DnsAnswer =
  | { readonly outcome: 'blocked'; readonly rule: string; readonly ruleGroup: string }
  | { readonly outcome: 'endpoint'; readonly service: string; readonly zone: string; readonly subnetKeys: readonly string[] }
  | { readonly outcome: 'nxdomain'; readonly zone: string }
  | { readonly outcome: 'public' }
  /** The VPC's DHCP option set names another server: the query is a packet to it, outside Resolver and DNS Firewall. */
  | { readonly outcome: 'sent-to-server'; readonly server: string };

export function buildDnsModel(stacks: ReadonlyMap<string, Json>): DnsModel {
  const r = new Resolver(stacks);
  const endpoints = new Map<string, { key: string; service: string; subnetKeys: string[]; privateDns: boolean }>();
  for (const [stack, key, body] of resources(stacks, 'aws_vpc_endpoint')) {
    endpoints.set(key, {
      key,
      service: String(body.service_name),
      subnetKeys: (body.subnet_ids ?? []).map((id: string) => r.id(stack, id)),
      privateDns: body.private_dns_enabled === true,
    });
  }
  const zones = new Map<string, { key: string; name: string; vpcKeys: string[]; records: { name: string; endpointKey?: string }[] }>();
  for (const [stack, key, body] of resources(stacks, 'aws_route53_zone')) {
    if (!body.vpc) continue;
    zones.set(key, {
      key,
      name: String(body.name).replace(/\.$/, ''),
      vpcKeys: (body.vpc as Json[]).map((vpc) => r.id(stack, vpc.vpc_id)),
      records: [],
    });
  }
  for (const [stack, , body] of resources(stacks, 'aws_route53_record')) {
    const zone = zones.get(r.id(stack, body.zone_id));
    // "${replace(aws_vpc_endpoint.<name>.dns_entry[0].dns_name, ...)}": the endpoint the alias leads to.
    const endpoint = /(aws_vpc_endpoint\.[\w-]+)\.dns_entry/.exec(String(body.alias?.name ?? ''));
    zone?.records.push({ name: String(body.name).replace(/\.$/, ''), endpointKey: endpoint ? `${stack}/${endpoint[1]}` : undefined });
  }
  const ruleGroups = new Map<string, { name: string; rules: DnsRule[] }>();
  for (const [, key, body] of resources(stacks, 'aws_route53_resolver_firewall_rule_group'))
    ruleGroups.set(key, { name: String(body.name), rules: [] });
  for (const [stack, , body] of resources(stacks, 'aws_route53_resolver_firewall_rule')) {
    const group = ruleGroups.get(r.id(stack, body.firewall_rule_group_id));
    const list = r.ref(stack, body.firewall_domain_list_id);
    const domains = list ? (r.resource(list.key)?.domains as string[] | undefined) : undefined;
    group?.rules.push({
      priority: Number(body.priority),
      action: String(body.action),
      name: String(body.name),
      domains,
      managedListId: list ? undefined : String(body.firewall_domain_list_id),
    });
  }
  for (const group of ruleGroups.values()) group.rules.sort((a, b) => a.priority - b.priority);

  const ruleGroupsOfVpc = new Map<string, { key: string; priority: number }[]>();
  for (const [stack, , body] of resources(stacks, 'aws_route53_resolver_firewall_rule_group_association')) {
    const vpc = r.id(stack, body.vpc_id);
    ruleGroupsOfVpc.set(vpc, [
      ...(ruleGroupsOfVpc.get(vpc) ?? []),
      { key: r.id(stack, body.firewall_rule_group_id), priority: Number(body.priority) },
    ]);
  }
  const profiles = new Map<string, { key: string; name: string; zoneKeys: string[]; ruleGroups: { key: string; priority: number }[] }>();
  for (const [, key, body] of resources(stacks, 'aws_route53profiles_profile'))
    profiles.set(key, { key, name: String(body.name), zoneKeys: [], ruleGroups: [] });
  for (const [stack, , body] of resources(stacks, 'aws_route53profiles_resource_association')) {
    const profile = profiles.get(r.id(stack, body.profile_id));
    const resource = r.ref(stack, body.resource_arn);
    if (!profile || !resource) continue;
    if (resource.type === 'aws_route53_zone') profile.zoneKeys.push(resource.key);
    if (resource.type === 'aws_route53_resolver_firewall_rule_group')
      profile.ruleGroups.push({ key: resource.key, priority: Number(JSON.parse(body.resource_properties ?? '{}').priority ?? 0) });
  }
  const profileOfVpc = new Map<string, string>();
  for (const [stack, , body] of resources(stacks, 'aws_route53profiles_association'))
    profileOfVpc.set(r.id(stack, body.resource_id), r.id(stack, body.profile_id));
  const failOpen = new Map<string, string>();
  for (const [stack, , body] of resources(stacks, 'aws_route53_resolver_firewall_config'))
    failOpen.set(r.id(stack, body.resource_id), String(body.firewall_fail_open));
  const dnsServersOfVpc = new Map<string, readonly string[]>();
  for (const [stack, , body] of resources(stacks, 'aws_vpc_dhcp_options_association')) {
    const options = r.resource(r.id(stack, body.dhcp_options_id));
    if (options)
      dnsServersOfVpc.set(r.id(stack, body.vpc_id), (options.domain_name_servers as string[] | undefined) ?? [AMAZON_PROVIDED_DNS]);
  }
  return { zones, endpoints, profiles, profileOfVpc, ruleGroupsOfVpc, ruleGroups, failOpen, dnsServersOfVpc };
}

export interface ResolveOptions {
  /**
   * What the tests assume an AWS managed list holds (by list ID): the contents are AWS's and change
   * daily, so the model only says that a name in the list would be blocked.
   * @default every managed list treated as empty
   */
  readonly managedListContents?: Readonly<Record<string, readonly string[]>>;
}

/** The rule groups that judge queries from a VPC, in evaluation order (lowest association priority first). */
export function ruleGroupsFor(dns: DnsModel, vpcKey: string): { key: string; priority: number }[] {
  const profile = dns.profiles.get(dns.profileOfVpc.get(vpcKey) ?? '');
  return [...(dns.ruleGroupsOfVpc.get(vpcKey) ?? []), ...(profile?.ruleGroups ?? [])].sort((a, b) => a.priority - b.priority);
}

/**
 * A query from a host in `vpcKey` for `name`: to the server the VPC's DHCP options name when that is
 * not Route 53 Resolver; otherwise DNS Firewall first, then private zones, then public DNS.
 */
export function resolve(dns: DnsModel, vpcKey: string, name: string, options: ResolveOptions = {}): DnsAnswer {
  // Clients may use any server the set lists (failover, rotation): one that is not Resolver is enough.
  const outside = (dns.dnsServersOfVpc.get(vpcKey) ?? []).find((server) => server !== AMAZON_PROVIDED_DNS);
  if (outside) return { outcome: 'sent-to-server', server: outside };
  const query = name.toLowerCase().replace(/\.$/, '');
  // ALLOW and BLOCK both stop inspection (ALERT would continue; the estate uses none).
  firewall: for (const association of ruleGroupsFor(dns, vpcKey)) {
    const group = dns.ruleGroups.get(association.key);
    for (const rule of group?.rules ?? []) {
      const entries = rule.domains ?? options.managedListContents?.[rule.managedListId ?? ''] ?? [];
      if (!entries.some((entry) => dnsFirewallDomainMatches(entry, query))) continue;
      if (rule.action === 'BLOCK') return { outcome: 'blocked', rule: rule.name, ruleGroup: group!.name };
      if (rule.action === 'ALLOW') break firewall;
    }
  }
  const profile = dns.profiles.get(dns.profileOfVpc.get(vpcKey) ?? '');
  const visible = [...dns.zones.values()].filter((zone) => zone.vpcKeys.includes(vpcKey) || profile?.zoneKeys.includes(zone.key));
  // The most specific zone whose name is the query or a parent of it answers, authoritatively.
  const zone = visible
    .filter((candidate) => query === candidate.name || query.endsWith(`.${candidate.name}`))
    .sort((a, b) => b.name.length - a.name.length)[0];
  if (!zone) return { outcome: 'public' };
  const record =
    zone.records.find((candidate) => candidate.name === query) ??
    zone.records.find((candidate) => candidate.name.startsWith('*.') && query.endsWith(candidate.name.slice(1)));
  const endpoint = dns.endpoints.get(record?.endpointKey ?? '');
  if (!endpoint) return { outcome: 'nxdomain', zone: zone.name };
  return { outcome: 'endpoint', service: endpoint.service, zone: zone.name, subnetKeys: endpoint.subnetKeys };
}

/** An address an interface endpoint would answer on: inside its subnet in the first zone (AWS picks one per subnet). */
export function endpointAddress(model: NetworkModel, answer: Extract<DnsAnswer, { outcome: 'endpoint' }>): string {
  const subnet = model.subnets.get(answer.subnetKeys[0]);
  if (!subnet) throw new Error(`endpoint subnet ${answer.subnetKeys[0]} not in the network model`);
  const address = subnet.range.first + 4n;
  return [24n, 16n, 8n, 0n].map((shift) => String((address >> shift) & 255n)).join('.');
}

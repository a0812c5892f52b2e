// The firewall's stateful rules as the reachability walk reads them: the Suricata subset that
// lib/network/firewall-rules.ts writes, parsed and matched against one packet.
import { type CidrRange, addressInRange, cidr as parseCidr } from '../../../lib/network/cidr';
import type { AddressSpec, FirewallRule } from './model';
import { type Json, type Resolver, resources } from './terraform-json';

/** One packet of the walk. */
export interface Packet {
  src: bigint;
  dst: bigint;
  protocol: 'tcp' | 'udp' | 'icmp';
  port: number;
  domain?: string;
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
    // An IP set reference: the model keys those as "@NAME" (a prefix list's entries).
    if (item.startsWith('@')) {
      const value = variables[item];
      if (!value) throw new Error(`firewall rule refers to undefined IP set reference ${item}`);
      return value;
    }
    return [parseCidr(item.includes('/') ? item : `${item}/32`)];
  });
  return { negated, ranges };
}

/** Rule options the model evaluates (or that do not change which packets match, such as msg and sid). */
const UNDERSTOOD_OPTIONS = new Set([
  'msg',
  'sid',
  'rev',
  'flow',
  'tls.sni',
  'http.host',
  'content',
  'dotprefix',
  'nocase',
  'startswith',
  'endswith',
]);

export function parseRule(text: string, variables: Record<string, CidrRange[]>): FirewallRule {
  const match = /^(\w+)\s+(\w+)\s+(\S+)\s+(\S+)\s+->\s+(\S+)\s+(\S+)\s+\((.*)\)$/.exec(text);
  if (!match) throw new Error(`cannot parse firewall rule: ${text}`);
  const [, action, protocol, source, , destination, port, optionsText] = match;
  const options = optionsText.split(/;\s*/).filter(Boolean);
  // Refuse keywords this model does not evaluate, rather than silently matching more than the engine would.
  for (const o of options) {
    if (!UNDERSTOOD_OPTIONS.has(o.split(':')[0]))
      throw new Error(`firewall rule uses "${o.split(':')[0]}", which the reachability model does not evaluate: ${text}`);
  }
  const option = (name: string) => options.find((o) => o === name || o.startsWith(`${name}:`));
  const value = (name: string) => option(name)?.split(':').slice(1).join(':').replace(/^"|"$/g, '');
  let domain: FirewallRule['domain'];
  const keyword = options.find((o) => o === 'tls.sni' || o === 'http.host');
  if (keyword)
    domain = {
      keyword,
      content: value('content') ?? '',
      dotprefix: !!option('dotprefix'),
      startswith: !!option('startswith'),
      endswith: !!option('endswith'),
    };
  return {
    text,
    sid: value('sid') ?? '?',
    msg: value('msg') ?? '',
    action,
    protocol,
    source: parseAddress(source, variables),
    destination: parseAddress(destination, variables),
    ports:
      port === 'any'
        ? 'any'
        : port
            .replace(/^\[|\]$/g, '')
            .split(',')
            .map(Number),
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

export function ruleMatches(rule: FirewallRule, packet: Packet): boolean {
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

/**
 * Each Network Firewall's stateful rules in evaluation order (its policy's rule groups by priority),
 * with policy and rule-group variables and IP set references (prefix lists) resolved, and its default actions.
 */
export function readFirewalls(
  stacks: ReadonlyMap<string, Json>,
  r: Resolver,
  prefixLists: ReadonlyMap<string, CidrRange[]>,
): { firewallRules: Map<string, FirewallRule[]>; firewallDefaultActions: Map<string, string[]> } {
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
  return { firewallRules, firewallDefaultActions };
}

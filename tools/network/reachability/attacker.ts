// Attacker resources injected into the synthesized stacks, so that the packet walk can show what a
// workload account's administrator gains by adding them outside Terraform (issue 12, the network half).
// Each function returns a new map of stacks and leaves its input untouched; the injected resources are
// exactly what the AWS API would create (a CIDR association, a subnet in it, a route), written the way
// Terraform would hold them, so the model reads them like any other resource.
import type { Json } from './model';

type Stacks = ReadonlyMap<string, Json>;

function copyWith(stacks: Stacks, stackName: string, edit: (stack: Json) => void): Map<string, Json> {
  const stack = stacks.get(stackName);
  if (!stack) throw new Error(`no stack ${stackName}`);
  const copy = JSON.parse(JSON.stringify(stack)) as Json;
  edit(copy);
  return new Map([...stacks, [stackName, copy]]);
}

function only(stack: Json, type: string, nameIncludes = ''): string {
  const names = Object.keys(stack.resource?.[type] ?? {}).filter((name) => name.includes(nameIncludes));
  if (names.length !== 1) throw new Error(`expected one ${type}${nameIncludes ? ` named *${nameIncludes}*` : ''}, found ${names.length}`);
  return names[0];
}

function add(stack: Json, type: string, name: string, body: Json): void {
  stack.resource[type] = { ...(stack.resource[type] ?? {}), [name]: body };
}

/**
 * `ec2:AssociateVpcCidrBlock` on a spoke, then a subnet in the new range using the spoke's private route
 * table (so its instances send everything to the Transit Gateway, like the spoke's own subnets).
 */
export function withSecondaryCidr(stacks: Stacks, workloadStack: string, cidr: string, zoneId?: string): Map<string, Json> {
  return copyWith(stacks, workloadStack, (stack) => {
    const vpc = only(stack, 'aws_vpc');
    const table = only(stack, 'aws_route_table', 'route-table-private');
    const zone = zoneId ?? Object.values<Json>(stack.resource.aws_subnet)[0].availability_zone_id;
    add(stack, 'aws_vpc_ipv4_cidr_block_association', 'attacker-cidr', { vpc_id: `\${aws_vpc.${vpc}.id}`, cidr_block: cidr });
    add(stack, 'aws_subnet', 'attacker-subnet', {
      vpc_id: '${aws_vpc_ipv4_cidr_block_association.attacker-cidr.vpc_id}',
      cidr_block: cidr,
      availability_zone_id: zone,
      tags: { Name: 'attacker-subnet' },
    });
    add(stack, 'aws_route_table_association', 'attacker-subnet', {
      subnet_id: '${aws_subnet.attacker-subnet.id}',
      route_table_id: `\${aws_route_table.${table}.id}`,
    });
  });
}

/**
 * `ec2:CreateVpcEndpoint` in a spoke to a service of the attacker's choosing (another account's
 * PrivateLink or Gateway Load Balancer service), and a route for `destination` to it in the spoke's
 * private route table (replacing the spoke's route for the same destination).
 */
export function withEndpointRoute(stacks: Stacks, workloadStack: string, serviceName: string, destination: string): Map<string, Json> {
  return copyWith(stacks, workloadStack, (stack) => {
    const vpc = only(stack, 'aws_vpc');
    const table = only(stack, 'aws_route_table', 'route-table-private');
    // A route table holds one route per destination: the attacker replaces the spoke's own (ec2:ReplaceRoute).
    for (const [name, route] of Object.entries<Json>(stack.resource.aws_route ?? {})) {
      if (route.route_table_id === `\${aws_route_table.${table}.id}` && route.destination_cidr_block === destination)
        delete stack.resource.aws_route[name];
    }
    add(stack, 'aws_vpc_endpoint', 'attacker-endpoint', {
      vpc_id: `\${aws_vpc.${vpc}.id}`,
      service_name: serviceName,
      vpc_endpoint_type: 'GatewayLoadBalancer',
    });
    add(stack, 'aws_route', 'attacker-route', {
      route_table_id: `\${aws_route_table.${table}.id}`,
      destination_cidr_block: destination,
      vpc_endpoint_id: '${aws_vpc_endpoint.attacker-endpoint.id}',
    });
  });
}

/**
 * A negative control, not an attack a workload administrator can make: spokes' default propagation
 * pointed back at `gateway`, as the hub routed before ADR 0620, so that tests can show the attacks
 * above would succeed without that decision.
 */
export function withSpokePropagationIntoGateway(stacks: Stacks, networkStack = 'network'): Map<string, Json> {
  return copyWith(stacks, networkStack, (stack) => {
    const propagation = only(stack, 'aws_ec2_transit_gateway_default_route_table_propagation');
    const gateway = only(stack, 'aws_ec2_transit_gateway_route_table', 'route-table-gateway');
    stack.resource.aws_ec2_transit_gateway_default_route_table_propagation[propagation].transit_gateway_route_table_id =
      `\${aws_ec2_transit_gateway_route_table.${gateway}.id}`;
  });
}

/**
 * `route53profiles:DisassociateProfile` on a spoke's VPC (and, with it, the DNS Firewall the profile
 * carries): what the administrator gains by stepping outside the estate's DNS.
 */
export function withoutDnsProfile(stacks: Stacks, workloadStack: string): Map<string, Json> {
  return copyWith(stacks, workloadStack, (stack) => {
    delete stack.resource.aws_route53profiles_association;
  });
}

/**
 * `ec2:CreateDhcpOptions` and `ec2:AssociateDhcpOptions` on a spoke: its instances send DNS queries to
 * `servers` instead of Route 53 Resolver (lib/network/dns-paths.ts, dhcp-options-replace-resolver).
 */
export function withDhcpDnsServers(stacks: Stacks, workloadStack: string, servers: readonly string[]): Map<string, Json> {
  return copyWith(stacks, workloadStack, (stack) => {
    const vpc = only(stack, 'aws_vpc');
    add(stack, 'aws_vpc_dhcp_options', 'attacker-dhcp', { domain_name_servers: [...servers] });
    add(stack, 'aws_vpc_dhcp_options_association', 'attacker-dhcp', {
      vpc_id: `\${aws_vpc.${vpc}.id}`,
      dhcp_options_id: '${aws_vpc_dhcp_options.attacker-dhcp.id}',
    });
  });
}

/**
 * `route53resolver:CreateFirewallRuleGroup` (with a domain list and an ALLOW rule) and
 * `route53resolver:AssociateFirewallRuleGroup` on a spoke's VPC at `priority`, ahead of the estate's
 * group from the Route 53 Profile when the number is lower.
 */
export function withOwnDnsFirewallAllow(
  stacks: Stacks,
  workloadStack: string,
  domains: readonly string[],
  priority: number,
): Map<string, Json> {
  return copyWith(stacks, workloadStack, (stack) => {
    const vpc = only(stack, 'aws_vpc');
    add(stack, 'aws_route53_resolver_firewall_domain_list', 'attacker-allow', { name: 'attacker-allow', domains: [...domains] });
    add(stack, 'aws_route53_resolver_firewall_rule_group', 'attacker-allow', { name: 'attacker-allow' });
    add(stack, 'aws_route53_resolver_firewall_rule', 'attacker-allow', {
      name: 'attacker-allow-everything',
      action: 'ALLOW',
      priority: 1,
      firewall_rule_group_id: '${aws_route53_resolver_firewall_rule_group.attacker-allow.id}',
      firewall_domain_list_id: '${aws_route53_resolver_firewall_domain_list.attacker-allow.id}',
    });
    add(stack, 'aws_route53_resolver_firewall_rule_group_association', 'attacker-allow', {
      name: 'attacker-allow',
      priority,
      vpc_id: `\${aws_vpc.${vpc}.id}`,
      firewall_rule_group_id: '${aws_route53_resolver_firewall_rule_group.attacker-allow.id}',
    });
  });
}

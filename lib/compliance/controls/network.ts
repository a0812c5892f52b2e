// Controls: Network.
import { NETWORK, guardrailWith } from './kit';
import type { Control } from '../types';

export const NETWORK_CONTROLS: readonly Control[] = [
  {
    id: 'network-segregation',
    title: 'One inspected hub; no other way in or out of a workload',
    does: 'Workload VPCs reach HSCN and the internet only through the Transit Gateway hub and a stateful, strict-order, default-drop Network Firewall; an SCP denies workloads any other network path; offline reachability proofs trace the synthesized routing.',
    status: 'provided',
    refs: { ndg: ['9'], caf: ['B4.a', 'B5.b'], ncsc: ['3', '11'] },
    resources: [
      {
        type: 'aws_networkfirewall_firewall_policy',
        where: {
          'firewall_policy.stateful_engine_options.rule_order': 'STRICT_ORDER',
          'firewall_policy.stateful_default_actions': { contains: 'aws:drop_established' },
        },
      },
      { type: 'aws_ec2_transit_gateway_route_table', atLeast: 2 },
      guardrailWith('DenyNetworkPathsOutsideHub'),
    ],
    tests: [
      { file: 'test/tools/network/reachability.test.ts', name: 'proves every invariant with the routes HSCN is expected to advertise' },
      { file: 'test/policies/workload-network.test.ts', name: 'denies every path out of a workload account that bypasses the hub' },
      {
        file: NETWORK,
        name: 'runs a strict-order, default-drop firewall whose HSCN entitlement refers to a prefix list the network stack leaves empty',
      },
    ],
    customer: 'Security groups and network ACLs inside each workload VPC.',
  },
  {
    id: 'hscn-connection',
    title: 'HSCN connection through Direct Connect with VPN backup',
    does: 'The network account connects to HSCN through a Direct Connect gateway advertising only the HSCN allocation, with a site-to-site VPN backup, and forwards NHS domains to HSCN DNS for entitled accounts only.',
    status: 'provided',
    requiresHscn: true,
    refs: { caf: ['B5.b'], ncsc: ['11'] },
    resources: [
      { type: 'aws_dx_gateway' },
      { type: 'aws_vpn_connection' },
      { type: 'aws_route53_resolver_rule', where: { rule_type: 'FORWARD' } },
    ],
    tests: [
      { file: NETWORK, name: 'advertises exactly the HSCN allocation from the Direct Connect gateway and accepts the configured VIF' },
      {
        file: NETWORK,
        name: 'forwards the NHS domains from HSCN subnets in two zones, in a share whose principals this stack does not list',
      },
      {
        file: 'test/stacks/workload-stack.test.ts',
        name: 'adds an entitled account to the HSCN resolver-rule share itself, through a network-account provider, before associating the rules',
      },
    ],
    customer: 'The HSCN Connection Agreement and the CN-SP contract, and the Direct Connect circuit itself.',
  },
  {
    id: 'dns-firewall-and-endpoints',
    title: 'DNS Firewall and central VPC endpoints',
    does: 'Every spoke reaches the configured AWS APIs through central interface endpoints in the gateway VPC (endpoint policies limited to the organization, HTTPS from the workload pool only), resolved through a Route 53 Profile shared with the Workloads OU; other .amazonaws.com names are dropped at the firewall. The same profile applies Route 53 Resolver DNS Firewall (configured block and allow lists, AWS managed threat lists by ID) to every spoke and the gateway VPC, fail-closed.',
    status: 'provided',
    refs: { caf: ['B4.a'], ncsc: ['11'], fsbp: ['EC2.10'] },
    resources: [
      {
        type: 'aws_vpc_endpoint',
        where: { vpc_endpoint_type: 'Interface', private_dns_enabled: false, policy: { contains: 'aws:PrincipalOrgID' } },
        atLeast: 2,
      },
      { type: 'aws_route53profiles_resource_association', atLeast: 2 },
      { type: 'aws_route53profiles_association', atLeast: 1 },
      { type: 'aws_route53_resolver_firewall_rule_group_association', where: { mutation_protection: 'ENABLED' } },
      { type: 'aws_route53_resolver_firewall_config', where: { firewall_fail_open: 'DISABLED' }, atLeast: 2 },
    ],
    tests: [
      { file: 'test/attacks/network-dns.test.ts', name: 'the gateway VPC resolves the same names (the zones are associated with it)' },
      { file: 'test/attacks/network-dns.test.ts', name: "every attached spoke gets exactly the gateway's rule group, through the profile" },
      { file: 'test/modules/central-aws-endpoints.test.ts', name: 'admits HTTPS from the workload pool only, and nothing out' },
    ],
    customer:
      'Give the Regional IDs of the AWS managed threat lists (network.dnsFirewall.managedThreatLists) and add the AWS services the workloads use to network.awsEndpoints.services; DNS tunnelling through a domain on no list is logged (Resolver query logs), not blocked.',
  },
];

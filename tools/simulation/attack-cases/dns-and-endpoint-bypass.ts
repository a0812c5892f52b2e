// Leaving the estate's DNS and AWS API paths from inside a spoke (ADR 0625): DNS that never meets
// Route 53 Resolver's DNS Firewall (path 10), and a VPC endpoint of the workload's own whose policy
// it writes, past the central endpoints' organization fence (path 9). The packet half of these moves
// is in test/attacks/dns-bypass.test.ts.
import type { AttackCase } from './types';
import { ACC, deny, outsideResource, vpcEndpoint } from './kit';

const REGIONS = ['eu-west-2', 'eu-west-1'];
const ownEndpoint = deny('inside-organization', '9', 'workload-network', 'DenyOwnVpcEndpoints');
const dnsPath = deny('internet-only-via-gateway', '10', 'workload-network', 'DenyDnsPathsAroundFirewall');
/** The request context of a call made through an endpoint the attacker owns. */
const throughOwnEndpoint = { ...outsideResource, 'aws:SourceVpce': 'vpce-0attacker00000000a', 'aws:SourceVpc': 'vpc-0spoke0000000000a' };

export const DNS_AND_ENDPOINT_BYPASS_ATTACKS: readonly AttackCase[] = [
  // --- Path 10: DNS around DNS Firewall and query logging ------------------------------------------
  ...REGIONS.flatMap((region) => [
    dnsPath(`point the spoke's DHCP options at 8.8.8.8 (${region})`, {
      action: 'ec2:AssociateDhcpOptions',
      region,
      resource: `arn:aws:ec2:${region}:${ACC}:vpc/vpc-0spoke0000000000a`,
    }),
    dnsPath(`its own DNS Firewall rule group ahead of the estate's, allowing everything (${region})`, {
      action: 'route53resolver:AssociateFirewallRuleGroup',
      region,
    }),
    dnsPath(`an outbound Resolver endpoint in the spoke (${region})`, { action: 'route53resolver:CreateResolverEndpoint', region }),
    dnsPath(`a forwarding rule to an outside resolver (${region})`, { action: 'route53resolver:CreateResolverRule', region }),
    dnsPath(`associate its own forwarding rule with the spoke (${region})`, { action: 'route53resolver:AssociateResolverRule', region }),
  ]),

  // --- Path 9: a VPC endpoint of its own to an AWS service, with a policy of its own -------------
  ...REGIONS.flatMap((region) =>
    [
      ['s3', 'Interface'],
      ['s3', 'Gateway'],
      ['dynamodb', 'Gateway'],
      ['secretsmanager', 'Interface'],
      ['sts', 'Interface'],
      ['kms', 'Interface'],
    ].map(([service, type]) =>
      ownEndpoint(`its own ${type.toLowerCase()} endpoint to ${service} with an "Action: *" policy (${region})`, {
        action: 'ec2:CreateVpcEndpoint',
        region,
        resource: vpcEndpoint.replace('eu-west-2', region),
        context: {
          'ec2:VpceServiceOwner': 'amazon',
          'ec2:VpceServiceName': `com.amazonaws.${region}.${service}`,
          'ec2:VPCEndpointType': type,
        },
      }),
    ),
  ),
  ownEndpoint('replace the policy of an endpoint in the spoke (one a service made) with "Action: *"', {
    action: 'ec2:ModifyVpcEndpoint',
    resource: vpcEndpoint,
  }),
  ownEndpoint("add the spoke's route table to a gateway endpoint", {
    action: 'ec2:ModifyVpcEndpoint',
    resource: vpcEndpoint,
    context: { 'ec2:VPCEndpointType': 'Gateway' },
  }),
  // Had such an endpoint been made, the writes through it still meet the resource perimeter: the
  // path a request takes does not change whose resource it writes to.
  ...[
    ['s3:PutObject', 'arn:aws:s3:::attacker-bucket/through-own-endpoint.csv'],
    ['s3:PutObjectAcl', 'arn:aws:s3:::attacker-bucket/through-own-endpoint.csv'],
    ['dynamodb:PutItem', 'arn:aws:dynamodb:eu-west-2:{outside}:table/through-own-endpoint'],
  ].map(([action, resource]) =>
    deny(
      'inside-organization',
      '9',
      'workload-data-sharing',
      'DenyWritesOutsideOrg',
    )(`${action} into another organization's resource through its own endpoint`, { action, resource, context: throughOwnEndpoint }),
  ),
];

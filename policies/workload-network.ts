// Workload network (SCP, Workloads OU): a workload account's only way in or out is its spoke
// attachment to the hub's Transit Gateway, and only the execution role makes that attachment or
// shapes the spoke. Anyone else could attach a VPC that advertises a more specific CIDR and capture
// another spoke's traffic, add a secondary CIDR inside an entitled spoke's or an HSCN range (issue
// 12, path 1), or open a path to the internet, HSCN or an outsider that bypasses inspection.
import type { LandingZoneConfig } from '../lib/config/schema';
import type { PolicyDocument } from '../lib/iam-policy';
import { executionRoleArn, exemptRoleArns, unlessPrincipal } from './common';

export const WORKLOAD_NETWORK_ACTIONS: readonly string[] = [
  // Address space: the spoke's CIDR is the account's identity on the hub (entitlement, routing).
  // A new VPC, a secondary or IPv6 CIDR, or brought-your-own / IPAM addresses would change it.
  'ec2:CreateVpc',
  'ec2:AssociateVpcCidrBlock',
  'ec2:AssociateSubnetCidrBlock',
  'ec2:ProvisionByoipCidr',
  'ec2:AdvertiseByoipCidr',
  'ec2:AllocateIpamPoolCidr',
  'ec2:CreatePublicIpv4Pool',
  // Internet paths.
  'ec2:AttachInternetGateway',
  'ec2:CreateInternetGateway',
  'ec2:CreateEgressOnlyInternetGateway',
  'ec2:CreateCarrierGateway',
  'ec2:AllocateAddress',
  'ec2:AssociateAddress',
  'globalaccelerator:Create*',
  'ec2:CreateInstanceConnectEndpoint',
  'ec2:CreateVerifiedAccess*',
  // Private paths that bypass the hub.
  'ec2:AcceptVpcPeeringConnection',
  'ec2:CreateVpcPeeringConnection',
  'ec2:AttachVpnGateway',
  'ec2:CreateVpnGateway',
  'ec2:CreateVpnConnection',
  'ec2:CreateCustomerGateway',
  'ec2:EnableVgwRoutePropagation',
  'ec2:CreateClientVpnEndpoint',
  'ec2:CreateTrafficMirror*',
  'ec2:CreateVpcEndpointServiceConfiguration',
  'ec2:ModifyVpcEndpointServicePermissions',
  'ec2:AcceptVpcEndpointConnections',
  'networkmanager:Create*',
  'networkmanager:Accept*',
  'vpc-lattice:CreateServiceNetworkVpcAssociation',
  'vpc-lattice:CreateResourceGateway',
  'directconnect:Accept*',
  'directconnect:Allocate*',
  'directconnect:Associate*',
  'directconnect:Create*',
  // Transit Gateway attachments, routes and route tables.
  'ec2:AcceptTransitGateway*',
  'ec2:AssociateTransitGateway*',
  'ec2:CreateTransitGateway*',
  'ec2:DeleteTransitGateway*',
  'ec2:DisableTransitGateway*',
  'ec2:DisassociateTransitGateway*',
  'ec2:EnableTransitGateway*',
  'ec2:ModifyTransitGateway*',
  'ec2:RejectTransitGateway*',
  'ec2:ReplaceTransitGateway*',
];

/**
 * Ways to resolve names outside the estate's DNS Firewall and query logging. DNS Firewall judges only
 * queries that reach Route 53 Resolver, and a DHCP option set's domain-name-servers replace
 * AmazonProvidedDNS for every instance in the VPC (lib/network/dns-paths.ts has the references).
 */
export const DNS_PATH_ACTIONS: readonly string[] = [
  'ec2:AssociateDhcpOptions',
  'route53resolver:AssociateFirewallRuleGroup',
  'route53resolver:CreateResolverEndpoint',
  'route53resolver:CreateResolverRule',
  'route53resolver:AssociateResolverRule',
];

export function workloadNetwork(config: LandingZoneConfig): PolicyDocument {
  // Attaching to the hub and changing the spoke's address space is the execution role's alone (the
  // break-glass role has no business reshaping the hub); the other denies keep both exemptions.
  const hubOnly = unlessPrincipal(executionRoleArn(config));
  const exempt = unlessPrincipal(exemptRoleArns(config));
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'DenyNetworkPathsOutsideHub',
        Effect: 'Deny',
        Action: [...WORKLOAD_NETWORK_ACTIONS],
        Resource: '*',
        Condition: hubOnly,
      },
      {
        // No VPC endpoint of the workload's own, to anyone's service (ADR 0625). An endpoint to
        // another account's PrivateLink or Gateway Load Balancer service plus a route is a private
        // path past the firewall; one to an AWS service carries the workload's own endpoint policy
        // ("*" if it likes), so another organization's bucket is read, or tagged, through it without
        // the central endpoints' organization fence (ADR 0622). AWS APIs are reached through the
        // central endpoints; a service-linked role (GuardDuty's runtime endpoint) is not bound by SCPs.
        Sid: 'DenyOwnVpcEndpoints',
        Effect: 'Deny',
        Action: ['ec2:CreateVpcEndpoint', 'ec2:ModifyVpcEndpoint'],
        Resource: '*',
        Condition: exempt,
      },
      {
        // DNS that never meets Route 53 Resolver's DNS Firewall or query logging (ADR 0625): a DHCP
        // option set naming another DNS server, a rule group of the workload's own ahead of the
        // estate's (an ALLOW stops inspection), or its own Resolver endpoints and forwarding rules.
        // The HSCN forwarding rules are associated by the execution role (workload stack).
        Sid: 'DenyDnsPathsAroundFirewall',
        Effect: 'Deny',
        Action: [...DNS_PATH_ACTIONS],
        Resource: '*',
        Condition: exempt,
      },
      {
        Sid: 'DenyInternetFacingLoadBalancers',
        Effect: 'Deny',
        Action: 'elasticloadbalancing:CreateLoadBalancer',
        Resource: '*',
        Condition: { StringEquals: { 'elasticloadbalancing:Scheme': 'internet-facing' }, ...exempt },
      },
      {
        // A subnet shared in through RAM (a Sandbox subnet with internet, an entitled spoke's
        // subnet) would put this account's instances on someone else's network path.
        Sid: 'DenyInterfacesInOtherAccountsSubnets',
        Effect: 'Deny',
        Action: ['ec2:RunInstances', 'ec2:CreateNetworkInterface'],
        Resource: 'arn:aws:ec2:*:*:subnet/*',
        Condition: { StringNotEquals: { 'aws:ResourceAccount': '${aws:PrincipalAccount}' }, ...exempt },
      },
      // Sharing a subnet, Transit Gateway, prefix list or Lattice resource through RAM is denied at
      // the root (estate-integrity, DenyNetworkResourceShares), so that a Sandbox or core account
      // cannot share one into a workload account either.
      {
        // ModifyDBInstance has no such key; a database made public later still has no internet
        // gateway to answer through (workload-network, VPC Block Public Access).
        Sid: 'DenyPublicDatabases',
        Effect: 'Deny',
        Action: [
          'rds:CreateDBInstance',
          'rds:CreateDBInstanceReadReplica',
          'rds:RestoreDBInstanceFromDBSnapshot',
          'rds:RestoreDBInstanceFromS3',
          'rds:RestoreDBInstanceToPointInTime',
        ],
        Resource: '*',
        Condition: { Bool: { 'rds:PubliclyAccessible': 'true' }, ...exempt },
      },
      {
        // AWS API Gateway developer guide: REST APIs only of endpoint type PRIVATE; HTTP and
        // WebSocket APIs have no private endpoint at all.
        Sid: 'DenyPublicApis',
        Effect: 'Deny',
        Action: ['apigateway:POST', 'apigateway:PUT', 'apigateway:PATCH'],
        Resource: ['arn:aws:apigateway:*::/restapis', 'arn:aws:apigateway:*::/restapis/??????????'],
        Condition: { 'ForAnyValue:StringNotEqualsIgnoreCase': { 'apigateway:Request/EndpointType': 'PRIVATE' }, ...exempt },
      },
      {
        Sid: 'DenyHttpAndWebSocketApis',
        Effect: 'Deny',
        Action: 'apigateway:POST',
        Resource: 'arn:aws:apigateway:*::/apis',
        Condition: exempt,
      },
    ],
  };
}

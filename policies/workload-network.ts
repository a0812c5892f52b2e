// Workload network (SCP, Workloads OU): a workload account's only way in or out is its spoke
// attachment to the hub's Transit Gateway, and only the execution role makes that attachment.
// Anyone else could attach a VPC that advertises a more specific CIDR and capture another spoke's
// traffic, or open a path to the internet or HSCN that bypasses inspection.
import type { LandingZoneConfig } from '../lib/config/schema';
import type { PolicyDocument } from '../lib/iam-policy';
import { executionRoleArn, unlessPrincipal } from './common';

export const WORKLOAD_NETWORK_ACTIONS: readonly string[] = [
  // Internet paths.
  'ec2:AttachInternetGateway',
  'ec2:CreateInternetGateway',
  'ec2:CreateEgressOnlyInternetGateway',
  'ec2:CreateCarrierGateway',
  // Private paths that bypass the hub.
  'ec2:AcceptVpcPeeringConnection',
  'ec2:CreateVpcPeeringConnection',
  'ec2:AttachVpnGateway',
  'ec2:CreateVpnGateway',
  'ec2:CreateVpnConnection',
  'ec2:CreateCustomerGateway',
  'ec2:EnableVgwRoutePropagation',
  'ec2:CreateClientVpnEndpoint',
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

export function workloadNetwork(config: LandingZoneConfig): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'DenyNetworkPathsOutsideHub',
        Effect: 'Deny',
        Action: [...WORKLOAD_NETWORK_ACTIONS],
        Resource: '*',
        Condition: unlessPrincipal(executionRoleArn(config)),
      },
    ],
  };
}

// Estate integrity (SCP, root): what no member account may do, whatever its OU.
// - Region-exempt services that store data outside eu-west-2 / eu-west-1 or make it world-readable
//   (issue 12, path 11): the Region guardrail has to let these global services through, so their
//   data-creating calls are denied here instead.
// - DNS query logging and DNS Firewall associations (issue 12, path 10 API part): the network stack
//   builds them; nobody else removes, weakens or re-points them.
// - Network resources shared through RAM (issue 12, path 6): a subnet shared into a workload
//   account (a Sandbox subnet, an entitled spoke's subnet) puts its interfaces on someone else's
//   network path, past the hub's routing and entitlement. Subnets are shared only within the
//   organization (Amazon VPC User Guide, "Share your VPC subnets with other accounts"), so denying
//   it in every OU leaves no account that can be the sharing side; the network account's own shares (the Transit Gateway, the Resolver
//   rules) are made by the execution role, which is exempt.
// - The default EBS key (issue 12, Medium): swapping it for a key an insider controls (or one
//   shared from outside) would let new volumes be read elsewhere.
import type { LandingZoneConfig } from '../lib/config/schema';
import type { PolicyDocument } from '../lib/iam-policy';
import { exemptRoleArns, unlessPrincipal } from './common';

/** Data stores and integrations of Region-exempt services. */
export const REGION_EXEMPT_DATA_ACTIONS: readonly string[] = [
  'ecr-public:CreateRepository',
  'ecr-public:PutImage',
  'ecr-public:InitiateLayerUpload',
  'ecr-public:SetRepositoryPolicy',
  'chime:Create*',
  'devicefarm:Create*',
  'config:PutConfigurationAggregator',
  'config:PutAggregationAuthorization',
  'cloudfront:CreateFunction',
  'cloudfront:UpdateFunction',
  'cloudfront:CreateKeyValueStore',
  'chatbot:Create*',
];

/**
 * Route 53 Resolver query logging and DNS Firewall: removing or weakening them. A spoke gets the
 * central endpoints' zones and the DNS Firewall rule group through the shared Route 53 Profile, so
 * disassociating the profile from its VPC is on the list too (ADR 0622).
 */
export const DNS_PROTECTION_ACTIONS: readonly string[] = [
  'route53resolver:DisassociateResolverQueryLogConfig',
  'route53resolver:DeleteResolverQueryLogConfig',
  'route53resolver:PutResolverQueryLogConfigPolicy',
  'route53resolver:DisassociateFirewallRuleGroup',
  'route53resolver:UpdateFirewallRuleGroupAssociation',
  'route53resolver:DeleteFirewallRuleGroup',
  'route53resolver:DeleteFirewallRule',
  'route53resolver:UpdateFirewallRule',
  'route53resolver:DeleteFirewallDomainList',
  'route53resolver:UpdateFirewallDomains',
  'route53resolver:UpdateFirewallConfig',
  'route53resolver:PutFirewallRuleGroupPolicy',
  'route53profiles:DisassociateProfile',
];

/** RAM resource types that are a network path into another account (ram:RequestedResourceType). */
export const NETWORK_RESOURCE_SHARE_TYPES: readonly string[] = ['ec2:Subnet', 'ec2:TransitGateway', 'ec2:PrefixList', 'vpc-lattice:*'];

export function estateIntegrity(config: LandingZoneConfig): PolicyDocument {
  const exempt = unlessPrincipal(exemptRoleArns(config));
  return {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'DenyRegionExemptDataStores', Effect: 'Deny', Action: [...REGION_EXEMPT_DATA_ACTIONS], Resource: '*', Condition: exempt },
      {
        // A public hosted zone publishes names on the internet from outside both Regions; private
        // zones (associated with a VPC at creation) stay allowed.
        Sid: 'DenyPublicHostedZones',
        Effect: 'Deny',
        Action: 'route53:CreateHostedZone',
        Resource: '*',
        Condition: { Null: { 'route53:VPCs': 'true' }, ...exempt },
      },
      { Sid: 'DenyDnsProtectionChanges', Effect: 'Deny', Action: [...DNS_PROTECTION_ACTIONS], Resource: '*', Condition: exempt },
      {
        Sid: 'DenyNetworkResourceShares',
        Effect: 'Deny',
        Action: ['ram:CreateResourceShare', 'ram:AssociateResourceShare'],
        Resource: '*',
        Condition: { StringLike: { 'ram:RequestedResourceType': [...NETWORK_RESOURCE_SHARE_TYPES] }, ...exempt },
      },
      {
        Sid: 'DenyEbsDefaultKeyChanges',
        Effect: 'Deny',
        Action: ['ec2:ModifyEbsDefaultKmsKeyId', 'ec2:ResetEbsDefaultKmsKeyId'],
        Resource: '*',
        Condition: exempt,
      },
    ],
  };
}

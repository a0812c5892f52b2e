// Attempts an EC2 declarative policy stops.
import type { DeclarativeAttackCase } from './types';

/** Attempts an EC2 declarative policy stops (the attribute is fixed for the account in every Region). */
export const DECLARATIVE_ATTACK_CASES: readonly DeclarativeAttackCase[] = [
  {
    promise: 'internet-only-via-gateway',
    path: '2',
    attempt: 'use the default VPC internet gateway (instance with a public IP)',
    action: 'ec2:RunInstances',
    enforcedBy: ['vpc-block-public-access', 'vpc_block_public_access.internet_gateway_block.mode', 'block_bidirectional'],
  },
  {
    promise: 'internet-only-via-gateway',
    path: '2',
    attempt: 'egress through an egress-only internet gateway',
    action: 'ec2:CreateRoute',
    enforcedBy: ['vpc-block-public-access', 'vpc_block_public_access.internet_gateway_block.mode', 'block_bidirectional'],
  },
  {
    promise: 'internet-only-via-gateway',
    path: '2',
    attempt: 'turn VPC Block Public Access off',
    action: 'ec2:ModifyVpcBlockPublicAccessOptions',
    enforcedBy: ['vpc-block-public-access', 'vpc_block_public_access.internet_gateway_block.mode', 'block_bidirectional'],
  },
  {
    promise: 'internet-only-via-gateway',
    path: '2',
    attempt: 'exclude a subnet from VPC Block Public Access',
    action: 'ec2:CreateVpcBlockPublicAccessExclusion',
    enforcedBy: ['vpc-block-public-access', 'vpc_block_public_access.internet_gateway_block.exclusions_allowed', 'disabled'],
  },
  {
    promise: 'inside-organization',
    path: '4',
    attempt: 'make an EBS snapshot public',
    action: 'ec2:ModifySnapshotAttribute',
    enforcedBy: ['ec2-baseline', 'snapshot_block_public_access.state', 'block_all_sharing'],
  },
  {
    promise: 'inside-organization',
    path: '4',
    attempt: 'turn EBS snapshot block public access off',
    action: 'ec2:DisableSnapshotBlockPublicAccess',
    enforcedBy: ['ec2-baseline', 'snapshot_block_public_access.state', 'block_all_sharing'],
  },
  {
    promise: 'inside-organization',
    path: '4',
    attempt: 'make an AMI public',
    action: 'ec2:ModifyImageAttribute',
    enforcedBy: ['ec2-baseline', 'image_block_public_access.state', 'block_new_sharing'],
  },
  {
    promise: 'inside-organization',
    path: '4',
    attempt: 'turn AMI block public access off',
    action: 'ec2:DisableImageBlockPublicAccess',
    enforcedBy: ['ec2-baseline', 'image_block_public_access.state', 'block_new_sharing'],
  },
  {
    promise: 'logging-cannot-be-disabled',
    path: 'medium',
    attempt: 'reach an instance through the serial console (no network, no flow log)',
    action: 'ec2:EnableSerialConsoleAccess',
    enforcedBy: ['ec2-baseline', 'serial_console_access.status', 'disabled'],
  },
  {
    promise: 'inside-organization',
    path: 'medium',
    attempt: 'launch with IMDSv1 by default (credential theft by SSRF)',
    action: 'ec2:ModifyInstanceMetadataDefaults',
    enforcedBy: ['ec2-baseline', 'instance_metadata_defaults.http_tokens', 'required'],
  },
];

// Facts about central logging that the log-archive, management, security and member stacks must
// agree on, derived from configuration only (no stack needs another's outputs to know them), and the
// resource-policy statements that let AWS services deliver logs for this organization and no other.
import { secondaryRegion } from '../config/model';
import type { LandingZoneConfig } from '../config/schema';
import type { PolicyStatement } from '../iam-policy';
import { type LogBucketPurpose, logBucketName, logKeyAliasName } from '../naming';

export const LOG_BUCKET_PURPOSES: readonly LogBucketPurpose[] = ['cloudtrail', 'config', 'network'];

/** The one organization trail, in the management account's home Region. */
export function organizationTrailName(config: LandingZoneConfig): string {
  return `${config.organization.namePrefix}-lz-organization-trail`;
}

export function organizationTrailArn(config: LandingZoneConfig): string {
  return `arn:aws:cloudtrail:${config.homeRegion}:${config.managementAccount.accountId}:trail/${organizationTrailName(config)}`;
}

/** CloudWatch Logs group that receives the organization trail (management account, home Region). */
export function trailLogGroupName(config: LandingZoneConfig): string {
  return `/${config.organization.namePrefix}-lz/cloudtrail/organization`;
}

/**
 * The Region holding the Object Lock replicas of every log bucket: the allowed Region that is not
 * home (eu-west-1 in the example), or none when only one Region is allowed.
 */
export function replicaRegion(config: LandingZoneConfig): string | undefined {
  return secondaryRegion(config);
}

/** ARN of the log-archive key alias in a Region; Config accepts an alias ARN for s3KmsKeyArn. */
export function logKeyAliasArn(config: LandingZoneConfig, logArchiveAccountId: string, region: string): string {
  return `arn:aws:kms:${region}:${logArchiveAccountId}:${logKeyAliasName(config)}`;
}

/** Where every account's Config delivery channel writes: the home-Region config bucket. */
export function configDeliveryTarget(config: LandingZoneConfig, logArchiveAccountId: string): { bucketName: string; kmsKeyArn: string } {
  return {
    bucketName: logBucketName(config, 'config', config.homeRegion, logArchiveAccountId),
    kmsKeyArn: logKeyAliasArn(config, logArchiveAccountId, config.homeRegion),
  };
}

/**
 * AWS Config cannot deliver into a bucket whose Object Lock has a default retention
 * (AWS Config Developer Guide, "Managing the delivery channel"). The home-Region config bucket
 * therefore has Object Lock enabled without a default retention, denies every delete in its
 * policy, and replicates to the locked replica; see docs/decisions/0201-config-bucket-object-lock.md.
 */
export function hasDefaultRetention(config: LandingZoneConfig, purpose: LogBucketPurpose, region: string): boolean {
  return !(purpose === 'config' && region === config.homeRegion);
}

const orgCondition = (organizationId: string) => ({ 'aws:SourceOrgID': organizationId });

/**
 * The two statements a delivering service needs on a log bucket, limited to this organization by
 * aws:SourceOrgID: check the bucket (ACL and existence), then write objects owned by the bucket owner.
 */
function organizationDeliveryStatements(
  sidPrefix: string,
  service: string,
  aclCheckSid: string,
  bucketArn: string,
  objects: string | readonly string[],
  organizationId: string,
): PolicyStatement[] {
  return [
    {
      Sid: aclCheckSid,
      Effect: 'Allow',
      Principal: { Service: service },
      Action: ['s3:GetBucketAcl', 's3:ListBucket'],
      Resource: bucketArn,
      Condition: { StringEquals: orgCondition(organizationId) },
    },
    {
      Sid: `${sidPrefix}Write`,
      Effect: 'Allow',
      Principal: { Service: service },
      Action: 's3:PutObject',
      Resource: objects,
      Condition: { StringEquals: { ...orgCondition(organizationId), 's3:x-amz-acl': 'bucket-owner-full-control' } },
    },
  ];
}

/** Which accounts write a network log: the network account alone, or any account of the organization. */
export type NetworkLogWriters = 'network-account' | 'organization';

export interface NetworkLogDestination {
  /** Key prefix in the network log bucket; AWS appends AWSLogs/<account>/... after it. */
  readonly prefix: string;
  readonly writers: NetworkLogWriters;
}

/**
 * Where each vended network log goes in the network log bucket. AWS writes every one of them under
 * <bucket>/<prefix>/AWSLogs/<account>/... (VPC User Guide, "Flow log records in Amazon S3", which
 * also covers Transit Gateway flow logs; Network Firewall Developer Guide, "Logging to Amazon S3";
 * Route 53 Developer Guide, "Resolver query logging"), so the bucket policy grants exactly these
 * prefixes, and the stacks configure their destinations from this table only.
 */
export const NETWORK_LOG_DESTINATIONS = {
  /** The gateway VPC (network account) and every spoke (its workload account). */
  vpcFlowLogs: { prefix: 'vpc-flow-logs', writers: 'organization' },
  transitGatewayFlowLogs: { prefix: 'transit-gateway-flow-logs', writers: 'network-account' },
  firewallFlowLogs: { prefix: 'network-firewall/flow', writers: 'network-account' },
  firewallAlertLogs: { prefix: 'network-firewall/alert', writers: 'network-account' },
  // The query-log configuration is shared with the Workloads OU and each spoke associates its own
  // VPC. AWS does not document which account a shared configuration delivers as, so any account of
  // the organization may write here; `lz verify` checks the live delivery status.
  resolverQueryLogs: { prefix: 'resolver-query-logs', writers: 'organization' },
} as const satisfies Record<string, NetworkLogDestination>;

/** S3 destination ARN (bucket and prefix) of a network log, as flow logs and query logging take it. */
export function networkLogDestinationArn(bucketName: string, destination: NetworkLogDestination): string {
  return `arn:aws:s3:::${bucketName}/${destination.prefix}/`;
}

/** Bucket-policy statements that let the AWS service behind each log bucket deliver into it. */
export function logDeliveryBucketStatements(
  config: LandingZoneConfig,
  purpose: LogBucketPurpose,
  bucketArn: string,
  organizationId: string,
  networkAccountId: string,
): PolicyStatement[] {
  switch (purpose) {
    case 'cloudtrail': {
      // The organization trail is one named trail in the management account; pinning its ARN is
      // AWS's documented condition for organization trails and never changes when accounts join.
      const source = { 'aws:SourceArn': organizationTrailArn(config) };
      return [
        {
          Sid: 'CloudTrailAclCheck',
          Effect: 'Allow',
          Principal: { Service: 'cloudtrail.amazonaws.com' },
          Action: 's3:GetBucketAcl',
          Resource: bucketArn,
          Condition: { StringEquals: source },
        },
        {
          Sid: 'CloudTrailWrite',
          Effect: 'Allow',
          Principal: { Service: 'cloudtrail.amazonaws.com' },
          Action: 's3:PutObject',
          Resource: [`${bucketArn}/AWSLogs/${config.managementAccount.accountId}/*`, `${bucketArn}/AWSLogs/${organizationId}/*`],
          Condition: { StringEquals: { ...source, 's3:x-amz-acl': 'bucket-owner-full-control' } },
        },
      ];
    }
    case 'config':
      return organizationDeliveryStatements(
        'Config',
        'config.amazonaws.com',
        'ConfigAclCheckAndExistence',
        bucketArn,
        `${bucketArn}/AWSLogs/*/Config/*`,
        organizationId,
      );
    case 'network': {
      // VPC and Transit Gateway flow logs, Network Firewall logs and Route 53 Resolver query logs
      // are all "vended logs" written by delivery.logs.amazonaws.com, each under its own prefix.
      const objects = (writers: NetworkLogWriters) =>
        Object.values(NETWORK_LOG_DESTINATIONS)
          .filter((destination) => destination.writers === writers)
          .map((destination) => `${bucketArn}/${destination.prefix}/AWSLogs/*`);
      const [aclCheck, organizationWrite] = organizationDeliveryStatements(
        'LogDelivery',
        'delivery.logs.amazonaws.com',
        'LogDeliveryAclCheck',
        bucketArn,
        objects('organization'),
        organizationId,
      );
      const networkAccountWrite: PolicyStatement = {
        ...organizationWrite,
        Sid: 'LogDeliveryWriteNetworkAccount',
        Resource: objects('network-account'),
        Condition: {
          StringEquals: {
            ...orgCondition(organizationId),
            'aws:SourceAccount': networkAccountId,
            's3:x-amz-acl': 'bucket-owner-full-control',
          },
        },
      };
      return [aclCheck, organizationWrite, networkAccountWrite];
    }
  }
}

/** Key-policy statements of the log-archive key: each delivering service, for this organization only. */
export function logKeyStatements(
  config: LandingZoneConfig,
  organizationId: string,
  readerAccountIds: readonly string[],
  region: string,
): PolicyStatement[] {
  const trail = organizationTrailArn(config);
  return [
    {
      Sid: 'CloudTrailEncryptsOrganizationTrail',
      Effect: 'Allow',
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 'kms:GenerateDataKey*',
      Resource: '*',
      Condition: { StringEquals: { 'aws:SourceArn': trail, 'kms:EncryptionContext:aws:cloudtrail:arn': trail } },
    },
    {
      Sid: 'CloudTrailDescribesKey',
      Effect: 'Allow',
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 'kms:DescribeKey',
      Resource: '*',
      Condition: { StringEquals: { 'aws:SourceArn': trail } },
    },
    {
      Sid: 'ConfigEncryptsForOrganization',
      Effect: 'Allow',
      Principal: { Service: 'config.amazonaws.com' },
      Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
      Resource: '*',
      Condition: { StringEquals: orgCondition(organizationId) },
    },
    {
      Sid: 'LogDeliveryEncryptsForOrganization',
      Effect: 'Allow',
      Principal: { Service: 'delivery.logs.amazonaws.com' },
      Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
      Resource: '*',
      Condition: { StringEquals: orgCondition(organizationId) },
    },
    {
      // Auditors read logs through S3 only; they can never use the key directly.
      Sid: 'AuditorsDecryptThroughS3',
      Effect: 'Allow',
      Principal: { AWS: readerAccountIds.map((id) => `arn:aws:iam::${id}:root`) },
      Action: ['kms:Decrypt', 'kms:DescribeKey'],
      Resource: '*',
      Condition: { StringEquals: { 'kms:ViaService': `s3.${region}.amazonaws.com` } },
    },
  ];
}

/** Read-only access for the audit (security) account, and nobody else outside log-archive. */
export function auditorReadStatement(bucketArn: string, readerAccountIds: readonly string[]): PolicyStatement {
  return {
    Sid: 'AuditorsRead',
    Effect: 'Allow',
    Principal: { AWS: readerAccountIds.map((id) => `arn:aws:iam::${id}:root`) },
    Action: ['s3:GetObject', 's3:GetObjectVersion', 's3:ListBucket', 's3:ListBucketVersions', 's3:GetBucketLocation'],
    Resource: [bucketArn, `${bucketArn}/*`],
  };
}

/**
 * GOVERNANCE-mode locks can be lifted by anyone holding s3:BypassGovernanceRetention; only the
 * break-glass role keeps that power, so GOVERNANCE is not a silent back door.
 */
export function denyGovernanceBypassStatement(bucketArn: string, breakGlassRoleArn: string): PolicyStatement {
  return {
    Sid: 'DenyGovernanceBypass',
    Effect: 'Deny',
    Principal: '*',
    Action: ['s3:BypassGovernanceRetention', 's3:PutObjectRetention', 's3:PutObjectLegalHold'],
    Resource: `${bucketArn}/*`,
    Condition: { ArnNotLike: { 'aws:PrincipalArn': breakGlassRoleArn } },
  };
}

/** Nobody deletes log objects: lifecycle expiry (not subject to bucket policies) is the only way out. */
export function denyObjectDeletionStatement(bucketArn: string): PolicyStatement {
  return {
    Sid: 'DenyObjectDeletion',
    Effect: 'Deny',
    Principal: '*',
    Action: ['s3:DeleteObject', 's3:DeleteObjectVersion'],
    Resource: `${bucketArn}/*`,
  };
}

// What a service delivery check is: the deliveries modelled, where AWS documents each one, and the
// request each check evaluates against the synthesized resource policy it meets.
import type { ResourceRequest } from '../resource-policy';

export type DeliveryKind =
  | 'cloudtrail'
  | 'cloudtrail-digest'
  | 'config'
  | 'vpc-flow-logs'
  | 'transit-gateway-flow-logs'
  | 'network-firewall-logs'
  | 'resolver-query-logs'
  | 's3-server-access-logs'
  | 's3-replication'
  | 'cloudwatch-alarm-to-sns'
  | 'eventbridge-to-sns'
  | 'macie-discovery-results'
  | 'backup-audit-reports';

/** Where AWS documents each delivery's object keys, principal and context keys. */
export const DELIVERY_REFERENCES: Readonly<Record<DeliveryKind, string>> = {
  cloudtrail:
    'CloudTrail User Guide, "Finding your CloudTrail log files" (bucket/prefix/AWSLogs/O-ID/Account-ID/CloudTrail/Region/YYYY/MM/DD/file) and "Amazon S3 bucket policy for CloudTrail" (aws:SourceArn, s3:x-amz-acl); "AWS KMS key policy for CloudTrail" (kms:EncryptionContext:aws:cloudtrail:arn)',
  'cloudtrail-digest':
    'CloudTrail User Guide, "CloudTrail digest file structure" (AWSLogs/O-ID/Account-ID/CloudTrail-Digest/Region/YYYY/MM/DD/file)',
  config:
    'AWS Config Developer Guide, "Permissions for the Amazon S3 bucket for the AWS Config delivery channel" (AWSLogs/Account-ID/Config/*, s3:x-amz-acl, aws:SourceAccount) and "Permissions for the KMS key"',
  'vpc-flow-logs':
    'Amazon VPC User Guide, "Flow log records in Amazon S3" (bucket/prefix/AWSLogs/aws-account-id=ID/aws-service=vpcflowlogs/aws-region=R/year=/month=/day=/hour=/ with Hive partitions) and "Amazon S3 bucket permissions for flow logs" (delivery.logs.amazonaws.com, aws:SourceAccount, aws:SourceArn arn:aws:logs:R:ID:*)',
  'transit-gateway-flow-logs':
    'Amazon VPC Transit Gateways, "Transit Gateway Flow Logs records in Amazon S3" (same key shape and permissions as VPC flow logs)',
  'network-firewall-logs':
    'AWS Network Firewall Developer Guide, "Logging to Amazon S3" (bucket/prefix/AWSLogs/ID/network-firewall/log-type/Region/firewall-name/YYYY/MM/DD/HH/file, delivery.logs.amazonaws.com)',
  'resolver-query-logs':
    'Amazon Route 53 Developer Guide, "Resolver query logging" / "AWS resources that you can send Resolver query logs to" (bucket/prefix/AWSLogs/ID/vpcdnsquerylogs/vpc-id/YYYY/MM/DD/file, delivery.logs.amazonaws.com)',
  's3-server-access-logs':
    'Amazon S3 User Guide, "Logging requests with server access logging" ([TargetPrefix]YYYY-mm-DD-HH-MM-SS-UniqueString) and "Permissions for log delivery" (logging.s3.amazonaws.com, aws:SourceArn, aws:SourceAccount)',
  's3-replication':
    'Amazon S3 User Guide, "Setting up permissions for live replication" and "Replicating encrypted objects" (kms:ViaService s3.Region.amazonaws.com)',
  'cloudwatch-alarm-to-sns':
    'Amazon CloudWatch User Guide, "Using Amazon SNS topics for alarm actions" and cross-service confused deputy prevention (aws:SourceArn of the alarm); Amazon SNS Developer Guide, "Enable compatibility between event sources from AWS services and encrypted topics"',
  'eventbridge-to-sns':
    'Amazon EventBridge User Guide, "Amazon SNS permissions" and "Using IAM policy conditions in Amazon EventBridge" (aws:SourceArn of the rule, aws:SourceAccount); Amazon SNS Developer Guide, encrypted topics',
  'macie-discovery-results':
    'Amazon Macie User Guide, "Storing and retaining sensitive data discovery results" (macie.amazonaws.com, s3:GetBucketLocation and s3:PutObject, kms:GenerateDataKey and kms:Encrypt, aws:SourceAccount, aws:SourceArn of the export configuration or job; results under prefix/AWSLogs/Account-ID/Macie/Region/job-ID/)',
  'backup-audit-reports':
    'AWS Backup Developer Guide, "Creating report plans using the AWS Backup console" (bucket of the same account only; the AWSServiceRoleForBackupReports service-linked role puts s3://bucket/prefix/Backup/<account>/<Region>/... or Backup/crossaccount/<Region>/... with bucket-owner-full-control)',
};

export interface DeliveryCheck {
  readonly kind: DeliveryKind;
  /** Human description: what delivers where, as read from the synthesized stacks. */
  readonly delivery: string;
  /** Which synthesized policy the request meets. */
  readonly policy: string;
  readonly request: ResourceRequest;
}

export interface DeliveryScope {
  /** The organization ID stand-in used when resolving the estate. */
  readonly organizationId: string;
  /** Every account of the organization (organization trails write one prefix per account). */
  readonly accountIds: readonly string[];
  /** The Regions the estate allows (a multi-Region trail writes one prefix per Region). */
  readonly regions: readonly string[];
}

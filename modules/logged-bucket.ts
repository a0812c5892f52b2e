// A SecureBucket whose server access logs go to its own AccessLogBucket beside it (Security Hub
// S3.9), with one lifecycle rule for the bucket's objects and versions: the shape of every evidence
// bucket a member account keeps for itself (Backup Audit Manager reports, Macie discovery results).
// S3 server access logging delivers only within one account and Region, and only to SSE-S3, so each
// such bucket needs an access-log bucket in its own account and Region.
//
// This adds its resources to the owner's scope, not under a construct of its own: a construct path
// is part of every Terraform address (and of the synthesized JSON), so a wrapper construct would
// move resources that already exist. docs/decisions/0011-builders-that-keep-addresses.md
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import type { Construct } from 'constructs';
import type { PolicyStatement } from '../lib/iam-policy';
import { AccessLogBucket } from './access-log-bucket';
import { SecureBucket } from './secure-bucket';

/** Construct ID of the access-log bucket in the owner's scope. */
export const ACCESS_LOG_BUCKET_ID = 'access-logs';
/** Construct ID of the bucket's lifecycle configuration in the owner's scope. */
export const LOGGED_BUCKET_LIFECYCLE_ID = 'lifecycle';

export interface LoggedBucketProps {
  /** Provider of the account and Region both buckets live in. */
  readonly provider: AwsProvider;
  /** Construct ID of the bucket in the owner's scope (part of its Terraform address). */
  readonly id: string;
  /** Name of the bucket. */
  readonly bucketName: string;
  /**
   * SSE-KMS with this key (with S3 Bucket Keys).
   * @default SSE-S3
   */
  readonly kmsKeyArn?: string;
  /** Bucket-policy statements beside the TLS-only denial SecureBucket always adds. */
  readonly statements: readonly PolicyStatement[];
  /** Value of the bucket's lz:purpose tag (the access-log bucket is tagged `access-logs`). */
  readonly purpose: string;
  /** The account both buckets belong to: the only source account the access-log bucket accepts. */
  readonly accountId: string;
  /** Name of the bucket that receives the server access logs. */
  readonly accessLogBucketName: string;
  /** Days an access-log object is kept. */
  readonly accessLogRetentionDays: number;
  /** Days of the log-validation window, after which access logs move to Deep Archive (logTransitions). */
  readonly validationWindowDays: number;
  /** The bucket's lifecycle rule. */
  readonly lifecycle: LoggedBucketLifecycle;
}

export interface LoggedBucketLifecycle {
  /** ID of the lifecycle rule. */
  readonly ruleId: string;
  /**
   * Days after which a current object expires.
   * @default never: objects are kept until someone with the right deletes them
   */
  readonly expireAfterDays?: number;
  /** Days a replaced or deleted (noncurrent) version is kept. */
  readonly noncurrentVersionDays: number;
}

/** The bucket, the bucket its access logs go to, and the bucket's lifecycle configuration. */
export interface LoggedBucket {
  readonly accessLogs: AccessLogBucket;
  readonly bucket: SecureBucket;
  readonly lifecycle: S3BucketLifecycleConfiguration;
}

/** Adds the access-log bucket, then the bucket logging into it, then the bucket's lifecycle, to `scope`. */
export function addLoggedBucket(scope: Construct, props: LoggedBucketProps): LoggedBucket {
  const { provider } = props;
  const accessLogs = new AccessLogBucket(scope, ACCESS_LOG_BUCKET_ID, {
    provider,
    bucketName: props.accessLogBucketName,
    sourceAccountId: props.accountId,
    validationWindowDays: props.validationWindowDays,
    expireAfterDays: props.accessLogRetentionDays,
    tags: { 'lz:purpose': 'access-logs' },
  });
  const bucket = new SecureBucket(scope, props.id, {
    provider,
    bucketName: props.bucketName,
    kmsKeyArn: props.kmsKeyArn,
    accessLogBucket: accessLogs.bucket.bucket.id,
    statements: props.statements,
    tags: { 'lz:purpose': props.purpose },
  });
  const { expireAfterDays } = props.lifecycle;
  const lifecycle = new S3BucketLifecycleConfiguration(scope, LOGGED_BUCKET_LIFECYCLE_ID, {
    provider,
    bucket: bucket.bucket.id,
    rule: [
      {
        id: props.lifecycle.ruleId,
        status: 'Enabled',
        filter: [{ prefix: '' }],
        expiration: expireAfterDays === undefined ? undefined : [{ days: expireAfterDays }],
        noncurrentVersionExpiration: [{ noncurrentDays: props.lifecycle.noncurrentVersionDays }],
        abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
      },
    ],
    dependsOn: [bucket.versioning],
  });
  return { accessLogs, bucket, lifecycle };
}

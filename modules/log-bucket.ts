// An immutable audit-log bucket: a SecureBucket (SSE-KMS with Bucket Keys, versioning, public access
// blocked, ownership enforced, TLS-only) created with S3 Object Lock, a default retention from
// configuration, lifecycle tiers that keep CloudTrail logs and digests instantly readable for the
// validation window, server access logging, and optional replication to a locked replica.
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import {
  S3BucketLifecycleConfiguration,
  type S3BucketLifecycleConfigurationRuleTransition,
} from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketObjectLockConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-object-lock-configuration';
import { S3BucketReplicationConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-replication-configuration';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import type { PolicyStatement } from '../lib/iam-policy';
import { SecureBucket } from './secure-bucket';

export type ObjectLockMode = 'GOVERNANCE' | 'COMPLIANCE';

export interface LogBucketRetention {
  readonly mode: ObjectLockMode;
  readonly days: number;
}

export interface LogBucketReplication {
  /** ARN of the Object Lock bucket in the replica Region. */
  readonly destinationBucketArn: string;
  /** KMS key in the replica Region that encrypts the replicas. */
  readonly destinationKmsKeyArn: string;
  /** Role S3 assumes to replicate (needs retention and legal-hold read permissions). */
  readonly roleArn: string;
  /** Things that must exist first: the destination's versioning and the role's policy. */
  readonly dependsOn: readonly ITerraformDependable[];
}

export interface LogBucketProps {
  readonly provider: AwsProvider;
  readonly bucketName: string;
  readonly kmsKeyArn: string;
  /** Default Object Lock retention; undefined only where the delivering service cannot accept one. */
  readonly defaultRetention?: LogBucketRetention;
  /** Days objects stay in Standard or Glacier Instant Retrieval (readable by validate-logs). */
  readonly validationWindowDays: number;
  /** Days after which lifecycle removes a log (never before its lock ends). */
  readonly expireAfterDays: number;
  /** Bucket receiving server access logs: a reference to its aws_s3_bucket (id), so it is created first. */
  readonly accessLogBucket: string;
  readonly statements?: readonly PolicyStatement[];
  readonly replication?: LogBucketReplication;
  readonly tags?: Readonly<Record<string, string>>;
}

/** Glacier Instant Retrieval from this age: cheaper than Standard and still millisecond reads. */
export const INSTANT_RETRIEVAL_AFTER_DAYS = 90;

/** Lifecycle tiers: Standard, then Glacier IR, then Deep Archive once the validation window ends. */
export function logTransitions(validationWindowDays: number, expireAfterDays: number): S3BucketLifecycleConfigurationRuleTransition[] {
  const transitions: S3BucketLifecycleConfigurationRuleTransition[] = [];
  if (validationWindowDays > INSTANT_RETRIEVAL_AFTER_DAYS)
    transitions.push({ days: INSTANT_RETRIEVAL_AFTER_DAYS, storageClass: 'GLACIER_IR' });
  // Deep Archive bills at least 180 days, so moving a log there later than that before expiry
  // saves nothing; also never transition on or after the expiry day.
  if (validationWindowDays < expireAfterDays - 180) transitions.push({ days: validationWindowDays, storageClass: 'DEEP_ARCHIVE' });
  return transitions;
}

export class LogBucket extends Construct {
  readonly bucket: SecureBucket;
  readonly objectLock?: S3BucketObjectLockConfigurationA;
  readonly replication?: S3BucketReplicationConfigurationA;

  constructor(scope: Construct, id: string, props: LogBucketProps) {
    super(scope, id);
    const { provider } = props;
    this.bucket = new SecureBucket(this, 'bucket', {
      provider,
      bucketName: props.bucketName,
      kmsKeyArn: props.kmsKeyArn,
      objectLockEnabled: true,
      accessLogBucket: props.accessLogBucket,
      statements: props.statements,
      tags: props.tags,
    });
    if (props.defaultRetention) {
      this.objectLock = new S3BucketObjectLockConfigurationA(this, 'object-lock', {
        provider,
        bucket: this.bucket.bucket.id,
        rule: { defaultRetention: { mode: props.defaultRetention.mode, days: props.defaultRetention.days } },
        dependsOn: [this.bucket.versioning],
      });
    }
    const transitions = logTransitions(props.validationWindowDays, props.expireAfterDays);
    new S3BucketLifecycleConfiguration(this, 'lifecycle', {
      provider,
      bucket: this.bucket.bucket.id,
      rule: [
        {
          id: 'audit-log-tiers',
          status: 'Enabled',
          filter: [{ prefix: '' }],
          transition: transitions,
          noncurrentVersionTransition: transitions.map((t) => ({ noncurrentDays: t.days ?? 0, storageClass: t.storageClass })),
          // Expiry only adds a delete marker; a locked version survives it until its lock ends,
          // after which the noncurrent-version rule removes it.
          expiration: [{ days: props.expireAfterDays }],
          noncurrentVersionExpiration: [{ noncurrentDays: 1 }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
        },
      ],
      dependsOn: [this.bucket.versioning],
    });
    if (props.replication) {
      const replication = props.replication;
      this.replication = new S3BucketReplicationConfigurationA(this, 'replication', {
        provider,
        bucket: this.bucket.bucket.id,
        role: replication.roleArn,
        rule: [
          {
            id: 'to-replica-region',
            status: 'Enabled',
            filter: { prefix: '' },
            // Deletions are never replicated: the replica is the copy nobody can thin out.
            deleteMarkerReplication: { status: 'Disabled' },
            sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: 'Enabled' } },
            destination: {
              bucket: replication.destinationBucketArn,
              storageClass: 'STANDARD',
              encryptionConfiguration: { replicaKmsKeyId: replication.destinationKmsKeyArn },
            },
          },
        ],
        dependsOn: [this.bucket.versioning, ...replication.dependsOn],
      });
    }
  }
}

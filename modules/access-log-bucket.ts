// The documented exception among log buckets: S3 server access logging cannot deliver into an
// Object Lock bucket and supports only SSE-S3. So this bucket is versioned, SSE-S3, TLS-only, denies
// every delete (lifecycle expiry is the only way objects leave) and has no Object Lock. The
// tamper-evident record of access to patient data comes from CloudTrail S3 data events instead.
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { Construct } from 'constructs';
import { denyObjectDeletionStatement } from '../lib/logging/delivery';
import { logTransitions } from './log-bucket';
import { SecureBucket } from './secure-bucket';

export interface AccessLogBucketProps {
  /** Provider of the account and Region whose buckets log here (server access logging stays in both). */
  readonly provider: AwsProvider;
  /** Name of the access-log bucket. */
  readonly bucketName: string;
  /** Account whose buckets log here (S3 server access logging never crosses accounts here). */
  readonly sourceAccountId: string;
  /** Days of the log-validation window: logs move to Deep Archive only after it (logTransitions). */
  readonly validationWindowDays: number;
  /** Days an access-log object is kept before lifecycle expires it. */
  readonly expireAfterDays: number;
  /**
   * Tags on the bucket itself, such as lz:purpose.
   * @default no tags
   */
  readonly tags?: Readonly<Record<string, string>>;
}

export class AccessLogBucket extends Construct {
  readonly bucket: SecureBucket;

  constructor(scope: Construct, id: string, props: AccessLogBucketProps) {
    super(scope, id);
    const arn = `arn:aws:s3:::${props.bucketName}`;
    this.bucket = new SecureBucket(this, 'bucket', {
      provider: props.provider,
      bucketName: props.bucketName,
      // No kmsKeyArn: SSE-S3, the only encryption server access logging supports.
      tags: props.tags,
      statements: [
        {
          Sid: 'S3ServerAccessLogsDelivery',
          Effect: 'Allow',
          Principal: { Service: 'logging.s3.amazonaws.com' },
          Action: 's3:PutObject',
          Resource: `${arn}/*`,
          Condition: { StringEquals: { 'aws:SourceAccount': props.sourceAccountId } },
        },
        denyObjectDeletionStatement(arn),
      ],
    });
    const transitions = logTransitions(props.validationWindowDays, props.expireAfterDays);
    new S3BucketLifecycleConfiguration(this, 'lifecycle', {
      provider: props.provider,
      bucket: this.bucket.bucket.id,
      rule: [
        {
          id: 'access-log-tiers',
          status: 'Enabled',
          filter: [{ prefix: '' }],
          transition: transitions,
          expiration: [{ days: props.expireAfterDays }],
          noncurrentVersionExpiration: [{ noncurrentDays: 1 }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
        },
      ],
      dependsOn: [this.bucket.versioning],
    });
  }
}

// An S3 bucket with the controls every bucket in this estate needs: versioning, encryption (SSE-KMS
// with S3 Bucket Keys, or SSE-S3 where AWS requires it), all public access blocked, object
// ownership enforced, a TLS-only policy and prevent_destroy. Log buckets add Object Lock,
// lifecycle and replication on top.
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLoggingA } from '@cdktf/provider-aws/lib/s3-bucket-logging';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { Construct } from 'constructs';
import { denyInsecureTransport, type PolicyStatement } from '../lib/iam-policy';

export interface SecureBucketProps {
  /** Provider of the account and Region the bucket lives in. */
  readonly provider: AwsProvider;
  /** Name of the bucket. */
  readonly bucketName: string;
  /**
   * SSE-KMS with this key; when absent the bucket uses SSE-S3 (required for access-log targets).
   * @default SSE-S3
   */
  readonly kmsKeyArn?: string;
  /**
   * Enable S3 Object Lock at creation (it cannot be turned on later without AWS support).
   * @default false
   */
  readonly objectLockEnabled?: boolean;
  /**
   * Bucket receiving server access logs: a reference to its aws_s3_bucket (id), so it is created first.
   * @default no server access logging
   */
  readonly accessLogBucket?: string;
  /**
   * Further bucket-policy statements; the TLS-only denial is always present.
   * @default only the TLS-only denial
   */
  readonly statements?: readonly PolicyStatement[];
  /**
   * Tags on the bucket itself, such as lz:purpose, so tests and operators can tell buckets apart.
   * @default no tags
   */
  readonly tags?: Readonly<Record<string, string>>;
}

export class SecureBucket extends Construct {
  readonly bucket: S3Bucket;
  readonly arn: string;
  readonly versioning: S3BucketVersioningA;
  readonly policy: S3BucketPolicy;

  constructor(scope: Construct, id: string, props: SecureBucketProps) {
    super(scope, id);
    const { provider } = props;
    this.bucket = new S3Bucket(this, 'bucket', {
      provider,
      bucket: props.bucketName,
      objectLockEnabled: props.objectLockEnabled ? true : undefined,
      tags: props.tags ? { ...props.tags } : undefined,
      lifecycle: { preventDestroy: true },
    });
    this.arn = `arn:aws:s3:::${props.bucketName}`;
    this.versioning = new S3BucketVersioningA(this, 'versioning', {
      provider,
      bucket: this.bucket.id,
      versioningConfiguration: { status: 'Enabled' },
    });
    new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
      provider,
      bucket: this.bucket.id,
      rule: [
        props.kmsKeyArn
          ? { applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: props.kmsKeyArn }, bucketKeyEnabled: true }
          : { applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } },
      ],
    });
    new S3BucketPublicAccessBlock(this, 'public-access-block', {
      provider,
      bucket: this.bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketOwnershipControls(this, 'ownership', {
      provider,
      bucket: this.bucket.id,
      rule: { objectOwnership: 'BucketOwnerEnforced' },
    });
    this.policy = new S3BucketPolicy(this, 'policy', {
      provider,
      bucket: this.bucket.id,
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [denyInsecureTransport([this.arn, `${this.arn}/*`]), ...(props.statements ?? [])],
      }),
    });
    if (props.accessLogBucket) {
      new S3BucketLoggingA(this, 'access-logging', {
        provider,
        bucket: this.bucket.id,
        targetBucket: props.accessLogBucket,
        targetPrefix: `${props.bucketName}/`,
      });
    }
  }
}

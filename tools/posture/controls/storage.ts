// S3 and KMS controls: every bucket the estate creates, and its keys.
import { ALL_PUBLIC_ACCESS_BLOCKED } from '../../../lib/compliance/controls/kit';
import { refersTo, type EstateResource } from '../estate';
import { type ControlFinding, type ControlContext, type PostureControl, ref, ofType, accountFinding, pass, fail } from './kit';
import { logsAllS3DataEvents, organizationTrails } from './services';

// S3 buckets.

const bucketArn = (bucket: EstateResource): string =>
  typeof bucket.body.bucket === 'string' ? `arn:aws:s3:::${bucket.body.bucket}` : bucket.address;

function bucketSettings(context: ControlContext, type: string, bucket: EstateResource): EstateResource[] {
  return ofType(context.resources, type).filter((resource) => refersTo(resource, resource.body.bucket, bucket, [bucket.body.bucket]));
}

function eachBucket(context: ControlContext, check: (bucket: EstateResource) => string | undefined): ControlFinding[] {
  return ofType(context.resources, 'aws_s3_bucket').map((bucket) => {
    const problem = check(bucket);
    return problem ? fail(bucketArn(bucket), 'AwsS3Bucket', problem) : pass(bucketArn(bucket), 'AwsS3Bucket');
  });
}

/** Whether an account- or bucket-level Block Public Access resource has all four settings on. */
function blocksAllPublicAccess(block: EstateResource | undefined): boolean {
  return block !== undefined && Object.entries(ALL_PUBLIC_ACCESS_BLOCKED).every(([setting, on]) => block.body[setting] === on);
}

interface PolicyStatement {
  Effect?: string;
  Condition?: Record<string, Record<string, unknown>>;
}

function deniesInsecureTransport(policyJson: unknown): boolean {
  if (typeof policyJson !== 'string') return false;
  try {
    const policy = JSON.parse(policyJson) as { Statement?: PolicyStatement[] };
    return (policy.Statement ?? []).some(
      (statement) => statement.Effect === 'Deny' && `${statement.Condition?.Bool?.['aws:SecureTransport']}` === 'false',
    );
  } catch {
    return false;
  }
}

export const STORAGE_CONTROLS: readonly PostureControl[] = [
  {
    id: 'KMS.4',
    title: 'AWS KMS key rotation should be enabled',
    standards: ['CIS-3.0'],
    reference: ref('kms', 'KMS.4'),
    scope: 'regional',
    evaluate: (context) =>
      ofType(context.resources, 'aws_kms_key')
        .filter((key) => (key.body.customer_master_key_spec ?? 'SYMMETRIC_DEFAULT') === 'SYMMETRIC_DEFAULT')
        .map((key) =>
          key.body.enable_key_rotation === true
            ? pass(key.address, 'AwsKmsKey')
            : fail(key.address, 'AwsKmsKey', 'automatic rotation is off'),
        ),
  },
  {
    id: 'S3.1',
    title: 'S3 general purpose buckets should have block public access settings enabled',
    standards: ['FSBP', 'CIS-3.0'],
    reference: ref('s3', 'S3.1'),
    scope: 'global',
    evaluate: (context) => {
      const all = blocksAllPublicAccess(ofType(context.accountResources, 'aws_s3_account_public_access_block')[0]);
      return [
        all ? accountFinding(context, 'PASSED') : accountFinding(context, 'FAILED', 'account-level S3 Block Public Access is not fully on'),
      ];
    },
  },
  {
    id: 'S3.5',
    title: 'S3 general purpose buckets should require requests to use SSL',
    standards: ['FSBP', 'CIS-3.0'],
    reference: ref('s3', 'S3.5'),
    scope: 'regional',
    evaluate: (context) =>
      eachBucket(context, (bucket) =>
        bucketSettings(context, 'aws_s3_bucket_policy', bucket).some((policy) => deniesInsecureTransport(policy.body.policy))
          ? undefined
          : 'no bucket policy denying aws:SecureTransport false',
      ),
  },
  {
    id: 'S3.8',
    title: 'S3 general purpose buckets should block public access',
    standards: ['FSBP', 'CIS-3.0'],
    reference: ref('s3', 'S3.8'),
    scope: 'regional',
    evaluate: (context) =>
      eachBucket(context, (bucket) =>
        bucketSettings(context, 'aws_s3_bucket_public_access_block', bucket).some(blocksAllPublicAccess)
          ? undefined
          : 'bucket-level Block Public Access is not fully on',
      ),
  },
  {
    id: 'S3.9',
    title: 'S3 general purpose buckets should have server access logging enabled',
    standards: ['FSBP'],
    reference: ref('s3', 'S3.9'),
    scope: 'regional',
    evaluate: (context) =>
      eachBucket(context, (bucket) =>
        bucketSettings(context, 'aws_s3_bucket_logging', bucket).length > 0 ? undefined : 'no server access logging',
      ),
  },
  {
    id: 'S3.12',
    title: 'ACLs should not be used to manage user access to S3 general purpose buckets',
    standards: ['FSBP'],
    reference: ref('s3', 'S3.12'),
    scope: 'regional',
    evaluate: (context) =>
      eachBucket(context, (bucket) =>
        bucketSettings(context, 'aws_s3_bucket_ownership_controls', bucket).some(
          (controls) => controls.body.rule?.object_ownership === 'BucketOwnerEnforced',
        )
          ? undefined
          : 'ACLs are not disabled (BucketOwnerEnforced)',
      ),
  },
  {
    id: 'S3.13',
    title: 'S3 general purpose buckets should have Lifecycle configurations',
    standards: [],
    reference: ref('s3', 'S3.13'),
    scope: 'regional',
    evaluate: (context) =>
      eachBucket(context, (bucket) =>
        bucketSettings(context, 'aws_s3_bucket_lifecycle_configuration', bucket).length > 0 ? undefined : 'no lifecycle configuration',
      ),
  },
  {
    id: 'S3.22',
    title: 'S3 general purpose buckets should log object-level write events',
    standards: ['CIS-3.0'],
    reference: ref('s3', 'S3.22'),
    scope: 'global',
    evaluate: (context) => [
      organizationTrails(context.estate).some((trail) => logsAllS3DataEvents(trail, 'write'))
        ? accountFinding(context, 'PASSED')
        : accountFinding(context, 'FAILED', 'no trail logs write data events for every bucket'),
    ],
  },
  {
    id: 'S3.23',
    title: 'S3 general purpose buckets should log object-level read events',
    standards: ['CIS-3.0'],
    reference: ref('s3', 'S3.23'),
    scope: 'global',
    evaluate: (context) => [
      organizationTrails(context.estate).some((trail) => logsAllS3DataEvents(trail, 'read'))
        ? accountFinding(context, 'PASSED')
        : accountFinding(context, 'FAILED', 'no trail logs read data events for every bucket'),
    ],
  },
];

// addLoggedBucket on a bare stack: the bucket logs into its own access-log bucket, both buckets are
// versioned, encrypted (the access-log bucket with SSE-S3, the only encryption server access logging
// supports), closed to the public and protected against destroy, and the resources keep the owner's
// construct paths (so the two constructs that use it kept their Terraform addresses).
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Testing, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { addLoggedBucket, type LoggedBucketProps } from '../../modules/logged-bucket';
import { referencedAddress } from '../helpers/accounts';
import { resourcesOfType, type TerraformJson } from '../helpers/synth';

const BUCKET = 'example-lz-evidence-euw2-111111111111';
const ACCESS_LOGS = 'example-lz-evidence-access-logs-euw2-111111111111';
const KEY = 'arn:aws:kms:eu-west-2:111111111111:key/example';

function synth(props: Partial<LoggedBucketProps> = {}): TerraformJson {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'test');
  const provider = new AwsProvider(stack, 'aws', { region: 'eu-west-2' });
  const owner = new Construct(stack, 'owner');
  addLoggedBucket(owner, {
    provider,
    id: 'evidence',
    bucketName: BUCKET,
    kmsKeyArn: KEY,
    statements: [
      {
        Sid: 'ReadEvidence',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::222222222222:root' },
        Action: 's3:GetObject',
        Resource: `arn:aws:s3:::${BUCKET}/*`,
      },
    ],
    purpose: 'evidence',
    accountId: '111111111111',
    accessLogBucketName: ACCESS_LOGS,
    accessLogRetentionDays: 2923,
    validationWindowDays: 365,
    lifecycle: { ruleId: 'evidence-retention', expireAfterDays: 2922, noncurrentVersionDays: 30 },
    ...props,
  });
  return JSON.parse(Testing.synth(stack));
}

/** The aws_s3_bucket of each name, by Terraform address. */
function bucketAddresses(stack: TerraformJson): Map<string, string> {
  return new Map(Object.entries(resourcesOfType(stack, 'aws_s3_bucket')).map(([address, bucket]) => [bucket.bucket, address]));
}

/** The one resource of a type that configures the bucket at `address`. */
function configurationOf(stack: TerraformJson, type: string, address: string): TerraformJson {
  const matches = Object.values(resourcesOfType(stack, type)).filter(
    (resource) => referencedAddress(resource.bucket, 'aws_s3_bucket') === address,
  );
  expect(matches).toHaveLength(1);
  return matches[0];
}

describe('addLoggedBucket', () => {
  const stack = synth();
  const addresses = bucketAddresses(stack);
  const bucket = addresses.get(BUCKET) as string;
  const accessLogs = addresses.get(ACCESS_LOGS) as string;

  it('creates the bucket and its access-log bucket, both protected against destroy and tagged with their purpose', () => {
    expect([...addresses.keys()].sort()).toEqual([ACCESS_LOGS, BUCKET].sort());
    const buckets = resourcesOfType(stack, 'aws_s3_bucket');
    for (const address of [bucket, accessLogs]) expect(buckets[address].lifecycle.prevent_destroy).toBe(true);
    expect(buckets[bucket].tags).toEqual({ 'lz:purpose': 'evidence' });
    expect(buckets[accessLogs].tags).toEqual({ 'lz:purpose': 'access-logs' });
  });

  it('adds its resources to the owner scope, not under a construct of its own', () => {
    const app = Testing.app();
    const owner = new Construct(new TerraformStack(app, 'test'), 'owner');
    const built = addLoggedBucket(owner, {
      provider: new AwsProvider(owner.node.scope as TerraformStack, 'aws', { region: 'eu-west-2' }),
      id: 'evidence',
      bucketName: BUCKET,
      statements: [],
      purpose: 'evidence',
      accountId: '111111111111',
      accessLogBucketName: ACCESS_LOGS,
      accessLogRetentionDays: 2923,
      validationWindowDays: 365,
      lifecycle: { ruleId: 'evidence-retention', noncurrentVersionDays: 30 },
    });
    // A construct path is part of the Terraform address: these are the paths the owners had before.
    expect(built.bucket.node.path).toBe('test/owner/evidence');
    expect(built.accessLogs.node.path).toBe('test/owner/access-logs');
    expect(built.lifecycle.node.path).toBe('test/owner/lifecycle');
    expect(owner.node.children.map((child) => child.node.id)).toEqual(['access-logs', 'evidence', 'lifecycle']);
    expect(bucket).toMatch(/^owner_evidence_bucket_[0-9A-F]{8}$/);
    expect(accessLogs).toMatch(/^owner_access-logs_bucket_[0-9A-F]{8}$/);
  });

  it("wires the bucket's server access logs into the access-log bucket, under the bucket's name", () => {
    const logging = resourcesOfType(stack, 'aws_s3_bucket_logging');
    expect(Object.values(logging)).toHaveLength(1);
    const [entry] = Object.values(logging);
    expect(referencedAddress(entry.bucket, 'aws_s3_bucket')).toBe(bucket);
    expect(referencedAddress(entry.target_bucket, 'aws_s3_bucket')).toBe(accessLogs);
    expect(entry.target_prefix).toBe(`${BUCKET}/`);
  });

  it('lets only S3 log delivery for this account write into the access-log bucket', () => {
    const policy = JSON.parse(configurationOf(stack, 'aws_s3_bucket_policy', accessLogs).policy);
    const delivery = policy.Statement.find((statement: TerraformJson) => statement.Principal?.Service === 'logging.s3.amazonaws.com');
    expect(delivery).toMatchObject({
      Effect: 'Allow',
      Action: 's3:PutObject',
      Condition: { StringEquals: { 'aws:SourceAccount': '111111111111' } },
    });
  });

  it('blocks all public access and enforces bucket-owner object ownership on both buckets', () => {
    for (const address of [bucket, accessLogs]) {
      expect(configurationOf(stack, 'aws_s3_bucket_public_access_block', address)).toMatchObject({
        block_public_acls: true,
        block_public_policy: true,
        ignore_public_acls: true,
        restrict_public_buckets: true,
      });
      expect(configurationOf(stack, 'aws_s3_bucket_ownership_controls', address).rule.object_ownership).toBe('BucketOwnerEnforced');
    }
  });

  it('versions both buckets', () => {
    for (const address of [bucket, accessLogs])
      expect(configurationOf(stack, 'aws_s3_bucket_versioning', address).versioning_configuration.status).toBe('Enabled');
  });

  it('encrypts the bucket with the given key (S3 Bucket Keys) and the access-log bucket with SSE-S3', () => {
    expect(configurationOf(stack, 'aws_s3_bucket_server_side_encryption_configuration', bucket).rule[0]).toEqual({
      apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: KEY },
      bucket_key_enabled: true,
    });
    expect(
      configurationOf(stack, 'aws_s3_bucket_server_side_encryption_configuration', accessLogs).rule[0]
        .apply_server_side_encryption_by_default,
    ).toEqual({ sse_algorithm: 'AES256' });
  });

  it('uses SSE-S3 for the bucket too when no key is given', () => {
    const sseS3 = synth({ kmsKeyArn: undefined });
    const address = bucketAddresses(sseS3).get(BUCKET) as string;
    expect(
      configurationOf(sseS3, 'aws_s3_bucket_server_side_encryption_configuration', address).rule[0].apply_server_side_encryption_by_default,
    ).toEqual({ sse_algorithm: 'AES256' });
  });

  it("keeps the caller's statements beside the TLS-only denial in the bucket policy", () => {
    const sids = JSON.parse(configurationOf(stack, 'aws_s3_bucket_policy', bucket).policy).Statement.map(
      (statement: TerraformJson) => statement.Sid,
    );
    expect(sids).toContain('ReadEvidence');
    expect(sids).toHaveLength(2);
  });

  it('applies the lifecycle rule to the bucket after versioning, with expiry only when asked', () => {
    const lifecycle = configurationOf(stack, 'aws_s3_bucket_lifecycle_configuration', bucket);
    expect(lifecycle.rule).toEqual([
      {
        id: 'evidence-retention',
        status: 'Enabled',
        filter: [{ prefix: '' }],
        expiration: [{ days: 2922 }],
        noncurrent_version_expiration: [{ noncurrent_days: 30 }],
        abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }],
      },
    ]);
    const versioning = Object.entries(resourcesOfType(stack, 'aws_s3_bucket_versioning')).find(
      ([, resource]) => referencedAddress(resource.bucket, 'aws_s3_bucket') === bucket,
    )?.[0];
    expect(lifecycle.depends_on).toEqual([`aws_s3_bucket_versioning.${versioning}`]);

    const kept = synth({ lifecycle: { ruleId: 'previous-versions', noncurrentVersionDays: 90 } });
    const keptRule = configurationOf(kept, 'aws_s3_bucket_lifecycle_configuration', bucketAddresses(kept).get(BUCKET) as string).rule[0];
    expect(keptRule.expiration).toBeUndefined();
    expect(keptRule.noncurrent_version_expiration).toEqual([{ noncurrent_days: 90 }]);
  });
});

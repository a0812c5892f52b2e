import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Testing, TerraformStack } from 'cdktf';
import { INSTANT_RETRIEVAL_AFTER_DAYS, LogBucket, logTransitions } from '../../modules/log-bucket';
import { resourcesOfType, type TerraformJson } from '../helpers/synth';

describe('logTransitions', () => {
  it('keeps logs in Standard, then Glacier Instant Retrieval, until the validation window ends', () => {
    expect(logTransitions(365, 2923)).toEqual([
      { days: INSTANT_RETRIEVAL_AFTER_DAYS, storageClass: 'GLACIER_IR' },
      { days: 365, storageClass: 'DEEP_ARCHIVE' },
    ]);
  });

  it('skips Glacier IR when the window is shorter than its threshold', () => {
    expect(logTransitions(60, 2923)).toEqual([{ days: 60, storageClass: 'DEEP_ARCHIVE' }]);
  });

  it("never archives when the logs expire within Deep Archive's 180-day minimum of the window", () => {
    expect(logTransitions(365, 500)).toEqual([{ days: INSTANT_RETRIEVAL_AFTER_DAYS, storageClass: 'GLACIER_IR' }]);
    for (const [window, expiry] of [
      [30, 31],
      [100, 200],
      [365, 2923],
      [3000, 2923],
    ]) {
      for (const transition of logTransitions(window, expiry)) {
        expect(transition.days).toBeLessThan(expiry);
        if (transition.storageClass !== 'GLACIER_IR') expect(transition.days).toBeGreaterThanOrEqual(window);
      }
    }
  });
});

describe('LogBucket', () => {
  function synth(props: Partial<ConstructorParameters<typeof LogBucket>[2]> = {}): TerraformJson {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'test');
    const provider = new AwsProvider(stack, 'aws', { region: 'eu-west-2' });
    new LogBucket(stack, 'logs', {
      provider,
      bucketName: 'example-lz-cloudtrail-logs-euw2',
      kmsKeyArn: 'arn:aws:kms:eu-west-2:111111111111:key/example',
      defaultRetention: { mode: 'COMPLIANCE', days: 2922 },
      validationWindowDays: 365,
      expireAfterDays: 2923,
      accessLogBucket: 'example-lz-access-logs-euw2',
      ...props,
    });
    return JSON.parse(Testing.synth(stack));
  }

  it('creates an Object Lock bucket with the given default retention, logging and lifecycle', () => {
    const stack = synth();
    const bucket = Object.values(resourcesOfType(stack, 'aws_s3_bucket'))[0];
    expect(bucket.object_lock_enabled).toBe(true);
    expect(bucket.lifecycle.prevent_destroy).toBe(true);
    expect(Object.values(resourcesOfType(stack, 'aws_s3_bucket_object_lock_configuration'))[0].rule.default_retention).toEqual({
      mode: 'COMPLIANCE',
      days: 2922,
    });
    expect(Object.values(resourcesOfType(stack, 'aws_s3_bucket_logging'))[0]).toMatchObject({
      target_bucket: 'example-lz-access-logs-euw2',
      target_prefix: 'example-lz-cloudtrail-logs-euw2/',
    });
    const rule = Object.values(resourcesOfType(stack, 'aws_s3_bucket_lifecycle_configuration'))[0].rule[0];
    expect(rule.expiration[0].days).toBe(2923);
    expect(rule.noncurrent_version_transition.map((transition: TerraformJson) => transition.storage_class)).toEqual([
      'GLACIER_IR',
      'DEEP_ARCHIVE',
    ]);
    expect(resourcesOfType(stack, 'aws_s3_bucket_replication_configuration')).toEqual({});
  });

  it('omits the default retention only when asked (the bucket AWS Config writes to)', () => {
    const stack = synth({ defaultRetention: undefined });
    expect(Object.values(resourcesOfType(stack, 'aws_s3_bucket'))[0].object_lock_enabled).toBe(true);
    expect(resourcesOfType(stack, 'aws_s3_bucket_object_lock_configuration')).toEqual({});
  });

  it('replicates without deletions, re-encrypting with the replica key', () => {
    const stack = synth({
      replication: {
        destinationBucketArn: 'arn:aws:s3:::example-lz-cloudtrail-logs-euw1',
        destinationKmsKeyArn: 'arn:aws:kms:eu-west-1:111111111111:key/replica',
        roleArn: 'arn:aws:iam::111111111111:role/lz-log-replication',
        dependsOn: [],
      },
    });
    const rule = Object.values(resourcesOfType(stack, 'aws_s3_bucket_replication_configuration'))[0].rule[0];
    expect(rule.delete_marker_replication.status).toBe('Disabled');
    expect(rule.destination).toMatchObject({
      bucket: 'arn:aws:s3:::example-lz-cloudtrail-logs-euw1',
      encryption_configuration: { replica_kms_key_id: 'arn:aws:kms:eu-west-1:111111111111:key/replica' },
    });
  });
});

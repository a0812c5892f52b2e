// The bootstrap stack: the state bucket and key, protected, starting on local state and moving into
// its own bucket when configuration says the bucket exists.
import { copyExampleConfig, editConfigFile } from '../helpers/config-fixtures';
import { resourcesOfType, synthConfig } from '../helpers/synth';

describe('bootstrap stack', () => {
  const bootstrap = synthConfig().stacks.get('bootstrap')!;

  it('creates the state bucket versioned, KMS-encrypted, private, TLS-only and protected', () => {
    const bucket = Object.values(resourcesOfType(bootstrap, 'aws_s3_bucket')).find(
      (candidate) => candidate.bucket === 'exvalley-lz-tfstate-111111111111',
    );
    expect(bucket).toBeDefined();
    const ofState = (type: string) =>
      Object.values(resourcesOfType(bootstrap, type)).filter((resource) => /state-bucket_/.test(`${resource.bucket}`));
    expect(bucket!.lifecycle.prevent_destroy).toBe(true);
    const [versioning] = ofState('aws_s3_bucket_versioning');
    expect(versioning.versioning_configuration.status).toBe('Enabled');
    const [encryption] = ofState('aws_s3_bucket_server_side_encryption_configuration');
    expect(encryption.rule[0].apply_server_side_encryption_by_default.sse_algorithm).toBe('aws:kms');
    expect(encryption.rule[0].apply_server_side_encryption_by_default.kms_master_key_id).toMatch(/aws_kms_key\.state-key_\w+\.arn/);
    const [block] = ofState('aws_s3_bucket_public_access_block');
    expect(block).toMatchObject({
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    const [policy] = ofState('aws_s3_bucket_policy');
    const statements = JSON.parse(policy.policy).Statement;
    expect(statements).toContainEqual(expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
  });

  it('logs access to the state bucket into its own access-log bucket, and expires old state versions after 90 days keeping the last 30', () => {
    const logging = Object.values(resourcesOfType(bootstrap, 'aws_s3_bucket_logging'));
    expect(logging).toHaveLength(1);
    expect(logging[0].bucket).toMatch(/state-bucket_/);
    expect(logging[0].target_bucket).toMatch(/state-access-log-bucket_/);
    const lifecycle = Object.values(resourcesOfType(bootstrap, 'aws_s3_bucket_lifecycle_configuration')).find((resource) =>
      /state-bucket_/.test(resource.bucket),
    );
    expect(lifecycle?.rule[0].noncurrent_version_expiration).toEqual([{ noncurrent_days: 90, newer_noncurrent_versions: 30 }]);
  });

  it('creates the state key with rotation and prevent_destroy, under the alias the backends use', () => {
    const [key] = Object.values(resourcesOfType(bootstrap, 'aws_kms_key'));
    expect(key.enable_key_rotation).toBe(true);
    expect(key.lifecycle.prevent_destroy).toBe(true);
    const [alias] = Object.values(resourcesOfType(bootstrap, 'aws_kms_alias'));
    expect(alias.name).toBe('alias/exvalley-lz-tfstate');
  });

  it('starts on local state and moves into the S3 backend once state.bootstrapStateInS3 is set', () => {
    expect(bootstrap.terraform.backend.local).toBeDefined();
    const dir = copyExampleConfig();
    editConfigFile(dir, 'landing-zone.yaml', /\npipeline:/, '\nstate:\n  bootstrapStateInS3: true\n\npipeline:');
    const migrated = synthConfig(dir).stacks.get('bootstrap')!;
    expect(migrated.terraform.backend.s3).toMatchObject({
      bucket: 'exvalley-lz-tfstate-111111111111',
      key: 'bootstrap/terraform.tfstate',
      use_lockfile: true,
    });
  });
});

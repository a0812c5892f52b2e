// The bootstrap stack: the state bucket and key, protected, starting on local state and moving into
// its own bucket when configuration says the bucket exists.
import { copyExampleConfig, editConfigFile } from '../helpers/config-fixtures';
import { resourcesOfType, synthConfig } from '../helpers/synth';

describe('bootstrap stack', () => {
  const bootstrap = synthConfig().stacks.get('bootstrap')!;

  it('creates the state bucket versioned, KMS-encrypted, private, TLS-only and protected', () => {
    const [bucket] = Object.values(resourcesOfType(bootstrap, 'aws_s3_bucket'));
    expect(bucket.bucket).toBe('exvalley-lz-tfstate-111111111111');
    expect(bucket.lifecycle.prevent_destroy).toBe(true);
    const [versioning] = Object.values(resourcesOfType(bootstrap, 'aws_s3_bucket_versioning'));
    expect(versioning.versioning_configuration.status).toBe('Enabled');
    const [encryption] = Object.values(resourcesOfType(bootstrap, 'aws_s3_bucket_server_side_encryption_configuration'));
    expect(encryption.rule[0].apply_server_side_encryption_by_default.sse_algorithm).toBe('aws:kms');
    expect(encryption.rule[0].apply_server_side_encryption_by_default.kms_master_key_id).toMatch(/aws_kms_key\.state-key_\w+\.arn/);
    const [block] = Object.values(resourcesOfType(bootstrap, 'aws_s3_bucket_public_access_block'));
    expect(block).toMatchObject({ block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true });
    const [policy] = Object.values(resourcesOfType(bootstrap, 'aws_s3_bucket_policy'));
    const statements = JSON.parse(policy.policy).Statement;
    expect(statements).toContainEqual(expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
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
    expect(migrated.terraform.backend.s3).toMatchObject({ bucket: 'exvalley-lz-tfstate-111111111111', key: 'bootstrap/terraform.tfstate', use_lockfile: true });
  });
});

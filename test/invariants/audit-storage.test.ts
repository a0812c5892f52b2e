// Every S3 bucket and KMS key in every synthesized stack, found by walking the resources (so a
// bucket another stack adds later is held to the same bar), for several configurations.
import { backupReportsCopyBucketName } from '../../lib/backup';
import { loadConfig } from '../../lib/config/load';
import type { LandingZoneConfig } from '../../lib/config/schema';
import { hasDefaultRetention, LOG_BUCKET_PURPOSES } from '../../lib/logging/delivery';
import { accessLogBucketName, type LogBucketPurpose, logBucketName } from '../../lib/naming';
import { BACKUP_REPORTS_COPY_PURPOSE } from '../../stacks/log-archive-stack';
import { referencedAddress, resourceTarget } from '../helpers/accounts';
import { copyExampleConfig, editConfigFile, generateConfig } from '../helpers/config-fixtures';
import { EXAMPLE_CONFIG_DIR, logArchiveAccountIdOf, resourcesOfType, synthConfig, type TerraformJson } from '../helpers/synth';

interface BucketFacts {
  readonly stack: string;
  readonly address: string;
  readonly body: TerraformJson;
  readonly name: string;
  readonly region: string;
  readonly purpose?: string;
  /** Resources of the bucket, by type (encryption, policy, ...). */
  readonly attached: Map<string, TerraformJson[]>;
}

const ATTACHED_TYPES = [
  'aws_s3_bucket_server_side_encryption_configuration',
  'aws_s3_bucket_public_access_block',
  'aws_s3_bucket_policy',
  'aws_s3_bucket_versioning',
  'aws_s3_bucket_ownership_controls',
  'aws_s3_bucket_object_lock_configuration',
  'aws_s3_bucket_replication_configuration',
  'aws_s3_bucket_logging',
  'aws_s3_bucket_lifecycle_configuration',
];

function collectBuckets(stacks: ReadonlyMap<string, TerraformJson>): BucketFacts[] {
  const buckets: BucketFacts[] = [];
  for (const [stackName, stack] of stacks) {
    for (const [address, body] of Object.entries(resourcesOfType(stack, 'aws_s3_bucket'))) {
      const attached = new Map<string, TerraformJson[]>();
      for (const type of ATTACHED_TYPES) {
        attached.set(
          type,
          Object.values(resourcesOfType(stack, type)).filter((resource) => referencedAddress(resource.bucket, 'aws_s3_bucket') === address),
        );
      }
      buckets.push({
        stack: stackName,
        address,
        body,
        name: body.bucket,
        region: resourceTarget(stack, body).region,
        purpose: body.tags?.['lz:purpose'],
        attached,
      });
    }
  }
  return buckets;
}

function one(bucket: BucketFacts, type: string): TerraformJson {
  const found = bucket.attached.get(type) ?? [];
  if (found.length !== 1) throw new Error(`${bucket.stack}/${bucket.name}: expected exactly one ${type}, found ${found.length}`);
  return found[0];
}

function policyOf(bucket: BucketFacts): { Statement: TerraformJson[] } {
  return JSON.parse(one(bucket, 'aws_s3_bucket_policy').policy);
}

function logPurpose(bucket: BucketFacts): LogBucketPurpose | undefined {
  return LOG_BUCKET_PURPOSES.find((purpose) => bucket.purpose === `${purpose}-logs` || bucket.purpose === `${purpose}-logs-replica`);
}

const scenarios: [string, () => string][] = [
  ['the example (COMPLIANCE, acknowledged)', () => EXAMPLE_CONFIG_DIR],
  [
    'Object Lock left unset (GOVERNANCE default)',
    () => {
      const dir = copyExampleConfig();
      editConfigFile(
        dir,
        'landing-zone.yaml',
        /  objectLock:\n    mode: COMPLIANCE\n    retentionDays: 2922\n    acknowledgeComplianceModeCannotBeUndone: true\n/,
        '',
      );
      return dir;
    },
  ],
  [
    'GOVERNANCE with a one-year retention and a short validation window',
    () => {
      const dir = copyExampleConfig();
      editConfigFile(dir, 'landing-zone.yaml', /mode: COMPLIANCE\n    retentionDays: 2922/, 'mode: GOVERNANCE\n    retentionDays: 400');
      editConfigFile(dir, 'landing-zone.yaml', /validationWindowDays: 365/, 'validationWindowDays: 60');
      return dir;
    },
  ],
  ['twenty generated workload accounts', () => generateConfig(20)],
];

describe.each(scenarios)('buckets and keys: %s', (_label, makeDir) => {
  let config: LandingZoneConfig;
  let stacks: ReadonlyMap<string, TerraformJson>;
  let buckets: BucketFacts[];

  beforeAll(() => {
    const dir = makeDir();
    config = loadConfig(dir).landingZone;
    stacks = synthConfig(dir).stacks;
    buckets = collectBuckets(stacks);
  });

  it('finds the landing zone buckets it must check', () => {
    // 3 log buckets and 1 access-log bucket per Region, plus the state bucket.
    expect(buckets.length).toBeGreaterThanOrEqual(config.allowedRegions.length * 4 + 1);
  });

  it('encrypts, versions, blocks public access, enforces ownership, requires TLS and protects every bucket', () => {
    for (const bucket of buckets) {
      expect(bucket.body.lifecycle?.prevent_destroy).toBe(true);
      const rule = one(bucket, 'aws_s3_bucket_server_side_encryption_configuration').rule[0];
      expect(['aws:kms', 'AES256']).toContain(rule.apply_server_side_encryption_by_default.sse_algorithm);
      if (rule.apply_server_side_encryption_by_default.sse_algorithm === 'aws:kms') {
        expect(rule.apply_server_side_encryption_by_default.kms_master_key_id).toBeTruthy();
        expect(rule.bucket_key_enabled).toBe(true);
      }
      const block = one(bucket, 'aws_s3_bucket_public_access_block');
      expect([block.block_public_acls, block.block_public_policy, block.ignore_public_acls, block.restrict_public_buckets]).toEqual([
        true,
        true,
        true,
        true,
      ]);
      expect(one(bucket, 'aws_s3_bucket_versioning').versioning_configuration.status).toBe('Enabled');
      expect(one(bucket, 'aws_s3_bucket_ownership_controls').rule.object_ownership).toBe('BucketOwnerEnforced');
      const tls = policyOf(bucket).Statement.find(
        (statement) => statement.Effect === 'Deny' && statement.Condition?.Bool?.['aws:SecureTransport'] === 'false',
      );
      expect(tls).toBeDefined();
      expect(tls?.Principal).toBe('*');
      expect(tls?.Resource).toEqual(expect.arrayContaining([`arn:aws:s3:::${bucket.name}`, `arn:aws:s3:::${bucket.name}/*`]));
    }
  });

  it('rotates and protects every KMS key', () => {
    let keys = 0;
    for (const stack of stacks.values()) {
      for (const key of Object.values(resourcesOfType(stack, 'aws_kms_key'))) {
        keys += 1;
        expect(key.enable_key_rotation).toBe(true);
        expect(key.lifecycle?.prevent_destroy).toBe(true);
        expect(key.deletion_window_in_days).toBe(30);
        expect(() => JSON.parse(key.policy)).not.toThrow();
      }
    }
    expect(keys).toBeGreaterThanOrEqual(config.allowedRegions.length + 1);
  });

  it('locks every log bucket as configured, except the one Config delivers into, which denies all deletes', () => {
    const logBuckets = buckets.filter((bucket) => logPurpose(bucket));
    expect(logBuckets).toHaveLength(LOG_BUCKET_PURPOSES.length * config.allowedRegions.length);
    for (const bucket of buckets) {
      // Object Lock only where a log purpose is declared (or the copy of the backup reports, checked
      // below), so nothing slips past these checks.
      if (bucket.body.object_lock_enabled && bucket.purpose !== BACKUP_REPORTS_COPY_PURPOSE) expect(logPurpose(bucket)).toBeDefined();
    }
    for (const bucket of logBuckets) {
      const purpose = logPurpose(bucket) as LogBucketPurpose;
      expect(bucket.name).toBe(logBucketName(config, purpose, bucket.region, logArchiveAccountIdOf(stacks)));
      expect(bucket.body.object_lock_enabled).toBe(true);
      const locks = bucket.attached.get('aws_s3_bucket_object_lock_configuration') ?? [];
      if (hasDefaultRetention(config, purpose, bucket.region)) {
        expect(locks).toHaveLength(1);
        expect(locks[0].rule.default_retention).toEqual({
          mode: config.logging.objectLock.mode,
          days: config.logging.objectLock.retentionDays,
        });
      } else {
        expect(purpose).toBe('config');
        expect(bucket.region).toBe(config.homeRegion);
        expect(locks).toHaveLength(0);
      }
      const denyDelete = policyOf(bucket).Statement.find(
        (statement) => statement.Effect === 'Deny' && [statement.Action].flat().includes('s3:DeleteObjectVersion'),
      );
      expect(denyDelete?.Principal).toBe('*');
      // A reference to the access-log bucket of the same Region, so Terraform creates it first.
      const target = buckets.find(
        (candidate) =>
          candidate.stack === bucket.stack && candidate.name === accessLogBucketName(config, bucket.region, logArchiveAccountIdOf(stacks)),
      );
      expect(one(bucket, 'aws_s3_bucket_logging').target_bucket).toBe(`\${aws_s3_bucket.${target?.address}.id}`);
    }
  });

  it('replicates every home-Region log bucket to an Object Lock bucket in eu-west-1 with the eu-west-1 key', () => {
    const byAddress = new Map(buckets.map((bucket) => [`${bucket.stack}/${bucket.address}`, bucket]));
    const logBuckets = buckets.filter((bucket) => logPurpose(bucket));
    const destinations: string[] = [];
    for (const bucket of logBuckets.filter((candidate) => candidate.region === config.homeRegion)) {
      const replication = one(bucket, 'aws_s3_bucket_replication_configuration');
      expect(replication.rule).toHaveLength(1);
      const rule = replication.rule[0];
      expect(rule.status).toBe('Enabled');
      expect(rule.delete_marker_replication.status).toBe('Disabled');
      expect(rule.source_selection_criteria.sse_kms_encrypted_objects.status).toBe('Enabled');
      const destination = byAddress.get(`${bucket.stack}/${referencedAddress(rule.destination.bucket, 'aws_s3_bucket')}`);
      expect(destination).toBeDefined();
      if (!destination) continue;
      destinations.push(destination.name);
      expect(destination.region).toBe('eu-west-1');
      expect(destination.body.object_lock_enabled).toBe(true);
      expect(one(destination, 'aws_s3_bucket_object_lock_configuration').rule.default_retention).toEqual({
        mode: config.logging.objectLock.mode,
        days: config.logging.objectLock.retentionDays,
      });
      const stack = stacks.get(bucket.stack) as TerraformJson;
      const replicaKey = resourcesOfType(stack, 'aws_kms_key')[
        referencedAddress(rule.destination.encryption_configuration.replica_kms_key_id, 'aws_kms_key') ?? ''
      ];
      expect(replicaKey).toBeDefined();
      expect(resourceTarget(stack, replicaKey).region).toBe('eu-west-1');
      // The role must be able to read the lock of every version it copies.
      const role = referencedAddress(replication.role, 'aws_iam_role');
      const policies = Object.values(resourcesOfType(stack, 'aws_iam_role_policy')).filter(
        (policy) => referencedAddress(policy.role, 'aws_iam_role') === role,
      );
      const actions = policies.flatMap((policy) =>
        JSON.parse(policy.policy).Statement.flatMap((statement: TerraformJson) => [statement.Action].flat()),
      );
      expect(actions).toEqual(
        expect.arrayContaining([
          's3:GetObjectRetention',
          's3:GetObjectLegalHold',
          's3:ReplicateObject',
          's3:GetObjectVersionForReplication',
        ]),
      );
    }
    expect(destinations.sort()).toEqual(
      logBuckets
        .filter((bucket) => bucket.region === 'eu-west-1')
        .map((bucket) => bucket.name)
        .sort(),
    );
  });

  it('locks the copy of the backup reports in the log archive like the log buckets, denying deletes', () => {
    const copies = buckets.filter((bucket) => bucket.purpose === BACKUP_REPORTS_COPY_PURPOSE);
    expect(copies.map((bucket) => bucket.name)).toEqual(
      config.backup ? [backupReportsCopyBucketName(config, config.homeRegion, logArchiveAccountIdOf(stacks))] : [],
    );
    for (const bucket of copies) {
      expect(bucket.stack).toBe('log-archive');
      expect(bucket.body.object_lock_enabled).toBe(true);
      expect(one(bucket, 'aws_s3_bucket_object_lock_configuration').rule.default_retention).toEqual({
        mode: config.logging.objectLock.mode,
        days: config.logging.objectLock.retentionDays,
      });
      const denied = policyOf(bucket)
        .Statement.filter((statement) => statement.Effect === 'Deny' && statement.Principal === '*')
        .flatMap((statement) => [statement.Action].flat());
      expect(denied).toEqual(expect.arrayContaining(['s3:DeleteObject', 's3:DeleteObjectVersion', 's3:BypassGovernanceRetention']));
      expect(one(bucket, 'aws_s3_bucket_lifecycle_configuration').rule[0].expiration[0].days).toBeGreaterThan(
        config.logging.objectLock.retentionDays,
      );
    }
  });

  it("keeps each Region's access-log bucket on SSE-S3 without Object Lock, denying deletes", () => {
    // The log archive's per-Region buckets, plus those beside the Macie results (security account) and
    // the Backup Audit Manager reports (backup account): S3 logs only within one account and Region.
    const accessLogBuckets = buckets.filter((bucket) => bucket.purpose === 'access-logs');
    expect(accessLogBuckets.map((bucket) => bucket.name)).toEqual(
      expect.arrayContaining(config.allowedRegions.map((region) => accessLogBucketName(config, region, logArchiveAccountIdOf(stacks)))),
    );
    const besideOtherBuckets =
      (config.securityPosture?.sensitiveDataDiscovery ? config.allowedRegions.length : 0) + (config.backup ? 1 : 0);
    expect(accessLogBuckets).toHaveLength(config.allowedRegions.length + besideOtherBuckets);
    for (const bucket of accessLogBuckets) {
      expect(one(bucket, 'aws_s3_bucket_server_side_encryption_configuration').rule[0].apply_server_side_encryption_by_default).toEqual({
        sse_algorithm: 'AES256',
      });
      expect(bucket.body.object_lock_enabled).toBeUndefined();
      expect(bucket.attached.get('aws_s3_bucket_object_lock_configuration')).toHaveLength(0);
      const statements = policyOf(bucket).Statement;
      expect(statements.some((statement) => statement.Effect === 'Deny' && [statement.Action].flat().includes('s3:DeleteObject'))).toBe(
        true,
      );
      expect(statements.some((statement) => statement.Principal?.Service === 'logging.s3.amazonaws.com')).toBe(true);
    }
  });

  it('keeps CloudTrail logs and digests instantly readable for the validation window', () => {
    for (const bucket of buckets.filter((candidate) => logPurpose(candidate) === 'cloudtrail')) {
      const rule = one(bucket, 'aws_s3_bucket_lifecycle_configuration').rule[0];
      for (const transition of rule.transition as TerraformJson[]) {
        // validate-logs needs an instant read: only Glacier Instant Retrieval is allowed before the window ends.
        if (transition.days < config.logging.validationWindowDays) expect(transition.storage_class).toBe('GLACIER_IR');
        else expect(transition.days).toBeGreaterThanOrEqual(config.logging.validationWindowDays);
      }
      expect(rule.expiration[0].days).toBeGreaterThan(config.logging.objectLock.retentionDays);
    }
  });
});

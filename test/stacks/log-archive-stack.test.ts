import { ConfigError } from '../../lib/config/diagnostics';
import { loadConfig } from '../../lib/config/load';
import { BACKUP_REPORTS_KEY_PREFIX, backupReportsCopyBucketName, backupReportsReplicationRoleArn } from '../../lib/backup';
import { auditorReadStatement, organizationTrailArn } from '../../lib/logging/delivery';

const ORGANIZATION_OUTPUT =
  '${data.terraform_remote_state.cross-stack-reference-input-organization.outputs.cross-stack-output-aws_organizations_account';
const BACKUP_ACCOUNT_REF = `${ORGANIZATION_OUTPUT}account-backupid}`;
const SECURITY_ACCOUNT_REF = `${ORGANIZATION_OUTPUT}account-securityid}`;
import { landingZoneRoleName, logBucketName, logKeyAliasName } from '../../lib/naming';
import { resourceTarget } from '../helpers/accounts';
import { copyExampleConfig, editConfigFile, generateConfig } from '../helpers/config-fixtures';
import { EXAMPLE_CONFIG_DIR, EXAMPLE_LOG_ARCHIVE_ACCOUNT_ID, resourcesOfType, synthConfig, type TerraformJson } from '../helpers/synth';

const config = loadConfig(EXAMPLE_CONFIG_DIR).landingZone;

function problemsOf(dir: string): { field: string; message: string }[] {
  try {
    loadConfig(dir);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  return [];
}

describe('Object Lock mode in configuration', () => {
  it('refuses COMPLIANCE without the acknowledgement, naming the field', () => {
    const dir = copyExampleConfig();
    editConfigFile(dir, 'landing-zone.yaml', /\n    acknowledgeComplianceModeCannotBeUndone: true/, '');
    const problems = problemsOf(dir);
    expect(problems).toHaveLength(1);
    expect(problems[0].field).toBe('logging.objectLock.mode');
    expect(problems[0].message).toMatch(/acknowledgeComplianceModeCannotBeUndone/);
  });

  it('refuses COMPLIANCE when the acknowledgement is false', () => {
    const dir = copyExampleConfig();
    editConfigFile(
      dir,
      'landing-zone.yaml',
      'acknowledgeComplianceModeCannotBeUndone: true',
      'acknowledgeComplianceModeCannotBeUndone: false',
    );
    expect(problemsOf(dir).map((problem) => problem.field)).toEqual(['logging.objectLock.mode']);
  });

  it('defaults to GOVERNANCE for 2,922 days when unset', () => {
    const dir = copyExampleConfig();
    editConfigFile(
      dir,
      'landing-zone.yaml',
      /  objectLock:\n    mode: COMPLIANCE\n    retentionDays: 2922\n    acknowledgeComplianceModeCannotBeUndone: true\n/,
      '',
    );
    expect(loadConfig(dir).landingZone.logging.objectLock).toEqual({ mode: 'GOVERNANCE', retentionDays: 2922 });
  });
});

describe('log-archive stack', () => {
  let stack: TerraformJson;
  const bucketPolicy = (name: string): TerraformJson[] => {
    const buckets = resourcesOfType(stack, 'aws_s3_bucket');
    const address = Object.keys(buckets).find((key) => buckets[key].bucket === name);
    const policy = Object.values(resourcesOfType(stack, 'aws_s3_bucket_policy')).find(
      (candidate) => candidate.bucket === `\${aws_s3_bucket.${address}.id}`,
    );
    return JSON.parse(policy?.policy ?? '{"Statement":[]}').Statement;
  };

  beforeAll(() => {
    stack = synthConfig(EXAMPLE_CONFIG_DIR).stacks.get('log-archive') as TerraformJson;
  });

  /** The keys behind the shared log alias (the account baseline adds other keys, such as the local backup vaults'). */
  const logKeys = (): TerraformJson[] => {
    const aliases = Object.values(resourcesOfType(stack, 'aws_kms_alias')).filter((alias) => alias.name === logKeyAliasName(config));
    const names = aliases.map((alias) => /\$\{aws_kms_key\.([^.]+)\./.exec(alias.target_key_id)![1]);
    return names.map((name) => resourcesOfType(stack, 'aws_kms_key')[name]);
  };

  it('has one log key per Region under the shared alias', () => {
    const aliases = Object.values(resourcesOfType(stack, 'aws_kms_alias')).filter((alias) => alias.name === logKeyAliasName(config));
    expect(aliases).toHaveLength(config.allowedRegions.length);
    expect(
      logKeys()
        .map((key) => resourceTarget(stack, key).region)
        .sort(),
    ).toEqual([...config.allowedRegions].sort());
  });

  it('lets each delivering service use the key only for this organization', () => {
    for (const key of logKeys()) {
      const statements: TerraformJson[] = JSON.parse(key.policy).Statement;
      const byService = (service: string) => statements.filter((statement) => statement.Principal?.Service === service);
      for (const service of ['config.amazonaws.com', 'delivery.logs.amazonaws.com']) {
        expect(byService(service).length).toBeGreaterThan(0);
        for (const statement of byService(service))
          expect(statement.Condition.StringEquals['aws:SourceOrgID']).toContain('aws_organizations_organization');
      }
      const trail = byService('cloudtrail.amazonaws.com');
      expect(trail.length).toBe(2);
      for (const statement of trail) expect(statement.Condition.StringEquals['aws:SourceArn']).toBe(organizationTrailArn(config));
      expect(
        trail.find((statement) => statement.Action === 'kms:GenerateDataKey*')?.Condition.StringEquals[
          'kms:EncryptionContext:aws:cloudtrail:arn'
        ],
      ).toBe(organizationTrailArn(config));
      // No statement hands the key to everyone.
      for (const statement of statements) expect(statement.Principal).not.toBe('*');
    }
  });

  it('lets AWS services deliver for the organization, without naming any member account', () => {
    const home = config.homeRegion;
    const configWrite = bucketPolicy(logBucketName(config, 'config', home, EXAMPLE_LOG_ARCHIVE_ACCOUNT_ID)).find(
      (statement) => statement.Sid === 'ConfigWrite',
    );
    expect(configWrite?.Condition.StringEquals['aws:SourceOrgID']).toContain('aws_organizations_organization');
    const networkWrite = bucketPolicy(logBucketName(config, 'network', home, EXAMPLE_LOG_ARCHIVE_ACCOUNT_ID)).find(
      (statement) => statement.Sid === 'LogDeliveryWrite',
    );
    expect(networkWrite?.Principal).toEqual({ Service: 'delivery.logs.amazonaws.com' });
    expect(networkWrite?.Condition.StringEquals['aws:SourceOrgID']).toContain('aws_organizations_organization');
    const trailWrite = bucketPolicy(logBucketName(config, 'cloudtrail', home, EXAMPLE_LOG_ARCHIVE_ACCOUNT_ID)).find(
      (statement) => statement.Sid === 'CloudTrailWrite',
    );
    expect(trailWrite?.Condition.StringEquals['aws:SourceArn']).toBe(organizationTrailArn(config));
    expect(trailWrite?.Resource).toEqual(expect.arrayContaining([expect.stringContaining('/AWSLogs/${data.terraform_remote_state')]));
    // Vending must never change this stack: no policy names a workload account.
    const text = JSON.stringify(stack);
    for (const workload of ['analytics-dev', 'clinical-portal-prod']) expect(text).not.toContain(workload);
  });

  it('denies governance bypass to everyone but the break-glass role', () => {
    for (const purpose of ['cloudtrail', 'config', 'network'] as const) {
      for (const region of config.allowedRegions) {
        const deny = bucketPolicy(logBucketName(config, purpose, region, EXAMPLE_LOG_ARCHIVE_ACCOUNT_ID)).find(
          (statement) => statement.Sid === 'DenyGovernanceBypass',
        );
        expect(deny?.Action).toContain('s3:BypassGovernanceRetention');
        expect(deny?.Condition.ArnNotLike['aws:PrincipalArn']).toMatch(new RegExp(`:role/${config.roles.breakGlass}$`));
      }
    }
  });

  it('names the replication role as a landing-zone role that only S3 in this account assumes', () => {
    const roles = Object.values(resourcesOfType(stack, 'aws_iam_role'));
    const role = roles.find((candidate) => candidate.name === landingZoneRoleName('log-replication'));
    expect(role).toBeDefined();
    const trust = JSON.parse(role?.assume_role_policy).Statement[0];
    expect(trust.Principal).toEqual({ Service: 's3.amazonaws.com' });
    expect(trust.Condition.StringEquals['aws:SourceAccount']).toBeTruthy();
  });

  it('keeps the copy of the backup reports like a log bucket: Object Lock, SSE-S3, only the backup replication role writes, auditors read, no deletion', () => {
    const name = backupReportsCopyBucketName(config, config.homeRegion, EXAMPLE_LOG_ARCHIVE_ACCOUNT_ID);
    const buckets = resourcesOfType(stack, 'aws_s3_bucket');
    const [address, bucket] = Object.entries(buckets).find(([, candidate]) => candidate.bucket === name)!;
    expect(bucket.object_lock_enabled).toBe(true);
    expect(bucket.lifecycle.prevent_destroy).toBe(true);
    const ofCopy = (entry: TerraformJson) => entry.bucket === `\${aws_s3_bucket.${address}.id}`;
    const lock = Object.values(resourcesOfType(stack, 'aws_s3_bucket_object_lock_configuration')).find(ofCopy)!;
    expect(lock.rule.default_retention).toEqual({ mode: config.logging.objectLock.mode, days: config.logging.objectLock.retentionDays });
    const encryption = Object.values(resourcesOfType(stack, 'aws_s3_bucket_server_side_encryption_configuration')).find(ofCopy)!;
    expect(encryption.rule[0].apply_server_side_encryption_by_default.sse_algorithm).toBe('AES256');
    expect(Object.values(resourcesOfType(stack, 'aws_s3_bucket_versioning')).find(ofCopy)!.versioning_configuration.status).toBe('Enabled');
    const block = Object.values(resourcesOfType(stack, 'aws_s3_bucket_public_access_block')).find(ofCopy)!;
    expect([block.block_public_acls, block.block_public_policy, block.ignore_public_acls, block.restrict_public_buckets]).toEqual([
      true,
      true,
      true,
      true,
    ]);
    const statements = bucketPolicy(name) as unknown as {
      Sid?: string;
      Effect: string;
      Principal: unknown;
      Action: string | string[];
      Resource: string | string[];
      Condition?: Record<string, Record<string, unknown>>;
    }[];
    const allows = statements.filter((statement) => statement.Effect === 'Allow');
    const writes = allows.filter((statement) => [statement.Action].flat().some((action) => !/^s3:(Get|List)/.test(action)));
    expect(writes).toHaveLength(1);
    expect(writes[0].Condition!.ArnEquals['aws:PrincipalArn']).toBe(backupReportsReplicationRoleArn(BACKUP_ACCOUNT_REF));
    expect(writes[0].Resource).toBe(`arn:aws:s3:::${name}/${BACKUP_REPORTS_KEY_PREFIX}/*`);
    expect([writes[0].Action].flat().sort()).toEqual(['s3:ObjectOwnerOverrideToBucketOwner', 's3:ReplicateObject', 's3:ReplicateTags']);
    expect(statements.find((statement) => statement.Sid === 'AuditorsRead')).toEqual(
      auditorReadStatement(`arn:aws:s3:::${name}`, [SECURITY_ACCOUNT_REF]),
    );
    const denied = statements.filter((statement) => statement.Effect === 'Deny').flatMap((statement) => [statement.Action].flat());
    expect(denied).toEqual(expect.arrayContaining(['s3:DeleteObject', 's3:DeleteObjectVersion', 's3:BypassGovernanceRetention']));
    expect(denied).toContain('s3:*');
  });

  it('creates the Config delivery channel of this account only after the config bucket policy', () => {
    for (const channel of Object.values(resourcesOfType(stack, 'aws_config_delivery_channel'))) {
      expect(channel.depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^aws_s3_bucket_policy\.config-log-bucket-euw2/)]));
    }
  });
});

describe('vending', () => {
  it('changes none of the log-archive, management and security stacks', () => {
    const before = synthConfig(generateConfig(3)).stacks;
    const after = synthConfig(generateConfig(4)).stacks;
    expect(after.has('workload-workload-0003')).toBe(true);
    for (const name of ['log-archive', 'management', 'security']) {
      // The cross-stack outputs of the organization stack are named per account, never per position.
      expect(after.get(name)).toEqual(before.get(name));
    }
  });
});

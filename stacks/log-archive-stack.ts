// The immutable log archive (log-archive account): a KMS key per Region, Object Lock log buckets for
// CloudTrail, Config and network logs in both Regions (the replica-Region buckets hold the locked
// copies), access-log buckets, replication of every home-Region log bucket to its replica, and the
// Object Lock copy of the backup account's Backup Audit Manager reports (with a backup section).
// Service access is granted for the organization as a whole (aws:SourceOrgID), so vending an
// account never changes this stack.
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketObjectLockConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-object-lock-configuration';
import { dependable } from 'cdktf';
import type { Construct } from 'constructs';
import {
  BACKUP_REPORTS_KEY_PREFIX,
  backupReportsCopyBucketName,
  backupReportsReplicationRoleArn,
  reportReplicaWriterStatement,
} from '../lib/backup';
import { regionCode } from '../lib/config/model';
import { evidenceBucketStatements, evidenceKeyStatement } from '../lib/delivery/evidence-archive';
import type { PolicyStatement } from '../lib/iam-policy';
import {
  auditorReadStatement,
  denyGovernanceBypassStatement,
  denyObjectDeletionStatement,
  hasDefaultRetention,
  LOG_BUCKET_PURPOSES,
  logDeliveryBucketStatements,
  logKeyStatements,
  replicaRegion,
} from '../lib/logging/delivery';
import { accessLogBucketName, type LogBucketPurpose, logBucketName, logKeyAliasName, landingZoneRoleName } from '../lib/naming';
import { AccessLogBucket } from '../modules/access-log-bucket';
import { LogBucket } from '../modules/log-bucket';
import { ProtectedKmsKey } from '../modules/protected-kms-key';
import { SecureBucket } from '../modules/secure-bucket';
import { MemberAccountStack, type MemberAccountStackProps } from './member-account-stack';

export interface LogArchiveStackProps extends MemberAccountStackProps {
  /** The organization ID (o-...), a cross-stack reference to the organization stack. */
  readonly organizationId: string;
  /** Accounts whose principals may read (never change) the logs: the security (audit) account. */
  readonly readerAccountIds: readonly string[];
  /** The network account: the only writer of Transit Gateway flow logs and firewall logs. */
  readonly networkAccountId: string;
}

export const LOG_BUCKET_PURPOSE_TAG = 'lz:purpose';
export const REPLICATION_ROLE_PURPOSE = 'log-replication';
/** lz:purpose of the copy of the backup account's Backup Audit Manager reports. */
export const BACKUP_REPORTS_COPY_PURPOSE = 'backup-audit-reports-copy';

export class LogArchiveStack extends MemberAccountStack {
  /** The log-archive key in each Region. */
  readonly keys = new Map<string, ProtectedKmsKey>();
  /** Log buckets by Region, then purpose. */
  readonly logBuckets = new Map<string, Map<LogBucketPurpose, LogBucket>>();
  readonly accessLogBuckets = new Map<string, AccessLogBucket>();
  /** The copy of the backup account's Backup Audit Manager reports; absent without a backup section. */
  backupReportsCopy?: SecureBucket;

  constructor(scope: Construct, id: string, props: LogArchiveStackProps) {
    super(scope, id, props);
    const { config, organizationId, readerAccountIds } = props;
    const accountId = props.accountId;
    const lock = config.logging.objectLock;
    // Lifecycle may remove a log one day after its lock ends, never before.
    const expireAfterDays = lock.retentionDays + 1;
    const breakGlassArn = `arn:aws:iam::${accountId}:role/${config.roles.breakGlass}`;
    const replica = replicaRegion(config);

    for (const { region, provider } of this.regionalProviders) {
      const code = regionCode(region);
      this.keys.set(
        region,
        new ProtectedKmsKey(this, `log-key-${code}`, {
          provider,
          description: `Encrypts the landing zone's audit logs in ${region}`,
          aliasName: logKeyAliasName(config),
          accountId,
          // The home key also lets the deploy encrypt its evidence in the CloudTrail bucket (ADR 0509).
          statements: [
            ...logKeyStatements(config, organizationId, readerAccountIds, region),
            ...(region === config.homeRegion && config.pipeline
              ? [evidenceKeyStatement(config, `arn:aws:s3:::${logBucketName(config, 'cloudtrail', region, accountId)}`, region)]
              : []),
          ],
        }),
      );
      this.accessLogBuckets.set(
        region,
        new AccessLogBucket(this, `access-log-bucket-${code}`, {
          provider,
          bucketName: accessLogBucketName(config, region, accountId),
          sourceAccountId: accountId,
          validationWindowDays: config.logging.validationWindowDays,
          expireAfterDays,
          tags: { [LOG_BUCKET_PURPOSE_TAG]: 'access-logs' },
        }),
      );
    }

    // Replicas first: replication rules need the destination bucket and its versioning.
    const ordered = [...this.regionalProviders].sort((a, b) => Number(b.region === replica) - Number(a.region === replica));
    const replicationRole = replica ? this.replicationRole(replica) : undefined;
    for (const { region, provider } of ordered) {
      const code = regionCode(region);
      const buckets = new Map<LogBucketPurpose, LogBucket>();
      this.logBuckets.set(region, buckets);
      const key = this.keys.get(region);
      if (!key) throw new Error(`no log key in ${region}`);
      for (const purpose of LOG_BUCKET_PURPOSES) {
        const bucketName = logBucketName(config, purpose, region, accountId);
        const arn = `arn:aws:s3:::${bucketName}`;
        const isReplica = region === replica;
        const accessLogBucket = this.accessLogBuckets.get(region);
        if (!accessLogBucket) throw new Error(`no access-log bucket in ${region}`);
        const withRetention = hasDefaultRetention(config, purpose, region);
        const statements: PolicyStatement[] = [
          ...logDeliveryBucketStatements(config, purpose, arn, organizationId, props.networkAccountId),
          auditorReadStatement(arn, readerAccountIds),
          denyObjectDeletionStatement(arn),
          denyGovernanceBypassStatement(arn, breakGlassArn),
          // The deploy's evidence prefix: written only by the apply role, in the home bucket (ADR 0509).
          ...(purpose === 'cloudtrail'
            ? evidenceBucketStatements(config, arn, {
                writable: region === config.homeRegion,
                replicationRoleArn: isReplica
                  ? `arn:aws:iam::${accountId}:role/${landingZoneRoleName(REPLICATION_ROLE_PURPOSE)}`
                  : undefined,
              })
            : []),
        ];
        const replicaBucket = !isReplica && replica ? this.logBuckets.get(replica)?.get(purpose) : undefined;
        buckets.set(
          purpose,
          new LogBucket(this, `${purpose}-log-bucket-${code}`, {
            provider,
            bucketName,
            kmsKeyArn: key.key.arn,
            defaultRetention: withRetention ? { mode: lock.mode, days: lock.retentionDays } : undefined,
            validationWindowDays: config.logging.validationWindowDays,
            expireAfterDays,
            // A reference, not the name: Terraform then creates the target before the logging rule.
            accessLogBucket: accessLogBucket.bucket.bucket.id,
            statements,
            tags: { [LOG_BUCKET_PURPOSE_TAG]: isReplica ? `${purpose}-logs-replica` : `${purpose}-logs` },
            replication:
              replicaBucket && replicationRole && replica
                ? {
                    destinationBucketArn: replicaBucket.bucket.bucket.arn,
                    destinationKmsKeyArn: this.keys.get(replica)?.key.arn ?? '',
                    roleArn: replicationRole.role.arn,
                    dependsOn: [
                      replicaBucket.bucket.versioning,
                      replicationRole.policy,
                      ...(replicaBucket.objectLock ? [replicaBucket.objectLock] : []),
                    ],
                  }
                : undefined,
          }),
        );
      }
    }

    if (config.backup && props.backupAccountId)
      this.backupReportsCopy = this.createBackupReportsCopy(props.backupAccountId, readerAccountIds);

    // This account's own Config channel delivers into the config bucket created above, encrypted
    // through the home key's alias, which it names by ARN: both must exist first.
    const configBucket = this.logBuckets.get(config.homeRegion)?.get('config');
    const homeKey = this.keys.get(config.homeRegion);
    for (const channel of this.baseline.configRecorder.deliveryChannels) {
      if (configBucket) channel.dependsOn = [...(channel.dependsOn ?? []), dependable(configBucket.bucket.policy)];
      if (homeKey) channel.dependsOn = [...(channel.dependsOn ?? []), dependable(homeKey.alias)];
    }
    // Likewise the default VPCs' flow logs deliver into this account's own network bucket of their Region.
    for (const defaultVpc of this.baseline.defaultVpcs) {
      const networkBucket = this.logBuckets.get(defaultVpc.region)?.get('network');
      if (networkBucket) defaultVpc.flowLog.dependsOn = [...(defaultVpc.flowLog.dependsOn ?? []), dependable(networkBucket.bucket.policy)];
    }
  }

  /**
   * The copy of Backup Audit Manager's reports, replicated from the backup account (same Region) by its
   * replication role, the bucket's only writer. Like the log buckets: Object Lock with the log
   * retention from creation, deletion denied, governance bypass only for break-glass, auditors read.
   * SSE-S3, like the source: replication then needs no key grants in either account.
   * docs/decisions/0903-backup-audit-reports.md
   */
  private createBackupReportsCopy(backupAccountId: string, readerAccountIds: readonly string[]): SecureBucket {
    const config = this.config;
    const region = config.homeRegion;
    const bucketName = backupReportsCopyBucketName(config, region, this.accountId);
    const arn = `arn:aws:s3:::${bucketName}`;
    const lock = config.logging.objectLock;
    const accessLogBucket = this.accessLogBuckets.get(region);
    if (!accessLogBucket) throw new Error(`no access-log bucket in ${region}`);
    const bucket = new SecureBucket(this, 'backup-reports-copy', {
      provider: this.homeProvider,
      bucketName,
      objectLockEnabled: true,
      accessLogBucket: accessLogBucket.bucket.bucket.id,
      statements: [
        reportReplicaWriterStatement(arn, BACKUP_REPORTS_KEY_PREFIX, backupReportsReplicationRoleArn(backupAccountId)),
        auditorReadStatement(arn, readerAccountIds),
        denyObjectDeletionStatement(arn),
        denyGovernanceBypassStatement(arn, `arn:aws:iam::${this.accountId}:role/${config.roles.breakGlass}`),
      ],
      tags: { [LOG_BUCKET_PURPOSE_TAG]: BACKUP_REPORTS_COPY_PURPOSE },
    });
    new S3BucketObjectLockConfigurationA(this, 'backup-reports-copy-object-lock', {
      provider: this.homeProvider,
      bucket: bucket.bucket.id,
      rule: { defaultRetention: { mode: lock.mode, days: lock.retentionDays } },
      dependsOn: [bucket.versioning],
    });
    new S3BucketLifecycleConfiguration(this, 'backup-reports-copy-lifecycle', {
      provider: this.homeProvider,
      bucket: bucket.bucket.id,
      rule: [
        {
          id: 'report-retention',
          status: 'Enabled',
          filter: [{ prefix: '' }],
          // Never before the lock ends; a locked version survives expiry until then.
          expiration: [{ days: lock.retentionDays + 1 }],
          noncurrentVersionExpiration: [{ noncurrentDays: 1 }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
        },
      ],
      dependsOn: [bucket.versioning],
    });
    return bucket;
  }

  /** KMS key ARN of the log-archive key in a Region (for the trail and other cross-stack users). */
  keyArn(region: string): string {
    const key = this.keys.get(region);
    if (!key) throw new Error(`log-archive has no key in ${region}`);
    return key.key.arn;
  }

  /**
   * The role S3 assumes to copy logs to the replica Region. Object Lock replication needs it to read
   * each version's retention and legal hold, so the replica is locked exactly like the source.
   */
  private replicationRole(replica: string): { role: IamRole; policy: IamRolePolicy } {
    const config = this.config;
    const sources = LOG_BUCKET_PURPOSES.map(
      (purpose) => `arn:aws:s3:::${logBucketName(config, purpose, config.homeRegion, this.accountId)}`,
    );
    const destinations = LOG_BUCKET_PURPOSES.map((purpose) => `arn:aws:s3:::${logBucketName(config, purpose, replica, this.accountId)}`);
    const role = new IamRole(this, 'log-replication-role', {
      provider: this.homeProvider,
      name: landingZoneRoleName(REPLICATION_ROLE_PURPOSE),
      description: 'S3 replication of the audit-log buckets to their Object Lock replicas',
      assumeRolePolicy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 's3.amazonaws.com' },
            Action: 'sts:AssumeRole',
            Condition: { StringEquals: { 'aws:SourceAccount': this.accountId } },
          },
        ],
      }),
    });
    const homeKey = this.keys.get(config.homeRegion);
    const replicaKey = this.keys.get(replica);
    if (!homeKey || !replicaKey) throw new Error('log keys must exist before the replication role');
    const policy = new IamRolePolicy(this, 'log-replication-policy', {
      provider: this.homeProvider,
      role: role.name,
      name: 'replicate-audit-logs',
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'ReadReplicationConfiguration',
            Effect: 'Allow',
            Action: ['s3:GetReplicationConfiguration', 's3:ListBucket'],
            Resource: sources,
          },
          {
            Sid: 'ReadSourceVersionsWithLocks',
            Effect: 'Allow',
            Action: [
              's3:GetObjectVersionForReplication',
              's3:GetObjectVersionAcl',
              's3:GetObjectVersionTagging',
              's3:GetObjectRetention',
              's3:GetObjectLegalHold',
            ],
            Resource: sources.map((arn) => `${arn}/*`),
          },
          {
            Sid: 'WriteReplicas',
            Effect: 'Allow',
            Action: ['s3:ReplicateObject', 's3:ReplicateTags'],
            Resource: destinations.map((arn) => `${arn}/*`),
          },
          {
            Sid: 'DecryptSource',
            Effect: 'Allow',
            Action: 'kms:Decrypt',
            Resource: homeKey.key.arn,
            Condition: { StringEquals: { 'kms:ViaService': `s3.${config.homeRegion}.amazonaws.com` } },
          },
          {
            Sid: 'EncryptReplicas',
            Effect: 'Allow',
            Action: ['kms:Encrypt', 'kms:GenerateDataKey'],
            Resource: replicaKey.key.arn,
            Condition: { StringEquals: { 'kms:ViaService': `s3.${replica}.amazonaws.com` } },
          },
        ],
      }),
    });
    return { role, policy };
  }
}

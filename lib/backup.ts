// Facts of the backup design that configuration, policies, stacks and `lz backup-report` must agree
// on: the tier tag, what each tier keeps and where its copies go, and the names of the vaults and
// roles the organization backup policies refer to. Pure data and pure functions of configuration.
import { regionCode, secondaryRegion } from './config/model';
import type { LandingZoneConfig } from './config/schema';
import type { PolicyStatement } from './iam-policy';
import { landingZoneBucketPrefix, landingZoneRoleName } from './naming';

/** The resource tag that selects a backup tier; the tag policy enforces its key and values. */
export const BACKUP_TAG_KEY = 'lz:backup';
export const BACKUP_TIERS = ['critical', 'standard', 'none'] as const;
export type BackupTier = (typeof BACKUP_TIERS)[number];
/** Tiers that actually back something up (`none` is an explicit, reviewable opt-out). */
export type ProtectedBackupTier = Exclude<BackupTier, 'none'>;

/**
 * Tag the backup policy puts on every plan it creates in member accounts (backup_plan_tags), so the
 * backup-protection SCP can deny changes to those plans by tag (plan ARNs carry an ID, not a name).
 */
export const POLICY_PLAN_TAG = { key: 'lz:managed-by', value: 'organization-backup-policy' } as const;

/** One retention rule: how long a recovery point lives, and when it moves to cold storage. */
export interface Retention {
  readonly deleteAfterDays: number;
  /**
   * Days before the recovery point moves to cold storage, where the resource type supports it
   * (AWS Backup ignores it for others). AWS requires 90 days in cold storage, so
   * deleteAfterDays >= moveToColdStorageAfterDays + 90 (AWS Backup Developer Guide, "Lifecycle").
   */
  readonly moveToColdStorageAfterDays?: number;
}

export interface BackupRule {
  /** Rule name in the plan (letters, digits, hyphen, underscore). */
  readonly name: string;
  /** AWS Backup cron expression, evaluated in UTC. */
  readonly schedule: string;
  /** Hours between backups: the worst-case recovery point objective this rule gives. */
  readonly intervalHours: number;
  readonly startWindowMinutes: number;
  readonly completeWindowMinutes: number;
  /** Retention in the member account's own (local) vault. */
  readonly local: Retention;
  /** Copy to the central vault in the home Region, in the backup account. Omitted: no copy. */
  readonly centralHomeCopy?: Retention;
  /** Copy to the central vault in the other allowed Region (when two are allowed). */
  readonly centralSecondaryCopy?: Retention;
}

export interface TierDefinition {
  readonly tier: ProtectedBackupTier;
  readonly description: string;
  readonly rules: readonly BackupRule[];
  /** Recovery time objective the restore runbook (docs/backup-and-recovery.md) is written for. */
  readonly recoveryTimeObjectiveHours: number;
}

/**
 * What each tier keeps. Cold storage only where the point lives long enough to pay back: cold costs
 * less per GB-month but has a 90-day minimum, so it is used only for retention of a year or more.
 */
export const TIER_DEFINITIONS: readonly TierDefinition[] = [
  {
    tier: 'critical',
    description: 'Patient-facing and clinical systems: hourly points kept a week, daily points copied to both central vaults',
    recoveryTimeObjectiveHours: 4,
    rules: [
      {
        name: 'hourly',
        schedule: 'cron(0 * ? * * *)',
        intervalHours: 1,
        startWindowMinutes: 60,
        completeWindowMinutes: 180,
        local: { deleteAfterDays: 7 },
      },
      {
        name: 'daily',
        schedule: 'cron(0 1 ? * * *)',
        intervalHours: 24,
        startWindowMinutes: 60,
        completeWindowMinutes: 720,
        local: { deleteAfterDays: 35 },
        centralHomeCopy: { deleteAfterDays: 365, moveToColdStorageAfterDays: 90 },
        centralSecondaryCopy: { deleteAfterDays: 35 },
      },
    ],
  },
  {
    tier: 'standard',
    description: 'Everything else that holds data: daily points, copied to the central vault in the home Region',
    recoveryTimeObjectiveHours: 24,
    rules: [
      {
        name: 'daily',
        schedule: 'cron(0 2 ? * * *)',
        intervalHours: 24,
        startWindowMinutes: 60,
        completeWindowMinutes: 720,
        local: { deleteAfterDays: 14 },
        centralHomeCopy: { deleteAfterDays: 90 },
        centralSecondaryCopy: { deleteAfterDays: 35 },
      },
    ],
  },
];

export function tierDefinition(tier: ProtectedBackupTier): TierDefinition {
  const found = TIER_DEFINITIONS.find((definition) => definition.tier === tier);
  if (!found) throw new Error(`no definition for backup tier ${tier}`);
  return found;
}

/** Every retention a point copied into a central vault can have: Vault Lock bounds must admit each. */
export function centralCopyRetentions(): { tier: ProtectedBackupTier; rule: string; copy: 'home' | 'secondary'; retention: Retention }[] {
  return TIER_DEFINITIONS.flatMap((definition) =>
    definition.rules.flatMap((rule) => [
      ...(rule.centralHomeCopy ? [{ tier: definition.tier, rule: rule.name, copy: 'home' as const, retention: rule.centralHomeCopy }] : []),
      ...(rule.centralSecondaryCopy
        ? [{ tier: definition.tier, rule: rule.name, copy: 'secondary' as const, retention: rule.centralSecondaryCopy }]
        : []),
    ]),
  );
}

/** AWS Backup resource types the tiers are written for (the resource-type opt-in the backup account checks). */
export const BACKED_UP_RESOURCE_TYPES = ['Aurora', 'DynamoDB', 'EBS', 'EC2', 'EFS', 'FSx', 'RDS', 'S3'] as const;

/** The local vault in every member account and allowed Region, named the same everywhere. */
export function localVaultName(config: LandingZoneConfig): string {
  return `${config.organization.namePrefix}-lz-local`;
}

/** The central, Vault-Locked vault in the backup account (one per allowed Region, same name). */
export function centralVaultName(config: LandingZoneConfig): string {
  return `${config.organization.namePrefix}-lz-central`;
}

export function backupVaultArn(region: string, accountId: string, vaultName: string): string {
  return `arn:aws:backup:${region}:${accountId}:backup-vault:${vaultName}`;
}

/*
 * The vault keys' aliases deliberately fall outside alias/<prefix>-lz-*: baseline protection denies
 * kms:CreateGrant on those keys to every non-exempt principal, and AWS Backup creates grants on the
 * vault key as the backup role for every job. backup-protection guards these keys by their own aliases.
 */

/** Alias of the KMS key of the local vault in each member account and Region. */
export function localVaultKeyAliasName(config: LandingZoneConfig): string {
  return `alias/${config.organization.namePrefix}-backup-local`;
}

/** Alias of the KMS key of the central vaults in the backup account. */
export function centralVaultKeyAliasName(config: LandingZoneConfig): string {
  return `alias/${config.organization.namePrefix}-backup-central`;
}

/** The role the backup policies name (iam_role_arn): created by the account baseline in every member account. */
export const BACKUP_SERVICE_ROLE = landingZoneRoleName('backup');

/** The backup account's ID when configuration gives it (adopted), else undefined (a stack reference is needed). */
export function backupCopyRegions(config: LandingZoneConfig): { home: string; secondary?: string } {
  return { home: config.homeRegion, secondary: secondaryRegion(config) };
}

/** Default tier of an account's untagged resources, from its data classification (backup.classificationTiers). */
export function defaultTierFor(config: LandingZoneConfig, classification: string): BackupTier {
  return config.backup?.classificationTiers[classification] ?? 'standard';
}

/*
 * Backup Audit Manager reports. A report plan delivers only to a bucket of its own account (AWS
 * Backup Developer Guide, "Creating report plans using the AWS Backup console": "You can't use a
 * bucket from another account"), so the backup account, Backup's delegated administrator, keeps the
 * reports in its own bucket. Only the management account and the delegated administrator can make
 * cross-account reports ("Working with audit reports"). docs/decisions/0903-backup-audit-reports.md
 */

/** The service principal of Backup Audit Manager, which writes reports as its service-linked role. */
export const BACKUP_REPORTS_SERVICE = 'reports.backup.amazonaws.com';
/** AWS Backup Developer Guide, "Using roles for AWS Backup Audit Manager". */
export const BACKUP_REPORTS_SERVICE_ROLE = 'AWSServiceRoleForBackupReports';

/** The service-linked role that puts report objects into the bucket (the principal of the bucket policy). */
export function backupReportsRoleArn(accountId: string): string {
  return `arn:aws:iam::${accountId}:role/aws-service-role/${BACKUP_REPORTS_SERVICE}/${BACKUP_REPORTS_SERVICE_ROLE}`;
}

/** The reports bucket in the backup account's home Region (account ID in the name, like the log buckets). */
export function backupReportsBucketName(config: LandingZoneConfig, region: string, backupAccountId: string): string {
  return `${landingZoneBucketPrefix(config)}backup-reports-${backupAccountId}-${regionCode(region)}`;
}

/** Where S3 server access logs of the reports bucket go (same account and Region, SSE-S3, as S3 requires). */
export function backupAccessLogBucketName(config: LandingZoneConfig, region: string, backupAccountId: string): string {
  return `${landingZoneBucketPrefix(config)}backup-access-logs-${backupAccountId}-${regionCode(region)}`;
}

/**
 * The copy of the reports in the log-archive account (same Region as the reports bucket). Backup Audit
 * Manager writes only to a bucket of the report plan's own account, so S3 replication (same Region,
 * cross-account) copies every report here. docs/decisions/0903-backup-audit-reports.md
 */
export function backupReportsCopyBucketName(config: LandingZoneConfig, region: string, logArchiveAccountId: string): string {
  return `${landingZoneBucketPrefix(config)}backup-reports-${logArchiveAccountId}-${regionCode(region)}`;
}

/** The role S3 assumes in the backup account to copy the reports to the log archive. */
export const BACKUP_REPORTS_REPLICATION_ROLE = landingZoneRoleName('backup-reports-replication');

export function backupReportsReplicationRoleArn(backupAccountId: string): string {
  return `arn:aws:iam::${backupAccountId}:role/${BACKUP_REPORTS_REPLICATION_ROLE}`;
}

/** What the replication role does to the copy: write replicas and hand their ownership to the log archive. */
export const BACKUP_REPORTS_REPLICA_WRITE_ACTIONS = [
  's3:ReplicateObject',
  's3:ReplicateTags',
  's3:ObjectOwnerOverrideToBucketOwner',
] as const;

/**
 * The copy bucket admits only the backup account's replication role, only under the reports prefix.
 * The role is matched by aws:PrincipalArn, not named as the principal: the log-archive stack deploys
 * before the backup stack creates the role, and a policy naming a missing role is rejected.
 */
export function reportReplicaWriterStatement(bucketArn: string, keyPrefix: string, replicationRoleArn: string): PolicyStatement {
  return {
    Sid: 'BackupReportsReplicationOnly',
    Effect: 'Allow',
    Principal: { AWS: '*' },
    Action: [...BACKUP_REPORTS_REPLICA_WRITE_ACTIONS],
    Resource: `${bucketArn}/${keyPrefix}/*`,
    Condition: { ArnEquals: { 'aws:PrincipalArn': replicationRoleArn } },
  };
}

/** Key prefix of every report; AWS appends Backup/<account or crossaccount>/<Region or crossregion>/yyyy/mm/dd/. */
export const BACKUP_REPORTS_KEY_PREFIX = 'backup-audit';

export type BackupReportTemplate = 'BACKUP_JOB_REPORT' | 'COPY_JOB_REPORT' | 'RESTORE_JOB_REPORT' | 'CONTROL_COMPLIANCE_REPORT';

export interface BackupReportDefinition {
  readonly template: BackupReportTemplate;
  /**
   * organization: every account (Accounts = ROOT, "Use string value of ROOT to include all
   * organizational units", API ReportSetting) in every allowed Region; jobs reports only.
   * framework: the backup account's own framework (compliance reports are per framework).
   */
  readonly scope: 'organization' | 'framework';
  readonly description: string;
}

/** The reports the backup account delivers every day (Backup Audit Manager runs each plan every 24 hours). */
export const BACKUP_AUDIT_REPORTS: readonly BackupReportDefinition[] = [
  { template: 'BACKUP_JOB_REPORT', scope: 'organization', description: 'Backup jobs of every account and allowed Region, last 24 hours' },
  {
    template: 'COPY_JOB_REPORT',
    scope: 'organization',
    description: 'Copy jobs (to the central vaults) of every account and allowed Region, last 24 hours',
  },
  {
    template: 'RESTORE_JOB_REPORT',
    scope: 'organization',
    description: 'Restore jobs, restore tests included, of every account and allowed Region, last 24 hours',
  },
  {
    template: 'CONTROL_COMPLIANCE_REPORT',
    scope: 'framework',
    description: 'Compliance of the central vaults framework, control by control',
  },
];

/** Report plan name: letters, digits and underscores, starting with a letter (CreateReportPlan). */
export function backupReportPlanName(config: LandingZoneConfig, template: BackupReportTemplate): string {
  return `${config.organization.namePrefix.replace(/-/g, '_')}_lz_${template.toLowerCase().replace(/_report$/, '')}`;
}

/*
 * Restore results to the security account. AWS Backup emits "Restore Job State Change" events with
 * detail.status (PENDING, RUNNING, COMPLETED, ABORTED, FAILED) and, for a job started by a restore
 * testing plan, detail.restoreTestingPlanArn (AWS Backup Developer Guide, "Monitoring AWS Backup
 * events using Amazon EventBridge", Restore Job events). docs/decisions/0904-restore-results-to-security.md
 */

/** Role EventBridge assumes in the backup account to publish to the security account's alert topic. */
export const RESTORE_ALERTS_ROLE = landingZoneRoleName('backup-restore-alerts');

/**
 * Every failed or aborted restore in the backup account (a restore test, or a recovery from a
 * central vault), and every completed restore test: the weekly proof that the critical tier restores.
 */
export function restoreResultsEventPattern(): Record<string, unknown> {
  return {
    source: ['aws.backup'],
    'detail-type': ['Restore Job State Change'],
    detail: {
      $or: [{ status: ['FAILED', 'ABORTED'] }, { status: ['COMPLETED'], restoreTestingPlanArn: [{ exists: true }] }],
    },
  };
}

/** The security account's alert topic in a Region (created by the security stack). */
export function securityAlertTopicName(config: LandingZoneConfig): string {
  return `${config.organization.namePrefix}-lz-security-findings`;
}

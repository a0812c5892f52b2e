// The backup account: the central AWS Backup vaults every member account copies into, one per
// allowed Region, each encrypted with this account's own key, under Vault Lock (COMPLIANCE by
// default), accepting copies only from accounts of this organization; and the restore testing plan
// that proves the critical tier's copies restore. docs/backup-and-recovery.md,
// docs/decisions/0900-backup-account-and-central-vaults.md
import { BackupFramework } from '@cdktf/provider-aws/lib/backup-framework';
import { BackupRestoreTestingPlan } from '@cdktf/provider-aws/lib/backup-restore-testing-plan';
import { BackupRestoreTestingSelection } from '@cdktf/provider-aws/lib/backup-restore-testing-selection';
import { BackupVault } from '@cdktf/provider-aws/lib/backup-vault';
import { BackupVaultLockConfiguration } from '@cdktf/provider-aws/lib/backup-vault-lock-configuration';
import { BackupVaultPolicy } from '@cdktf/provider-aws/lib/backup-vault-policy';
import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import type { Construct } from 'constructs';
import {
  BACKUP_AUDIT_REPORTS,
  BACKUP_REPORTS_KEY_PREFIX,
  BACKUP_REPORTS_REPLICATION_ROLE,
  BACKUP_TAG_KEY,
  backupReportPlanName,
  backupAccessLogBucketName,
  backupReportsBucketName,
  backupReportsCopyBucketName,
  backupReportsRoleArn,
  backupVaultArn,
  centralVaultKeyAliasName,
  centralVaultName,
  RESTORE_ALERTS_ROLE,
  restoreResultsEventPattern,
  securityAlertTopicName,
} from '../lib/backup';
import { regionCode } from '../lib/config/model';
import type { LandingZoneConfig } from '../lib/config/schema';
import { BackupAuditReports } from '../modules/backup-audit-reports';
import { ProtectedKmsKey } from '../modules/protected-kms-key';
import { MemberAccountStack, type MemberAccountStackProps } from './member-account-stack';

export interface BackupStackProps extends MemberAccountStackProps {
  /** The organization ID (reference to the organization stack): the only source of copies. */
  readonly organizationId: string;
  /** The security account (literal or cross-stack reference): restore results go to its alert topic. */
  readonly securityAccountId: string;
}

/**
 * What the critical tier's weekly restore test restores, and how long each restored copy is kept for
 * validation before AWS Backup deletes it. No type needs restore metadata overrides: AWS Backup infers
 * the rest (AWS Backup Developer Guide, "Restore testing inferred metadata"), and for EC2, RDS and
 * Aurora it infers the default VPC, which this account keeps, neutralised (no routes, deny-all network
 * ACL, no security group rules; modules/default-vpc-lockdown.ts): the restored copy has no network
 * path. Those three run compute for the validation window, so it is short. docs/decisions/0905-restore-testing-compute.md
 */
export const RESTORE_TESTING_SELECTIONS = [
  { type: 'EBS', validationWindowHours: 24 },
  { type: 'DynamoDB', validationWindowHours: 24 },
  { type: 'EFS', validationWindowHours: 24 },
  { type: 'S3', validationWindowHours: 24 },
  { type: 'EC2', validationWindowHours: 1 },
  { type: 'RDS', validationWindowHours: 1 },
  { type: 'Aurora', validationWindowHours: 1 },
] as const;

/** Resource types the critical tier's restore test restores. */
export const RESTORE_TESTED_RESOURCE_TYPES = RESTORE_TESTING_SELECTIONS.map((selection) => selection.type);

/** Restore testing plan names take letters, digits and underscores only. */
export function restoreTestingPlanName(config: LandingZoneConfig): string {
  return `${config.organization.namePrefix.replace(/-/g, '_')}_lz_critical`;
}

/** The central vault's access policy: copies in from this organization's accounts, nothing else. */
export function centralVaultPolicy(vaultArn: string, organizationId: string): object {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        // AWS Backup Developer Guide, "Creating backup copies across AWS accounts": the destination
        // vault allows backup:CopyIntoBackupVault, here for any principal of the organization.
        Sid: 'CopiesFromThisOrganizationOnly',
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: 'backup:CopyIntoBackupVault',
        Resource: vaultArn,
        Condition: { StringEquals: { 'aws:PrincipalOrgID': organizationId } },
      },
    ],
  };
}

export class BackupStack extends MemberAccountStack {
  /** The central vault per Region. */
  readonly centralVaults = new Map<string, BackupVault>();
  readonly restoreTestingPlan: BackupRestoreTestingPlan;
  /** Backup Audit Manager framework evaluating the central vaults and the copies in them. */
  readonly auditFramework: BackupFramework;
  /** Backup Audit Manager report plans (jobs of every account, compliance of the framework) and their bucket. */
  readonly auditReports: BackupAuditReports;
  /** Restore results (failures, completed restore tests) forwarded to the security account's alert topic. */
  readonly restoreResultsRule: CloudwatchEventRule;

  constructor(scope: Construct, id: string, props: BackupStackProps) {
    super(scope, id, props);
    const { config } = props;
    const backup = config.backup;
    if (!backup) throw new Error('the backup stack needs the backup section of the configuration');
    const lock = backup.vaultLock;

    for (const { region, provider } of this.regionalProviders) {
      const code = regionCode(region);
      const key = new ProtectedKmsKey(this, `central-key-${code}`, {
        provider,
        description: `Encrypts the central AWS Backup vault in ${region}`,
        aliasName: centralVaultKeyAliasName(config),
        accountId: this.accountId,
      });
      const vault = new BackupVault(this, `central-vault-${code}`, {
        provider,
        name: centralVaultName(config),
        kmsKeyArn: key.key.arn,
        forceDestroy: false,
        lifecycle: { preventDestroy: true },
      });
      this.centralVaults.set(region, vault);
      new BackupVaultLockConfiguration(this, `central-vault-lock-${code}`, {
        provider,
        backupVaultName: vault.name,
        minRetentionDays: lock.minRetentionDays,
        maxRetentionDays: lock.maxRetentionDays,
        // changeable_for_days set = COMPLIANCE mode (immutable after the grace period); unset = GOVERNANCE.
        changeableForDays: lock.mode === 'COMPLIANCE' ? lock.changeableForDays : undefined,
        lifecycle: { preventDestroy: true },
      });
      new BackupVaultPolicy(this, `central-vault-policy-${code}`, {
        provider,
        backupVaultName: vault.name,
        policy: JSON.stringify(centralVaultPolicy(backupVaultArn(region, this.accountId, centralVaultName(config)), props.organizationId)),
        lifecycle: { preventDestroy: true },
      });
    }

    // Backup Audit Manager (AWS Backup Developer Guide, "Choosing your controls"): continuous evidence,
    // as AWS Config rules in this account, that every copy here is encrypted, cannot be deleted by hand,
    // sits under Vault Lock with the configured bounds and keeps at least the minimum retention.
    this.auditFramework = new BackupFramework(this, 'audit-framework', {
      provider: this.regionalProviders[0].provider,
      name: `${config.organization.namePrefix.replace(/-/g, '_')}_lz_central_vaults`,
      description: 'Central vault copies: encrypted, no manual deletion, Vault Lock bounds, minimum retention',
      control: [
        { name: 'BACKUP_RECOVERY_POINT_ENCRYPTED' },
        { name: 'BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED' },
        {
          name: 'BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK',
          inputParameter: [
            { name: 'minRetentionDays', value: String(lock.minRetentionDays) },
            { name: 'maxRetentionDays', value: String(lock.maxRetentionDays) },
          ],
        },
        {
          name: 'BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK',
          inputParameter: [{ name: 'requiredRetentionDays', value: String(lock.minRetentionDays) }],
        },
      ],
    });

    // Daily reports as evidence: backup, copy and restore jobs of every account and allowed Region
    // (this account is Backup's delegated administrator, which may report across accounts), and the
    // framework's compliance. Kept as long as the audit logs.
    const reportsHome = this.regionalProviders[0];
    this.auditReports = new BackupAuditReports(this, 'audit-reports', {
      provider: reportsHome.provider,
      bucketName: backupReportsBucketName(config, reportsHome.region, this.accountId),
      writerRoleArn: backupReportsRoleArn(this.accountId),
      keyPrefix: BACKUP_REPORTS_KEY_PREFIX,
      reports: BACKUP_AUDIT_REPORTS.map((report) => ({ ...report, planName: backupReportPlanName(config, report.template) })),
      regions: config.allowedRegions,
      frameworkArn: this.auditFramework.arn,
      retentionDays: config.logging.objectLock.retentionDays,
      readerAccountIds: [props.securityAccountId],
      accountId: this.accountId,
      accessLogBucketName: backupAccessLogBucketName(config, reportsHome.region, this.accountId),
      accessLogRetentionDays: config.logging.objectLock.retentionDays + 1,
      validationWindowDays: config.logging.validationWindowDays,
      // The log-archive stack deploys first and creates the copy bucket under this computed name.
      copyTo: {
        bucketName: backupReportsCopyBucketName(config, reportsHome.region, props.logArchiveAccountId),
        accountId: props.logArchiveAccountId,
        roleName: BACKUP_REPORTS_REPLICATION_ROLE,
      },
    });

    this.restoreResultsRule = this.forwardRestoreResults(props.securityAccountId);

    // Restore testing: every week, restore the latest critical-tier copy of each tested type from the
    // central vault in the home Region, validate, and let AWS Backup delete the restored resource.
    const home = this.regionalProviders[0];
    const backupRole = this.baseline.backupVaults?.role;
    if (!backupRole) throw new Error('the backup account baseline has no backup role; the backup stack must receive backupAccountId');
    this.restoreTestingPlan = new BackupRestoreTestingPlan(this, 'restore-testing-critical', {
      provider: home.provider,
      name: restoreTestingPlanName(config),
      scheduleExpression: 'cron(0 5 ? * SAT *)',
      startWindowHours: 24,
      recoveryPointSelection: [
        {
          algorithm: 'LATEST_WITHIN_WINDOW',
          includeVaults: [backupVaultArn(config.homeRegion, this.accountId, centralVaultName(config))],
          recoveryPointTypes: ['SNAPSHOT'],
          selectionWindowDays: 7,
        },
      ],
      dependsOn: [this.centralVaults.get(config.homeRegion)!],
    });
    for (const { type, validationWindowHours } of RESTORE_TESTING_SELECTIONS) {
      new BackupRestoreTestingSelection(this, `restore-testing-critical-${type.toLowerCase()}`, {
        provider: home.provider,
        name: `critical_${type.toLowerCase()}`,
        restoreTestingPlanName: this.restoreTestingPlan.name,
        protectedResourceType: type,
        // The baseline's backup role in this account holds the AWS managed restore policies.
        iamRoleArn: backupRole.arn,
        // The provider takes either ARNs or conditions, not both: the tag condition alone selects.
        protectedResourceConditions: [{ stringEquals: [{ key: `aws:ResourceTag/${BACKUP_TAG_KEY}`, value: 'critical' }] }],
        validationWindowHours,
      });
    }
  }

  /**
   * EventBridge delivers to an SNS topic of another account in the same Region through an execution
   * role of this account; the topic policy and key policy there admit that role (Amazon EventBridge
   * User Guide, "Sending events to an AWS service in another account"; modules/alert-topic.ts).
   */
  private forwardRestoreResults(securityAccountId: string): CloudwatchEventRule {
    const { region, provider } = this.regionalProviders[0];
    const topicArn = `arn:aws:sns:${region}:${securityAccountId}:${securityAlertTopicName(this.config)}`;
    const role = new IamRole(this, 'restore-alerts-role', {
      provider,
      name: RESTORE_ALERTS_ROLE,
      description: 'EventBridge publishes restore results to the security account alert topic',
      assumeRolePolicy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'events.amazonaws.com' },
            Action: 'sts:AssumeRole',
            Condition: { StringEquals: { 'aws:SourceAccount': this.accountId } },
          },
        ],
      }),
    });
    const policy = new IamRolePolicy(this, 'restore-alerts-policy', {
      provider,
      role: role.name,
      name: 'publish-restore-results',
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Sid: 'PublishToSecurityAlerts', Effect: 'Allow', Action: 'sns:Publish', Resource: topicArn },
          {
            Sid: 'EncryptForSecurityAlerts',
            Effect: 'Allow',
            Action: ['kms:GenerateDataKey*', 'kms:Decrypt'],
            Resource: `arn:aws:kms:${region}:${securityAccountId}:key/*`,
            Condition: {
              StringEquals: { 'kms:ViaService': `sns.${region}.amazonaws.com`, 'kms:EncryptionContext:aws:sns:topicArn': topicArn },
            },
          },
        ],
      }),
    });
    const rule = new CloudwatchEventRule(this, 'restore-results-rule', {
      provider,
      name: 'lz-backup-restore-results',
      description: 'Failed or aborted restores, and completed restore tests, to the security account',
      eventPattern: JSON.stringify(restoreResultsEventPattern()),
    });
    new CloudwatchEventTarget(this, 'restore-results-target', {
      provider,
      rule: rule.name,
      arn: topicArn,
      roleArn: role.arn,
      targetId: 'security-alerts',
      dependsOn: [policy],
    });
    return rule;
  }
}

// Backup Audit Manager report plans and the bucket they deliver to, in the backup account (Backup's
// delegated administrator, the only member account that may report across accounts). The bucket is
// a SecureBucket (versioned, public access blocked, TLS only) whose policy lets only Backup Audit
// Manager's service-linked role put reports and denies every object deletion; lifecycle removes a
// report after the configured evidence retention. A plan writes only to a bucket of its own account, so
// S3 replication (same Region, cross-account, owner override) copies every report to the log archive's
// copy bucket as a role that can do nothing else. docs/decisions/0903-backup-audit-reports.md
import { BackupReportPlan } from '@cdktf/provider-aws/lib/backup-report-plan';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { S3BucketReplicationConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-replication-configuration';
import { Construct } from 'constructs';
import { BACKUP_REPORTS_REPLICA_WRITE_ACTIONS, type BackupReportDefinition } from '../lib/backup';
import type { PolicyStatement } from '../lib/iam-policy';
import { auditorReadStatement } from '../lib/logging/delivery';
import type { AccessLogBucket } from './access-log-bucket';
import { addLoggedBucket } from './logged-bucket';
import type { SecureBucket } from './secure-bucket';

export interface BackupAuditReportsProps {
  /** Provider of the backup account in the Region the reports are made and kept (the home Region). */
  readonly provider: AwsProvider;
  /** Name of the reports bucket (backupReportsBucketName). */
  readonly bucketName: string;
  /** ARN of Backup Audit Manager's service-linked role in this account: the only writer. */
  readonly writerRoleArn: string;
  /** Key prefix under which every report is delivered. */
  readonly keyPrefix: string;
  /** The reports to make, each with its plan name. */
  readonly reports: readonly (BackupReportDefinition & { readonly planName: string })[];
  /** Regions the organization-wide jobs reports cover. */
  readonly regions: readonly string[];
  /** ARN of the framework the compliance report covers. */
  readonly frameworkArn: string;
  /** Days a report is kept before lifecycle removes it. */
  readonly retentionDays: number;
  /** Accounts whose principals may read (never change) the reports: the security (audit) account. */
  readonly readerAccountIds: readonly string[];
  /** This account's ID: the only source the access-log bucket accepts. */
  readonly accountId: string;
  /** Name of the bucket that receives the reports bucket's server access logs (Security Hub S3.9). */
  readonly accessLogBucketName: string;
  /** Days an access-log object is kept. */
  readonly accessLogRetentionDays: number;
  /** Days of the log-validation window, after which access logs move to Deep Archive. */
  readonly validationWindowDays: number;
  /** Where every report is copied by S3 replication (same Region, another account): the log archive. */
  readonly copyTo: BackupReportsCopy;
}

export interface BackupReportsCopy {
  /** Name of the copy bucket in the log-archive account (backupReportsCopyBucketName). */
  readonly bucketName: string;
  /** The log-archive account: owner of the copy bucket and, by owner override, of every replica. */
  readonly accountId: string;
  /** Name of the role S3 assumes in this account to replicate. */
  readonly roleName: string;
}

/** The replication role's only permissions: read the reports' versions, write them into the copy. */
export function reportReplicationPolicy(sourceBucketArn: string, destinationBucketArn: string, keyPrefix: string): object {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'ReadReplicationConfiguration',
        Effect: 'Allow',
        Action: ['s3:GetReplicationConfiguration', 's3:ListBucket'],
        Resource: sourceBucketArn,
      },
      {
        // Retention and legal hold reads are what replication from an Object Lock source needs (Amazon
        // S3 User Guide, "Using Object Lock with S3 Replication"); this source has no lock, but they are
        // reads of the same objects, and the estate's replication check replays them for every rule.
        Sid: 'ReadReportVersions',
        Effect: 'Allow',
        Action: [
          's3:GetObjectVersionForReplication',
          's3:GetObjectVersionAcl',
          's3:GetObjectVersionTagging',
          's3:GetObjectRetention',
          's3:GetObjectLegalHold',
        ],
        Resource: `${sourceBucketArn}/${keyPrefix}/*`,
      },
      {
        Sid: 'WriteReportCopies',
        Effect: 'Allow',
        Action: [...BACKUP_REPORTS_REPLICA_WRITE_ACTIONS],
        Resource: `${destinationBucketArn}/${keyPrefix}/*`,
      },
    ],
  };
}

/**
 * Lets only Backup Audit Manager's role write reports. AWS's sample policy names the role as the
 * principal, but the role does not exist until the first report is made ("Invalid principal",
 * AWS Backup Developer Guide, "Creating report plans using the AWS Backup console"), so the role is
 * matched by aws:PrincipalArn instead: a fixed principal ARN keeps the policy non-public.
 */
export function reportWriterStatement(bucketArn: string, keyPrefix: string, writerRoleArn: string): PolicyStatement {
  return {
    Sid: 'BackupAuditManagerWritesReports',
    Effect: 'Allow',
    Principal: { AWS: '*' },
    Action: 's3:PutObject',
    Resource: `${bucketArn}/${keyPrefix}/*`,
    Condition: { ArnEquals: { 'aws:PrincipalArn': writerRoleArn }, StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control' } },
  };
}

/** Reports are evidence: nobody deletes one; lifecycle expiry (not subject to bucket policies) removes it. */
export function denyReportDeletionStatement(bucketArn: string): PolicyStatement {
  return {
    Sid: 'DenyReportDeletion',
    Effect: 'Deny',
    Principal: '*',
    Action: ['s3:DeleteObject', 's3:DeleteObjectVersion'],
    Resource: `${bucketArn}/*`,
  };
}

export class BackupAuditReports extends Construct {
  readonly bucket: SecureBucket;
  readonly accessLogs: AccessLogBucket;
  readonly plans = new Map<string, BackupReportPlan>();
  readonly replicationRole: IamRole;
  readonly replication: S3BucketReplicationConfigurationA;

  constructor(scope: Construct, id: string, props: BackupAuditReportsProps) {
    super(scope, id);
    const { provider } = props;
    const bucketArn = `arn:aws:s3:::${props.bucketName}`;
    // SSE-S3, not a customer key: Backup Audit Manager would need the key policy to name its
    // service-linked role, which does not exist before the first report.
    // Who read or changed a report is evidence too (its access-log bucket beside it).
    const reports = addLoggedBucket(this, {
      provider,
      id: 'bucket',
      bucketName: props.bucketName,
      // Auditors read exactly as they read the log archive (same statement).
      statements: [
        reportWriterStatement(bucketArn, props.keyPrefix, props.writerRoleArn),
        auditorReadStatement(bucketArn, props.readerAccountIds),
        denyReportDeletionStatement(bucketArn),
      ],
      purpose: 'backup-audit-reports',
      accountId: props.accountId,
      accessLogBucketName: props.accessLogBucketName,
      accessLogRetentionDays: props.accessLogRetentionDays,
      validationWindowDays: props.validationWindowDays,
      lifecycle: { ruleId: 'report-retention', expireAfterDays: props.retentionDays, noncurrentVersionDays: 1 },
    });
    this.accessLogs = reports.accessLogs;
    this.bucket = reports.bucket;
    // The copy in the log archive. SSE-S3 source objects replicate without any KMS permission and land
    // SSE-S3 in the copy bucket (its default encryption); owner override makes the log-archive account
    // the owner of every replica (Amazon S3 User Guide, "Changing the replica owner").
    const copyArn = `arn:aws:s3:::${props.copyTo.bucketName}`;
    this.replicationRole = new IamRole(this, 'replication-role', {
      provider,
      name: props.copyTo.roleName,
      description: 'S3 replication of the Backup Audit Manager reports to the log archive',
      assumeRolePolicy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 's3.amazonaws.com' },
            Action: 'sts:AssumeRole',
            Condition: { StringEquals: { 'aws:SourceAccount': props.accountId } },
          },
        ],
      }),
    });
    const replicationPolicy = new IamRolePolicy(this, 'replication-policy', {
      provider,
      role: this.replicationRole.name,
      name: 'replicate-backup-reports',
      policy: JSON.stringify(reportReplicationPolicy(bucketArn, copyArn, props.keyPrefix)),
    });
    this.replication = new S3BucketReplicationConfigurationA(this, 'replication', {
      provider,
      bucket: this.bucket.bucket.id,
      role: this.replicationRole.arn,
      rule: [
        {
          id: 'reports-to-log-archive',
          status: 'Enabled',
          filter: { prefix: `${props.keyPrefix}/` },
          // Deletions are never replicated (and none are allowed here): the copy keeps every report.
          deleteMarkerReplication: { status: 'Disabled' },
          destination: {
            bucket: copyArn,
            account: props.copyTo.accountId,
            accessControlTranslation: { owner: 'Destination' },
            storageClass: 'STANDARD',
          },
        },
      ],
      dependsOn: [this.bucket.versioning, replicationPolicy],
    });
    for (const report of props.reports) {
      const organizationWide = report.scope === 'organization';
      this.plans.set(
        report.template,
        new BackupReportPlan(this, `plan-${report.template.toLowerCase().replace(/_/g, '-')}`, {
          provider,
          name: report.planName,
          description: report.description,
          // Cross-account and cross-Region reports are CSV only (AWS Backup Developer Guide, "Working with audit reports").
          reportDeliveryChannel: { s3BucketName: props.bucketName, s3KeyPrefix: props.keyPrefix, formats: ['CSV'] },
          reportSetting: organizationWide
            ? { reportTemplate: report.template, accounts: ['ROOT'], regions: [...props.regions] }
            : { reportTemplate: report.template, frameworkArns: [props.frameworkArn], numberOfFrameworks: 1 },
          // The bucket policy must let the role write before the first report is made.
          dependsOn: [this.bucket.policy],
        }),
      );
    }
  }
}

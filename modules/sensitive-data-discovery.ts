// Amazon Macie sensitive data discovery in one Region, run by the Macie delegated administrator (the
// security account): the repository Macie keeps detailed results in (a KMS-encrypted bucket, since
// Macie itself keeps results for 90 days only; security stack) and a scheduled job over every bucket
// of every member account tagged with a patient-data classification (security-organization stack,
// after the designation and every member). See ADR 0704.
import type { Macie2Account } from '@cdktf/provider-aws/lib/macie2-account';
import { Macie2ClassificationExportConfiguration } from '@cdktf/provider-aws/lib/macie2-classification-export-configuration';
import { Macie2ClassificationJob, type Macie2ClassificationJobScheduleFrequency } from '@cdktf/provider-aws/lib/macie2-classification-job';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Construct } from 'constructs';
import {
  CLASSIFICATION_TAG_KEY,
  type DiscoveryJobPlan,
  MONTHLY_RUN_DAY,
  WEEKLY_RUN_DAY,
  macieResultsBucketStatements,
  macieResultsKeyStatement,
} from '../lib/macie';
import type { AccessLogBucket } from './access-log-bucket';
import { addLoggedBucket } from './logged-bucket';
import { ProtectedKmsKey } from './protected-kms-key';
import type { SecureBucket } from './secure-bucket';

export interface MacieResultsRepositoryProps {
  /** Provider of the Region, in the Macie delegated administrator account. */
  readonly provider: AwsProvider;
  /** The Region (Macie's aws:SourceArn names it). */
  readonly region: string;
  /** The delegated administrator account (literal or cross-stack reference): the only account Macie may write results for. */
  readonly accountId: string;
  /** Name of the results bucket (lib/naming.ts macieResultsBucketName). */
  readonly bucketName: string;
  /** Name of the SSE-S3 bucket that receives the results bucket's server access logs (same account and Region). */
  readonly accessLogBucketName: string;
  /** Days the server access logs are kept. */
  readonly accessLogRetentionDays: number;
  /** Days after which access-log objects move to cheaper storage tiers (the log validation window). */
  readonly validationWindowDays: number;
  /** Alias of the key that encrypts the results. */
  readonly keyAliasName: string;
  /**
   * The account's Macie session (aws_macie2_account): the export configuration needs Macie enabled.
   * @default none: Macie is enabled outside this stack
   */
  readonly macieAccount?: Macie2Account;
}

/** Days a replaced or deleted version of a results object is kept. */
export const RESULTS_NONCURRENT_VERSION_DAYS = 90;

/** Where Macie keeps this account's sensitive data discovery results in one Region, and the setting that points Macie at it. */
export class MacieResultsRepository extends Construct {
  readonly key: ProtectedKmsKey;
  readonly accessLogs: AccessLogBucket;
  readonly bucket: SecureBucket;
  readonly exportConfiguration: Macie2ClassificationExportConfiguration;

  constructor(scope: Construct, id: string, props: MacieResultsRepositoryProps) {
    super(scope, id);
    const { provider } = props;
    this.key = new ProtectedKmsKey(this, 'key', {
      provider,
      description: 'Amazon Macie sensitive data discovery results (landing zone)',
      aliasName: props.keyAliasName,
      accountId: props.accountId,
      statements: [macieResultsKeyStatement(props.accountId, props.region)],
    });
    const bucketArn = `arn:aws:s3:::${props.bucketName}`;
    // Results are evidence of where patient data was found and are kept; a replaced version is kept
    // 90 days so that an overwrite can be undone.
    const results = addLoggedBucket(this, {
      provider,
      id: 'results',
      bucketName: props.bucketName,
      kmsKeyArn: this.key.key.arn,
      statements: macieResultsBucketStatements(bucketArn, props.accountId, props.region),
      purpose: 'macie-discovery-results',
      accountId: props.accountId,
      accessLogBucketName: props.accessLogBucketName,
      accessLogRetentionDays: props.accessLogRetentionDays,
      validationWindowDays: props.validationWindowDays,
      lifecycle: { ruleId: 'previous-versions', noncurrentVersionDays: RESULTS_NONCURRENT_VERSION_DAYS },
    });
    this.accessLogs = results.accessLogs;
    this.bucket = results.bucket;
    // Macie checks that it can write with the key when the configuration is saved: key, bucket and
    // bucket policy come first. The setting is the account's own and applies to every job it runs.
    this.exportConfiguration = new Macie2ClassificationExportConfiguration(this, 'export', {
      provider,
      s3Destination: { bucketName: this.bucket.bucket.id, keyPrefix: 'discovery-results/', kmsKeyArn: this.key.key.arn },
      dependsOn: [this.bucket.policy, ...(props.macieAccount ? [props.macieAccount] : [])],
    });
  }
}

export interface SensitiveDataDiscoveryJobProps {
  /** Provider of the Region, in the Macie delegated administrator account. */
  readonly provider: AwsProvider;
  /** Name of the classification job (unique per account and Region). */
  readonly jobName: string;
  /** Which classifications the job selects and how often it runs (lib/macie.ts). */
  readonly plan: DiscoveryJobPlan;
}

/** Macie's scheduleFrequency block for a frequency name. */
export function scheduleFrequency(frequency: DiscoveryJobPlan['frequency']): Macie2ClassificationJobScheduleFrequency {
  switch (frequency) {
    case 'DAILY':
      return { dailySchedule: true };
    case 'WEEKLY':
      return { weeklySchedule: WEEKLY_RUN_DAY };
    case 'MONTHLY':
      return { monthlySchedule: MONTHLY_RUN_DAY };
  }
}

/**
 * The scheduled job. Run by the Macie administrator, it analyses buckets that member accounts own
 * (Amazon Macie User Guide, "Understanding the relationship between Amazon Macie administrator and
 * member accounts"). Bucket criteria are evaluated each time the job runs, so a bucket tagged later in
 * any member account is included from the next run; each scheduled run after the first analyses only
 * objects created or changed since the previous one.
 */
export class SensitiveDataDiscoveryJob extends Construct {
  readonly job: Macie2ClassificationJob;

  constructor(scope: Construct, id: string, props: SensitiveDataDiscoveryJobProps) {
    super(scope, id);
    this.job = new Macie2ClassificationJob(this, 'job', {
      provider: props.provider,
      name: props.jobName,
      description: `Patient data: buckets tagged ${CLASSIFICATION_TAG_KEY} = ${props.plan.classifications.join(' or ')} in every account`,
      jobType: 'SCHEDULED',
      scheduleFrequency: scheduleFrequency(props.plan.frequency),
      initialRun: true,
      samplingPercentage: 100,
      s3JobDefinition: {
        bucketCriteria: {
          includes: {
            and: [
              {
                tagCriterion: {
                  comparator: 'EQ',
                  tagValues: props.plan.classifications.map((value) => ({ key: CLASSIFICATION_TAG_KEY, value })),
                },
              },
            ],
          },
        },
      },
    });
  }
}

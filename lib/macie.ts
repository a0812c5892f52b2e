// Amazon Macie sensitive data discovery for patient data, as data: which buckets the delegated
// administrator's job selects, how often it runs, and the bucket and key policy statements Macie needs
// to write its discovery results (ADR 0704). Pure functions of configuration.
import type { LandingZoneConfig } from './config/schema';
import type { PolicyStatement } from './iam-policy';

/**
 * The tag whose value is a data classification. The organization stack puts it on every account; a
 * trust tags its buckets with it too, and the job selects buckets by it when it runs.
 */
export const CLASSIFICATION_TAG_KEY = 'data-classification';

/** Macie's schedule names (CreateClassificationJob scheduleFrequency) for the config's frequency. */
export type DiscoveryFrequency = 'DAILY' | 'WEEKLY' | 'MONTHLY';

/** Day a weekly job runs, and day of the month a monthly job runs (Macie accepts 1-31). */
export const WEEKLY_RUN_DAY = 'MONDAY';
export const MONTHLY_RUN_DAY = 1;

export interface DiscoveryJobPlan {
  /** Classification values whose buckets the job analyses. */
  readonly classifications: readonly string[];
  readonly frequency: DiscoveryFrequency;
}

/** The discovery job configuration asks for, or none when securityPosture.sensitiveDataDiscovery is absent. */
export function discoveryJobPlan(config: LandingZoneConfig): DiscoveryJobPlan | undefined {
  const discovery = config.securityPosture.sensitiveDataDiscovery;
  if (!discovery) return undefined;
  return { classifications: [...discovery.classifications], frequency: discovery.frequency };
}

/**
 * Where Macie documents the results repository: results are written by macie.amazonaws.com with the
 * account's own identity as aws:SourceAccount and the export configuration or a job as aws:SourceArn,
 * encrypted with a customer managed key the same service may use.
 */
export const MACIE_RESULTS_REFERENCE =
  'https://docs.aws.amazon.com/macie/latest/user/discovery-results-repository-s3.html (Amazon Macie User Guide, "Storing and retaining sensitive data discovery results")';

/** The aws:SourceArn values Macie sends when it writes results for the account in the Region. */
export function macieResultsSourceArns(accountId: string, region: string): string[] {
  return [`arn:aws:macie2:${region}:${accountId}:export-configuration:*`, `arn:aws:macie2:${region}:${accountId}:classification-job/*`];
}

const macieCondition = (accountId: string, region: string) => ({
  StringEquals: { 'aws:SourceAccount': accountId },
  ArnLike: { 'aws:SourceArn': macieResultsSourceArns(accountId, region) },
});

/** Bucket policy statements that let Macie, for this account only, locate the bucket and add result objects. */
export function macieResultsBucketStatements(bucketArn: string, accountId: string, region: string): PolicyStatement[] {
  return [
    {
      Sid: 'MacieGetBucketLocation',
      Effect: 'Allow',
      Principal: { Service: 'macie.amazonaws.com' },
      Action: 's3:GetBucketLocation',
      Resource: bucketArn,
      Condition: macieCondition(accountId, region),
    },
    {
      Sid: 'MaciePutResults',
      Effect: 'Allow',
      Principal: { Service: 'macie.amazonaws.com' },
      Action: 's3:PutObject',
      Resource: `${bucketArn}/*`,
      Condition: macieCondition(accountId, region),
    },
    // Results arrive encrypted with the repository key only (the documented policy's deny statements).
    {
      Sid: 'DenyResultsNotEncryptedWithKms',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:PutObject',
      Resource: `${bucketArn}/*`,
      Condition: { StringNotEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' } },
    },
  ];
}

/** Key policy statement that lets Macie, for this account only, encrypt the results it writes. */
export function macieResultsKeyStatement(accountId: string, region: string): PolicyStatement {
  return {
    Sid: 'MacieEncryptsDiscoveryResults',
    Effect: 'Allow',
    Principal: { Service: 'macie.amazonaws.com' },
    Action: ['kms:GenerateDataKey', 'kms:Encrypt'],
    Resource: '*',
    Condition: macieCondition(accountId, region),
  };
}

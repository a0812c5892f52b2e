// Names that several stacks and the guardrails must agree on. They are derived from configuration
// only, so that a stack never needs another stack's outputs to know a bucket or role name, and so
// that the guardrail policies can protect them by pattern.
import { regionCode } from './config/model';
import type { LandingZoneConfig } from './config/schema';

/** Log buckets in the log-archive account, one set per Region. */
export type LogBucketPurpose = 'cloudtrail' | 'config' | 'network';

/** Every S3 bucket the landing zone owns starts with this, so guardrails can protect them by ARN. */
export function landingZoneBucketPrefix(config: LandingZoneConfig): string {
  return `${config.organization.namePrefix}-lz-`;
}

/*
 * Log bucket names carry the log-archive account ID: S3 names are global, and a name derived from
 * configuration alone could be taken by anyone first, failing the log-archive stack on its first
 * apply. The account ID keeps the name deterministic (every stack derives it without reading another
 * stack's outputs) and unique to this estate. For an account the organization stack creates, the ID
 * is that stack's output; every stack that names a log bucket already depends on the organization
 * stack (it needs the same ID for the log key), so no new dependency and no loop.
 * Longest form: 20-character prefix + "-lz-cloudtrail-logs-" + 12 digits + "-" + Region code stays
 * within S3's 63 characters.
 */
export function logBucketName(config: LandingZoneConfig, purpose: LogBucketPurpose, region: string, logArchiveAccountId: string): string {
  return `${landingZoneBucketPrefix(config)}${purpose}-logs-${logArchiveAccountId}-${regionCode(region)}`;
}

/** Server access logs of the log buckets, in the log-archive account (same naming as the log buckets). */
export function accessLogBucketName(config: LandingZoneConfig, region: string, logArchiveAccountId: string): string {
  return `${landingZoneBucketPrefix(config)}access-logs-${logArchiveAccountId}-${regionCode(region)}`;
}

/**
 * Server access logs of the Terraform state bucket, in the management account beside it (S3 server
 * access logging delivers only within one account). Longest form: 20 + 24 + 12 = 56 characters.
 */
export function stateAccessLogBucketName(config: LandingZoneConfig): string {
  return `${landingZoneBucketPrefix(config)}tfstate-access-logs-${config.managementAccount.accountId}`;
}

/** Alias of the log-archive KMS key in each Region (the same alias name in both). */
export function logKeyAliasName(config: LandingZoneConfig): string {
  return `alias/${config.organization.namePrefix}-lz-logs`;
}

/**
 * IAM roles the landing zone creates in accounts (Config, flow logs, plan roles, replication...)
 * are named with this prefix, so baseline protection can deny changes to them by ARN pattern.
 */
export const LANDING_ZONE_ROLE_PREFIX = 'lz-';

export function landingZoneRoleName(purpose: string): string {
  return `${LANDING_ZONE_ROLE_PREFIX}${purpose}`;
}

/**
 * The role service-managed StackSets run as in every target account: AWS creates one named
 * `stacksets-exec-<hash>` through the AWSServiceRoleForCloudFormationStackSetsOrgMember
 * service-linked role (CloudFormation User Guide, "Activate trusted access for StackSets with
 * AWS Organizations"). It is an ordinary role, so SCPs apply to it; Control Tower's own
 * guardrails exempt it by this same pattern.
 */
export const STACKSETS_EXECUTION_ROLE_PATTERN = 'stacksets-exec-*';

/** The one principal the break-glass role trusts (roles.breakGlassPrincipal, or its default user). */
export function breakGlassPrincipalArn(config: LandingZoneConfig): string {
  return config.roles.breakGlassPrincipal ?? `arn:aws:iam::${config.managementAccount.accountId}:user/lz-break-glass`;
}

/**
 * The permissions boundary every workload account holds (a customer managed policy at path /), which
 * the workload permission sets and every role their users create are capped by (lib/access/boundary.ts).
 * Named with the landing-zone prefix, so the boundary itself forbids changing it.
 */
export const WORKLOAD_BOUNDARY_POLICY_NAME = `${LANDING_ZONE_ROLE_PREFIX}workload-boundary`;
/** Stack of the backup account (central vaults), present only with the backup section of configuration. */
export const BACKUP_STACK_NAME = 'backup';

/** Stack of the permission-set catalogue (security account), present only with the access section of configuration. */
export const IDENTITY_STACK_NAME = 'identity';

/** Name prefix of the account-assignment shard stacks (ADR 0510). */
export const IDENTITY_ASSIGNMENTS_STACK_PREFIX = 'identity-assignments-';

/** Stack holding the Identity Center account assignments of one shard (0-based), such as identity-assignments-03. */
export function identityAssignmentsStackName(shard: number): string {
  return `${IDENTITY_ASSIGNMENTS_STACK_PREFIX}${String(shard).padStart(2, '0')}`;
}

/**
 * Repository of Amazon Macie's sensitive data discovery results in the security account (the Macie
 * delegated administrator), one per Region. Longest form: 20 + 4 + 14 + 12 + 1 + Region code stays
 * within S3's 63 characters.
 */
export function macieResultsBucketName(config: LandingZoneConfig, region: string, securityAccountId: string): string {
  return `${landingZoneBucketPrefix(config)}macie-results-${securityAccountId}-${regionCode(region)}`;
}

/** Alias of the key that encrypts Macie's discovery results in the security account (one per Region). */
export function macieResultsKeyAliasName(config: LandingZoneConfig): string {
  return `alias/${config.organization.namePrefix}-lz-macie-results`;
}

/** Server access logs of the Macie results bucket, beside it in the security account (one per Region). */
export function securityAccessLogBucketName(config: LandingZoneConfig, region: string, securityAccountId: string): string {
  return `${landingZoneBucketPrefix(config)}sec-access-logs-${securityAccountId}-${regionCode(region)}`;
}

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

export function logBucketName(config: LandingZoneConfig, purpose: LogBucketPurpose, region: string): string {
  return `${landingZoneBucketPrefix(config)}${purpose}-logs-${regionCode(region)}`;
}

export function accessLogBucketName(config: LandingZoneConfig, region: string): string {
  return `${landingZoneBucketPrefix(config)}access-logs-${regionCode(region)}`;
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

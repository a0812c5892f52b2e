// Helpers every guardrail shares: the exempt principals and the exact text AWS receives.
import type { LandingZoneConfig } from '../lib/config/schema';
import type { PolicyDocument } from '../lib/iam-policy';
import { STACKSETS_EXECUTION_ROLE_PATTERN } from '../lib/naming';
import { PLAN_READONLY_ROLE } from '../lib/delivery/pipeline-policies';

/** Role ARN pattern in any account of the organization; roles are created without a path. */
export function roleArnPattern(roleName: string): string {
  return `arn:aws:iam::*:role/${roleName}`;
}

/** The execution role (deploys every stack) and the break-glass role: the only exemptions, ever. */
export function exemptRoleArns(config: LandingZoneConfig): string[] {
  return [roleArnPattern(config.roles.execution), roleArnPattern(config.roles.breakGlass)];
}

/** Only the execution role: for controls the break-glass role has no business bypassing. */
export function executionRoleArn(config: LandingZoneConfig): string[] {
  return [roleArnPattern(config.roles.execution)];
}

/**
 * The role service-managed StackSets run as in each member account (stacksets-exec-<hash>). It
 * creates and updates the execution role, so the guardrails that protect landing-zone roles must
 * let it through; AWS Control Tower exempts it by the same pattern. Only the StackSets service can
 * assume it (its trust is the management account's StackSets service-linked role), and baseline
 * protection stops anyone else creating or changing a role of that name.
 */
export function stackSetsExecutionRoleArn(): string {
  return roleArnPattern(STACKSETS_EXECUTION_ROLE_PATTERN);
}

/** The read-only plan role every account gets (its identity policy is ReadOnlyAccess minus data reads). */
export function planReadOnlyRoleArn(): string {
  return roleArnPattern(PLAN_READONLY_ROLE);
}

/** Condition fragment that leaves the given roles out of a Deny statement. */
export function unlessPrincipal(arns: readonly string[]): { ArnNotLike: { 'aws:PrincipalArn': string[] } } {
  return { ArnNotLike: { 'aws:PrincipalArn': [...arns] } };
}

/**
 * The exact `content` string submitted to AWS Organizations. The 5,120-character limit counts
 * whitespace, so this is minified JSON; every size check measures this string and nothing else.
 */
export function policyContent(document: PolicyDocument): string {
  return JSON.stringify(document);
}

/** AWS Organizations limits for SCPs and RCPs (Organizations quotas, fixed; not adjustable). */
export const MAX_POLICY_CHARACTERS = 5120;
export const MAX_POLICIES_PER_TARGET = 5;

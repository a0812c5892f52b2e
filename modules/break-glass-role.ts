// The break-glass role in one account: for when the pipeline or IAM Identity Center cannot be used and
// production is at risk (docs/delivery.md, "Break-glass"). It is exempt from the guardrails like the
// execution role, so it is the most powerful identity in the estate: only one named management-account
// principal may assume it, only with MFA, for at most an hour, and every use and every failed attempt
// raises an alarm (management stack, metric filters on the organization trail).
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Construct } from 'constructs';
import type { PolicyDocument } from '../lib/iam-policy';

export interface BreakGlassRoleProps {
  /** IAM is global: the home Region's provider. */
  readonly provider: AwsProvider;
  /** Name of the role (roles.breakGlass); every guardrail exempts exactly this name. */
  readonly roleName: string;
  /** The management account, whose principal alone may assume the role. */
  readonly managementAccountId: string;
  /** The one principal the trust names (roles.breakGlassPrincipal): an IAM user that signs in with MFA. */
  readonly trustedPrincipalArn: string;
  /**
   * Longest session, in seconds; also the longest time since the MFA sign-in.
   * @default 3600
   */
  readonly maxSessionSeconds?: number;
}

export const BREAK_GLASS_POLICY_ARN = 'arn:aws:iam::aws:policy/AdministratorAccess';
export const BREAK_GLASS_DEFAULT_SESSION_SECONDS = 3600;

/**
 * Trust: the management account, narrowed by aws:PrincipalArn to the named principal (so the trust can
 * be created before that user exists and survives its re-creation), with MFA present and recent.
 */
export function breakGlassTrustPolicy(
  managementAccountId: string,
  trustedPrincipalArn: string,
  maxSessionSeconds: number = BREAK_GLASS_DEFAULT_SESSION_SECONDS,
): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'NamedPrincipalWithMfaOnly',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${managementAccountId}:root` },
        Action: 'sts:AssumeRole',
        Condition: {
          ArnEquals: { 'aws:PrincipalArn': trustedPrincipalArn },
          Bool: { 'aws:MultiFactorAuthPresent': 'true' },
          NumericLessThan: { 'aws:MultiFactorAuthAge': String(maxSessionSeconds) },
        },
      },
    ],
  };
}

export class BreakGlassRole extends Construct {
  readonly role: IamRole;

  constructor(scope: Construct, id: string, props: BreakGlassRoleProps) {
    super(scope, id);
    const maxSessionSeconds = props.maxSessionSeconds ?? BREAK_GLASS_DEFAULT_SESSION_SECONDS;
    this.role = new IamRole(this, 'role', {
      provider: props.provider,
      name: props.roleName,
      description: 'Break-glass: emergencies only; MFA from one named management-account principal; every use is alarmed',
      assumeRolePolicy: JSON.stringify(breakGlassTrustPolicy(props.managementAccountId, props.trustedPrincipalArn, maxSessionSeconds)),
      maxSessionDuration: maxSessionSeconds,
      // Losing it in an incident is the failure it exists to prevent.
      lifecycle: { preventDestroy: true },
    });
    new IamRolePolicyAttachment(this, 'administrator-access', {
      provider: props.provider,
      role: this.role.name,
      policyArn: BREAK_GLASS_POLICY_ARN,
      lifecycle: { preventDestroy: true },
    });
  }
}

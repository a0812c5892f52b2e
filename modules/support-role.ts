// A role for working cases with AWS Support (CIS 1.17, Security Hub IAM.18): AWSSupportAccess only,
// assumable from the management account, whose administrators decide who may use it there. It
// grants no access to data.
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Construct } from 'constructs';
import { AWS_SUPPORT_ACCESS_POLICY_ARN } from '../lib/account-baseline';
import { landingZoneRoleName } from '../lib/naming';

/** Name of the support role in every account. */
export const SUPPORT_ROLE_NAME = landingZoneRoleName('aws-support');

export interface SupportRoleProps {
  /** IAM is global: the home Region's provider. */
  readonly provider: AwsProvider;
  /** The management account, whose principals (with MFA) may assume the role. */
  readonly managementAccountId: string;
}

export class SupportRole extends Construct {
  readonly role: IamRole;

  constructor(scope: Construct, id: string, props: SupportRoleProps) {
    super(scope, id);
    this.role = new IamRole(this, 'role', {
      provider: props.provider,
      name: SUPPORT_ROLE_NAME,
      description: 'Opens and manages AWS Support cases (AWSSupportAccess only); assumable from the management account with MFA',
      maxSessionDuration: 3600,
      assumeRolePolicy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: `arn:aws:iam::${props.managementAccountId}:root` },
            Action: 'sts:AssumeRole',
            Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
          },
        ],
      }),
    });
    new IamRolePolicyAttachment(this, 'support-access', {
      provider: props.provider,
      role: this.role.name,
      policyArn: AWS_SUPPORT_ACCESS_POLICY_ARN,
    });
  }
}

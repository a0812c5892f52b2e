// The read-only role that pull-request plans use in an account. Pull-request code runs during
// synth, so plans must never hold the execution role: this role can read configuration (what
// `terraform plan` refreshes) and nothing that is data, and only the pipeline's plan role in the
// management account may assume it. It is not exempt from any guardrail.
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Construct } from 'constructs';
import type { LandingZoneConfig } from '../lib/config/schema';
import {
  PLAN_READONLY_ROLE,
  planReadOnlyDenyPolicy,
  planReadOnlyTrustPolicy,
  READ_ONLY_ACCESS_POLICY_ARN,
} from '../lib/delivery/pipeline-policies';

export interface PlanRoleProps {
  /** IAM is global: one provider (the home Region's) is enough. */
  readonly provider: AwsProvider;
  readonly config: LandingZoneConfig;
}

export class PlanRole extends Construct {
  readonly role: IamRole;

  constructor(scope: Construct, id: string, props: PlanRoleProps) {
    super(scope, id);
    const { provider, config } = props;
    this.role = new IamRole(this, 'role', {
      provider,
      name: PLAN_READONLY_ROLE,
      description: 'Read-only role for pull-request terraform plan; assumable only by the pipeline plan role',
      assumeRolePolicy: JSON.stringify(planReadOnlyTrustPolicy(config.managementAccount.accountId)),
      maxSessionDuration: 3600,
    });
    new IamRolePolicyAttachment(this, 'read-only-access', { provider, role: this.role.name, policyArn: READ_ONLY_ACCESS_POLICY_ARN });
    new IamRolePolicy(this, 'deny-data-reads', {
      provider,
      role: this.role.name,
      name: 'deny-data-reads',
      policy: JSON.stringify(planReadOnlyDenyPolicy(config)),
    });
  }
}

// The delivery pipeline's identities (management account): GitHub's OIDC provider, the plan role
// that pull requests use and the apply role that only the protected deploy environment uses.
// See docs/delivery.md and docs/decisions/0500-pipeline-identities.md.
import { IamOpenidConnectProvider } from '@cdktf/provider-aws/lib/iam-openid-connect-provider';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import type { Construct } from 'constructs';
import type { LandingZoneConfig } from '../lib/config/schema';
import {
  ADMINISTRATOR_ACCESS_POLICY_ARN,
  GITHUB_OIDC_AUDIENCE,
  GITHUB_OIDC_HOST,
  githubSubjects,
  githubTrustPolicy,
  PIPELINE_APPLY_ROLE,
  PIPELINE_PLAN_ROLE,
  pipelineApplyGuardPolicy,
  pipelinePlanPolicy,
} from '../lib/delivery/pipeline-policies';
import { LandingZoneStack, managementAccountTarget } from './landing-zone-stack';

export interface PipelineStackProps {
  readonly config: LandingZoneConfig;
  /** Organization ID (from the organization stack): the apply role reaches only its accounts. */
  readonly organizationId: string;
}

export class PipelineStack extends LandingZoneStack {
  readonly oidcProvider: IamOpenidConnectProvider;
  readonly planRole: IamRole;
  readonly applyRole: IamRole;

  constructor(scope: Construct, id: string, props: PipelineStackProps) {
    const { config } = props;
    super(scope, id, { config, target: managementAccountTarget(config) });
    const pipeline = config.pipeline;
    if (!pipeline) throw new Error('PipelineStack needs pipeline configuration; buildApp omits the stack without it');
    const subjects = githubSubjects(pipeline);

    // No thumbprint: AWS validates GitHub's certificate against its own trusted CAs.
    this.oidcProvider = new IamOpenidConnectProvider(this, 'github-oidc', {
      url: `https://${GITHUB_OIDC_HOST}`,
      clientIdList: [GITHUB_OIDC_AUDIENCE],
    });

    this.planRole = new IamRole(this, 'plan-role', {
      name: PIPELINE_PLAN_ROLE,
      description: `terraform plan for pull requests and drift detection of ${pipeline.githubRepository}; reads state, assumes only read-only plan roles`,
      // Pull requests, and the scheduled drift detection that runs on main (docs/delivery.md, Drift).
      assumeRolePolicy: JSON.stringify(githubTrustPolicy(this.oidcProvider.arn, [subjects.pullRequest, subjects.mainBranch])),
      maxSessionDuration: 3600,
    });
    new IamRolePolicy(this, 'plan-role-policy', {
      role: this.planRole.name,
      name: 'plan',
      policy: JSON.stringify(pipelinePlanPolicy(config, props.organizationId)),
    });

    this.applyRole = new IamRole(this, 'apply-role', {
      name: PIPELINE_APPLY_ROLE,
      description: `deploys the landing zone from ${pipeline.githubRepository} environment ${pipeline.deployEnvironment} (main only)`,
      assumeRolePolicy: JSON.stringify(githubTrustPolicy(this.oidcProvider.arn, subjects.deployEnvironment)),
      maxSessionDuration: 7200,
    });
    // The management-account stacks (organization, management, pipeline) run as this role itself.
    new IamRolePolicyAttachment(this, 'apply-role-admin', { role: this.applyRole.name, policyArn: ADMINISTRATOR_ACCESS_POLICY_ARN });
    new IamRolePolicy(this, 'apply-role-guard', {
      role: this.applyRole.name,
      name: 'execution-role-guard',
      policy: JSON.stringify(pipelineApplyGuardPolicy(config, props.organizationId)),
    });
  }
}

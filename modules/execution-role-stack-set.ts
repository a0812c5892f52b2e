// The execution role in every member account, deployed by a service-managed CloudFormation StackSet
// from the management account (docs/decisions/0004-execution-role-stack-set.md). AWS Organizations'
// own OrganizationAccountAccessRole cannot serve: its trust does not allow sts:SetSourceIdentity, so
// the deploy pipeline's attributable sessions could never assume it, and invited accounts do not
// have it at all. Auto-deployment gives every account that joins any OU the role within minutes,
// with no per-account step.
import { CloudformationStackSet } from '@cdktf/provider-aws/lib/cloudformation-stack-set';
import { CloudformationStackSetInstance } from '@cdktf/provider-aws/lib/cloudformation-stack-set-instance';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';

export interface ExecutionRoleStackSetProps {
  readonly provider: AwsProvider;
  /** Name of the role to create in every member account (roles.execution). */
  readonly roleName: string;
  readonly managementAccountId: string;
  /** The organization root: every OU below it, present and future, gets the role. */
  readonly organizationRootId: string;
  /** Region the StackSet instances are managed from (IAM is global, so one Region suffices). */
  readonly region: string;
  /** Trusted access for StackSets must be enabled on the organization first. */
  readonly dependsOn: ITerraformDependable[];
}

export const STACK_SET_NAME = 'lz-execution-role';

/** The CloudFormation template: one role, trusted by the management account, allowed to carry a source identity. */
export function executionRoleTemplate(roleName: string, managementAccountId: string): string {
  return JSON.stringify({
    AWSTemplateFormatVersion: '2010-09-09',
    Description: 'Landing-zone execution role: the only role the deploy pipeline and the member-account stacks assume.',
    Resources: {
      ExecutionRole: {
        Type: 'AWS::IAM::Role',
        Properties: {
          RoleName: roleName,
          Description:
            'Assumed from the management account by the landing-zone apply role and administrators; sessions carry a source identity.',
          MaxSessionDuration: 3600,
          AssumeRolePolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              {
                Sid: 'ManagementAccountWithSourceIdentity',
                Effect: 'Allow',
                Principal: { AWS: `arn:aws:iam::${managementAccountId}:root` },
                // SetSourceIdentity: the deploy pipeline's sessions carry actor and commit, and AWS
                // refuses a chained AssumeRole with a source identity unless the trust allows it.
                Action: ['sts:AssumeRole', 'sts:SetSourceIdentity', 'sts:TagSession'],
              },
            ],
          },
          ManagedPolicyArns: ['arn:aws:iam::aws:policy/AdministratorAccess'],
          Tags: [{ Key: 'managed-by', Value: 'landing-zone' }],
        },
      },
    },
  });
}

export class ExecutionRoleStackSet extends Construct {
  readonly stackSet: CloudformationStackSet;
  readonly instance: CloudformationStackSetInstance;

  constructor(scope: Construct, id: string, props: ExecutionRoleStackSetProps) {
    super(scope, id);
    this.stackSet = new CloudformationStackSet(this, 'stack-set', {
      provider: props.provider,
      name: STACK_SET_NAME,
      description: 'Creates the landing-zone execution role in every member account',
      permissionModel: 'SERVICE_MANAGED',
      autoDeployment: { enabled: true, retainStacksOnAccountRemoval: true },
      capabilities: ['CAPABILITY_NAMED_IAM'],
      managedExecution: { active: true },
      operationPreferences: { maxConcurrentPercentage: 100, failureTolerancePercentage: 10, regionConcurrencyType: 'PARALLEL' },
      templateBody: executionRoleTemplate(props.roleName, props.managementAccountId),
      dependsOn: props.dependsOn,
      lifecycle: {
        // Deleting the StackSet would delete the execution role in every account.
        preventDestroy: true,
        // AWS fills this in for service-managed StackSets; it is not ours to set.
        ignoreChanges: ['administration_role_arn'],
      },
    });
    this.instance = new CloudformationStackSetInstance(this, 'instances', {
      provider: props.provider,
      stackSetName: this.stackSet.name,
      region: props.region,
      deploymentTargets: { organizationalUnitIds: [props.organizationRootId] },
      // Keep the role in an account even if the instance is ever removed from Terraform.
      retainStack: true,
      lifecycle: { preventDestroy: true },
    });
  }
}

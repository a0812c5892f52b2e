// Human access (security account, IAM Identity Center delegated administrator): the permission-set
// catalogue of access.permissionSets and one account assignment per group, permission set and account
// that lib/access/assignments.ts expands from configuration. The instance and the groups exist already
// (enabled by hand, provisioned by SCIM), so both are configuration values and nothing is looked up at
// plan time. Runs after every workload stack: a workload permission set is provisioned only into an
// account that already holds the workload boundary its stack creates.
import { SsoadminAccountAssignment } from '@cdktf/provider-aws/lib/ssoadmin-account-assignment';
import type { Construct } from 'constructs';
import { expandAssignments } from '../lib/access/assignments';
import type { LandingZoneConfig, WorkloadAccountConfig } from '../lib/config/schema';
import type { PolicyDocument } from '../lib/iam-policy';
import { WORKLOAD_BOUNDARY_POLICY_NAME } from '../lib/naming';
import { PermissionSet } from '../modules/permission-set';
import { LandingZoneStack } from './landing-zone-stack';

export interface IdentityStackProps {
  readonly config: LandingZoneConfig;
  readonly accounts: readonly WorkloadAccountConfig[];
  /** The security account (delegated administrator of sso.amazonaws.com): literal or reference. */
  readonly accountId: string;
  /** ID of an account by name (literal for adopted accounts, else the organization stack's reference). */
  readonly accountIdOf: (name: string) => string;
}

/** Construct ID of one assignment: stable for a group, permission set and account, whatever else changes. */
export function assignmentId(group: string, permissionSet: string, account: string): string {
  return `assignment-${account}-${permissionSet}-${group}`.replace(/[^A-Za-z0-9-]/g, '-');
}

export class IdentityStack extends LandingZoneStack {
  readonly permissionSets = new Map<string, PermissionSet>();
  readonly assignments: SsoadminAccountAssignment[] = [];

  constructor(scope: Construct, id: string, props: IdentityStackProps) {
    const { config } = props;
    // Not a MemberAccountStack: the security stack already holds this account's baseline.
    super(scope, id, { config, target: { accountId: props.accountId, assumeExecutionRole: true } });
    const access = config.access;
    if (!access) throw new Error('the identity stack needs the access section of the configuration');
    const instanceArn = access.identityCenter.instanceArn;

    for (const set of access.permissionSets) {
      this.permissionSets.set(
        set.name,
        new PermissionSet(this, `permission-set-${set.name}`, {
          provider: this.homeProvider,
          instanceArn,
          name: set.name,
          description: set.description,
          sessionHours: set.sessionHours,
          managedPolicyArns: set.managedPolicies,
          inlinePolicy: set.inlinePolicy as PolicyDocument | undefined,
          boundaryPolicyName: set.workloadBoundary ? WORKLOAD_BOUNDARY_POLICY_NAME : undefined,
        }),
      );
    }

    for (const row of expandAssignments(config, props.accounts)) {
      const set = this.permissionSets.get(row.permissionSet)!;
      this.assignments.push(
        new SsoadminAccountAssignment(this, assignmentId(row.group, row.permissionSet, row.account), {
          provider: this.homeProvider,
          instanceArn,
          permissionSetArn: set.permissionSet.arn,
          principalType: 'GROUP',
          principalId: row.groupId,
          targetType: 'AWS_ACCOUNT',
          targetId: props.accountIdOf(row.account),
          dependsOn: set.grants,
        }),
      );
    }
  }
}

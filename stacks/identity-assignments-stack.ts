// Identity Center account assignments of one shard (security account, the delegated administrator):
// the rows of lib/access/assignments.ts whose account hashes to this shard (assignmentShardOf). The
// permission sets stay in the identity stack and are read here by cross-stack reference. Sharding
// keeps a vend's plan small at any estate size: a new account adds rows to one shard only
// (docs/decisions/0510-identity-assignment-shards.md). Runs after the identity stack and after the
// workload stacks of its accounts: a workload permission set is provisioned into an account when it
// is first assigned there, and needs the workload boundary that account's stack creates.
import { SsoadminAccountAssignment } from '@cdktf/provider-aws/lib/ssoadmin-account-assignment';
import { TerraformLocal } from 'cdktf';
import type { Construct } from 'constructs';
import type { ExpandedAssignment } from '../lib/access/assignments';
import type { LandingZoneConfig } from '../lib/config/schema';
import { LandingZoneStack } from './landing-zone-stack';

export interface IdentityAssignmentsStackProps {
  readonly config: LandingZoneConfig;
  /** This shard's assignment rows (already filtered by assignmentShardOf). */
  readonly rows: readonly ExpandedAssignment[];
  /** The security account (delegated administrator of sso.amazonaws.com): literal or reference. */
  readonly accountId: string;
  /** ID of an account by name (literal for adopted accounts, else the organization stack's reference). */
  readonly accountIdOf: (name: string) => string;
  /** ARN of a permission set by name (the identity stack's resource: a cross-stack reference). */
  readonly permissionSetArnOf: (name: string) => string;
}

/** Construct ID of one assignment: stable for a group, permission set and account, whatever else changes. */
export function assignmentId(group: string, permissionSet: string, account: string): string {
  return `assignment-${account}-${permissionSet}-${group}`.replace(/[^A-Za-z0-9-]/g, '-');
}

export class IdentityAssignmentsStack extends LandingZoneStack {
  readonly assignments: SsoadminAccountAssignment[] = [];

  constructor(scope: Construct, id: string, props: IdentityAssignmentsStackProps) {
    const { config } = props;
    // Not a MemberAccountStack: the security stack already holds this account's baseline.
    super(scope, id, { config, target: { accountId: props.accountId, assumeExecutionRole: true } });
    const access = config.access;
    if (!access) throw new Error('the identity assignment stacks need the access section of the configuration');
    // Every shard reads every permission set's ARN, assigned here or not, so that the identity stack's
    // cross-stack outputs are the whole catalogue: the first assignment anywhere of a set nobody held
    // before does not edit identity, and a vend plans four stacks, not five (ADR 0510).
    new TerraformLocal(
      this,
      'permission-set-arns',
      Object.fromEntries(access.permissionSets.map((set) => [set.name, props.permissionSetArnOf(set.name)])),
    );
    for (const row of props.rows) {
      this.assignments.push(
        new SsoadminAccountAssignment(this, assignmentId(row.group, row.permissionSet, row.account), {
          provider: this.homeProvider,
          instanceArn: access.identityCenter.instanceArn,
          permissionSetArn: props.permissionSetArnOf(row.permissionSet),
          principalType: 'GROUP',
          principalId: row.groupId,
          targetType: 'AWS_ACCOUNT',
          targetId: props.accountIdOf(row.account),
        }),
      );
    }
  }
}

// Human access (security account, IAM Identity Center delegated administrator): the permission-set
// catalogue of access.permissionSets. The account assignments live in the identity-assignments-<nn>
// shard stacks, which read these permission sets' ARNs by cross-stack reference, so that vending an
// account never plans this stack (docs/decisions/0510-identity-assignment-shards.md). The instance
// and the groups exist already (enabled by hand, provisioned by SCIM), so both are configuration
// values and nothing is looked up at plan time.
import type { Construct } from 'constructs';
import type { LandingZoneConfig } from '../lib/config/schema';
import type { PolicyDocument } from '../lib/iam-policy';
import { WORKLOAD_BOUNDARY_POLICY_NAME } from '../lib/naming';
import { PermissionSet } from '../modules/permission-set';
import { LandingZoneStack } from './landing-zone-stack';

export { assignmentId } from './identity-assignments-stack';

export interface IdentityStackProps {
  readonly config: LandingZoneConfig;
  /** The security account (delegated administrator of sso.amazonaws.com): literal or reference. */
  readonly accountId: string;
}

export class IdentityStack extends LandingZoneStack {
  readonly permissionSets = new Map<string, PermissionSet>();

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
  }
}

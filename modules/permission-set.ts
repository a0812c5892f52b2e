// One IAM Identity Center permission set with everything it grants: its AWS managed policies, its one
// inline policy and, for workload permission sets, the workload boundary (a customer managed policy
// that each workload stack creates under the same name, as Identity Center requires). Identity Center
// provisions the set into an account as the role AWSReservedSSO_<name>_<suffix> when an assignment
// names it, and re-provisions it when an attachment changes (the provider's attachments do that).
import { SsoadminManagedPolicyAttachment } from '@cdktf/provider-aws/lib/ssoadmin-managed-policy-attachment';
import { SsoadminPermissionSet } from '@cdktf/provider-aws/lib/ssoadmin-permission-set';
import { SsoadminPermissionSetInlinePolicy } from '@cdktf/provider-aws/lib/ssoadmin-permission-set-inline-policy';
import { SsoadminPermissionsBoundaryAttachment } from '@cdktf/provider-aws/lib/ssoadmin-permissions-boundary-attachment';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import type { PolicyDocument } from '../lib/iam-policy';

export interface PermissionSetProps {
  /** Provider in the Identity Center instance's Region, in the delegated administrator account. */
  readonly provider: AwsProvider;
  /** ARN of the organization instance (access.identityCenter.instanceArn). */
  readonly instanceArn: string;
  /** Permission-set name, 1-32 characters. */
  readonly name: string;
  /** What the set is for; shown in the access portal. */
  readonly description: string;
  /** Longest session in whole hours, 1-12. */
  readonly sessionHours: number;
  /** AWS managed policy ARNs to attach. */
  readonly managedPolicyArns: readonly string[];
  /**
   * The one inline policy.
   * @default none
   */
  readonly inlinePolicy?: PolicyDocument;
  /**
   * Name of a customer managed policy (path /) to use as permissions boundary; it must exist in every
   * account the set is assigned to.
   * @default no boundary
   */
  readonly boundaryPolicyName?: string;
}

export class PermissionSet extends Construct {
  readonly permissionSet: SsoadminPermissionSet;
  /** What grants the set's permissions: assignments depend on these, so the first provisioning carries them. */
  readonly grants: ITerraformDependable[] = [];

  constructor(scope: Construct, id: string, props: PermissionSetProps) {
    super(scope, id);
    const { provider, instanceArn } = props;
    this.permissionSet = new SsoadminPermissionSet(this, 'permission-set', {
      provider,
      instanceArn,
      name: props.name,
      description: props.description,
      sessionDuration: `PT${props.sessionHours}H`,
    });
    const permissionSetArn = this.permissionSet.arn;
    props.managedPolicyArns.forEach((managedPolicyArn) => {
      this.grants.push(
        new SsoadminManagedPolicyAttachment(this, `managed-${managedPolicyArn.split('/').pop()}`, {
          provider,
          instanceArn,
          permissionSetArn,
          managedPolicyArn,
        }),
      );
    });
    if (props.inlinePolicy) {
      this.grants.push(
        new SsoadminPermissionSetInlinePolicy(this, 'inline-policy', {
          provider,
          instanceArn,
          permissionSetArn,
          inlinePolicy: JSON.stringify(props.inlinePolicy),
        }),
      );
    }
    if (props.boundaryPolicyName) {
      this.grants.push(
        new SsoadminPermissionsBoundaryAttachment(this, 'boundary', {
          provider,
          instanceArn,
          permissionSetArn,
          permissionsBoundary: { customerManagedPolicyReference: { name: props.boundaryPolicyName, path: '/' } },
        }),
      );
    }
  }
}

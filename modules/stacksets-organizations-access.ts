// StackSets trusted access, activated the way AWS asks: through CloudFormation's
// ActivateOrganizationsAccess, not only through Organizations' EnableAWSServiceAccess (CloudFormation
// User Guide, "Activate trusted access for StackSets with AWS Organizations": "we strongly recommend
// that you use the CloudFormation console or API"; users report service-managed CreateStackSet failing
// with "You must enable organizations access to operate a service managed stack set" otherwise).
// Provider 5.100 has no resource for it, so this is a terraform_data whose local-exec runs the AWS CLI
// once, before the StackSet, with the same credentials as the management-account provider
// (docs/decisions/0006-organization-adoption-and-trusted-access.md). It is idempotent: it activates
// only when DescribeOrganizationsAccess does not already say ENABLED, and it refuses to run in any
// account but the management account (as the provider's allowed_account_ids does).
import { DataResource, type ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';

export interface StackSetsOrganizationsAccessProps {
  /** The management account: the command stops if the CLI's credentials belong to another account. */
  readonly managementAccountId: string;
  /** Region the CloudFormation API is called in (the StackSet's Region). */
  readonly region: string;
  /** The organization ID (or a reference to it): a new organization runs the activation again. */
  readonly organizationId: string;
  /** The organization must exist first. */
  readonly dependsOn: ITerraformDependable[];
}

/** The shell command: idempotent, and bound to the management account. */
export function activateOrganizationsAccessCommand(managementAccountId: string, region: string): string {
  return [
    'set -eu',
    `account=$(aws sts get-caller-identity --query Account --output text)`,
    `if [ "$account" != "${managementAccountId}" ]; then echo "StackSets trusted access: credentials are for account $account, not the management account ${managementAccountId}" >&2; exit 1; fi`,
    `status=$(aws cloudformation describe-organizations-access --region ${region} --query Status --output text)`,
    `if [ "$status" != "ENABLED" ]; then aws cloudformation activate-organizations-access --region ${region}; fi`,
  ].join('\n');
}

export class StackSetsOrganizationsAccess extends Construct {
  readonly activation: DataResource;

  constructor(scope: Construct, id: string, props: StackSetsOrganizationsAccessProps) {
    super(scope, id);
    this.activation = new DataResource(this, 'activation', {
      triggersReplace: { organization: props.organizationId, region: props.region },
      dependsOn: props.dependsOn,
      provisioners: [{ type: 'local-exec', command: activateOrganizationsAccessCommand(props.managementAccountId, props.region) }],
    });
  }
}

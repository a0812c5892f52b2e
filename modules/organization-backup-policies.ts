// Creates the organization backup policies (one per tier) and the backup tag policy, and attaches
// them to the root. Lives in the organization stack (management account), the only place that can
// manage Organizations policies. The documents come checked from policies/backup-policies.ts.
import { OrganizationsPolicy } from '@cdktf/provider-aws/lib/organizations-policy';
import { OrganizationsPolicyAttachment } from '@cdktf/provider-aws/lib/organizations-policy-attachment';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import type { LandingZoneConfig } from '../lib/config/schema';
import { BACKUP_ACCOUNT_PLACEHOLDER, backupPolicyContent, checkedBackupPolicyCatalogue } from '../policies/backup-policies';
import { backupTagPolicy, checkTagPolicy, tagPolicyContent } from '../policies/tag-policies';
import { terraformLiteral } from './guardrail-policies';

export interface OrganizationBackupPoliciesProps {
  /** Landing-zone configuration (name prefix, allowed Regions, the backup section). */
  readonly config: LandingZoneConfig;
  /** ID of the organization root, where every policy attaches. */
  readonly rootId: string;
  /** ID of the backup account (literal or reference): the copy actions' destination. */
  readonly backupAccountId: string;
  /** Policies and attachments wait for these (the organization, with both policy types enabled). */
  readonly dependsOn: readonly ITerraformDependable[];
}

export class OrganizationBackupPolicies extends Construct {
  readonly policies = new Map<string, OrganizationsPolicy>();
  readonly attachments: OrganizationsPolicyAttachment[] = [];

  constructor(scope: Construct, id: string, props: OrganizationBackupPoliciesProps) {
    super(scope, id);
    const tagPolicy = backupTagPolicy(props.config);
    const tagProblems = checkTagPolicy(tagPolicy);
    if (tagProblems.length > 0) throw new Error(`tag policy breaks AWS's tag policy syntax or limits:\n  ${tagProblems.join('\n  ')}`);

    const documents = [
      ...checkedBackupPolicyCatalogue(props.config).map((policy) => ({
        key: policy.key,
        name: policy.name,
        description: policy.description,
        type: 'BACKUP_POLICY',
        // The placeholder is 12 digits, never inside ${...}; it becomes the backup account's ID (a
        // reference when the organization stack creates the account) after escaping.
        content: terraformLiteral(backupPolicyContent(policy.document)).split(BACKUP_ACCOUNT_PLACEHOLDER).join(props.backupAccountId),
      })),
      {
        key: tagPolicy.key,
        name: tagPolicy.name,
        description: tagPolicy.description,
        type: 'TAG_POLICY',
        content: terraformLiteral(tagPolicyContent(tagPolicy)),
      },
    ];
    for (const document of documents) {
      const policy = new OrganizationsPolicy(this, document.key, {
        name: document.name,
        description: document.description,
        type: document.type,
        content: document.content,
        dependsOn: [...props.dependsOn],
      });
      this.policies.set(document.key, policy);
      this.attachments.push(
        new OrganizationsPolicyAttachment(this, `${document.key}-on-root`, {
          policyId: policy.id,
          targetId: props.rootId,
          dependsOn: [...props.dependsOn],
          // Detaching a backup policy deletes its plans in every account: never as a side effect.
          lifecycle: { preventDestroy: true },
        }),
      );
    }
  }
}

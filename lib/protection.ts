// The one list of resource types that the landing zone protects against destruction. Stacks give
// every resource of these types `lifecycle.prevent_destroy`; the plan review flags a plan that would
// destroy one (a pull request that deletes the configuration, or a `removed` block, slips past
// prevent_destroy, and the lifecycle setting is not in the JSON plan); the tests check that the set
// of types synthesized with prevent_destroy is exactly this list, so a new protected type is added
// here or the suite fails.

/** Why each type is protected: losing it loses an account, evidence, keys, state or a guardrail. */
export const PROTECTED_RESOURCE_TYPES = {
  aws_organizations_organization: 'deleting the organization removes every account from it',
  aws_organizations_organizational_unit: 'accounts and guardrail attachments hang off the OU tree',
  aws_organizations_account: 'an account holds workloads and patient data; it is never closed by Terraform',
  aws_organizations_policy_attachment: 'detaching a guardrail silently lifts it from every account below the target',
  aws_s3_bucket: 'log archive, access logs and Terraform state',
  aws_kms_key: 'losing a key makes everything encrypted under it unreadable',
  aws_cloudtrail: 'the organization trail is the audit record',
  aws_cloudwatch_log_group: 'the trail log group feeds the detective alarms',
  aws_cloudformation_stack_set: 'deleting the StackSet deletes the execution role in every account',
  aws_cloudformation_stack_set_instance: 'deleting an instance deletes the execution role in its accounts',
  aws_backup_vault: 'a vault holds recovery points: deleting or replacing it loses the way back from ransomware',
  aws_backup_vault_policy: 'the vault policy is what lets restores copy back in and what keeps copies inside the organization',
  aws_backup_vault_lock_configuration: 'Vault Lock keeps recovery points for their full retention; removing it makes them deletable',
} as const satisfies Record<string, string>;

/**
 * Types of which only particular resources carry prevent_destroy: losing one of those removes a
 * control, not data (the break-glass role and its policy attachment; a plan role can be recreated).
 * Every resource of these types is not required to be protected, and the plan review does not
 * flag them by type (its security review lists role changes instead).
 */
export const SELECTIVELY_PROTECTED_RESOURCE_TYPES = {
  aws_iam_role: 'the break-glass role: emergency access must not disappear with a refactoring',
  aws_iam_role_policy_attachment: "the break-glass role's administrator policy attachment",
} as const satisfies Record<string, string>;

export type ProtectedResourceType = keyof typeof PROTECTED_RESOURCE_TYPES;

export const PROTECTED_TYPES: ReadonlySet<string> = new Set(Object.keys(PROTECTED_RESOURCE_TYPES));

export function isProtectedType(type: string): boolean {
  return PROTECTED_TYPES.has(type);
}

// AWS limits that a permission set must fit, as data with where AWS states them. The configuration
// checks (lib/config/validate/access.ts) and the tests measure against these numbers and nothing else.

export interface AwsLimit {
  readonly value: number;
  readonly reference: string;
}

/** Inline policy of one permission set: the request field's length (bytes, whitespace included). */
export const INLINE_POLICY_MAX_BYTES: AwsLimit = {
  value: 32_768,
  reference:
    'IAM Identity Center API Reference, PutInlinePolicyToPermissionSet (InlinePolicy length); User Guide, "IAM Identity Center quotas"',
};

/** Inline policy of one permission set, counting non-whitespace characters only. */
export const INLINE_POLICY_MAX_NON_WHITESPACE: AwsLimit = {
  value: 10_240,
  reference:
    'IAM Identity Center User Guide, "IAM Identity Center quotas" (maximum size of non-whitespace characters in the inline policy)',
};

/**
 * Managed policies on one permission set. Identity Center accepts 20, but the set becomes an IAM role
 * in each account and IAM allows 10 managed policies per role unless that account's quota is raised,
 * so 10 is the limit that holds in every account without a per-account request.
 */
export const MANAGED_POLICIES_PER_PERMISSION_SET: AwsLimit = {
  value: 10,
  reference:
    'IAM Identity Center User Guide, "IAM Identity Center quotas" (20, footnote: IAM allows 10 managed policies per role by default); IAM User Guide, "IAM and AWS STS quotas"',
};

/** A customer managed policy, such as the workload boundary, counting non-whitespace characters. */
export const MANAGED_POLICY_MAX_NON_WHITESPACE: AwsLimit = {
  value: 6_144,
  reference: 'IAM User Guide, "IAM and AWS STS quotas" (managed policy size)',
};

/** Permission sets provisioned into one account (each is an IAM role there). */
export const PROVISIONED_PERMISSION_SETS_PER_ACCOUNT: AwsLimit = {
  value: 250,
  reference: 'IAM Identity Center User Guide, "IAM Identity Center quotas" (provisioned permission sets per AWS account)',
};

/** Characters other than whitespace: what the non-whitespace limits count. */
export function nonWhitespaceLength(text: string): number {
  return text.replace(/\s/g, '').length;
}

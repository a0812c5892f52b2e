// The test files control entries cite, and the resource predicate of a guardrail statement.
export const MGMT = 'test/stacks/management-stack.test.ts';
export const LOG_ARCHIVE = 'test/stacks/log-archive-stack.test.ts';
export const AUDIT_STORAGE = 'test/invariants/audit-storage.test.ts';
export const SECURITY = 'test/stacks/security-stack.test.ts';
export const SECURITY_ORG = 'test/stacks/security-organization-stack.test.ts';
export const ORGANIZATION = 'test/stacks/organization-stack.test.ts';
export const BASELINE_PROTECTION = 'test/policies/baseline-protection.test.ts';
export const SIMULATION_SUITE = 'test/policies/simulation-suite.test.ts';
export const NETWORK = 'test/stacks/network-stack.test.ts';
export const WORKLOAD = 'test/stacks/workload-stack.test.ts';
export const IDENTITY = 'test/stacks/identity-stack.test.ts';
export const BACKUP = 'test/stacks/backup-stack.test.ts';
export const BACKUP_POLICIES = 'test/policies/backup-policies.test.ts';
export const ACCOUNT_BASELINE = 'test/modules/account-baseline.test.ts';

/** An SCP or RCP whose synthesized content carries the statement `sid`. */
export const guardrailWith = (sid: string, type = 'SERVICE_CONTROL_POLICY') => ({
  type: 'aws_organizations_policy',
  where: { type, content: { contains: `"Sid":"${sid}"` } },
});

/**
 * S3 Block Public Access fully on, by the Terraform attributes aws_s3_bucket_public_access_block and
 * aws_s3_account_public_access_block share: the four settings of Amazon S3 User Guide, "Blocking
 * public access to your Amazon S3 storage". Security Hub S3.1 (account) and S3.8 (bucket) pass only
 * with all four on; the posture check (tools/posture/controls/storage.ts) reads the same list.
 */
export const ALL_PUBLIC_ACCESS_BLOCKED = {
  block_public_acls: true,
  block_public_policy: true,
  ignore_public_acls: true,
  restrict_public_buckets: true,
} as const;

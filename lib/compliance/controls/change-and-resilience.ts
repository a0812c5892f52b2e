// Controls: Change control and resilience.
import { BACKUP, BACKUP_POLICIES, guardrailWith } from './kit';
import type { Control } from '../types';

export const CHANGE_AND_RESILIENCE_CONTROLS: readonly Control[] = [
  {
    id: 'change-control',
    title: 'Every change reviewed as a plan and applied by the pipeline',
    does: 'Changes arrive as pull requests planned with read-only roles; the apply role is trusted only for the protected deploy environment and carries the actor as source identity; stateful resources carry prevent_destroy and the plan review fails on their destruction.',
    status: 'provided',
    refs: { ndg: ['9'], caf: ['B4.c', 'A4.b'], ncsc: ['7', '12'], annex11: ['4', '10'] },
    resources: [
      { type: 'aws_iam_openid_connect_provider', where: { url: 'https://token.actions.githubusercontent.com' } },
      { type: 'aws_iam_role', where: { assume_role_policy: { contains: 'token.actions.githubusercontent.com' } }, atLeast: 2 },
      { type: 'aws_organizations_policy_attachment', where: { 'lifecycle.prevent_destroy': true } },
    ],
    tests: [
      {
        file: 'test/stacks/pipeline-stack.test.ts',
        name: 'trusts the plan role only for pull requests and main (drift detection) and the apply role only for the deploy environment of the repository',
      },
      {
        file: 'test/invariants/protection.test.ts',
        name: 'protects exactly the types in lib/protection.ts: every type synthesized with prevent_destroy is on one of its two lists, and every listed type occurs',
      },
      { file: 'test/tools/plan-review/plan-report.test.ts', name: 'exits non-zero for a protected destroy, and zero with --allow-destroy' },
    ],
    customer:
      'Protect the main branch and the deploy environment with required reviewers; validate workload systems under your own GxP change control.',
  },
  {
    id: 'backup-and-recovery',
    title: 'Backups of workload data',
    does: "Organization backup policies back up resources tagged `lz:backup` into a local vault in each account and copy them to central vaults in a separate backup account under Vault Lock; a guardrail stops workload administrators destroying backups and refuses to create an EBS volume, EC2 instance, RDS instance, Aurora cluster, DynamoDB table, EFS or FSx file system without the tier tag, a Config rule reports untagged data stores in workload accounts, the critical tier (EBS, DynamoDB, EFS, S3, EC2, RDS, Aurora) is restore-tested weekly with failures and completed tests sent to the security account's alert topic, and Backup Audit Manager checks the central vaults and delivers daily backup, copy, restore and compliance reports for the whole organization, which S3 replication copies into an Object Lock bucket in the log-archive account.",
    status: 'partial',
    requiresConfig: 'backup',
    missing:
      "Untagged resources are not backed up (the data-classification default tier is reported, not applied: AWS does not document a backup-policy selection of resources without a tag); S3 buckets, restores and resources made by service-linked roles are not refused untagged, only reported where the Config rule supports the type. A restore test's validation result is not forwarded.",
    customer:
      'Tag every resource that holds data with its `lz:backup` tier, opt the resource types in to AWS Backup, subscribe to the security alert topic, and review the audit reports (in the log archive, or the backup account).',
    refs: { ndg: ['7'], caf: ['B5.c'], ncsc: ['2'], annex11: ['7', '16'] },
    resources: [
      { type: 'aws_backup_vault', where: { kms_key_arn: { exists: true } }, atLeast: 2 },
      { type: 'aws_backup_vault_lock_configuration', where: { changeable_for_days: { exists: true } } },
      { type: 'aws_organizations_policy', where: { type: 'BACKUP_POLICY' } },
      { type: 'aws_backup_restore_testing_plan' },
      { type: 'aws_backup_framework' },
      { type: 'aws_backup_report_plan', atLeast: 4 },
      { type: 'aws_s3_bucket_replication_configuration', where: { rule: { contains: '"owner":"Destination"' } } },
      { type: 'aws_cloudwatch_event_rule', where: { name: 'lz-backup-restore-results' } },
      guardrailWith('DenyRecoveryPointDestruction'),
      guardrailWith('DenyUntieredDataStoreCreation'),
      { type: 'aws_config_organization_conformance_pack', where: { name: 'lz-backup-tier-tag' }, atLeast: 2 },
    ],
    tests: [
      {
        file: BACKUP,
        name: 'keeps a central vault per allowed Region in the backup account, under its own key, locked in COMPLIANCE mode with the configured bounds',
      },
      { file: BACKUP, name: 'restore-tests the critical tier weekly from the home central vault, one selection per tested type' },
      {
        file: BACKUP,
        name: "restore-tests EC2, RDS and Aurora without overrides, into this account's neutralised default VPC, kept one hour",
      },
      {
        file: BACKUP,
        name: "delivers daily Backup Audit Manager reports to its own bucket: jobs of every account and Region, and the framework's compliance",
      },
      {
        file: BACKUP,
        name: 'replicates every report, same Region, to the copy bucket in the log archive, owned there, with a role that only reads reports and writes copies',
      },
      {
        file: 'test/stacks/log-archive-stack.test.ts',
        name: 'keeps the copy of the backup reports like a log bucket: Object Lock, SSE-S3, only the backup replication role writes, auditors read, no deletion',
      },
      {
        file: 'test/policies/backup-tier-tag-simulation.test.ts',
        name: 'refuses every untagged or mis-tagged creation by the tier-tag statements and allows tagged ones and the exempt roles',
      },
      {
        file: 'test/stacks/backup-tier-tag-pack.test.ts',
        name: 'holds one REQUIRED_TAGS rule on lz:backup with the three tiers, scoped to the backup-eligible types including S3 buckets',
      },
      {
        file: 'test/stacks/backup-restore-results.test.ts',
        name: 'routes the pattern from the backup account to the security alert topic of the home Region, as its own role',
      },
      { file: 'test/stacks/backup-restore-results.test.ts', name: "matches AWS's FAILED restore job sample, and an aborted one" },
      {
        file: BACKUP_POLICIES,
        name: 'backs up into the local vault and copies daily points to the central vaults of both Regions in the backup account',
      },
      {
        file: 'test/policies/backup-protection-simulation.test.ts',
        name: 'denies every tampering request by the stated statement and allows normal backup and restore',
      },
    ],
  },
];

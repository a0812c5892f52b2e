// Backup protection (SCP, root): a compromised or careless workload principal cannot destroy the
// estate's backups. It cannot delete recovery points or shorten their lifecycle, change the landing
// zone's vaults (access policy, Vault Lock, notifications, deletion) or their keys, change the plans
// the organization backup policies create, switch off a resource type's backup opt-in, or copy a
// recovery point by hand (copies happen only as the backup policies say, to the central vaults).
// The execution and break-glass roles are exempt as everywhere; AWS Backup's service-linked role
// (AWSServiceRoleForBackup) is not subject to SCPs at all, so lifecycle expiry and policy-driven
// jobs keep working. It also refuses to create a backup-eligible data store without the tier tag
// `lz:backup` in the request, so nothing new escapes backup by being untagged (ADR 0907).
// docs/backup-and-recovery.md, docs/decisions/0901-backup-guardrails.md
import { BACKUP_SERVICE_ROLE, BACKUP_TAG_KEY, POLICY_PLAN_TAG, centralVaultKeyAliasName, localVaultKeyAliasName } from '../lib/backup';
import { TIER_TAG_ON_CREATE_ACTIONS } from '../lib/backup-tier-tag';
import type { LandingZoneConfig } from '../lib/config/schema';
import type { PolicyDocument, PolicyStatement } from '../lib/iam-policy';
import { exemptRoleArns, roleArnPattern, unlessPrincipal } from './common';

export const RECOVERY_POINT_DESTRUCTION_ACTIONS: readonly string[] = [
  'backup:DeleteRecoveryPoint',
  'backup:UpdateRecoveryPointLifecycle',
  'backup:DisassociateRecoveryPoint',
  'backup:DisassociateRecoveryPointFromParent',
];

export const VAULT_CHANGE_ACTIONS: readonly string[] = [
  'backup:DeleteBackupVault',
  'backup:PutBackupVaultAccessPolicy',
  'backup:DeleteBackupVaultAccessPolicy',
  'backup:PutBackupVaultLockConfiguration',
  'backup:DeleteBackupVaultLockConfiguration',
  'backup:PutBackupVaultNotifications',
  'backup:DeleteBackupVaultNotifications',
];

export const POLICY_PLAN_CHANGE_ACTIONS: readonly string[] = [
  'backup:UpdateBackupPlan',
  'backup:DeleteBackupPlan',
  'backup:CreateBackupSelection',
  'backup:DeleteBackupSelection',
];

export const BACKUP_KEY_TAMPER_ACTIONS: readonly string[] = [
  'kms:ScheduleKeyDeletion',
  'kms:DisableKey',
  'kms:PutKeyPolicy',
  'kms:DeleteAlias',
  'kms:UpdateAlias',
];

/** Vaults the landing zone creates (local in every account, central in the backup account). */
export function landingZoneVaultArnPattern(config: LandingZoneConfig): string {
  return `arn:aws:backup:*:*:backup-vault:${config.organization.namePrefix}-lz-*`;
}

/**
 * Deny creating a backup-eligible data store unless the request carries the tag key `lz:backup`,
 * spelt exactly so. `ForAllValues:StringNotEquals` on `aws:TagKeys` is true when no tag key of the
 * request equals `lz:backup` (case-sensitively, as StringNotEquals compares) and when the request
 * has no tags at all (IAM User Guide, "Multivalued context keys": ForAllValues is true for an empty
 * set). `Null` on `aws:RequestTag/lz:backup` would not do: condition key names are not
 * case-sensitive (IAM User Guide, "IAM JSON policy elements: Condition"), so `LZ:Backup` would pass
 * it, and the tag policy and the backup policies know only `lz:backup`.
 * Two statements because RunInstances must be limited to its instance and volume ARNs (its AMI,
 * subnet and security group carry no request tags), while EFS CreateFileSystem takes no resource
 * ARN at all. `lz-backup` is let through: restores run as that role and are never refused.
 */
export function tierTagOnCreateStatements(config: LandingZoneConfig): PolicyStatement[] {
  const condition = {
    ...unlessPrincipal([...exemptRoleArns(config), roleArnPattern(BACKUP_SERVICE_ROLE)]),
    'ForAllValues:StringNotEquals': { 'aws:TagKeys': [BACKUP_TAG_KEY] },
  };
  const scoped = TIER_TAG_ON_CREATE_ACTIONS.filter((entry) => entry.resources !== '*');
  const unscoped = TIER_TAG_ON_CREATE_ACTIONS.filter((entry) => entry.resources === '*');
  return [
    {
      Sid: 'DenyUntieredDataStoreCreation',
      Effect: 'Deny',
      Action: scoped.map((entry) => entry.action),
      Resource: [...new Set(scoped.flatMap((entry) => entry.resources))],
      Condition: condition,
    },
    {
      Sid: 'DenyUntieredFileSystemCreation',
      Effect: 'Deny',
      Action: unscoped.map((entry) => entry.action),
      Resource: '*',
      Condition: condition,
    },
  ];
}

export function backupProtection(config: LandingZoneConfig): PolicyDocument {
  const exempt = exemptRoleArns(config);
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'DenyRecoveryPointDestruction',
        Effect: 'Deny',
        Action: [...RECOVERY_POINT_DESTRUCTION_ACTIONS],
        Resource: '*',
        Condition: unlessPrincipal(exempt),
      },
      {
        Sid: 'DenyBackupVaultChanges',
        Effect: 'Deny',
        Action: [...VAULT_CHANGE_ACTIONS],
        Resource: [landingZoneVaultArnPattern(config)],
        Condition: unlessPrincipal(exempt),
      },
      {
        // Plans created by a backup policy carry this tag (backup_plan_tags); their ARNs carry only an ID.
        Sid: 'DenyPolicyPlanChanges',
        Effect: 'Deny',
        Action: [...POLICY_PLAN_CHANGE_ACTIONS],
        Resource: '*',
        Condition: { ...unlessPrincipal(exempt), StringEquals: { [`aws:ResourceTag/${POLICY_PLAN_TAG.key}`]: POLICY_PLAN_TAG.value } },
      },
      {
        Sid: 'DenyPolicyPlanTagChanges',
        Effect: 'Deny',
        Action: ['backup:TagResource', 'backup:UntagResource'],
        Resource: '*',
        Condition: { ...unlessPrincipal(exempt), 'ForAnyValue:StringEquals': { 'aws:TagKeys': [POLICY_PLAN_TAG.key] } },
      },
      {
        // StartCopyJob has no condition key for the destination, so ad hoc copies are denied outright;
        // the backup policies' copy actions name the only destinations. The policies' own role is let
        // through in case AWS evaluates a policy-driven copy as that role.
        Sid: 'DenyAdHocRecoveryPointCopies',
        Effect: 'Deny',
        Action: ['backup:StartCopyJob'],
        Resource: '*',
        Condition: unlessPrincipal([...exempt, roleArnPattern(BACKUP_SERVICE_ROLE)]),
      },
      {
        // Region settings hold the per-resource-type opt-in: switching a type off stops its backups.
        Sid: 'DenyBackupSettingsChanges',
        Effect: 'Deny',
        Action: ['backup:UpdateRegionSettings', 'backup:UpdateGlobalSettings'],
        Resource: '*',
        Condition: unlessPrincipal(exempt),
      },
      {
        Sid: 'DenyBackupKeyTampering',
        Effect: 'Deny',
        Action: [...BACKUP_KEY_TAMPER_ACTIONS],
        Resource: '*',
        Condition: {
          ...unlessPrincipal(exempt),
          'ForAnyValue:StringEquals': { 'kms:ResourceAliases': [localVaultKeyAliasName(config), centralVaultKeyAliasName(config)] },
        },
      },
      ...tierTagOnCreateStatements(config),
    ],
  };
}

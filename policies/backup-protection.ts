// Backup protection (SCP, root): a compromised or careless workload principal cannot destroy the
// estate's backups. It cannot delete recovery points or shorten their lifecycle, change the landing
// zone's vaults (access policy, Vault Lock, notifications, deletion) or their keys, change the plans
// the organization backup policies create, switch off a resource type's backup opt-in, or copy a
// recovery point by hand (copies happen only as the backup policies say, to the central vaults).
// The execution and break-glass roles are exempt as everywhere; AWS Backup's service-linked role
// (AWSServiceRoleForBackup) is not subject to SCPs at all, so lifecycle expiry and policy-driven
// jobs keep working. docs/backup-and-recovery.md, docs/decisions/0901-backup-guardrails.md
import { BACKUP_SERVICE_ROLE, POLICY_PLAN_TAG, centralVaultKeyAliasName, localVaultKeyAliasName } from '../lib/backup';
import type { LandingZoneConfig } from '../lib/config/schema';
import type { PolicyDocument } from '../lib/iam-policy';
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
    ],
  };
}

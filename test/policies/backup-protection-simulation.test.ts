// Backup tampering through the real OU chain (the same engine as `lz simulate`): workload and
// platform administrators cannot destroy recovery points, change the landing zone's vaults or keys,
// change the plans the backup policies create, switch off a resource type, or copy by hand; normal
// backup and restore work, the exempt roles and AWS Backup's service-linked role are let through.
// Expectations are stated from the design (docs/backup-and-recovery.md), not read from the policy.
import {
  BACKUP_SERVICE_ROLE,
  POLICY_PLAN_TAG,
  centralVaultKeyAliasName,
  centralVaultName,
  localVaultKeyAliasName,
  localVaultName,
} from '../../lib/backup';
import type { SimulationRequest } from '../../tools/simulation/simulate';
import { accountIdOf, adminSession, decisionMismatches, exampleConfig, roleIn } from '../helpers/example-guardrail-model';

const config = exampleConfig;
const id = accountIdOf;

const WORKLOAD = 'clinical-portal-prod';
const BACKUP = config.backup!.account.name;
const REGION = 'eu-west-2';
const session = adminSession;
const role = roleIn;
const vault = (account: string, name: string) => `arn:aws:backup:${REGION}:${id(account)}:backup-vault:${name}`;
const recoveryPoint = (account: string) => `arn:aws:backup:${REGION}:${id(account)}:recovery-point:1EB3B5E7-9EB0-435A-A80B-108B488B0D45`;
const plan = (account: string) => `arn:aws:backup:${REGION}:${id(account)}:backup-plan:8a2b3c4d-1111-2222-3333-444455556666`;
const key = (account: string) => `arn:aws:kms:${REGION}:${id(account)}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const policyPlanTag = { [`aws:ResourceTag/${POLICY_PLAN_TAG.key}`]: POLICY_PLAN_TAG.value };

interface Case {
  readonly name: string;
  readonly request: SimulationRequest;
  readonly expect: 'Allowed' | 'Denied';
  /** Statement Sid that must decide a denial. */
  readonly by?: string;
  /** Catalogue policy of that statement. */
  readonly policy?: string;
}

const denied = (name: string, by: string, request: Omit<SimulationRequest, 'region'>): Case => ({
  name,
  request: { region: REGION, ...request },
  expect: 'Denied',
  by,
});
const allowed = (name: string, request: Omit<SimulationRequest, 'region'>): Case => ({
  name,
  request: { region: REGION, ...request },
  expect: 'Allowed',
});

const cases: Case[] = [];
for (const account of [WORKLOAD, BACKUP]) {
  for (const principal of [undefined, session(account)]) {
    cases.push(
      denied('delete a recovery point', 'DenyRecoveryPointDestruction', {
        account,
        principal,
        action: 'backup:DeleteRecoveryPoint',
        resource: recoveryPoint(account),
      }),
      denied('shorten a recovery point lifecycle', 'DenyRecoveryPointDestruction', {
        account,
        principal,
        action: 'backup:UpdateRecoveryPointLifecycle',
        resource: recoveryPoint(account),
      }),
      denied('disassociate a recovery point', 'DenyRecoveryPointDestruction', {
        account,
        principal,
        action: 'backup:DisassociateRecoveryPoint',
        resource: recoveryPoint(account),
      }),
      denied('copy a recovery point by hand', 'DenyAdHocRecoveryPointCopies', {
        account,
        principal,
        action: 'backup:StartCopyJob',
        resource: recoveryPoint(account),
      }),
      denied('switch off a resource type opt-in', 'DenyBackupSettingsChanges', {
        account,
        principal,
        action: 'backup:UpdateRegionSettings',
        resource: '*',
      }),
      denied('change a policy-created plan', 'DenyPolicyPlanChanges', {
        account,
        principal,
        action: 'backup:UpdateBackupPlan',
        resource: plan(account),
        context: policyPlanTag,
      }),
      denied('delete a policy-created plan', 'DenyPolicyPlanChanges', {
        account,
        principal,
        action: 'backup:DeleteBackupPlan',
        resource: plan(account),
        context: policyPlanTag,
      }),
      denied('remove a policy-created plan selection', 'DenyPolicyPlanChanges', {
        account,
        principal,
        action: 'backup:DeleteBackupSelection',
        resource: plan(account),
        context: policyPlanTag,
      }),
      denied('untag a policy-created plan', 'DenyPolicyPlanTagChanges', {
        account,
        principal,
        action: 'backup:UntagResource',
        resource: '*',
        context: { 'aws:TagKeys': [POLICY_PLAN_TAG.key] },
      }),
      denied('schedule deletion of the local vault key', 'DenyBackupKeyTampering', {
        account,
        principal,
        action: 'kms:ScheduleKeyDeletion',
        resource: key(account),
        context: { 'kms:ResourceAliases': [localVaultKeyAliasName(config)] },
      }),
      denied('delete the local vault', 'DenyBackupVaultChanges', {
        account,
        principal,
        action: 'backup:DeleteBackupVault',
        resource: vault(account, localVaultName(config)),
      }),
      denied('open the local vault access policy', 'DenyBackupVaultChanges', {
        account,
        principal,
        action: 'backup:PutBackupVaultAccessPolicy',
        resource: vault(account, localVaultName(config)),
      }),
      // Ordinary backup and restore work.
      allowed('take an on-demand backup into the local vault', {
        account,
        principal,
        action: 'backup:StartBackupJob',
        resource: vault(account, localVaultName(config)),
      }),
      allowed('restore from a recovery point', { account, principal, action: 'backup:StartRestoreJob', resource: recoveryPoint(account) }),
      allowed('list recovery points', {
        account,
        principal,
        action: 'backup:ListRecoveryPointsByBackupVault',
        resource: vault(account, localVaultName(config)),
      }),
      allowed('create a team backup plan', { account, principal, action: 'backup:CreateBackupPlan', resource: plan(account) }),
      allowed('change a team plan (not created by the policy)', {
        account,
        principal,
        action: 'backup:UpdateBackupPlan',
        resource: plan(account),
        context: { [`aws:ResourceTag/${POLICY_PLAN_TAG.key}`]: '' },
      }),
      allowed('tag a plan with another key', {
        account,
        principal,
        action: 'backup:TagResource',
        resource: '*',
        context: { 'aws:TagKeys': ['owner'] },
      }),
      allowed('delete a team vault', {
        account,
        principal,
        action: 'backup:DeleteBackupVault',
        resource: vault(account, 'records-team-vault'),
      }),
      allowed('use the local vault key', {
        account,
        principal,
        action: 'kms:Decrypt',
        resource: key(account),
        context: { 'kms:ResourceAliases': [localVaultKeyAliasName(config)] },
      }),
    );
  }
}
// The central vaults in the backup account: Vault Lock and the access policy are out of reach.
for (const action of [
  'backup:PutBackupVaultLockConfiguration',
  'backup:DeleteBackupVaultLockConfiguration',
  'backup:DeleteBackupVaultAccessPolicy',
  'backup:PutBackupVaultAccessPolicy',
  'backup:DeleteBackupVault',
]) {
  cases.push(
    denied(`${action} on a central vault`, 'DenyBackupVaultChanges', {
      account: BACKUP,
      action,
      resource: vault(BACKUP, centralVaultName(config)),
    }),
  );
}
cases.push(
  denied('change the central vault key policy', 'DenyBackupKeyTampering', {
    account: BACKUP,
    action: 'kms:PutKeyPolicy',
    resource: key(BACKUP),
    context: { 'kms:ResourceAliases': [centralVaultKeyAliasName(config)] },
  }),
  // Exemptions: the execution and break-glass roles, the backup policies' own role for copies, and
  // AWS Backup's service-linked role (SCPs never apply to service-linked roles).
  allowed('the execution role deletes a recovery point', {
    account: WORKLOAD,
    principal: role(WORKLOAD, config.roles.execution),
    action: 'backup:DeleteRecoveryPoint',
    resource: recoveryPoint(WORKLOAD),
  }),
  allowed('the break-glass role changes a central vault policy', {
    account: BACKUP,
    principal: role(BACKUP, config.roles.breakGlass),
    action: 'backup:PutBackupVaultAccessPolicy',
    resource: vault(BACKUP, centralVaultName(config)),
  }),
  // AWS Backup creates grants on the vault key as the backup role for every job: baseline protection's
  // grant denial on alias/<prefix>-lz-* keys must not reach the vault keys.
  allowed('the backup role creates a grant on the local vault key', {
    account: WORKLOAD,
    principal: role(WORKLOAD, BACKUP_SERVICE_ROLE),
    action: 'kms:CreateGrant',
    resource: key(WORKLOAD),
    context: { 'kms:ResourceAliases': [localVaultKeyAliasName(config)], 'kms:GrantIsForAWSResource': 'true' },
  }),
  allowed('the backup role creates a grant on the central vault key', {
    account: BACKUP,
    principal: role(BACKUP, BACKUP_SERVICE_ROLE),
    action: 'kms:CreateGrant',
    resource: key(BACKUP),
    context: { 'kms:ResourceAliases': [centralVaultKeyAliasName(config)], 'kms:GrantIsForAWSResource': 'true' },
  }),
  allowed("the backup policies' role copies", {
    account: WORKLOAD,
    principal: role(WORKLOAD, BACKUP_SERVICE_ROLE),
    action: 'backup:StartCopyJob',
    resource: recoveryPoint(WORKLOAD),
  }),
  allowed("AWS Backup's service-linked role expires a recovery point", {
    account: WORKLOAD,
    principal: role(WORKLOAD, 'aws-service-role/backup.amazonaws.com/AWSServiceRoleForBackup'),
    action: 'backup:DeleteRecoveryPoint',
    resource: recoveryPoint(WORKLOAD),
  }),
  // A copy outside the two Regions needs a vault there: no member account can create one.
  ...['us-east-1', 'eu-central-1'].map((region): Case => ({
    name: `create a vault in ${region}`,
    request: {
      account: WORKLOAD,
      region,
      action: 'backup:CreateBackupVault',
      resource: `arn:aws:backup:${region}:${id(WORKLOAD)}:backup-vault:elsewhere`,
    },
    expect: 'Denied',
    by: 'DenyOutsideAllowedRegions',
    policy: 'region-guardrail',
  })),
  // The management account is outside SCPs altogether (backup policies still reach it).
  allowed('the management account is not subject to SCPs', {
    account: 'management',
    action: 'backup:DeleteRecoveryPoint',
    resource: `arn:aws:backup:${REGION}:${config.managementAccount.accountId}:recovery-point:x`,
  }),
);

describe('backup protection (simulation)', () => {
  it('denies every tampering request by the stated statement and allows normal backup and restore', async () => {
    const mismatches = await decisionMismatches(
      cases.map((entry) => ({
        ...entry,
        deniedBy: entry.by ? { policy: entry.policy ?? 'backup-protection', statement: entry.by } : undefined,
      })),
    );
    expect(mismatches).toEqual([]);
    const deniedCount = cases.filter((entry) => entry.expect === 'Denied').length;
    expect(deniedCount).toBeGreaterThanOrEqual(20);
    expect(cases.length - deniedCount).toBeGreaterThanOrEqual(20);
  });
});

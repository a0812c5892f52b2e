// The local AWS Backup vault of one account, in every allowed Region: where the organization backup
// policies put each account's own recovery points (target_backup_vault_name), encrypted with a
// customer-managed key, and the role the policies name (iam_role_arn) to take and restore backups.
// The central, Vault-Locked copies live in the backup account (stacks/backup-stack.ts).
import { BackupVault } from '@cdktf/provider-aws/lib/backup-vault';
import { BackupVaultPolicy } from '@cdktf/provider-aws/lib/backup-vault-policy';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Construct } from 'constructs';
import { BACKUP_SERVICE_ROLE, backupVaultArn, localVaultKeyAliasName, localVaultName } from '../lib/backup';
import { regionCode } from '../lib/config/model';
import type { LandingZoneConfig } from '../lib/config/schema';
import { ProtectedKmsKey } from './protected-kms-key';

/** AWS managed policies of the backup role: backup and restore of every type, S3 included (AWS Backup Developer Guide, "Managed policies"). */
export const BACKUP_ROLE_MANAGED_POLICIES = [
  'arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup',
  'arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores',
  'arn:aws:iam::aws:policy/AWSBackupServiceRolePolicyForS3Backup',
  'arn:aws:iam::aws:policy/AWSBackupServiceRolePolicyForS3Restore',
] as const;

export interface LocalBackupVaultsProps {
  /** Providers of every allowed Region, home Region first (IAM is created with the first). */
  readonly regionalProviders: readonly { region: string; provider: AwsProvider }[];
  /** Landing-zone configuration (name prefix for the vault and key names). */
  readonly config: LandingZoneConfig;
  /** The account these vaults are in (literal or reference). */
  readonly accountId: string;
  /** The backup account: may use the vault key through AWS Backup (copies out) and copy restores back in. */
  readonly backupAccountId: string;
}

export class LocalBackupVaults extends Construct {
  readonly vaults = new Map<string, BackupVault>();
  readonly role: IamRole;

  constructor(scope: Construct, id: string, props: LocalBackupVaultsProps) {
    super(scope, id);
    const [home] = props.regionalProviders;
    this.role = new IamRole(this, 'role', {
      provider: home.provider,
      name: BACKUP_SERVICE_ROLE,
      description: "AWS Backup takes and restores this account's backups as this role (named by the organization backup policies)",
      assumeRolePolicy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'backup.amazonaws.com' },
            Action: 'sts:AssumeRole',
            Condition: { StringEquals: { 'aws:SourceAccount': props.accountId } },
          },
        ],
      }),
    });
    BACKUP_ROLE_MANAGED_POLICIES.forEach((policyArn) => {
      new IamRolePolicyAttachment(this, `role-${policyArn.split('/').pop()}`, { provider: home.provider, role: this.role.name, policyArn });
    });

    for (const { region, provider } of props.regionalProviders) {
      const code = regionCode(region);
      const key = new ProtectedKmsKey(this, `key-${code}`, {
        provider,
        description: `Encrypts the local AWS Backup vault in ${region}`,
        aliasName: localVaultKeyAliasName(props.config),
        accountId: props.accountId,
        statements: [
          {
            // Cross-account copy to the central vault: the backup account decrypts the source recovery
            // point through AWS Backup only (AWS Backup Developer Guide, "Creating backup copies across AWS accounts").
            Sid: 'BackupAccountCopiesThroughAwsBackup',
            Effect: 'Allow',
            Principal: { AWS: `arn:aws:iam::${props.backupAccountId}:root` },
            Action: ['kms:Decrypt', 'kms:DescribeKey', 'kms:CreateGrant', 'kms:GenerateDataKey*', 'kms:ReEncrypt*'],
            Resource: '*',
            Condition: { StringEquals: { 'kms:ViaService': `backup.${region}.amazonaws.com` } },
          },
        ],
      });
      const vault = new BackupVault(this, `vault-${code}`, {
        provider,
        name: localVaultName(props.config),
        kmsKeyArn: key.key.arn,
        forceDestroy: false,
        lifecycle: { preventDestroy: true },
      });
      this.vaults.set(region, vault);
      new BackupVaultPolicy(this, `vault-policy-${code}`, {
        provider,
        backupVaultName: vault.name,
        // A restore from the central vault starts as a copy back into this account's vault.
        policy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'BackupAccountCopiesRestoresBack',
              Effect: 'Allow',
              Principal: { AWS: `arn:aws:iam::${props.backupAccountId}:root` },
              Action: 'backup:CopyIntoBackupVault',
              Resource: backupVaultArn(region, props.accountId, localVaultName(props.config)),
            },
          ],
        }),
        lifecycle: { preventDestroy: true },
      });
    }
  }
}

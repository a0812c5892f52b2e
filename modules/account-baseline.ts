// The controls every account gets, whatever it runs: encryption and public-access defaults, the
// NCSC-aligned password policy, and a closed default security group. Later concerns (Config
// recorder, read-only plan role) add their own constructs here so that every account gets them.
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { DefaultVpc } from '@cdktf/provider-aws/lib/default-vpc';
import { EbsEncryptionByDefault } from '@cdktf/provider-aws/lib/ebs-encryption-by-default';
import { IamAccountPasswordPolicy } from '@cdktf/provider-aws/lib/iam-account-password-policy';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3AccountPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-account-public-access-block';
import { Construct } from 'constructs';
import { regionCode } from '../lib/config/model';
import { breakGlassPrincipalArn } from '../lib/naming';
import type { LandingZoneConfig } from '../lib/config/schema';
import { BreakGlassRole } from './break-glass-role';
import { LocalBackupVaults } from './backup-vault';
import { PlanRole } from './plan-role';
import { ConfigRecorder, type ConfigDeliveryTarget, type ExistingConfigSetup } from './config-recorder';
import { PASSWORD_POLICY } from '../lib/account-baseline';

export interface AccountBaselineProps {
  /** Providers of every allowed Region, home Region first. */
  readonly regionalProviders: readonly { region: string; provider: AwsProvider }[];
  /** Landing-zone configuration (management account ID and role names for the plan role). */
  readonly config: LandingZoneConfig;
  /** Where this account's AWS Config delivers: the log-archive config bucket and key. */
  readonly configDelivery: ConfigDeliveryTarget;
  /**
   * An adopted account's existing AWS Config setup, imported instead of created.
   * @default nothing exists: the baseline creates everything
   */
  readonly existingConfig?: ExistingConfigSetup;
  /**
   * The account itself and the backup account, when configuration has the backup section: the
   * local backup vaults and role the organization backup policies use (modules/backup-vault.ts).
   * @default no backup section: no local vaults
   */
  readonly backup?: { readonly accountId: string; readonly backupAccountId: string };
}

export { PASSWORD_POLICY };

export class AccountBaseline extends Construct {
  /** AWS Config in every allowed Region of this account (the only recorder the account gets). */
  readonly configRecorder: ConfigRecorder;
  /** The break-glass role (roles.breakGlass), MFA-only from the named management-account principal. */
  readonly breakGlassRole: BreakGlassRole;
  /** Local backup vaults and the backup role, when configuration has the backup section. */
  readonly backupVaults?: LocalBackupVaults;

  constructor(scope: Construct, id: string, props: AccountBaselineProps) {
    super(scope, id);
    const [home] = props.regionalProviders;
    this.configRecorder = new ConfigRecorder(this, 'config', { regionalProviders: props.regionalProviders, delivery: props.configDelivery, existing: props.existingConfig });

    if (props.backup) this.backupVaults = new LocalBackupVaults(this, 'backup', { regionalProviders: props.regionalProviders, config: props.config, ...props.backup });

    new S3AccountPublicAccessBlock(this, 's3-public-access-block', {
      provider: home.provider,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new IamAccountPasswordPolicy(this, 'password-policy', { provider: home.provider, ...PASSWORD_POLICY });
    new PlanRole(this, 'plan-role', { provider: home.provider, config: props.config });
    // Every account, the management account included: the guardrails and bucket policies already
    // exempt this name, so the role must exist where they expect it, and only where it is trusted.
    this.breakGlassRole = new BreakGlassRole(this, 'break-glass', {
      provider: home.provider,
      roleName: props.config.roles.breakGlass,
      managementAccountId: props.config.managementAccount.accountId,
      trustedPrincipalArn: breakGlassPrincipalArn(props.config),
    });

    for (const { region, provider } of props.regionalProviders) {
      const code = regionCode(region);
      new EbsEncryptionByDefault(this, `ebs-encryption-${code}`, { provider, enabled: true });
      // Adopts (never creates workloads in) the default VPC that AWS makes in every account, so that
      // its default security group can be emptied; see docs/decisions/0002-default-vpc.md.
      const defaultVpc = new DefaultVpc(this, `default-vpc-${code}`, { provider, tags: { Name: 'default-unused' } });
      new DefaultSecurityGroup(this, `default-vpc-default-sg-${code}`, {
        provider,
        vpcId: defaultVpc.id,
        ingress: [],
        egress: [],
        tags: { Name: 'default-closed' },
      });
    }
  }
}

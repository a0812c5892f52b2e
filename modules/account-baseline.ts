// The controls every account gets, whatever it runs: encryption and public-access defaults, the
// NCSC-aligned password policy, and a neutralised default VPC in every allowed Region. Later concerns (Config
// recorder, read-only plan role) add their own constructs here so that every account gets them.
import { EbsEncryptionByDefault } from '@cdktf/provider-aws/lib/ebs-encryption-by-default';
import { IamAccountPasswordPolicy } from '@cdktf/provider-aws/lib/iam-account-password-policy';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3AccountPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-account-public-access-block';
import { Construct } from 'constructs';
import { regionCode } from '../lib/config/model';
import { breakGlassPrincipalArn, logBucketName } from '../lib/naming';
import { NETWORK_LOG_DESTINATIONS, networkLogDestinationArn } from '../lib/logging/delivery';
import type { LandingZoneConfig } from '../lib/config/schema';
import { BreakGlassRole } from './break-glass-role';
import { DefaultVpcLockdown } from './default-vpc-lockdown';
import { LocalBackupVaults } from './backup-vault';
import { PlanRole } from './plan-role';
import { ConfigRecorder, type ConfigDeliveryTarget, type ExistingConfigSetup } from './config-recorder';
import { PASSWORD_POLICY } from '../lib/account-baseline';
import { AlternateContacts } from './alternate-contacts';
import { RegionalSecuritySettings } from './regional-security-settings';
import { SupportRole } from './support-role';

export interface AccountBaselineProps {
  /** Providers of every allowed Region, home Region first. */
  readonly regionalProviders: readonly { region: string; provider: AwsProvider }[];
  /** The account this baseline is for (literal or cross-stack reference): Inspector is enabled for it. */
  readonly accountId: string;
  /** Landing-zone configuration (management account ID and role names for the plan role). */
  readonly config: LandingZoneConfig;
  /** Where this account's AWS Config delivers: the log-archive config bucket and key. */
  readonly configDelivery: ConfigDeliveryTarget;
  /** The log-archive account (literal or reference): default VPC flow logs go to its network bucket in each Region. */
  readonly logArchiveAccountId: string;
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
  /**
   * False for an account the organization's Inspector and Macie auto-enable covered as it joined:
   * enabling them again from the account fails (ADR 0704).
   * @default true: the account enables Inspector and Macie itself in every allowed Region
   */
  readonly enablesSecurityServicesItself?: boolean;
}

export { PASSWORD_POLICY };

export class AccountBaseline extends Construct {
  /** AWS Config in every allowed Region of this account (the only recorder the account gets). */
  readonly configRecorder: ConfigRecorder;
  /** The break-glass role (roles.breakGlass), MFA-only from the named management-account principal. */
  readonly breakGlassRole: BreakGlassRole;
  /** The default VPC of each allowed Region, adopted and neutralised (ADR 0621). */
  readonly defaultVpcs: DefaultVpcLockdown[] = [];
  /** Local backup vaults and the backup role, when configuration has the backup section. */
  readonly backupVaults?: LocalBackupVaults;
  /** The per-Region security settings (SSM, account analyzer, Inspector, Macie), by Region. */
  readonly securitySettings = new Map<string, RegionalSecuritySettings>();

  constructor(scope: Construct, id: string, props: AccountBaselineProps) {
    super(scope, id);
    const [home] = props.regionalProviders;
    this.configRecorder = new ConfigRecorder(this, 'config', {
      regionalProviders: props.regionalProviders,
      delivery: props.configDelivery,
      existing: props.existingConfig,
    });

    if (props.backup)
      this.backupVaults = new LocalBackupVaults(this, 'backup', {
        regionalProviders: props.regionalProviders,
        config: props.config,
        ...props.backup,
      });

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

    // Security Hub account settings (docs/security-posture.md).
    const contacts = props.config.securityPosture.alternateContacts;
    if (contacts) new AlternateContacts(this, 'alternate-contacts', { provider: home.provider, ...contacts });
    new SupportRole(this, 'support-role', { provider: home.provider, managementAccountId: props.config.managementAccount.accountId });

    for (const { region, provider } of props.regionalProviders) {
      const code = regionCode(region);
      const settings = new RegionalSecuritySettings(this, `security-settings-${code}`, {
        provider,
        analyzerName: `${props.config.organization.namePrefix}-lz-account`,
        accountId: props.accountId,
        enablesScanningItself: props.enablesSecurityServicesItself ?? true,
      });
      this.securitySettings.set(region, settings);
      new EbsEncryptionByDefault(this, `ebs-encryption-${code}`, { provider, enabled: true });
      // Adopts (never creates workloads in) the default VPC that AWS makes in every account and takes
      // away its internet path; see docs/decisions/0621-default-vpc-neutralised.md.
      this.defaultVpcs.push(
        new DefaultVpcLockdown(this, `default-vpc-${code}`, {
          provider,
          region,
          flowLogDestinationArn: networkLogDestinationArn(
            logBucketName(props.config, 'network', region, props.logArchiveAccountId),
            NETWORK_LOG_DESTINATIONS.vpcFlowLogs,
          ),
        }),
      );
    }
  }
}

// Per-Region account settings Security Hub checks: the Systems Manager service settings (SSM.6
// Automation logs to CloudWatch Logs, SSM.7 no public sharing of SSM documents) and an IAM Access
// Analyzer external access analyzer for the account (IAM.28; free of charge). The organization
// analyzer in the security account covers the organization as a zone of trust; this one is the
// account's own, which CIS asks for in every account and Region. Amazon Inspector (EC2, ECR, Lambda,
// Lambda code; Inspector.1-4) and Amazon Macie (Macie.1) are enabled here too, unless the
// organization's auto-enable covered the account when it joined (ADR 0704).
import { AccessanalyzerAnalyzer } from '@cdktf/provider-aws/lib/accessanalyzer-analyzer';
import { Inspector2Enabler } from '@cdktf/provider-aws/lib/inspector2-enabler';
import { Macie2Account } from '@cdktf/provider-aws/lib/macie2-account';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SsmServiceSetting } from '@cdktf/provider-aws/lib/ssm-service-setting';
import { Construct } from 'constructs';
import { INSPECTOR_SCAN_TYPES, SSM_SERVICE_SETTINGS } from '../lib/account-baseline';

export interface RegionalSecuritySettingsProps {
  /** The provider of the Region the settings apply to. */
  readonly provider: AwsProvider;
  /** Name of the account's external access analyzer (unique per account and Region). */
  readonly analyzerName: string;
  /** The account itself: Inspector is enabled for this account only. */
  readonly accountId: string;
  /**
   * False when the organization's auto-enable enabled Inspector and Macie as the account joined
   * (ADR 0704): a member cannot enable Macie itself, so the resources would fail.
   * @default true
   */
  readonly enablesScanningItself?: boolean;
}

export class RegionalSecuritySettings extends Construct {
  /** Macie in this account and Region, when the account enables it itself. */
  readonly macie?: Macie2Account;

  constructor(scope: Construct, id: string, props: RegionalSecuritySettingsProps) {
    super(scope, id);
    for (const setting of SSM_SERVICE_SETTINGS) {
      new SsmServiceSetting(this, `ssm-${setting.id}`, {
        provider: props.provider,
        settingId: setting.settingId,
        settingValue: setting.value,
      });
    }
    new AccessanalyzerAnalyzer(this, 'account-analyzer', { provider: props.provider, analyzerName: props.analyzerName, type: 'ACCOUNT' });
    // Vulnerability scanning and sensitive-data discovery. Accounts that were in the organization
    // before auto-enable was switched on enable them themselves (ADR 0703); accounts that joined later
    // were enabled by the delegated administrator's auto-enable and skip this (ADR 0704). Findings
    // reach the security account through Security Hub.
    if (props.enablesScanningItself === false) return;
    new Inspector2Enabler(this, 'inspector', {
      provider: props.provider,
      accountIds: [props.accountId],
      resourceTypes: [...INSPECTOR_SCAN_TYPES],
    });
    this.macie = new Macie2Account(this, 'macie', {
      provider: props.provider,
      findingPublishingFrequency: 'FIFTEEN_MINUTES',
      status: 'ENABLED',
    });
  }
}

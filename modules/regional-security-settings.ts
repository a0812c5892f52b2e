// Per-Region account settings Security Hub checks: the Systems Manager service settings (SSM.6
// Automation logs to CloudWatch Logs, SSM.7 no public sharing of SSM documents) and an IAM Access
// Analyzer external access analyzer for the account (IAM.28; free of charge). The organization
// analyzer in the security account covers the organization as a zone of trust; this one is the
// account's own, which CIS asks for in every account and Region.
import { AccessanalyzerAnalyzer } from '@cdktf/provider-aws/lib/accessanalyzer-analyzer';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SsmServiceSetting } from '@cdktf/provider-aws/lib/ssm-service-setting';
import { Construct } from 'constructs';
import { SSM_SERVICE_SETTINGS } from '../lib/account-baseline';

export interface RegionalSecuritySettingsProps {
  /** The provider of the Region the settings apply to. */
  readonly provider: AwsProvider;
  /** Name of the account's external access analyzer (unique per account and Region). */
  readonly analyzerName: string;
}

export class RegionalSecuritySettings extends Construct {
  constructor(scope: Construct, id: string, props: RegionalSecuritySettingsProps) {
    super(scope, id);
    for (const setting of SSM_SERVICE_SETTINGS) {
      new SsmServiceSetting(this, `ssm-${setting.id}`, { provider: props.provider, settingId: setting.settingId, settingValue: setting.value });
    }
    new AccessanalyzerAnalyzer(this, 'account-analyzer', { provider: props.provider, analyzerName: props.analyzerName, type: 'ACCOUNT' });
  }
}

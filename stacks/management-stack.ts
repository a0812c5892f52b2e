// The management account's own controls. SCPs never apply to the management account, so it gets
// its baseline here and, from the logging issue on, the organization trail and detective alarms.
import type { Construct } from 'constructs';
import type { LandingZoneConfig } from '../lib/config/schema';
import { AccountBaseline } from '../modules/account-baseline';
import { LandingZoneStack } from './landing-zone-stack';

export interface ManagementStackProps {
  readonly config: LandingZoneConfig;
}

export class ManagementStack extends LandingZoneStack {
  readonly baseline: AccountBaseline;

  constructor(scope: Construct, id: string, props: ManagementStackProps) {
    super(scope, id, { config: props.config, target: { accountId: props.config.managementAccount.accountId, assumeExecutionRole: false } });
    this.baseline = new AccountBaseline(this, 'baseline', { regionalProviders: this.regionalProviders, config: props.config });
  }
}

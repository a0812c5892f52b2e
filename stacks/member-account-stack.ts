// Base of every stack that lives in a member account: its providers assume the execution role in
// that account, and the stack carries the account baseline, so that no member account exists
// without it.
import type { Construct } from 'constructs';
import type { AccountAdoption, LandingZoneConfig } from '../lib/config/schema';
import { configDeliveryTarget } from '../lib/logging/delivery';
import { AccountBaseline } from '../modules/account-baseline';
import { LandingZoneStack } from './landing-zone-stack';

export interface MemberAccountStackProps {
  readonly config: LandingZoneConfig;
  /** The member account: a literal ID, or a reference to the account the organization stack creates. */
  readonly accountId: string;
  /** The log-archive account, where this account's AWS Config delivers (literal or reference). */
  readonly logArchiveAccountId: string;
  /**
   * For an adopted account (configuration gives its ID): what it already has, imported by the baseline.
   * @default a new account: nothing to import
   */
  readonly adoption?: { readonly accountId: string; readonly adoption: AccountAdoption };
  /**
   * The backup account (literal or reference), when configuration has the backup section: the
   * baseline then creates this account's local backup vaults.
   * @default no local backup vaults
   */
  readonly backupAccountId?: string;
  /**
   * False when the organization's Inspector and Macie auto-enable covered the account as it joined,
   * so its baseline must not enable them again (ADR 0704).
   * @default true: the account enables Inspector and Macie itself
   */
  readonly enablesSecurityServicesItself?: boolean;
}

export abstract class MemberAccountStack extends LandingZoneStack {
  readonly accountId: string;
  readonly baseline: AccountBaseline;

  constructor(scope: Construct, id: string, props: MemberAccountStackProps) {
    super(scope, id, { config: props.config, target: { accountId: props.accountId, assumeExecutionRole: true } });
    this.accountId = props.accountId;
    this.baseline = new AccountBaseline(this, 'baseline', {
      regionalProviders: this.regionalProviders,
      accountId: props.accountId,
      config: props.config,
      configDelivery: configDeliveryTarget(props.config, props.logArchiveAccountId),
      logArchiveAccountId: props.logArchiveAccountId,
      backup: props.backupAccountId === undefined ? undefined : { accountId: props.accountId, backupAccountId: props.backupAccountId },
      enablesSecurityServicesItself: props.enablesSecurityServicesItself,
      existingConfig: props.adoption && {
        accountId: props.adoption.accountId,
        serviceLinkedRoleExists: props.adoption.adoption.configServiceLinkedRole,
        recorders: props.adoption.adoption.configRecorders,
      },
    });
  }
}

// One workload account: its baseline and its spoke VPC attached to the Transit Gateway hub. One
// stack per account keeps a vend from touching any other workload.
import type { Construct } from 'constructs';
import { isActive } from '../lib/config/model';
import type { WorkloadAccountConfig } from '../lib/config/schema';
import { NETWORK_LOG_DESTINATIONS, networkLogDestinationArn } from '../lib/logging/delivery';
import { logBucketName } from '../lib/naming';
import { spokeLayout } from '../lib/network/layout';
import { WorkloadSpoke } from '../modules/workload-spoke';
import { MemberAccountStack, type MemberAccountStackProps } from './member-account-stack';

/** What a spoke needs from the network stack (cross-stack references). */
export interface HubReferences {
  readonly transitGatewayId: string;
  readonly resolverRuleIds: Readonly<Record<string, string>>;
  readonly queryLogConfigId: string;
}

export interface WorkloadStackProps extends MemberAccountStackProps {
  readonly account: WorkloadAccountConfig;
  readonly hub: HubReferences;
}

export class WorkloadStack extends MemberAccountStack {
  readonly account: WorkloadAccountConfig;
  readonly spoke: WorkloadSpoke;

  constructor(scope: Construct, id: string, props: WorkloadStackProps) {
    super(scope, id, props);
    this.account = props.account;
    const { account, config } = props;
    const active = isActive(account);
    this.spoke = new WorkloadSpoke(this, 'spoke', {
      name: account.name,
      layout: spokeLayout(config, account),
      attached: active,
      transitGatewayId: props.hub.transitGatewayId,
      resolverRuleIds: active && account.hscn ? props.hub.resolverRuleIds : {},
      queryLogConfigId: props.hub.queryLogConfigId,
      flowLogDestinationArn: networkLogDestinationArn(logBucketName(config, 'network', config.homeRegion, props.logArchiveAccountId), NETWORK_LOG_DESTINATIONS.vpcFlowLogs),
    });
  }
}

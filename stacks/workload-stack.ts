// One workload account: its baseline and its spoke VPC attached to the Transit Gateway hub. One
// stack per account keeps a vend from touching any other workload.
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { RamPrincipalAssociation } from '@cdktf/provider-aws/lib/ram-principal-association';
import type { Construct } from 'constructs';
import { workloadBoundary } from '../lib/access/boundary';
import { isActive } from '../lib/config/model';
import type { WorkloadAccountConfig } from '../lib/config/schema';
import { NETWORK_LOG_DESTINATIONS, networkLogDestinationArn } from '../lib/logging/delivery';
import { WORKLOAD_BOUNDARY_POLICY_NAME, logBucketName } from '../lib/naming';
import { spokeLayout } from '../lib/network/layout';
import { WorkloadSpoke } from '../modules/workload-spoke';
import { MemberAccountStack, type MemberAccountStackProps } from './member-account-stack';

/** What a spoke needs from the network stack (cross-stack references). */
export interface HubReferences {
  readonly transitGatewayId: string;
  readonly resolverRuleIds: Readonly<Record<string, string>>;
  /**
   * RAM share of the HSCN resolver rules (network stack), when HSCN is configured.
   * @default no HSCN: nothing to share
   */
  readonly resolverRuleShareArn?: string;
  /** The network account, owner of the share (literal or organization-stack reference). */
  readonly networkAccountId: string;
  readonly queryLogConfigId: string;
  /** The estate's Route 53 Profile (central endpoint zones, DNS Firewall), shared with the Workloads OU. */
  readonly dnsProfileId: string;
}

export interface WorkloadStackProps extends MemberAccountStackProps {
  readonly account: WorkloadAccountConfig;
  readonly hub: HubReferences;
}

export class WorkloadStack extends MemberAccountStack {
  readonly account: WorkloadAccountConfig;
  readonly spoke: WorkloadSpoke;
  /** The workload permissions boundary, when configuration manages access (access:); Identity Center finds it by name. */
  readonly boundary?: IamPolicy;
  /** This account as a principal of the HSCN resolver-rule share (network account), when entitled and active. */
  readonly resolverRuleSharing?: RamPrincipalAssociation;

  constructor(scope: Construct, id: string, props: WorkloadStackProps) {
    super(scope, id, props);
    this.account = props.account;
    const { account, config } = props;
    const active = isActive(account);
    const hscnDns = active && account.hscn && props.hub.resolverRuleShareArn !== undefined;
    if (hscnDns) {
      // Made by the share's owner, the network account, but kept here: the VPC below can associate
      // the rules only once they are shared with this account, and the hub-side stack that comes
      // after the workloads (network-routes) would be too late on the account's first apply.
      this.resolverRuleSharing = new RamPrincipalAssociation(this, 'hscn-resolver-rule-sharing', {
        provider: this.memberAccountProvider('network', props.hub.networkAccountId),
        resourceShareArn: props.hub.resolverRuleShareArn!,
        principal: props.accountId,
      });
    }
    this.spoke = new WorkloadSpoke(this, 'spoke', {
      name: account.name,
      layout: spokeLayout(config, account),
      attached: active,
      transitGatewayId: props.hub.transitGatewayId,
      resolverRuleIds: hscnDns ? props.hub.resolverRuleIds : {},
      resolverRulesSharedBy: this.resolverRuleSharing,
      queryLogConfigId: props.hub.queryLogConfigId,
      dnsProfileId: props.hub.dnsProfileId,
      flowLogDestinationArn: networkLogDestinationArn(
        logBucketName(config, 'network', config.homeRegion, props.logArchiveAccountId),
        NETWORK_LOG_DESTINATIONS.vpcFlowLogs,
      ),
    });
    // The workload permission sets name this policy as their boundary; Identity Center provisions them
    // only into accounts that hold a policy of that name and path (docs/access.md).
    if (config.access) {
      this.boundary = new IamPolicy(this, 'workload-boundary', {
        provider: this.homeProvider,
        name: WORKLOAD_BOUNDARY_POLICY_NAME,
        path: '/',
        description:
          'Ceiling of workload-team identities: nothing the landing zone deployed, no Identity Center or IAM users, no role without this boundary',
        policy: JSON.stringify(workloadBoundary(config)),
      });
    }
  }
}

// The Transit Gateway hub, the gateway VPC to the internet and HSCN, the HSCN edge and DNS forwarding (network account).
// Vending an account never changes this stack, HSCN-entitled or not: the entitlement's per-account parts
// (prefix-list entries, resolver-rule share principals) live in network-routes and the workload stack
// (docs/decisions/0508-vend-touches-four-stacks.md). Suspending an account still changes it (blackholes).
import type { Construct } from 'constructs';
import type { WorkloadAccountConfig } from '../lib/config/schema';
import { HSCN_ENTITLED_REFERENCE, firewallRuleGroups } from '../lib/network/firewall-rules';
import { HSCN_ENTITLED_LIST_MAX_ENTRIES } from '../lib/network/hscn-entitlement';
import { hubRoutingChangePattern } from '../lib/network/hub-routing';
import { gatewayVpcLayout } from '../lib/network/layout';
import { NETWORK_LOG_DESTINATIONS, networkLogDestinationArn } from '../lib/logging/delivery';
import { logBucketName } from '../lib/naming';
import { dnsFirewallRules } from '../lib/network/dns-firewall';
import { AlertTopic } from '../modules/alert-topic';
import { CentralAwsEndpoints } from '../modules/central-aws-endpoints';
import { DnsFirewall } from '../modules/dns-firewall';
import { DnsProfile } from '../modules/dns-profile';
import { GatewayVpc } from '../modules/gateway-vpc';
import { HscnDns } from '../modules/hscn-dns';
import { HscnEdge } from '../modules/hscn-edge';
import { HscnEntitlementList } from '../modules/hscn-entitlement-list';
import { ResolverQueryLogging } from '../modules/resolver-query-logging';
import { TransitGatewayHub } from '../modules/transit-gateway-hub';
import { MemberAccountStack, type MemberAccountStackProps } from './member-account-stack';

export interface NetworkStackProps extends MemberAccountStackProps {
  readonly accounts: readonly WorkloadAccountConfig[];
  /** ARN of the Workloads OU (organization stack): the Transit Gateway is shared with it. */
  readonly workloadsOuArn: string;
  /** The organization's ID (organization stack): the central endpoints' policies admit only its principals. */
  readonly organizationId: string;
}

export class NetworkStack extends MemberAccountStack {
  readonly hub: TransitGatewayHub;
  readonly gateway: GatewayVpc;
  readonly hscnEdge?: HscnEdge;
  readonly hscnDns?: HscnDns;
  /** Entitled spoke CIDRs for the firewall's HSCN rules; its entries are network-routes' (one per entitled spoke). */
  readonly hscnEntitlement?: HscnEntitlementList;
  readonly queryLogging: ResolverQueryLogging;
  /** Central interface endpoints for AWS APIs and their private hosted zones. */
  readonly awsEndpoints: CentralAwsEndpoints;
  readonly dnsFirewall: DnsFirewall;
  /** The Route 53 Profile every spoke associates: endpoint zones and the DNS Firewall rule group. */
  readonly dnsProfile: DnsProfile;
  /** Alerts of the network account (home Region, where the hub is): hub routing changed outside Terraform. */
  readonly alerts: AlertTopic;

  constructor(scope: Construct, id: string, props: NetworkStackProps) {
    super(scope, id, props);
    const { config, accounts } = props;
    const network = config.network;
    const namePrefix = config.organization.namePrefix;
    const logBucket = logBucketName(config, 'network', config.homeRegion, props.logArchiveAccountId);

    this.hub = new TransitGatewayHub(this, 'hub', {
      namePrefix,
      amazonSideAsn: network.transitGatewayAsn,
      workloadsOuArn: props.workloadsOuArn,
      workloadPool: network.workloadPool,
      hscnPrefixes: network.hscn?.prefixes ?? [],
      suspendedCidrs: accounts.filter((account) => account.status === 'suspended').map((account) => account.cidr),
      flowLogDestinationArn: networkLogDestinationArn(logBucket, NETWORK_LOG_DESTINATIONS.transitGatewayFlowLogs),
    });

    if (network.hscn) {
      this.hscnEdge = new HscnEdge(this, 'hscn-edge', {
        namePrefix,
        hscn: network.hscn,
        directConnectGatewayAsn: network.directConnectGatewayAsn,
        hub: this.hub,
      });
      this.hscnEntitlement = new HscnEntitlementList(this, 'hscn-entitlement', { namePrefix, maxEntries: HSCN_ENTITLED_LIST_MAX_ENTRIES });
    }

    this.gateway = new GatewayVpc(this, 'gateway', {
      namePrefix,
      layout: gatewayVpcLayout(config),
      workloadPool: network.workloadPool,
      transitGatewayId: this.hub.transitGateway.id,
      hscnPrefixListId: this.hscnEdge?.prefixList.id,
      firewallRuleGroups: firewallRuleGroups(config, accounts),
      firewallIpSetReferenceArns: this.hscnEntitlement ? { [HSCN_ENTITLED_REFERENCE]: this.hscnEntitlement.prefixList.arn } : undefined,
      logBucketName: logBucket,
      flowLogDestinationArn: networkLogDestinationArn(logBucket, NETWORK_LOG_DESTINATIONS.vpcFlowLogs),
    });
    this.hub.connectGateway(this.gateway.attachment.id, network.hscn?.allocation);

    if (network.hscn) {
      this.hscnDns = new HscnDns(this, 'hscn-dns', {
        namePrefix,
        vpcId: this.gateway.vpc.id,
        subnetIds: this.gateway.hscnSubnets.map((subnet) => subnet.id),
        dnsServers: network.hscn.dnsServers,
        forwardedDomains: network.hscn.forwardedDomains,
      });
    }

    this.awsEndpoints = new CentralAwsEndpoints(this, 'aws-endpoints', {
      namePrefix,
      region: config.homeRegion,
      vpcId: this.gateway.vpc.id,
      subnetIds: this.gateway.endpointSubnets.map((subnet) => subnet.id),
      services: network.awsEndpoints.services,
      workloadPool: network.workloadPool,
      organizationId: props.organizationId,
    });
    this.dnsFirewall = new DnsFirewall(this, 'dns-firewall', { namePrefix, vpcId: this.gateway.vpc.id, rules: dnsFirewallRules(config) });
    this.dnsProfile = new DnsProfile(this, 'dns-profile', {
      namePrefix,
      hostedZones: this.awsEndpoints.endpoints.map(({ service, zone }) => ({ key: service.replace(/\./g, '-'), arn: zone.arn })),
      firewallRuleGroupArn: this.dnsFirewall.ruleGroup.arn,
      workloadsOuArn: props.workloadsOuArn,
    });

    this.queryLogging = new ResolverQueryLogging(this, 'resolver-query-logging', {
      namePrefix,
      destinationArn: networkLogDestinationArn(logBucket, NETWORK_LOG_DESTINATIONS.resolverQueryLogs),
      vpcIds: [this.gateway.vpc.id],
      workloadsOuArn: props.workloadsOuArn,
    });

    this.alerts = new AlertTopic(this, 'alerts', {
      provider: this.homeProvider,
      region: config.homeRegion,
      accountId: props.accountId,
      topicName: `${namePrefix}-lz-network-alerts`,
      keyAliasName: `alias/${namePrefix}-lz-alerts`,
      emails: config.logging.alertEmails,
    });
    this.alerts.route(
      'hub-routing-changes',
      'A Transit Gateway route, propagation or association was changed by anyone but the execution role',
      hubRoutingChangePattern(config.roles.execution),
    );
  }

  /** Resolver FORWARD rule IDs by domain, for entitled spokes to associate. */
  get resolverRuleIds(): Record<string, string> {
    return Object.fromEntries([...(this.hscnDns?.rules ?? new Map())].map(([domain, rule]) => [domain, rule.id]));
  }
}

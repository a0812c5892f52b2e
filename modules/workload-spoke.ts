// A workload account's spoke VPC: private subnets only, every packet that leaves it goes to the
// Transit Gateway (and from there only to the gateway VPC). No internet gateway, no NAT, default
// security group closed, flow logs to the log archive. A suspended account keeps its VPC but loses
// its attachment, so it is isolated.
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { Ec2TransitGatewayVpcAttachment } from '@cdktf/provider-aws/lib/ec2-transit-gateway-vpc-attachment';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { Route } from '@cdktf/provider-aws/lib/route';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { Route53ProfilesAssociation } from '@cdktf/provider-aws/lib/route53profiles-association';
import { Route53ResolverFirewallConfig } from '@cdktf/provider-aws/lib/route53-resolver-firewall-config';
import { Route53ResolverQueryLogConfigAssociation } from '@cdktf/provider-aws/lib/route53-resolver-query-log-config-association';
import { Route53ResolverRuleAssociation } from '@cdktf/provider-aws/lib/route53-resolver-rule-association';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { AdminPortsClosedNetworkAcl } from './admin-ports-closed-network-acl';
import type { SpokeLayout } from '../lib/network/layout';
import { flowLogToArchive } from '../lib/logging/flow-logs';

export interface WorkloadSpokeProps {
  readonly name: string;
  readonly layout: SpokeLayout;
  /** False for a suspended account: no attachment, no route out, no HSCN DNS, no shared query logging. */
  readonly attached: boolean;
  /** The hub's Transit Gateway (network stack), shared with the Workloads OU. */
  readonly transitGatewayId: string;
  /** Shared HSCN resolver rules to associate; empty unless the account is entitled and active. */
  readonly resolverRuleIds: Readonly<Record<string, string>>;
  /**
   * The resource that shares those rules with this account: the associations wait for it.
   * @default nothing to wait for
   */
  readonly resolverRulesSharedBy?: ITerraformDependable;
  /** Shared Resolver query-log configuration (network stack); associated only while attached. */
  readonly queryLogConfigId: string;
  /** The estate's Route 53 Profile (network stack): central AWS endpoint names and DNS Firewall; associated only while attached. */
  readonly dnsProfileId: string;
  /** S3 ARN (bucket and prefix) in the log archive. */
  readonly flowLogDestinationArn: string;
}

export class WorkloadSpoke extends Construct {
  readonly vpc: Vpc;
  readonly attachment?: Ec2TransitGatewayVpcAttachment;

  constructor(scope: Construct, id: string, props: WorkloadSpokeProps) {
    super(scope, id);
    const { layout, name } = props;
    this.vpc = new Vpc(this, 'vpc', { cidrBlock: layout.vpcCidr, enableDnsSupport: true, enableDnsHostnames: true, tags: { Name: name } });
    new DefaultSecurityGroup(this, 'default-security-group', {
      vpcId: this.vpc.id,
      ingress: [],
      egress: [],
      tags: { Name: `${name}-default-closed` },
    });
    new AdminPortsClosedNetworkAcl(this, 'default-network-acl', {
      defaultNetworkAclId: this.vpc.defaultNetworkAclId,
      name: `${name}-default`,
    });

    const subnet = (purpose: 'private' | 'tgw', zoneId: string, cidrBlock: string) =>
      new Subnet(this, `subnet-${purpose}-${zoneId}`, {
        vpcId: this.vpc.id,
        cidrBlock,
        availabilityZoneId: zoneId,
        tags: { Name: `${name}-${purpose}-${zoneId}` },
      });
    const privateSubnets = layout.private.map((zone) => subnet('private', zone.zoneId, zone.cidr));
    const tgwSubnets = layout.tgw.map((zone) => subnet('tgw', zone.zoneId, zone.cidr));

    const privateTable = new RouteTable(this, 'route-table-private', { vpcId: this.vpc.id, tags: { Name: `${name}-private` } });
    privateSubnets.forEach(
      (s, index) =>
        new RouteTableAssociation(this, `route-table-private-association-${layout.private[index].zoneId}`, {
          subnetId: s.id,
          routeTableId: privateTable.id,
        }),
    );
    // The attachment subnets get a table of their own with only the local route, never the main table.
    const tgwTable = new RouteTable(this, 'route-table-tgw', { vpcId: this.vpc.id, tags: { Name: `${name}-tgw` } });
    tgwSubnets.forEach(
      (s, index) =>
        new RouteTableAssociation(this, `route-table-tgw-association-${layout.tgw[index].zoneId}`, {
          subnetId: s.id,
          routeTableId: tgwTable.id,
        }),
    );

    if (props.attached) {
      this.attachment = new Ec2TransitGatewayVpcAttachment(this, 'attachment', {
        transitGatewayId: props.transitGatewayId,
        vpcId: this.vpc.id,
        subnetIds: tgwSubnets.map((s) => s.id),
        dnsSupport: 'enable',
        // Association and propagation are left to the hub's defaults (spokes / gateway): a shared
        // Transit Gateway does not let the attaching account choose.
        tags: { Name: name },
      });
      new Route(this, 'route-private-default-to-tgw', {
        routeTableId: privateTable.id,
        destinationCidrBlock: '0.0.0.0/0',
        transitGatewayId: props.transitGatewayId,
        dependsOn: [this.attachment],
      });
      for (const [domain, ruleId] of Object.entries(props.resolverRuleIds)) {
        new Route53ResolverRuleAssociation(this, `resolver-rule-${domain.replace(/\./g, '-')}`, {
          resolverRuleId: ruleId,
          vpcId: this.vpc.id,
          name: `${name}-${domain.replace(/\./g, '-')}`,
          dependsOn: props.resolverRulesSharedBy ? [props.resolverRulesSharedBy] : undefined,
        });
      }
      // Only while attached: the query-log configuration is shared with the Workloads OU, and when a
      // suspended account leaves it Route 53 disassociates the VPC itself, so a kept association
      // would fail every later apply of this stack.
      new Route53ResolverQueryLogConfigAssociation(this, 'resolver-query-logging', {
        resolverQueryLogConfigId: props.queryLogConfigId,
        resourceId: this.vpc.id,
      });
      // The same holds for the Route 53 Profile: AWS APIs resolve to the central endpoints and every
      // query meets the DNS Firewall. Suspended, the account has no route anywhere, so neither matters.
      new Route53ProfilesAssociation(this, 'dns-profile', { name, profileId: props.dnsProfileId, resourceId: this.vpc.id });
      // Fail-closed, as in the gateway VPC (ADR 0623): a query DNS Firewall cannot judge is refused.
      new Route53ResolverFirewallConfig(this, 'dns-firewall-fail-closed', { resourceId: this.vpc.id, firewallFailOpen: 'DISABLED' });
    }

    new FlowLog(this, 'flow-log', {
      vpcId: this.vpc.id,
      ...flowLogToArchive(props.flowLogDestinationArn),
      tags: { Name: name },
    });
  }
}

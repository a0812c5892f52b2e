// The gateway VPC: the only place where traffic leaves the estate, to the internet or to HSCN,
// always through the firewall first. Routing is per zone (docs/hscn-gateway.md), and nothing
// internet-bound is ever routed to the Transit Gateway, so no HSCN route, however broad, can carry
// internet traffic.
import { Ec2TransitGatewayVpcAttachment } from '@cdktf/provider-aws/lib/ec2-transit-gateway-vpc-attachment';
import { Eip } from '@cdktf/provider-aws/lib/eip';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import { Route } from '@cdktf/provider-aws/lib/route';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { VpcIpv4CidrBlockAssociation } from '@cdktf/provider-aws/lib/vpc-ipv4-cidr-block-association';
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { Construct } from 'constructs';
import { AdminPortsClosedNetworkAcl } from './admin-ports-closed-network-acl';
import type { FirewallRuleGroupSpec } from '../lib/network/firewall-rules';
import type { GatewayVpcLayout, ZoneSubnet } from '../lib/network/layout';
import { EgressFirewall } from './egress-firewall';
import { flowLogToArchive } from '../lib/logging/flow-logs';

export interface GatewayVpcProps {
  readonly namePrefix: string;
  readonly layout: GatewayVpcLayout;
  readonly workloadPool: string;
  readonly transitGatewayId: string;
  /** Managed prefix list of HSCN destinations; required when the layout has HSCN subnets. */
  readonly hscnPrefixListId?: string;
  readonly firewallRuleGroups: readonly FirewallRuleGroupSpec[];
  /**
   * Prefix-list ARN of each IP set reference the rule groups name (the HSCN entitlement list).
   * @default none
   */
  readonly firewallIpSetReferenceArns?: Readonly<Record<string, string>>;
  readonly logBucketName: string;
  readonly flowLogDestinationArn: string;
}

type Purpose = 'tgw' | 'firewall' | 'hscn' | 'public' | 'endpoints';

export class GatewayVpc extends Construct {
  readonly vpc: Vpc;
  readonly attachment: Ec2TransitGatewayVpcAttachment;
  readonly firewall: EgressFirewall;
  /** HSCN-numbered subnets, where the private NAT gateways and the resolver endpoint live. */
  readonly hscnSubnets: Subnet[] = [];
  /** Subnets of the central AWS interface endpoints (one per zone); empty when none is configured. */
  readonly endpointSubnets: Subnet[] = [];
  private readonly namePrefix: string;

  constructor(scope: Construct, id: string, props: GatewayVpcProps) {
    super(scope, id);
    const { layout, namePrefix } = props;
    this.namePrefix = namePrefix;
    this.vpc = new Vpc(this, 'vpc', {
      cidrBlock: layout.vpcCidr,
      enableDnsSupport: true,
      enableDnsHostnames: true,
      tags: { Name: `${namePrefix}-gateway` },
    });
    new DefaultSecurityGroup(this, 'default-security-group', {
      vpcId: this.vpc.id,
      ingress: [],
      egress: [],
      tags: { Name: `${namePrefix}-gateway-default-closed` },
    });
    new AdminPortsClosedNetworkAcl(this, 'default-network-acl', {
      defaultNetworkAclId: this.vpc.defaultNetworkAclId,
      name: `${namePrefix}-gateway-default`,
    });
    // Subnets in the secondary CIDR must wait for its association; taking the VPC ID from the
    // association makes that dependency explicit.
    const hscnCidr = layout.hscnCidr
      ? new VpcIpv4CidrBlockAssociation(this, 'hscn-cidr', { vpcId: this.vpc.id, cidrBlock: layout.hscnCidr })
      : undefined;

    const subnets = (purpose: Purpose, list: readonly ZoneSubnet[]): Subnet[] =>
      list.map(
        (zone) =>
          new Subnet(this, `subnet-${purpose}-${zone.zoneId}`, {
            vpcId: purpose === 'hscn' && hscnCidr ? hscnCidr.vpcId : this.vpc.id,
            cidrBlock: zone.cidr,
            availabilityZoneId: zone.zoneId,
            tags: { Name: `${namePrefix}-gateway-${purpose}-${zone.zoneId}` },
          }),
      );
    const tgwSubnets = subnets('tgw', layout.tgw);
    const firewallSubnets = subnets('firewall', layout.firewall);
    const publicSubnets = subnets('public', layout.public);
    this.hscnSubnets.push(...subnets('hscn', layout.hscn));
    this.endpointSubnets.push(...subnets('endpoints', layout.endpoints));

    this.attachment = new Ec2TransitGatewayVpcAttachment(this, 'attachment', {
      transitGatewayId: props.transitGatewayId,
      vpcId: this.vpc.id,
      subnetIds: tgwSubnets.map((subnet) => subnet.id),
      // Both directions of a flow through the same zone's firewall endpoint (stateful inspection).
      applianceModeSupport: 'enable',
      dnsSupport: 'enable',
      // Associated explicitly with `gateway`; nothing needs the gateway VPC's CIDRs in any table.
      transitGatewayDefaultRouteTableAssociation: false,
      transitGatewayDefaultRouteTablePropagation: false,
      tags: { Name: `${namePrefix}-gateway` },
    });

    this.firewall = new EgressFirewall(this, 'firewall', {
      namePrefix,
      vpcId: this.vpc.id,
      subnetIds: firewallSubnets.map((subnet) => subnet.id),
      ruleGroups: props.firewallRuleGroups,
      ipSetReferenceArns: props.firewallIpSetReferenceArns,
      homeNet: [props.workloadPool],
      logBucketName: props.logBucketName,
    });

    // The estate's only internet gateway.
    const internetGateway = new InternetGateway(this, 'internet-gateway', { vpcId: this.vpc.id, tags: { Name: `${namePrefix}-gateway` } });
    const publicNat = publicSubnets.map((subnet, index) => {
      const zoneId = layout.public[index].zoneId;
      const eip = new Eip(this, `public-nat-eip-${zoneId}`, { domain: 'vpc', tags: { Name: `${namePrefix}-public-nat-${zoneId}` } });
      return new NatGateway(this, `public-nat-${zoneId}`, {
        subnetId: subnet.id,
        allocationId: eip.allocationId,
        connectivityType: 'public',
        tags: { Name: `${namePrefix}-public-nat-${zoneId}` },
        dependsOn: [internetGateway],
      });
    });
    const privateNat = this.hscnSubnets.map(
      (subnet, index) =>
        new NatGateway(this, `hscn-nat-${layout.hscn[index].zoneId}`, {
          subnetId: subnet.id,
          // Source-translates spokes to the HSCN allocation: HSCN only ever sees these addresses.
          connectivityType: 'private',
          tags: { Name: `${namePrefix}-hscn-nat-${layout.hscn[index].zoneId}` },
        }),
    );

    layout.tgw.forEach((zone, index) => {
      const endpoint = this.firewall.endpointIdFor(firewallSubnets[index].id);
      const hscnIndex = privateNat.length > 0 ? index % privateNat.length : -1;

      const tgwTable = this.routeTable('tgw', zone.zoneId, [tgwSubnets[index]]);
      this.route(tgwTable, 'default-to-firewall', { destinationCidrBlock: '0.0.0.0/0', vpcEndpointId: endpoint });

      const firewallTable = this.routeTable('firewall', zone.zoneId, [firewallSubnets[index]]);
      this.route(firewallTable, 'default-to-public-nat', { destinationCidrBlock: '0.0.0.0/0', natGatewayId: publicNat[index].id });
      this.route(firewallTable, 'pool-to-tgw', {
        destinationCidrBlock: props.workloadPool,
        transitGatewayId: props.transitGatewayId,
        dependsOn: [this.attachment],
      });
      if (props.hscnPrefixListId && hscnIndex >= 0) {
        this.route(firewallTable, 'hscn-to-private-nat', {
          destinationPrefixListId: props.hscnPrefixListId,
          natGatewayId: privateNat[hscnIndex].id,
        });
      }

      const publicTable = this.routeTable('public', zone.zoneId, [publicSubnets[index]]);
      this.route(publicTable, 'default-to-internet-gateway', { destinationCidrBlock: '0.0.0.0/0', gatewayId: internetGateway.id });
      this.route(publicTable, 'pool-to-firewall', { destinationCidrBlock: props.workloadPool, vpcEndpointId: endpoint });
    });

    layout.hscn.forEach((zone, index) => {
      const endpoint = this.firewall.endpointIdFor(firewallSubnets[index].id);
      const hscnTable = this.routeTable('hscn', zone.zoneId, [this.hscnSubnets[index]]);
      if (props.hscnPrefixListId) {
        this.route(hscnTable, 'hscn-to-tgw', {
          destinationPrefixListId: props.hscnPrefixListId,
          transitGatewayId: props.transitGatewayId,
          dependsOn: [this.attachment],
        });
      }
      // Return traffic to spokes is inspected on its way back.
      this.route(hscnTable, 'pool-to-firewall', { destinationCidrBlock: props.workloadPool, vpcEndpointId: endpoint });
    });

    // Spokes reach the AWS endpoints through the Transit Gateway and the TGW subnets' local route, not
    // through the firewall: the endpoint policy and security group are the controls there, and the
    // firewall cannot read inside TLS either. Replies go straight back to the Transit Gateway.
    layout.endpoints.forEach((zone, index) => {
      const endpointTable = this.routeTable('endpoints', zone.zoneId, [this.endpointSubnets[index]]);
      this.route(endpointTable, 'pool-to-tgw', {
        destinationCidrBlock: props.workloadPool,
        transitGatewayId: props.transitGatewayId,
        dependsOn: [this.attachment],
      });
    });

    new FlowLog(this, 'flow-log', {
      vpcId: this.vpc.id,
      ...flowLogToArchive(props.flowLogDestinationArn),
      tags: { Name: `${namePrefix}-gateway` },
    });
  }

  private routeTable(purpose: Purpose, zoneId: string, subnets: readonly Subnet[]): RouteTable {
    const table = new RouteTable(this, `route-table-${purpose}-${zoneId}`, {
      vpcId: this.vpc.id,
      tags: { Name: `${this.namePrefix}-gateway-${purpose}-${zoneId}` },
    });
    subnets.forEach(
      (subnet, index) =>
        new RouteTableAssociation(this, `route-table-${purpose}-${zoneId}-association-${index}`, {
          subnetId: subnet.id,
          routeTableId: table.id,
        }),
    );
    return table;
  }

  private route(table: RouteTable, name: string, target: Omit<ConstructorParameters<typeof Route>[2], 'routeTableId'>): void {
    new Route(this, `${table.node.id}-${name}`, { routeTableId: table.id, ...target });
  }
}

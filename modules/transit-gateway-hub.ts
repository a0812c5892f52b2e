// The Transit Gateway hub and its three route tables (docs/hscn-gateway.md, ADR 0300). Spokes attach with no
// change here: their attachments land in `spokes` and propagate into `gateway` by default, which is
// why the defaults are redirected rather than disabled. Only the gateway, Direct Connect and VPN
// attachments are associated explicitly, each with its own table.
import { Ec2TransitGateway } from '@cdktf/provider-aws/lib/ec2-transit-gateway';
import { Ec2TransitGatewayDefaultRouteTableAssociation } from '@cdktf/provider-aws/lib/ec2-transit-gateway-default-route-table-association';
import { Ec2TransitGatewayDefaultRouteTablePropagation } from '@cdktf/provider-aws/lib/ec2-transit-gateway-default-route-table-propagation';
import { Ec2TransitGatewayRoute } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route';
import { Ec2TransitGatewayRouteTable } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route-table';
import { Ec2TransitGatewayRouteTableAssociation } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route-table-association';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { RamPrincipalAssociation } from '@cdktf/provider-aws/lib/ram-principal-association';
import { RamResourceAssociation } from '@cdktf/provider-aws/lib/ram-resource-association';
import { RamResourceShare } from '@cdktf/provider-aws/lib/ram-resource-share';
import { Construct } from 'constructs';
import { PRIVATE_SUPERNETS } from '../lib/network/layout';
import { flowLogToArchive } from '../lib/logging/flow-logs';

export interface TransitGatewayHubProps {
  readonly namePrefix: string;
  readonly amazonSideAsn: number;
  /** ARN of the Workloads OU: every vended account can attach without a change here. */
  readonly workloadsOuArn: string;
  readonly workloadPool: string;
  /** Configured HSCN destinations; spokes send them to the gateway like everything else. */
  readonly hscnPrefixes: readonly string[];
  /** CIDRs of suspended accounts: blackholed in `gateway` even if an attachment reappears. */
  readonly suspendedCidrs: readonly string[];
  /** S3 ARN (bucket and prefix) for the Transit Gateway flow logs. */
  readonly flowLogDestinationArn: string;
}

export type HubRouteTableName = 'spokes' | 'gateway' | 'hscn-transport';

export class TransitGatewayHub extends Construct {
  readonly transitGateway: Ec2TransitGateway;
  readonly routeTables: Readonly<Record<HubRouteTableName, Ec2TransitGatewayRouteTable>>;
  /**
   * The redirect of default association (to `spokes`) and propagation (to `gateway`). An attachment
   * created before it lands in the table AWS created with the Transit Gateway instead, so every
   * attachment made in this stack (Direct Connect, VPN) depends on these.
   */
  readonly defaultRouting: readonly [Ec2TransitGatewayDefaultRouteTableAssociation, Ec2TransitGatewayDefaultRouteTablePropagation];
  private readonly props: TransitGatewayHubProps;

  constructor(scope: Construct, id: string, props: TransitGatewayHubProps) {
    super(scope, id);
    this.props = props;
    this.transitGateway = new Ec2TransitGateway(this, 'transit-gateway', {
      description: `${props.namePrefix} landing-zone hub`,
      amazonSideAsn: props.amazonSideAsn,
      autoAcceptSharedAttachments: 'enable',
      // Enabled so that a spoke needs nothing from the hub; redirected below to our tables.
      defaultRouteTableAssociation: 'enable',
      defaultRouteTablePropagation: 'enable',
      dnsSupport: 'enable',
      vpnEcmpSupport: 'enable',
      tags: { Name: `${props.namePrefix}-hub` },
    });
    const table = (name: HubRouteTableName) =>
      new Ec2TransitGatewayRouteTable(this, `route-table-${name}`, { transitGatewayId: this.transitGateway.id, tags: { Name: `${props.namePrefix}-${name}` } });
    this.routeTables = { spokes: table('spokes'), gateway: table('gateway'), 'hscn-transport': table('hscn-transport') };

    this.defaultRouting = [
      new Ec2TransitGatewayDefaultRouteTableAssociation(this, 'default-association-spokes', {
        transitGatewayId: this.transitGateway.id,
        transitGatewayRouteTableId: this.routeTables.spokes.id,
      }),
      new Ec2TransitGatewayDefaultRouteTablePropagation(this, 'default-propagation-gateway', {
        transitGatewayId: this.transitGateway.id,
        transitGatewayRouteTableId: this.routeTables.gateway.id,
      }),
    ];

    // Spokes never reach one another: the pool and every private supernet are blackholed, except
    // HSCN prefixes (some sit inside 10/8), which are routed to the gateway explicitly below.
    const hscn = new Set(props.hscnPrefixes);
    for (const destination of [props.workloadPool, ...PRIVATE_SUPERNETS].filter((cidr) => !hscn.has(cidr))) {
      this.blackhole('spokes', destination);
    }
    // A default route learned from HSCN is never used: static beats propagated for the same prefix.
    this.blackhole('gateway', '0.0.0.0/0');
    for (const suspended of props.suspendedCidrs) this.blackhole('gateway', suspended);

    const share = new RamResourceShare(this, 'share', { name: `${props.namePrefix}-transit-gateway`, allowExternalPrincipals: false });
    new RamResourceAssociation(this, 'share-transit-gateway', { resourceShareArn: share.arn, resourceArn: this.transitGateway.arn });
    new RamPrincipalAssociation(this, 'share-workloads-ou', { resourceShareArn: share.arn, principal: props.workloadsOuArn });

    new FlowLog(this, 'flow-log', {
      transitGatewayId: this.transitGateway.id,
      ...flowLogToArchive(props.flowLogDestinationArn),
      // Transit Gateway flow logs accept only the one-minute interval.
      maxAggregationInterval: 60,
      tags: { Name: `${props.namePrefix}-hub` },
    });
  }

  private blackhole(table: HubRouteTableName, destination: string): void {
    new Ec2TransitGatewayRoute(this, `${table}-blackhole-${destination.replace(/[./]/g, '-')}`, {
      transitGatewayRouteTableId: this.routeTables[table].id,
      destinationCidrBlock: destination,
      blackhole: true,
    });
  }

  /**
   * The gateway VPC attachment: associated with `gateway`, the target of the spokes' default and
   * HSCN routes, and the only route out of `hscn-transport` (the HSCN allocation).
   */
  connectGateway(attachmentId: string, hscnAllocation?: string): void {
    new Ec2TransitGatewayRouteTableAssociation(this, 'gateway-association', {
      transitGatewayAttachmentId: attachmentId,
      transitGatewayRouteTableId: this.routeTables.gateway.id,
    });
    const route = (table: HubRouteTableName, destination: string) =>
      new Ec2TransitGatewayRoute(this, `${table}-to-gateway-${destination.replace(/[./]/g, '-')}`, {
        transitGatewayRouteTableId: this.routeTables[table].id,
        destinationCidrBlock: destination,
        transitGatewayAttachmentId: attachmentId,
      });
    route('spokes', '0.0.0.0/0');
    for (const prefix of this.props.hscnPrefixes) route('spokes', prefix);
    if (hscnAllocation) route('hscn-transport', hscnAllocation);
  }

  /** Direct Connect and VPN attachments: moved from the default (`spokes`) to `hscn-transport`. */
  associateEdge(id: string, attachmentId: string): Ec2TransitGatewayRouteTableAssociation {
    return new Ec2TransitGatewayRouteTableAssociation(this, `${id}-association`, {
      transitGatewayAttachmentId: attachmentId,
      transitGatewayRouteTableId: this.routeTables['hscn-transport'].id,
      replaceExistingAssociation: true,
    });
  }
}

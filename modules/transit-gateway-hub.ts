// The Transit Gateway hub and its route tables (docs/hscn-gateway.md, ADR 0300, ADR 0620). A spoke attaches
// with no change here: its attachment lands in `spokes` (no HSCN) and propagates into `advertised`, a
// table nothing is associated with, so what a spoke advertises (a secondary CIDR included) is never
// routed. Return routes to spokes in `gateway` and the move of entitled spokes to `spokes-hscn` are
// static and come from configuration (stacks/network-routes-stack.ts). The gateway, Direct Connect and
// VPN attachments are associated explicitly, each with its own table; only Direct Connect and the VPN
// propagate into `gateway` (what HSCN advertises).
import { Ec2TransitGateway } from '@cdktf/provider-aws/lib/ec2-transit-gateway';
import { Ec2TransitGatewayDefaultRouteTableAssociation } from '@cdktf/provider-aws/lib/ec2-transit-gateway-default-route-table-association';
import { Ec2TransitGatewayDefaultRouteTablePropagation } from '@cdktf/provider-aws/lib/ec2-transit-gateway-default-route-table-propagation';
import { Ec2TransitGatewayRoute } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route';
import { Ec2TransitGatewayRouteTable } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route-table';
import { Ec2TransitGatewayRouteTableAssociation } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route-table-association';
import { Ec2TransitGatewayRouteTablePropagation } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route-table-propagation';
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
  /** Configured HSCN destinations: routed to the gateway from `spokes-hscn`, blackholed in `spokes`. */
  readonly hscnPrefixes: readonly string[];
  /** CIDRs of suspended accounts: blackholed in `gateway` even if an attachment reappears. */
  readonly suspendedCidrs: readonly string[];
  /** S3 ARN (bucket and prefix) for the Transit Gateway flow logs. */
  readonly flowLogDestinationArn: string;
}

/**
 * `spokes`: every spoke's default association, no HSCN. `spokes-hscn`: entitled spokes only. `gateway`:
 * the gateway VPC's table. `hscn-transport`: Direct Connect and VPN. `advertised`: where spokes' CIDRs
 * propagate by default; no attachment is associated with it, so nothing is ever routed by it.
 */
export type HubRouteTableName = 'spokes' | 'spokes-hscn' | 'gateway' | 'hscn-transport' | 'advertised';

/** The tables a spoke attachment can be associated with, by entitlement. */
export const SPOKE_TABLE: Readonly<Record<'entitled' | 'notEntitled', HubRouteTableName>> = {
  entitled: 'spokes-hscn',
  notEntitled: 'spokes',
};

export class TransitGatewayHub extends Construct {
  readonly transitGateway: Ec2TransitGateway;
  readonly routeTables: Readonly<Record<HubRouteTableName, Ec2TransitGatewayRouteTable>>;
  /**
   * The redirect of default association (to `spokes`) and propagation (to `advertised`). An attachment
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
      new Ec2TransitGatewayRouteTable(this, `route-table-${name}`, {
        transitGatewayId: this.transitGateway.id,
        tags: { Name: `${props.namePrefix}-${name}` },
      });
    this.routeTables = {
      spokes: table('spokes'),
      'spokes-hscn': table('spokes-hscn'),
      gateway: table('gateway'),
      'hscn-transport': table('hscn-transport'),
      advertised: table('advertised'),
    };

    this.defaultRouting = [
      new Ec2TransitGatewayDefaultRouteTableAssociation(this, 'default-association-spokes', {
        transitGatewayId: this.transitGateway.id,
        transitGatewayRouteTableId: this.routeTables.spokes.id,
      }),
      // Not `gateway`: a propagated spoke CIDR would route whatever range the spoke's account adds
      // (ADR 0620). `advertised` is associated with nothing, so what lands there is never used.
      new Ec2TransitGatewayDefaultRouteTablePropagation(this, 'default-propagation-advertised', {
        transitGatewayId: this.transitGateway.id,
        transitGatewayRouteTableId: this.routeTables.advertised.id,
      }),
    ];

    // Spokes never reach one another: the pool and every private supernet are blackholed in both spoke
    // tables. Entitled spokes (`spokes-hscn`) reach HSCN prefixes (some sit inside 10/8) by the more
    // specific routes to the gateway below; every other spoke has them blackholed, so entitlement is
    // topology first and the firewall's source-address rules second.
    const hscn = new Set(props.hscnPrefixes);
    for (const destination of [props.workloadPool, ...PRIVATE_SUPERNETS].filter((cidr) => !hscn.has(cidr))) {
      this.blackhole('spokes-hscn', destination);
    }
    for (const destination of new Set([props.workloadPool, ...PRIVATE_SUPERNETS, ...props.hscnPrefixes])) {
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
   * The gateway VPC attachment: associated with `gateway`, the target of the spokes' default route,
   * of the entitled spokes' HSCN routes, and the only route out of `hscn-transport` (the HSCN allocation).
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
    route('spokes-hscn', '0.0.0.0/0');
    for (const prefix of this.props.hscnPrefixes) route('spokes-hscn', prefix);
    if (hscnAllocation) route('hscn-transport', hscnAllocation);
  }

  /**
   * Direct Connect and VPN attachments: moved from the default (`spokes`) to `hscn-transport`, and
   * propagated into `gateway` (the default propagation goes to `advertised`), so that the gateway VPC
   * learns what HSCN advertises.
   */
  associateEdge(id: string, attachmentId: string): Ec2TransitGatewayRouteTableAssociation {
    new Ec2TransitGatewayRouteTablePropagation(this, `${id}-propagation-gateway`, {
      transitGatewayAttachmentId: attachmentId,
      transitGatewayRouteTableId: this.routeTables.gateway.id,
    });
    return new Ec2TransitGatewayRouteTableAssociation(this, `${id}-association`, {
      transitGatewayAttachmentId: attachmentId,
      transitGatewayRouteTableId: this.routeTables['hscn-transport'].id,
      replaceExistingAssociation: true,
    });
  }
}

// The hub's side of each attached spoke, from configuration (ADR 0620): the spoke's attachment is
// associated with `spokes-hscn` when the account is HSCN-entitled and with `spokes` otherwise, and
// `gateway` gets one static route per configured spoke CIDR back to that attachment. Nothing a spoke
// advertises is trusted: the Transit Gateway propagates spokes into `advertised`, which routes nothing,
// so a secondary CIDR added in a workload account is never routed to it.
import { Ec2ManagedPrefixListEntryA } from '@cdktf/provider-aws/lib/ec2-managed-prefix-list-entry';
import { Ec2TransitGatewayRoute } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route';
import { Ec2TransitGatewayRouteTableAssociation } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route-table-association';
import { Construct } from 'constructs';

export interface RoutedSpoke {
  /** Workload account name (used in resource IDs). */
  readonly name: string;
  /** The account's configured CIDR: the only range `gateway` routes back to this spoke. */
  readonly cidr: string;
  /** HSCN-entitled and active: associated with `spokes-hscn` instead of `spokes`. */
  readonly entitled: boolean;
  /** The spoke's Transit Gateway VPC attachment (workload stack, cross-stack reference). */
  readonly attachmentId: string;
}

export interface SpokeRoutingProps {
  /** The hub's `spokes` table: default association, no HSCN routes (network stack). */
  readonly spokesTableId: string;
  /** The hub's `spokes-hscn` table: entitled spokes only (network stack). */
  readonly entitledSpokesTableId: string;
  /** The hub's `gateway` table, associated with the gateway VPC attachment (network stack). */
  readonly gatewayTableId: string;
  /** Every attached (active) spoke; suspended accounts have no attachment and are left out. */
  readonly spokes: readonly RoutedSpoke[];
  /**
   * The firewall's HSCN entitlement prefix list (network stack): each entitled spoke's CIDR becomes
   * one entry, the only source its @HSCN_ENTITLED pass rules allow.
   * @default no HSCN: no entries
   */
  readonly entitledSourcesListId?: string;
}

export class SpokeRouting extends Construct {
  readonly associations: Ec2TransitGatewayRouteTableAssociation[] = [];
  readonly returnRoutes: Ec2TransitGatewayRoute[] = [];
  readonly entitledSources: Ec2ManagedPrefixListEntryA[] = [];

  constructor(scope: Construct, id: string, props: SpokeRoutingProps) {
    super(scope, id);
    for (const spoke of props.spokes) {
      // Explicit for every spoke, not only the entitled ones: revoking entitlement then replaces this
      // association with one to `spokes` (the table ID forces a new association) instead of leaving
      // the attachment associated with nothing. `replace_existing_association` moves the attachment
      // out of the default association it got when the workload stack attached it.
      this.associations.push(
        new Ec2TransitGatewayRouteTableAssociation(this, `association-${spoke.name}`, {
          transitGatewayAttachmentId: spoke.attachmentId,
          transitGatewayRouteTableId: spoke.entitled ? props.entitledSpokesTableId : props.spokesTableId,
          replaceExistingAssociation: true,
        }),
      );
      this.returnRoutes.push(
        new Ec2TransitGatewayRoute(this, `gateway-to-${spoke.name}`, {
          transitGatewayRouteTableId: props.gatewayTableId,
          destinationCidrBlock: spoke.cidr,
          transitGatewayAttachmentId: spoke.attachmentId,
        }),
      );
      // Second lock after the table: the firewall passes HSCN traffic only from these CIDRs.
      if (spoke.entitled && props.entitledSourcesListId) {
        this.entitledSources.push(
          new Ec2ManagedPrefixListEntryA(this, `hscn-entitled-${spoke.name}`, {
            prefixListId: props.entitledSourcesListId,
            cidr: spoke.cidr,
            description: `HSCN-entitled spoke ${spoke.name}`,
          }),
        );
      }
    }
  }
}

// The hub's routes to and from each workload spoke (network account), applied after every workload
// stack because only a workload stack can create its own Transit Gateway attachment (the VPC owner
// attaches). Kept out of the network stack so that the network stack never depends on a workload:
// vending an account leaves it byte-for-byte identical, and changes only this stack (one association,
// one return route and, for an HSCN-entitled account, one entry of the firewall's entitlement prefix
// list). See docs/decisions/0620-structural-hscn-entitlement.md and 0508-vend-touches-four-stacks.md.
import type { Construct } from 'constructs';
import type { LandingZoneConfig } from '../lib/config/schema';
import { SpokeRouting, type RoutedSpoke } from '../modules/spoke-routing';
import { LandingZoneStack } from './landing-zone-stack';

export interface NetworkRoutesStackProps {
  readonly config: LandingZoneConfig;
  /** The network account (literal or organization-stack reference). */
  readonly accountId: string;
  /** The hub's route-table IDs (network stack references). */
  readonly tables: { readonly spokes: string; readonly entitledSpokes: string; readonly gateway: string };
  /**
   * The firewall's HSCN entitlement prefix list (network stack): one entry per entitled spoke is added here.
   * @default no HSCN: no entries
   */
  readonly hscnEntitledSourcesListId?: string;
  /** Every attached spoke, with its attachment (workload stack references). */
  readonly spokes: readonly RoutedSpoke[];
}

export class NetworkRoutesStack extends LandingZoneStack {
  readonly routing: SpokeRouting;

  constructor(scope: Construct, id: string, props: NetworkRoutesStackProps) {
    super(scope, id, { config: props.config, target: { accountId: props.accountId, assumeExecutionRole: true } });
    this.routing = new SpokeRouting(this, 'spoke-routing', {
      spokesTableId: props.tables.spokes,
      entitledSpokesTableId: props.tables.entitledSpokes,
      gatewayTableId: props.tables.gateway,
      spokes: props.spokes,
      entitledSourcesListId: props.hscnEntitledSourcesListId,
    });
  }
}

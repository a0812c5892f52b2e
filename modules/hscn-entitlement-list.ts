// The customer-managed prefix list that the firewall's HSCN entitlement rules refer to (IP set
// reference @HSCN_ENTITLED). It declares no entries: the network-routes stack adds one
// aws_ec2_managed_prefix_list_entry per entitled spoke, and the provider documents that a list with
// in-line entries must not be combined with entry resources (they would overwrite each other).
import { Ec2ManagedPrefixList } from '@cdktf/provider-aws/lib/ec2-managed-prefix-list';
import { Construct } from 'constructs';

export interface HscnEntitlementListProps {
  /** Organization name prefix, for the list's name. */
  readonly namePrefix: string;
  /** Fixed capacity (lib/network/hscn-entitlement.ts): never derived from the estate. */
  readonly maxEntries: number;
}

export class HscnEntitlementList extends Construct {
  readonly prefixList: Ec2ManagedPrefixList;

  constructor(scope: Construct, id: string, props: HscnEntitlementListProps) {
    super(scope, id);
    this.prefixList = new Ec2ManagedPrefixList(this, 'entitled-sources', {
      name: `${props.namePrefix}-hscn-entitled-sources`,
      addressFamily: 'IPv4',
      maxEntries: props.maxEntries,
      tags: { Name: `${props.namePrefix}-hscn-entitled-sources` },
    });
  }
}

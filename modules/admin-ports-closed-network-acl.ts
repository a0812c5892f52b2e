// Takes over a VPC's default network ACL with lib/network/default-network-acl.ts: everything passes
// except SSH and RDP from anywhere (Security Hub EC2.21). Subnets stay associated as AWS associates
// them, so the subnet list is left to AWS (the provider would otherwise report drift).
import { DefaultNetworkAcl } from '@cdktf/provider-aws/lib/default-network-acl';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Construct } from 'constructs';
import { defaultNetworkAclEgress, defaultNetworkAclIngress, type NetworkAclRule } from '../lib/network/default-network-acl';

export interface AdminPortsClosedNetworkAclProps {
  /** The VPC's default_network_acl_id. */
  readonly defaultNetworkAclId: string;
  /** The Name tag. */
  readonly name: string;
  /**
   * Provider of the VPC's account and Region.
   * @default the stack's default provider
   */
  readonly provider?: AwsProvider;
}

const asRule = (rule: NetworkAclRule) => ({
  ruleNo: rule.ruleNo,
  protocol: rule.protocol,
  fromPort: rule.fromPort,
  toPort: rule.toPort,
  cidrBlock: rule.cidrBlock,
  action: rule.action,
});

export class AdminPortsClosedNetworkAcl extends Construct {
  constructor(scope: Construct, id: string, props: AdminPortsClosedNetworkAclProps) {
    super(scope, id);
    new DefaultNetworkAcl(this, 'acl', {
      provider: props.provider,
      defaultNetworkAclId: props.defaultNetworkAclId,
      ingress: defaultNetworkAclIngress().map(asRule),
      egress: defaultNetworkAclEgress().map(asRule),
      tags: { Name: props.name },
      lifecycle: { ignoreChanges: ['subnet_ids'] },
    });
  }
}

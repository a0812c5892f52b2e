// The default VPC AWS creates in every account and Region, adopted and neutralised rather than deleted
// (docs/decisions/0621-default-vpc-neutralised.md, which supersedes the "leave it" part of ADR 0002):
//   - default security group: no rules (CIS / AWS FSBP EC2.2);
//   - main route table: no routes but the local one. aws_default_route_table removes every route it
//     does not declare when it adopts the table, so the `0.0.0.0/0 -> internet gateway` route AWS put
//     there goes, and the default subnets (which use the main table) have no way to the internet
//     whatever public IP an instance gets;
//   - default network ACL: no rules, so only the implicit deny-all entries remain, in and out;
//   - flow logs to the log archive, so that any traffic that does appear is on record.
// The internet gateway stays attached but unrouted: Terraform can only address it by import, and a
// detach would need its ID. VPC Block Public Access (an EC2 declarative policy, guardrails) is what
// stops a workload administrator putting the route back; a later apply of this construct also removes it.
import { DefaultNetworkAcl } from '@cdktf/provider-aws/lib/default-network-acl';
import { DefaultRouteTable } from '@cdktf/provider-aws/lib/default-route-table';
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { DefaultVpc } from '@cdktf/provider-aws/lib/default-vpc';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Construct } from 'constructs';
import { flowLogToArchive } from '../lib/logging/flow-logs';

export interface DefaultVpcLockdownProps {
  /** Provider of the Region whose default VPC this neutralises. */
  readonly provider: AwsProvider;
  /** That Region. */
  readonly region: string;
  /** S3 ARN (bucket and prefix) of the log archive's network bucket in the same Region, for flow logs. */
  readonly flowLogDestinationArn: string;
}

export class DefaultVpcLockdown extends Construct {
  readonly vpc: DefaultVpc;
  readonly routeTable: DefaultRouteTable;
  readonly networkAcl: DefaultNetworkAcl;
  /** Delivers to the log archive; in the log-archive account the stack orders it after its own bucket. */
  readonly flowLog: FlowLog;
  /** The Region of this default VPC (the provider's). */
  readonly region: string;

  constructor(scope: Construct, id: string, props: DefaultVpcLockdownProps) {
    super(scope, id);
    const { provider } = props;
    this.region = props.region;
    this.vpc = new DefaultVpc(this, 'vpc', { provider, tags: { Name: 'default-unused' } });
    new DefaultSecurityGroup(this, 'security-group', {
      provider,
      vpcId: this.vpc.id,
      ingress: [],
      egress: [],
      tags: { Name: 'default-closed' },
    });
    // An empty list, not an omitted argument: omitted means "leave existing routes alone".
    this.routeTable = new DefaultRouteTable(this, 'route-table', {
      provider,
      defaultRouteTableId: this.vpc.defaultRouteTableId,
      route: [],
      tags: { Name: 'default-no-routes' },
    });
    this.networkAcl = new DefaultNetworkAcl(this, 'network-acl', {
      provider,
      defaultNetworkAclId: this.vpc.defaultNetworkAclId,
      ingress: [],
      egress: [],
      tags: { Name: 'default-deny-all' },
      // The default subnets are associated with this ACL by AWS; which ones exist is not ours to list.
      lifecycle: { ignoreChanges: ['subnet_ids'] },
    });
    this.flowLog = new FlowLog(this, 'flow-log', {
      provider,
      vpcId: this.vpc.id,
      ...flowLogToArchive(props.flowLogDestinationArn),
      tags: { Name: 'default-vpc' },
    });
  }
}

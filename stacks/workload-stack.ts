// One workload account: its baseline and (from the network issue on) its spoke VPC attached to the
// Transit Gateway hub. One stack per account keeps a vend from touching any other workload.
import type { Construct } from 'constructs';
import type { WorkloadAccountConfig } from '../lib/config/schema';
import { MemberAccountStack, type MemberAccountStackProps } from './member-account-stack';

export interface WorkloadStackProps extends MemberAccountStackProps {
  readonly account: WorkloadAccountConfig;
}

export class WorkloadStack extends MemberAccountStack {
  readonly account: WorkloadAccountConfig;

  constructor(scope: Construct, id: string, props: WorkloadStackProps) {
    super(scope, id, props);
    this.account = props.account;
  }
}

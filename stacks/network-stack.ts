// The Transit Gateway hub, the gateway VPC to the internet and HSCN, the HSCN edge and DNS forwarding (network account).
import type { Construct } from 'constructs';
import { MemberAccountStack, type MemberAccountStackProps } from './member-account-stack';

export type NetworkStackProps = MemberAccountStackProps;

export class NetworkStack extends MemberAccountStack {
  constructor(scope: Construct, id: string, props: NetworkStackProps) {
    super(scope, id, props);
  }
}

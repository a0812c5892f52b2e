// Organization-wide detection and compliance: Config aggregator and conformance packs, GuardDuty, Security Hub, IAM Access Analyzer (security account, delegated administrator).
import type { Construct } from 'constructs';
import { MemberAccountStack, type MemberAccountStackProps } from './member-account-stack';

export type SecurityStackProps = MemberAccountStackProps;

export class SecurityStack extends MemberAccountStack {
  constructor(scope: Construct, id: string, props: SecurityStackProps) {
    super(scope, id, props);
  }
}

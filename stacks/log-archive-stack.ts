// The immutable log archive: KMS keys, Object Lock log buckets, access-log buckets and replication to the second Region (log-archive account).
import type { Construct } from 'constructs';
import { MemberAccountStack, type MemberAccountStackProps } from './member-account-stack';

export type LogArchiveStackProps = MemberAccountStackProps;

export class LogArchiveStack extends MemberAccountStack {
  constructor(scope: Construct, id: string, props: LogArchiveStackProps) {
    super(scope, id, props);
  }
}

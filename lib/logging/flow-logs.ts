// One definition of how every flow log in the estate is delivered, so VPC and Transit Gateway flow
// logs land in the log archive in the same shape (hourly, Hive-compatible partitions for Athena).
import type { FlowLogConfig } from '@cdktf/provider-aws/lib/flow-log';

export function flowLogToArchive(
  destinationArn: string,
): Pick<FlowLogConfig, 'trafficType' | 'logDestinationType' | 'logDestination' | 'destinationOptions'> {
  return {
    trafficType: 'ALL',
    logDestinationType: 's3',
    logDestination: destinationArn,
    destinationOptions: { fileFormat: 'plain-text', hiveCompatiblePartitions: true, perHourPartition: true },
  };
}

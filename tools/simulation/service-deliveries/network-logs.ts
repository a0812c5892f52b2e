// Network logs, all vended logs (delivery.logs.amazonaws.com) to S3: VPC and Transit Gateway flow
// logs, Network Firewall logs and Route 53 Resolver query logs. A destination other than S3 is not
// modelled and fails loudly rather than being skipped.
import type { EstateResource, TerraformJson } from '../synthesized-estate';
import type { DeliveryCheck, DeliveryKind } from './checks';
import { s3Destination, withPrefix } from './destinations';
import { DAY, type DeliveryRequests } from './requests';

/** One flow log (VPC or Transit Gateway), under the key shape its destination options choose. */
export function flowLogDeliveries(requests: DeliveryRequests, flowLog: EstateResource): DeliveryCheck[] {
  const { estate } = requests;
  const { stack, body } = flowLog;
  if (body.log_destination_type !== 's3')
    throw new Error(
      `${stack}/${flowLog.name}: flow logs to ${body.log_destination_type} are not modelled; add them to tools/simulation/service-deliveries/network-logs.ts`,
    );
  const account = estate.accountOf(stack);
  const region = estate.regionOf(stack, body);
  const { bucket, prefix } = s3Destination(estate.resolve(stack, body.log_destination));
  const options = Array.isArray(body.destination_options) ? body.destination_options[0] : body.destination_options;
  const hour = options?.per_hour_partition ? '10/' : '';
  const file = `${account}_vpcflowlogs_${region}_fl-0example_${DAY.compact}T1000Z_0a1b2c3d.log.gz`;
  const key = options?.hive_compatible_partitions
    ? `${prefix}AWSLogs/aws-account-id=${account}/aws-service=vpcflowlogs/aws-region=${region}/year=2026/month=11/day=29/${hour ? 'hour=10/' : ''}${file}`
    : `${prefix}AWSLogs/${account}/vpcflowlogs/${region}/${DAY.path}/${hour}${file}`;
  const kind: DeliveryKind = body.transit_gateway_id ? 'transit-gateway-flow-logs' : 'vpc-flow-logs';
  return requests.vendedLogs(kind, `${kind} ${stack}/${flowLog.name} -> ${bucket}/${prefix}`, stack, region, bucket, [key]);
}

/** Each log destination (alert, flow, TLS) of a firewall's logging configuration. */
export function firewallLogDeliveries(requests: DeliveryRequests, logging: EstateResource): DeliveryCheck[] {
  const { estate } = requests;
  const { stack, body } = logging;
  const account = estate.accountOf(stack);
  const region = estate.regionOf(stack, body);
  const firewallName = estate.resolve(stack, body.firewall_arn).split('/').pop();
  const configs: TerraformJson[] = body.logging_configuration?.log_destination_config ?? [];
  return configs.flatMap((config) => {
    if (config.log_destination_type !== 'S3')
      throw new Error(`${stack}/${logging.name}: firewall logs to ${config.log_destination_type} are not modelled`);
    const bucket = estate.resolve(stack, config.log_destination.bucketName);
    const prefix = withPrefix(config.log_destination.prefix && estate.resolve(stack, config.log_destination.prefix));
    const type = String(config.log_type).toLowerCase();
    const key = `${prefix}AWSLogs/${account}/network-firewall/${type}/${region}/${firewallName}/${DAY.path}/10/${account}_network-firewall_${type}_${region}_${firewallName}_${DAY.compact}1000_0a1b2c3d.log.gz`;
    return requests.vendedLogs(
      'network-firewall-logs',
      `firewall ${type} logs ${stack}/${logging.name} -> ${bucket}/${prefix}`,
      stack,
      region,
      bucket,
      [key],
    );
  });
}

/** A Resolver query log configuration whose destination is a bucket. */
export function resolverQueryLogDeliveries(requests: DeliveryRequests, queryLogs: EstateResource): DeliveryCheck[] {
  const { estate } = requests;
  const { stack, body } = queryLogs;
  const destination = estate.resolve(stack, body.destination_arn);
  if (!destination.startsWith('arn:aws:s3:::'))
    throw new Error(`${stack}/${queryLogs.name}: query logs to ${destination} are not modelled`);
  const account = estate.accountOf(stack);
  const region = estate.regionOf(stack, body);
  const { bucket, prefix } = s3Destination(destination);
  const key = `${prefix}AWSLogs/${account}/vpcdnsquerylogs/vpc-0example/${DAY.path}/${account}_vpcdnsquerylogs_vpc-0example_${DAY.compact}T1000Z_0a1b2c3d.log.gz`;
  return requests.vendedLogs(
    'resolver-query-logs',
    `Resolver query logs ${stack}/${queryLogs.name} -> ${bucket}/${prefix}`,
    stack,
    region,
    bucket,
    [key],
  );
}

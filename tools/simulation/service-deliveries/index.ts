// Every log or data delivery the estate relies on, read from the synthesized stacks, turned into the
// requests AWS really makes for it: the service principal, the object key shape AWS documents, and
// the context keys the service sends. Each request carries the synthesized resource policy it meets
// (bucket, key or topic policy), so evaluating it with tools/simulation/resource-policy.ts says
// whether the delivery would work. A new flow log, trail, channel, alarm or replication rule in any
// stack is covered without touching this folder; an unknown destination shape fails loudly.
//
// One file per delivery family (audit-logs.ts, network-logs.ts, s3.ts, notifications.ts,
// reports.ts) over the shared request builders (requests.ts); what a check is and where AWS
// documents each delivery: checks.ts; the buckets, keys and topics deliveries land in:
// destinations.ts. This index re-exports both.
import type { EstateResource, SynthesizedEstate } from '../synthesized-estate';
import { cloudTrailDeliveries, configDeliveries } from './audit-logs';
import type { DeliveryCheck, DeliveryScope } from './checks';
import type { DeliveryDestinations } from './destinations';
import { firewallLogDeliveries, flowLogDeliveries, resolverQueryLogDeliveries } from './network-logs';
import { alarmToTopicDeliveries, ruleToTopicDeliveries } from './notifications';
import { backupReportDeliveries, macieResultDeliveries } from './reports';
import { DeliveryRequests } from './requests';
import { replicationDeliveries, serverAccessLogDeliveries } from './s3';

export { DELIVERY_REFERENCES, type DeliveryCheck, type DeliveryKind, type DeliveryScope } from './checks';
export { s3Destination } from './destinations';

type DeliveryFamily = (requests: DeliveryRequests, resource: EstateResource) => DeliveryCheck[];

/** The synthesized resource type that makes each delivery, and how its requests are built (in report order). */
const DELIVERIES_BY_RESOURCE_TYPE: readonly (readonly [string, DeliveryFamily])[] = [
  ['aws_cloudtrail', cloudTrailDeliveries],
  ['aws_config_delivery_channel', configDeliveries],
  ['aws_flow_log', flowLogDeliveries],
  ['aws_networkfirewall_logging_configuration', firewallLogDeliveries],
  ['aws_route53_resolver_query_log_config', resolverQueryLogDeliveries],
  ['aws_s3_bucket_logging', serverAccessLogDeliveries],
  ['aws_s3_bucket_replication_configuration', replicationDeliveries],
  ['aws_cloudwatch_metric_alarm', alarmToTopicDeliveries],
  ['aws_cloudwatch_event_target', ruleToTopicDeliveries],
  ['aws_backup_report_plan', backupReportDeliveries],
  ['aws_macie2_classification_export_configuration', macieResultDeliveries],
];

export class ServiceDeliveries {
  private readonly requests: DeliveryRequests;

  constructor(estate: SynthesizedEstate, scope: DeliveryScope) {
    this.requests = new DeliveryRequests(estate, scope);
  }

  /** Every delivery of the estate, as requests to evaluate. */
  checks(): DeliveryCheck[] {
    return DELIVERIES_BY_RESOURCE_TYPE.flatMap(([type, family]) =>
      this.requests.estate.resources(type).flatMap((resource) => family(this.requests, resource)),
    );
  }

  /** The bucket (by name) wherever the estate creates it, with its policy and default KMS key. */
  bucket(name: string): ReturnType<DeliveryDestinations['bucket']> {
    return this.requests.bucket(name);
  }

  /** The key (by key or alias ARN) wherever the estate creates it. */
  key(arn: string): ReturnType<DeliveryDestinations['key']> {
    return this.requests.key(arn);
  }
}

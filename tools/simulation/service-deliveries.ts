// Every log or data delivery the estate relies on, read from the synthesized stacks, turned into the
// requests AWS really makes for it: the service principal, the object key shape AWS documents, and
// the context keys the service sends. Each request carries the synthesized resource policy it meets
// (bucket, key or topic policy), so evaluating it with tools/simulation/resource-policy.ts says
// whether the delivery would work. A new flow log, trail, channel, alarm or replication rule in any
// stack is covered without touching this file; an unknown destination shape fails loudly.
//
// What a check is and where AWS documents each delivery: delivery-checks.ts; the buckets, keys and
// topics deliveries land in: delivery-destinations.ts. This file re-exports both.
import type { PolicyDocument } from '../../lib/iam-policy';
import type { DeliveryCheck, DeliveryKind, DeliveryScope } from './delivery-checks';
import { DeliveryDestinations, type OwnedPolicy, s3Destination, withPrefix } from './delivery-destinations';
import type { ResourceRequest } from './resource-policy';
import type { EstateResource, SynthesizedEstate, TerraformJson } from './synthesized-estate';

export { DELIVERY_REFERENCES, type DeliveryCheck, type DeliveryKind, type DeliveryScope } from './delivery-checks';
export { s3Destination } from './delivery-destinations';

interface RoleIdentity {
  readonly identityPolicies: NonNullable<ResourceRequest['identityPolicies']>;
}

const DAY = { path: '2026/11/29', compact: '20261129' };
const ACL = { 's3:x-amz-acl': 'bucket-owner-full-control' };

export class ServiceDeliveries {
  private readonly destinations: DeliveryDestinations;

  constructor(
    private readonly estate: SynthesizedEstate,
    private readonly scope: DeliveryScope,
  ) {
    this.destinations = new DeliveryDestinations(estate);
  }

  /** Every delivery of the estate, as requests to evaluate. */
  checks(): DeliveryCheck[] {
    return [
      ...this.estate.resources('aws_cloudtrail').flatMap((trail) => this.cloudTrail(trail)),
      ...this.estate.resources('aws_config_delivery_channel').flatMap((channel) => this.config(channel)),
      ...this.estate.resources('aws_flow_log').flatMap((flowLog) => this.flowLog(flowLog)),
      ...this.estate.resources('aws_networkfirewall_logging_configuration').flatMap((logging) => this.firewallLogs(logging)),
      ...this.estate.resources('aws_route53_resolver_query_log_config').flatMap((queryLogs) => this.resolverQueryLogs(queryLogs)),
      ...this.estate.resources('aws_s3_bucket_logging').flatMap((logging) => this.serverAccessLogs(logging)),
      ...this.estate.resources('aws_s3_bucket_replication_configuration').flatMap((replication) => this.replication(replication)),
      ...this.estate.resources('aws_cloudwatch_metric_alarm').flatMap((alarm) => this.alarmToTopic(alarm)),
      ...this.estate.resources('aws_cloudwatch_event_target').flatMap((target) => this.ruleToTopic(target)),
      ...this.estate.resources('aws_backup_report_plan').flatMap((plan) => this.backupReports(plan)),
      ...this.estate
        .resources('aws_macie2_classification_export_configuration')
        .flatMap((exportConfiguration) => this.macieResults(exportConfiguration)),
    ];
  }

  /** The bucket (by name) wherever the estate creates it, with its policy and default KMS key. */
  bucket(name: string): ReturnType<DeliveryDestinations['bucket']> {
    return this.destinations.bucket(name);
  }

  /** The key (by key or alias ARN) wherever the estate creates it. */
  key(arn: string): ReturnType<DeliveryDestinations['key']> {
    return this.destinations.key(arn);
  }

  private put(
    kind: DeliveryKind,
    delivery: string,
    principal: string,
    bucketName: string,
    objectKeys: readonly string[],
    context: Record<string, string>,
    bucketActions: readonly string[],
  ): DeliveryCheck[] {
    const bucket = this.bucket(bucketName);
    const onBucket = (action: string, resource: string, requestContext: Record<string, string>): DeliveryCheck => ({
      kind,
      delivery,
      policy: bucket.name,
      request: {
        principal,
        action,
        resource,
        resourceAccount: bucket.account,
        region: bucket.region,
        context: requestContext,
        resourcePolicy: bucket.document,
      },
    });
    return [
      ...bucketActions.map((action) => onBucket(action, `arn:aws:s3:::${bucketName}`, context)),
      // Every delivering service writes with the bucket-owner-full-control canned ACL.
      ...objectKeys.map((key) => onBucket('s3:PutObject', `arn:aws:s3:::${bucketName}/${key}`, { ...context, ...ACL })),
    ];
  }

  private encrypt(
    kind: DeliveryKind,
    delivery: string,
    principal: string,
    keyArn: string | undefined,
    actions: readonly string[],
    context: Record<string, string>,
  ): DeliveryCheck[] {
    if (!keyArn) return [];
    const key = this.key(keyArn);
    return actions.map((action) => ({
      kind,
      delivery,
      policy: key.name,
      request: {
        principal,
        action,
        resource: key.arn,
        resourceAccount: key.account,
        region: key.region,
        context,
        resourcePolicy: key.document,
      },
    }));
  }

  private cloudTrail(trail: EstateResource): DeliveryCheck[] {
    const { stack, body } = trail;
    const account = this.estate.accountOf(stack);
    const trailArn = this.estate.resolve(stack, `\${aws_cloudtrail.${trail.name}.arn}`);
    const bucket = this.estate.resolve(stack, body.s3_bucket_name);
    const prefix = withPrefix(body.s3_key_prefix && this.estate.resolve(stack, body.s3_key_prefix));
    const organization = body.is_organization_trail === true;
    const accounts = organization ? [account, ...this.scope.accountIds.filter((id) => id !== account)] : [account];
    const regions = body.is_multi_region_trail ? this.scope.regions : [this.estate.regionOf(stack, body)];
    const base = (member: string) => `${prefix}AWSLogs/${organization ? `${this.scope.organizationId}/` : ''}${member}`;
    const context = { 'aws:SourceArn': trailArn, 'aws:SourceAccount': account, 'aws:SourceOrgID': this.scope.organizationId };
    const delivery = `trail ${trailArn} -> ${bucket}`;
    const logKeys = accounts.flatMap((member) =>
      regions.map(
        (region) =>
          `${base(member)}/CloudTrail/${region}/${DAY.path}/${member}_CloudTrail_${region}_${DAY.compact}T1005Z_a1b2c3d4e5f6a7b8.json.gz`,
      ),
    );
    const digestKeys = accounts.flatMap((member) =>
      regions.map(
        (region) =>
          `${base(member)}/CloudTrail-Digest/${region}/${DAY.path}/${member}_CloudTrail-Digest_${region}_${body.name}_${this.estate.regionOf(stack, body)}_${DAY.compact}T1005Z.json.gz`,
      ),
    );
    return [
      ...this.put('cloudtrail', delivery, 'cloudtrail.amazonaws.com', bucket, logKeys, context, ['s3:GetBucketAcl']),
      ...this.put('cloudtrail-digest', delivery, 'cloudtrail.amazonaws.com', bucket, digestKeys, context, []),
      ...this.encrypt(
        'cloudtrail',
        delivery,
        'cloudtrail.amazonaws.com',
        body.kms_key_id && this.estate.resolve(stack, body.kms_key_id),
        ['kms:GenerateDataKey'],
        {
          ...context,
          'kms:EncryptionContext:aws:cloudtrail:arn': trailArn,
        },
      ),
    ];
  }

  private config(channel: EstateResource): DeliveryCheck[] {
    const { stack, body } = channel;
    const account = this.estate.accountOf(stack);
    const region = this.estate.regionOf(stack, body);
    const bucket = this.estate.resolve(stack, body.s3_bucket_name);
    const base = `${withPrefix(body.s3_key_prefix && this.estate.resolve(stack, body.s3_key_prefix))}AWSLogs/${account}/Config`;
    const context = { 'aws:SourceAccount': account, 'aws:SourceOrgID': this.scope.organizationId };
    const delivery = `Config delivery channel of ${stack} in ${region} -> ${bucket}`;
    const keys = [
      `${base}/ConfigWritabilityCheckFile`,
      `${base}/${region}/${DAY.path}/ConfigHistory/${account}_Config_${region}_ConfigHistory_AWS::EC2::VPC_${DAY.compact}T100500Z_${DAY.compact}T110500Z_1.json.gz`,
      `${base}/${region}/${DAY.path}/ConfigSnapshot/${account}_Config_${region}_ConfigSnapshot_${DAY.compact}T100500Z_0a1b2c3d.json.gz`,
    ];
    return [
      ...this.put('config', delivery, 'config.amazonaws.com', bucket, keys, context, ['s3:GetBucketAcl', 's3:ListBucket']),
      ...this.encrypt(
        'config',
        delivery,
        'config.amazonaws.com',
        body.s3_kms_key_arn && this.estate.resolve(stack, body.s3_kms_key_arn),
        ['kms:GenerateDataKey', 'kms:Decrypt'],
        context,
      ),
    ];
  }

  /** Vended logs (delivery.logs.amazonaws.com): bucket checks, the object keys, and the bucket's key. */
  private vendedLogs(
    kind: DeliveryKind,
    delivery: string,
    stack: string,
    region: string,
    bucket: string,
    keys: readonly string[],
  ): DeliveryCheck[] {
    const account = this.estate.accountOf(stack);
    const context = {
      'aws:SourceAccount': account,
      'aws:SourceArn': `arn:aws:logs:${region}:${account}:*`,
      'aws:SourceOrgID': this.scope.organizationId,
    };
    return [
      ...this.put(kind, delivery, 'delivery.logs.amazonaws.com', bucket, keys, context, ['s3:GetBucketAcl', 's3:ListBucket']),
      ...this.encrypt(kind, delivery, 'delivery.logs.amazonaws.com', this.bucket(bucket).kmsKeyArn, ['kms:GenerateDataKey'], context),
    ];
  }

  private flowLog(flowLog: EstateResource): DeliveryCheck[] {
    const { stack, body } = flowLog;
    if (body.log_destination_type !== 's3')
      throw new Error(
        `${stack}/${flowLog.name}: flow logs to ${body.log_destination_type} are not modelled; add them to tools/simulation/service-deliveries.ts`,
      );
    const account = this.estate.accountOf(stack);
    const region = this.estate.regionOf(stack, body);
    const { bucket, prefix } = s3Destination(this.estate.resolve(stack, body.log_destination));
    const options = Array.isArray(body.destination_options) ? body.destination_options[0] : body.destination_options;
    const hour = options?.per_hour_partition ? '10/' : '';
    const file = `${account}_vpcflowlogs_${region}_fl-0example_${DAY.compact}T1000Z_0a1b2c3d.log.gz`;
    const key = options?.hive_compatible_partitions
      ? `${prefix}AWSLogs/aws-account-id=${account}/aws-service=vpcflowlogs/aws-region=${region}/year=2026/month=11/day=29/${hour ? 'hour=10/' : ''}${file}`
      : `${prefix}AWSLogs/${account}/vpcflowlogs/${region}/${DAY.path}/${hour}${file}`;
    const kind: DeliveryKind = body.transit_gateway_id ? 'transit-gateway-flow-logs' : 'vpc-flow-logs';
    return this.vendedLogs(kind, `${kind} ${stack}/${flowLog.name} -> ${bucket}/${prefix}`, stack, region, bucket, [key]);
  }

  private firewallLogs(logging: EstateResource): DeliveryCheck[] {
    const { stack, body } = logging;
    const account = this.estate.accountOf(stack);
    const region = this.estate.regionOf(stack, body);
    const firewallName = this.estate.resolve(stack, body.firewall_arn).split('/').pop();
    const configs: TerraformJson[] = body.logging_configuration?.log_destination_config ?? [];
    return configs.flatMap((config) => {
      if (config.log_destination_type !== 'S3')
        throw new Error(`${stack}/${logging.name}: firewall logs to ${config.log_destination_type} are not modelled`);
      const bucket = this.estate.resolve(stack, config.log_destination.bucketName);
      const prefix = withPrefix(config.log_destination.prefix && this.estate.resolve(stack, config.log_destination.prefix));
      const type = String(config.log_type).toLowerCase();
      const key = `${prefix}AWSLogs/${account}/network-firewall/${type}/${region}/${firewallName}/${DAY.path}/10/${account}_network-firewall_${type}_${region}_${firewallName}_${DAY.compact}1000_0a1b2c3d.log.gz`;
      return this.vendedLogs(
        'network-firewall-logs',
        `firewall ${type} logs ${stack}/${logging.name} -> ${bucket}/${prefix}`,
        stack,
        region,
        bucket,
        [key],
      );
    });
  }

  private resolverQueryLogs(queryLogs: EstateResource): DeliveryCheck[] {
    const { stack, body } = queryLogs;
    const destination = this.estate.resolve(stack, body.destination_arn);
    if (!destination.startsWith('arn:aws:s3:::'))
      throw new Error(`${stack}/${queryLogs.name}: query logs to ${destination} are not modelled`);
    const account = this.estate.accountOf(stack);
    const region = this.estate.regionOf(stack, body);
    const { bucket, prefix } = s3Destination(destination);
    const key = `${prefix}AWSLogs/${account}/vpcdnsquerylogs/vpc-0example/${DAY.path}/${account}_vpcdnsquerylogs_vpc-0example_${DAY.compact}T1000Z_0a1b2c3d.log.gz`;
    return this.vendedLogs(
      'resolver-query-logs',
      `Resolver query logs ${stack}/${queryLogs.name} -> ${bucket}/${prefix}`,
      stack,
      region,
      bucket,
      [key],
    );
  }

  private serverAccessLogs(logging: EstateResource): DeliveryCheck[] {
    const { stack, body } = logging;
    const source = this.estate.resolve(stack, body.bucket);
    const target = this.estate.resolve(stack, body.target_bucket);
    const context = {
      'aws:SourceArn': `arn:aws:s3:::${source}`,
      'aws:SourceAccount': this.estate.accountOf(stack),
      'aws:SourceOrgID': this.scope.organizationId,
    };
    const key = `${this.estate.resolve(stack, body.target_prefix ?? '')}2026-11-29-10-05-00-0A1B2C3D4E5F6A7B`;
    const targetBucket = this.bucket(target);
    return [
      {
        kind: 's3-server-access-logs',
        delivery: `server access logs of ${source} -> ${target}`,
        policy: targetBucket.name,
        request: {
          principal: 'logging.s3.amazonaws.com',
          action: 's3:PutObject',
          resource: `arn:aws:s3:::${target}/${key}`,
          resourceAccount: targetBucket.account,
          region: targetBucket.region,
          context,
          resourcePolicy: targetBucket.document,
        },
      },
    ];
  }

  private replication(replication: EstateResource): DeliveryCheck[] {
    const { stack, body } = replication;
    const roleArn = this.estate.resolve(stack, body.role);
    const roleName = roleArn.split('/').pop();
    const identityPolicies = this.estate
      .resources('aws_iam_role_policy')
      .filter((policy) => policy.stack === stack && this.estate.resolve(stack, policy.body.role) === roleName)
      .map((policy) => ({
        name: this.estate.resolve(stack, policy.body.name),
        policy: this.estate.policy(stack, policy.body.policy) as PolicyDocument,
      }));
    const sourceName = this.estate.resolve(stack, body.bucket);
    const source = this.bucket(sourceName);
    const rules: TerraformJson[] = body.rule ?? [];
    return rules.flatMap((rule) => {
      // A sample object the rule replicates: under its prefix filter, if it has one.
      const filter = [rule.filter ?? []].flat()[0] as TerraformJson | undefined;
      const object = `${filter?.prefix ? this.estate.resolve(stack, filter.prefix) : ''}AWSLogs/111111111111/sample.json.gz`;
      const destinationName = s3Destination(this.estate.resolve(stack, rule.destination.bucket)).bucket;
      const destination = this.bucket(destinationName);
      const delivery = `replication ${sourceName} -> ${destinationName} as ${roleArn}`;
      const as = (policy: OwnedPolicy, action: string, resource: string, context: Record<string, string> = {}): DeliveryCheck => ({
        kind: 's3-replication',
        delivery,
        policy: policy.name,
        request: {
          principal: roleArn,
          action,
          resource,
          resourceAccount: policy.account,
          region: policy.region,
          context,
          resourcePolicy: policy.document,
          identityPolicies,
        },
      });
      const checks = [
        as(source, 's3:GetReplicationConfiguration', `arn:aws:s3:::${sourceName}`),
        as(source, 's3:GetObjectVersionForReplication', `arn:aws:s3:::${sourceName}/${object}`),
        as(source, 's3:GetObjectRetention', `arn:aws:s3:::${sourceName}/${object}`),
        as(destination, 's3:ReplicateObject', `arn:aws:s3:::${destinationName}/${object}`),
      ];
      if (source.kmsKeyArn) {
        const key = this.key(source.kmsKeyArn);
        checks.push(as(key, 'kms:Decrypt', key.arn, { 'kms:ViaService': `s3.${source.region}.amazonaws.com` }));
      }
      const replicaKey = rule.destination.encryption_configuration?.replica_kms_key_id;
      if (replicaKey) {
        const key = this.key(this.estate.resolve(stack, replicaKey));
        for (const action of ['kms:Encrypt', 'kms:GenerateDataKey'])
          checks.push(as(key, action, key.arn, { 'kms:ViaService': `s3.${destination.region}.amazonaws.com` }));
      }
      return checks;
    });
  }

  /** The inline policies of a role of the stack, by its ARN. */
  private roleIdentity(stack: string, roleArn: string): RoleIdentity {
    const roleName = roleArn.split('/').pop();
    return {
      identityPolicies: this.estate
        .resources('aws_iam_role_policy')
        .filter((policy) => policy.stack === stack && this.estate.resolve(stack, policy.body.role) === roleName)
        .map((policy) => ({
          name: this.estate.resolve(stack, policy.body.name),
          policy: this.estate.policy(stack, policy.body.policy) as PolicyDocument,
        })),
    };
  }

  /** Backup Audit Manager writes each report as its service-linked role, into a bucket of the plan's own account. */
  private backupReports(plan: EstateResource): DeliveryCheck[] {
    const { stack, body } = plan;
    const account = this.estate.accountOf(stack);
    const region = this.estate.regionOf(stack, body);
    const channel = Array.isArray(body.report_delivery_channel) ? body.report_delivery_channel[0] : body.report_delivery_channel;
    const setting = Array.isArray(body.report_setting) ? body.report_setting[0] : body.report_setting;
    const bucketName = this.estate.resolve(stack, channel.s3_bucket_name);
    const bucket = this.bucket(bucketName);
    if (bucket.account !== account)
      throw new Error(`${stack}/${plan.name}: a report plan cannot deliver to a bucket of another account (${bucketName})`);
    const prefix = withPrefix(channel.s3_key_prefix && this.estate.resolve(stack, channel.s3_key_prefix));
    const name = this.estate.resolve(stack, body.name);
    const crossAccount = (setting.accounts ?? []).length > 0 || (setting.organization_units ?? []).length > 0;
    const key = `${prefix}Backup/${crossAccount ? 'crossaccount' : account}/${region}/2026/11/29/${name}_20261129T0500Z.csv`;
    const principal = `arn:aws:iam::${account}:role/aws-service-role/reports.backup.amazonaws.com/AWSServiceRoleForBackupReports`;
    // A role, not a service principal: what identifies the writer is the role's ARN (aws:PrincipalArn).
    const context = { 'aws:PrincipalArn': principal };
    const checks = this.put(
      'backup-audit-reports',
      `report plan ${name} -> ${bucketName}/${prefix}`,
      principal,
      bucketName,
      [key],
      context,
      [],
    );
    return [
      ...checks,
      ...this.encrypt('backup-audit-reports', `report plan ${name}`, principal, bucket.kmsKeyArn, ['kms:GenerateDataKey'], context),
    ];
  }

  private publish(
    kind: DeliveryKind,
    delivery: string,
    principal: string,
    topicArn: string,
    sourceArn: string,
    sourceAccount: string,
    asRole?: RoleIdentity,
  ): DeliveryCheck[] {
    const topic = this.destinations.topic(topicArn);
    if (!topic) throw new Error(`${delivery}: topic ${topicArn} is not created by the estate`);
    const identityPolicies = asRole?.identityPolicies;
    // A role publishes in its own name (aws:PrincipalArn); a service on behalf of its source (aws:Source*).
    const context: Record<string, string> = asRole
      ? { 'aws:PrincipalArn': principal }
      : { 'aws:SourceArn': sourceArn, 'aws:SourceAccount': sourceAccount };
    return [
      {
        kind,
        delivery,
        policy: topic.name,
        request: {
          principal,
          action: 'sns:Publish',
          resource: topicArn,
          resourceAccount: topic.account,
          region: topic.region,
          context,
          resourcePolicy: topic.document,
          identityPolicies,
        },
      },
      // SNS asks KMS for the data key with the publisher's authority; AWS documents only the
      // service principal and SNS's encryption context for that call, so no aws:Source* key is sent.
      // A role's call comes through SNS (kms:ViaService).
      ...this.encrypt(kind, delivery, principal, topic.kmsKeyArn, ['kms:GenerateDataKey', 'kms:Decrypt'], {
        'kms:EncryptionContext:aws:sns:topicArn': topicArn,
        ...(asRole ? { 'aws:PrincipalArn': principal, 'kms:ViaService': `sns.${topic.region}.amazonaws.com` } : {}),
      }).map((check) => ({ ...check, request: { ...check.request, identityPolicies } })),
    ];
  }

  private alarmToTopic(alarm: EstateResource): DeliveryCheck[] {
    const { stack, body } = alarm;
    const alarmArn = this.estate.resolve(stack, `\${aws_cloudwatch_metric_alarm.${alarm.name}.arn}`);
    const actions = new Set<string>(
      [...(body.alarm_actions ?? []), ...(body.ok_actions ?? []), ...(body.insufficient_data_actions ?? [])].map((action: string) =>
        this.estate.resolve(stack, action),
      ),
    );
    return [...actions]
      .filter((action) => action.startsWith('arn:aws:sns:'))
      .flatMap((topicArn) =>
        this.publish(
          'cloudwatch-alarm-to-sns',
          `alarm ${alarmArn} -> ${topicArn}`,
          'cloudwatch.amazonaws.com',
          topicArn,
          alarmArn,
          this.estate.accountOf(stack),
        ),
      );
  }

  private ruleToTopic(target: EstateResource): DeliveryCheck[] {
    const { stack, body } = target;
    const topicArn = this.estate.resolve(stack, body.arn);
    if (!topicArn.startsWith('arn:aws:sns:')) return [];
    const ruleName = this.estate.resolve(stack, body.rule);
    const rule = this.estate
      .resources('aws_cloudwatch_event_rule')
      .find(
        (candidate) =>
          candidate.stack === stack &&
          this.estate.resolve(stack, candidate.body.name) === ruleName &&
          this.estate.regionOf(stack, candidate.body) === this.estate.regionOf(stack, body),
      );
    if (!rule) throw new Error(`${stack}/${target.name}: rule ${ruleName} is not in the stack`);
    const ruleArn = this.estate.resolve(stack, `\${aws_cloudwatch_event_rule.${rule.name}.arn}`);
    if (body.role_arn) {
      // Cross-account targets: EventBridge assumes the target's execution role and publishes as it.
      const roleArn = this.estate.resolve(stack, body.role_arn);
      return this.publish(
        'eventbridge-to-sns',
        `rule ${ruleArn} -> ${topicArn} as ${roleArn}`,
        roleArn,
        topicArn,
        ruleArn,
        this.estate.accountOf(stack),
        this.roleIdentity(stack, roleArn),
      );
    }
    return this.publish(
      'eventbridge-to-sns',
      `rule ${ruleArn} -> ${topicArn}`,
      'events.amazonaws.com',
      topicArn,
      ruleArn,
      this.estate.accountOf(stack),
    );
  }

  /** Macie writes each job's detailed results, SSE-KMS with the configured key, for the account that runs the job. */
  private macieResults(exportConfiguration: EstateResource): DeliveryCheck[] {
    const { stack, body } = exportConfiguration;
    const account = this.estate.accountOf(stack);
    const region = this.estate.regionOf(stack, body);
    const destination = Array.isArray(body.s3_destination) ? body.s3_destination[0] : body.s3_destination;
    const bucket = this.estate.resolve(stack, destination.bucket_name);
    const keyArn = this.estate.resolve(stack, destination.kms_key_arn);
    const jobId = '0123456789abcdef0123456789abcdef';
    const context = {
      'aws:SourceAccount': account,
      'aws:SourceArn': `arn:aws:macie2:${region}:${account}:classification-job/${jobId}`,
      'aws:SourceOrgID': this.scope.organizationId,
    };
    const delivery = `Macie discovery results of ${account} in ${region} -> ${bucket}`;
    const key = `${withPrefix(destination.key_prefix && this.estate.resolve(stack, destination.key_prefix))}AWSLogs/${account}/Macie/${region}/${jobId}/${account}/0a1b2c3d-4e5f.jsonl.gz`;
    return [
      ...this.put(
        'macie-discovery-results',
        delivery,
        'macie.amazonaws.com',
        bucket,
        [key],
        { ...context, 's3:x-amz-server-side-encryption': 'aws:kms', 's3:x-amz-server-side-encryption-aws-kms-key-id': keyArn },
        ['s3:GetBucketLocation'],
      ),
      ...this.encrypt('macie-discovery-results', delivery, 'macie.amazonaws.com', keyArn, ['kms:GenerateDataKey', 'kms:Encrypt'], context),
    ];
  }
}

// S3's own deliveries: server access logs (logging.s3.amazonaws.com writing into the target bucket)
// and replication (the replication role reading the source and writing the destination, with the
// KMS keys of both sides).
import type { EstateResource, TerraformJson } from '../synthesized-estate';
import type { DeliveryCheck } from './checks';
import { type OwnedPolicy, s3Destination } from './destinations';
import type { DeliveryRequests } from './requests';

/** One log object of a bucket's server access logging, into its target bucket under the target prefix. */
export function serverAccessLogDeliveries(requests: DeliveryRequests, logging: EstateResource): DeliveryCheck[] {
  const { estate, scope } = requests;
  const { stack, body } = logging;
  const source = estate.resolve(stack, body.bucket);
  const target = estate.resolve(stack, body.target_bucket);
  const context = {
    'aws:SourceArn': `arn:aws:s3:::${source}`,
    'aws:SourceAccount': estate.accountOf(stack),
    'aws:SourceOrgID': scope.organizationId,
  };
  const key = `${estate.resolve(stack, body.target_prefix ?? '')}2026-11-29-10-05-00-0A1B2C3D4E5F6A7B`;
  const targetBucket = requests.bucket(target);
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

/** Every rule of a replication configuration, replayed as its role with a sample object under the rule's prefix. */
export function replicationDeliveries(requests: DeliveryRequests, replication: EstateResource): DeliveryCheck[] {
  const { estate } = requests;
  const { stack, body } = replication;
  const roleArn = estate.resolve(stack, body.role);
  const { identityPolicies } = requests.roleIdentity(stack, roleArn);
  const sourceName = estate.resolve(stack, body.bucket);
  const source = requests.bucket(sourceName);
  const rules: TerraformJson[] = body.rule ?? [];
  return rules.flatMap((rule) => {
    // A sample object the rule replicates: under its prefix filter, if it has one.
    const filter = [rule.filter ?? []].flat()[0] as TerraformJson | undefined;
    const object = `${filter?.prefix ? estate.resolve(stack, filter.prefix) : ''}AWSLogs/111111111111/sample.json.gz`;
    const destinationName = s3Destination(estate.resolve(stack, rule.destination.bucket)).bucket;
    const destination = requests.bucket(destinationName);
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
      const key = requests.key(source.kmsKeyArn);
      checks.push(as(key, 'kms:Decrypt', key.arn, { 'kms:ViaService': `s3.${source.region}.amazonaws.com` }));
    }
    const replicaKey = rule.destination.encryption_configuration?.replica_kms_key_id;
    if (replicaKey) {
      const key = requests.key(estate.resolve(stack, replicaKey));
      for (const action of ['kms:Encrypt', 'kms:GenerateDataKey'])
        checks.push(as(key, action, key.arn, { 'kms:ViaService': `s3.${destination.region}.amazonaws.com` }));
    }
    return checks;
  });
}

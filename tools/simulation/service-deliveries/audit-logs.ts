// Audit logs: CloudTrail (log files and digests, organization and multi-Region trails) and the AWS
// Config delivery channel, each with the object keys AWS documents and the key it encrypts with.
import type { EstateResource } from '../synthesized-estate';
import type { DeliveryCheck } from './checks';
import { withPrefix } from './destinations';
import { DAY, type DeliveryRequests } from './requests';

/** A trail writes one prefix per account (organization trails) and Region (multi-Region trails), and digests beside them. */
export function cloudTrailDeliveries(requests: DeliveryRequests, trail: EstateResource): DeliveryCheck[] {
  const { estate, scope } = requests;
  const { stack, body } = trail;
  const account = estate.accountOf(stack);
  const trailArn = estate.resolve(stack, `\${aws_cloudtrail.${trail.name}.arn}`);
  const bucket = estate.resolve(stack, body.s3_bucket_name);
  const prefix = withPrefix(body.s3_key_prefix && estate.resolve(stack, body.s3_key_prefix));
  const organization = body.is_organization_trail === true;
  const accounts = organization ? [account, ...scope.accountIds.filter((id) => id !== account)] : [account];
  const regions = body.is_multi_region_trail ? scope.regions : [estate.regionOf(stack, body)];
  const base = (member: string) => `${prefix}AWSLogs/${organization ? `${scope.organizationId}/` : ''}${member}`;
  const context = { 'aws:SourceArn': trailArn, 'aws:SourceAccount': account, 'aws:SourceOrgID': scope.organizationId };
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
        `${base(member)}/CloudTrail-Digest/${region}/${DAY.path}/${member}_CloudTrail-Digest_${region}_${body.name}_${estate.regionOf(stack, body)}_${DAY.compact}T1005Z.json.gz`,
    ),
  );
  return [
    ...requests.put('cloudtrail', delivery, 'cloudtrail.amazonaws.com', bucket, logKeys, context, ['s3:GetBucketAcl']),
    ...requests.put('cloudtrail-digest', delivery, 'cloudtrail.amazonaws.com', bucket, digestKeys, context, []),
    ...requests.encrypt(
      'cloudtrail',
      delivery,
      'cloudtrail.amazonaws.com',
      body.kms_key_id && estate.resolve(stack, body.kms_key_id),
      ['kms:GenerateDataKey'],
      {
        ...context,
        'kms:EncryptionContext:aws:cloudtrail:arn': trailArn,
      },
    ),
  ];
}

/** A delivery channel checks it can write, then writes configuration history and snapshots. */
export function configDeliveries(requests: DeliveryRequests, channel: EstateResource): DeliveryCheck[] {
  const { estate, scope } = requests;
  const { stack, body } = channel;
  const account = estate.accountOf(stack);
  const region = estate.regionOf(stack, body);
  const bucket = estate.resolve(stack, body.s3_bucket_name);
  const base = `${withPrefix(body.s3_key_prefix && estate.resolve(stack, body.s3_key_prefix))}AWSLogs/${account}/Config`;
  const context = { 'aws:SourceAccount': account, 'aws:SourceOrgID': scope.organizationId };
  const delivery = `Config delivery channel of ${stack} in ${region} -> ${bucket}`;
  const keys = [
    `${base}/ConfigWritabilityCheckFile`,
    `${base}/${region}/${DAY.path}/ConfigHistory/${account}_Config_${region}_ConfigHistory_AWS::EC2::VPC_${DAY.compact}T100500Z_${DAY.compact}T110500Z_1.json.gz`,
    `${base}/${region}/${DAY.path}/ConfigSnapshot/${account}_Config_${region}_ConfigSnapshot_${DAY.compact}T100500Z_0a1b2c3d.json.gz`,
  ];
  return [
    ...requests.put('config', delivery, 'config.amazonaws.com', bucket, keys, context, ['s3:GetBucketAcl', 's3:ListBucket']),
    ...requests.encrypt(
      'config',
      delivery,
      'config.amazonaws.com',
      body.s3_kms_key_arn && estate.resolve(stack, body.s3_kms_key_arn),
      ['kms:GenerateDataKey', 'kms:Decrypt'],
      context,
    ),
  ];
}

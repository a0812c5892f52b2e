// Reports services write into the estate's buckets: Backup Audit Manager report plans (as their
// service-linked role, into a bucket of the plan's own account) and Macie's sensitive data
// discovery results (SSE-KMS with the configured key).
import type { EstateResource } from '../synthesized-estate';
import type { DeliveryCheck } from './checks';
import { withPrefix } from './destinations';
import type { DeliveryRequests } from './requests';

/** Backup Audit Manager writes each report as its service-linked role, into a bucket of the plan's own account. */
export function backupReportDeliveries(requests: DeliveryRequests, plan: EstateResource): DeliveryCheck[] {
  const { estate } = requests;
  const { stack, body } = plan;
  const account = estate.accountOf(stack);
  const region = estate.regionOf(stack, body);
  const channel = Array.isArray(body.report_delivery_channel) ? body.report_delivery_channel[0] : body.report_delivery_channel;
  const setting = Array.isArray(body.report_setting) ? body.report_setting[0] : body.report_setting;
  const bucketName = estate.resolve(stack, channel.s3_bucket_name);
  const bucket = requests.bucket(bucketName);
  if (bucket.account !== account)
    throw new Error(`${stack}/${plan.name}: a report plan cannot deliver to a bucket of another account (${bucketName})`);
  const prefix = withPrefix(channel.s3_key_prefix && estate.resolve(stack, channel.s3_key_prefix));
  const name = estate.resolve(stack, body.name);
  const crossAccount = (setting.accounts ?? []).length > 0 || (setting.organization_units ?? []).length > 0;
  const key = `${prefix}Backup/${crossAccount ? 'crossaccount' : account}/${region}/2026/11/29/${name}_20261129T0500Z.csv`;
  const principal = `arn:aws:iam::${account}:role/aws-service-role/reports.backup.amazonaws.com/AWSServiceRoleForBackupReports`;
  // A role, not a service principal: what identifies the writer is the role's ARN (aws:PrincipalArn).
  const context = { 'aws:PrincipalArn': principal };
  const checks = requests.put(
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
    ...requests.encrypt('backup-audit-reports', `report plan ${name}`, principal, bucket.kmsKeyArn, ['kms:GenerateDataKey'], context),
  ];
}

/** Macie writes each job's detailed results, SSE-KMS with the configured key, for the account that runs the job. */
export function macieResultDeliveries(requests: DeliveryRequests, exportConfiguration: EstateResource): DeliveryCheck[] {
  const { estate, scope } = requests;
  const { stack, body } = exportConfiguration;
  const account = estate.accountOf(stack);
  const region = estate.regionOf(stack, body);
  const destination = Array.isArray(body.s3_destination) ? body.s3_destination[0] : body.s3_destination;
  const bucket = estate.resolve(stack, destination.bucket_name);
  const keyArn = estate.resolve(stack, destination.kms_key_arn);
  const jobId = '0123456789abcdef0123456789abcdef';
  const context = {
    'aws:SourceAccount': account,
    'aws:SourceArn': `arn:aws:macie2:${region}:${account}:classification-job/${jobId}`,
    'aws:SourceOrgID': scope.organizationId,
  };
  const delivery = `Macie discovery results of ${account} in ${region} -> ${bucket}`;
  const key = `${withPrefix(destination.key_prefix && estate.resolve(stack, destination.key_prefix))}AWSLogs/${account}/Macie/${region}/${jobId}/${account}/0a1b2c3d-4e5f.jsonl.gz`;
  return [
    ...requests.put(
      'macie-discovery-results',
      delivery,
      'macie.amazonaws.com',
      bucket,
      [key],
      { ...context, 's3:x-amz-server-side-encryption': 'aws:kms', 's3:x-amz-server-side-encryption-aws-kms-key-id': keyArn },
      ['s3:GetBucketLocation'],
    ),
    ...requests.encrypt(
      'macie-discovery-results',
      delivery,
      'macie.amazonaws.com',
      keyArn,
      ['kms:GenerateDataKey', 'kms:Encrypt'],
      context,
    ),
  ];
}

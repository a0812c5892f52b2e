// Controls: Audit: collection, integrity, retention.
import { MGMT, LOG_ARCHIVE, AUDIT_STORAGE, NETWORK, WORKLOAD, ALL_PUBLIC_ACCESS_BLOCKED } from './kit';
import type { Control } from '../types';

export const AUDIT_CONTROLS: readonly Control[] = [
  {
    id: 'organization-trail',
    title: 'Organization CloudTrail in every account and Region',
    does: 'One organization trail records management events of every account in every Region, global events included, with log file validation (signed digests), encrypted with the log-archive KMS key and copied to CloudWatch Logs.',
    status: 'provided',
    refs: {
      ndg: ['4', '6', '9'],
      caf: ['C1.a', 'C1.b'],
      ncsc: ['13'],
      fsbp: ['CloudTrail.1', 'CloudTrail.2', 'CloudTrail.4', 'CloudTrail.5'],
      cis: ['3.1', '3.2', '3.5'],
      annex11: ['9'],
    },
    resources: [
      {
        type: 'aws_cloudtrail',
        where: {
          is_organization_trail: true,
          is_multi_region_trail: true,
          include_global_service_events: true,
          enable_log_file_validation: true,
          kms_key_id: { exists: true },
          cloud_watch_logs_group_arn: { exists: true },
        },
      },
    ],
    tests: [
      { file: MGMT, name: 'has one organization, multi-Region trail with global events and log file validation' },
      { file: MGMT, name: 'delivers to the log-archive CloudTrail bucket, encrypted with the log-archive home key' },
    ],
    customer:
      'Run `aws cloudtrail validate-logs` for the period an assessor asks about and keep the output (docs/logging-and-detection.md).',
  },
  {
    id: 'log-immutability',
    title: 'Logs under S3 Object Lock, replicated to a second Region',
    does: 'CloudTrail, Config and network logs land in versioned S3 buckets with Object Lock (mode and days from configuration), replicated without deletions to locked buckets in eu-west-1; bucket policies deny every delete and reserve governance bypass to break-glass.',
    status: 'provided',
    refs: { ndg: ['1', '9'], caf: ['C1.b', 'B3.c'], ncsc: ['2', '13'], fsbp: ['S3.15'], annex11: ['7', '9', '17'] },
    resources: [
      { type: 'aws_s3_bucket', where: { object_lock_enabled: true }, atLeast: 2 },
      { type: 'aws_s3_bucket_object_lock_configuration', where: { 'rule.default_retention.mode': { exists: true } } },
      {
        type: 'aws_s3_bucket_replication_configuration',
        where: { rule: { contains: '"delete_marker_replication":{"status":"Disabled"}' } },
        onlyWithTwoRegions: true,
      },
    ],
    tests: [
      { file: AUDIT_STORAGE, name: 'locks every log bucket as configured, except the one Config delivers into, which denies all deletes' },
      { file: AUDIT_STORAGE, name: 'replicates every home-Region log bucket to an Object Lock bucket in eu-west-1 with the eu-west-1 key' },
      { file: LOG_ARCHIVE, name: 'denies governance bypass to everyone but the break-glass role' },
    ],
  },
  {
    id: 'log-encryption-and-access',
    title: 'Logs encrypted, TLS only, read only by the security account',
    does: 'Every log bucket is encrypted (KMS keys per Region with yearly rotation; SSE-S3 for access logs), blocks public access, denies requests without TLS, and lets services use the keys only for this organization.',
    status: 'provided',
    refs: { ndg: ['1', '4'], caf: ['B3.c', 'C1.b'], ncsc: ['1', '2', '13'], fsbp: ['KMS.4', 'S3.5', 'S3.8'], cis: ['3.6'] },
    resources: [
      { type: 'aws_kms_key', where: { enable_key_rotation: true, deletion_window_in_days: 30 }, atLeast: 2 },
      { type: 'aws_s3_bucket_policy', where: { policy: { contains: 'aws:SecureTransport' } }, atLeast: 2 },
      {
        type: 'aws_s3_bucket_public_access_block',
        where: ALL_PUBLIC_ACCESS_BLOCKED,
        atLeast: 2,
      },
    ],
    tests: [
      { file: AUDIT_STORAGE, name: 'encrypts, versions, blocks public access, enforces ownership, requires TLS and protects every bucket' },
      { file: AUDIT_STORAGE, name: 'rotates and protects every KMS key' },
      { file: LOG_ARCHIVE, name: 'lets each delivering service use the key only for this organization' },
    ],
    customer: 'Decide which named people in the security account may read logs (its IAM), and review that list.',
  },
  {
    id: 'log-retention',
    title: 'Log retention from configuration',
    does: "Log buckets expire objects one day after the configured Object Lock retention and keep CloudTrail logs readable for validation for the configured window; the trail's CloudWatch Logs copy is kept at least 365 days.",
    status: 'provided',
    refs: { ndg: ['6'], caf: ['C1.b'], ncsc: ['13'], fsbp: ['CloudWatch.16'], annex11: ['7', '17'] },
    resources: [
      { type: 'aws_s3_bucket_lifecycle_configuration', where: { rule: { contains: '"expiration"' } }, atLeast: 2 },
      { type: 'aws_cloudwatch_log_group', where: { retention_in_days: { atLeast: 365 }, kms_key_id: { exists: true } } },
    ],
    tests: [
      { file: MGMT, name: 'copies the trail to a KMS-encrypted log group kept at least 365 days, through a role only this trail assumes' },
      { file: AUDIT_STORAGE, name: 'keeps CloudTrail logs and digests instantly readable for the validation window' },
    ],
    customer:
      'Set `logging.objectLock.retentionDays` to the retention your records-management policy requires (the NHS Records Management Code of Practice sets periods by record type).',
  },
  {
    id: 'patient-data-access-logging',
    title: 'S3 object-level logging of patient-data buckets (by name prefix)',
    does: 'The organization trail records S3 object writes of every bucket, and S3 object reads and writes for buckets whose names start with `logging.patientDataBucketPrefix` (`pd-` in the example) (ADR 0700).',
    status: 'partial',
    missing:
      'S3 object reads are logged only in buckets named with the patient-data prefix. Reads of patient data kept in other buckets, and any access to patient data in databases (RDS, DynamoDB) or any other service, are not logged by the landing zone, and nothing enforces the naming.',
    customer:
      'Name every S3 bucket that holds patient data with the prefix, and log access to patient data in the application and its databases (application audit trails).',
    refs: { ndg: ['1', '4'], caf: ['C1.a'], ncsc: ['13'], cis: ['3.8', '3.9'], annex11: ['9'] },
    resources: [
      { type: 'aws_cloudtrail', where: { advanced_event_selector: { contains: '"field":"resources.ARN","starts_with"' } } },
      { type: 'aws_cloudtrail', where: { advanced_event_selector: { contains: '{"equals":["false"],"field":"readOnly"}' } } },
    ],
    tests: [
      {
        file: MGMT,
        name: 'records management events, S3 object writes of every bucket, and S3 object events of patient-data buckets by prefix',
      },
    ],
  },
  {
    id: 'network-logging',
    title: 'Flow, firewall and DNS query logs',
    does: 'VPC and Transit Gateway flow logs (all traffic), Network Firewall flow and alert logs and Route 53 Resolver query logs are delivered to the log archive.',
    status: 'provided',
    refs: { caf: ['C1.a'], ncsc: ['13'], fsbp: ['EC2.6'], cis: ['3.7'] },
    resources: [
      { type: 'aws_flow_log', where: { traffic_type: 'ALL', log_destination_type: 's3' }, atLeast: 2 },
      { type: 'aws_networkfirewall_logging_configuration' },
      { type: 'aws_route53_resolver_query_log_config' },
    ],
    tests: [
      { file: NETWORK, name: 'sends Transit Gateway and gateway VPC flow logs and resolver query logs to the log archive' },
      { file: WORKLOAD, name: 'closes the default security group and logs flows to the log archive' },
    ],
  },
];

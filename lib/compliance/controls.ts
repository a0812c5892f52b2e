// The control catalogue: every control the landing zone provides, helps with, or leaves to the trust,
// with the framework items it contributes to, the synthesized resources that implement it (by type and
// attribute, never by name) and the tests that prove it. `lz evidence` renders it; the docs cite it
// with `<!-- control: id -->` markers (test/docs/claims.test.ts). Framework IDs: lib/compliance/frameworks.ts.
// FSBP IDs are AWS Security Hub control IDs; CIS numbers are CIS AWS Foundations Benchmark v3.0.0.
import type { Control } from './types';

const MGMT = 'test/stacks/management-stack.test.ts';
const LOG_ARCHIVE = 'test/stacks/log-archive-stack.test.ts';
const AUDIT_STORAGE = 'test/invariants/audit-storage.test.ts';
const SECURITY = 'test/stacks/security-stack.test.ts';
const SECURITY_ORG = 'test/stacks/security-organization-stack.test.ts';
const ORGANIZATION = 'test/stacks/organization-stack.test.ts';
const BASELINE_PROTECTION = 'test/policies/baseline-protection.test.ts';
const SIMULATION_SUITE = 'test/policies/simulation-suite.test.ts';
const NETWORK = 'test/stacks/network-stack.test.ts';
const WORKLOAD = 'test/stacks/workload-stack.test.ts';
const IDENTITY = 'test/stacks/identity-stack.test.ts';
const BACKUP = 'test/stacks/backup-stack.test.ts';
const BACKUP_POLICIES = 'test/policies/backup-policies.test.ts';
const ACCOUNT_BASELINE = 'test/modules/account-baseline.test.ts';

/** An SCP or RCP whose synthesized content carries the statement `sid`. */
const guardrailWith = (sid: string, type = 'SERVICE_CONTROL_POLICY') => ({ type: 'aws_organizations_policy', where: { type, content: { contains: `"Sid":"${sid}"` } } });

export const CONTROLS: readonly Control[] = [
  // --- Audit: collection, integrity, retention -------------------------------------------------
  {
    id: 'organization-trail',
    title: 'Organization CloudTrail in every account and Region',
    does: 'One organization trail records management events of every account in every Region, global events included, with log file validation (signed digests), encrypted with the log-archive KMS key and copied to CloudWatch Logs.',
    status: 'provided',
    refs: { ndg: ['4', '6', '9'], caf: ['C1.a', 'C1.b'], ncsc: ['13'], fsbp: ['CloudTrail.1', 'CloudTrail.2', 'CloudTrail.4', 'CloudTrail.5'], cis: ['3.1', '3.2', '3.5'], annex11: ['9'] },
    resources: [{ type: 'aws_cloudtrail', where: { is_organization_trail: true, is_multi_region_trail: true, include_global_service_events: true, enable_log_file_validation: true, kms_key_id: { exists: true }, cloud_watch_logs_group_arn: { exists: true } } }],
    tests: [
      { file: MGMT, name: 'has one organization, multi-Region trail with global events and log file validation' },
      { file: MGMT, name: 'delivers to the log-archive CloudTrail bucket, encrypted with the log-archive home key' },
    ],
    customer: 'Run `aws cloudtrail validate-logs` for the period an assessor asks about and keep the output (docs/logging-and-detection.md).',
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
      { type: 'aws_s3_bucket_replication_configuration', where: { rule: { contains: '"delete_marker_replication":{"status":"Disabled"}' } }, onlyWithTwoRegions: true },
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
      { type: 'aws_s3_bucket_public_access_block', where: { block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true }, atLeast: 2 },
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
    does: 'Log buckets expire objects one day after the configured Object Lock retention and keep CloudTrail logs readable for validation for the configured window; the trail\'s CloudWatch Logs copy is kept at least 365 days.',
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
    customer: 'Set `logging.objectLock.retentionDays` to the retention your records-management policy requires (the NHS Records Management Code of Practice sets periods by record type).',
  },
  {
    id: 'patient-data-access-logging',
    title: 'S3 object-level logging of patient-data buckets (by name prefix)',
    does: 'The organization trail records S3 object writes of every bucket, and S3 object reads and writes for buckets whose names start with `logging.patientDataBucketPrefix` (`pd-` in the example) (ADR 0700).',
    status: 'partial',
    missing: 'S3 object reads are logged only in buckets named with the patient-data prefix. Reads of patient data kept in other buckets, and any access to patient data in databases (RDS, DynamoDB) or any other service, are not logged by the landing zone, and nothing enforces the naming.',
    customer: 'Name every S3 bucket that holds patient data with the prefix, and log access to patient data in the application and its databases (application audit trails).',
    refs: { ndg: ['1', '4'], caf: ['C1.a'], ncsc: ['13'], cis: ['3.8', '3.9'], annex11: ['9'] },
    resources: [
      { type: 'aws_cloudtrail', where: { advanced_event_selector: { contains: '"field":"resources.ARN","starts_with"' } } },
      { type: 'aws_cloudtrail', where: { advanced_event_selector: { contains: '{"equals":["false"],"field":"readOnly"}' } } },
    ],
    tests: [{ file: MGMT, name: 'records management events, S3 object writes of every bucket, and S3 object events of patient-data buckets by prefix' }],
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
  // --- Detection and alerting -------------------------------------------------------------------
  {
    id: 'config-recording',
    title: 'AWS Config in every account and Region, aggregated',
    does: 'A Config recorder in every account and allowed Region (global resources once, at home) delivers history to the log archive; an organization aggregator in the security account gives one inventory.',
    status: 'provided',
    refs: { ndg: ['9'], caf: ['A3.a', 'B4.b'], ncsc: ['5'], fsbp: ['Config.1'], cis: ['3.3'], annex11: ['10'] },
    resources: [
      { type: 'aws_config_configuration_recorder', atLeast: 2 },
      { type: 'aws_config_configuration_recorder_status', where: { is_enabled: true }, atLeast: 2 },
      { type: 'aws_config_configuration_aggregator', where: { organization_aggregation_source: { exists: true } } },
    ],
    tests: [
      { file: 'test/invariants/config-recorders.test.ts', name: 'records in every account (management, three core, the backup account when configured, each workload) in every allowed Region, exactly once' },
      { file: SECURITY, name: 'aggregates Config for the whole organization across every allowed Region' },
    ],
  },
  {
    id: 'conformance-packs',
    title: 'NCSC conformance packs across the organization',
    does: 'AWS Config organization conformance packs run AWS\'s rule sets for the NCSC Cloud Security Principles and the CAF (150 rules) in every account and both Regions.',
    status: 'provided',
    refs: { ndg: ['9'], caf: ['B4.b', 'A2.a'], ncsc: ['4', '5'], annex11: ['11'] },
    resources: [{ type: 'aws_config_organization_conformance_pack', atLeast: 2 }],
    tests: [
      { file: SECURITY_ORG, name: 'deploys the NCSC conformance packs in both Regions, within limits, with timeouts for a whole organization' },
      { file: 'test/lib/conformance.test.ts', name: 'deploys every rule of both NCSC sets exactly once (global rules only at home)' },
    ],
    customer: 'Answer the packs\' manual process checks and act on non-compliant rules.',
  },
  {
    id: 'threat-detection',
    title: 'GuardDuty in every account and Region',
    does: 'GuardDuty runs with every protection plan in the security account and is auto-enabled for every member account in both Regions.',
    status: 'provided',
    refs: { ndg: ['6', '9'], caf: ['C1.c', 'C1.d'], ncsc: ['5', '13'], fsbp: ['GuardDuty.1'] },
    resources: [
      { type: 'aws_guardduty_detector', where: { enable: true } },
      { type: 'aws_guardduty_organization_configuration', where: { auto_enable_organization_members: 'ALL' } },
    ],
    tests: [
      { file: SECURITY, name: 'runs its own GuardDuty detector with every protection plan in both Regions, and leaves the organization configuration to security-organization' },
      { file: SECURITY_ORG, name: "auto-enables GuardDuty for every member with every protection plan, using the security stack's detector, in both Regions" },
    ],
  },
  {
    id: 'security-posture',
    title: 'Security Hub: FSBP and CIS v3.0 everywhere',
    does: 'Security Hub central configuration enables AWS Foundational Security Best Practices and CIS AWS Foundations Benchmark v3.0 in every account and allowed Region, aggregated in the home Region.',
    status: 'provided',
    refs: { ndg: ['9'], caf: ['B4.b', 'C1.c'], ncsc: ['5'], fsbp: ['SecurityHub.1'], annex11: ['11'] },
    resources: [
      { type: 'aws_securityhub_configuration_policy', where: { 'configuration_policy.service_enabled': true, 'configuration_policy.enabled_standard_arns': { contains: 'cis-aws-foundations-benchmark/v/3.0.0' } } },
      { type: 'aws_securityhub_finding_aggregator' },
    ],
    tests: [{ file: SECURITY, name: 'configures Security Hub centrally with FSBP and CIS v3.0 for the whole organization, aggregating eu-west-1 into eu-west-2' }],
    customer: 'Triage findings and record accepted risks.',
  },
  {
    id: 'external-access-analysis',
    title: 'IAM Access Analyzer for the organization',
    does: 'An organization-wide IAM Access Analyzer in each allowed Region reports resources shared outside the organization.',
    status: 'provided',
    refs: { caf: ['B2.d'], ncsc: ['9', '11'] },
    resources: [{ type: 'aws_accessanalyzer_analyzer', where: { type: 'ORGANIZATION' } }],
    tests: [{ file: SECURITY, name: 'runs an organization Access Analyzer in each Region' }],
  },
  {
    id: 'security-alerting',
    title: 'High and critical findings alert by email',
    does: 'EventBridge rules send high and critical GuardDuty and Security Hub findings to an encrypted SNS topic with the configured email subscribers.',
    status: 'provided',
    refs: { ndg: ['6'], caf: ['C1.c'], ncsc: ['13'], annex11: ['13'] },
    resources: [
      { type: 'aws_cloudwatch_event_rule', where: { event_pattern: { contains: 'aws.guardduty' } } },
      { type: 'aws_cloudwatch_event_rule', where: { event_pattern: { contains: 'aws.securityhub' } } },
      { type: 'aws_sns_topic_subscription', where: { protocol: 'email' } },
    ],
    tests: [{ file: SECURITY, name: 'routes high-severity GuardDuty and Security Hub findings to encrypted topics with the configured subscribers' }],
    customer: 'Confirm the subscription emails, staff the mailbox, and subscribe on-call paging if you need it.',
  },
  {
    id: 'management-account-alarms',
    title: 'Alarms on tampering with the audit trail and on root use',
    does: 'Metric filters on the trail\'s log group alarm on trail, Config recorder and organization-policy changes and on root activity, to the alert topic.',
    status: 'provided',
    refs: { ndg: ['4', '6'], caf: ['C1.c'], ncsc: ['12', '13'], fsbp: ['CloudWatch.1', 'CloudWatch.5', 'CloudWatch.9'], cis: ['4.3', '4.5', '4.9', '4.15'] },
    resources: [
      { type: 'aws_cloudwatch_log_metric_filter', where: { pattern: { contains: 'cloudtrail.amazonaws.com' } } },
      { type: 'aws_cloudwatch_log_metric_filter', where: { pattern: { contains: '$.userIdentity.type = "Root"' } } },
      { type: 'aws_cloudwatch_metric_alarm', where: { alarm_actions: { exists: true } }, atLeast: 4 },
    ],
    tests: [
      { file: MGMT, name: 'alarms in both Regions on trail and recorder changes and root sign-in, to encrypted topics' },
      { file: MGMT, name: 'catches global events (Organizations policies, root activity) from every Region through the trail log group' },
    ],
  },
  // --- Identity and access -----------------------------------------------------------------------
  {
    id: 'break-glass',
    title: 'Break-glass role in every account, MFA-only, alarmed',
    does: 'A break-glass role in every account (management included) trusts one named management-account principal with recent MFA for at most an hour; every use and every failed attempt raises an alarm.',
    status: 'provided',
    refs: { ndg: ['4'], caf: ['B2.c'], ncsc: ['10', '12'], annex11: ['12'] },
    resources: [
      { type: 'aws_iam_role', where: { assume_role_policy: { contains: 'aws:MultiFactorAuthPresent' }, max_session_duration: 3600 }, atLeast: 2 },
      { type: 'aws_cloudwatch_log_metric_filter', where: { pattern: { contains: 'requestParameters.roleArn' } }, atLeast: 2 },
    ],
    tests: [
      { file: 'test/stacks/break-glass.test.ts', name: 'exists in every account stack, the management account included' },
      { file: 'test/stacks/break-glass.test.ts', name: 'trusts only the named management-account principal, with recent MFA, for at most an hour' },
      { file: 'test/stacks/break-glass.test.ts', name: 'alarms on every use and every failed attempt through the organization trail log group to the alert topic' },
    ],
    customer: 'Create the named break-glass user with hardware MFA, keep its credentials under dual custody, and review every use.',
  },
  {
    id: 'central-root-access',
    title: 'No root credentials in member accounts',
    does: 'Central root access management removes member accounts\' root credentials, and a guardrail denies the root user everything except centrally managed root sessions.',
    status: 'provided',
    refs: { ndg: ['4'], caf: ['B2.c'], ncsc: ['9', '10'] },
    resources: [
      { type: 'aws_iam_organizations_features', where: { enabled_features: { contains: 'RootCredentialsManagement' } } },
      guardrailWith('DenyRootUser'),
    ],
    tests: [
      { file: BASELINE_PROTECTION, name: 'denies the root user except centrally managed root sessions' },
      { file: ORGANIZATION, name: 'enables RAM sharing with the organization and central root access management' },
    ],
    customer: 'Protect the management account\'s root user (hardware MFA, custody), which no guardrail covers.',
  },
  {
    id: 'no-long-lived-credentials',
    title: 'No IAM users or access keys in member accounts',
    does: 'A guardrail denies creating IAM users and access keys in member accounts (except the execution and break-glass roles), so people and pipelines use temporary credentials.',
    status: 'provided',
    refs: { ndg: ['4'], caf: ['B2.a'], ncsc: ['10'] },
    resources: [guardrailWith('DenyAccountSecurityChanges')],
    tests: [{ file: BASELINE_PROTECTION, name: 'denies weakening account settings, long-lived credentials, Region opt-in and default VPCs' }],
  },
  {
    id: 'workforce-identity',
    title: 'Human access through IAM Identity Center, reviewed',
    does: 'People reach accounts through IAM Identity Center permission sets (one-hour sessions, permissions boundaries) assigned only to groups from the organisation\'s identity provider, delegated to the security account; the management account alarms on console sign-in without MFA and on Identity Center changes outside the pipeline, and `lz access` lists who can do what for the access review.',
    status: 'provided',
    requiresConfig: 'access',
    customer: 'Federate Identity Center with your identity provider, enforce MFA there, keep group membership true, and review access (`lz access --csv`) at least annually.',
    refs: { ndg: ['4', '5'], caf: ['B2.a', 'B2.c', 'B2.d'], ncsc: ['9', '10'], annex11: ['12'] },
    resources: [
      { type: 'aws_ssoadmin_permission_set', where: { session_duration: { exists: true } }, atLeast: 2 },
      { type: 'aws_ssoadmin_account_assignment', where: { principal_type: 'GROUP' }, atLeast: 2 },
      { type: 'aws_ssoadmin_permissions_boundary_attachment' },
    ],
    tests: [
      { file: IDENTITY, name: 'creates each permission set of the catalogue with its session, managed policies, inline policy and boundary' },
      { file: IDENTITY, name: 'assigns exactly the expanded rows, to groups by ID, each after its permission set\'s policies' },
      { file: IDENTITY, name: 'the management stack alarms on console sign-in without MFA and on Identity Center changes outside the pipeline' },
      { file: 'test/policies/permission-set-simulation.test.ts', name: 'evaluates every request to its stated outcome and by the stated layer' },
      { file: 'test/cli/access.test.ts', name: 'filters by account and by group, and prints CSV for the access review' },
    ],
  },
  // --- Guardrails --------------------------------------------------------------------------------
  {
    id: 'region-residency',
    title: 'Data and compute only in the allowed Regions',
    does: 'An SCP at the root denies every non-global action outside the allowed Regions (London and Ireland in the example) except for the execution and break-glass roles.',
    status: 'provided',
    refs: { ndg: ['1', '9'], caf: ['B3.c'], ncsc: ['2', '13'], annex11: ['7'] },
    resources: [guardrailWith('DenyOutsideAllowedRegions'), { type: 'aws_organizations_policy_attachment', atLeast: 1 }],
    tests: [
      { file: 'test/policies/region-guardrail.test.ts', name: 'denies every non-global action outside the configured Regions' },
      { file: SIMULATION_SUITE, name: 'evaluates every request to its stated outcome, naming the deciding policy and statement' },
    ],
    customer: 'Decide that the allowed Regions meet your data-residency position (UK GDPR transfer rules).',
  },
  {
    id: 'audit-tamper-protection',
    title: 'Audit services, log buckets and keys cannot be switched off',
    does: 'An SCP at the root denies stopping or reconfiguring CloudTrail, Config, GuardDuty, Security Hub, Access Analyzer and flow logs, and changing or deleting the log buckets, their objects and keys, except for the execution and break-glass roles.',
    status: 'provided',
    refs: { ndg: ['6', '9'], caf: ['C1.b'], ncsc: ['5', '13'], annex11: ['9', '12'] },
    resources: [guardrailWith('DenyAuditTampering'), guardrailWith('DenyLogBucketChanges'), guardrailWith('DenyLogKeyChanges')],
    tests: [
      { file: BASELINE_PROTECTION, name: 'protects the audit and detection services from being stopped or reconfigured' },
      { file: BASELINE_PROTECTION, name: 'protects every log bucket name the log archive uses, and their objects, but no other bucket' },
    ],
  },
  {
    id: 'data-perimeter',
    title: 'Data perimeter: organization identities only, TLS only',
    does: 'A resource control policy lets only this organization\'s principals and AWS services acting for it use S3, KMS, STS, SQS and Secrets Manager resources, and denies every request without TLS.',
    status: 'provided',
    refs: { ndg: ['1', '4'], caf: ['B3.b', 'B3.c'], ncsc: ['1', '2', '3', '11'] },
    resources: [guardrailWith('EnforceOrgIdentities', 'RESOURCE_CONTROL_POLICY'), guardrailWith('EnforceSecureTransport', 'RESOURCE_CONTROL_POLICY')],
    tests: [
      { file: 'test/policies/data-perimeter-rcp.test.ts', name: 'covers S3, KMS, STS, SQS and Secrets Manager, keeping SAML and web-identity assumption open' },
      { file: SIMULATION_SUITE, name: 'evaluates every request to its stated outcome, naming the deciding policy and statement' },
    ],
  },
  {
    id: 'account-structure',
    title: 'An account per workload in an OU tree, with owner and classification',
    does: 'Every account is declared in the organization stack under its OU, tagged with its owner, cost centre and data classification, and can never be closed by Terraform.',
    status: 'provided',
    refs: { ndg: ['1'], caf: ['A3.a', 'B4.a'], ncsc: ['3'] },
    resources: [
      { type: 'aws_organizations_organizational_unit', atLeast: 2 },
      { type: 'aws_organizations_account', where: { 'tags.owner': { exists: true }, 'tags.data-classification': { exists: true }, close_on_deletion: false }, atLeast: 2 },
    ],
    tests: [
      { file: ORGANIZATION, name: 'builds the OU tree from configuration, nested OUs under their parents' },
      { file: ORGANIZATION, name: 'declares every core and workload account with close_on_deletion false, prevent_destroy and ownership tags' },
    ],
    customer: 'Keep owners and classifications true in the account files; classify the data each account holds.',
  },
  {
    id: 'account-suspension',
    title: 'Suspended accounts quarantined',
    does: 'A suspended account is moved to the Suspended OU, whose SCP denies everything but the landing zone\'s own roles, and is cut off from the Transit Gateway and HSCN.',
    status: 'provided',
    refs: { ndg: ['4'], caf: ['B2.d'], ncsc: ['9'] },
    resources: [guardrailWith('DenyAllWhileSuspended')],
    tests: [
      { file: 'test/policies/suspended.test.ts', name: 'denies everything except the execution, break-glass, StackSets execution (its stack only) and read-only plan roles' },
      { file: ORGANIZATION, name: 'moves a suspended account to the Suspended OU but keeps it' },
    ],
  },
  {
    id: 'account-baseline',
    title: 'Hardened account baseline',
    does: 'Every account gets EBS encryption by default in both Regions, account-level S3 Block Public Access, a strict IAM password policy, closed default security groups, and a guardrail that stops these being weakened.',
    status: 'provided',
    refs: { ndg: ['9'], caf: ['B4.b', 'B3.c'], ncsc: ['2', '5'], fsbp: ['EC2.7', 'S3.1', 'EC2.2', 'IAM.7'], cis: ['1.8', '1.9', '2.2.1', '5.4'] },
    resources: [
      { type: 'aws_ebs_encryption_by_default', where: { enabled: true }, atLeast: 2 },
      { type: 'aws_s3_account_public_access_block', where: { block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true }, atLeast: 2 },
      { type: 'aws_iam_account_password_policy', where: { minimum_password_length: { atLeast: 14 }, password_reuse_prevention: { atLeast: 24 } }, atLeast: 2 },
      { type: 'aws_default_security_group', where: { ingress: { contains: '[]' }, egress: { contains: '[]' } }, atLeast: 2 },
    ],
    tests: [
      { file: 'test/modules/account-baseline.test.ts', name: 'is carried by every member stack and the management stack' },
      { file: WORKLOAD, name: 'closes the default security group and logs flows to the log archive' },
      { file: BASELINE_PROTECTION, name: 'denies weakening account settings, long-lived credentials, Region opt-in and default VPCs' },
    ],
  },
  {
    id: 'vulnerability-management',
    title: 'Vulnerability scanning of workloads',
    does: 'Amazon Inspector scans EC2 instances, container images, Lambda functions and Lambda code in every account and allowed Region, enabled by each account\'s baseline, with the security account as delegated administrator (ADR 0703).',
    status: 'provided',
    customer: 'Triage Inspector findings and patch, upgrade or replace unsupported operating systems and software in workloads.',
    refs: { ndg: ['8'], caf: ['B4.d'], ncsc: ['5'], fsbp: ['Inspector.1', 'Inspector.2', 'Inspector.3', 'Inspector.4'] },
    resources: [
      { type: 'aws_inspector2_enabler', where: { resource_types: { contains: '"EC2","ECR","LAMBDA","LAMBDA_CODE"' } }, atLeast: 2 },
      { type: 'aws_inspector2_delegated_admin_account' },
    ],
    tests: [
      { file: ACCOUNT_BASELINE, name: '%s: per Region, SSM Automation logs to CloudWatch, no public SSM documents, an account analyzer, Inspector and Macie' },
      { file: MGMT, name: 'designates the security account Inspector and Macie delegated administrator in each Region' },
    ],
  },
  {
    id: 'sensitive-data-discovery',
    title: 'Sensitive-data discovery in S3',
    does: 'Amazon Macie is enabled in every account and allowed Region by each account\'s baseline, with the security account as delegated administrator, and evaluates S3 bucket security (ADR 0703).',
    status: 'partial',
    missing: 'No Macie sensitive-data discovery (classification) job is built, so Macie does not look for personal or patient data in objects until one is added; Macie is enabled account by account through the baseline, not by organization auto-enable.',
    customer: 'Add discovery jobs for the buckets that hold patient data, and act on their findings.',
    refs: { ndg: ['1'], caf: ['B3.a'], ncsc: ['2'], fsbp: ['Macie.1'] },
    resources: [
      { type: 'aws_macie2_account', where: { status: 'ENABLED' }, atLeast: 2 },
      { type: 'aws_macie2_organization_admin_account' },
    ],
    tests: [
      { file: ACCOUNT_BASELINE, name: '%s: per Region, SSM Automation logs to CloudWatch, no public SSM documents, an account analyzer, Inspector and Macie' },
      { file: MGMT, name: 'designates the security account Inspector and Macie delegated administrator in each Region' },
    ],
  },
  {
    id: 'security-contacts',
    title: 'Security contacts on every account',
    does: 'Every account registers the organisation\'s security, operations and billing alternate contacts from `securityPosture.alternateContacts`, so AWS can reach the right team about an incident.',
    status: 'provided',
    requiresConfig: 'alternateContacts',
    customer: 'Keep the contact mailboxes and phone numbers staffed and up to date.',
    refs: { caf: ['D1.a'], ncsc: ['4'], fsbp: ['Account.1'], cis: ['1.2'] },
    resources: [{ type: 'aws_account_alternate_contact', where: { alternate_contact_type: 'SECURITY', email_address: { exists: true } }, atLeast: 2 }],
    tests: [
      { file: ACCOUNT_BASELINE, name: '%s: security, operations and billing alternate contacts from configuration (Account.1)' },
      { file: 'test/tools/posture/evaluate.test.ts', name: 'estate 1: one account without a security contact fails Account.1 for the organization (FSBP 3/4, CIS 2/3)' },
    ],
  },
  // --- Network -------------------------------------------------------------------------------------
  {
    id: 'network-segregation',
    title: 'One inspected hub; no other way in or out of a workload',
    does: 'Workload VPCs reach HSCN and the internet only through the Transit Gateway hub and a stateful, strict-order, default-drop Network Firewall; an SCP denies workloads any other network path; offline reachability proofs trace the synthesized routing.',
    status: 'provided',
    refs: { ndg: ['9'], caf: ['B4.a', 'B5.b'], ncsc: ['3', '11'] },
    resources: [
      { type: 'aws_networkfirewall_firewall_policy', where: { 'firewall_policy.stateful_engine_options.rule_order': 'STRICT_ORDER', 'firewall_policy.stateful_default_actions': { contains: 'aws:drop_established' } } },
      { type: 'aws_ec2_transit_gateway_route_table', atLeast: 2 },
      guardrailWith('DenyNetworkPathsOutsideHub'),
    ],
    tests: [
      { file: 'test/tools/network/reachability.test.ts', name: 'proves every invariant with the routes HSCN is expected to advertise' },
      { file: 'test/policies/workload-network.test.ts', name: 'denies every path out of a workload account that bypasses the hub' },
      { file: NETWORK, name: 'runs a strict-order, default-drop firewall whose HSCN entitlement refers to a prefix list the network stack leaves empty' },
    ],
    customer: 'Security groups and network ACLs inside each workload VPC.',
  },
  {
    id: 'hscn-connection',
    title: 'HSCN connection through Direct Connect with VPN backup',
    does: 'The network account connects to HSCN through a Direct Connect gateway advertising only the HSCN allocation, with a site-to-site VPN backup, and forwards NHS domains to HSCN DNS for entitled accounts only.',
    status: 'provided',
    requiresHscn: true,
    refs: { caf: ['B5.b'], ncsc: ['11'] },
    resources: [{ type: 'aws_dx_gateway' }, { type: 'aws_vpn_connection' }, { type: 'aws_route53_resolver_rule', where: { rule_type: 'FORWARD' } }],
    tests: [
      { file: NETWORK, name: 'advertises exactly the HSCN allocation from the Direct Connect gateway and accepts the configured VIF' },
      { file: NETWORK, name: 'forwards the NHS domains from HSCN subnets in two zones, in a share whose principals this stack does not list' },
      { file: 'test/stacks/workload-stack.test.ts', name: 'adds an entitled account to the HSCN resolver-rule share itself, through a network-account provider, before associating the rules' },
    ],
    customer: 'The HSCN Connection Agreement and the CN-SP contract, and the Direct Connect circuit itself.',
  },
  {
    id: 'dns-firewall-and-endpoints',
    title: 'DNS Firewall and central VPC endpoints',
    does: 'Route 53 Resolver DNS Firewall filters workload DNS, and central interface endpoints keep AWS API traffic off the internet path.',
    status: 'partial',
    missing: 'Not built yet (issue 12): no DNS Firewall rule groups or central endpoints are deployed.',
    refs: { caf: ['B4.a'], ncsc: ['11'] },
    resources: [],
    tests: [],
    pending: { issue: '12', resources: [{ type: 'aws_route53_resolver_firewall_rule_group_association' }], tests: [] },
  },
  // --- Change control and resilience --------------------------------------------------------------
  {
    id: 'change-control',
    title: 'Every change reviewed as a plan and applied by the pipeline',
    does: 'Changes arrive as pull requests planned with read-only roles; the apply role is trusted only for the protected deploy environment and carries the actor as source identity; stateful resources carry prevent_destroy and the plan review fails on their destruction.',
    status: 'provided',
    refs: { ndg: ['9'], caf: ['B4.c', 'A4.b'], ncsc: ['7', '12'], annex11: ['4', '10'] },
    resources: [
      { type: 'aws_iam_openid_connect_provider', where: { url: 'https://token.actions.githubusercontent.com' } },
      { type: 'aws_iam_role', where: { assume_role_policy: { contains: 'token.actions.githubusercontent.com' } }, atLeast: 2 },
      { type: 'aws_organizations_policy_attachment', where: { 'lifecycle.prevent_destroy': true } },
    ],
    tests: [
      { file: 'test/stacks/pipeline-stack.test.ts', name: 'trusts the plan role only for pull requests and main (drift detection) and the apply role only for the deploy environment of the repository' },
      { file: 'test/invariants/protection.test.ts', name: 'protects exactly the types in lib/protection.ts: every type synthesized with prevent_destroy is on one of its two lists, and every listed type occurs' },
      { file: 'test/tools/plan-review/plan-report.test.ts', name: 'exits non-zero for a protected destroy, and zero with --allow-destroy' },
    ],
    customer: 'Protect the main branch and the deploy environment with required reviewers; validate workload systems under your own GxP change control.',
  },
  {
    id: 'backup-and-recovery',
    title: 'Backups of workload data',
    does: 'Organization backup policies back up resources tagged `lz:backup` into a local vault in each account and copy them to central vaults in a separate backup account under Vault Lock; a guardrail stops workload administrators destroying backups, the critical tier is restore-tested weekly, and a Backup Audit Manager framework checks the central vaults.',
    status: 'partial',
    requiresConfig: 'backup',
    missing: 'Backup Audit Manager reports are not delivered to the log archive and restore-test results are not sent to the security account (both stay in the backup account); restore testing does not cover RDS, Aurora or EC2.',
    customer: 'Tag every resource that holds data with its `lz:backup` tier, opt the resource types in to AWS Backup, and review restore-test and audit results in the backup account.',
    refs: { ndg: ['7'], caf: ['B5.c'], ncsc: ['2'], annex11: ['7', '16'] },
    resources: [
      { type: 'aws_backup_vault', where: { kms_key_arn: { exists: true } }, atLeast: 2 },
      { type: 'aws_backup_vault_lock_configuration', where: { changeable_for_days: { exists: true } } },
      { type: 'aws_organizations_policy', where: { type: 'BACKUP_POLICY' } },
      { type: 'aws_backup_restore_testing_plan' },
      { type: 'aws_backup_framework' },
      guardrailWith('DenyRecoveryPointDestruction'),
    ],
    tests: [
      { file: BACKUP, name: 'keeps a central vault per allowed Region in the backup account, under its own key, locked in COMPLIANCE mode with the configured bounds' },
      { file: BACKUP, name: 'restore-tests the critical tier weekly from the home central vault, one selection per tested type' },
      { file: BACKUP_POLICIES, name: 'backs up into the local vault and copies daily points to the central vaults of both Regions in the backup account' },
      { file: 'test/policies/backup-protection-simulation.test.ts', name: 'denies every tampering request by the stated statement and allows normal backup and restore' },
    ],
  },
  // --- The trust's and the application team's ------------------------------------------------------
  {
    id: 'continuity-planning',
    title: 'Business continuity and disaster recovery plans',
    does: 'Nothing deployed: the landing zone offers two Regions and two Availability Zones to build on.',
    status: 'customer',
    customer: 'Write, own and test continuity and disaster-recovery plans for each service, including how to run without AWS or HSCN.',
    refs: { ndg: ['7'], caf: ['B5.a', 'D1.a', 'D1.c'], annex11: ['16'] },
    resources: [],
    tests: [],
  },
  {
    id: 'incident-response',
    title: 'Incident response and reporting',
    does: 'Nothing deployed beyond the alerts above: the landing zone tells people, it does not respond.',
    status: 'customer',
    customer: 'Run incident response, report incidents through the DSPT incident reporting tool and to the ICO within the timescales they set, and keep the response plan tested.',
    refs: { ndg: ['6'], caf: ['D1.a', 'D1.b', 'D1.c'], ncsc: ['5'], annex11: ['13'] },
    resources: [],
    tests: [],
  },
  {
    id: 'lessons-learned',
    title: 'Root-cause analysis and process reviews',
    does: 'Nothing deployed.',
    status: 'customer',
    customer: 'Review incidents and near misses, find root causes, and review processes at least annually.',
    refs: { ndg: ['5'], caf: ['D2'] },
    resources: [],
    tests: [],
  },
  {
    id: 'threat-hunting',
    title: 'Threat intelligence and threat hunting',
    does: 'Nothing deployed beyond GuardDuty\'s managed detections; the logs above are the raw material.',
    status: 'customer',
    customer: 'Understand the threats to your services and hunt proactively over the logs (a SOC or managed service).',
    refs: { caf: ['A2.b', 'C2'] },
    resources: [],
    tests: [],
  },
  {
    id: 'governance-and-risk',
    title: 'Security governance, risk management and policies',
    does: 'Nothing deployed: the decision records in docs/decisions/ explain the landing zone\'s design choices for a risk owner to accept.',
    status: 'customer',
    customer: 'Board-level ownership of security (SIRO), a risk register, security policies and processes, and accepting the residual risks the decision records name.',
    refs: { caf: ['A1', 'A2.a', 'B1'], ncsc: ['4'], annex11: ['1', '11'] },
    resources: [],
    tests: [],
  },
  {
    id: 'supply-chain',
    title: 'Suppliers and the cloud provider',
    does: 'Nothing deployed: dependencies are pinned to exact versions and third-party data is listed in NOTICE.',
    status: 'customer',
    customer: 'Contracts and assurance for AWS (AWS Artifact reports) and every supplier, and supplier access reviews.',
    refs: { ndg: ['10'], caf: ['A4.a'], ncsc: ['8'], annex11: ['3'] },
    resources: [],
    tests: [],
  },
  {
    id: 'staff-and-training',
    title: 'Staff responsibilities, training and personnel security',
    does: 'Nothing deployed.',
    status: 'customer',
    customer: 'Staff data security responsibilities, annual training, and vetting of people with privileged access.',
    refs: { ndg: ['2', '3'], caf: ['B6'], ncsc: ['6'] },
    resources: [],
    tests: [],
  },
  {
    id: 'information-governance',
    title: 'Information governance: lawful use and sharing, DPIAs, records',
    does: 'Nothing deployed.',
    status: 'customer',
    customer: 'Privacy notices, individuals\' rights, lawful use and sharing (Caldicott principles), DPIAs, records management, and clinical safety (DCB0129 for manufacturers, DCB0160 for deploying organisations).',
    refs: { ndg: ['1'], dsptE: ['E1', 'E2', 'E3', 'E4'], caf: ['B3.a'] },
    resources: [],
    tests: [],
  },
  {
    id: 'application-security',
    title: 'Application security and application logging',
    does: 'Nothing deployed inside workloads: the landing zone stops at the account, its VPC and its guardrails.',
    status: 'customer',
    customer: 'Secure development and configuration of applications, their encryption of data at rest, application audit logging, and GxP validation of computerised systems.',
    refs: { caf: ['A4.b', 'B4.a'], ncsc: ['7', '14'], annex11: ['4'] },
    resources: [],
    tests: [],
  },
];

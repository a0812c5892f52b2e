// Controls: Detection and alerting.
import { MGMT, SECURITY, SECURITY_ORG } from './kit';
import type { Control } from '../types';

export const DETECTION_CONTROLS: readonly Control[] = [
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
      {
        file: 'test/invariants/config-recorders.test.ts',
        name: 'records in every account (management, three core, the backup account when configured, each workload) in every allowed Region, exactly once',
      },
      { file: SECURITY, name: 'aggregates Config for the whole organization across every allowed Region' },
    ],
  },
  {
    id: 'conformance-packs',
    title: 'NCSC conformance packs across the organization',
    does: "AWS Config organization conformance packs run AWS's rule sets for the NCSC Cloud Security Principles and the CAF (150 rules) in every account and both Regions.",
    status: 'provided',
    refs: { ndg: ['9'], caf: ['B4.b', 'A2.a'], ncsc: ['4', '5'], annex11: ['11'] },
    resources: [{ type: 'aws_config_organization_conformance_pack', atLeast: 2 }],
    tests: [
      {
        file: SECURITY_ORG,
        name: 'deploys the NCSC conformance packs in both Regions, within limits, with timeouts for a whole organization',
      },
      { file: 'test/lib/conformance.test.ts', name: 'deploys every rule of both NCSC sets exactly once (global rules only at home)' },
    ],
    customer: "Answer the packs' manual process checks and act on non-compliant rules.",
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
      {
        file: SECURITY,
        name: 'runs its own GuardDuty detector with every protection plan in both Regions, and leaves the organization configuration to security-organization',
      },
      {
        file: SECURITY_ORG,
        name: "auto-enables GuardDuty for every member with every protection plan, using the security stack's detector, in both Regions",
      },
    ],
  },
  {
    id: 'security-posture',
    title: 'Security Hub: FSBP and CIS v3.0 everywhere',
    does: 'Security Hub central configuration enables AWS Foundational Security Best Practices and CIS AWS Foundations Benchmark v3.0 in every account and allowed Region, aggregated in the home Region.',
    status: 'provided',
    refs: { ndg: ['9'], caf: ['B4.b', 'C1.c'], ncsc: ['5'], fsbp: ['SecurityHub.1'], annex11: ['11'] },
    resources: [
      {
        type: 'aws_securityhub_configuration_policy',
        where: {
          'configuration_policy.service_enabled': true,
          'configuration_policy.enabled_standard_arns': { contains: 'cis-aws-foundations-benchmark/v/3.0.0' },
        },
      },
      { type: 'aws_securityhub_finding_aggregator' },
    ],
    tests: [
      {
        file: SECURITY,
        name: 'configures Security Hub centrally with FSBP and CIS v3.0 for the whole organization, aggregating eu-west-1 into eu-west-2',
      },
    ],
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
    tests: [
      {
        file: SECURITY,
        name: 'routes high-severity GuardDuty and Security Hub findings to encrypted topics with the configured subscribers',
      },
    ],
    customer: 'Confirm the subscription emails, staff the mailbox, and subscribe on-call paging if you need it.',
  },
  {
    id: 'management-account-alarms',
    title: 'Alarms on tampering with the audit trail and on root use',
    does: "Metric filters on the trail's log group alarm on trail, Config recorder and organization-policy changes and on root activity, to the alert topic.",
    status: 'provided',
    refs: {
      ndg: ['4', '6'],
      caf: ['C1.c'],
      ncsc: ['12', '13'],
      fsbp: ['CloudWatch.1', 'CloudWatch.5', 'CloudWatch.9'],
      cis: ['4.3', '4.5', '4.9', '4.15'],
    },
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
];

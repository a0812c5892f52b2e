// The management account's own controls. SCPs never apply to the management account, so it gets
// its baseline here, the organization trail, and detective alarms on the changes an SCP would
// otherwise have prevented: trail, recorder, organization-policy changes and root activity. It also
// designates the GuardDuty delegated administrator, which must follow the security stack's detectors.
import { Cloudtrail } from '@cdktf/provider-aws/lib/cloudtrail';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { CloudwatchLogMetricFilter } from '@cdktf/provider-aws/lib/cloudwatch-log-metric-filter';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { Inspector2DelegatedAdminAccount } from '@cdktf/provider-aws/lib/inspector2-delegated-admin-account';
import { Macie2OrganizationAdminAccount } from '@cdktf/provider-aws/lib/macie2-organization-admin-account';
import { GuarddutyOrganizationAdminAccount } from '@cdktf/provider-aws/lib/guardduty-organization-admin-account';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import type { Construct } from 'constructs';
import { regionCode } from '../lib/config/model';
import type { LandingZoneConfig } from '../lib/config/schema';
import { configDeliveryTarget, organizationTrailArn, organizationTrailName, trailLogGroupName } from '../lib/logging/delivery';
import { landingZoneRoleName, logBucketName } from '../lib/naming';
import { AccountBaseline } from '../modules/account-baseline';
import { AlertTopic } from '../modules/alert-topic';
import { ProtectedKmsKey } from '../modules/protected-kms-key';
import { LandingZoneStack, managementAccountTarget } from './landing-zone-stack';
import { accessAlarms } from '../lib/access/alarms';
import { breakGlassAlarms } from '../lib/break-glass';

export interface ManagementStackProps {
  readonly config: LandingZoneConfig;
  /** The log-archive account (literal or cross-stack reference). */
  readonly logArchiveAccountId: string;
  /** ARN of the log-archive key in the home Region (cross-stack reference): encrypts the trail. */
  readonly logArchiveKeyArn: string;
  /**
   * The security account (literal or cross-stack reference), designated GuardDuty delegated
   * administrator here, after the security stack has created its own detectors.
   */
  readonly securityAccountId: string;
  /**
   * The backup account, when configuration has the backup section: the management account gets
   * local backup vaults too (backup policies attached to the root reach it).
   * @default no local backup vaults
   */
  readonly backupAccountId?: string;
}

/** API calls that silence or redirect the trail. */
export const TRAIL_CHANGE_EVENTS = ['StopLogging', 'DeleteTrail', 'UpdateTrail', 'PutEventSelectors', 'PutInsightSelectors'] as const;
/** API calls that stop or redirect AWS Config recording. */
export const RECORDER_CHANGE_EVENTS = [
  'StopConfigurationRecorder',
  'DeleteConfigurationRecorder',
  'PutConfigurationRecorder',
  'DeleteDeliveryChannel',
  'PutDeliveryChannel',
] as const;
/** API calls that change guardrails or how the organization is administered. */
export const ORGANIZATION_POLICY_EVENTS = [
  'CreatePolicy',
  'UpdatePolicy',
  'DeletePolicy',
  'AttachPolicy',
  'DetachPolicy',
  'EnablePolicyType',
  'DisablePolicyType',
  'RegisterDelegatedAdministrator',
  'DeregisterDelegatedAdministrator',
  'EnableAWSServiceAccess',
  'DisableAWSServiceAccess',
] as const;

/**
 * API calls that attach a network to the Transit Gateway. The hub accepts shared attachments
 * automatically (ADR 0701), so every new attachment raises an alert for review instead.
 */
export const TRANSIT_GATEWAY_ATTACHMENT_EVENTS = [
  'CreateTransitGatewayVpcAttachment',
  'AcceptTransitGatewayVpcAttachment',
  'CreateTransitGatewayPeeringAttachment',
  'AcceptTransitGatewayPeeringAttachment',
  'CreateTransitGatewayConnect',
  'CreateVpnConnection',
] as const;

/** CloudWatch metric namespace of the audit alarms. */
export const AUDIT_METRIC_NAMESPACE = 'LandingZone/Audit';

function anyEventName(names: readonly string[]): string {
  return names.map((name) => `($.eventName = "${name}")`).join(' || ');
}

export class ManagementStack extends LandingZoneStack {
  readonly baseline: AccountBaseline;
  readonly trail: Cloudtrail;
  readonly trailLogGroup: CloudwatchLogGroup;

  constructor(scope: Construct, id: string, props: ManagementStackProps) {
    const { config } = props;
    super(scope, id, { config, target: managementAccountTarget(config) });
    const accountId = config.managementAccount.accountId;
    this.baseline = new AccountBaseline(this, 'baseline', {
      regionalProviders: this.regionalProviders,
      accountId,
      config,
      configDelivery: configDeliveryTarget(config, props.logArchiveAccountId),
      logArchiveAccountId: props.logArchiveAccountId,
      backup: props.backupAccountId === undefined ? undefined : { accountId, backupAccountId: props.backupAccountId },
    });

    // CloudWatch Logs copy of the trail: searchable, alarmable, and encrypted with a key of this
    // account (CloudWatch Logs needs a key in the log group's own account and Region).
    const logGroupName = trailLogGroupName(config);
    const logGroupArn = `arn:aws:logs:${config.homeRegion}:${accountId}:log-group:${logGroupName}`;
    const logsKey = new ProtectedKmsKey(this, 'trail-logs-key', {
      provider: this.homeProvider,
      description: 'Encrypts the CloudWatch Logs copy of the organization trail',
      aliasName: `alias/${config.organization.namePrefix}-lz-trail-logs`,
      accountId,
      statements: [
        {
          Sid: 'CloudWatchLogsEncryptsTrailLogGroup',
          Effect: 'Allow',
          Principal: { Service: `logs.${config.homeRegion}.amazonaws.com` },
          Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
          Resource: '*',
          Condition: { ArnEquals: { 'kms:EncryptionContext:aws:logs:arn': logGroupArn } },
        },
      ],
    });
    this.trailLogGroup = new CloudwatchLogGroup(this, 'trail-log-group', {
      provider: this.homeProvider,
      name: logGroupName,
      retentionInDays: config.logging.cloudWatchRetentionDays,
      kmsKeyId: logsKey.key.arn,
      lifecycle: { preventDestroy: true },
    });

    const trailArn = organizationTrailArn(config);
    const deliveryRole = new IamRole(this, 'trail-cloudwatch-role', {
      provider: this.homeProvider,
      name: landingZoneRoleName('cloudtrail-to-cloudwatch'),
      description: 'CloudTrail delivers the organization trail to CloudWatch Logs',
      assumeRolePolicy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'cloudtrail.amazonaws.com' },
            Action: 'sts:AssumeRole',
            Condition: { StringEquals: { 'aws:SourceArn': trailArn } },
          },
        ],
      }),
    });
    const deliveryPolicy = new IamRolePolicy(this, 'trail-cloudwatch-policy', {
      provider: this.homeProvider,
      role: deliveryRole.name,
      name: 'deliver-organization-trail',
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          // Organization trails name streams <org-id>_<account-id>_CloudTrail_<region>, so the
          // whole group's streams are needed, and nothing else.
          {
            Sid: 'WriteTrailStreams',
            Effect: 'Allow',
            Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
            Resource: `${logGroupArn}:log-stream:*`,
          },
        ],
      }),
    });

    this.trail = new Cloudtrail(this, 'organization-trail', {
      provider: this.homeProvider,
      name: organizationTrailName(config),
      s3BucketName: logBucketName(config, 'cloudtrail', config.homeRegion, props.logArchiveAccountId),
      kmsKeyId: props.logArchiveKeyArn,
      isOrganizationTrail: true,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableLogFileValidation: true,
      enableLogging: true,
      cloudWatchLogsGroupArn: `${logGroupArn}:*`,
      cloudWatchLogsRoleArn: deliveryRole.arn,
      advancedEventSelector: [
        { name: 'All management events', fieldSelector: [{ field: 'eventCategory', equalTo: ['Management'] }] },
        {
          // Every change to any object in any bucket (Security Hub S3.22; ADR 0700): write events
          // are few and are the evidence of tampering. Reads are logged for patient data only, below.
          name: 'All S3 object write events',
          fieldSelector: [
            { field: 'eventCategory', equalTo: ['Data'] },
            { field: 'resources.type', equalTo: ['AWS::S3::Object'] },
            { field: 'readOnly', equalTo: ['false'] },
          ],
        },
        {
          // CloudTrail cannot select buckets by tag, and listing buckets would change this stack on
          // every vend; the naming convention selects every present and future patient-data bucket.
          name: 'Patient-data S3 object events',
          fieldSelector: [
            { field: 'eventCategory', equalTo: ['Data'] },
            { field: 'resources.type', equalTo: ['AWS::S3::Object'] },
            { field: 'resources.ARN', startsWith: [`arn:aws:s3:::${config.logging.patientDataBucketPrefix}`] },
          ],
        },
      ],
      dependsOn: [deliveryPolicy, this.trailLogGroup],
      lifecycle: { preventDestroy: true },
    });

    // Alerts. EventBridge sees regional API calls in the Region where they happen; calls to global
    // services (Organizations, most root sign-ins) are delivered in us-east-1, where this estate
    // keeps nothing. The organization trail's log group receives every Region's events from every
    // account, so metric filters on it catch what regional rules cannot.
    const alertTopics = this.regionalProviders.map(({ region, provider }) => {
      const alerts = new AlertTopic(this, `alerts-${regionCode(region)}`, {
        provider,
        region,
        accountId,
        topicName: `${config.organization.namePrefix}-lz-management-alerts`,
        keyAliasName: `alias/${config.organization.namePrefix}-lz-alerts`,
        emails: config.logging.alertEmails,
      });
      alerts.route('trail-changes', 'The organization trail is stopped, deleted or reconfigured', {
        source: ['aws.cloudtrail'],
        'detail-type': ['AWS API Call via CloudTrail'],
        detail: { eventSource: ['cloudtrail.amazonaws.com'], eventName: [...TRAIL_CHANGE_EVENTS] },
      });
      alerts.route('recorder-changes', 'AWS Config recording is stopped or redirected in the management account', {
        source: ['aws.config'],
        'detail-type': ['AWS API Call via CloudTrail'],
        detail: { eventSource: ['config.amazonaws.com'], eventName: [...RECORDER_CHANGE_EVENTS] },
      });
      alerts.route('root-sign-in', 'The management account root user signed in', {
        source: ['aws.signin'],
        'detail-type': ['AWS Console Sign In via CloudTrail'],
        detail: { userIdentity: { type: ['Root'] } },
      });
      return alerts;
    });
    const homeAlerts = alertTopics[0];

    const filters: { id: string; description: string; pattern: string }[] = [
      {
        id: 'trail-changes',
        description: 'CloudTrail stopped, deleted or reconfigured in any account',
        pattern: `{ ($.eventSource = "cloudtrail.amazonaws.com") && (${anyEventName(TRAIL_CHANGE_EVENTS)}) }`,
      },
      {
        id: 'recorder-changes',
        description: 'AWS Config recording stopped or redirected in any account',
        pattern: `{ ($.eventSource = "config.amazonaws.com") && (${anyEventName(RECORDER_CHANGE_EVENTS)}) }`,
      },
      {
        id: 'organization-policy-changes',
        description: 'SCPs, RCPs, delegated administrators or trusted services changed',
        pattern: `{ ($.eventSource = "organizations.amazonaws.com") && (${anyEventName(ORGANIZATION_POLICY_EVENTS)}) }`,
      },
      {
        id: 'root-activity',
        description: 'A root user signed in or made a call in any account',
        pattern: '{ ($.userIdentity.type = "Root") && ($.userIdentity.invokedBy NOT EXISTS) && ($.eventType != "AwsServiceEvent") }',
      },
      {
        id: 'transit-gateway-attachments',
        description: 'A network was attached to a Transit Gateway in any account (the hub auto-accepts; review it)',
        pattern: `{ ($.eventSource = "ec2.amazonaws.com") && (${anyEventName(TRANSIT_GATEWAY_ATTACHMENT_EVENTS)}) && ($.errorCode NOT EXISTS) }`,
      },
      ...breakGlassAlarms(config.roles.breakGlass),
      ...accessAlarms(config.roles.execution),
    ];
    for (const filter of filters) {
      const metricName = filter.id;
      new CloudwatchLogMetricFilter(this, `metric-filter-${filter.id}`, {
        provider: this.homeProvider,
        name: `lz-${filter.id}`,
        logGroupName: this.trailLogGroup.name,
        pattern: filter.pattern,
        metricTransformation: { name: metricName, namespace: AUDIT_METRIC_NAMESPACE, value: '1', defaultValue: '0' },
      });
      new CloudwatchMetricAlarm(this, `alarm-${filter.id}`, {
        provider: this.homeProvider,
        alarmName: `lz-${filter.id}`,
        alarmDescription: filter.description,
        namespace: AUDIT_METRIC_NAMESPACE,
        metricName,
        statistic: 'Sum',
        period: 300,
        evaluationPeriods: 1,
        threshold: 1,
        comparisonOperator: 'GreaterThanOrEqualToThreshold',
        treatMissingData: 'notBreaching',
        alarmActions: [homeAlerts.topic.arn],
        insufficientDataActions: [homeAlerts.topic.arn],
      });
    }

    // GuardDuty delegated administrator, per Region. Designation enables GuardDuty in the designated
    // account; the security stack (a dependency of this one) has created that account's detector
    // already, so the designation adopts it instead of AWS creating one that no stack manages
    // (lib/aws-implicit-resources.ts, docs/decisions/0205-security-services-ordering.md).
    for (const { region, provider } of this.regionalProviders) {
      new GuarddutyOrganizationAdminAccount(this, `guardduty-admin-${regionCode(region)}`, {
        provider,
        adminAccountId: props.securityAccountId,
      });
      // Inspector and Macie administration for the organization view, after the security stack: the
      // security account has enabled both itself already (its baseline), so designation adopts them.
      // No organization auto-enable: every account enables both itself in its baseline (ADR 0703).
      new Inspector2DelegatedAdminAccount(this, `inspector-admin-${regionCode(region)}`, { provider, accountId: props.securityAccountId });
      new Macie2OrganizationAdminAccount(this, `macie-admin-${regionCode(region)}`, { provider, adminAccountId: props.securityAccountId });
    }
  }
}

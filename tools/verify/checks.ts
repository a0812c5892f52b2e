// The checks of `lz verify`, as data: what each looks at, why only a live estate can answer it, the
// AWS documentation that defines the status it reads, and what to do when it fails. The verifier
// (run.ts) applies each check to every account, Region and resource that estate.ts finds in the
// configuration and the synthesized Terraform, so the list never names an account.

export type CheckId =
  | 'cloudtrail-delivery'
  | 'cloudtrail-digest-delivery'
  | 'config-recorder'
  | 'config-delivery'
  | 'flow-log-delivery'
  | 'firewall-logging'
  | 'query-log-config'
  | 'query-log-association'
  | 'guardduty-enabled'
  | 'securityhub-enabled'
  | 'access-analyzer-active'
  | 'execution-role-present'
  | 'break-glass-role-present'
  | 'break-glass-alarm-wired'
  | 'alarm-wired'
  | 'alert-topic-subscribed'
  | 'stackset-instances-current'
  | 'test-alert-delivered';

export interface VerifyCheck {
  readonly id: CheckId;
  /** What is read, in one line. */
  readonly what: string;
  /** Why an offline plan cannot show it (what the check settles). */
  readonly why: string;
  /** The AWS documentation that defines the API field the check reads. */
  readonly reference: string;
  /** What the operator does when the check fails. */
  readonly fix: string;
  /** Only with --send-test-alert: the check writes (it sets an alarm state). */
  readonly writes?: boolean;
}

/**
 * Deliveries into the log archive depend on three things that AWS documents only partly, and that
 * these checks settle on the first day: Config delivering into an Object Lock bucket that has no
 * default retention, services that send ACL headers to buckets with BucketOwnerEnforced, and the
 * policy variables in the resource control policies. A delivery that succeeds settles all three
 * for that service.
 */
const DELIVERY_SETTLES =
  'the log bucket policy, the log key policy and the resource control policies allow this exact delivery (Object Lock without default retention, BucketOwnerEnforced ACL headers and RCP policy variables are settled only by a real delivery)';

export const VERIFY_CHECKS: readonly VerifyCheck[] = [
  {
    id: 'cloudtrail-delivery',
    what: 'CloudTrail GetTrailStatus: the trail is logging and LatestDeliveryError is empty',
    why: `only a delivery shows that ${DELIVERY_SETTLES}`,
    reference:
      'AWS CloudTrail API Reference, GetTrailStatus (IsLogging, LatestDeliveryError): https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_GetTrailStatus.html',
    fix: 'read LatestDeliveryError: AccessDenied means the cloudtrail bucket policy or the log key policy in log-archive refuses cloudtrail.amazonaws.com for this trail ARN; fix the policy in the log-archive stack, re-apply log-archive, and re-run lz verify after the next delivery (about 5 minutes)',
  },
  {
    id: 'cloudtrail-digest-delivery',
    what: 'CloudTrail GetTrailStatus: a digest file was delivered and LatestDigestDeliveryError is empty',
    why: 'log file validation (aws cloudtrail validate-logs) needs the hourly digest files; a digest refused by the bucket is invisible until someone validates',
    reference:
      'AWS CloudTrail API Reference, GetTrailStatus (LatestDigestDeliveryTime, LatestDigestDeliveryError): https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_GetTrailStatus.html',
    fix: 'digest files go to AWSLogs/<org-id>/<account>/CloudTrail-Digest/ in the same bucket: allow that prefix in the cloudtrail bucket policy; digests are delivered about once an hour, so re-run an hour after the trail starts logging',
  },
  {
    id: 'config-recorder',
    what: 'AWS Config DescribeConfigurationRecorderStatus: recording is on and lastStatus is not Failure',
    why: 'a recorder that exists may still be stopped or fail to record (service-linked role missing or denied)',
    reference:
      'AWS Config API Reference, DescribeConfigurationRecorderStatus (recording, lastStatus, lastErrorCode): https://docs.aws.amazon.com/config/latest/APIReference/API_DescribeConfigurationRecorderStatus.html',
    fix: 'read lastErrorCode; re-apply the stack that owns the account baseline (its aws_config_configuration_recorder_status starts recording), and check that AWSServiceRoleForConfig exists in the account',
  },
  {
    id: 'config-delivery',
    what: 'AWS Config DescribeDeliveryChannelStatus: no delivery failed, and a configuration history or snapshot delivery succeeded',
    why: `Config delivers into the Object Lock config bucket of log-archive; only a delivery shows that ${DELIVERY_SETTLES}`,
    reference:
      'AWS Config API Reference, DescribeDeliveryChannelStatus and ConfigExportDeliveryInfo (lastStatus, lastErrorCode): https://docs.aws.amazon.com/config/latest/APIReference/API_DescribeDeliveryChannelStatus.html',
    fix: 'read lastErrorCode: an AccessDenied or KMS error means the config bucket policy or the log key policy in log-archive refuses this account; an error naming Object Lock means Config refuses the home-Region config bucket even without a default retention (the open question of ADR 0201): that bucket must then be one without Object Lock, the locked replica keeping the immutable copy; fix log-archive, then aws configservice deliver-config-snapshot --delivery-channel-name <name> in that account and Region delivers at once (history arrives only every 6 hours) and re-run',
  },
  {
    id: 'flow-log-delivery',
    what: 'EC2 DescribeFlowLogs: every flow log the stack creates exists and DeliverLogsStatus is SUCCESS',
    why: `flow logs are written to <bucket>/<prefix>/AWSLogs/<account>/...; only a delivery shows that ${DELIVERY_SETTLES}`,
    reference:
      'Amazon EC2 API Reference, FlowLog (DeliverLogsStatus, DeliverLogsErrorMessage): https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_FlowLog.html',
    fix: 'DeliverLogsErrorMessage "Access error" means the network log bucket policy or key policy in log-archive refuses delivery.logs.amazonaws.com for this prefix; fix the network bucket policy (it must grant <prefix>/AWSLogs/<account>/*) and re-apply log-archive; a missing flow log means the stack was not applied',
  },
  {
    id: 'firewall-logging',
    what: 'Network Firewall DescribeLoggingConfiguration: the firewall logs every configured log type to S3',
    why: 'the logging configuration is applied after the firewall exists and can be changed outside Terraform; Network Firewall reports no delivery status, so check the objects under the firewall prefix in the network log bucket as well',
    reference:
      'AWS Network Firewall API Reference, DescribeLoggingConfiguration: https://docs.aws.amazon.com/network-firewall/latest/APIReference/API_DescribeLoggingConfiguration.html; Developer Guide, "Logging network traffic from AWS Network Firewall" (S3 object key shape)',
    fix: 're-apply the network stack (its aws_networkfirewall_logging_configuration sets the destinations), then look for objects under <prefix>/AWSLogs/<network account>/network-firewall/ in the network log bucket',
  },
  {
    id: 'query-log-config',
    what: 'Route 53 Resolver ListResolverQueryLogConfigs: the query-log configuration is CREATED',
    why: 'Resolver validates the S3 destination when it creates the configuration; a refused destination leaves it FAILED',
    reference:
      'Amazon Route 53 API Reference, ResolverQueryLogConfig (Status): https://docs.aws.amazon.com/Route53/latest/APIReference/API_route53resolver_ResolverQueryLogConfig.html',
    fix: 'a FAILED configuration means the network log bucket refuses Resolver query logs: fix the bucket policy in log-archive, then replace the configuration by re-applying the network stack',
  },
  {
    id: 'query-log-association',
    what: 'Route 53 Resolver ListResolverQueryLogConfigAssociations: every association the stack creates is ACTIVE with Error NONE',
    why: `associations of shared configurations break when the RAM share stops covering the account; only a delivery shows that ${DELIVERY_SETTLES}`,
    reference:
      'Amazon Route 53 API Reference, ResolverQueryLogConfigAssociation (Status, Error, ErrorMessage): https://docs.aws.amazon.com/Route53/latest/APIReference/API_route53resolver_ResolverQueryLogConfigAssociation.html',
    fix: 'Error DESTINATION_NOT_FOUND or ACCESS_DENIED: the network log bucket or key in log-archive refuses Resolver; fewer associations than expected: the account is no longer in the OU the configuration is shared with, or the workload stack was not applied (re-apply it)',
  },
  {
    id: 'guardduty-enabled',
    what: 'GuardDuty ListDetectors and GetDetector: the account has a detector with Status ENABLED in the Region',
    why: 'member detectors are created by the delegated administrator’s auto-enable, asynchronously, and new accounts join later',
    reference:
      'Amazon GuardDuty API Reference, GetDetector (Status): https://docs.aws.amazon.com/guardduty/latest/APIReference/API_GetDetector.html; User Guide, "Managing GuardDuty accounts with AWS Organizations"',
    fix: 'in the security account, check that auto-enable for the organization is ALL in this Region and that the account is a member (GuardDuty console, Accounts); re-apply the security stack if the organization configuration is missing',
  },
  {
    id: 'securityhub-enabled',
    what: 'Security Hub DescribeHub: the account is subscribed to Security Hub in the Region',
    why: 'with central configuration the delegated administrator enables Security Hub in members by policy association, asynchronously',
    reference:
      'AWS Security Hub API Reference, DescribeHub (InvalidAccessException when not subscribed): https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_DescribeHub.html',
    fix: 'in the security account, check the configuration policy association for this account (Security Hub console, Configuration); re-apply the security stack; a new account is covered once its OU association applies',
  },
  {
    id: 'access-analyzer-active',
    what: "IAM Access Analyzer ListAnalyzers: the organization analyzer, and each account's own analyzer in every Region, is ACTIVE",
    why: 'the organization analyzer needs trusted access and the delegated administrator; it can be FAILED without Terraform noticing',
    reference:
      'IAM Access Analyzer API Reference, AnalyzerSummary (status, statusReason): https://docs.aws.amazon.com/access-analyzer/latest/APIReference/API_AnalyzerSummary.html',
    fix: "read statusReason: AWS_SERVICE_ACCESS_DISABLED or DELEGATED_ADMINISTRATOR_DEREGISTERED means the organization stack must enable access-analyzer.amazonaws.com and register the security account; re-apply organization, then security; a missing account analyzer means the account's stack was not applied: re-apply it",
  },
  {
    id: 'execution-role-present',
    what: 'IAM GetRole: the execution role exists in the account',
    why: 'the StackSet creates it in each member account a few minutes after the account joins; every member stack assumes it',
    reference:
      'IAM API Reference, GetRole (NoSuchEntity): https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetRole.html; CloudFormation User Guide, "Create stack sets with service-managed permissions"',
    fix: 'see the stackset-instances-current result for this account: an OUTDATED or INOPERABLE instance explains the missing role; re-apply the organization stack after fixing its cause',
  },
  {
    id: 'break-glass-role-present',
    what: 'IAM GetRole: the break-glass role exists in the account and its trust requires MFA',
    why: 'every guardrail exempts the break-glass role by name; if it is missing nobody can get in during an incident, and a trust without MFA can be changed outside Terraform',
    reference:
      'IAM API Reference, GetRole (AssumeRolePolicyDocument): https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetRole.html; IAM User Guide, "Configuring MFA-protected API access"',
    fix: 'if the deployed version creates no break-glass role, upgrade and re-apply; if the role is missing in one account, re-apply the stack that creates it there; a trust without aws:MultiFactorAuthPresent was changed by hand: re-apply and find the change in CloudTrail',
  },
  {
    id: 'break-glass-alarm-wired',
    what: 'CloudWatch DescribeAlarms: the break-glass alarms exist, have actions enabled and notify an SNS topic',
    why: 'break-glass use must page someone; an alarm with disabled actions or no SNS action is silent',
    reference:
      'Amazon CloudWatch API Reference, DescribeAlarms (MetricAlarm ActionsEnabled, AlarmActions): https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_DescribeAlarms.html',
    fix: 'if no break-glass alarm is synthesized, the deployed version does not create one: upgrade and re-apply the management stack; if it is missing or silent in AWS, re-apply the management stack and do not disable alarm actions by hand',
  },
  {
    id: 'alarm-wired',
    what: 'CloudWatch DescribeAlarms: every synthesized alarm exists, has actions enabled and notifies an SNS topic',
    why: 'alarm actions can be disabled outside Terraform (DisableAlarmActions), which a plan does not show as drift',
    reference:
      'Amazon CloudWatch API Reference, DescribeAlarms (MetricAlarm ActionsEnabled, AlarmActions): https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_DescribeAlarms.html',
    fix: 'run aws cloudwatch enable-alarm-actions --alarm-names <name> in the account, or re-apply the stack that owns the alarm',
  },
  {
    id: 'alert-topic-subscribed',
    what: 'SNS GetTopicAttributes: the alert topic has at least one confirmed subscription and none pending',
    why: 'email subscriptions stay PendingConfirmation until someone clicks the link; until then alerts reach nobody',
    reference:
      'Amazon SNS API Reference, GetTopicAttributes (SubscriptionsConfirmed, SubscriptionsPending): https://docs.aws.amazon.com/sns/latest/api/API_GetTopicAttributes.html',
    fix: 'ask the owners of logging.alertEmails to confirm the subscription email from AWS Notifications; if it was lost or has expired, aws sns subscribe --topic-arn <topic ARN> --protocol email --notification-endpoint <address> sends a new confirmation for the same address',
  },
  {
    id: 'stackset-instances-current',
    what: 'CloudFormation ListStackInstances: every instance of the StackSet is CURRENT and every active account has one',
    why: 'service-managed StackSets deploy to new accounts asynchronously; a failed instance leaves that account without its execution role',
    reference:
      'AWS CloudFormation API Reference, StackInstanceSummary (Status, StatusReason, StackInstanceStatus.DetailedStatus): https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_StackInstanceSummary.html',
    fix: 'read StatusReason; for an SCP denial fix the guardrail exemption for stacksets-exec-*, then run aws cloudformation update-stack-instances for the account (or re-apply the organization stack); a missing account is not yet in an OU the StackSet targets',
  },
  {
    id: 'test-alert-delivered',
    what: 'CloudWatch SetAlarmState to ALARM on one synthesized alarm, then DescribeAlarmHistory shows its SNS action succeeded',
    why: 'only a real publish proves that the topic policy and the topic key policy let CloudWatch publish (a refused publish is otherwise silent)',
    reference:
      'Amazon CloudWatch API Reference, SetAlarmState ("for testing appropriate actions") and DescribeAlarmHistory (HistoryItemType Action): https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_SetAlarmState.html',
    fix: 'the history summary says why: a KMS error means the alert topic key policy does not let cloudwatch.amazonaws.com use the key; an authorization error means the topic policy refuses it; fix the alert topic in the management stack and re-apply',
    writes: true,
  },
];

export function checkById(id: CheckId): VerifyCheck {
  const check = VERIFY_CHECKS.find((candidate) => candidate.id === id);
  if (!check) throw new Error(`unknown check ${id}`);
  return check;
}

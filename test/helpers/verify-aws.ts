// Recorded AWS responses for `lz verify`, served by aws-sdk-client-mock. Each client's account is
// read from its credentials (the STS mock issues the plan role of an account with the account ID
// as access key ID), so one mock answers per account and Region as AWS would. Response shapes follow the AWS API references cited in tools/verify/checks.ts.
import { AccessAnalyzerClient, ListAnalyzersCommand } from '@aws-sdk/client-accessanalyzer';
import { CloudFormationClient, ListStackInstancesCommand } from '@aws-sdk/client-cloudformation';
import { CloudTrailClient, GetTrailStatusCommand } from '@aws-sdk/client-cloudtrail';
import { CloudWatchClient, DescribeAlarmHistoryCommand, DescribeAlarmsCommand, SetAlarmStateCommand } from '@aws-sdk/client-cloudwatch';
import {
  ConfigServiceClient,
  DescribeConfigurationRecorderStatusCommand,
  DescribeDeliveryChannelStatusCommand,
} from '@aws-sdk/client-config-service';
import { DescribeFlowLogsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { GetDetectorCommand, GuardDutyClient, ListDetectorsCommand } from '@aws-sdk/client-guardduty';
import { GetRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { DescribeLoggingConfigurationCommand, NetworkFirewallClient } from '@aws-sdk/client-network-firewall';
import { ListAccountsCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import {
  ListResolverQueryLogConfigAssociationsCommand,
  ListResolverQueryLogConfigsCommand,
  Route53ResolverClient,
} from '@aws-sdk/client-route53resolver';
import { DescribeHubCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { GetTopicAttributesCommand, SNSClient } from '@aws-sdk/client-sns';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient, type AwsStub } from 'aws-sdk-client-mock';

/** Account IDs of the example estate as AWS Organizations would report them (fictional). */
export const ACCOUNT_IDS: Readonly<Record<string, string>> = {
  management: '111111111111',
  security: '444444444444',
  'log-archive': '555555555555',
  network: '666666666666',
  'analytics-dev': '333333333333',
  'clinical-portal-prod': '777777777777',
  backup: '888888888888',
};
const NAME_OF = new Map(Object.entries(ACCOUNT_IDS).map(([name, id]) => [id, name]));

/** What breaks in the broken estate: one failure for every check, each in a named account. */
export type Scenario = 'healthy' | 'broken';

function awsError(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyClient = { config: { credentials: () => Promise<{ accessKeyId: string }>; region: () => Promise<string> } } & any;

/** The account name and Region a mocked call was made in. */
async function where(getClient: () => AnyClient): Promise<{ account: string; region: string }> {
  const config = getClient().config;
  const { accessKeyId } = await config.credentials();
  return { account: NAME_OF.get(accessKeyId) ?? accessKeyId, region: await config.region() };
}

const DELIVERED = new Date('2026-11-29T10:00:00Z');

/** IAM service prefix of each client, to name the actions lz verify calls. */
const IAM_PREFIX = new Map<unknown, string>([
  [STSClient, 'sts'],
  [OrganizationsClient, 'organizations'],
  [CloudTrailClient, 'cloudtrail'],
  [ConfigServiceClient, 'config'],
  [EC2Client, 'ec2'],
  [NetworkFirewallClient, 'network-firewall'],
  [Route53ResolverClient, 'route53resolver'],
  [GuardDutyClient, 'guardduty'],
  [SecurityHubClient, 'securityhub'],
  [AccessAnalyzerClient, 'access-analyzer'],
  [IAMClient, 'iam'],
  [CloudWatchClient, 'cloudwatch'],
  [SNSClient, 'sns'],
  [CloudFormationClient, 'cloudformation'],
]);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const mocks: { prefix: string; stub: AwsStub<any, any, any> }[] = [];

function mock<T>(client: T): ReturnType<typeof mockClient> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const stub = mockClient(client as any);
  mocks.push({ prefix: IAM_PREFIX.get(client)!, stub });
  return stub;
}

export function restoreAwsMocks(): void {
  for (const { stub } of mocks.splice(0)) stub.restore();
}

/** Every IAM action the code under test called, such as cloudtrail:GetTrailStatus. */
export function actionsCalled(): Set<string> {
  const actions = new Set<string>();
  for (const { prefix, stub } of mocks) {
    for (const call of stub.calls()) actions.add(`${prefix}:${(call.args[0] as object).constructor.name.replace(/Command$/, '')}`);
  }
  return actions;
}

/** Installs the recorded responses of a healthy or a broken estate for every client lz verify uses. */
export interface MockOptions {
  /** false: the caller has no credentials at all. */
  readonly callerCredentials?: boolean;
  /** Healthy estate only: what Config has delivered so far (default: configuration history). */
  readonly configDelivered?: 'history' | 'snapshot' | 'nothing';
}

export function installAwsMocks(scenario: Scenario, options: MockOptions = {}): { sts: ReturnType<typeof mockClient> } {
  const broken = scenario === 'broken';

  const sts = mock(STSClient);
  if (options.callerCredentials === false) {
    sts.on(GetCallerIdentityCommand).rejects(awsError('CredentialsProviderError', 'Could not load credentials from any providers'));
  } else {
    sts
      .on(GetCallerIdentityCommand)
      .resolves({ Account: ACCOUNT_IDS.management, Arn: `arn:aws:sts::${ACCOUNT_IDS.management}:assumed-role/lz-pipeline-plan/operator` });
  }
  sts.on(AssumeRoleCommand).callsFake((input: { RoleArn: string }) => {
    const account = /^arn:aws:iam::(\d{12}):role\//.exec(input.RoleArn)![1];
    return {
      Credentials: {
        AccessKeyId: account,
        SecretAccessKey: 'recorded',
        SessionToken: 'recorded',
        Expiration: new Date(Date.now() + 3600_000),
      },
    };
  });

  mock(OrganizationsClient)
    .on(ListAccountsCommand)
    .resolves({
      Accounts: Object.entries(ACCOUNT_IDS).map(([name, id]) => ({
        Id: id,
        Name: name,
        Email: `aws-${name}@example.nhs.uk`,
        Status: 'ACTIVE',
      })),
    });

  mock(CloudTrailClient)
    .on(GetTrailStatusCommand)
    .resolves(
      broken
        ? { IsLogging: true, LatestDeliveryTime: DELIVERED, LatestDeliveryError: 'AccessDenied', LatestDigestDeliveryError: 'AccessDenied' }
        : { IsLogging: true, LatestDeliveryTime: DELIVERED, LatestDigestDeliveryTime: DELIVERED },
    );

  const config = mock(ConfigServiceClient);
  config.on(DescribeConfigurationRecorderStatusCommand).callsFake(async (_input: unknown, getClient: () => AnyClient) => {
    const { account } = await where(getClient);
    const stopped = broken && account === 'analytics-dev';
    return {
      ConfigurationRecordersStatus: [
        {
          name: 'default',
          recording: !stopped,
          lastStatus: stopped ? 'Failure' : 'Success',
          ...(stopped ? { lastErrorCode: 'AccessDeniedException' } : {}),
        },
      ],
    };
  });
  config.on(DescribeDeliveryChannelStatusCommand).callsFake(async (_input: unknown, getClient: () => AnyClient) => {
    const { account, region } = await where(getClient);
    const refused = broken && account === 'log-archive' && region === 'eu-west-1';
    return {
      DeliveryChannelsStatus: [
        {
          name: 'default',
          configHistoryDeliveryInfo: refused
            ? { lastStatus: 'Failure', lastErrorCode: 'AccessDenied', lastErrorMessage: 'Access Denied', lastAttemptTime: DELIVERED }
            : (options.configDelivered ?? 'history') === 'history'
              ? { lastStatus: 'Success', lastAttemptTime: DELIVERED, lastSuccessfulTime: DELIVERED }
              : { lastStatus: 'Not_Applicable' },
          configSnapshotDeliveryInfo:
            options.configDelivered === 'snapshot'
              ? { lastStatus: 'Success', lastAttemptTime: DELIVERED, lastSuccessfulTime: DELIVERED }
              : { lastStatus: 'Not_Applicable' },
          configStreamDeliveryInfo: { lastStatus: 'Not_Applicable' },
        },
      ],
    };
  });

  // Every account baseline logs its default VPC in each Region; in the home Region (eu-west-2) the
  // network stack adds the gateway VPC and the transit gateway, and each workload stack its spoke VPC.
  mock(EC2Client)
    .on(DescribeFlowLogsCommand)
    .callsFake(async (input: { Filter: { Values: string[] }[] }, getClient: () => AnyClient) => {
      const { region } = await where(getClient);
      const stack = input.Filter[0].Values[0];
      const home = region === 'eu-west-2';
      const count = !home ? 1 : stack === 'network' ? 3 : stack.startsWith('workload-') ? 2 : 1;
      return {
        FlowLogs: Array.from({ length: count }, (_, index) => ({
          FlowLogId: `fl-${stack}-${index}`,
          FlowLogStatus: 'ACTIVE',
          ...(broken && home && stack === 'network' && index === 1
            ? { DeliverLogsStatus: 'FAILED', DeliverLogsErrorMessage: 'Access error' }
            : { DeliverLogsStatus: 'SUCCESS' }),
        })),
      };
    });

  mock(NetworkFirewallClient)
    .on(DescribeLoggingConfigurationCommand)
    .resolves({
      LoggingConfiguration: {
        LogDestinationConfigs: [
          {
            LogType: 'FLOW',
            LogDestinationType: 'S3',
            LogDestination: { bucketName: 'exvalley-lz-network-logs-euw2', prefix: 'network-firewall' },
          },
          ...(broken
            ? []
            : [
                {
                  LogType: 'ALERT',
                  LogDestinationType: 'S3',
                  LogDestination: { bucketName: 'exvalley-lz-network-logs-euw2', prefix: 'network-firewall' },
                },
              ]),
        ],
      },
    } as never);

  // The Route 53 Resolver client (3.654.0, the newest published) is built on older @smithy types
  // than the mock's; the cast only bridges the type declarations.
  const resolver = mock(Route53ResolverClient);
  resolver.on(ListResolverQueryLogConfigsCommand as never).resolves({
    ResolverQueryLogConfigs: [{ Name: 'exvalley-resolver-queries', Status: broken ? 'FAILED' : 'CREATED', AssociationCount: 3 }],
  } as never);
  resolver.on(ListResolverQueryLogConfigAssociationsCommand as never).callsFake(async (_input: unknown, getClient: () => AnyClient) => {
    const { account } = await where(getClient);
    const denied = broken && account === 'clinical-portal-prod';
    return {
      ResolverQueryLogConfigAssociations: [
        {
          Id: `rqlca-${account}`,
          ResourceId: `vpc-${account}`,
          Status: denied ? 'FAILED' : 'ACTIVE',
          Error: denied ? 'ACCESS_DENIED' : 'NONE',
        },
      ],
    };
  });

  const guardDuty = mock(GuardDutyClient);
  guardDuty.on(ListDetectorsCommand).callsFake(async (_input: unknown, getClient: () => AnyClient) => {
    const { account, region } = await where(getClient);
    return { DetectorIds: broken && account === 'clinical-portal-prod' && region === 'eu-west-1' ? [] : [`det-${account}`] };
  });
  guardDuty.on(GetDetectorCommand).resolves({ Status: 'ENABLED', ServiceRole: 'AWSServiceRoleForAmazonGuardDuty' } as never);

  mock(SecurityHubClient)
    .on(DescribeHubCommand)
    .callsFake(async (_input: unknown, getClient: () => AnyClient) => {
      const { account } = await where(getClient);
      if (broken && account === 'analytics-dev')
        throw awsError('InvalidAccessException', 'Account 333333333333 is not subscribed to AWS Security Hub');
      return { HubArn: `arn:aws:securityhub:eu-west-2:${ACCOUNT_IDS[account]}:hub/default`, SubscribedAt: '2026-11-29T09:00:00.000Z' };
    });

  // The organization analyzer (security account; broken: trusted access was disabled) and each
  // account's own analyzer in every Region.
  mock(AccessAnalyzerClient)
    .on(ListAnalyzersCommand)
    .callsFake(async (input: { type?: string }, getClient: () => AnyClient) => {
      const { account, region } = await where(getClient);
      if (input.type === 'ORGANIZATION') {
        return {
          analyzers: [
            {
              name: 'exvalley-lz-organization',
              type: 'ORGANIZATION',
              arn: `arn:aws:access-analyzer:${region}:444444444444:analyzer/exvalley-lz-organization`,
              createdAt: DELIVERED,
              ...(broken ? { status: 'FAILED', statusReason: { code: 'AWS_SERVICE_ACCESS_DISABLED' } } : { status: 'ACTIVE' }),
            },
          ],
        };
      }
      return {
        analyzers: [
          {
            name: 'exvalley-lz-account',
            type: 'ACCOUNT',
            arn: `arn:aws:access-analyzer:${region}:${ACCOUNT_IDS[account]}:analyzer/exvalley-lz-account`,
            createdAt: DELIVERED,
            status: 'ACTIVE',
          },
        ],
      };
    });

  mock(IAMClient)
    .on(GetRoleCommand)
    .callsFake(async (input: { RoleName: string }, getClient: () => AnyClient) => {
      const { account } = await where(getClient);
      if (broken && account === 'clinical-portal-prod')
        throw awsError('NoSuchEntityException', `The role with name ${input.RoleName} cannot be found.`);
      // Broken: someone removed the MFA condition from the break-glass trust in analytics-dev.
      const mfa = broken && account === 'analytics-dev' ? {} : { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } };
      const trust = {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:root' }, Action: 'sts:AssumeRole', ...mfa }],
      };
      return {
        Role: {
          RoleName: input.RoleName,
          Path: '/',
          RoleId: 'AROAEXAMPLE',
          Arn: `arn:aws:iam::${ACCOUNT_IDS[account]}:role/${input.RoleName}`,
          CreateDate: DELIVERED,
          AssumeRolePolicyDocument: encodeURIComponent(JSON.stringify(trust)),
        },
      };
    });

  const cloudWatch = mock(CloudWatchClient);
  cloudWatch.on(DescribeAlarmsCommand).callsFake((input: { AlarmNames: string[] }) => {
    const name = input.AlarmNames[0];
    // Broken: the break-glass alarm was never created, and one audit alarm's actions were disabled by hand.
    if (broken && /break-?glass/i.test(name)) return { MetricAlarms: [] };
    const silenced = broken && name === 'lz-root-activity';
    return {
      MetricAlarms: [
        {
          AlarmName: name,
          ActionsEnabled: !silenced,
          AlarmActions: ['arn:aws:sns:eu-west-2:111111111111:exvalley-lz-management-alerts'],
          StateValue: 'OK',
        },
      ],
    };
  });
  cloudWatch.on(SetAlarmStateCommand).resolves({});
  cloudWatch.on(DescribeAlarmHistoryCommand).callsFake((input: { AlarmName: string }) => ({
    AlarmHistoryItems: [
      {
        AlarmName: input.AlarmName,
        HistoryItemType: 'Action',
        Timestamp: new Date(),
        HistorySummary: broken
          ? 'Failed to execute action arn:aws:sns:eu-west-2:111111111111:exvalley-lz-management-alerts. Received error: "CloudWatch Alarms does not have authorization to access the SNS topic encryption key."'
          : 'Successfully executed action arn:aws:sns:eu-west-2:111111111111:exvalley-lz-management-alerts',
      },
    ],
  }));

  mock(SNSClient)
    .on(GetTopicAttributesCommand)
    .callsFake((input: { TopicArn: string }) => ({
      Attributes: {
        TopicArn: input.TopicArn,
        SubscriptionsConfirmed: '1',
        SubscriptionsPending: broken && input.TopicArn.includes('security-findings') ? '1' : '0',
      },
    }));

  mock(CloudFormationClient)
    .on(ListStackInstancesCommand)
    .resolves({
      Summaries: Object.entries(ACCOUNT_IDS)
        .filter(([name]) => name !== 'management')
        .map(([name, id]) => ({
          StackSetId: 'lz-execution-role:1111',
          Region: 'eu-west-2',
          Account: id,
          ...(broken && name === 'clinical-portal-prod'
            ? {
                Status: 'OUTDATED',
                StatusReason:
                  "Account 777777777777 should have 'stacksets-exec-1234' role with trust relationship to Role 'AWSServiceRoleForCloudFormationStackSetsOrgAdmin'.",
              }
            : { Status: 'CURRENT' }),
        })),
    } as never);
  return { sts };
}

// The verifier: applies every check of checks.ts to the estate estate.ts read, through the clients
// it is given, and returns one result per check and subject. It reads only, except for the
// optional test alert, and never stops at the first failure: an API error (including a plan role
// that cannot be assumed) is the failing result of that check, so the table shows every problem.
import { ListAnalyzersCommand } from '@aws-sdk/client-accessanalyzer';
import { ListStackInstancesCommand, type StackInstanceSummary } from '@aws-sdk/client-cloudformation';
import { GetTrailStatusCommand } from '@aws-sdk/client-cloudtrail';
import { DescribeConfigurationRecorderStatusCommand, DescribeDeliveryChannelStatusCommand } from '@aws-sdk/client-config-service';
import { DescribeFlowLogsCommand } from '@aws-sdk/client-ec2';
import { GetDetectorCommand, ListDetectorsCommand } from '@aws-sdk/client-guardduty';
import { GetRoleCommand } from '@aws-sdk/client-iam';
import { DescribeLoggingConfigurationCommand } from '@aws-sdk/client-network-firewall';
import { ListResolverQueryLogConfigAssociationsCommand, ListResolverQueryLogConfigsCommand } from '@aws-sdk/client-route53resolver';
import { DescribeHubCommand } from '@aws-sdk/client-securityhub';
import { GetTopicAttributesCommand } from '@aws-sdk/client-sns';
import { errorText, resolveAccountIds } from './accounts';
import { sendTestAlert, verifyAlarms } from './alarms';
import { checkById, type CheckId } from './checks';
import { concurrencyLimit } from './concurrency';
import type { AccountClients, ClientFactory } from './clients';
import type { EstateTargets } from './estate';

export type Outcome = 'pass' | 'fail';

export interface CheckResult {
  readonly check: CheckId;
  /** Account name from configuration (the StackSet and trail checks run in the management account). */
  readonly account: string;
  readonly region: string;
  /** The resource checked (trail, alarm, StackSet...) or the account itself. */
  readonly subject: string;
  readonly outcome: Outcome;
  /** What AWS returned, in a few words. */
  readonly detail: string;
  /** Present on failures: what to do (from the check catalogue). */
  readonly fix?: string;
}

export interface VerifyOptions {
  /** Set an alarm to ALARM and confirm its SNS action ran (a write; off by default). */
  readonly sendTestAlert?: boolean;
  /** How long to wait for the alarm history after a test alert. */
  readonly testAlertTimeoutMs?: number;
  /** Between reads of the alarm history; tests set it to 0. */
  readonly pollIntervalMs?: number;
  /** How many AWS reads run at once. */
  readonly concurrency?: number;
}

export async function verifyEstate(estate: EstateTargets, clients: ClientFactory, options: VerifyOptions = {}): Promise<CheckResult[]> {
  await clients.checkCallerCredentials();
  const results: CheckResult[] = [];
  const { ids, lookupError } = await resolveAccountIds(estate, clients);

  const record = (check: CheckId, account: string, region: string, subject: string, outcome: Outcome, detail: string) =>
    results.push({ check, account, region, subject, outcome, detail, ...(outcome === 'fail' ? { fix: checkById(check).fix } : {}) });

  // Checks run concurrently (a few at a time, so that large estates finish in minutes without
  // tripping API throttling); each result keeps the position its check was scheduled at.
  const limit = concurrencyLimit(options.concurrency ?? 8);
  const running: Promise<void>[] = [];
  /** Schedules one check against one account and Region; an unknown account or an API error fails it. */
  const inAccount = (
    check: CheckId,
    account: string,
    region: string,
    subject: string,
    body: (aws: AccountClients) => Promise<[Outcome, string]>,
  ): void => {
    const accountId = ids.get(account);
    if (!accountId) {
      record(
        check,
        account,
        region,
        subject,
        'fail',
        lookupError ?? `account ${account} not found in AWS Organizations (no account with its configured email)`,
      );
      return;
    }
    const slot = results.length;
    results.push({ check, account, region, subject, outcome: 'fail', detail: 'not run' });
    running.push(
      limit(async () => {
        let outcome: Outcome;
        let detail: string;
        try {
          [outcome, detail] = await body(clients.forAccount(accountId, region));
        } catch (error) {
          [outcome, detail] = ['fail', errorText(error)];
        }
        results[slot] = { check, account, region, subject, outcome, detail, ...(outcome === 'fail' ? { fix: checkById(check).fix } : {}) };
      }),
    );
  };

  for (const trail of estate.trails) {
    inAccount('cloudtrail-delivery', trail.account, trail.region, trail.name, async (aws) => {
      const status = await aws.cloudTrail().send(new GetTrailStatusCommand({ Name: trail.name }));
      if (!status.IsLogging) return ['fail', 'IsLogging is false'];
      if (status.LatestDeliveryError) return ['fail', `LatestDeliveryError ${status.LatestDeliveryError}`];
      if (!status.LatestDeliveryTime) return ['fail', 'no log file delivered yet'];
      return ['pass', `last delivery ${status.LatestDeliveryTime.toISOString()}`];
    });
    if (!trail.logFileValidation) continue;
    inAccount('cloudtrail-digest-delivery', trail.account, trail.region, trail.name, async (aws) => {
      const status = await aws.cloudTrail().send(new GetTrailStatusCommand({ Name: trail.name }));
      if (status.LatestDigestDeliveryError) return ['fail', `LatestDigestDeliveryError ${status.LatestDigestDeliveryError}`];
      if (!status.LatestDigestDeliveryTime) return ['fail', 'no digest file delivered yet'];
      return ['pass', `last digest ${status.LatestDigestDeliveryTime.toISOString()}`];
    });
  }

  for (const channel of estate.deliveryChannels) {
    inAccount('config-recorder', channel.account, channel.region, 'configuration recorder', async (aws) => {
      const { ConfigurationRecordersStatus: recorders = [] } = await aws.config().send(new DescribeConfigurationRecorderStatusCommand({}));
      if (!recorders.length) return ['fail', 'no configuration recorder'];
      const broken = recorders.find((recorder) => !recorder.recording || recorder.lastStatus === 'Failure');
      if (broken)
        return [
          'fail',
          `${broken.name}: recording ${broken.recording}, lastStatus ${broken.lastStatus}${broken.lastErrorCode ? ` (${broken.lastErrorCode}: ${broken.lastErrorMessage ?? ''})` : ''}`,
        ];
      return ['pass', `recording, lastStatus ${recorders[0].lastStatus}`];
    });
    inAccount('config-delivery', channel.account, channel.region, 'delivery channel', async (aws) => {
      const { DeliveryChannelsStatus: channels = [] } = await aws.config().send(new DescribeDeliveryChannelStatusCommand({}));
      if (!channels.length) return ['fail', 'no delivery channel'];
      for (const status of channels) {
        for (const [label, info] of [
          ['configHistoryDeliveryInfo', status.configHistoryDeliveryInfo],
          ['configSnapshotDeliveryInfo', status.configSnapshotDeliveryInfo],
        ] as const) {
          if (info?.lastStatus === 'Failure')
            return [
              'fail',
              `${status.name} ${label}.lastStatus Failure (${info.lastErrorCode ?? 'no code'}: ${info.lastErrorMessage ?? ''})`,
            ];
        }
        // History arrives every 6 hours; a snapshot delivered on request proves the same path sooner.
        const delivered = [status.configHistoryDeliveryInfo, status.configSnapshotDeliveryInfo].some(
          (info) => info?.lastStatus === 'Success',
        );
        if (!delivered)
          return [
            'fail',
            `${status.name}: nothing delivered yet (history ${status.configHistoryDeliveryInfo?.lastStatus ?? 'none'}, snapshot ${status.configSnapshotDeliveryInfo?.lastStatus ?? 'none'})`,
          ];
      }
      return ['pass', 'delivered to the config bucket'];
    });
  }

  for (const flowLogs of estate.flowLogs) {
    inAccount('flow-log-delivery', flowLogs.account, flowLogs.region, `${flowLogs.count} flow log(s) of ${flowLogs.stack}`, async (aws) => {
      // Every resource carries the provider's default tag lz:stack, so the filter finds exactly this stack's flow logs.
      const { FlowLogs: found = [] } = await aws
        .ec2()
        .send(new DescribeFlowLogsCommand({ Filter: [{ Name: 'tag:lz:stack', Values: [flowLogs.stack] }] }));
      const failed = found.filter((flowLog) => flowLog.DeliverLogsStatus !== 'SUCCESS');
      if (failed.length)
        return [
          'fail',
          failed
            .map(
              (flowLog) =>
                `${flowLog.FlowLogId} ${flowLog.DeliverLogsStatus ?? 'no status'}${flowLog.DeliverLogsErrorMessage ? ` (${flowLog.DeliverLogsErrorMessage})` : ''}`,
            )
            .join('; '),
        ];
      if (found.length < flowLogs.count) return ['fail', `${found.length} of ${flowLogs.count} flow logs exist`];
      return ['pass', `${found.length} delivering`];
    });
  }

  for (const firewall of estate.firewalls) {
    inAccount('firewall-logging', firewall.account, firewall.region, firewall.name, async (aws) => {
      const response = await aws.networkFirewall().send(new DescribeLoggingConfigurationCommand({ FirewallName: firewall.name }));
      const configured: string[] = (response.LoggingConfiguration?.LogDestinationConfigs ?? [])
        .filter((entry) => entry.LogDestinationType === 'S3')
        .map((entry) => entry.LogType ?? '');
      const absent = firewall.logTypes.filter((type) => !configured.includes(type));
      if (absent.length) return ['fail', `no S3 logging for ${absent.join(', ')}`];
      return ['pass', `${firewall.logTypes.join(', ')} to S3`];
    });
  }

  for (const queryLog of estate.queryLogConfigs) {
    inAccount('query-log-config', queryLog.account, queryLog.region, queryLog.name, async (aws) => {
      const { ResolverQueryLogConfigs: found = [] } = await aws
        .route53Resolver()
        .send(new ListResolverQueryLogConfigsCommand({ Filters: [{ Name: 'Name', Values: [queryLog.name] }] }));
      const config = found.find((candidate) => candidate.Name === queryLog.name);
      if (!config) return ['fail', 'query-log configuration not found'];
      if (config.Status !== 'CREATED') return ['fail', `Status ${config.Status}`];
      return ['pass', `CREATED, ${config.AssociationCount ?? 0} association(s)`];
    });
  }

  for (const associations of estate.queryLogAssociations) {
    inAccount(
      'query-log-association',
      associations.account,
      associations.region,
      `${associations.count} association(s) of ${associations.stack}`,
      async (aws) => {
        const { ResolverQueryLogConfigAssociations: found = [] } = await aws
          .route53Resolver()
          .send(new ListResolverQueryLogConfigAssociationsCommand({}));
        const broken = found.filter(
          (association) => association.Status !== 'ACTIVE' || (association.Error && association.Error !== 'NONE'),
        );
        if (broken.length)
          return [
            'fail',
            broken
              .map((association) =>
                `${association.ResourceId} ${association.Status} ${association.Error ?? ''} ${association.ErrorMessage ?? ''}`.trim(),
              )
              .join('; '),
          ];
        if (found.length < associations.count) return ['fail', `${found.length} of ${associations.count} associations exist`];
        return ['pass', `${found.length} ACTIVE`];
      },
    );
  }

  for (const account of estate.accounts) {
    for (const region of estate.regions) {
      inAccount('guardduty-enabled', account.name, region, account.name, async (aws) => {
        const { DetectorIds: detectors = [] } = await aws.guardDuty().send(new ListDetectorsCommand({}));
        if (!detectors.length) return ['fail', 'no detector'];
        const detector = await aws.guardDuty().send(new GetDetectorCommand({ DetectorId: detectors[0] }));
        if (detector.Status !== 'ENABLED') return ['fail', `detector ${detectors[0]} Status ${detector.Status}`];
        return ['pass', `detector ${detectors[0]} ENABLED`];
      });
      inAccount('securityhub-enabled', account.name, region, account.name, async (aws) => {
        try {
          const hub = await aws.securityHub().send(new DescribeHubCommand({}));
          return ['pass', `subscribed since ${hub.SubscribedAt ?? 'unknown'}`];
        } catch (error) {
          if ((error as Error).name === 'InvalidAccessException') return ['fail', 'not subscribed to Security Hub'];
          throw error;
        }
      });
    }
  }

  for (const analyzer of estate.analyzers) {
    inAccount('access-analyzer-active', analyzer.account, analyzer.region, analyzer.name, async (aws) => {
      const { analyzers = [] } = await aws.accessAnalyzer().send(new ListAnalyzersCommand({ type: analyzer.type }));
      const found = analyzers.find((candidate) => candidate.name === analyzer.name);
      if (!found) return ['fail', `${analyzer.type === 'ORGANIZATION' ? 'organization' : 'account'} analyzer not found`];
      if (found.status !== 'ACTIVE')
        return ['fail', `status ${found.status}${found.statusReason?.code ? ` (${found.statusReason.code})` : ''}`];
      return ['pass', 'ACTIVE'];
    });
  }

  for (const account of estate.accounts.filter((candidate) => !candidate.isManagement)) {
    inAccount('execution-role-present', account.name, estate.homeRegion, estate.executionRoleName, async (aws) => {
      try {
        const { Role: role } = await aws.iam().send(new GetRoleCommand({ RoleName: estate.executionRoleName }));
        return ['pass', `created ${role?.CreateDate?.toISOString() ?? 'at an unknown time'}`];
      } catch (error) {
        if ((error as Error).name === 'NoSuchEntityException') return ['fail', `role ${estate.executionRoleName} does not exist`];
        throw error;
      }
    });
  }

  for (const account of estate.accounts.filter((candidate) => !candidate.isManagement)) {
    inAccount('break-glass-role-present', account.name, estate.homeRegion, estate.breakGlassRoleName, async (aws) => {
      try {
        const { Role: role } = await aws.iam().send(new GetRoleCommand({ RoleName: estate.breakGlassRoleName }));
        // IAM returns the trust policy URL-encoded.
        const trust = decodeURIComponent(role?.AssumeRolePolicyDocument ?? '');
        if (!/"aws:MultiFactorAuthPresent"\s*:\s*"?true"?/.test(trust))
          return ['fail', 'the trust policy does not require MFA (aws:MultiFactorAuthPresent)'];
        return ['pass', 'exists, trust requires MFA'];
      } catch (error) {
        if ((error as Error).name === 'NoSuchEntityException') return ['fail', `role ${estate.breakGlassRoleName} does not exist`];
        throw error;
      }
    });
  }

  verifyAlarms(estate, record, inAccount);

  for (const topic of estate.alertTopics) {
    inAccount('alert-topic-subscribed', topic.account, topic.region, topic.name, async (aws) => {
      const accountId = ids.get(topic.account);
      const arn = `arn:aws:sns:${topic.region}:${accountId}:${topic.name}`;
      const { Attributes: attributes = {} } = await aws.sns().send(new GetTopicAttributesCommand({ TopicArn: arn }));
      const confirmed = Number(attributes.SubscriptionsConfirmed ?? 0);
      const pending = Number(attributes.SubscriptionsPending ?? 0);
      if (confirmed < 1 || pending > 0) return ['fail', `${confirmed} confirmed, ${pending} pending subscription(s)`];
      return ['pass', `${confirmed} confirmed subscription(s)`];
    });
  }

  const management = estate.accounts.find((account) => account.isManagement)!;
  for (const stackSet of estate.stackSets) {
    inAccount('stackset-instances-current', stackSet.account, stackSet.region, stackSet.name, async (aws) => {
      const instances: StackInstanceSummary[] = [];
      let token: string | undefined;
      do {
        const page = await aws.cloudFormation().send(new ListStackInstancesCommand({ StackSetName: stackSet.name, NextToken: token }));
        instances.push(...(page.Summaries ?? []));
        token = page.NextToken;
      } while (token);
      const stale = instances.filter((instance) => instance.Status !== 'CURRENT');
      // Service-managed StackSets never deploy to the management account.
      const members = estate.accounts.filter((account) => account !== management);
      const uncovered = members.filter((account) => !instances.some((instance) => instance.Account === ids.get(account.name)));
      const problems = [
        ...stale.map(
          (instance) =>
            `${instance.Account} ${instance.Region} ${instance.Status}${instance.StatusReason ? ` (${instance.StatusReason})` : ''}`,
        ),
        ...uncovered.map((account) => `${account.name}: no instance`),
      ];
      if (problems.length) return ['fail', problems.join('; ')];
      return ['pass', `${instances.length} instance(s) CURRENT`];
    });
  }

  await Promise.all(running);
  if (options.sendTestAlert) await sendTestAlert(estate, clients, record, options);
  return results;
}

// The alarm checks of the verifier: every synthesized alarm wired to SNS, the break-glass alarms in
// particular, every alert topic with a confirmed subscriber, and the opt-in test alert that proves
// CloudWatch can publish to the alert topic.
import { DescribeAlarmHistoryCommand, DescribeAlarmsCommand, SetAlarmStateCommand } from '@aws-sdk/client-cloudwatch';
import { GetTopicAttributesCommand } from '@aws-sdk/client-sns';
import { errorText } from './accounts';
import type { CheckId } from './checks';
import type { ClientFactory } from './clients';
import type { EstateTargets } from './estate';
import type { InAccount, Record, VerifyOptions } from './types';

export type { InAccount, Record } from './types';

/** Alarms whose name or description mentions break-glass (or the configured role name). */
export function isBreakGlassAlarm(alarm: { name: string; description: string }, breakGlassRoleName: string): boolean {
  const text = `${alarm.name} ${alarm.description}`.toLowerCase();
  return /break-?glass/.test(text) || text.includes(breakGlassRoleName.toLowerCase());
}

export function verifyAlarms(estate: EstateTargets, record: Record, inAccount: InAccount): void {
  const breakGlass = estate.alarms.filter((alarm) => isBreakGlassAlarm(alarm, estate.breakGlassRoleName));
  if (!breakGlass.length) {
    record(
      'break-glass-alarm-wired',
      'management',
      estate.homeRegion,
      estate.breakGlassRoleName,
      'fail',
      'the synthesized estate has no break-glass alarm',
    );
  }
  for (const alarm of estate.alarms) {
    const check: CheckId = breakGlass.includes(alarm) ? 'break-glass-alarm-wired' : 'alarm-wired';
    inAccount(check, alarm.account, alarm.region, alarm.name, async (aws) => {
      const { MetricAlarms: found = [] } = await aws.cloudWatch().send(new DescribeAlarmsCommand({ AlarmNames: [alarm.name] }));
      const live = found.find((candidate) => candidate.AlarmName === alarm.name);
      if (!live) return ['fail', 'alarm does not exist'];
      if (!live.ActionsEnabled) return ['fail', 'alarm actions are disabled'];
      if (!(live.AlarmActions ?? []).some((action) => action.startsWith('arn:aws:sns:'))) return ['fail', 'no SNS alarm action'];
      return ['pass', `notifies ${(live.AlarmActions ?? []).filter((action) => action.startsWith('arn:aws:sns:')).join(', ')}`];
    });
  }
}

/** Every alert topic has a confirmed subscription and none pending. */
export function verifyAlertTopics(estate: EstateTargets, ids: ReadonlyMap<string, string>, inAccount: InAccount): void {
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
}

/**
 * Sets one alarm (a break-glass alarm when there is one) to ALARM with the caller's credentials and
 * waits for its history to show the SNS action's result. CloudWatch re-evaluates the alarm at its
 * next period and returns it to its real state.
 */
export async function sendTestAlert(estate: EstateTargets, clients: ClientFactory, record: Record, options: VerifyOptions): Promise<void> {
  const candidates = estate.alarms.filter((alarm) => alarm.account === 'management');
  const alarm = candidates.find((candidate) => isBreakGlassAlarm(candidate, estate.breakGlassRoleName)) ?? candidates[0];
  if (!alarm) {
    record('test-alert-delivered', 'management', estate.homeRegion, '-', 'fail', 'no alarm in the management account to test with');
    return;
  }
  const cloudWatch = clients.asCaller(alarm.region).cloudWatch();
  try {
    const started = new Date();
    await cloudWatch.send(
      new SetAlarmStateCommand({
        AlarmName: alarm.name,
        StateValue: 'ALARM',
        StateReason: 'lz verify --send-test-alert: testing that the alarm action reaches the alert topic',
      }),
    );
    const deadline = Date.now() + (options.testAlertTimeoutMs ?? 120_000);
    for (;;) {
      const { AlarmHistoryItems: items = [] } = await cloudWatch.send(
        new DescribeAlarmHistoryCommand({ AlarmName: alarm.name, HistoryItemType: 'Action', StartDate: started }),
      );
      const action = items.find((item) => item.HistorySummary?.includes('arn:aws:sns:'));
      if (action) {
        const ok = /^Successfully executed action/i.test(action.HistorySummary ?? '');
        record('test-alert-delivered', alarm.account, alarm.region, alarm.name, ok ? 'pass' : 'fail', action.HistorySummary ?? '');
        return;
      }
      if (Date.now() >= deadline) {
        record(
          'test-alert-delivered',
          alarm.account,
          alarm.region,
          alarm.name,
          'fail',
          'no alarm action recorded in the alarm history before the timeout',
        );
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, options.pollIntervalMs ?? 5_000));
    }
  } catch (error) {
    record('test-alert-delivered', alarm.account, alarm.region, alarm.name, 'fail', errorText(error));
  }
}
